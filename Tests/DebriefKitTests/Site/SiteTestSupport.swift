import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// Builds fixture repos into memory for the site tests.
enum SiteFixture {
    /// `Tests/DebriefKitTests/Fixtures/<name>`.
    static func repo(_ name: String) -> URL {
        TestPaths.fixtures("DebriefKitTests").appendingPathComponent(name)
    }

    /// The example knowledge repo.
    static var example: URL { TestPaths.exampleRepo }

    /// The day every test build computes overdue marks for.
    static let asOf = CalendarDate("2026-12-01")

    /// Builds `root` into a fresh in-memory site.
    static func build(_ root: URL, baseURL: String? = nil, allowErrors: Bool = false,
                      writer: MemorySiteWriter = MemorySiteWriter()) throws -> (BuildReport, MemorySiteWriter) {
        let options = BuildOptions(root: root, baseURL: baseURL, allowErrors: allowErrors, asOf: asOf)
        let report = try SiteBuilder(options: options, writer: writer).build()
        return (report, writer)
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        try FixtureRepo.temporaryDirectory(testCase: test)
    }

    /// Copies a repo into a temporary folder so a test can change it.
    static func copy(_ root: URL, into folder: URL, named name: String = "repo") throws -> URL {
        let target = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: root, to: target)
        return target
    }
}

extension MemorySiteWriter {
    /// A page as text, failing the test when it is missing.
    func page(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        guard let text = text(path) else {
            XCTFail("no page \(path); pages: \(pages.keys.sorted().prefix(20))", file: file, line: line)
            return ""
        }
        return text
    }
}
