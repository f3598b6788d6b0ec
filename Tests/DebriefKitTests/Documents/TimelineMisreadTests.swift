@testable import DebriefKit
import Foundation
import XCTest

/// Times a reviewer found read at the wrong instant with no word at their line. Each is now read
/// as a reader of the post-mortem would read it, or gets a diagnostic at its line with the form
/// to write.
final class TimelineMisreadTests: XCTestCase {
    private struct Read: Equatable, CustomStringConvertible {
        var at: String?
        var end: String?
        var text = ""
        var dayOnly = false
        var approximate = false
        var description: String { "\(at ?? "nil")–\(end ?? "") '\(text)' day:\(dayOnly) ~\(approximate)" }
    }

    private func document(_ body: String, date: String, zone: String, extra: String) -> String {
        "---\nid: INC-1\ntitle: T\ndate: \(date)\nseverity: SEV2\nstatus: final\ntimezone: \(zone)\n\(extra)---\n## Timeline\n\n" + body
    }

    /// The entries read (instants in UTC) and what reading them reported.
    private func read(_ body: String, date: String = "2026-07-19", zone: String = "UTC", extra: String = "") -> ([Read], [Diagnostic]) {
        let (pm, diagnostics) = readPostmortem(document(body, date: date, zone: zone, extra: extra))
        func utc(_ time: Timestamp?) -> String? { time.map { Timestamp(epochSeconds: $0.epochSeconds, offsetSeconds: 0).description } }
        return (pm.timeline.map { Read(at: utc($0.time), end: utc($0.end), text: $0.event, dayOnly: $0.dayOnly, approximate: $0.approximate) },
                diagnostics)
    }

    /// What `check` says of a post-mortem with this timeline.
    private func check(_ body: String, date: String = "2026-07-19", zone: String = "UTC", extra: String = "") throws -> [Diagnostic] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("misread-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("postmortems"), withIntermediateDirectories: true)
        try document(body, date: date, zone: zone, extra: extra)
            .write(to: root.appendingPathComponent("postmortems/a.md"), atomically: false, encoding: .utf8)
        return Validator.standard.validate(try RepositoryLoader().load(root: root))
    }

    private func assertReads(_ item: String, _ at: String?, end: String? = nil, text: String = "x", approximate: Bool = false,
                             date: String = "2026-07-19", zone: String = "UTC", file: StaticString = #filePath, line: UInt = #line) {
        let (entries, diagnostics) = read(item + "\n", date: date, zone: zone)
        XCTAssertEqual(entries, [Read(at: at, end: end, text: text, approximate: approximate)], "'\(item)'", file: file, line: line)
        XCTAssertEqual(diagnostics.map(\.message), [], "'\(item)'", file: file, line: line)
    }

    // MARK: - 1. An offset followed by ':'

    func test_finding1_offsetFollowedByColonIsTheOffset() {
        assertReads("- 2026-07-19T06:14:00+02:00: x", "2026-07-19T04:14:00Z")
        assertReads("- 06:14+02:00: x", "2026-07-19T04:14:00Z")
        assertReads("- 06:14 UTC+2: x", "2026-07-19T04:14:00Z")
        assertReads("- 06:14 +0200: x", "2026-07-19T04:14:00Z")
        assertReads("**06:14+02:00:** x", "2026-07-19T04:14:00Z")
        assertReads("- 06:14 GMT-03:00: x", "2026-07-19T09:14:00Z")
        assertReads("- 06:14:00-05:00: x", "2026-07-19T11:14:00Z")
        assertReads("- 06:14 UTC+05:30: x", "2026-07-19T00:44:00Z")
    }

    // MARK: - 2. A compact span across midnight

    func test_finding2_compactSpanAcrossMidnightIsASpan() {
        assertReads("- 23:45-00:30 — failover", "2026-07-19T23:45:00Z", end: "2026-07-20T00:30:00Z", text: "failover")
        assertReads("- 22:00-02:00 — x", "2026-07-19T22:00:00Z", end: "2026-07-20T02:00:00Z")
        assertReads("- 23:00-00:15 — x", "2026-07-19T23:00:00Z", end: "2026-07-20T00:15:00Z")
        // Not an offset: no zone is 07:20 behind UTC.
        assertReads("- 23:45-07:20 — x", "2026-07-19T23:45:00Z", end: "2026-07-20T07:20:00Z")
        let (entries, _) = read("| Time | Event |\n|---|---|\n| 22:00-02:00 | x |\n")
        XCTAssertEqual(entries, [Read(at: "2026-07-19T22:00:00Z", end: "2026-07-20T02:00:00Z", text: "x")])
    }

    func test_finding2_offsetThatNoSpanReadingMakesSenseOfStaysAnOffset() {
        // As a span it would last twenty hours.
        assertReads("- 09:00-05:00 — x", "2026-07-19T14:00:00Z")
    }

    func test_finding2_spanOrCommonOffsetIsAnErrorWithBothReadings() {
        let (entries, diagnostics) = read("- 23:00-05:00 — x\n")
        XCTAssertEqual(entries.map(\.at), [nil])
        XCTAssertEqual(diagnostics.map(\.code), [.timelineTimeReadsTwoWays])
        XCTAssertEqual(diagnostics.first?.location.line, 11)
        XCTAssertEqual(diagnostics.first?.fix, "23:00 - 05:00 or 23:00 UTC-05:00")
    }

    // MARK: - 3. A meridiem written once, after a span

    func test_finding3_meridiemAfterASpanIsTheStartsToo() {
        assertReads("- 9:30 - 10:15 PM PT: deploy", "2026-06-15T04:30:00Z", end: "2026-06-15T05:15:00Z", text: "deploy", date: "2026-06-14")
        assertReads("- 11:30 - 1:15 PM: x", "2026-07-19T11:30:00Z", end: "2026-07-19T13:15:00Z")
        assertReads("- 9:30 to 10:15 am: x", "2026-07-19T09:30:00Z", end: "2026-07-19T10:15:00Z")
    }

    // MARK: - 4. A month and day without a year

    func test_finding4_dayWithoutAYearTakesTheYearNearestTheIncident() {
        let (day, _) = read("- Dec 20: x\n", date: "2026-01-05")
        XCTAssertEqual(day, [Read(at: "2025-12-20T00:00:00Z", text: "x", dayOnly: true)])
        let (entries, _) = read("- Dec 20 10:00: a\n", date: "2026-01-05")
        XCTAssertEqual(entries.map(\.at), ["2025-12-20T10:00:00Z"])
        let (forward, _) = read("- Jan 2 10:00: a\n", date: "2026-12-30")
        XCTAssertEqual(forward.map(\.at), ["2027-01-02T10:00:00Z"])
    }

    func test_finding4_dayHeadingsAcrossNewYearKeepTheIncidentsYear() {
        let (entries, diagnostics) = read("### December 20\n\n- 10:00 — a\n\n### January 5\n\n- 09:00 — b\n", date: "2026-01-05")
        XCTAssertEqual(entries.map(\.at), ["2025-12-20T10:00:00Z", "2026-01-05T09:00:00Z"])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    func test_finding4_leadUpDayDoesNotMoveTheBareTimeAfterIt() {
        // Weeks before the incident's date, the lead-up day does not pull 09:00 back to it.
        let (entries, diagnostics) = read("- Dec 20: change merged\n- 09:00: alert\n", date: "2026-01-05")
        XCTAssertEqual(entries.map(\.at), ["2025-12-20T00:00:00Z", "2026-01-05T09:00:00Z"])
        XCTAssertEqual(diagnostics.map(\.message), [])
        // The day before, it could be either day.
        let (close, reported) = read("- Jan 4: change merged\n- 09:00: alert\n", date: "2026-01-05")
        XCTAssertEqual(close.map(\.at), ["2026-01-04T00:00:00Z", nil])
        XCTAssertEqual(reported.map(\.code), [.timelineTimeReadsTwoWays])
        XCTAssertEqual(reported.first?.location.line, 12)
        XCTAssertEqual(reported.first?.fix, "2026-01-04 09:00 or 2026-01-05 09:00")
    }

    // MARK: - 5. A year followed by ':'

    func test_finding5_yearFollowedByColonIsTheYear() {
        let (entries, diagnostics) = read("- March 3, 2021: change shipped\n", date: "2022-04-05")
        XCTAssertEqual(entries, [Read(at: "2021-03-03T00:00:00Z", text: "change shipped", dayOnly: true)])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    // MARK: - 6. Four digits after a month and day

    func test_finding6_fourDigitsWithAZoneAfterADayAreAClock() {
        assertReads("- Feb 1 2000 UTC: x", "2026-02-01T20:00:00Z", date: "2026-02-01")
        assertReads("- Feb 1 2145 UTC: x", "2026-02-01T21:45:00Z", date: "2026-02-01")
        // A year with a clock after it stays a year.
        assertReads("- Feb 1 2026 20:00 UTC: x", "2026-02-01T20:00:00Z", date: "2026-02-01")
    }

    func test_finding6_fourDigitsFarFromTheIncidentYearAreAnErrorWithBothReadings() {
        let (entries, diagnostics) = read("- Feb 1 2045: x\n", date: "2026-02-01")
        XCTAssertEqual(entries.map(\.at), [nil])
        XCTAssertEqual(diagnostics.map(\.code), [.timelineTimeReadsTwoWays])
        XCTAssertEqual(diagnostics.first?.fix, "2045-02-01 or 2026-02-01 20:45")
    }

    // MARK: - 7. A clock after a date that does not start with a digit

    func test_finding7_approximateParenthesisedOrDashedClockAfterADateIsRead() {
        assertReads("- Jan 4, ~6:00 AM PST: x", "2021-01-04T14:00:00Z", approximate: true, date: "2021-01-04")
        assertReads("- 2021-01-04 ~06:00 x", "2021-01-04T06:00:00Z", approximate: true, date: "2021-01-04")
        assertReads("- Jan 4 around 6:00 AM: x", "2021-01-04T06:00:00Z", approximate: true, date: "2021-01-04")
        assertReads("- Jan 4 (06:00): x", "2021-01-04T06:00:00Z", date: "2021-01-04")
        assertReads("- Jan 4 - 06:00: x", "2021-01-04T06:00:00Z", date: "2021-01-04")
        assertReads("- Jan 4 06h00: x", "2021-01-04T06:00:00Z", date: "2021-01-04")
    }

    func test_finding7_otherClockAfterADateIsUnreadWithAFix() throws {
        let (entries, _) = read("- Jan 4 by 06:00: x\n", date: "2021-01-04")
        XCTAssertEqual(entries.map(\.at), [nil])
        XCTAssertEqual(entries.map(\.dayOnly), [false])
        let diagnostics = try check("- Jan 4 by 06:00: x\n", date: "2021-01-04").filter { $0.code == .timelineBadTime }
        XCTAssertEqual(diagnostics.map(\.location.line), [11])
        XCTAssertEqual(diagnostics.first?.fix, "2021-01-04 06:00")
    }

    // MARK: - 8. A zone in any time column's header

    func test_finding8_zoneAnywhereInATimeHeaderIsRead() {
        for header in ["Time UTC", "UTC Time", "Time (UTC)", "Timestamp UTC", "Time in UTC", "UTC"] {
            let (entries, diagnostics) = read("| \(header) | Event |\n|---|---|\n| 17:00 | x |\n", zone: "America/Los_Angeles")
            XCTAssertEqual(entries, [Read(at: "2026-07-19T17:00:00Z", text: "x")], header)
            XCTAssertEqual(diagnostics.map(\.message), [], header)
        }
        let (pacific, _) = read("| Time (Pacific) | Event |\n|---|---|\n| 10:00 | x |\n")
        XCTAssertEqual(pacific.map(\.at), ["2026-07-19T17:00:00Z"])
    }

    func test_finding8_startAndEndColumnsAreASpan() {
        let (entries, diagnostics) = read("| Start (UTC) | End (UTC) | Event |\n|---|---|---|\n| 17:00 | 18:30 | x |\n", zone: "America/Los_Angeles")
        XCTAssertEqual(entries, [Read(at: "2026-07-19T17:00:00Z", end: "2026-07-19T18:30:00Z", text: "x")])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    func test_finding8_unreadableZoneInAnyTimeHeaderIsAnError() {
        let (_, diagnostics) = read("| Start IST | Event |\n|---|---|\n| 17:00 | x |\n")
        XCTAssertEqual(diagnostics.map(\.code), [.timelineAmbiguousZone])
    }

    // MARK: - 9. Zones in lower case or in words

    func test_finding9_spelledOutAndLowerCaseZonesAreRead() {
        assertReads("- 10:00 a.m. Pacific: x", "2026-07-19T17:00:00Z")
        assertReads("- 2:15 PM Eastern: x", "2026-07-19T18:15:00Z")
        assertReads("- 10:00 pst: x", "2026-07-19T18:00:00Z")
        assertReads("- 10:00 Pacific Time — x", "2026-07-19T17:00:00Z")
        assertReads("- 10:00 (Central Time) x", "2026-07-19T15:00:00Z")
        // A word that starts the event is not taken for a zone.
        assertReads("- 10:00 Central team paged", "2026-07-19T10:00:00Z", text: "Central team paged")
        assertReads("- 10:15 est. recovery at 11", "2026-07-19T10:15:00Z", text: "est. recovery at 11")
        assertReads("- 10:20 met the vendor", "2026-07-19T10:20:00Z", text: "met the vendor")
    }

    func test_finding2_ambiguousZonesFixNeverReadsTwoWays() {
        let (_, diagnostics) = read("- 22:00 CST — x\n")
        XCTAssertEqual(diagnostics.first?.fix, "22:00 UTC-06:00 or 22:00+08:00 or 22:00 UTC-05:00")
    }

    func test_finding9_lowerCaseAmbiguousZoneIsAnError() {
        let (_, diagnostics) = read("- 10:00 ist: x\n")
        XCTAssertEqual(diagnostics.map(\.code), [.timelineAmbiguousZone])
    }

    // MARK: - 10. A dated entry in another zone

    func test_finding10_datedEntryInAnotherZoneSetsTheDocumentZonesDay() {
        let (entries, _) = read("- 2026-03-15 01:00 UTC: alert\n- 18:30: ack\n", date: "2026-03-14", zone: "America/Los_Angeles")
        XCTAssertEqual(entries.map(\.at), ["2026-03-15T01:00:00Z", "2026-03-15T01:30:00Z"])
    }

    // MARK: - 11. Bare times after a lead-up entry

    func test_finding11_bareTimeAfterALeadUpEntryIsAnErrorAtItsLine() throws {
        let body = "- 2021-06-07 14:00 — bug shipped\n- 15:00 — canary passed\n- 2021-06-08 09:47 — outage\n"
        let (entries, _) = read(body, date: "2021-06-08")
        XCTAssertEqual(entries.map(\.at), ["2021-06-07T14:00:00Z", nil, "2021-06-08T09:47:00Z"])
        let diagnostics = try check(body, date: "2021-06-08")
        XCTAssertEqual(diagnostics.filter { $0.code.rawValue.hasPrefix("DB05") }.map { "\($0.location.line) \($0.code.rawValue)" }, ["12 DB059"])
        XCTAssertEqual(diagnostics.first { $0.code == .timelineTimeReadsTwoWays }?.fix, "2021-06-07 15:00 or 2021-06-08 15:00")
    }

    func test_item4_withoutStartedTheDateDecidesAfterALeadUpMoreThanADayBefore() throws {
        // Fastly's shape: the deploy weeks before, then the outage's times with no day.
        let (entries, diagnostics) = read("- 2021-05-12 00:00 — bug shipped\n- 9:47 AM — outage\n- ~10:27 — found\n- 10:36 — fixed\n",
                                          date: "2021-06-08")
        XCTAssertEqual(entries.map(\.at), ["2021-05-12T00:00:00Z", "2021-06-08T09:47:00Z", "2021-06-08T10:27:00Z", "2021-06-08T10:36:00Z"])
        XCTAssertEqual(diagnostics.map(\.message), [])
        // Two days before at 23:59 is still more than a day before the date.
        let (edge, quiet) = read("- 2021-06-06 00:00 — bug shipped\n- 23:59 — canary\n", date: "2021-06-08")
        XCTAssertEqual(edge.map(\.at), ["2021-06-06T00:00:00Z", "2021-06-08T23:59:00Z"])
        XCTAssertEqual(quiet.map(\.message), [])
        // A follow-up still reads two ways.
        let (after, reported) = read("- 2021-06-08 09:00 — outage\n- 2021-06-20 10:00 — review\n- 11:00 — notes sent\n", date: "2021-06-08",
                                     extra: "resolved: 2021-06-08T10:00:00Z\n")
        XCTAssertEqual(after.map(\.at), ["2021-06-08T09:00:00Z", "2021-06-20T10:00:00Z", nil])
        XCTAssertEqual(reported.map(\.code), [.timelineTimeReadsTwoWays])
    }

    func test_finding11_dateColumnOnADaysFirstRowGivesItsDayToTheRowsUnderIt() {
        let (entries, diagnostics) = read("""
            | Date | Time | Event |
            |---|---|---|
            | 2022-04-01 | 10:00 | a |
            | | 11:00 | b |
            | 2022-04-05 | 07:00 | c |
            | | 08:00 | d |
            """, date: "2022-04-05")
        XCTAssertEqual(entries.map(\.at), ["2022-04-01T10:00:00Z", "2022-04-01T11:00:00Z", "2022-04-05T07:00:00Z", "2022-04-05T08:00:00Z"])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    func test_finding11_startedSaysWhichDayTheBareTimeIsOn() {
        let (entries, diagnostics) = read("- 2021-05-12 00:00 — bug shipped\n- 09:47 — outage\n", date: "2021-06-08",
                                          extra: "started: 2021-06-08T09:47:00Z\nresolved: 2021-06-08T10:36:00Z\n")
        XCTAssertEqual(entries.map(\.at), ["2021-05-12T00:00:00Z", "2021-06-08T09:47:00Z"])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    // MARK: - 12. Prose that says "time"

    func test_finding12_proseWithATimeIsReportedEvenWhenItSaysTime() throws {
        let diagnostics = try check("- 22:00 — a\n\nThe first time errors appeared was 22:31.\n\nBy 23:10 there was a timely fix.\n\nAll times UTC.\n")
        XCTAssertEqual(diagnostics.filter { $0.code == .timelineProseNotRead }.map(\.location.line), [13, 15])
    }

    func test_finding12_headingThatMentionsATimeButDoesNotStartWithOneIsReported() {
        let (_, diagnostics) = read("### Detection at 14:02\n\n- 14:02 — a\n")
        XCTAssertEqual(diagnostics.map(\.code), [.timelineProseNotRead])
        XCTAssertEqual(diagnostics.first?.location.line, 11)
    }

    // MARK: - 13. A span whose end has a date

    func test_finding13_spanEndWithADateKeepsItsEnd() {
        assertReads("- Jan 31 23:00 - Feb 1 01:00: x", "2026-01-31T23:00:00Z", end: "2026-02-01T01:00:00Z", date: "2026-01-31")
        assertReads("- 2026-01-31 23:00 – 2026-02-01 01:00: x", "2026-01-31T23:00:00Z", end: "2026-02-01T01:00:00Z", date: "2026-01-31")
    }

    // MARK: - 14. A span that ends in a skipped hour

    func test_finding14_spanEndInAClockChangeGapIsAnError() throws {
        let london = try check("- 00:30-01:30 — x\n", date: "2026-03-29", zone: "Europe/London").filter { $0.code == .timelineTimeInGap }
        XCTAssertEqual(london.map(\.location.line), [11])
        XCTAssertTrue(london.first?.message.contains("01:30") == true, london.first?.message ?? "")
        let angeles = try check("- 23:30-02:30 — x\n", date: "2026-03-07", zone: "America/Los_Angeles").filter { $0.code == .timelineTimeInGap }
        XCTAssertEqual(angeles.map(\.location.line), [11])
        XCTAssertTrue(angeles.first?.message.contains("2026-03-08") == true, angeles.first?.message ?? "")
    }

    // MARK: - Event text that starts like an offset or a zone

    func test_item1_eventTextThatStartsLikeAnOffsetOrAZoneKeepsItsTextAndInstant() {
        assertReads("- 09:00 +1 more pager", "2026-07-19T09:00:00Z", text: "+1 more pager")
        assertReads("- 09:10 -5% traffic", "2026-07-19T09:10:00Z", text: "-5% traffic")
        assertReads("- 09:20 -2 nodes lost", "2026-07-19T09:20:00Z", text: "-2 nodes lost")
        assertReads("- 09:40 EST-based customers hit", "2026-07-19T09:40:00Z", text: "EST-based customers hit")
        assertReads("- 10:10 PT-BR locale broken", "2026-07-19T10:10:00Z", text: "PT-BR locale broken")
        assertReads("- 09:50 Z-index bug found", "2026-07-19T09:50:00Z", text: "Z-index bug found")
        assertReads("- 10:20 UTC-based cron fired", "2026-07-19T10:20:00Z", text: "UTC-based cron fired")
        assertReads("- 10:30 +5 replicas", "2026-07-19T10:30:00Z", text: "+5 replicas")
        assertReads("- 10:40 GMT-ish clocks", "2026-07-19T10:40:00Z", text: "GMT-ish clocks")
        assertReads("- 10:50 Pacific-based team paged", "2026-07-19T10:50:00Z", text: "Pacific-based team paged")
        // Joined to its clock, such a word leaves the time unread (an error), never misread.
        XCTAssertEqual(read("- 10:50Z-index\n").0.map(\.at), [nil])
    }

    func test_item1_offsetsAndZonesInTheirFormsAreStillRead() {
        assertReads("- 09:00 +01:00 x", "2026-07-19T08:00:00Z")
        assertReads("- 09:00 +0100: x", "2026-07-19T08:00:00Z")
        assertReads("- 09:00 +01: x", "2026-07-19T08:00:00Z")
        assertReads("- 09:00 -05 x", "2026-07-19T14:00:00Z")
        assertReads("- 09:00 +5:30 x", "2026-07-19T03:30:00Z")
        assertReads("- 09:00 -05:00 — x", "2026-07-19T14:00:00Z")
        assertReads("- 09:00+1: x", "2026-07-19T08:00:00Z")
        assertReads("- 09:00 UTC+1 x", "2026-07-19T08:00:00Z")
        assertReads("- 09:00 GMT-5: x", "2026-07-19T14:00:00Z")
        assertReads("- 09:00 EST - x", "2026-07-19T14:00:00Z")
        assertReads("- 09:00 EST, x", "2026-07-19T14:00:00Z")
        assertReads("- 09:00 (EST) x", "2026-07-19T14:00:00Z")
        assertReads("- 09:00Z: x", "2026-07-19T09:00:00Z")
        assertReads("- 09:00 PT — x", "2026-07-19T16:00:00Z")
        assertReads("- 14:32Z-14:40Z x", "2026-07-19T14:32:00Z", end: "2026-07-19T14:40:00Z")
    }

    /// Random event texts whose first word looks like an offset or a zone, after a valid time:
    /// each keeps its text and the instant of its time.
    func test_item1_randomEventTextsKeepTheirTextAndInstant() {
        let firsts = ["+1", "+2", "-1", "-5%", "-2", "+12", "-10%", "+3x", "EST-based", "PT-BR", "Z-index", "UTC-based", "GMT-ish",
                      "CET-wide", "PST-only", "Z-order", "UTC-5x", "ET-team", "MSK-1", "BST-tree", "-12", "+14", "-0500x", "+0530%",
                      "AST parser", "Pacific-based", "Central-ish"]
        let tails = ["", "more pager", "nodes lost", "traffic", "customers hit", "cron fired", "bug found", "of 3", "(paged)", "— see below"]
        let separators = [" ", ": ", " — ", " - ", " | "]
        var random = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<400 {
            let hour = Int(random.next() % 24), minute = Int(random.next() % 60)
            let clock = Digits.pad(hour, 2) + ":" + Digits.pad(minute, 2)
            let first = firsts[Int(random.next() % UInt64(firsts.count))]
            let tail = tails[Int(random.next() % UInt64(tails.count))]
            let separator = separators[Int(random.next() % UInt64(separators.count))]
            let text = tail.isEmpty ? first : first + " " + tail
            assertReads("- " + clock + separator + text, "2026-07-19T\(clock):00Z", text: text)
        }
    }

    // MARK: - A minus sign that starts the event

    func test_item2_minusSignAfterTheSeparatorIsKept() {
        assertReads("- 10:14: -1 replica", "2026-07-19T10:14:00Z", text: "-1 replica")
        assertReads("- 10:14 — -3% error rate", "2026-07-19T10:14:00Z", text: "-3% error rate")
        assertReads("- 10:14 - −2 nodes", "2026-07-19T10:14:00Z", text: "−2 nodes")
        assertReads("10:14: -1 replica", "2026-07-19T10:14:00Z", text: "-1 replica")
        let (entries, _) = read("| Time | Event |\n|---|---|\n| 10:14 | -1 replica |\n")
        XCTAssertEqual(entries.map(\.text), ["-1 replica"])
        XCTAssertEqual(TimelineParser.splitLeadingTime("soon: -1 replica").1, "-1 replica")
    }

    // MARK: - An ambiguous abbreviation that starts the event

    func test_item3_ambiguousAbbreviationFollowedByWordsIsEventText() {
        // AST is also a word in software: followed by a word it is text.
        assertReads("- 10:11 AST parser crashed", "2026-07-19T10:11:00Z", text: "AST parser crashed")
        // IST and CST are zones wherever they stand: text would put the time in the post-mortem's
        // zone without a word. Alone, or before a separator, AST is the zone too.
        for item in ["- 10:12 CST node evicted", "- 10:13 IST 2 paged", "- 10:00 CST users report errors",
                     "- 10:11 AST: parser crashed", "- 10:11 AST — x", "- 10:11 (AST) x", "- 10:11 AST", "- 10:11 ist: x"] {
            let (entries, diagnostics) = read(item + "\n")
            XCTAssertEqual(entries.map(\.at), [nil], item)
            XCTAssertEqual(diagnostics.map(\.code), [.timelineAmbiguousZone], item)
        }
    }
}

/// The findings a reviewer ranked below the others: a zone note, deep nesting, `-ish`.
final class TimelineNoteTests: XCTestCase {
    private func read(_ body: String, date: String = "2018-10-21", zone: String = "UTC") -> ([TimelineEntry], [Diagnostic]) {
        let (pm, diagnostics) = readPostmortem("---\nid: INC-1\ntitle: T\ndate: \(date)\nseverity: SEV2\nstatus: final\ntimezone: \(zone)\n---\n## Timeline\n\n" + body)
        return (pm.timeline, diagnostics)
    }

    private func utc(_ time: Timestamp?) -> String {
        time.map { Timestamp(epochSeconds: $0.epochSeconds, offsetSeconds: 0).description } ?? "nil"
    }

    func test_lowerCaseEstIsAnEstimateNotAZone() {
        let (entries, _) = read("- 09:10 est 5 min of errors\n- 09:20 EST — paged\n")
        XCTAssertEqual(entries.map { utc($0.time) }, ["2018-10-21T09:10:00Z", "2018-10-21T14:20:00Z"])
        XCTAssertEqual(entries.first?.event, "est 5 min of errors")
    }

    func test_dayNHeadingsGiveTheirDayToTheTimesUnderThem() {
        let (entries, diagnostics) = read("### Day 1\n\n- 09:00 alert\n- 10:00 fix\n\n### Day 2\n\n- 11:00 recurrence\n\n### Day 3 - 2018-10-25\n\n- 12:00 explicit\n",
                                          date: "2018-10-21")
        XCTAssertEqual(diagnostics.map(\.message), [])
        XCTAssertEqual(entries.map { utc($0.time) }, ["2018-10-21T09:00:00Z", "2018-10-21T10:00:00Z", "2018-10-22T11:00:00Z", "2018-10-25T12:00:00Z"])
        XCTAssertEqual(TimelineParser.dayNumber("Day 2 (Tuesday)"), 2)
        XCTAssertNil(TimelineParser.dayNumber("Daylight saving"))
        XCTAssertNil(TimelineParser.dayNumber("Day zero"))
    }

    func test_dayNHeadingsAtTheTimelinesOwnLevelToo() {
        let (pm, diagnostics) = readPostmortem("---\nid: INC-1\ntitle: T\ndate: 2018-10-21\nseverity: SEV2\nstatus: final\n---\n## Timeline\n\n- 09:00 alert\n\n## Day 2\n\n- 08:00 next morning\n")
        XCTAssertEqual(diagnostics.filter { $0.code.rawValue.hasPrefix("DB05") }.map(\.message), [])
        XCTAssertEqual(pm.timeline.map { utc($0.time) }, ["2018-10-21T09:00:00Z", "2018-10-22T08:00:00Z"])
    }

    func test_finding15_zoneNoteNamingAnotherZoneIsAWarningWithTheTimezoneToSet() {
        let (_, diagnostics) = read("All times are in Pacific Time.\n\n- 10:00 — x\n")
        XCTAssertEqual(diagnostics.map(\.code), [.timelineProseNotRead])
        XCTAssertEqual(diagnostics.first?.location.line, 11)
        XCTAssertEqual(diagnostics.first?.fix, "timezone: America/Los_Angeles")
        let (_, same) = read("All times UTC.\n\n- 10:00 — x\n")
        XCTAssertEqual(same.map(\.message), [])
        let (_, pacific) = read("All times are in Pacific Time.\n\n- 10:00 — x\n", zone: "America/Los_Angeles")
        XCTAssertEqual(pacific.map(\.message), [])
    }

    func test_finding21_dayHeadingWithAZoneNoteGivesItsDayAndZone() {
        let (entries, diagnostics) = read("### Sunday, October 21, 2018 (all times UTC)\n\n- 22:52 — x\n", zone: "America/Los_Angeles")
        XCTAssertEqual(entries.map { utc($0.time) }, ["2018-10-21T22:52:00Z"])
        XCTAssertEqual(entries.map(\.event), ["x"])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    func test_finding21_ishIsApproximate() {
        let (entries, _) = read("- 23:00-ish: x\n- 23:30ish — y\n")
        XCTAssertEqual(entries.map(\.approximate), [true, true])
        XCTAssertEqual(entries.map(\.event), ["x", "y"])
        XCTAssertEqual(entries.map { utc($0.time) }, ["2018-10-21T23:00:00Z", "2018-10-21T23:30:00Z"])
    }

    func test_finding20_listNestedTooDeepIsAWarningAtTheFirstUnreadLine() {
        var body = "- 10:00 — top\n"
        for level in 1...30 { body += String(repeating: "  ", count: level) + "- 10:\(Digits.pad(level, 2)) — nested\n" }
        let (entries, diagnostics) = read(body)
        XCTAssertEqual(entries.count, 24)
        XCTAssertEqual(diagnostics.map(\.code), [.timelineProseNotRead])
        XCTAssertEqual(diagnostics.first?.location.line, 35)
    }

}
