@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The recurrence rule of `docs/recurrence.md`, one case per test: an earlier incident A with one
/// preventive action, a later incident B that started on 2026-03-10, and their similarity given
/// (so each test is about the rule, not the scoring).
final class RecurrenceTests: XCTestCase {
    static let laterStart = "2026-03-10T09:00:00+00:00"

    static func day(_ text: String) -> CalendarDate {
        CalendarDate(text) ?? CalendarDate(daysSinceEpoch: 0)
    }

    /// A (2025-10-01) with action PA-1, and B.
    static func pair(status: ActionStatus, due: String?, closed: String? = nil, untracked: Bool = false,
                     earlierDate: String = "2025-10-01", laterStarted: String = laterStart) -> [Postmortem] {
        var earlier = Postmortem(file: "postmortems/a.md", slug: "a", id: "INC-A", title: "Checkout pool exhausted", date: day(earlierDate),
                                 severity: "SEV2", statusText: "final", body: "", bodyFirstLine: 1, hasFrontMatter: true)
        earlier.started = Timestamp(rfc3339: earlierDate + "T10:00:00+00:00")
        var action = PreventiveAction(postmortemID: "INC-A", postmortemFile: "postmortems/a.md", id: "PA-1", action: "Raise the pool",
                                      owner: "dana", dueText: due ?? "", due: due.map(day), statusText: status.rawValue, status: status,
                                      sops: [], ticket: nil, type: nil, location: SourceLocation(file: "postmortems/a.md", line: 20),
                                      cellLocations: [:], untracked: untracked)
        action.closed = closed.map(day)
        earlier.actionTables = [ActionTable(location: SourceLocation(file: "postmortems/a.md", line: 19), columns: ["ID"], missingColumns: [],
                                            actions: [action])]
        var later = Postmortem(file: "postmortems/b.md", slug: "b", id: "INC-B", title: "Checkout pool exhausted again", date: nil,
                               severity: "SEV2", statusText: "draft", body: "", bodyFirstLine: 1, hasFrontMatter: true)
        later.started = Timestamp(rfc3339: laterStarted)
        later.date = later.started?.localDate
        return [earlier, later]
    }

    static func recurrences(_ postmortems: [Postmortem], score: Double = 0.8,
                            settings: RecurrenceSettings = RecurrenceSettings()) -> [Recurrence] {
        RecurrenceFinder.recurrences(of: 1, in: postmortems, similar: [SimilarMatch(position: 0, id: "INC-A", score: score, reasons: [])],
                                     settings: settings)
    }

    func test_item2_openAtStart() throws {
        let found = Self.recurrences(Self.pair(status: .open, due: "2026-03-22"))
        let recurrence = try XCTUnwrap(found.first)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(recurrence.state, .open)
        XCTAssertEqual(recurrence.actionKey, "INC-A/PA-1")
        XCTAssertEqual(recurrence.daysOverdue, 0)
        XCTAssertEqual(recurrence.sentence, "recurred while INC-A/PA-1 was open, due 12 days later")
    }

    func test_item2_duePassed() throws {
        let recurrence = try XCTUnwrap(Self.recurrences(Self.pair(status: .inProgress, due: "2025-10-01")).first)
        XCTAssertEqual(recurrence.daysOverdue, 160)
        XCTAssertEqual(recurrence.sentence, "recurred while INC-A/PA-1 was open, 160 days overdue")
    }

    func test_item2_dueThatDay() throws {
        let recurrence = try XCTUnwrap(Self.recurrences(Self.pair(status: .open, due: "2026-03-10")).first)
        XCTAssertEqual(recurrence.sentence, "recurred while INC-A/PA-1 was open, due that day")
    }

    func test_item2_closedBeforeStart() {
        XCTAssertEqual(Self.recurrences(Self.pair(status: .done, due: "2026-01-01", closed: "2026-02-01")), [])
    }

    func test_item2_closedOnTheDayItStartedCountsAsClosed() {
        XCTAssertEqual(Self.recurrences(Self.pair(status: .done, due: "2026-01-01", closed: "2026-03-10")), [])
    }

    func test_item2_closedAfterStartWasOpen() throws {
        let recurrence = try XCTUnwrap(Self.recurrences(Self.pair(status: .done, due: "2026-01-01", closed: "2026-04-02")).first)
        XCTAssertEqual(recurrence.state, .open)
        XCTAssertEqual(recurrence.sentence, "recurred while INC-A/PA-1 was open, 68 days overdue (closed on 2026-04-02)")
    }

    func test_item2_closedWithNoDateMakesNoClaim() {
        // Even before its due date: a closed action of unknown closing day counts as closed.
        XCTAssertEqual(Self.recurrences(Self.pair(status: .done, due: "2026-06-01")), [])
        XCTAssertEqual(Self.recurrences(Self.pair(status: .wontDo, due: "2026-06-01")), [])
    }

    func test_item2_closedBeforeStartButBeforeDue() throws {
        let recurrence = try XCTUnwrap(Self.recurrences(Self.pair(status: .done, due: "2026-06-01", closed: "2026-02-01")).first)
        XCTAssertEqual(recurrence.state, .closedBeforeDue(closed: Self.day("2026-02-01")))
        XCTAssertEqual(recurrence.sentence, "recurred before INC-A/PA-1 was due (2026-06-01), though it was closed on 2026-02-01")
    }

    func test_item2_wontDoClosedBeforeDueMakesNoClaim() {
        XCTAssertEqual(Self.recurrences(Self.pair(status: .wontDo, due: "2026-06-01", closed: "2026-02-01")), [])
    }

    func test_item2_historyDateWinsOverTheClosedCell() throws {
        let postmortems = Self.pair(status: .done, due: "2026-01-01", closed: "2026-02-01")
        let settings = RecurrenceSettings(closeDates: ["INC-A/PA-1": Self.day("2026-05-01")])
        let recurrence = try XCTUnwrap(Self.recurrences(postmortems, settings: settings).first)
        XCTAssertEqual(recurrence.closed, Self.day("2026-05-01"))
        XCTAssertEqual(recurrence.state, .open)
    }

    func test_item2_historyDateClosesAnActionWithoutACell() {
        let settings = RecurrenceSettings(closeDates: ["INC-A/PA-1": Self.day("2026-01-15")])
        XCTAssertEqual(Self.recurrences(Self.pair(status: .done, due: "2026-01-01"), settings: settings), [])
    }

    func test_item2_untrackedOpenActionWithNoDueDate() throws {
        let recurrence = try XCTUnwrap(Self.recurrences(Self.pair(status: .open, due: nil, untracked: true)).first)
        XCTAssertEqual(recurrence.sentence, "recurred while INC-A/PA-1 was open, with no due date")
    }

    func test_item2_belowThresholdIsNoRecurrence() {
        let postmortems = Self.pair(status: .open, due: "2025-12-01")
        XCTAssertEqual(Self.recurrences(postmortems, score: RecurrenceSettings.defaultThreshold - 0.01), [])
        XCTAssertEqual(Self.recurrences(postmortems, score: RecurrenceSettings.defaultThreshold).count, 1)
        XCTAssertEqual(Self.recurrences(postmortems, score: 0.5, settings: RecurrenceSettings(threshold: 0.6)), [])
    }

    func test_item2_anEarlierIncidentNeverRecursALaterOne() {
        // B started before A: B is not a recurrence of A.
        let postmortems = Self.pair(status: .open, due: "2025-12-01", earlierDate: "2026-04-01")
        XCTAssertEqual(Self.recurrences(postmortems), [])
    }

    func test_item2_closedCellIsRead() throws {
        let markdown = """
            | ID | Action | Owner | Due | Status | Closed on |
            |----|--------|-------|-----|--------|-----------|
            | PA-1 | Raise the pool | @dana | 2026-01-01 | done | 2026-02-03 |
            | PA-2 | Add an alert | @marco | 2026-01-01 | done | soon |
            """
        let pm = try Self.read(actions: markdown)
        XCTAssertEqual(pm.actions.map(\.closed), [Self.day("2026-02-03"), nil])
    }

    /// The families fixture end to end: with the default threshold, B (INC-2025-014) recurs A
    /// (INC-2025-001) when A has an open action.
    func test_item2_recurrenceFoundThroughSimilarity() throws {
        let base = try RepositoryLoader().load(root: SimilarityIndexTests.familiesRoot)
        var postmortems = base.postmortems
        let earlier = try XCTUnwrap(postmortems.firstIndex { $0.id == "INC-2025-001" })
        let later = try XCTUnwrap(postmortems.firstIndex { $0.id == "INC-2025-014" })
        let action = Self.pair(status: .open, due: "2025-02-01")[0].actionTables
        postmortems[earlier].actionTables = action
        let index = SimilarityIndex(postmortems.map(SimilarityDocument.init))
        XCTAssertGreaterThanOrEqual(index.score(earlier, later), RecurrenceSettings.defaultThreshold)
        let all = RecurrenceFinder.all(in: postmortems, index: index, settings: RecurrenceSettings())
        XCTAssertTrue(all.contains { $0.laterID == "INC-2025-014" && $0.earlierID == "INC-2025-001" && $0.actionKey == "INC-A/PA-1" },
                      "\(all.map(\.sentence))")
        XCTAssertEqual(all.first { $0.laterID == "INC-2025-014" }?.daysOverdue, 29)
    }

    static func read(actions table: String) throws -> Postmortem {
        let text = """
            ---
            id: INC-2026-001
            title: Pool
            date: 2026-01-01
            severity: SEV2
            status: draft
            ---

            ## Preventive Actions

            \(table)
            """
        let layout = RepositoryLayout(config: Config(), postmortemFiles: ["postmortems/a.md"], sopFiles: [])
        guard case .success(let source) = SourceText.decode(path: "postmortems/a.md", bytes: Array(text.utf8)) else {
            throw XCTSkip("fixture does not decode")
        }
        return PostmortemReader(layout: layout).read(source).0
    }
}
