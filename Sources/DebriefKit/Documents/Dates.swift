import Foundation

/// A calendar day, `YYYY-MM-DD`, with no time or zone.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Reads a strict `YYYY-MM-DD` that names a real day.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]), let day = Self.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// A date from its parts, when they name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        guard (0...9999).contains(year) else { return Digits.pad(year, 4) + "-" + Digits.pad(month, 2) + "-" + Digits.pad(day, 2) }
        return Digits.text(length: 10) { $0.date(self) }
    }

    /// `YYYY-MM`.
    public var monthKey: String { Digits.pad(year, 4) + "-" + Digits.pad(month, 2) }

    /// Today in UTC.
    public static func today(now: Date = Date()) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// An instant with the offset it was written in: an RFC 3339 timestamp such as
/// `2026-03-14T09:12:00+01:00`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Double
    /// The offset from UTC it was written with, in seconds.
    public let offsetSeconds: Int

    /// Creates a timestamp.
    public init(epochSeconds: Double, offsetSeconds: Int) {
        self.epochSeconds = epochSeconds
        self.offsetSeconds = offsetSeconds
    }

    /// Reads RFC 3339: `YYYY-MM-DDTHH:MM[:SS[.frac]](Z|±HH:MM)`; a space may stand for `T`.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else { return nil }
        var index = 11
        guard let (seconds, next) = Self.clock(bytes, from: index, requireSeconds: false) else { return nil }
        index = next
        guard index < bytes.count else { return nil }
        let offset: Int
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let parsed = Self.offset(bytes[index...]) else { return nil }
            offset = parsed
        default:
            return nil
        }
        self.epochSeconds = Double(date.daysSinceEpoch) * 86_400 + seconds - Double(offset)
        self.offsetSeconds = offset
    }

    /// The calendar date on the wall clock where it was written.
    public var localDate: CalendarDate { wallClock.date }

    /// RFC 3339 in its original offset, seconds included.
    public var description: String {
        let local = Int((epochSeconds + Double(offsetSeconds)).rounded(.down))
        let day = CalendarDate(daysSinceEpoch: Int((Double(local) / 86_400).rounded(.down)))
        let secondOfDay = local - day.daysSinceEpoch * 86_400
        let offset = abs(offsetSeconds)
        if (0...9999).contains(day.year), offset < 100 * 3600 {
            return Digits.text(length: offsetSeconds == 0 ? 20 : 25) { text in
                text.date(day)
                text.byte(UInt8(ascii: "T"))
                text.clock(secondOfDay, seconds: true)
                if offsetSeconds == 0 {
                    text.byte(UInt8(ascii: "Z"))
                } else {
                    text.byte(UInt8(ascii: offsetSeconds < 0 ? "-" : "+"))
                    text.clock(offset, seconds: false)
                }
            }
        }
        let zone = offsetSeconds == 0 ? "Z" : (offsetSeconds < 0 ? "-" : "+") + Digits.pad(abs(offsetSeconds) / 3600, 2) + ":" + Digits.pad(abs(offsetSeconds) % 3600 / 60, 2)
        return day.description + "T" + Digits.pad(secondOfDay / 3600, 2) + ":" + Digits.pad(secondOfDay % 3600 / 60, 2) + ":"
            + Digits.pad(secondOfDay % 60, 2) + zone
    }

    /// The day and the second of the day on the wall clock where it was written.
    public var wallClock: (date: CalendarDate, secondOfDay: Double) {
        let local = epochSeconds + Double(offsetSeconds)
        let day = CalendarDate(daysSinceEpoch: Int((local / 86_400).rounded(.down)))
        return (day, local - Double(day.daysSinceEpoch) * 86_400)
    }

    /// `HH:MM` on the wall clock where it was written.
    public var localClock: String {
        let local = Int((epochSeconds + Double(offsetSeconds)).rounded(.down))
        let secondOfDay = ((local % 86_400) + 86_400) % 86_400
        return Digits.text(length: 5) { $0.clock(secondOfDay, seconds: false) }
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    /// An offset in seconds as RFC 3339 writes it: `+02:00`, `-05:30`, `+00:00`.
    public static func offsetText(_ seconds: Int) -> String {
        (seconds < 0 ? "-" : "+") + Digits.pad(abs(seconds) / 3600, 2) + ":" + Digits.pad(abs(seconds) % 3600 / 60, 2)
    }

    /// Reads `HH:MM[:SS[.frac]]` at `start`; returns seconds into the day and the next index.
    static func clock(_ bytes: [UInt8], from start: Int, requireSeconds: Bool) -> (Double, Int)? {
        guard start + 5 <= bytes.count, bytes[start + 2] == UInt8(ascii: ":"),
              let hour = CalendarDate.number(bytes[start..<start + 2]), let minute = CalendarDate.number(bytes[start + 3..<start + 5]),
              hour <= 23, minute <= 59 else { return nil }
        var index = start + 5
        var seconds = Double(hour * 3600 + minute * 60)
        if index + 3 <= bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let second = CalendarDate.number(bytes[index + 1..<index + 3]), second <= 60 else { return nil }
            seconds += Double(second)
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                var fraction = 0.0
                var scale = 0.1
                index += 1
                let digitsStart = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    index += 1
                }
                guard index > digitsStart else { return nil }
                seconds += fraction
            }
        } else if requireSeconds {
            return nil
        }
        return (seconds, index)
    }

    /// Reads `±HH:MM` (the whole rest of the text).
    static func offset(_ bytes: ArraySlice<UInt8>) -> Int? {
        let b = Array(bytes)
        guard b.count == 6, b[3] == UInt8(ascii: ":"),
              let hours = CalendarDate.number(b[1..<3]), let minutes = CalendarDate.number(b[4..<6]),
              hours <= 23, minutes <= 59 else { return nil }
        let value = hours * 3600 + minutes * 60
        return b[0] == UInt8(ascii: "-") ? -value : value
    }
}

/// A timezone as written in front matter or config: an IANA name or a fixed offset.
public struct TimeZoneSpec: Sendable, Hashable, CustomStringConvertible {
    /// The text as written.
    public let description: String
    private let fixedOffset: Int?
    private let zone: TimeZone?

    /// Reads `Europe/Berlin`, `UTC`, `Z`, or `+02:00`.
    public init?(_ text: String) {
        description = text
        if text == "Z" || text == "UTC" || text == "utc" {
            fixedOffset = 0
            zone = nil
        } else if text.hasPrefix("+") || text.hasPrefix("-") {
            guard let offset = Timestamp.offset(Array(text.utf8)[...]) else { return nil }
            fixedOffset = offset
            zone = nil
        } else {
            guard text.contains("/") || text == "GMT", let zone = TimeZoneCache.zone(text) else { return nil }
            fixedOffset = nil
            self.zone = zone
        }
    }

    /// The instant at `secondOfDay` on `date` on this zone's wall clock: for a time the clocks
    /// skipped, the reading with the offset before the change; for one they showed twice, the
    /// first. `localTime(on:secondOfDay:)` tells these cases apart.
    public func timestamp(on date: CalendarDate, secondOfDay: Double) -> Timestamp {
        switch localTime(on: date, secondOfDay: secondOfDay) {
        case .unique(let stamp): return stamp
        case .repeated(let first, _): return first
        case .skipped(let before, _):
            let wall = Double(date.daysSinceEpoch) * 86_400 + secondOfDay
            return Timestamp(epochSeconds: wall - Double(before), offsetSeconds: before)
        }
    }

    /// What a wall-clock time on a day means in this zone.
    public enum LocalTime: Sendable, Equatable {
        /// One instant.
        case unique(Timestamp)
        /// None: the clocks jumped over it, from `offsetBefore` to `offsetAfter` (seconds east of UTC).
        case skipped(offsetBefore: Int, offsetAfter: Int)
        /// Two instants: the clocks were turned back and showed it twice.
        case repeated(first: Timestamp, second: Timestamp)
    }

    /// Whether `secondOfDay` on `date` happened once, never or twice on this zone's clocks.
    public func localTime(on date: CalendarDate, secondOfDay: Double) -> LocalTime {
        let wall = Double(date.daysSinceEpoch) * 86_400 + secondOfDay
        if let fixedOffset { return .unique(Timestamp(epochSeconds: wall - Double(fixedOffset), offsetSeconds: fixedOffset)) }
        guard let zone else { return .unique(Timestamp(epochSeconds: wall, offsetSeconds: 0)) }
        func offset(at instant: Double) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant)) }
        // Offsets never differ from UTC by a day, so the offsets a day either side are every
        // offset the wall time can have; each is right when the zone has it at that instant.
        let before = offset(at: wall - 86_400)
        let after = offset(at: wall + 86_400)
        let candidates = Set([before, offset(at: wall), after])
        let valid = candidates.filter { offset(at: wall - Double($0)) == $0 }.sorted(by: >)
        guard let largest = valid.first, let smallest = valid.last else { return .skipped(offsetBefore: before, offsetAfter: after) }
        let first = Timestamp(epochSeconds: wall - Double(largest), offsetSeconds: largest)
        guard largest != smallest else { return .unique(first) }
        return .repeated(first: first, second: Timestamp(epochSeconds: wall - Double(smallest), offsetSeconds: smallest))
    }

    /// The day and the second of the day on this zone's wall clock at `stamp`.
    public func wallClock(at stamp: Timestamp) -> (date: CalendarDate, secondOfDay: Double) {
        let offset = fixedOffset ?? zone?.secondsFromGMT(for: Date(timeIntervalSince1970: stamp.epochSeconds)) ?? 0
        return Timestamp(epochSeconds: stamp.epochSeconds, offsetSeconds: offset).wallClock
    }

    public static func == (lhs: TimeZoneSpec, rhs: TimeZoneSpec) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

/// Foundation timezones are costly to create; share one per name.
private enum TimeZoneCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var zones: [String: TimeZone?] = [:]

    static func zone(_ name: String) -> TimeZone? {
        lock.withLock {
            if let cached = zones[name] { return cached }
            let zone = TimeZone(identifier: name)
            zones[name] = zone
            return zone
        }
    }
}

/// Zero-padded decimal numbers, without Foundation's `String(format:)` (slow in hot loops).
enum Digits {
    /// ASCII text of exactly `length` bytes, written by `write` straight into the string's
    /// storage: dates and times are formatted for every timeline row and action of a site, and
    /// joining padded pieces allocated a string per piece.
    static func text(length: Int, _ write: (inout Writer) -> Void) -> String {
        String(unsafeUninitializedCapacity: length) { buffer in
            var writer = Writer(buffer: buffer)
            write(&writer)
            precondition(writer.count == length, "formatted \(writer.count) bytes, not \(length)")
            return writer.count
        }
    }

    /// Writes ASCII into a buffer of known size (see `text`).
    struct Writer {
        fileprivate let buffer: UnsafeMutableBufferPointer<UInt8>
        fileprivate var count = 0

        /// One byte.
        mutating func byte(_ value: UInt8) {
            buffer[count] = value
            count += 1
        }

        /// `value` (0 or more) in exactly `width` digits, zeros in front.
        mutating func digits(_ value: Int, _ width: Int) {
            var rest = value
            for position in stride(from: count + width - 1, through: count, by: -1) {
                buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            precondition(rest == 0 && value >= 0, "\(value) does not fit in \(width) digits")
            count += width
        }

        /// `YYYY-MM-DD`, for a year of at most four digits.
        mutating func date(_ date: CalendarDate) {
            digits(date.year, 4)
            byte(UInt8(ascii: "-"))
            digits(date.month, 2)
            byte(UInt8(ascii: "-"))
            digits(date.day, 2)
        }

        /// `HH:MM` or `HH:MM:SS` of a number of seconds under 100 hours.
        mutating func clock(_ seconds: Int, seconds withSeconds: Bool) {
            digits(seconds / 3600, 2)
            byte(UInt8(ascii: ":"))
            digits(seconds % 3600 / 60, 2)
            if withSeconds {
                byte(UInt8(ascii: ":"))
                digits(seconds % 60, 2)
            }
        }
    }

    /// `value` with at least `width` digits (`pad(7, 2)` is `07`); negative values keep their sign.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
        return value < 0 ? "-" + padded : padded
    }
}
