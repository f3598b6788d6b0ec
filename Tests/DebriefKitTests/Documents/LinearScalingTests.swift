@testable import DebriefKit
import DebriefTestSupport
import XCTest

/// Reading a document costs time in proportion to its size, whatever its shape: each test builds
/// a hostile shape at two sizes and checks that the larger one is not super-linearly slower
/// (see `Linearity`).
final class LinearScalingTests: XCTestCase {
    func test_item9_manyEmptyBlocksInOneSectionReadInLinearTime() {
        for empty in ["***", "<!-- c -->"] {
            assertLinear("\(empty) blocks in one section", startingAt: 500) { n in
                frontMatter() + "## Summary\n\n" + String(repeating: empty + "\n\n", count: n)
            } run: { text in
                let (pm, _) = readPostmortem(text)
                XCTAssertEqual(pm.section("Summary")?.hasContent, false)
            }
        }
    }
}

extension LinearScalingTests {
    func test_item9_manyHeadingsGetTheirAnchorsInLinearTime() {
        // The anchoring pass alone: against cmark's parse, moving the page once per heading only
        // shows at sizes too slow for a test.
        assertLinear("anchoring headings with the same text", startingAt: 10_000, maxN: 10_000) { n in
            (String(repeating: "<h3>Same</h3>\n<p>text</p>\n", count: n), Array(repeating: "Same", count: n))
        } run: { input in
            let html = HeadingAnchors.apply(to: input.0, headings: input.1)
            XCTAssertTrue(html.hasPrefix("<h3 id=\"same\">"))
        }
    }

    func test_item9_anSOPCellOfManyLinksIsReadInLinearTime() {
        // The cell as cmark hands it over, so the test times the parser's own work: n links shown
        // as "a" and n bare ids, each of which used to be looked for among the link texts.
        let parser = ActionTableParser(layout: testLayout, postmortemID: "INC-1", file: "postmortems/a.md")
        assertLinear("an SOP cell of links and ids", startingAt: 2_000, maxN: 2_000) { n in
            MarkdownBlock(kind: .tableCell, line: 1, column: 1, endLine: 1,
                          text: Array(repeating: "a", count: n).joined(separator: ", ") + ", "
                              + Array(repeating: "cache-flush", count: n).joined(separator: ", "),
                          links: Array(repeating: MarkdownLink(destination: "../sops/cache-flush.md", text: "b"), count: n),
                          children: [], literal: "")
        } run: { cell in
            let references = parser.sopReferences(cell)
            XCTAssertEqual(references.last?.sopID, "cache-flush")
        }
    }
}

extension LinearScalingTests {
    func test_item9_manyLinksFarAlongOneLineAreLocatedInLinearTime() {
        // Every link is located at the start of its table cell, which is counted in characters
        // from the start of the line: far along a long line, once per link was quadratic.
        assertLinear("links in a cell far along a line", startingAt: 2_000, maxN: 2_000) { n in
            frontMatter() + "## Summary\n\n| a | b |\n|---|---|\n| " + String(repeating: "é", count: 50 * n) + " | "
                + String(repeating: "[l](https://example.com) ", count: n) + "|\n"
        } run: { text in
            let (pm, _) = readPostmortem(text)
            XCTAssertEqual(pm.links.last?.location.column, 50 * (pm.links.count) + 6)
        }
    }
}
