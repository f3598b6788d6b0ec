/// Reads the Timeline section: a table whose first column is a time, or a list whose items
/// start with a time. Times are `HH:MM` on the post-mortem's date in its timezone (an `HH:MM`
/// earlier than the one before rolls over to the next day), `YYYY-MM-DD HH:MM`, or RFC 3339.
public struct TimelineParser: Sendable {
    /// The post-mortem's date, which `HH:MM` times fall on.
    public let date: CalendarDate?
    /// The timezone of `HH:MM` and `YYYY-MM-DD HH:MM` times.
    public let zone: TimeZoneSpec?

    /// Creates a parser.
    public init(date: CalendarDate?, zone: TimeZoneSpec?) {
        self.date = date
        self.zone = zone
    }

    /// The entries of a Timeline section; `locate` maps cmark positions to file locations.
    public func entries(in section: Section, at locate: (Int, Int) -> SourceLocation) -> [TimelineEntry] {
        var raw: [(time: String, event: String, location: SourceLocation)] = []
        if let table = section.blocks.lazy.compactMap({ $0.first { $0.kind == .table } }).first {
            for row in table.children where row.kind == .tableRow(header: false) {
                let cells = row.children.map { $0.text.trimmed }
                guard let first = cells.first else { continue }
                if cells.allSatisfy(\.isEmpty) { continue }
                raw.append((first, cells.dropFirst().filter { !$0.isEmpty }.joined(separator: " — "), locate(row.line, row.column)))
            }
        } else if let list = section.blocks.first(where: { if case .list = $0.kind { return true } else { return false } }) {
            for item in list.children where item.kind == .item {
                let text = item.children.first { $0.kind == .paragraph }?.text ?? ""
                let (time, event) = Self.splitLeadingTime(text)
                raw.append((time, event, locate(item.line, item.column)))
            }
        }
        var day = date
        var previousLocal: Double?
        var entries: [TimelineEntry] = []
        for (timeText, event, location) in raw {
            var entry = TimelineEntry(timeText: timeText, time: nil, event: event, location: location)
            if let stamp = Timestamp(rfc3339: timeText) {
                entry.time = stamp
                // Later HH:MM times continue from this instant on the document's wall clock.
                let wall = zone?.wallClock(at: stamp) ?? stamp.wallClock
                day = wall.date
                previousLocal = wall.secondOfDay
            } else if let (onDate, seconds) = Self.dateAndClock(timeText), let zone {
                Self.read(seconds, on: onDate, in: zone, into: &entry)
                day = onDate
                previousLocal = seconds
            } else if let seconds = Self.clockOnly(timeText), let currentDay = day, let zone {
                var onDay = currentDay
                if let previous = previousLocal, seconds < previous {
                    onDay = CalendarDate(daysSinceEpoch: currentDay.daysSinceEpoch + 1)
                }
                Self.read(seconds, on: onDay, in: zone, into: &entry)
                day = onDay
                previousLocal = seconds
            }
            entries.append(entry)
        }
        return entries
    }

    /// A wall-clock time in the zone: a time the clocks skipped has no instant (so the entry
    /// after it is compared with the one before it, not with a guess), a time they showed
    /// twice is the first; both are marked for the timeline rule (DB053, DB054).
    static func read(_ seconds: Double, on date: CalendarDate, in zone: TimeZoneSpec, into entry: inout TimelineEntry) {
        switch zone.localTime(on: date, secondOfDay: seconds) {
        case .unique(let stamp):
            entry.time = stamp
        case .skipped(let before, let after):
            entry.clockChange = .init(zone: zone.description, date: date, secondOfDay: seconds, offsetBefore: before, offsetAfter: after)
        case .repeated(let first, let second):
            entry.time = first
            entry.clockChange = .init(zone: zone.description, date: date, secondOfDay: seconds,
                                      offsetBefore: first.offsetSeconds, offsetAfter: second.offsetSeconds)
        }
    }

    // MARK: - Time forms

    /// `HH:MM` or `HH:MM:SS` alone, as seconds into the day.
    static func clockOnly(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard let (seconds, end) = Timestamp.clock(bytes, from: 0, requireSeconds: false), end == bytes.count else { return nil }
        return seconds
    }

    /// `YYYY-MM-DD HH:MM[:SS]`.
    static func dateAndClock(_ text: String) -> (CalendarDate, Double)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              let date = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              let (seconds, end) = Timestamp.clock(bytes, from: 11, requireSeconds: false), end == bytes.count
        else { return nil }
        return (date, seconds)
    }

    /// Splits a list item's text into its leading time and the rest (`14:02 — Alert fired`).
    static func splitLeadingTime(_ text: String) -> (String, String) {
        let trimmed = text.trimmed
        let words = trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
        func clean(_ word: String) -> String {
            var word = word
            while let last = word.last, [":", "-", "–", "—", ",", "|"].contains(last) { word.removeLast() }
            return word
        }
        func rest(after count: Int) -> String {
            let remaining = words.dropFirst(count).joined(separator: " ")
            var result = Substring(remaining)
            while let first = result.first, [":", "-", "–", "—", ",", "|", " "].contains(first) { result.removeFirst() }
            return String(result)
        }
        if words.count >= 2 {
            let pair = words[0] + " " + clean(words[1])
            if dateAndClock(pair) != nil { return (pair, rest(after: 2)) }
        }
        if let first = words.first {
            let word = clean(first)
            if Timestamp(rfc3339: word) != nil || clockOnly(word) != nil { return (word, rest(after: 1)) }
            return (word, rest(after: 1))
        }
        return ("", "")
    }
}
