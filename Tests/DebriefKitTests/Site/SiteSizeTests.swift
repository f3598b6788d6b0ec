import DebriefKit
import Foundation
import XCTest

/// Long listings carry one compact row per post-mortem: what a reader needs to pick one (title
/// link, severity, date, id). The post-mortem's own page has the rest.
final class SiteSizeTests: XCTestCase {
    private func repo() throws -> URL {
        let root = try SiteFixture.temporaryFolder(self)
        try "required_sections: [Summary]\n".write(to: root.appendingPathComponent("debrief.yml"), atomically: false, encoding: .utf8)
        let folder = root.appendingPathComponent("postmortems/2026")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        ---
        id: INC-7
        title: Checkout <b>down</b>
        date: 2026-03-04
        severity: SEV1
        status: final
        services: [payments]
        tags: [dns]
        started: 2026-03-04T10:00:00Z
        detected: 2026-03-04T10:10:00Z
        mitigated: 2026-03-04T10:40:00Z
        resolved: 2026-03-04T11:00:00Z
        ---

        ## Summary

        The excerpt sentence only the dashboard shows.

        ## Timeline

        | Time | Event |
        |------|-------|
        | 10:00 | Checkout errors begin |

        ## Preventive Actions

        | ID | Action | Owner | Due | Status |
        |----|--------|-------|-----|--------|
        | PA-1 | Add a health check | @dana | 2026-06-01 | open |

        """.write(to: folder.appendingPathComponent("inc-7.md"), atomically: false, encoding: .utf8)
        return root
    }

    func test_item1_listingsShowOneCompactRowPerPostmortem() throws {
        let (report, site) = try SiteFixture.build(try repo())
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        let row = "<li><a href=\"../postmortems/2026/inc-7.html\">Checkout &lt;b&gt;down&lt;/b&gt;</a> "
            + "<span class=\"badge sev-1\">SEV1</span> <span class=\"pm-id\">INC-7</span> <time>2026-03-04</time></li>"
        for path in ["tags/dns.html", "services/payments.html", "severities/sev1.html"] {
            let page = site.page(path)
            XCTAssertTrue(page.contains("<ul class=\"pm-rows\">\n" + row + "\n</ul>"), "\(path):\n\(page)")
            XCTAssertFalse(page.contains("The excerpt sentence"), path)
            XCTAssertFalse(page.contains("Resolved in"), path)
        }
        let all = site.page("postmortems.html")
        XCTAssertTrue(all.contains(row.replacingOccurrences(of: "\"../", with: "\"")), all)
        XCTAssertFalse(all.contains("The excerpt sentence"))
        // The dashboard's short recent list keeps its excerpts.
        XCTAssertTrue(site.page("index.html").contains("The excerpt sentence only the dashboard shows."))
    }

    func test_item1_postmortemPageChromeCarriesNoRedundantMarkup() throws {
        let (report, site) = try SiteFixture.build(try repo())
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        let page = site.page("postmortems/2026/inc-7.html")
        // The badge classes the stylesheet matches, on one line.
        XCTAssertTrue(page.contains("<p class=\"badges\"><a class=\"badge-link\" href=\"../../severities/sev1.html\">"
            + "<span class=\"badge sev-1\">SEV1</span></a> <span class=\"badge status-final\">Final</span></p>"), page)
        // A header cell in <thead> is a column header without scope; the icon's type comes from the server.
        XCTAssertTrue(page.contains("<thead><tr><th>Status</th><th>Action</th><th>Owner</th><th>Due</th><th>SOPs</th><th>Ticket</th></tr></thead>"), page)
        XCTAssertTrue(page.contains("<link rel=\"icon\" href=\"../../assets/favicon.svg\">\n"), page)
        XCTAssertFalse(page.contains("scope=\"col\""))
        // Our templates add no blank lines between tags.
        let body = page.components(separatedBy: "<div class=\"prose doc-main\">")
        XCTAssertEqual(body.count, 2)
        XCTAssertFalse(body[0].contains("\n\n"), body[0])
        XCTAssertFalse(try XCTUnwrap(body.last?.components(separatedBy: "</div>\n").dropFirst().joined()).contains("\n\n"), page)
    }

    func test_item1_timelineAndSearchBoxLeaveOutWhatTheyRepeat() throws {
        let (report, site) = try SiteFixture.build(try repo())
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        let page = site.page("postmortems/2026/inc-7.html")
        // Each timeline entry shows its time as written; the machine-readable instants stay on
        // the key times above it, once per milestone instead of once per entry.
        let timeline = try XCTUnwrap(page.components(separatedBy: "<ol class=\"timeline\">").last?.components(separatedBy: "</ol>").first)
        XCTAssertFalse(timeline.contains("<time"), timeline)
        XCTAssertTrue(timeline.contains("<li class=\"tl-resolved\"><small>11:00 +1h 00m</small><b>Resolved</b>"), timeline)
        XCTAssertTrue(page.contains("<time datetime=\"2026-03-04T11:00:00Z\">11:00</time>"), page)
        // GET and a submit button are what a form and a button are without attributes.
        XCTAssertTrue(page.contains("<form class=\"site-search\" role=\"search\" action=\"../../search.html\">"), page)
        XCTAssertTrue(page.contains("<button>Search</button>"), page)
    }

    func test_item1_postmortemPagesSayOnceWhatTheLegendAndDashboardSay() throws {
        let (report, site) = try SiteFixture.build(try repo())
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        let page = site.page("postmortems/2026/inc-7.html")
        // The phase bar is a picture of the legend under it, which has the same words.
        XCTAssertTrue(page.contains("<svg class=\"phase-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\">\n<rect"), page)
        XCTAssertTrue(page.contains("<li><span class=\"swatch swatch-resolve\"></span>Resolving <strong>20m</strong></li>"), page)
        // A milestone's own class says it is one.
        XCTAssertTrue(page.contains("<li class=\"tl-started\"><small>10:00</small>"), page)
        // Feed readers find the feed from the dashboard; every page still links it in the footer.
        XCTAssertFalse(page.contains("application/atom+xml"))
        XCTAssertTrue(page.contains("<a href=\"../../feed.xml\">Atom feed</a>"))
        XCTAssertTrue(site.page("index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\""))
    }

    func test_item1_trackerRowsOnTheirOwnPostmortemShowTheShortActionID() throws {
        let (report, site) = try SiteFixture.build(try repo())
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        // The page's heading already says which post-mortem; elsewhere the full key stays.
        XCTAssertTrue(site.page("postmortems/2026/inc-7.html").contains("<td>Add a health check <small class=\"action-key\">PA-1</small></td>"))
        XCTAssertTrue(site.page("actions.html").contains("<td>Add a health check <small class=\"action-key\">INC-7/PA-1</small></td>"))
    }
}
