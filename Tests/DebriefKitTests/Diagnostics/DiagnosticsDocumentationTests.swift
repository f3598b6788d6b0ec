import DebriefKit
import DebriefTestSupport
import XCTest

/// docs/diagnostics.md explains every code, and its example output lines are what check prints.
final class DiagnosticsDocumentationTests: XCTestCase {
    private func document() throws -> String {
        try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
    }

    func test_everyCodeHasASection() throws {
        let text = try document()
        XCTAssertTrue(text.hasPrefix("# Diagnostics\n"))
        // `### DB001` or `### DB090: a short title`.
        let headings = Set(text.split(separator: "\n").filter { $0.hasPrefix("### DB") }.map { String($0.dropFirst(4).prefix(5)) })
        let codes = Set(DiagnosticCode.allCases.map(\.rawValue))
        XCTAssertEqual(codes.subtracting(headings).sorted(), [], "codes without a section")
        XCTAssertEqual(headings.subtracting(codes).sorted(), [], "sections for codes that do not exist")
    }

    func test_exampleOutputLinesHaveTheTextFormat() throws {
        let text = try document()
        let lines = text.split(separator: "\n").filter { $0.contains(": error: [DB") || $0.contains(": warning: [DB") }
        XCTAssertGreaterThanOrEqual(lines.count, 35)
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 3)
            XCTAssertEqual(parts.count, 4, String(line))
            XCTAssertNotNil(Int(parts[1]), String(line))
            XCTAssertNotNil(Int(parts[2]), String(line))
        }
    }
}
