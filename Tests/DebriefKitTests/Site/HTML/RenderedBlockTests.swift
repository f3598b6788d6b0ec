@testable import DebriefKit
import XCTest

/// Reading cells and items back out of cmark-gfm's HTML for the post-mortem page's rich views.
final class RenderedBlockTests: XCTestCase {
    func testTableCellsAreTheCellsNotTheSectionsAroundThem() {
        let html = """
            <table>
            <thead>
            <tr>
            <th>Time</th>
            <th align="right">Event</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>09:00</td>
            <td align="right">Deploy of <code>api</code> &amp; <a href="https://x.example/track">track</a></td>
            </tr>
            <tr>
            <td>09:05</td>
            <td></td>
            </tr>
            </tbody>
            </table>
            """
        let table = RenderedBlock.table(html)
        XCTAssertEqual(table.header, ["Time", "Event"], "<thead> is not a header cell")
        XCTAssertEqual(table.rows, [["09:00", "Deploy of <code>api</code> &amp; <a href=\"https://x.example/track\">track</a>"], ["09:05", ""]])
    }

    func testATableWithoutABodyHasOnlyItsHeader() {
        let table = RenderedBlock.table("<table>\n<thead>\n<tr>\n<th>A</th>\n</tr>\n</thead>\n</table>\n")
        XCTAssertEqual(table.header, ["A"])
        XCTAssertEqual(table.rows, [])
    }
}
