import Foundation
import XCTest

/// Golden files: expected output kept beside the tests. `DEBRIEF_RECORD=1 swift test` rewrites
/// them from the actual output, and a recording run fails, so a recording is never mistaken
/// for a pass.
public enum Golden {
    /// Whether this run records instead of comparing.
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["DEBRIEF_RECORD"] == "1"
    }

    /// Compares `actual` with the golden file at `url`, or records it.
    public static func assertMatches(_ actual: String, golden url: URL,
                                     file: StaticString = #filePath, line: UInt = #line) {
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                XCTFail("recorded \(url.lastPathComponent); run again without DEBRIEF_RECORD to compare", file: file, line: line)
            } catch {
                XCTFail("cannot record \(url.path): \(error)", file: file, line: line)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            XCTFail("no golden file \(url.path); record it with DEBRIEF_RECORD=1", file: file, line: line)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            XCTFail("output differs from \(url.lastPathComponent):\n\(Self.firstDifference(expected, actual))", file: file, line: line)
        }
    }

    /// A short description of the first differing line.
    public static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < b.count ? String(b[index]) : "<end>"
            if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
        }
        return "(same lines, different bytes)"
    }
}
