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
            // Kept with the post-mortem until its page is written: no room to spare.
            return (state.entries.tightCopy, state.bag.all)
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
        while let c = rest.first, [":", "-", "–", "—", ",", "|", " "].contains(c) {
            // `soon: -1 replica`: a minus sign before a number is the event's.
            if c == "-", rest.dropFirst().first?.isASCIIDigit == true { break }
            rest.removeFirst()
        }
        return (first, String(rest))
    }

    /// The zone a note about the timeline's times names: `All times UTC`, `(all times UTC)`,
    /// `All times are in Pacific Time.`, `Times in PDT`.
    static func zoneNote(_ text: String) -> (String, ZoneLabels.Meaning)? {
        var rest = Substring(text.trimmed)
        while let c = rest.first, c == "(" || c == "*" || c == "_" { rest.removeFirst() }
        while let c = rest.last, c == ")" || c == "." || c == "*" || c == "_" { rest.removeLast() }
        var lower = rest.lowercased()
        var matched = false
        for prefix in ["all times", "times", "are", "shown", "given", "listed", "in", "the"] where lower.hasPrefix(prefix + " ") {
            lower.removeFirst(prefix.count + 1)
            rest = rest.dropFirst(prefix.count + 1)
            matched = true
        }
        guard matched else { return nil }
        let label = String(rest).trimmed
        guard let meaning = ZoneLabels.meaning(of: label) else { return nil }
        return (label, meaning)
    }

    /// The timezone a zone label means, when it means one.
    static func spec(_ meaning: ZoneLabels.Meaning) -> TimeZoneSpec? {
        switch meaning {
        case .offset(let seconds): return TimeZoneSpec(Timestamp.offsetText(seconds))
        case .zone(let name): return TimeZoneSpec(name)
        case .ambiguous: return nil
        }
    }

    /// Whether a paragraph that mentions a clock is a note about the timeline's times (`All
    /// times UTC`, `Times after 00:00 are on 15 March`, `Time zone: UTC`) rather than an event.
    static func isNoteAboutTimes(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.hasPrefix("times ") || lower.hasPrefix("time zone") || lower.hasPrefix("timezone") { return true }
        return ["all times", "times are", "times in ", "times after", "times before", "times on ", "time zone", "timezone"].contains { lower.contains($0) }
    }

    /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero.
    static func clockText(_ secondOfDay: Double) -> String {
        let seconds = Int(secondOfDay.rounded(.down))
        let base = Digits.pad(seconds / 3600, 2) + ":" + Digits.pad(seconds % 3600 / 60, 2)
        return seconds % 60 == 0 ? base : base + ":" + Digits.pad(seconds % 60, 2)
    }
}

// MARK: - Reading state

extension TimelineParser {
    /// N of a `Day N` heading (`Day 2`, `Day 2 - 15 March`, `Day 2 (Tuesday)`), or nil.
    static func dayNumber(_ heading: String) -> Int? {
        let words = heading.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "-" || $0 == "(" || $0 == "," })
        guard words.count >= 2, words[0].lowercased() == "day", let number = Int(words[1]), (1...366).contains(number) else { return nil }
        return number
    }
}

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
        /// The day (on the timeline's clock) of the last dated entry, when it lies outside the
        /// incident and so did not set the day: a bare time after it could be on either day.
        var strayDay: CalendarDate?
        /// The zone a day heading gives the times under it (`### October 21 (all times UTC)`).
        var dayZone: TimeZoneSpec?
        /// Whether content nested too deep was reported (once per Timeline is enough).
        var reportedTooDeep = false

        init(parser: TimelineParser, locate: @escaping (Int, Int) -> SourceLocation) {
            self.parser = parser
            self.locate = locate
            self.day = parser.anchorDay
        }

        mutating func walk(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                if block.truncated {
                    tooDeep(block)
                    continue
                }
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
            if let number = TimelineParser.dayNumber(text) {
                // `### Day 2`: the incident's second day, unless the heading names its date too
                // (`### Day 2 - 15 March`), which then wins.
                let rest = text.drop { !($0 == "-" || $0 == "–" || $0 == "—" || $0 == "(" || $0 == ":" || $0 == ",") }.dropFirst()
                let written = TimePhrase.read(String(rest).trimmed).flatMap { $0.start.day }.flatMap(calendarDay)
                if let anchor = parser.anchorDay ?? written {
                    day = written ?? CalendarDate(daysSinceEpoch: anchor.daysSinceEpoch + number - 1)
                    previous = nil
                    strayDay = nil
                    dayZone = nil
                    return
                }
                bag.warning(.timelineProseNotRead, at: locate(block.line, block.column),
                            "'\(text)' counts days from the incident's, but the post-mortem has no 'date'; set 'date', or write the day (e.g. '### 2026-03-15')")
                return
            }
            guard let phrase = TimePhrase.read(text) else {
                if TimePhrase.mentionsClock(text) {
                    bag.warning(.timelineProseNotRead, at: locate(block.line, block.column),
                                "this heading in the Timeline mentions a time but does not start with one, so it is no entry; start it with the time (e.g. '### 17:20 UTC …')")
                }
                return
            }
            let note = TimelineParser.zoneNote(phrase.rest)
            if phrase.start.secondOfDay == nil, phrase.end == nil, phrase.ambiguity == nil, phrase.unreadClock == nil,
               phrase.rest.isEmpty || note != nil, let written = phrase.start.day, let date = calendarDay(written) {
                // `### 1 February`: the day of the times under it, whatever it is;
                // `### Sunday, October 21, 2018 (all times UTC)`: and their zone.
                day = date
                previous = nil
                strayDay = nil
                dayZone = note.flatMap { TimelineParser.spec($0.1) }
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
            if let (label, meaning) = TimelineParser.zoneNote(text) {
                zoneNote(label, meaning, at: locate(block.line, block.column))
                return
            }
            // A note about the timeline's times ("All times UTC; times after 00:00 are on 15
            // March") mentions a time without being an event; prose that merely says "time"
            // ("the first time errors appeared was 22:31") is an event left unread.
            if TimePhrase.mentionsClock(text), !TimelineParser.isNoteAboutTimes(text) {
                bag.warning(.timelineProseNotRead, at: locate(block.line, block.column),
                            "this paragraph in the Timeline mentions a time but is not read as an entry; start it with the time (e.g. '17:20 UTC: …'), or make it a list item or table row")
            }
        }

        /// A list or quote nested deeper than debrief reads: its entries would be lost without a word.
        mutating func tooDeep(_ block: MarkdownBlock) {
            guard !reportedTooDeep else { return }
            reportedTooDeep = true
            bag.warning(.timelineProseNotRead, at: locate(block.line, block.column),
                        "this part of the Timeline is nested too deep to be read (about 24 levels of lists or quotes); its entries are not read: write them in a shallower list")
        }

        /// `All times are in Pacific Time.`: a note that is not read (times without a label are
        /// in the post-mortem's `timezone`), so one that names another zone is a warning that
        /// says what to set.
        mutating func zoneNote(_ label: String, _ meaning: ZoneLabels.Meaning, at location: SourceLocation) {
            guard let noted = TimelineParser.spec(meaning) else {
                bag.error(.timelineAmbiguousZone, at: location,
                          "this note gives the timeline's zone as '\(label)', which names more than one zone; set 'timezone:' in the front matter to the IANA zone or UTC offset meant")
                return
            }
            guard let own = parser.zone, let anchor = parser.anchorDay else { return }
            let noon = Double(12 * 3600)
            if noted.timestamp(on: anchor, secondOfDay: noon).offsetSeconds == own.timestamp(on: anchor, secondOfDay: noon).offsetSeconds { return }
            let fix = "timezone: \(noted.description.hasPrefix("+") || noted.description.hasPrefix("-") ? "\"\(noted.description)\"" : noted.description)"
            bag.warning(.timelineProseNotRead, at: location,
                        "this note says the timeline's times are in '\(label)', but times without a zone label are read in the post-mortem's zone (\(own)); set '\(fix)' in the front matter, or write the zone after each time",
                        fix: fix)
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
                    guard case .list = child.kind else { continue }
                    if child.truncated {
                        tooDeep(child)
                    } else {
                        list(child, nested: true)
                    }
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
                // An End cell is the span's end when it reads as a time; otherwise it stays text.
                let endText = columns.endIndex.flatMap { $0 < cells.count ? cells[$0] : nil } ?? ""
                let endPhrase = TimePhrase.read(endText, fourDigitClock: true)
                let endPoint = endPhrase.flatMap { $0.rest.isEmpty && $0.end == nil && $0.start.secondOfDay != nil ? $0.start : nil }
                let used = columns.timeIndices + (endPoint != nil ? columns.endIndex.map { [$0] } ?? [] : [])
                let others = cells.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
                let location = locate(row.line, row.column)
                if let phrase = TimePhrase.read(timeText, fourDigitClock: true) {
                    let event = ([phrase.rest].filter { !$0.isEmpty } + others).joined(separator: " — ")
                    // A Date column written on each day's first row gives that day to the rows
                    // under it, as a day heading does, whichever day it is.
                    let datedRow = columns.timeIndices.count == 2 && !cells[columns.timeIndices[0]].isEmpty
                    add(phrase, text: timeText, event: event, at: location, columnZone: columns.zone,
                        endColumn: phrase.end == nil ? endPoint : nil, endColumnZone: columns.endZone, datedRow: datedRow)
                } else {
                    entries.append(TimelineEntry(timeText: timeText, time: nil, event: others.joined(separator: " — "), location: location))
                }
            }
        }

        // MARK: Placing an entry

        mutating func add(_ phrase: TimePhrase, text: String, event: String, at location: SourceLocation, columnZone: TimeZoneSpec? = nil,
                          endColumn: TimePhrase.Point? = nil, endColumnZone: TimeZoneSpec? = nil, datedRow: Bool = false) {
            var entry = TimelineEntry(timeText: phrase.text.isEmpty ? text : phrase.text, time: nil, event: event, location: location)
            entry.approximate = phrase.approximate
            entry.dayOnly = phrase.start.secondOfDay == nil && phrase.unreadClock == nil
            defer { entries.append(entry) }
            if let ambiguity = phrase.ambiguity {
                report(ambiguity, in: phrase, at: location)
                entry.diagnosed = true
                return
            }
            if let unread = phrase.unreadClock {
                // The timeline rule reports it (DB050), with the form to write when the clock
                // could be made out; the time as written runs to the word with the clock.
                var written = [String(text.trimmed.dropLast(phrase.rest.count)).trimmed]
                for word in phrase.rest.split(separator: " ") {
                    written.append(String(word))
                    if word.contains(where: \.isASCIIDigit) || TimePhrase.clockWords[word.lowercased().filter(\.isLetter)] != nil { break }
                }
                var shown = Substring(written.joined(separator: " "))
                while let last = shown.last, [":", ",", ";", "—", "–", "-", " "].contains(last) { shown.removeLast() }
                entry.timeText = String(shown)
                if let written = phrase.start.day, let date = calendarDay(written), let seconds = unread {
                    entry.fix = "\(date) \(TimelineParser.clockText(seconds))"
                }
                return
            }
            let fallback = columnZone ?? dayZone ?? parser.zone
            guard let zone = zone(of: phrase.start, fallback: fallback) else { return }
            if let year = phrase.yearOrClock, let written = phrase.start.day, let anchor = parser.anchorDay,
               abs(year - anchor.year) > 10 {
                reportYearOrClock(year, written, in: phrase, at: location)
                entry.diagnosed = true
                return
            }
            let seconds = phrase.start.secondOfDay ?? 0
            if let written = phrase.start.day {
                guard let date = calendarDay(written) else { return }
                TimelineParser.read(seconds, on: date, in: zone, into: &entry)
                // The day the times after it fall on is the day on the timeline's own clock, not
                // the one written in another zone (`2026-03-15 01:00 UTC` is 14 March in Los Angeles).
                let local = entry.time.flatMap { time in fallback.map { $0.wallClock(at: time).date } } ?? date
                if datedRow || movesDay(to: local) {
                    day = local
                    previous = entry.time ?? previous
                    strayDay = nil
                } else {
                    strayDay = local
                }
            } else {
                guard let current = day else { return }
                TimelineParser.read(seconds, on: current, in: zone, into: &entry)
                if let stray = strayDay, !readsOnIncidentDay(seconds, stray: stray, in: zone) {
                    reportStray(phrase, stray: stray, incidentDay: current, at: location)
                    entry.time = nil
                    entry.clockChange = nil
                    entry.diagnosed = true
                    return
                }
                // A bare time earlier than the entry before it is on the next day only when the
                // clock went back by more than half a day (23:50, then 00:10); a smaller step back
                // is an entry out of order (DB051), not a day later.
                if let time = entry.time, let previous, previous.epochSeconds - time.epochSeconds > 12 * 3600 {
                    let next = CalendarDate(daysSinceEpoch: current.daysSinceEpoch + 1)
                    TimelineParser.read(seconds, on: next, in: zone, into: &entry)
                    day = next
                }
                previous = entry.time ?? previous
            }
            guard let endPoint = phrase.end ?? endColumn, let endSeconds = endPoint.secondOfDay, let start = entry.time,
                  let endZone = self.zone(of: endPoint, fallback: phrase.end == nil ? endColumnZone ?? zone : zone) else { return }
            var endDay: CalendarDate
            if let written = endPoint.day {
                guard let date = calendarDay(written) else { return }
                endDay = date
            } else {
                endDay = endZone.wallClock(at: start).date
                if endZone.timestamp(on: endDay, secondOfDay: endSeconds) < start {
                    endDay = CalendarDate(daysSinceEpoch: endDay.daysSinceEpoch + 1)
                }
            }
            // The end is a wall-clock time like the start: one the clocks skipped has no instant
            // (DB053), one they showed twice is the first (DB054).
            var end = TimelineEntry(timeText: entry.timeText, time: nil, event: "", location: location)
            TimelineParser.read(endSeconds, on: endDay, in: endZone, into: &end)
            entry.end = end.time
            entry.endClockChange = end.clockChange
        }

        /// Whether a bare time after an entry dated before the incident (`stray`) is on the
        /// incident's day without a doubt: read on the stray day it would be more than a day
        /// before `started`; without `started`, the stray day is more than a day before `date`
        /// (Fastly's deploy of 12 May, then `09:47` on an incident dated 8 June). After an entry
        /// dated after the incident, going back to the incident's day would run the timeline
        /// backwards, so that is never taken for granted.
        func readsOnIncidentDay(_ seconds: Double, stray: CalendarDate, in zone: TimeZoneSpec) -> Bool {
            guard let anchor = parser.anchorDay, stray < anchor else { return false }
            if let started = parser.started {
                return zone.timestamp(on: stray, secondOfDay: seconds).epochSeconds < started.epochSeconds - 86_400
            }
            guard let date = parser.date else { return false }
            return stray.daysSinceEpoch < date.daysSinceEpoch - 1
        }

        mutating func reportStray(_ phrase: TimePhrase, stray: CalendarDate, incidentDay: CalendarDate, at location: SourceLocation) {
            let clock = TimelineParser.clockText(phrase.start.secondOfDay ?? 0) + (phrase.start.zoneLabel.map { " " + $0 } ?? "")
            let fix = "\(stray) \(clock) or \(incidentDay) \(clock)"
            bag.error(.timelineTimeReadsTwoWays, at: location,
                      "timeline time '\(phrase.text)' has no day and comes after an entry dated \(stray), outside the incident: it reads as on that day and as on the incident's day (\(incidentDay)); write its day: \(fix)",
                      fix: fix)
        }

        mutating func reportYearOrClock(_ year: Int, _ written: TimePhrase.Day, in phrase: TimePhrase, at location: SourceLocation) {
            let clock = TimelineParser.clockText(Double(year / 100 * 3600 + year % 100 * 60))
            let asYear = CalendarDate(year: year, month: written.month, day: written.day).map { "\($0)" }
            let asClock = calendarDay(TimePhrase.Day(year: nil, month: written.month, day: written.day)).map { "\($0) \(clock)" }
            let fix = [asYear, asClock].compactMap { $0 }.joined(separator: " or ")
            bag.error(.timelineTimeReadsTwoWays, at: location,
                      "timeline time '\(phrase.text)' reads as the year \(year), far from the incident's, and as the time \(clock); write the day as YYYY-MM-DD, with its time if it has one: \(fix)",
                      fix: fix)
        }

        /// Whether a dated entry on `date` sets the day of the times after it: not when it lies
        /// before the incident's day or more than a day after it was resolved.
        func movesDay(to date: CalendarDate) -> Bool {
            if let anchor = parser.anchorDay, date < anchor { return false }
            if let resolved = parser.resolved, date.daysSinceEpoch > resolved.localDate.daysSinceEpoch + 1 { return false }
            return true
        }

        /// A written day as a date; a day without a year takes the year that puts it nearest the
        /// incident's day (`Dec 20` in an incident of 5 January is the December before; `Jan 2`
        /// in one of 30 December is the January after), else the day of the timeline around it.
        func calendarDay(_ written: TimePhrase.Day) -> CalendarDate? {
            if let year = written.year { return CalendarDate(year: year, month: written.month, day: written.day) }
            guard let around = parser.anchorDay ?? day else { return nil }
            let candidates = [around.year - 1, around.year, around.year + 1].compactMap {
                CalendarDate(year: $0, month: written.month, day: written.day)
            }
            return candidates.min { abs($0.daysSinceEpoch - around.daysSinceEpoch) < abs($1.daysSinceEpoch - around.daysSinceEpoch) }
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
                // `22:00-06:00` would itself read two ways (DB059): such a form says `UTC-06:00`.
                let forms = readings.map { reading -> String in
                    let compact = datePart + (clock ?? "00:00") + Timestamp.offsetText(reading.0)
                    let readsOneWay = TimePhrase.read(compact).map { $0.ambiguity == nil && $0.end == nil && $0.start.zone == .offset(reading.0) } ?? false
                    return readsOneWay ? compact : datePart + (clock ?? "00:00") + " UTC" + Timestamp.offsetText(reading.0)
                }
                let meanings = readings.map { "\($0.1) \(Timestamp.offsetText($0.0))" }.joined(separator: ", ")
                let fix = forms.joined(separator: " or ")
                bag.error(.timelineAmbiguousZone, at: location,
                          "timeline time '\(phrase.text)' has the zone '\(label)', which names more than one zone (\(meanings)); write the offset instead: \(fix)",
                          fix: fix)
            case .spanOrOffset(let end, let offset):
                let datePart = phrase.start.day.flatMap(calendarDay).map { "\($0) " } ?? ""
                let start = datePart + (clock ?? "00:00")
                let endClock = TimelineParser.clockText(end)
                let fix = "\(start) - \(endClock) or \(start) UTC\(Timestamp.offsetText(offset))"
                bag.error(.timelineTimeReadsTwoWays, at: location,
                          "timeline time '\(phrase.text)' reads as a span (\(clock ?? "") to \(endClock) the next day) and as \(clock ?? "") at UTC\(Timestamp.offsetText(offset)); write a spaced span or the offset after UTC: \(fix)",
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

}

// Internal: the site asks which cells of a row its visual timeline shows itself.
extension TimelineParser {
    /// Which cells of a timeline table hold the time: the column headed Time, When, Timestamp,
    /// Start or Date (a Date and a Time column together), else the first; a column headed End
    /// (or Until) holds the end of a span. A zone in a header, before or after the name or in
    /// brackets (`Time (UTC)`, `Time UTC`, `UTC Time`, `Start [PT]`, `Time (Pacific)`), is the
    /// zone of that column's times.
    struct TimeColumns {
        var timeIndices: [Int] = [0]
        var zone: TimeZoneSpec?
        /// The column holding the end of a span, and its zone.
        var endIndex: Int?
        var endZone: TimeZoneSpec?
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

        static let timeNames: Set<String> = ["time", "when", "timestamp", "time stamp", "datetime", "date/time", "date & time", "date and time", "date time",
                                             "start", "start time", "started", "begin", "from"]
        static let endNames: Set<String> = ["end", "end time", "ended", "until", "to"]

        /// A header cell as (name, zone label): `Time (UTC)`, `Time UTC`, `UTC Time`, `Time, UTC`,
        /// `Time (in UTC)`; the label is nil when there is none.
        static func split(_ cell: String) -> (String, String?) {
            let trimmed = cell.trimmed
            let lower = trimmed.lowercased()
            if let open = lower.firstIndex(where: { $0 == "(" || $0 == "[" || $0 == "," }) {
                let base = String(lower[..<open]).trimmed
                var label = String(trimmed.dropFirst(lower.distance(from: lower.startIndex, to: open) + 1)).trimmed
                if label.hasSuffix(")") || label.hasSuffix("]") { label = String(label.dropLast()).trimmed }
                if label.lowercased().hasPrefix("in ") { label = String(label.dropFirst(3)).trimmed }
                return (base, label)
            }
            let known = timeNames.union(endNames).union(["date"])
            if known.contains(lower) { return (lower, nil) }
            // `| UTC | Event |`: a header that is only a zone heads the times in it.
            if trimmed == trimmed.uppercased(), ZoneLabels.meaning(of: trimmed) != nil { return ("time", trimmed) }
            let words = trimmed.split(separator: " ").map(String.init).filter { $0.lowercased() != "in" }
            // `Time UTC`, `Timestamp (PT)` and `UTC Time`, `Pacific Time`: a name at one end, a
            // zone at the other.
            for cut in 1..<max(1, words.count) {
                let head = words[..<cut].joined(separator: " "), tail = words[cut...].joined(separator: " ")
                if known.contains(head.lowercased()), ZoneLabels.meaning(of: tail) != nil || looksLikeZone(tail) { return (head.lowercased(), tail) }
                if known.contains(tail.lowercased()), ZoneLabels.meaning(of: head) != nil || looksLikeZone(head) { return (tail.lowercased(), head) }
            }
            return (lower, nil)
        }

        init(_ header: [String]) {
            var names: [String] = []
            var zones: [TimeZoneSpec?] = []
            for cell in header {
                let (name, label) = Self.split(cell)
                var columnZone: TimeZoneSpec?
                if let label, Self.timeNames.contains(name) || Self.endNames.contains(name) || name == "date" {
                    switch ZoneLabels.meaning(of: label) {
                    case .offset(let seconds)?: columnZone = TimeZoneSpec(Timestamp.offsetText(seconds))
                    case .zone(let identifier)?: columnZone = TimeZoneSpec(identifier)
                    case .ambiguous?: if unreadZone == nil { unreadZone = cell.trimmed }
                    case nil: if unreadZone == nil, Self.looksLikeZone(label) { unreadZone = cell.trimmed }
                    }
                }
                names.append(name)
                zones.append(columnZone)
            }
            if let date = names.firstIndex(of: "date"), let time = names.firstIndex(where: { Self.timeNames.contains($0) }) {
                timeIndices = [date, time]
            } else if let time = names.firstIndex(where: { Self.timeNames.contains($0) || $0 == "date" }) {
                timeIndices = [time]
            }
            zone = timeIndices.lazy.compactMap { zones[$0] }.first
            if let end = names.firstIndex(where: { Self.endNames.contains($0) }), !timeIndices.contains(end) {
                endIndex = end
                endZone = zones[end] ?? zone
            }
        }

        func timeText(_ cells: [String]) -> String {
            timeIndices.filter { $0 < cells.count }.map { cells[$0] }.filter { !$0.isEmpty }.joined(separator: " ")
        }
    }
}
