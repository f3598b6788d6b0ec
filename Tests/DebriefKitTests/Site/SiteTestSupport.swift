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

/// Every page of a built site folder (without debrief's marker and cache), by path.
enum SitePages {
    static func read(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
        for case let relative as String in walker {
            guard !SiteLayout.isInternal(relative) else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: base + "/" + relative)
            }
        }
        return result
    }
}

extension XCTestCase {
    /// Fails unless two built site folders hold the same pages, byte for byte.
    func assertSameSite(_ left: URL, _ right: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = try SitePages.read(left), b = try SitePages.read(right)
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted(), file: file, line: line)
        for (path, data) in a where b[path] != data {
            XCTFail("\(path) differs from a full build", file: file, line: line)
        }
    }
}
