import DebriefKit
import Foundation
import XCTest

/// The site as a whole: which files a build makes, determinism, refusal on errors, base URLs
/// and the data files.
final class SiteBuilderTests: XCTestCase {
    func testExampleBuildsEveryPageOfTheContract() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.example)
        XCTAssertTrue(report.built)
        XCTAssertEqual(report.diagnostics.errorCount, 0)
        let paths = Set(site.pages.keys)
        for path in ["index.html", "postmortems.html", "actions.html", "sops.html", "services.html", "tags.html",
                     "severities.html", "search.html", "search/meta.js", "search/t/0.js", "search/words.js", "search/d/0.js", "feed.xml", "404.html", "api/postmortems.json",
                     "assets/debrief.css", "assets/debrief.js", "assets/search.js", "assets/favicon.svg",
                     "postmortems/2026-03-14-payment-timeouts.html", "sops/db/database-restore.html",
                     "services/payments.html", "tags/postgresql.html", "severities/sev1.html",
                     "actions-data/meta.js", "actions-data/0.js"] {
            XCTAssertTrue(paths.contains(path), "missing \(path)")
        }
        XCTAssertFalse(paths.contains("sitemap.xml"), "no sitemap without an absolute base URL")
        XCTAssertNotNil(site.files[SiteLayout.markerFile])
        XCTAssertEqual(report.pageCount, paths.count)
    }

    func testTwoBuildsAreByteIdentical() throws {
        let (_, first) = try SiteFixture.build(SiteFixture.example)
        let (_, second) = try SiteFixture.build(SiteFixture.example)
        XCTAssertEqual(first.files.keys.sorted(), second.files.keys.sorted())
        for (path, bytes) in first.files {
            XCTAssertEqual(bytes, second.files[path], "\(path) differs between two builds")
        }
    }

    func testEveryPageDeclaresAPolicyThatForbidsInlineScript() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        for (path, bytes) in site.pages where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            XCTAssertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';"), path)
            XCTAssertFalse(html.contains("'unsafe-inline'"), path)
            // Every script element loads a file; none has a body.
            for chunk in html.components(separatedBy: "<script").dropFirst() {
                XCTAssertTrue(chunk.hasPrefix(" src=\""), "\(path): inline script")
                XCTAssertTrue(chunk.contains("></script>"), path)
            }
            XCTAssertFalse(html.contains(" style=\""), "\(path): inline style")
        }
    }

    func testBuildIsRefusedWhenCheckFindsErrors() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.repo("site-check-errors"))
        XCTAssertFalse(report.built)
        XCTAssertEqual(Set(report.diagnostics.filter { $0.severity == .error }.map(\.code)), [.missingField, .unknownSeverity])
        XCTAssertTrue(site.files.isEmpty, "a refused build writes nothing")
    }

    func testAllowErrorsBuildsAnyway() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.repo("site-check-errors"), allowErrors: true)
        XCTAssertTrue(report.built)
        XCTAssertEqual(report.diagnostics.errorCount, 2)
        XCTAssertTrue(site.page("postmortems/broken.html").contains("INC-7"))
    }

    func testRelativeLinksByDefault() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        let page = site.page("sops/db/database-restore.html")
        XCTAssertTrue(page.contains("<link rel=\"stylesheet\" href=\"../../assets/debrief.css\">"))
        XCTAssertTrue(page.contains("<meta name=\"debrief-root\" content=\"../../\">"))
        XCTAssertFalse(page.contains("rel=\"canonical\""))
    }

    func testAbsoluteBaseURLMakesLinksAbsoluteAndAddsTheSitemap() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example, baseURL: "https://kb.example.com/incidents")
        let page = site.page("postmortems/2026-03-14-payment-timeouts.html")
        XCTAssertTrue(page.contains("href=\"https://kb.example.com/incidents/assets/debrief.css\""))
        XCTAssertTrue(page.contains("<link rel=\"canonical\" href=\"https://kb.example.com/incidents/postmortems/2026-03-14-payment-timeouts.html\">"))
        // Links inside the body are rewritten under the base URL too.
        XCTAssertTrue(page.contains("href=\"https://kb.example.com/incidents/sops/load-balancer-failover.html\""))
        let sitemap = site.page("sitemap.xml")
        XCTAssertTrue(sitemap.contains("<loc>https://kb.example.com/incidents/index.html</loc>"))
        XCTAssertTrue(sitemap.contains("<loc>https://kb.example.com/incidents/postmortems/2026-03-14-payment-timeouts.html</loc><lastmod>2026-03-15</lastmod>"))
        XCTAssertFalse(sitemap.contains("404.html"))
        let feed = site.page("feed.xml")
        XCTAssertTrue(feed.contains("<id>https://kb.example.com/incidents/</id>"))
        XCTAssertTrue(site.page("404.html").contains("href=\"https://kb.example.com/incidents/assets/debrief.css\""))
    }

    func testSubPathBaseURLWorksWithoutASitemap() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example, baseURL: "/kb/")
        let page = site.page("sops/db/database-restore.html")
        XCTAssertTrue(page.contains("href=\"/kb/assets/debrief.css\""))
        XCTAssertTrue(page.contains("<meta name=\"debrief-root\" content=\"/kb/\">"))
        XCTAssertTrue(site.page("postmortems/2026-03-14-payment-timeouts.html").contains("href=\"/kb/sops/load-balancer-failover.html\""))
        XCTAssertNil(site.pages["sitemap.xml"], "a path is no absolute URL")
        XCTAssertFalse(page.contains("rel=\"canonical\""))
    }

    func testRepoURLLinksToTheSourceFile() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        XCTAssertTrue(site.page("postmortems/2026-03-14-payment-timeouts.html")
            .contains("href=\"https://github.com/acme/incidents/blob/main/postmortems/2026-03-14-payment-timeouts.md\""))
        XCTAssertTrue(site.page("sops/db/database-restore.html")
            .contains("href=\"https://github.com/acme/incidents/blob/main/sops/db/database-restore.md\""))
    }

    func testOverdueMarksFollowTheAsOfDate() throws {
        let root = SiteFixture.example
        let early = try SiteBuilder(options: BuildOptions(root: root, asOf: CalendarDate("2026-01-01")), writer: MemorySiteWriter()).build()
        XCTAssertTrue(early.built)
        let site = MemorySiteWriter()
        _ = try SiteBuilder(options: BuildOptions(root: root, asOf: CalendarDate("2026-01-01")), writer: site).build()
        XCTAssertFalse(site.page("actions.html").contains("badge overdue"), "nothing is overdue on 2026-01-01")
        let (_, later) = try SiteFixture.build(root)
        XCTAssertTrue(later.page("actions.html").contains("<small class=\"overdue-note\">245 days overdue</small>"))
        XCTAssertTrue(later.page("index.html").contains("<time datetime=\"2026-12-01\">2026-12-01</time>"))
    }
}
