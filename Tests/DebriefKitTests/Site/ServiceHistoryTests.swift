@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The parts of a service's history worked out from plain values: the time between incidents,
/// the quarterly medians and their chart.
final class ServiceHistoryTests: XCTestCase {
    private func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    private func postmortem(_ date: String, resolveHours: Double?, detectMinutes: Double? = nil) -> Postmortem {
        var pm = Postmortem(file: "postmortems/\(date).md", slug: date, id: date, title: date, date: day(date), severity: "SEV2",
                            statusText: "final", body: "", bodyFirstLine: 1, hasFrontMatter: true)
        let start = Double(day(date).daysSinceEpoch) * 86400
        pm.started = Timestamp(epochSeconds: start, offsetSeconds: 0)
        pm.resolved = resolveHours.map { Timestamp(epochSeconds: start + $0 * 3600, offsetSeconds: 0) }
        pm.detected = detectMinutes.map { Timestamp(epochSeconds: start + $0 * 60, offsetSeconds: 0) }
        return pm
    }

    func test_item3_gapsBetweenIncidents() {
        let gaps = PageModels.incidentGaps([day("2026-01-10"), day("2026-01-01"), day("2026-03-01"), day("2026-03-01")], asOf: day("2026-03-05"))
        // Sorted days: Jan 1, Jan 10, Mar 1, Mar 1 → gaps 9, 50, 0; lower median 9; last 0.
        XCTAssertEqual(gaps.median, 9)
        XCTAssertEqual(gaps.last, 0)
        XCTAssertEqual(gaps.lastIncident, day("2026-03-01"))
        XCTAssertEqual(gaps.daysSinceLast, 4)
    }

    func test_item3_oneIncidentHasNoGapAndNoneHasNothing() {
        let one = PageModels.incidentGaps([day("2026-01-10")], asOf: day("2026-01-12"))
        XCTAssertNil(one.median)
        XCTAssertEqual(one.daysSinceLast, 2)
        XCTAssertNil(PageModels.incidentGaps([], asOf: day("2026-01-12")).lastIncident)
    }

    func test_item3_quarterlyMediansOverTheIncidentsThatHaveTheTimes() {
        let quarters = PageModels.quarterlyMedians([
            postmortem("2026-01-05", resolveHours: 1, detectMinutes: 10),
            postmortem("2026-02-05", resolveHours: 3),
            postmortem("2026-03-05", resolveHours: 5),
            postmortem("2026-07-05", resolveHours: nil),
        ].map { ($0.date, $0.metrics) })
        XCTAssertEqual(quarters.map(\.label), ["Q1 2026", "Q3 2026"])
        XCTAssertEqual(quarters[0].incidents, 3)
        XCTAssertEqual(quarters[0].resolve, 3 * 3600)
        XCTAssertEqual(quarters[0].detect, 600)
        XCTAssertNil(quarters[0].mitigate)
        XCTAssertNil(quarters[1].resolve)
    }

    func test_item3_trendChartDrawsTheNewestQuartersWithoutInlineStyle() {
        var quarters: [Charts.QuarterMedians] = []
        for number in 0..<40 {
            quarters.append(Charts.QuarterMedians(label: "Q\(number % 4 + 1) \(2000 + number / 4)", incidents: 2,
                                                  detect: 60, mitigate: number == 39 ? nil : 600, resolve: Double(3600 + number)))
        }
        let svg = Charts.trend(quarters)
        XCTAssertEqual(svg.components(separatedBy: "<circle class=\"trend-dot trend-ttr\"").count - 1, Charts.maxTrendQuarters)
        XCTAssertTrue(svg.contains("the last 16 quarters with incidents"))
        XCTAssertTrue(svg.contains("<title>Q4 2009: time to resolve 1h (median of 2 incidents)</title>"))
        XCTAssertFalse(svg.contains("Q4 2005:"), "a quarter older than the newest 16 is drawn")
        XCTAssertFalse(svg.contains("style="))
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 3)
        XCTAssertTrue(Charts.trend([Charts.QuarterMedians(label: "Q1 2026", incidents: 1, detect: nil, mitigate: nil, resolve: nil)]).hasPrefix("<p class=\"empty\">"))
    }
}

/// A service page's history counts the recurrences in which one of its incidents is the later or
/// the earlier one: checked against the recurrences the site's API lists for every post-mortem.
final class ServiceRecurrenceTests: XCTestCase {
    func testAServicePageCountsEveryRecurrenceOfItsIncidentsEitherWay() throws {
        let root = try SiteFixture.temporaryFolder(self)
        func postmortem(_ id: String, date: String, services: String, text: String) -> String {
            """
            ---
            id: \(id)
            title: \(text.prefix(40))
            date: \(date)
            severity: SEV2
            status: final
            services: [\(services)]
            ---

            ## Summary

            \(text)

            ## Root Cause

            \(text)

            ## Preventive Actions

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | PA-1 | Raise the limit | @dana | 2025-12-01 | open |

            """
        }
        let pool = "The pgbouncer connection pool was exhausted by checkout retries and the orders workers queued behind it"
        let dns = "A resolver cache served stale NXDOMAIN answers after the zone transfer failed overnight"
        try writeFile(Data(postmortem("INC-1", date: "2025-01-01", services: "checkout", text: pool).utf8), to: "postmortems/inc-1.md", under: root)
        try writeFile(Data(postmortem("INC-2", date: "2025-03-01", services: "orders", text: pool).utf8), to: "postmortems/inc-2.md", under: root)
        try writeFile(Data(postmortem("INC-3", date: "2025-02-01", services: "search", text: dns).utf8), to: "postmortems/inc-3.md", under: root)
        try writeFile(Data(postmortem("INC-4", date: "2025-04-01", services: "search, billing", text: dns).utf8), to: "postmortems/inc-4.md", under: root)
        let (report, site) = try SiteFixture.build(root, allowErrors: true)
        XCTAssertTrue(report.built)
        let api = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(site.page("api/postmortems.json").utf8)) as? [[String: Any]])
        var services: [String: Set<String>] = [:]
        for pm in api { services[pm["id"] as? String ?? ""] = Set(pm["services"] as? [String] ?? []) }
        var expected: [String: Int] = [:]
        var total = 0
        for pm in api {
            let later = pm["id"] as? String ?? ""
            for recurrence in pm["recurrences"] as? [[String: Any]] ?? [] {
                let earlier = recurrence["recurs"] as? String ?? ""
                for service in (services[later] ?? []).union(services[earlier] ?? []) { expected[service, default: 0] += 1 }
                total += 1
            }
        }
        XCTAssertEqual(total, 2, "INC-2 recurs INC-1 and INC-4 recurs INC-3")
        XCTAssertEqual(expected, ["checkout": 1, "orders": 1, "search": 1, "billing": 1])
        let allServices = Set(api.flatMap { $0["services"] as? [String] ?? [] })
        XCTAssertFalse(allServices.isEmpty)
        let counted = try NSRegularExpression(pattern: "<a href=\"#history-recurrences\"><strong>([0-9]+)</strong>")
        for service in allServices {
            let path = "services/\(Slug.make(service)).html"
            let page = site.page(path)
            let match = counted.firstMatch(in: page, range: NSRange(page.startIndex..., in: page))
            let shown = match.flatMap { Range($0.range(at: 1), in: page) }.map { Int(page[$0]) ?? -1 } ?? 0
            XCTAssertEqual(shown, expected[service] ?? 0, path)
        }
    }
}
