import DebriefKit
import XCTest

/// Debian's cmark-gfm (0.29.0.gfm.6) ticks a task item when `[x]` appears anywhere on its first
/// line. The box as written decides, in the blocks debrief reads and in the HTML it renders.
final class TaskCheckboxTests: XCTestCase {
    private func items(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        var found: [MarkdownBlock] = []
        var stack = blocks
        while let block = stack.popLast() {
            if block.kind == .item { found.append(block) }
            stack += block.children
        }
        return found.sorted { $0.line < $1.line }
    }

    func test_item1_theBoxAsWrittenDecidesNotAnXInTheText() throws {
        let markdown = "- [ ] Read [x] docs\n- [x] Done [ ] here\n* [ ] Quote `[x]`\r\n12) [X] Ordered\n- [ ] Link [x](http://a/(b))\n"
        let result = CMark.process(markdown, RenderRequest(options: .site))
        XCTAssertEqual(items(result.blocks).map(\.checked), [false, true, false, true, false])
        let html = try XCTUnwrap(result.html)
        XCTAssertEqual(html.components(separatedBy: "checked=\"\"").count - 1, 2, html)
        XCTAssertTrue(html.contains("<li><input type=\"checkbox\" disabled=\"\" /> Read [x] docs</li>"), html)
    }
}
