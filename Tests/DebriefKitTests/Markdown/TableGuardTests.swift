import DebriefKit
import XCTest

/// Tables over the limits never reach cmark-gfm's table extension, whose row splitting is
/// quadratic in a row's cells: the table is read as text and DB100 is reported at its
/// delimiter row; the rest of the document is read as usual.
final class TableGuardTests: XCTestCase {
    private func row(_ cell: String, _ count: Int) -> String { "|" + String(repeating: cell + "|", count: count) + "\n" }

    private let actions = "## Preventive Actions\n\n| ID | Action | Owner | Due | Status |\n|---|---|---|---|---|\n| PA-1 | Fix | @o | 2026-04-01 | open |\n"

    func test_item10_aTableOf10000ColumnsIsReadFastWithDB100AtItsDelimiterRow() {
        let text = frontMatter() + "## Summary\n\nWide:\n\n" + row("a", 10_000) + row("-", 10_000) + row("b", 10_000) + "\n" + actions
        let start = Date()
        let (pm, diagnostics) = readPostmortem(text)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2, "10,000 columns took 3 s in cmark-gfm alone")
        XCTAssertEqual(diagnostics.map(\.code), [.tableTooLarge])
        XCTAssertEqual(diagnostics.first?.location, SourceLocation(file: "postmortems/a.md", line: 13, column: 1))
        XCTAssertEqual(diagnostics.first?.message.hasPrefix("this table has 10000 columns, more than the 256 debrief reads"), true)
        XCTAssertEqual(pm.actions.map(\.id), ["PA-1"], "the other table is read as usual")
        XCTAssertEqual(pm.actions.first?.location.line, 20, "line numbers after the table are unchanged")
    }

    func test_item10_theTableIsShownAsTextAndTheRestRendered() {
        let result = CMark.process("Wide:\n\n" + row("a", 300) + row("-", 300) + "\n| x |\n|---|\n| 1 |\n", RenderRequest(options: .site))
        XCTAssertEqual(result.oversizedTables.map(\.line), [4])
        let html = result.html ?? ""
        XCTAssertTrue(html.contains("<p>|a|a|"), html.prefix(80).description)
        XCTAssertTrue(html.contains("\n|-|-|"), "the escaping backslash does not show")
        XCTAssertTrue(html.contains("<table>\n<thead>\n<tr>\n<th>x</th>"))
        XCTAssertEqual(html.components(separatedBy: "<table>").count, 2, "one table: the small one")
    }

    func test_item10_wideHeaderRowsAndBodyRowsAreBoundedToo() {
        // cmark splits a header row whenever a delimiter row follows, and a body row whatever
        // the table's width: both are quadratic in the row's cells.
        let header = CMark.process(row("a", 5_000) + "|-|-|\n", RenderRequest(options: .site))
        XCTAssertEqual(header.oversizedTables.map(\.line), [2])
        XCTAssertTrue(header.oversizedTables.first?.reason.hasPrefix("the header row of this table has up to 5000 cells") == true)
        let body = CMark.process("| a | b |\n|---|---|\n" + row("c", 5_000), RenderRequest(options: .site))
        XCTAssertEqual(body.oversizedTables.map(\.line), [2])
        XCTAssertTrue(body.oversizedTables.first?.reason.hasPrefix("a row of this table has up to 5000 cells") == true)
    }

    func test_item10_tablesOverTheCellLimitAreBounded() {
        let rows = String(repeating: row("b", 10), count: TableGuard.maxCells / 10)
        let result = CMark.process(row("a", 10) + row("-", 10) + rows, RenderRequest(options: .site))
        XCTAssertEqual(result.oversizedTables.map(\.line), [2])
        XCTAssertTrue(result.oversizedTables.first?.reason.contains("cells (10 columns × 10002 rows)") == true)
    }

    func test_item10_limitsLeaveRealTablesAndCodeAlone() {
        let fine = CMark.process(row("a", TableGuard.maxColumns) + row("-", TableGuard.maxColumns) + row("b", TableGuard.maxColumns), RenderRequest(options: .site))
        XCTAssertEqual(fine.oversizedTables, [])
        XCTAssertTrue(fine.html?.hasPrefix("<table>") == true)
        let code = "```\n" + row("a", 300) + row("-", 300) + "```\n"
        let inCode = CMark.process(code, RenderRequest(options: .site))
        XCTAssertEqual(inCode.oversizedTables, [], "a code block is not a table")
        XCTAssertFalse(inCode.html?.contains("\\") == true, "and its text is not changed")
        let bare = CMark.process(row("a", 300) + row("-", 300), RenderRequest(options: .bare))
        XCTAssertEqual(bare.oversizedTables, [], "without the table extension there are no tables")
    }
}
