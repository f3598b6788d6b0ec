@testable import DebriefKit
import XCTest

/// The text the index counts and the snippets come from.
final class SearchSectionsTests: XCTestCase {
    private func heading(_ level: Int, _ text: String, _ anchor: String) -> SiteDocument.Heading {
        SiteDocument.Heading(level: level, text: text, anchor: anchor)
    }

    func testSectionsFollowTheHeadingsWithTablesAsLines() {
        let html = """
            <p>Before any heading, with a
            soft break.</p>
            <h2 id="summary">Summary<a class="anchor" href="#summary" aria-label="Link to this section">#</a></h2>
            <p>Checkout <strong>failed</strong> &amp; recovered.</p>
            <h2 id="timeline">Timeline<a class="anchor" href="#timeline" aria-label="Link to this section">#</a></h2>
            <div class="table-wrap" role="region" aria-label="Table: Timeline" tabindex="0"><table>
            <thead><tr><th>Time</th><th>Event</th></tr></thead>
            <tbody><tr><td>09:00</td><td>Deploy of <code>api@v2</code></td></tr></tbody></table></div>
            <pre><code>line one
            line two
            </code></pre>
            <ul><li>first</li><li>second</li></ul>
            """
        let sections = SearchSections.of(html: html, headings: [heading(2, "Summary", "summary"), heading(2, "Timeline", "timeline")])
        XCTAssertEqual(sections, [
            SearchSection(anchor: "", heading: "", level: 0, text: "Before any heading, with a soft break."),
            SearchSection(anchor: "summary", heading: "Summary", level: 2, text: "Checkout failed & recovered."),
            SearchSection(anchor: "timeline", heading: "Timeline", level: 2,
                          text: "Time · Event\n09:00 · Deploy of api@v2\nline one\nline two\nfirst\nsecond"),
        ])
    }

    func testScriptAndStyleContentIsNotText() {
        let html = "<p>kept</p><script>var secret = 1;</script><style>.x{}</style><!-- raw HTML omitted --><div onclick=\"a > b\">also kept</div><!-- unclosed"
        XCTAssertEqual(SearchSections.of(html: html, headings: []).map(\.text), ["kept\nalso kept"])
    }

    func testTagNamesAreReadWhateverTheirCase() {
        // Raw HTML (a repo that allows it) may write tags in upper or mixed case.
        let html = "<P>kept</P><SCRIPT>var secret = 1;</SCRIPT><Style>.x{}</sTyLe><TABLE><TR><TD>a</TD><Td>b</tD></TR></TABLE><H2 id=\"x\">x</H2>"
        XCTAssertEqual(SearchSections.of(html: html, headings: []).map(\.text), ["kept\na · b\nx"])
    }

    func testAHeadingWithoutItsRecordIsText() {
        // Only headings the body's outline knows start a section; another h2 stays in the flow.
        let html = "<h2 id=\"a\">A</h2><p>one</p><h2>Loose</h2><p>two</p>"
        let sections = SearchSections.of(html: html, headings: [heading(2, "A", "a")])
        XCTAssertEqual(sections, [SearchSection(anchor: "a", heading: "A", level: 2, text: "one\nLoose\ntwo")])
    }
}
