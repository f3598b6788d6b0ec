@testable import DebriefKit
import XCTest

/// The publishing deadline's syntax and day arithmetic (`docs/format.md`, "Publishing
/// deadlines"), one case per test, named after it.
final class PublishingDeadlineTests: XCTestCase {
    private func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    private let windows = ["SEV1": PublishWindow(count: 5, businessDays: true), "SEV2": PublishWindow(count: 10, businessDays: false)]

    /// A post-mortem with the fields the deadline reads.
    private func postmortem(severity: String = "SEV1", status: String, resolved: String?, approved: String? = nil) -> Postmortem {
        var pm = Postmortem(file: "postmortems/case.md", slug: "case", id: "INC-1", title: "Case", date: nil, severity: severity,
                            statusText: status, body: "", bodyFirstLine: 1, hasFrontMatter: true)
        pm.resolved = resolved.flatMap { Timestamp(rfc3339: $0) }
        pm.approved = approved.map(day)
        return pm
    }

    // MARK: - Syntax

    func test_item2_windowSyntax() {
        XCTAssertEqual(PublishWindow("5d"), PublishWindow(count: 5, businessDays: false))
        XCTAssertEqual(PublishWindow(" 5 Days "), PublishWindow(count: 5, businessDays: false))
        XCTAssertEqual(PublishWindow("1 day"), PublishWindow(count: 1, businessDays: false))
        XCTAssertEqual(PublishWindow("5bd"), PublishWindow(count: 5, businessDays: true))
        XCTAssertEqual(PublishWindow("3 business  days"), PublishWindow(count: 3, businessDays: true))
        XCTAssertEqual(PublishWindow("0d"), PublishWindow(count: 0, businessDays: false))
        // A bare number does not say which days it counts.
        for bad in ["5", "five days", "-1d", "367d", "5 weeks", "5 bdays", "", "d", "1e3d"] {
            XCTAssertNil(PublishWindow(bad), bad)
        }
        XCTAssertEqual(PublishWindow("5bd")?.description, "5bd")
        XCTAssertEqual(PublishWindow("1bd")?.words, "1 business day")
    }

    // MARK: - Arithmetic

    func test_item2_weekend_businessDaysSkipSaturdayAndSunday() {
        let oneDay = PublishWindow(count: 1, businessDays: true)
        // Friday, Saturday and Sunday: the next business day is Monday 2026-11-23.
        for resolved in ["2026-11-20", "2026-11-21", "2026-11-22"] {
            XCTAssertEqual(oneDay.deadline(resolvedOn: day(resolved)), day("2026-11-23"), resolved)
        }
        // Five business days from a Friday is the next Friday; from a Wednesday, the next Wednesday.
        XCTAssertEqual(PublishWindow(count: 5, businessDays: true).deadline(resolvedOn: day("2026-11-20")), day("2026-11-27"))
        XCTAssertEqual(PublishWindow(count: 5, businessDays: true).deadline(resolvedOn: day("2026-11-18")), day("2026-11-25"))
        XCTAssertEqual(PublishWindow(count: 0, businessDays: true).deadline(resolvedOn: day("2026-11-21")), day("2026-11-21"))
        // Calendar days count the weekend, and run across months and years.
        XCTAssertEqual(PublishWindow(count: 10, businessDays: false).deadline(resolvedOn: day("2026-12-28")), day("2027-01-07"))
        XCTAssertEqual(day("2026-11-23").weekdayIndex, 0)
        XCTAssertEqual(day("1970-01-01").weekdayIndex, 3)
        XCTAssertEqual(day("1969-12-28").weekdayIndex, 6)
    }

    func test_item2_resolvedLateEveningCountsFromTheUTCDay() throws {
        // 23:30 at -05:00 on Friday the 13th is Saturday the 14th in UTC: one business day is Monday.
        let pm = postmortem(status: "review", resolved: "2026-03-13T23:30:00-05:00")
        let deadline = try XCTUnwrap(PublishingDeadline.of(pm, windows: ["SEV1": PublishWindow(count: 1, businessDays: true)], asOf: day("2026-03-16")))
        XCTAssertEqual(deadline.resolvedDay, day("2026-03-14"))
        XCTAssertEqual(deadline.deadline, day("2026-03-16"))
        XCTAssertEqual(deadline.state, .pending)
    }

    func test_item2_sevWithNoDeadline() {
        XCTAssertNil(PublishingDeadline.of(postmortem(severity: "SEV3", status: "draft", resolved: "2020-01-01T00:00:00Z"), windows: windows, asOf: day("2026-12-01")))
    }

    func test_item2_notYetResolved() {
        XCTAssertNil(PublishingDeadline.of(postmortem(status: "draft", resolved: nil), windows: windows, asOf: day("2026-12-01")))
    }

    func test_item2_onTheDeadlineIsNotLateTheDayAfterIs() throws {
        let pm = postmortem(status: "review", resolved: "2026-11-20T22:00:00Z")
        let onTheDay = try XCTUnwrap(PublishingDeadline.of(pm, windows: windows, asOf: day("2026-11-27")))
        XCTAssertEqual(onTheDay.state, .pending)
        XCTAssertEqual(onTheDay.daysLate, 0)
        let later = try XCTUnwrap(PublishingDeadline.of(pm, windows: windows, asOf: day("2026-12-01")))
        XCTAssertEqual(later.state, .overdue)
        XCTAssertEqual(later.daysLate, 4)
        XCTAssertTrue(later.isOverdue)
    }

    func test_item2_finalIsJudgedByItsApprovedDayNotByToday() throws {
        let onTime = try XCTUnwrap(PublishingDeadline.of(postmortem(status: "final", resolved: "2026-11-20T22:00:00Z", approved: "2026-11-27"),
                                                         windows: windows, asOf: day("2027-06-01")))
        XCTAssertEqual(onTime.state, .onTime)
        XCTAssertEqual(onTime.finalDay, day("2026-11-27"))
        let late = try XCTUnwrap(PublishingDeadline.of(postmortem(status: "final", resolved: "2026-11-20T22:00:00Z", approved: "2026-11-30"),
                                                       windows: windows, asOf: day("2027-06-01")))
        XCTAssertEqual(late.state, .publishedLate)
        XCTAssertEqual(late.daysLate, 3)
        // Published late is history: it is never late now.
        XCTAssertFalse(late.isOverdue)
    }

    func test_item2_finalWithoutApprovedDayIsNeverLate() throws {
        let unknown = try XCTUnwrap(PublishingDeadline.of(postmortem(status: "final", resolved: "2020-01-01T00:00:00Z"), windows: windows, asOf: day("2026-12-01")))
        XCTAssertEqual(unknown.state, .finalDayUnknown)
        XCTAssertEqual(unknown.daysLate, 0)
        XCTAssertNil(unknown.finalDay)
    }

    func test_item2_approvedBeforeResolvedIsOnTime() throws {
        // DB046 reports the date; the deadline does not count days before the resolve day as late.
        let early = try XCTUnwrap(PublishingDeadline.of(postmortem(status: "final", resolved: "2026-11-20T22:00:00Z", approved: "2026-11-10"),
                                                        windows: windows, asOf: day("2026-12-01")))
        XCTAssertEqual(early.state, .onTime)
        XCTAssertEqual(early.daysLate, 0)
    }

    func test_item2_approvedInReviewCountsAsNotFinal() throws {
        // `approved` outside final is DB045; the clock keeps running until the status says final.
        let pm = postmortem(status: "review", resolved: "2026-11-20T22:00:00Z", approved: "2026-11-21")
        XCTAssertEqual(try XCTUnwrap(PublishingDeadline.of(pm, windows: windows, asOf: day("2026-12-01"))).state, .overdue)
    }

    // MARK: - Configuration

    func test_item2_publishWithinReadAfterSeveritiesWhereverWritten() {
        let (config, diagnostics) = Config.parse("publish_within:\n  P1: 2bd\n  P2: 7d\nseverities: [P1, P2, P3]\n")
        XCTAssertEqual(diagnostics.map(\.message), [])
        XCTAssertEqual(config.publishWithin, ["P1": PublishWindow(count: 2, businessDays: true), "P2": PublishWindow(count: 7, businessDays: false)])
    }
}
