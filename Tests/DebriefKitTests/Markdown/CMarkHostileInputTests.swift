import DebriefKit
import XCTest

/// Nesting that no real document has must neither crash (stack overflow in a recursive walk)
/// nor hang. cmark-gfm's own parser and renderer are iterative; the walk into Swift values
/// stops copying below a fixed depth.
final class CMarkHostileInputTests: XCTestCase {
    private func process(_ markdown: String) -> MarkdownResult {
        CMark.process(markdown, RenderRequest(options: .site, anchorHeadings: true))
    }

    private func depth(_ blocks: [MarkdownBlock]) -> Int {
        var deepest = 0
        var stack = blocks.map { ($0, 1) }
        while let (block, level) = stack.popLast() {
            deepest = max(deepest, level)
            stack += block.children.map { ($0, level + 1) }
        }
        return deepest
    }

    func test_100000NestedBlockQuotes() throws {
        let result = process(String(repeating: ">", count: 100_000) + " deep [link](../sops/x.md)\n")
        let html = try XCTUnwrap(result.html)
        XCTAssertTrue(html.hasPrefix("<blockquote>\n<blockquote>\n"))
        XCTAssertTrue(html.contains("deep <a href=\"../sops/x.md\">link</a>"))
        XCTAssertLessThanOrEqual(depth(result.blocks), 50, "the Swift copy stops at a fixed depth")
        XCTAssertTrue(result.blocks[0].hasContent, "a section holding only deep nesting is not empty")
        XCTAssertEqual(result.links.map(\.destination), ["../sops/x.md"], "links below the cut-off are still found")
    }

    func test_100000NestedListItems() throws {
        let result = process(String(repeating: "- ", count: 100_000) + "x\n")
        XCTAssertTrue(try XCTUnwrap(result.html).hasPrefix("<ul>\n<li>\n<ul>\n<li>\n"))
        XCTAssertLessThanOrEqual(depth(result.blocks), 50)
    }

    func test_deeplyIndentedListLines() throws {
        var markdown = ""
        for level in 0..<3_000 { markdown += String(repeating: "  ", count: level) + "- item \(level)\n" }
        let result = process(markdown)
        XCTAssertTrue(try XCTUnwrap(result.html).contains("item 2999"))
    }

    func test_100000OpeningBracketsAndEmphasis() throws {
        let brackets = process(String(repeating: "[", count: 100_000) + "x" + String(repeating: "]", count: 100_000) + "(y)\n")
        XCTAssertTrue(try XCTUnwrap(brackets.html).hasPrefix("<p><a href=\"y\">[[[["))
        let emphasis = process(String(repeating: "*", count: 100_000) + "x" + String(repeating: "*", count: 100_000) + "\n")
        XCTAssertTrue(try XCTUnwrap(emphasis.html).hasPrefix("<p>"))
    }

    func test_100000NestedHeadingsInQuotesKeepAnchorsPaired() throws {
        let html = try XCTUnwrap(process(String(repeating: "> ", count: 100_000) + "## Deep\n\n## Shallow\n").html)
        XCTAssertTrue(html.contains("<h2 id=\"shallow\">Shallow</h2>"))
    }

    func test_tableWith10000Rows() throws {
        let rows = (0..<10_000).map { "| \($0) | row ~~\($0)~~ |" }.joined(separator: "\n")
        let result = process("| a | b |\n|---|---|\n" + rows + "\n")
        let table = try XCTUnwrap(result.blocks.first)
        XCTAssertEqual(table.kind, .table)
        XCTAssertEqual(table.children.count, 10_001)
        XCTAssertTrue(try XCTUnwrap(result.html).contains("<td>9999</td>"))
    }

    func test_NULBytesAreReplacedNotTruncating() {
        XCTAssertEqual(CMark.html("a\u{0}b\n", options: .bare), "<p>a\u{FFFD}b</p>\n")
    }
}
