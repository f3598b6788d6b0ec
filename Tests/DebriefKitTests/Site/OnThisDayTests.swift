@testable import DebriefKit
import XCTest

/// "On this day" matches incidents by ISO week; the weeks at the turn of the year are the edge.
final class OnThisDayTests: XCTestCase {
    private func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    func test_item4_isoWeeksAtTheTurnOfTheYear() {
        XCTAssertEqual(day("2026-12-01").isoWeek.week, 49)
        XCTAssertEqual(day("2026-12-31").isoWeek.year, 2026)
        XCTAssertEqual(day("2026-12-31").isoWeek.week, 53)
        XCTAssertEqual(day("2027-01-01").isoWeek.year, 2026)
        XCTAssertEqual(day("2027-01-01").isoWeek.week, 53)
        XCTAssertEqual(day("2024-12-30").isoWeek.year, 2025)
        XCTAssertEqual(day("2024-12-30").isoWeek.week, 1)
        XCTAssertEqual(day("2021-01-03").isoWeek.year, 2020)
        XCTAssertEqual(day("2021-01-03").isoWeek.week, 53)
    }
}
