/// Reads the Timeline section: every table (by its time column, or its first), every list
/// (items that start with a time), every heading below the section's that starts with a time or
/// names a day, and every paragraph that starts with a time. The time forms are those of
/// `TimePhrase`, listed in `docs/format.md`.
///
/// A time without a day falls on the incident's day (`date`, else `started`), or on the day of
/// the day heading (`### 1 February`) above it; one earlier than the entry before rolls over to
/// the next day. A dated entry moves that day for the times after it only when a reader would
/// agree: when it lies within the incident (from its day to a day after `resolved`); an earlier
/// one (the change weeks before that caused it) does not drag the rest of the timeline back.
public struct TimelineParser: Sendable {
    /// The post-mortem's date, which times without a day fall on.
    public let date: CalendarDate?
    /// The timezone of times written without a zone label.
    public let zone: TimeZoneSpec?
    /// When the incident started and was resolved, which bound the days a dated entry may move
    /// the timeline to.
    public let started: Timestamp?
    /// See `started`.
    public let resolved: Timestamp?

    /// Creates a parser.
    public init(date: CalendarDate?, zone: TimeZoneSpec?, started: Timestamp? = nil, resolved: Timestamp? = nil) {
        self.date = date
        self.zone = zone
        self.started = started
        self.resolved = resolved
    }

    /// The entries of a Timeline section; `locate` maps cmark positions to file locations.
    public func entries(in section: Section, at locate: (Int, Int) -> SourceLocation) -> [TimelineEntry] {
        read(section, at: locate).entries
    }

    /// The entries of a Timeline section and what could not be read in it: a zone label or a
    /// date that reads two ways (DB056, DB058), prose that mentions a time but is no entry (DB057).
    public func read(_ section: Section, at locate: (Int, Int) -> SourceLocation) -> (entries: [TimelineEntry], diagnostics: [Diagnostic]) {
        withoutActuallyEscaping(locate) { locate in
            var state = State(parser: self, locate: locate)
            state.walk(section.blocks)
            return (state.entries, state.bag.all)
        }
    }

    /// The day times without one fall on.
    var anchorDay: CalendarDate? { date ?? started?.localDate }

    /// A time the clocks skipped has no instant (so the entry after it is compared with the one
    /// before it, not with a guess); a time they showed twice is the first; both are marked for
    /// the timeline rule (DB053, DB054).
    static func read(_ seconds: Double, on date: CalendarDate, in zone: TimeZoneSpec, into entry: inout TimelineEntry) {
        entry.time = nil
        entry.clockChange = nil
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

    /// `1402` alone: what to write instead (`14:02`), since four digits are read as a time only
    /// with a zone label or in a table's time column.
    static func fourDigitFix(_ text: String) -> String? {
        let chars = Array(text)
        guard chars.count == 4, chars.allSatisfy(\.isASCIIDigit), let value = Int(text), value / 100 <= 23, value % 100 <= 59 else { return nil }
        return String(chars[0..<2]) + ":" + String(chars[2..<4])
    }

    /// Splits a list item's text into its leading time and the rest (`14:02 — Alert fired`);
    /// without a time, into its first word and the rest.
    static func splitLeadingTime(_ text: String) -> (String, String) {
        if let phrase = TimePhrase.read(text) { return (phrase.text, phrase.rest) }
        let words = text.trimmed.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true).map(String.init)
        guard var first = words.first else { return ("", "") }
        while let last = first.last, [":", "-", "–", "—", ",", "|"].contains(last) { first.removeLast() }
        var rest = Substring(words.count > 1 ? words[1] : "")
        while let c = rest.first, [":", "-", "–", "—", ",", "|", " "].contains(c) { rest.removeFirst() }
        return (first, String(rest))
    }

    /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero.
    static func clockText(_ secondOfDay: Double) -> String {
        let seconds = Int(secondOfDay.rounded(.down))
        let base = Digits.pad(seconds / 3600, 2) + ":" + Digits.pad(seconds % 3600 / 60, 2)
        return seconds % 60 == 0 ? base : base + ":" + Digits.pad(seconds % 60, 2)
    }
}

// MARK: - Reading state

private extension TimelineParser {
    struct State {
        let parser: TimelineParser
        let locate: (Int, Int) -> SourceLocation
        var entries: [TimelineEntry] = []
        var bag = DiagnosticBag()
        /// The day times without one fall on.
        var day: CalendarDate?
        /// The instant of the last entry on that day, for rolling over past midnight.
        var previous: Timestamp?
        /// The index of the entry a heading started, which the paragraph under it describes.
        var headingEntry: Int?

        init(parser: TimelineParser, locate: @escaping (Int, Int) -> SourceLocation) {
            self.parser = parser
            self.locate = locate
            self.day = parser.anchorDay
        }

        mutating func walk(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block.kind {
                case .heading:
                    // Every heading in a section is below the section's own (a day, a phase).
                    headingEntry = nil
                    heading(block)
                case .table:
                    headingEntry = nil
                    table(block)
                case .list:
                    headingEntry = nil
                    list(block, nested: false)
                case .paragraph:
                    paragraph(block)
                case .blockQuote:
                    walk(block.children)
                default:
                    continue
                }
            }
        }

        mutating func heading(_ block: MarkdownBlock) {
            let text = block.text.trimmed
            guard let phrase = TimePhrase.read(text) else { return }
            if phrase.start.secondOfDay == nil, phrase.end == nil, phrase.ambiguity == nil, phrase.rest.isEmpty,
               let written = phrase.start.day, let date = calendarDay(written) {
                // `### 1 February`: the day of the times under it, whatever it is.
                day = date
                previous = nil
                return
            }
            add(phrase, text: text, event: phrase.rest, at: locate(block.line, block.column))
            headingEntry = entries.count - 1
        }

        mutating func paragraph(_ block: MarkdownBlock) {
            let text = block.text.trimmed
            if let phrase = TimePhrase.read(text) {
                headingEntry = nil
                add(phrase, text: text, event: phrase.rest, at: locate(block.line, block.column))
                return
            }
            if let index = headingEntry {
                let event = entries[index].event
                entries[index].event = event.isEmpty ? text : event + " " + text
                return
            }
            // A note about the timeline's times ("All times UTC; times after 00:00 are on 15
            // March") mentions a time without being an event.
            if TimePhrase.mentionsClock(text), !text.lowercased().contains("time") {
                bag.warning(.timelineProseNotRead, at: locate(block.line, block.column),
                            "this paragraph in the Timeline mentions a time but is not read as an entry; start it with the time (e.g. '17:20 UTC: …'), or make it a list item or table row")
            }
        }

        mutating func list(_ block: MarkdownBlock, nested: Bool) {
            for item in block.children where item.kind == .item {
                let text = item.children.first { $0.kind == .paragraph }?.text ?? ""
                let location = locate(item.line, item.column)
                if let phrase = TimePhrase.read(text) {
                    add(phrase, text: text, event: phrase.rest, at: location)
                } else if !nested {
                    let (word, rest) = TimelineParser.splitLeadingTime(text)
                    entries.append(TimelineEntry(timeText: word, time: nil, event: rest, location: location))
                }
                for child in item.children {
                    if case .list = child.kind { list(child, nested: true) }
                }
            }
        }

        mutating func table(_ block: MarkdownBlock) {
            let header = block.children.first { $0.kind == .tableRow(header: true) }
            let columns = TimeColumns(header?.children.map(\.text) ?? [])
            if let unread = columns.unreadZone, let header {
                // Reading the times in the post-mortem's zone instead would put every entry of
                // the table at the wrong instant without a word.
                bag.error(.timelineAmbiguousZone, at: locate(header.line, header.column),
                          "timeline column '\(unread)' names a zone debrief cannot read or that names more than one zone; write a UTC offset or a listed abbreviation, e.g. 'Time (UTC)' or 'Time (UTC+05:30)'",
                          fix: "Time (UTC+05:30)")
            }
            for row in block.children where row.kind == .tableRow(header: false) {
                let cells = row.children.map { $0.text.trimmed }
                if cells.allSatisfy(\.isEmpty) { continue }
                let timeText = columns.timeText(cells)
                let others = cells.enumerated().filter { !columns.timeIndices.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
                let location = locate(row.line, row.column)
                if let phrase = TimePhrase.read(timeText, fourDigitClock: true) {
                    let event = ([phrase.rest].filter { !$0.isEmpty } + others).joined(separator: " — ")
                    add(phrase, text: timeText, event: event, at: location, columnZone: columns.zone)
                } else {
                    entries.append(TimelineEntry(timeText: timeText, time: nil, event: others.joined(separator: " — "), location: location))
                }
            }
        }

        // MARK: Placing an entry

        mutating func add(_ phrase: TimePhrase, text: String, event: String, at location: SourceLocation, columnZone: TimeZoneSpec? = nil) {
            var entry = TimelineEntry(timeText: phrase.text.isEmpty ? text : phrase.text, time: nil, event: event, location: location)
            entry.approximate = phrase.approximate
            entry.dayOnly = phrase.start.secondOfDay == nil
            defer { entries.append(entry) }
            if let ambiguity = phrase.ambiguity {
                report(ambiguity, in: phrase, at: location)
                entry.diagnosed = true
                return
            }
            guard let zone = zone(of: phrase.start, fallback: columnZone ?? parser.zone) else { return }
            let seconds = phrase.start.secondOfDay ?? 0
            var placedOn: CalendarDate
            if let written = phrase.start.day {
                guard let date = calendarDay(written) else { return }
                TimelineParser.read(seconds, on: date, in: zone, into: &entry)
                placedOn = date
                if movesDay(to: date) {
                    day = date
                    previous = entry.time ?? previous
                }
            } else {
                guard let current = day else { return }
                placedOn = current
                TimelineParser.read(seconds, on: current, in: zone, into: &entry)
                // A bare time earlier than the entry before it is on the next day only when the
                // clock went back by more than half a day (23:50, then 00:10); a smaller step back
                // is an entry out of order (DB051), not a day later.
                if let time = entry.time, let previous, previous.epochSeconds - time.epochSeconds > 12 * 3600 {
                    placedOn = CalendarDate(daysSinceEpoch: current.daysSinceEpoch + 1)
                    TimelineParser.read(seconds, on: placedOn, in: zone, into: &entry)
                    day = placedOn
                }
                previous = entry.time ?? previous
            }
            if let endPoint = phrase.end, let endSeconds = endPoint.secondOfDay, let start = entry.time,
               let endZone = self.zone(of: endPoint, fallback: zone) {
                var end = endZone.timestamp(on: placedOn, secondOfDay: endSeconds)
                if end < start { end = endZone.timestamp(on: CalendarDate(daysSinceEpoch: placedOn.daysSinceEpoch + 1), secondOfDay: endSeconds) }
                entry.end = end
            }
        }

        /// Whether a dated entry on `date` sets the day of the times after it: not when it lies
        /// before the incident's day or more than a day after it was resolved.
        func movesDay(to date: CalendarDate) -> Bool {
            if let anchor = parser.anchorDay, date < anchor { return false }
            if let resolved = parser.resolved, date.daysSinceEpoch > resolved.localDate.daysSinceEpoch + 1 { return false }
            return true
        }

        /// A written day as a date; a day without a year takes the year of the timeline around it
        /// (the next one when that puts it half a year back: `Jan 2` after `Dec 31`).
        func calendarDay(_ written: TimePhrase.Day) -> CalendarDate? {
            if let year = written.year { return CalendarDate(year: year, month: written.month, day: written.day) }
            guard let around = day ?? parser.anchorDay else { return nil }
            guard let candidate = CalendarDate(year: around.year, month: written.month, day: written.day) else { return nil }
            if around.daysSinceEpoch - candidate.daysSinceEpoch > 183 {
                return CalendarDate(year: around.year + 1, month: written.month, day: written.day)
            }
            return candidate
        }

        func zone(of point: TimePhrase.Point, fallback: TimeZoneSpec?) -> TimeZoneSpec? {
            switch point.zone {
            case .offset(let seconds): return TimeZoneSpec(Timestamp.offsetText(seconds))
            case .zone(let name): return TimeZoneSpec(name)
            case .ambiguous: return nil
            case nil: return fallback
            }
        }

        mutating func report(_ ambiguity: TimePhrase.Ambiguity, in phrase: TimePhrase, at location: SourceLocation) {
            let clock = phrase.start.secondOfDay.map(TimelineParser.clockText)
            switch ambiguity {
            case .zone(let label):
                guard case .ambiguous(let readings) = ZoneLabels.meaning(of: label) else { return }
                let datePart = phrase.start.day.flatMap(calendarDay).map { "\($0)T" } ?? ""
                let forms = readings.map { datePart + (clock ?? "00:00") + Timestamp.offsetText($0.0) }
                let meanings = readings.map { "\($0.1) \(Timestamp.offsetText($0.0))" }.joined(separator: ", ")
                let fix = forms.joined(separator: " or ")
                bag.error(.timelineAmbiguousZone, at: location,
                          "timeline time '\(phrase.text)' has the zone '\(label)', which names more than one zone (\(meanings)); write the offset instead: \(fix)",
                          fix: fix)
            case .numericDate(let first, let second, let year):
                let time = clock.map { " " + $0 } ?? ""
                let dayMonth = CalendarDate(year: year, month: second, day: first)
                let monthDay = CalendarDate(year: year, month: first, day: second)
                let forms = [dayMonth, monthDay].compactMap { $0.map { "\($0)\(time)" } }
                let fix = forms.joined(separator: " or ")
                bag.error(.timelineAmbiguousDate, at: location,
                          "timeline date in '\(phrase.text)' reads as day/month and as month/day; write the date as YYYY-MM-DD: \(fix)", fix: fix)
            }
        }
    }

    /// Which cells of a timeline table hold the time: the column headed Time, When, Timestamp or
    /// Date (a Date and a Time column together), else the first; a zone in the header
    /// (`Time (UTC)`) is the zone of its times.
    struct TimeColumns {
        var timeIndices: [Int] = [0]
        var zone: TimeZoneSpec?
        /// A time column's header that names a zone debrief cannot read or that names several.
        var unreadZone: String?

        /// Whether a header's label is meant as a zone (`IST`, `UTC+5`, `America/New_York`,
        /// `GMT-3`) rather than a note (`approx.`, `local`, `time`).
        static func looksLikeZone(_ label: String) -> Bool {
            let upper = label.uppercased()
            if label.contains("/") && !label.contains(" ") { return true }
            if upper.hasPrefix("UTC") || upper.hasPrefix("GMT") { return true }
            if label.contains(where: { $0 == "+" || $0 == "−" }) || (label.contains("-") && label.contains(where: \.isNumber)) { return true }
            return (2...5).contains(label.count) && label.allSatisfy { $0.isASCII && $0.isUppercase }
        }

        static let timeNames: Set<String> = ["time", "when", "timestamp", "time stamp", "datetime", "date/time", "date & time", "date and time", "date time"]

        init(_ header: [String]) {
            var names: [String] = []
            for cell in header {
                var name = cell.trimmed.lowercased()
                // `Time (UTC)`, `Time [UTC]`, `Time, UTC`, `Time (in UTC)`.
                if let open = name.firstIndex(where: { $0 == "(" || $0 == "[" || $0 == "," }) {
                    let base = String(name[..<open]).trimmed
                    var label = String(cell.trimmed.dropFirst(name.distance(from: name.startIndex, to: open) + 1)).trimmed
                    if label.hasSuffix(")") || label.hasSuffix("]") { label = String(label.dropLast()).trimmed }
                    if label.lowercased().hasPrefix("in ") { label = String(label.dropFirst(3)).trimmed }
                    if zone == nil, unreadZone == nil, Self.timeNames.contains(base) || base == "date" {
                        switch ZoneLabels.meaning(of: label) {
                        case .offset(let seconds)?: zone = TimeZoneSpec(Timestamp.offsetText(seconds))
                        case .zone(let identifier)?: zone = TimeZoneSpec(identifier)
                        case .ambiguous?: unreadZone = cell.trimmed
                        case nil: if Self.looksLikeZone(label) { unreadZone = cell.trimmed }
                        }
                    }
                    name = base
                }
                names.append(name)
            }
            if let date = names.firstIndex(of: "date"), let time = names.firstIndex(where: { $0 == "time" || $0 == "when" }) {
                timeIndices = [date, time]
            } else if let time = names.firstIndex(where: { Self.timeNames.contains($0) || $0 == "date" }) {
                timeIndices = [time]
            }
        }

        func timeText(_ cells: [String]) -> String {
            timeIndices.filter { $0 < cells.count }.map { cells[$0] }.filter { !$0.isEmpty }.joined(separator: " ")
        }
    }
}
