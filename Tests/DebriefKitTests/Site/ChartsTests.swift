@testable import DebriefKit
import XCTest

/// The dashboard charts at one, eight and ten thousand incidents: the whole history is drawn,
/// every incident is counted, labels do not crowd or sit on marks, and the data table holds the
/// same figures as the drawing.
final class ChartsTests: XCTestCase {
    let severities = ["SEV1", "SEV2", "SEV3", "SEV4"]

    private func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    /// The rows of a chart's data table, each as its cells' text.
    private func tableRows(_ html: String) -> [[String]] {
        guard let body = html.range(of: "<tbody>\n"), let end = html.range(of: "</tbody>") else { return [] }
        return html[body.upperBound..<end.lowerBound].split(separator: "\n").map { row in
            // Each cell is `<th ...>text</th>` or `<td ...>text</td>`: the text after a tag's `>`.
            row.components(separatedBy: "</t").filter { $0.contains("<t") }.map { piece in
                String(piece.split(separator: ">", omittingEmptySubsequences: false).last ?? "")
            }
        }
    }

    private func labels(_ svg: String) -> [String] {
        svg.components(separatedBy: "text-anchor=\"middle\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    func test_oneIncidentIsOneNarrowBarInItsMonth() throws {
        let buckets = try XCTUnwrap(Charts.incidentBuckets([(day("2026-03-14"), "SEV2")], severities: severities))
        XCTAssertEqual(buckets.bucketing.name, "month")
        XCTAssertEqual(buckets.labels, ["Mar 2026"])
        XCTAssertEqual(Charts.incidentsCaption(buckets), "Incidents per month, by severity, Mar 2026")
        let html = Charts.incidents(buckets, severities: severities)
        XCTAssertEqual(tableRows(html), [["Mar 2026", "0", "1", "0", "0", "1"]])
        let bars = html.components(separatedBy: "<rect ").dropFirst()
        XCTAssertEqual(bars.count, 1)
        XCTAssertTrue(bars.first?.contains("width=\"36\"") ?? false, "a single bar is not a block across the chart: \(bars.first ?? "")")
        XCTAssertEqual(labels(html), ["Mar 2026"])
    }

    func test_eightIncidentsOverFiveYearsAreAllCounted() throws {
        // The history of a real team: far apart, so a twelve-month window showed two of eight.
        let dates = ["2017-01-31", "2017-02-28", "2018-10-21", "2019-07-02", "2021-01-04", "2021-06-08", "2022-04-05", "2022-04-14"]
        let buckets = try XCTUnwrap(Charts.incidentBuckets(dates.map { (day($0), "SEV1") }, severities: severities))
        XCTAssertEqual(buckets.bucketing.name, "quarter")
        XCTAssertEqual(buckets.labels.first, "Q1 2017")
        XCTAssertEqual(buckets.labels.last, "Q2 2022")
        XCTAssertEqual(buckets.totals.reduce(0, +), 8)
        XCTAssertEqual(Charts.incidentsCaption(buckets), "Incidents per quarter, by severity, Q1 2017 to Q2 2022")
        let html = Charts.incidents(buckets, severities: severities)
        XCTAssertEqual(tableRows(html).count, buckets.labels.count)
        XCTAssertEqual(tableRows(html).map { Int($0.last ?? "") ?? -1 }.reduce(0, +), 8)
        XCTAssertLessThanOrEqual(labels(html).count, 7)
        XCTAssertEqual(labels(html).first, "Q1 2017")
    }

    func test_tenThousandIncidentsFitInBoundedBars() throws {
        var incidents: [(date: CalendarDate, severity: String)] = []
        for n in 0..<10_000 {
            let year = 2001 + n % 25, month = 1 + (n / 25) % 12, dayOfMonth = 1 + n % 28
            incidents.append((CalendarDate(year: year, month: month, day: dayOfMonth)!, ["SEV1", "SEV2", "SEV3", "SEV4", "P0"][n % 5]))
        }
        let buckets = try XCTUnwrap(Charts.incidentBuckets(incidents, severities: severities))
        XCTAssertEqual(buckets.bucketing.name, "year")
        XCTAssertEqual(buckets.labels.count, 25)
        XCTAssertEqual(buckets.totals.reduce(0, +), 10_000)
        XCTAssertEqual(buckets.counts.map { $0[4] }.reduce(0, +), 2_000, "an unknown severity is counted as other")
        let html = Charts.incidents(buckets, severities: severities)
        XCTAssertTrue(html.contains("<th scope=\"col\" class=\"num\">Other</th>"))
        XCTAssertLessThan(html.utf8.count, 60_000, "the chart stays small")
        XCTAssertLessThanOrEqual(labels(html).count, 7)
    }

    func test_bucketsGrowWithTheSpan() {
        XCTAssertEqual(Charts.Bucketing.fitting(months: 1).months, 1)
        XCTAssertEqual(Charts.Bucketing.fitting(months: 36).months, 1)
        XCTAssertEqual(Charts.Bucketing.fitting(months: 37).months, 3)
        XCTAssertEqual(Charts.Bucketing.fitting(months: 108).months, 3)
        XCTAssertEqual(Charts.Bucketing.fitting(months: 109).months, 12)
        XCTAssertEqual(Charts.Bucketing.fitting(months: 36 * 12 + 1).months, 24)
        XCTAssertEqual(Charts.Bucketing.fitting(months: 150 * 12).months, 60)
        XCTAssertEqual(Charts.Bucketing(months: 60).label(2020 * 12), "2020–2024")
    }

    func test_timeToResolveFiguresStandApartFromTheMarks() throws {
        let rows = Charts.resolveRows([("SEV1", 3600), ("SEV1", 7200), ("SEV1", 36_000), ("SEV3", 600), ("P0", 60)], severities: severities)
        XCTAssertEqual(rows.map(\.severity), ["SEV1", "SEV3"], "unknown severities and empty rows are left out")
        XCTAssertEqual(rows[0].median, 7200)
        XCTAssertEqual(rows[0].p90, 36_000)
        let html = Charts.timeToResolve(rows)
        // Every figure is in the right-hand column, past the end of the plot, so it can never
        // sit on the percentile tick.
        let tickXs = html.components(separatedBy: "<line class=\"chart-tick\" x1=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        let valueXs = html.components(separatedBy: "<text class=\"chart-value\" x=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(tickXs.count, 2)
        XCTAssertEqual(valueXs.count, 2)
        XCTAssertGreaterThan(valueXs.min() ?? 0, (tickXs.max() ?? .infinity) + 10)
        XCTAssertTrue(html.contains(">2h · p90 10h · n=3</text>"))
        XCTAssertEqual(tableRows(html), [["SEV1", "3", "2h", "10h"], ["SEV3", "1", "10m", "10m"]])
        // The axis is in durations, ending at a round value past the longest tick.
        XCTAssertEqual(labels(html), ["0", "3h", "6h", "9h", "12h"])
    }

    func test_durationAxisHasTwoToFiveTicks() {
        for longest: Double in [1, 59, 61, 3599, 3601, 86_400, 7 * 86_400, 400 * 86_400, 5000 * 86_400] {
            let axis = Charts.durationAxis(longest)
            XCTAssertGreaterThanOrEqual(axis.top, longest)
            XCTAssertTrue((2...5).contains(axis.ticks.count), "\(longest): \(axis.ticks)")
        }
    }

    func test_noDatesAndNoDurationsSaySo() {
        XCTAssertNil(Charts.incidentBuckets([], severities: severities))
        XCTAssertEqual(Charts.incidents(nil, severities: severities), "<p class=\"empty\">No post-mortem has a date yet.</p>\n")
        XCTAssertTrue(Charts.timeToResolve([]).contains("No post-mortem has both"))
    }
}
