@testable import DebriefKit
import XCTest

/// What `build --git` takes from an `ActionHistory` for the pages.
final class SiteHistoryTests: XCTestCase {
    private func commit(_ day: String) -> HistoryCommit {
        HistoryCommit(sha: String(repeating: "a", count: 40), timestamp: Int64((CalendarDate(day)?.daysSinceEpoch ?? 0) * 86_400 + 43_200))
    }

    func test_item2_slipsCountOnlyMovesLaterAndAddUpTheirDays() {
        var record = ActionRecord(key: "INC-1/PA-1", firstRecorded: commit("2026-01-10"), firstDueText: "2026-02-01")
        record.dueChanges = [
            DueChange(commit: commit("2026-01-20"), fromText: "2026-02-01", toText: "2026-02-15"),
            DueChange(commit: commit("2026-01-25"), fromText: "2026-02-15", toText: "2026-02-10"),
            DueChange(commit: commit("2026-02-01"), fromText: "2026-02-10", toText: "2026-03-01"),
            DueChange(commit: commit("2026-02-02"), fromText: "2026-03-01", toText: "soon"),
        ]
        record.closed = commit("2026-03-02")
        var untouched = ActionRecord(key: "INC-1/PA-2", firstRecorded: commit("2026-01-11"), firstDueText: "2026-02-01")
        untouched.dueChanges = [DueChange(commit: commit("2026-01-12"), fromText: "2026-02-01", toText: "2026-01-30")]
        let history = SiteHistory(ActionHistory(records: [record, untouched]), keys: ["INC-1/PA-1", "INC-1/PA-2", "INC-1/PA-3"])
        XCTAssertEqual(history.slips, ["INC-1/PA-1": SiteHistory.Slips(count: 2, days: 33)])
        XCTAssertEqual(history.slips["INC-1/PA-1"]?.label, "due moved 2x, +33 days")
        XCTAssertEqual(history.closedOn, ["INC-1/PA-1": CalendarDate("2026-03-02")!])
        XCTAssertEqual(history.firstRecordedOn, ["INC-1/PA-1": CalendarDate("2026-01-10")!, "INC-1/PA-2": CalendarDate("2026-01-11")!])
    }

    func test_item2_oneDayIsSingular() {
        XCTAssertEqual(SiteHistory.Slips(count: 1, days: 1).label, "due moved 1x, +1 day")
    }

    func test_item2_keysMatchWhateverTheirCase() {
        let record = ActionRecord(key: "INC-1/PA-1", firstRecorded: commit("2026-01-10"))
        let history = SiteHistory(ActionHistory(records: [record]), keys: ["inc-1/pa-1"])
        XCTAssertEqual(history.firstRecordedOn, ["inc-1/pa-1": CalendarDate("2026-01-10")!])
    }
}
