import DebriefKit
import XCTest

/// Big but honest documents are read completely.
final class LargeDocumentTests: XCTestCase {
    func test_actionTableWith10000Rows() {
        let rows = (0..<10_000).map { "| A\($0) | Action \($0) | @owner | 2026-04-01 | open |" }.joined(separator: "\n")
        let (pm, diagnostics) = readPostmortem(frontMatter() + "## Preventive Actions\n\n| ID | Action | Owner | Due | Status |\n|---|---|---|---|---|\n" + rows + "\n")
        XCTAssertEqual(diagnostics.count, 0)
        XCTAssertEqual(pm.actions.count, 10_000)
        XCTAssertEqual(pm.actions.last?.key, "INC-1/A9999")
        XCTAssertEqual(pm.actions.last?.location.line, 10_000 + 11)
    }

    func test_fiveMegabyteBody() {
        let paragraph = String(repeating: "Lorem ipsum ~~dolor~~ sit www.example.com amet. ", count: 20) + "\n\n"
        let body = String(repeating: paragraph, count: 5 * 1024 * 1024 / paragraph.utf8.count + 1)
        let (pm, diagnostics) = readPostmortem(frontMatter() + "## Summary\n\n" + body)
        XCTAssertEqual(diagnostics.count, 0)
        XCTAssertGreaterThan(pm.body.utf8.count, 5 * 1024 * 1024)
        XCTAssertEqual(pm.section("Summary")?.hasContent, true)
        XCTAssertEqual(pm.sections.map(\.name), ["Summary"])
    }
}
