import DebriefKit
import Foundation
import XCTest

/// Untrusted content stays inert: front matter is escaped everywhere it appears, raw HTML and
/// dangerous URLs in Markdown are off unless the repo sets `unsafe_html: true`.
final class SiteEscapingTests: XCTestCase {
    func testFrontMatterIsEscapedOnEveryPage() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.repo("site-escaping"))
        XCTAssertTrue(report.built, "\(report.diagnostics)")
        for (path, bytes) in site.pages where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertFalse(text.contains("<script>alert"), "\(path) carries a live script tag")
            XCTAssertFalse(text.contains("<img src=x"), "\(path) carries a live img tag")
            XCTAssertFalse(text.contains("<b>eve</b>"), path)
            XCTAssertFalse(text.contains("<i>mallory</i>"), path)
            XCTAssertFalse(text.contains("href=\"javascript:"), "\(path) links to javascript:")
            XCTAssertFalse(text.contains("<div onclick"), path)
        }
        let page = site.page("postmortems/hostile.html")
        XCTAssertTrue(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        XCTAssertTrue(page.contains("&lt;img src=x onerror=alert(2)&gt;"))
        XCTAssertTrue(page.contains("<dd>javascript:alert(3)</dd>"), "a commander that looks like a URL is text")
        XCTAssertTrue(page.contains("<title>INC-1: &lt;script&gt;alert(1)&lt;/script&gt; · Escaping &lt;b&gt;bold&lt;/b&gt; &amp; co</title>"))
        // cmark-gfm drops the dangerous URL and leaves raw HTML out.
        XCTAssertTrue(page.contains("<a href=\"\">bad link</a>"))
        XCTAssertTrue(page.contains("<!-- raw HTML omitted -->"))
        // The ticket link with a javascript: URL is not a link.
        XCTAssertFalse(page.contains("href=\"javascript:alert(7)\""))
        let feed = site.page("feed.xml")
        XCTAssertTrue(feed.contains("<title>INC-1: &lt;script&gt;alert(1)&lt;/script&gt;</title>"))
    }

    func testUnsafeHTMLLetsRawHTMLThrough() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.repo("site-unsafe-html"))
        XCTAssertTrue(report.built)
        let page = site.page("postmortems/hostile.html")
        XCTAssertTrue(page.contains("<div onclick=\"alert(6)\">raw block</div>"))
        XCTAssertTrue(page.contains("<a href=\"javascript:alert(4)\">bad link</a>"))
        // tagfilter still disarms <script>, and front matter is still escaped.
        XCTAssertTrue(page.contains("&lt;script>alert(5)&lt;/script>"))
        XCTAssertTrue(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
    }
}
