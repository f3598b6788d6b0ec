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
    /// SARIF rules take their name and default level from the code; the table says the same.
    func test_item1_tableAgreesWithEachCodesNameAndDefaultSeverity() throws {
        let rows = try document().split(separator: "\n").filter { $0.hasPrefix("| [DB") }
        var seen: [String] = []
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let rawValue = String(cells[0].dropFirst().prefix(5))
            let code = try XCTUnwrap(DiagnosticCode(rawValue: rawValue), String(row))
            XCTAssertEqual(cells[1], "`\(code.name)`", rawValue)
            XCTAssertEqual(cells[2].split(separator: " ").first.map(String.init), code.defaultSeverity.rawValue, rawValue)
            XCTAssertFalse(code.summary.isEmpty, rawValue)
            seen.append(rawValue)
        }
        XCTAssertEqual(seen.sorted(), DiagnosticCode.allCases.map(\.rawValue).sorted())
    }

    /// A SARIF rule's help link ends in `#db070`: every code needs that anchor, whatever its heading says.
    func test_item1_everyCodeHasAnAnchorOfItsOwnName() throws {
        let text = try document()
        for code in DiagnosticCode.allCases {
            let anchor = code.rawValue.lowercased()
            XCTAssertTrue(text.contains("\n### \(code.rawValue)\n") || text.contains("<a id=\"\(anchor)\"></a>"), "no #\(anchor) in docs/diagnostics.md")
        }
    }
}
