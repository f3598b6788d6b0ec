import Foundation
import XCTest

/// Fixture files of the sync and audit tests, and scratch copies for tests that write.
enum SyncFixtures {
    /// `Tests/DebriefKitTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The bytes of a fixture file, by path under `Fixtures/`.
    static func bytes(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let url = directory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            XCTFail("missing fixture \(path)", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return Array(data)
    }

    /// A fresh copy of a fixture folder in a temporary directory, removed by the test's teardown.
    static func scratchCopy(of path: String, in testCase: XCTestCase) throws -> URL {
        let scratch = try scratchDirectory(in: testCase)
        let copy = scratch.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent)
        try FileManager.default.copyItem(at: directory.appendingPathComponent(path), to: copy)
        return copy
    }

    /// A new empty temporary directory, removed by the test's teardown.
    static func scratchDirectory(in testCase: XCTestCase) throws -> URL {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("debrief-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        testCase.addTeardownBlock { try? FileManager.default.removeItem(at: scratch) }
        return scratch
    }
}
