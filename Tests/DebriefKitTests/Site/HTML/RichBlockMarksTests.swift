@testable import DebriefKit
import XCTest

/// A rendered body cut at the marks the reader put around its timeline and actions blocks.
final class RichBlockMarksTests: XCTestCase {
    func testABodyIsCutAtItsMarksAndAnythingElseIsText() throws {
        let html = "<p>café ✓</p>\n<!--debrief:actions table 0-->\n<table><tr><td>é</td></tr></table>\n<!--/debrief-->\n"
            + "<p>ü<!--debrief:bogus table-->tail</p>\n"
            + "<!--debrief:timeline list 0:1:-:5 1:2:0.2:0-->\n<ol><li>x</li></ol>\n<!--/debrief-->"
            + "<p>after 🚒</p><!--debrief:actions table 1-->no close"
        let parts = RichBlockMarks.split(html)
        XCTAssertEqual(parts.count, 5)
        guard parts.count == 5 else { return }
        XCTAssertEqual(parts[0], .html("<p>café ✓</p>\n"))
        XCTAssertEqual(parts[1], .block(.actions(.table, table: 0), html: "\n<table><tr><td>é</td></tr></table>\n"))
        // A mark that does not parse is left in the text as it is.
        XCTAssertEqual(parts[2], .html("\n<p>ü<!--debrief:bogus table-->tail</p>\n"))
        XCTAssertEqual(parts[3], .block(.timeline(.list, [
            RichBlocks.Row(position: 0, entry: 1, hiddenCells: [], timePrefix: 5),
            RichBlocks.Row(position: 1, entry: 2, hiddenCells: [0, 2], timePrefix: 0),
        ]), html: "\n<ol><li>x</li></ol>\n"))
        // A mark without its close is text too.
        XCTAssertEqual(parts[4], .html("<p>after 🚒</p><!--debrief:actions table 1-->no close"))
    }

    func testABodyWithoutMarksIsOnePartAndAnEmptyOneNone() {
        XCTAssertEqual(RichBlockMarks.split("<p>plain ✓</p>\n"), [.html("<p>plain ✓</p>\n")])
        XCTAssertEqual(RichBlockMarks.split(""), [])
    }

    /// Marks that do not parse or never close are text, however many there are (each marker is
    /// looked for forward once, so such a body is read in one pass).
    func testManyMarksWithoutTheirEndsAreText() {
        let noHeadEnd = String(repeating: "<p><!--debrief:x</p>", count: 20_000)
        XCTAssertEqual(RichBlockMarks.split(noHeadEnd), [.html(noHeadEnd)])
        let oneHeadEnd = String(repeating: "<!--debrief:", count: 20_000) + "bogus-->no close"
        XCTAssertEqual(RichBlockMarks.split(oneHeadEnd), [.html(oneHeadEnd)])
        let thenAMark = oneHeadEnd + "<!--debrief:actions table 1-->\n<table></table>\n<!--/debrief-->"
        let parts = RichBlockMarks.split(thenAMark)
        XCTAssertEqual(parts.last, .block(.actions(.table, table: 1), html: "\n<table></table>\n"))
        XCTAssertEqual(parts.first, .html(oneHeadEnd))
        XCTAssertEqual(parts.count, 2)
    }
}
