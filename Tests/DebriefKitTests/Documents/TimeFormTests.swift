@testable import DebriefKit
import Foundation
import XCTest

/// Every time form of `docs/format.md`, each in its own one-entry timeline, as a list item and
/// as a table cell: the instant it is read as (in UTC), or the diagnostic and its fix-it.
final class TimeFormTests: XCTestCase {
    private struct Read: Equatable, CustomStringConvertible {
        var at: String?
        var end: String?
        var approximate = false
        var dayOnly = false
        var text = ""
        var description: String { "\(at ?? "nil")–\(end ?? "") ~\(approximate) day:\(dayOnly) '\(text)'" }
    }

    private func document(_ body: String, date: String = "2017-02-01", extra: String = "") -> String {
        "---\nid: INC-1\ntitle: T\ndate: \(date)\nseverity: SEV2\nstatus: final\n\(extra)---\n## Timeline\n\n" + body
    }

    private func read(_ body: String, date: String = "2017-02-01", extra: String = "") -> ([Read], [Diagnostic]) {
        let (pm, diagnostics) = readPostmortem(document(body, date: date, extra: extra))
        func utc(_ time: Timestamp?) -> String? { time.map { Timestamp(epochSeconds: $0.epochSeconds, offsetSeconds: 0).description } }
        return (pm.timeline.map { Read(at: utc($0.time), end: utc($0.end), approximate: $0.approximate, dayOnly: $0.dayOnly, text: $0.event) }, diagnostics)
    }

    /// `form` as a list item and as a table cell both read as `expected`.
    private func assertForm(_ form: String, _ at: String, end: String? = nil, approximate: Bool = false, dayOnly: Bool = false,
                            table: Bool = true, file: StaticString = #filePath, line: UInt = #line) {
        let expected = Read(at: at, end: end, approximate: approximate, dayOnly: dayOnly, text: "Something happened")
        let (listed, listDiagnostics) = read("- \(form) — Something happened\n")
        XCTAssertEqual(listed, [expected], "list item '\(form)'", file: file, line: line)
        XCTAssertEqual(listDiagnostics.map(\.message), [], file: file, line: line)
        guard table else { return }
        let (tabled, tableDiagnostics) = read("| Time | Event |\n|---|---|\n| \(form) | Something happened |\n")
        XCTAssertEqual(tabled, [expected], "table cell '\(form)'", file: file, line: line)
        XCTAssertEqual(tableDiagnostics.map(\.message), [], file: file, line: line)
    }

    // MARK: - Clocks

    func test_item2_clockWithOneDigitHour() { assertForm("9:37", "2017-02-01T09:37:00Z") }
    func test_item2_clockWithSpacedMeridiem() { assertForm("9:37 AM", "2017-02-01T09:37:00Z") }
    func test_item2_clockWithAttachedMeridiem() { assertForm("9:37am", "2017-02-01T09:37:00Z") }
    func test_item2_afternoonMeridiem() { assertForm("9:37 PM", "2017-02-01T21:37:00Z") }
    func test_item2_midnightMeridiem() { assertForm("12:05 am", "2017-02-01T00:05:00Z") }
    func test_item2_dottedMeridiemWithZone() { assertForm("6:00 a.m. PST", "2017-02-01T14:00:00Z") }
    func test_item2_dotClockWithMeridiem() { assertForm("6.57am", "2017-02-01T06:57:00Z") }
    func test_item2_clockWithUTC() { assertForm("7:38 UTC", "2017-02-01T07:38:00Z") }
    func test_item2_fourDigitsWithZone() { assertForm("1402 UTC", "2017-02-01T14:02:00Z") }

    func test_item2_fourDigitsInATimeColumn() {
        let (entries, _) = read("| Time | Event |\n|---|---|\n| 1402 | Something happened |\n")
        XCTAssertEqual(entries.map(\.at), ["2017-02-01T14:02:00Z"])
    }

    // MARK: - Negative offsets and zones in headers (never a span, never ignored)

    func test_rfc3339WithNegativeOffsetIsAnInstantNotASpan() {
        assertForm("2017-02-01T01:00:00-05:00", "2017-02-01T06:00:00Z")
        assertForm("2017-02-01T03:00:00-08:00", "2017-02-01T11:00:00Z")
    }

    func test_clockWithSecondsThenNegativeOffsetIsAnInstant() { assertForm("01:00:00-05:00", "2017-02-01T06:00:00Z") }
    func test_spacedNegativeOffsetIsAnOffsetLikeAPositiveOne() { assertForm("09:00 -05:00", "2017-02-01T14:00:00Z") }
    func test_spanThatEndsAfterItStartsStaysASpan() { assertForm("09:00 -10:00", "2017-02-01T09:00:00Z", end: "2017-02-01T10:00:00Z") }
    func test_offsetWithOneDigitHour() { assertForm("09:00 UTC+5:30", "2017-02-01T03:30:00Z") }

    func test_offsetBeyondFourteenHoursIsNotAnOffset() {
        XCTAssertNil(ZoneLabels.offset("+15"))
        XCTAssertNil(ZoneLabels.offset("+14:59"))
        XCTAssertNil(ZoneLabels.offset("-12:30"))
        XCTAssertEqual(ZoneLabels.offset("+14:00"), 14 * 3600)
        XCTAssertEqual(ZoneLabels.offset("-5:30"), -(5 * 3600 + 1800))
    }

    func test_headerZoneThatCannotBeReadIsAnErrorAtTheHeader() {
        for header in ["Time (IST)", "Time (America/New_York)", "Time [CST]", "Time, GMT+25"] {
            let (entries, diagnostics) = read("| \(header) | Event |\n|---|---|\n| 09:00 | Something happened |\n")
            XCTAssertEqual(entries.count, 1, header)
            XCTAssertEqual(diagnostics.map(\.code), [.timelineAmbiguousZone], header)
            XCTAssertEqual(diagnostics.first?.location.line, 10, header)
        }
    }

    func test_headerZoneInBracketsOrAfterACommaIsRead() {
        for header in ["Time [UTC]", "Time, UTC", "Time (in UTC)", "Time (UTC+05:30)"] {
            let (entries, diagnostics) = read("| \(header) | Event |\n|---|---|\n| 09:00 | Something happened |\n",
                                              extra: "timezone: Europe/Berlin\n")
            let expected = header.contains("05:30") ? "2017-02-01T03:30:00Z" : "2017-02-01T09:00:00Z"
            XCTAssertEqual(entries.map(\.at), [expected], header)
            XCTAssertEqual(diagnostics.map(\.message), [], header)
        }
    }

    func test_clockThatIsNotOneAfterADateIsUnreadNotADayOnlyEntry() {
        let (entries, _) = read("- 2017-02-01 09:00:99 Something happened\n")
        XCTAssertEqual(entries.count, 1)
        XCTAssertNil(entries.first?.at)
        XCTAssertEqual(entries.first?.dayOnly, false)
        assertForm("2017-02-01", "2017-02-01T00:00:00Z", dayOnly: true)
    }

    /// What `check` says of a post-mortem with this timeline.
    private func check(_ body: String, extra: String = "") throws -> [Diagnostic] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("timeforms-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("postmortems"), withIntermediateDirectories: true)
        try document(body, extra: extra).write(to: root.appendingPathComponent("postmortems/a.md"), atomically: false, encoding: .utf8)
        return Validator.standard.validate(try RepositoryLoader().load(root: root))
    }

    func test_impossibleDayIsSaidToBeOneWhenTheDocumentHasADate() throws {
        let diagnostics = try check("- 31 Feb 09:00 Something happened\n").filter { $0.code == .timelineBadTime }
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertTrue(diagnostics.first?.message.contains("not a day of the calendar") == true, diagnostics.first?.message ?? "")
    }

    func test_headerNoteThatIsNotAZoneIsNoError() {
        let (entries, diagnostics) = read("| Time (approx.) | Event |\n|---|---|\n| 09:00 | Something happened |\n")
        XCTAssertEqual(entries.map(\.at), ["2017-02-01T09:00:00Z"])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    func test_smallStepBackIsOutOfOrderNotTheNextDay() throws {
        let (entries, _) = read("- 09:30 UTC Alert\n- 10:15 Paged\n", extra: "timezone: Europe/Berlin\n")
        XCTAssertEqual(entries.map(\.at), ["2017-02-01T09:30:00Z", "2017-02-01T09:15:00Z"])
        // check says so: the entry is out of order, at its line.
        let diagnostics = try check("- 09:30 UTC Alert\n- 10:15 Paged\n", extra: "timezone: Europe/Berlin\n")
        XCTAssertEqual(diagnostics.filter { $0.code == .timelineOutOfOrder }.map(\.location.line), [12])
    }

    // MARK: - Approximate times and spans

    func test_item2_tildeIsApproximate() { assertForm("~17:20", "2017-02-01T17:20:00Z", approximate: true) }
    func test_item2_plusMinusIsApproximate() { assertForm("± 17:20", "2017-02-01T17:20:00Z", approximate: true) }
    func test_item2_approxSuffixIsApproximate() { assertForm("17:20 (approx.)", "2017-02-01T17:20:00Z", approximate: true) }
    func test_item2_hyphenSpan() { assertForm("14:32-14:40", "2017-02-01T14:32:00Z", end: "2017-02-01T14:40:00Z") }
    func test_item2_enDashSpan() { assertForm("14:32–14:40", "2017-02-01T14:32:00Z", end: "2017-02-01T14:40:00Z") }
    func test_item2_spanWithOneZone() { assertForm("14:32 - 14:40 PDT", "2017-02-01T21:32:00Z", end: "2017-02-01T21:40:00Z") }
    func test_item2_spanPastMidnight() { assertForm("23:50–00:10", "2017-02-01T23:50:00Z", end: "2017-02-02T00:10:00Z") }

    // MARK: - Dates

    func test_item2_slashedYearFirst() { assertForm("2017/01/31 23:00", "2017-01-31T23:00:00Z") }
    func test_item2_slashedDayFirstWhenUnambiguous() { assertForm("31/01/2017 23:00", "2017-01-31T23:00:00Z") }
    func test_item2_slashedMonthFirstWhenUnambiguous() { assertForm("01/31/2017 23:00", "2017-01-31T23:00:00Z") }
    func test_item2_monthNameAndDay() { assertForm("Feb 1 17:00", "2017-02-01T17:00:00Z") }
    func test_item2_dayMonthNameYear() { assertForm("1 Feb 2017 17:00", "2017-02-01T17:00:00Z") }
    func test_item2_longDateIsDayOnly() { assertForm("April 8, 2022", "2022-04-08T00:00:00Z", dayOnly: true) }
    func test_item2_yearMonthDayWords() { assertForm("2018 October 21 22:52 UTC", "2018-10-21T22:52:00Z") }
    func test_item2_isoWithZ() { assertForm("2018-10-21T22:52Z", "2018-10-21T22:52:00Z") }
    func test_item2_isoDateIsDayOnly() { assertForm("2022-04-14", "2022-04-14T00:00:00Z", dayOnly: true) }
    func test_item2_monthDayTakesTheYearOfTheIncident() { assertForm("April 14", "2017-04-14T00:00:00Z", dayOnly: true) }
    func test_item2_weekdayBeforeADate() { assertForm("Tuesday, Feb 7 09:00", "2017-02-07T09:00:00Z") }

    // MARK: - Zones

    func test_item2_parenthesisedZone() { assertForm("22:52 (UTC)", "2017-02-01T22:52:00Z") }
    func test_item2_attachedZ() { assertForm("10:00Z", "2017-02-01T10:00:00Z") }
    func test_item2_attachedOffset() { assertForm("14:02+02:00", "2017-02-01T12:02:00Z") }
    func test_item2_negativeOffsetIsNotASpan() { assertForm("09:00-05:00", "2017-02-01T14:00:00Z") }
    func test_item2_pacificDaylight() { assertForm("09:47 PDT", "2017-02-01T16:47:00Z") }
    func test_item2_centralEuropean() { assertForm("14:02 CET", "2017-02-01T13:02:00Z") }
    func test_item2_centralEuropeanSummer() { assertForm("14:02 CEST", "2017-02-01T12:02:00Z") }
    func test_item2_japan() { assertForm("10:00 JST", "2017-02-01T01:00:00Z") }
    func test_item2_australianEasternDaylight() { assertForm("10:00 AEDT", "2017-01-31T23:00:00Z") }
    func test_item2_utcWithOffset() { assertForm("10:00 UTC+2", "2017-02-01T08:00:00Z") }
    func test_item2_genericPacificFollowsTheClocks() {
        let (winter, _) = read("- 10:00 PT — Something happened\n")
        let (summer, _) = read("- 10:00 PT — Something happened\n", date: "2017-07-01")
        XCTAssertEqual(winter.map(\.at), ["2017-02-01T18:00:00Z"])
        XCTAssertEqual(summer.map(\.at), ["2017-07-01T17:00:00Z"])
    }

    func test_item2_tableHeaderZoneIsTheColumnsZone() {
        let (entries, _) = read("| Time (PST) | Event |\n|---|---|\n| 09:00 | Something happened |\n| 18:05 UTC | Other |\n")
        XCTAssertEqual(entries.map(\.at), ["2017-02-01T17:00:00Z", "2017-02-01T18:05:00Z"])
    }

    func test_item2_dateAndTimeColumns() {
        let (entries, _) = read("| Date | Time | Event |\n|---|---|---|\n| 2017-01-31 | 23:00 | Something happened |\n")
        XCTAssertEqual(entries, [Read(at: "2017-01-31T23:00:00Z", text: "Something happened")])
    }

    // MARK: - Diagnostics with fix-its

    func test_item2_ambiguousNumericDateIsAnErrorWithBothReadings() {
        let (entries, diagnostics) = read("- 01/02/2017 23:00 — Something happened\n")
        XCTAssertEqual(entries.map(\.at), [nil])
        XCTAssertEqual(diagnostics.map(\.code), [.timelineAmbiguousDate])
        XCTAssertEqual(diagnostics.first?.location.line, 10)
        XCTAssertEqual(diagnostics.first?.fix, "2017-02-01 23:00 or 2017-01-02 23:00")
        XCTAssertTrue(diagnostics.first?.message.contains("write the date as YYYY-MM-DD: 2017-02-01 23:00 or 2017-01-02 23:00") == true)
    }

    func test_item2_ambiguousZoneInATableIsAnError() {
        let (_, diagnostics) = read("| Time | Event |\n|---|---|\n| 09:00 CST | Something happened |\n")
        XCTAssertEqual(diagnostics.map(\.code), [.timelineAmbiguousZone])
        XCTAssertEqual(diagnostics.first?.location.line, 12)
        XCTAssertEqual(diagnostics.first?.fix, "09:00-06:00 or 09:00+08:00 or 09:00-05:00")
    }

    // MARK: - Prose timelines

    func test_item2_headingsThatStartWithATimeAreEntries() {
        let (entries, diagnostics) = read("""
            ### 2018 October 21 22:52 UTC

            Connectivity between the sites was lost.

            ### 2018 October 21 23:07 UTC

            Deploys were paused.
            """)
        XCTAssertEqual(entries, [Read(at: "2018-10-21T22:52:00Z", text: "Connectivity between the sites was lost."),
                                 Read(at: "2018-10-21T23:07:00Z", text: "Deploys were paused.")])
        XCTAssertEqual(diagnostics.map(\.message), [])
    }

    func test_item2_paragraphsThatStartWithATimeAreEntries() {
        let (entries, _) = read("""
            All times are as written.

            **17:20 UTC:** Failover began.

            ± 17:45 UTC: Traffic drained.
            """)
        XCTAssertEqual(entries, [Read(at: "2017-02-01T17:20:00Z", text: "Failover began."),
                                 Read(at: "2017-02-01T17:45:00Z", approximate: true, text: "Traffic drained.")])
    }

    // MARK: - Property

    /// Any instant, written in any accepted form with any fixed-offset zone label, reads back as
    /// that instant.
    func test_item2_randomRenderingsReadBackToTheSameInstant() {
        var generator = SplitMix64(seed: 0x5EED_1010)
        let labels: [(String, Int)] = [("UTC", 0), ("GMT", 0), ("Z", 0), ("(UTC)", 0), ("PST", -28_800), ("PDT", -25_200), ("EST", -18_000),
                                       ("EDT", -14_400), ("CET", 3600), ("CEST", 7200), ("BST", 3600), ("JST", 32_400), ("AEST", 36_000),
                                       ("AEDT", 39_600), ("+05:30", 19_800), ("UTC+2", 7200), ("(PDT)", -25_200), ("GMT-03:00", -10_800)]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        for _ in 0..<300 {
            let minutes = Int(generator.next() % UInt64(60 * 24 * 365 * 30)) + 60 * 24 * 365 * 30
            let epoch = Double(minutes * 60)
            let (label, offset) = labels[Int(generator.next() % UInt64(labels.count))]
            let wall = Timestamp(epochSeconds: epoch, offsetSeconds: offset).wallClock
            let day = wall.date
            let hour = Int(wall.secondOfDay) / 3600, minute = Int(wall.secondOfDay) % 3600 / 60
            let hh = Digits.pad(hour, 2), mm = Digits.pad(minute, 2)
            let h12 = hour % 12 == 0 ? 12 : hour % 12, meridiem = hour < 12 ? "AM" : "PM"
            let ymd = day.description
            let forms = [
                "\(hh):\(mm) \(label)",
                "\(hour):\(mm) \(label)",
                "\(h12):\(mm) \(meridiem) \(label)",
                "\(h12):\(mm)\(meridiem.lowercased()) \(label)",
                "\(h12).\(mm)\(meridiem.lowercased()) \(label)",
                "\(hh)\(mm) \(label)",
                "~\(hh):\(mm) \(label)",
                "\(hh):\(mm) \(label) (approx.)",
                "\(ymd) \(hh):\(mm) \(label)",
                "\(ymd.replacingOccurrences(of: "-", with: "/")) \(hh):\(mm) \(label)",
                "\(day.day) \(months[day.month - 1].prefix(3)) \(day.year) \(hh):\(mm) \(label)",
                "\(months[day.month - 1]) \(day.day), \(day.year) \(hh):\(mm) \(label)",
                "\(day.year) \(months[day.month - 1]) \(day.day) \(hh):\(mm) \(label)",
                "\(months[day.month - 1].prefix(3)) \(day.day) \(hh):\(mm) \(label)",
            ]
            let form = forms[Int(generator.next() % UInt64(forms.count))]
            let (entries, diagnostics) = read("- \(form) — Something happened\n", date: ymd)
            let expected = Timestamp(epochSeconds: epoch, offsetSeconds: 0).description
            XCTAssertEqual(entries.first?.at, expected, "'\(form)' on \(ymd)")
            XCTAssertEqual(entries.first?.text, "Something happened", "'\(form)'")
            XCTAssertEqual(diagnostics.map(\.message), [], "'\(form)'")
        }
    }
}
