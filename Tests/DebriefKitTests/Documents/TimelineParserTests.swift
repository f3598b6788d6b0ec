@testable import DebriefKit
import XCTest

final class TimelineParserTests: XCTestCase {
    private func timeline(_ body: String, extra: String = "") -> [TimelineEntry] {
        readPostmortem(frontMatter(extra) + "## Timeline\n\n" + body).0.timeline
    }

    private func describe(_ entries: [TimelineEntry]) -> [String] {
        entries.map { "\($0.location.line):\($0.location.column) \($0.time?.description ?? "nil") | \($0.timeText) | \($0.event)" }
    }

    func test_tableOfHHMMOnTheDateInTheDocumentsZone() {
        let entries = timeline("""
            | Time | Event | Who |
            |------|-------|-----|
            | 09:12 | Alert fired | pager |
            | **09:20** | Rolled back | |
            |  |  |  |
            """, extra: "timezone: Europe/Berlin\n")
        XCTAssertEqual(describe(entries), [
            "13:1 2026-03-14T09:12:00+01:00 | 09:12 | Alert fired — pager",
            "14:1 2026-03-14T09:20:00+01:00 | 09:20 | Rolled back",
        ])
    }

    func test_HHMMRollsOverPastMidnight() {
        let entries = timeline("""
            | Time | Event |
            |------|-------|
            | 23:50 | Deploy |
            | 23:58 | Errors |
            | 00:10 | Rolled back |
            | 01:00 | Resolved |
            | 00:30 | Out of order, not a day later |
            """)
        XCTAssertEqual(entries.map { $0.time?.description ?? "nil" }, [
            "2026-03-14T23:50:00Z", "2026-03-14T23:58:00Z", "2026-03-15T00:10:00Z", "2026-03-15T01:00:00Z", "2026-03-15T00:30:00Z",
        ])
    }

    func test_listItemsStartingWithATime() {
        let entries = timeline("""
            - 14:02 — Alert fired
            - 14:05: Paged the on-call
            - 2026-03-14 14:10 - Rolled back
            - 2026-03-14T14:30:00+01:00 Resolved
            - 15:00, Post-incident review booked
            """, extra: "timezone: \"+01:00\"\n")
        XCTAssertEqual(describe(entries), [
            "11:1 2026-03-14T14:02:00+01:00 | 14:02 | Alert fired",
            "12:1 2026-03-14T14:05:00+01:00 | 14:05 | Paged the on-call",
            "13:1 2026-03-14T14:10:00+01:00 | 2026-03-14 14:10 | Rolled back",
            "14:1 2026-03-14T14:30:00+01:00 | 2026-03-14T14:30:00+01:00 | Resolved",
            "15:1 2026-03-14T15:00:00+01:00 | 15:00 | Post-incident review booked",
        ])
    }

    func test_anExplicitDateMovesTheDayForLaterHHMM() {
        let entries = timeline("""
            - 2026-03-16 08:00 Follow-up deploy
            - 09:00 Verified
            """)
        XCTAssertEqual(entries.map { $0.time?.description ?? "nil" }, ["2026-03-16T08:00:00Z", "2026-03-16T09:00:00Z"])
    }

    func test_HHMMAfterAFullTimestampRollsOverPastMidnight() {
        let entries = timeline("""
            - 2026-03-14T22:50:00Z Deploy
            - 23:55 Errors
            - 2026-03-14T23:58:00+01:00 Paged
            - 00:10 Rolled back
            """, extra: "timezone: \"+01:00\"\n")
        XCTAssertEqual(entries.map { $0.time?.description ?? "nil" }, [
            "2026-03-14T22:50:00Z", "2026-03-14T23:55:00+01:00", "2026-03-14T23:58:00+01:00", "2026-03-15T00:10:00+01:00",
        ])
    }

    func test_configTimezoneIsTheDefault() {
        var config = Config()
        config.timezone = "America/New_York"
        let layout = RepositoryLayout(config: config, postmortemFiles: [], sopFiles: [])
        let pm = readPostmortem(frontMatter() + "## Timeline\n\n- 09:00 Start\n", layout: layout).0
        XCTAssertEqual(pm.timeline.first?.time?.description, "2026-03-14T09:00:00-04:00", "New York is on summer time from 2026-03-08")
    }

    func test_unreadableTimesKeepTheirText() {
        let entries = timeline("""
            - Around noon the alert fired
            - 9:12 Something
            - 24:00 Midnight
            -
            """)
        XCTAssertEqual(describe(entries), [
            "10:1 nil | Around | noon the alert fired",
            "11:1 2026-03-14T09:12:00Z | 9:12 | Something",
            "12:1 nil | 24:00 | Midnight",
            "13:1 nil |  | ",
        ])
    }

    func test_HHMMWithoutADateCannotBeRead() {
        let pm = readPostmortem("---\nid: INC-1\ntitle: T\nstatus: draft\n---\n## Timeline\n\n- 09:12 Alert\n").0
        XCTAssertEqual(pm.timeline.count, 1)
        XCTAssertNil(pm.timeline[0].time)
    }

    func test_splitLeadingTime() {
        XCTAssertEqual(TimelineParser.splitLeadingTime("14:02 — Alert").0, "14:02")
        XCTAssertEqual(TimelineParser.splitLeadingTime("14:02 — Alert").1, "Alert")
        XCTAssertEqual(TimelineParser.splitLeadingTime("2026-03-14 14:02: Alert").0, "2026-03-14 14:02")
        XCTAssertEqual(TimelineParser.splitLeadingTime("   ").0, "")
    }
}
