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
        resolved: 2026-03-04T11:00:00Z
        ---

        ## Summary

        The excerpt sentence only the dashboard shows.

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
}
