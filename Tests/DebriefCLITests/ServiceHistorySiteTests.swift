import DebriefTestSupport
import Foundation
import XCTest

/// The site built from `Fixtures/history-repo` as of 2026-12-01: the review record on the
/// post-mortem page and in the API, the service's history, and the dashboard's late and
/// "on this day" parts.
final class ServiceHistorySiteTests: CLITestCase {
    private func built() throws -> URL {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let site = temp.appendingPathComponent("site")
        let run = try debrief(["build", "--root", SiteTree.fixture("history-repo").path, "--output", site.path, "--as-of", "2026-12-01"], in: temp)
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        return site
    }

    private func page(_ site: URL, _ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    func test_item1_reviewRecordOnThePageAndInTheAPI() throws {
        let site = try built()
        let html = try page(site, "postmortems/2023-12-05-checkout-db-failover.html")
        XCTAssertTrue(html.contains("<div><dt>Reviewers</dt><dd><ul class=\"inline-list comma-list\"><li>lena</li><li>@omar</li></ul></dd></div>"), html)
        XCTAssertTrue(html.contains("<div><dt>Approved by</dt><dd><ul class=\"inline-list comma-list\"><li>dana</li></ul></dd></div>"), html)
        XCTAssertTrue(html.contains("<div><dt>Approved</dt><dd><time datetime=\"2023-12-11\">2023-12-11</time></dd></div>"), html)
        XCTAssertTrue(html.contains("<div class=\"publish-deadline publish-on-time\"><dt>Publish by</dt><dd><time datetime=\"2023-12-15\">2023-12-15</time> <span class=\"muted\">(5 business days from resolved)</span></dd></div>"), html)
        let late = try page(site, "postmortems/2026-11-20-checkout-payments-timeout.html")
        XCTAssertTrue(late.contains("<span class=\"badge overdue\">4 days late as of 2026-12-01</span>"), late)
        let publishedLate = try page(site, "postmortems/2024-12-03-checkout-502.html")
        XCTAssertTrue(publishedLate.contains("<span class=\"badge overdue\">published 7 days late</span>"), publishedLate)

        let data = try Data(contentsOf: site.appendingPathComponent("api/postmortems.json"))
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0) })
        let approved = try XCTUnwrap(byID["INC-2023-041"])
        XCTAssertEqual(approved["reviewers"] as? [String], ["lena", "@omar"])
        XCTAssertEqual(approved["approved_by"] as? [String], ["dana"])
        XCTAssertEqual(approved["approved"] as? String, "2023-12-11")
        let publishing = try XCTUnwrap(approved["publishing"] as? [String: Any])
        XCTAssertEqual(publishing["deadline"] as? String, "2023-12-15")
        XCTAssertEqual(publishing["state"] as? String, "on-time")
        XCTAssertEqual(publishing["publish_within"] as? String, "5bd")
        XCTAssertTrue(byID["INC-2025-030"]?["publishing"] is NSNull, "a severity with no deadline has publishing: null")
        XCTAssertTrue(byID["INC-2026-064"]?["approved"] is NSNull)
    }

    func test_item3_servicePageIsAHistory() throws {
        let site = try built()
        let html = try page(site, "services/checkout.html")
        for expected in [
            "<section class=\"dash-section service-history\" id=\"history\" aria-labelledby=\"history-heading\">",
            "<li><strong>2 days</strong> since the last incident, on <time datetime=\"2026-11-29\">2026-11-29</time></li>",
            "<li><strong>189 days</strong> between incidents (median)</li>",
            "<li><strong>9 days</strong> between the last two</li>",
            "<a href=\"../actions.html?service=checkout\"><strong>2</strong> open actions</a>",
            "<a href=\"../actions.html?service=checkout&amp;status=overdue\"><strong>1</strong> overdue</a>",
            "aria-labelledby=\"chart-incidents-title chart-incidents-desc\"",
            "aria-labelledby=\"chart-trend-title chart-trend-desc\"",
            "<title>Q4 2023: time to resolve 3d 6h (median of 1 incident)</title>",
            "<span class=\"badge stale\">stale since 2023-12-05</span>",
        ] {
            XCTAssertTrue(html.contains(expected), "services/checkout.html lacks \(expected)")
        }
        // The overdue action first, then the open one; the page carries no inline script or style.
        let overdue = try XCTUnwrap(html.range(of: "INC-2023-041/PA-2"))
        let open = try XCTUnwrap(html.range(of: "INC-2025-030/PA-1"))
        XCTAssertLessThan(overdue.lowerBound, open.lowerBound)
        XCTAssertFalse(html.contains(" style="))
        XCTAssertFalse(html.contains("<script>"))
        // A tag's page and a severity's page have no history.
        XCTAssertFalse(try page(site, "severities/sev1.html").contains("id=\"history\""))
    }

    func test_item4_dashboardOnThisDayAndLatePostmortems() throws {
        let site = try built()
        let html = try page(site, "index.html")
        XCTAssertTrue(html.contains("Incidents from week 49 of earlier years, the ISO week of <time datetime=\"2026-12-01\">2026-12-01</time>, the day this site was built"), html)
        let newer = try XCTUnwrap(html.range(of: "<li><a href=\"postmortems/2024-12-03-checkout-502.html\">INC-2024-077</a>"))
        let older = try XCTUnwrap(html.range(of: "<li><a href=\"postmortems/2023-12-05-checkout-db-failover.html\">INC-2023-041</a>"))
        XCTAssertLessThan(newer.lowerBound, older.lowerBound)
        XCTAssertTrue(html.contains("2 years ago</span> · <span class=\"badge status-done\">all actions done</span>"), html)
        XCTAssertTrue(html.contains("3 years ago</span> · 1 done, 0 open, <span class=\"badge overdue\">1 overdue</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"badge overdue\">4 days late</span>"), html)
        XCTAssertTrue(html.contains("<a href=\"services/checkout.html#history\">checkout</a>"), html)
        // A week with no earlier incident says so.
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let other = temp.appendingPathComponent("site")
        XCTAssertEqual(try debrief(["build", "--root", SiteTree.fixture("history-repo").path, "--output", other.path, "--as-of", "2026-07-01"], in: temp).exitCode, 0)
        XCTAssertTrue(try page(other, "index.html").contains("<p class=\"empty\">No incident in week 27 of an earlier year.</p>"))
    }
}
