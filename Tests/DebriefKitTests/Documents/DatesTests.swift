@testable import DebriefKit
import XCTest

final class CalendarDateTests: XCTestCase {
    func test_readsRealDaysOnly() {
        XCTAssertEqual(CalendarDate("2026-03-14")?.description, "2026-03-14")
        XCTAssertNotNil(CalendarDate("2024-02-29"), "leap year")
        XCTAssertNotNil(CalendarDate("2000-02-29"), "divisible by 400")
        XCTAssertNil(CalendarDate("2023-02-29"))
        XCTAssertNil(CalendarDate("2100-02-29"), "divisible by 100, not 400")
        XCTAssertNil(CalendarDate("2026-04-31"))
        XCTAssertNil(CalendarDate("2026-13-01"))
        XCTAssertNil(CalendarDate("2026-00-10"))
        XCTAssertNil(CalendarDate("0000-01-01"))
        XCTAssertNil(CalendarDate("2026-3-14"))
        XCTAssertNil(CalendarDate("2026/03/14"))
        XCTAssertNil(CalendarDate("2026-03-14 "))
        XCTAssertNil(CalendarDate("２０２６-03-14"), "only ASCII digits")
    }

    func test_daysSinceEpochRoundTrips() {
        XCTAssertEqual(CalendarDate("1970-01-01")?.daysSinceEpoch, 0)
        XCTAssertEqual(CalendarDate("2026-03-14")?.daysSinceEpoch, 20_526)
        XCTAssertEqual(CalendarDate("1969-12-31")?.daysSinceEpoch, -1)
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            XCTAssertEqual(CalendarDate(daysSinceEpoch: days).daysSinceEpoch, days)
        }
        XCTAssertEqual(CalendarDate(daysSinceEpoch: 19_782).description, "2024-02-29")
    }

    func test_orderAndMonthKey() throws {
        let a = try XCTUnwrap(CalendarDate("2026-03-14"))
        let b = try XCTUnwrap(CalendarDate("2026-12-01"))
        XCTAssertLessThan(a, b)
        XCTAssertEqual(a.monthKey, "2026-03")
        XCTAssertEqual(CalendarDate.today(now: Date(timeIntervalSince1970: 20_526 * 86_400 + 86_399)), a)
    }
}

final class TimestampTests: XCTestCase {
    private let march14 = 20_526.0 * 86_400

    func test_offsetsAndZ() throws {
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12:00+01:00")?.epochSeconds, march14 + 8 * 3600 + 12 * 60)
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12:00+01:00")?.offsetSeconds, 3600)
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12:00Z")?.epochSeconds, march14 + 9 * 3600 + 12 * 60)
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14t09:12:00z")?.offsetSeconds, 0)
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12:00-05:30")?.epochSeconds, march14 + 14 * 3600 + 42 * 60)
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14 09:12:00+00:00")?.offsetSeconds, 0, "a space may stand for T")
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12+01:00")?.epochSeconds, march14 + 8 * 3600 + 12 * 60, "seconds may be left out")
    }

    func test_fractionalSeconds() throws {
        let stamp = try XCTUnwrap(Timestamp(rfc3339: "2026-03-14T09:12:00.250Z"))
        XCTAssertEqual(stamp.epochSeconds - (march14 + 9 * 3600 + 12 * 60), 0.25, accuracy: 1e-6)
        XCTAssertNil(Timestamp(rfc3339: "2026-03-14T09:12:00.Z"), "a dot needs digits")
    }

    func test_leapDay() {
        XCTAssertEqual(Timestamp(rfc3339: "2024-02-29T23:59:59Z")?.epochSeconds, 19_782 * 86_400 + 86_399)
        XCTAssertNil(Timestamp(rfc3339: "2023-02-29T00:00:00Z"))
    }

    func test_rejectsWhatIsNotRFC3339() {
        for text in ["2026-03-14T09:12:00", "2026-03-14", "2026-03-14T24:00:00Z", "2026-03-14T09:60:00Z", "2026-03-14T09:12:61Z",
                     "2026-03-14T09:12:00+1:00", "2026-03-14T09:12:00+24:00", "2026-03-14T09:12:00Zx", "2026-03-14X09:12:00Z",
                     "2026-03-14T09:12:00+01:00 ", "", "yesterday"] {
            XCTAssertNil(Timestamp(rfc3339: text), text)
        }
    }

    func test_descriptionKeepsTheOffset() {
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12:07+01:00")?.description, "2026-03-14T09:12:07+01:00")
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12:00-05:30")?.description, "2026-03-14T09:12:00-05:30")
        XCTAssertEqual(Timestamp(rfc3339: "2026-03-14T09:12:00+00:00")?.description, "2026-03-14T09:12:00Z")
    }

    func test_localDateAndClockAreOnTheWrittenWallClock() {
        let late = Timestamp(rfc3339: "2026-03-14T23:30:00-05:00")
        XCTAssertEqual(late?.localDate.description, "2026-03-14", "already the 15th in UTC")
        XCTAssertEqual(late?.localClock, "23:30")
    }

    func test_orderIsByInstantNotByText() throws {
        let a = try XCTUnwrap(Timestamp(rfc3339: "2026-03-14T10:00:00+02:00"))
        let b = try XCTUnwrap(Timestamp(rfc3339: "2026-03-14T09:00:00Z"))
        XCTAssertLessThan(a, b)
    }

    /// The formatting written straight into a string's bytes gives what joining padded pieces
    /// gave, for any instant, offset and year (years past 9999 take the joining path).
    func test_formattingMatchesPaddedPieces() {
        func pieces(_ time: Timestamp) -> (description: String, clock: String) {
            let local = Int((time.epochSeconds + Double(time.offsetSeconds)).rounded(.down))
            let day = CalendarDate(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
            let date = Digits.pad(day.year, 4) + "-" + Digits.pad(day.month, 2) + "-" + Digits.pad(day.day, 2)
            let second = local - day.daysSinceEpoch * 86_400
            let offset = abs(time.offsetSeconds)
            let zone = time.offsetSeconds == 0 ? "Z" : (time.offsetSeconds < 0 ? "-" : "+") + Digits.pad(offset / 3600, 2) + ":" + Digits.pad(offset % 3600 / 60, 2)
            let clock = Digits.pad(second / 3600, 2) + ":" + Digits.pad(second % 3600 / 60, 2)
            return (date + "T" + clock + ":" + Digits.pad(second % 60, 2) + zone, clock)
        }
        var random = SplitMix64(seed: 7)
        let offsets = [0, 3600, -3600, 19_800, -34_200, 50_400, -43_200, 60, -59, 45_296, 99 * 3600 + 3599]
        for round in 0..<20_000 {
            // From year 1 to beyond 9999, fractions of seconds included.
            let seconds = Double(Int64(random.next() % 400_000_000_000)) - 62_135_596_800 + Double(random.next() % 1000) / 1000
            let time = Timestamp(epochSeconds: round == 0 ? 0 : seconds, offsetSeconds: offsets[round % offsets.count])
            let expected = pieces(time)
            XCTAssertEqual(time.description, expected.description)
            XCTAssertEqual(time.localClock, expected.clock)
            XCTAssertEqual(time.localDate.description, String(expected.description.prefix { $0 != "T" }))
        }
        XCTAssertEqual(CalendarDate(year: 12_345, month: 6, day: 7)?.description, "12345-06-07")
        XCTAssertEqual(CalendarDate(year: 7, month: 6, day: 7)?.description, "0007-06-07")
    }
}

final class TimeZoneSpecTests: XCTestCase {
    func test_readsNamesAndOffsets() {
        XCTAssertNotNil(TimeZoneSpec("Europe/Berlin"))
        XCTAssertNotNil(TimeZoneSpec("America/Argentina/Buenos_Aires"))
        XCTAssertNotNil(TimeZoneSpec("UTC"))
        XCTAssertNotNil(TimeZoneSpec("Z"))
        XCTAssertNotNil(TimeZoneSpec("+02:00"))
        XCTAssertNotNil(TimeZoneSpec("-09:30"))
        XCTAssertNil(TimeZoneSpec("Mars/Olympus"))
        XCTAssertNil(TimeZoneSpec("Berlin"))
        XCTAssertNil(TimeZoneSpec("CEST"), "abbreviations are ambiguous")
        XCTAssertNil(TimeZoneSpec("+2"))
        XCTAssertNil(TimeZoneSpec("+02:00x"))
        XCTAssertNil(TimeZoneSpec(""))
    }

    func test_fixedOffset() throws {
        let zone = try XCTUnwrap(TimeZoneSpec("-05:30"))
        let date = try XCTUnwrap(CalendarDate("2026-03-14"))
        XCTAssertEqual(zone.timestamp(on: date, secondOfDay: 9 * 3600).description, "2026-03-14T09:00:00-05:30")
        XCTAssertEqual(TimeZoneSpec("Z")?.timestamp(on: date, secondOfDay: 60).description, "2026-03-14T00:01:00Z")
    }

    func test_daylightSavingTimeInBerlin() throws {
        let berlin = try XCTUnwrap(TimeZoneSpec("Europe/Berlin"))
        func at(_ day: String, _ hour: Double) throws -> String {
            berlin.timestamp(on: try XCTUnwrap(CalendarDate(day)), secondOfDay: hour * 3600).description
        }
        // Summer time starts on 2026-03-29 at 02:00 and ends on 2026-10-25 at 03:00.
        XCTAssertEqual(try at("2026-03-28", 12), "2026-03-28T12:00:00+01:00")
        XCTAssertEqual(try at("2026-03-29", 1), "2026-03-29T01:00:00+01:00")
        XCTAssertEqual(try at("2026-03-29", 12), "2026-03-29T12:00:00+02:00")
        XCTAssertEqual(try at("2026-07-19", 23.5), "2026-07-19T23:30:00+02:00")
        XCTAssertEqual(try at("2026-10-25", 12), "2026-10-25T12:00:00+01:00")
        XCTAssertEqual(try at("2026-10-24", 12), "2026-10-24T12:00:00+02:00")
    }
}
