/// A time, a day, or a span as people write them at the start of a timeline entry: `9:37 AM`,
/// `6:00 a.m. PST`, `~17:20`, `14:32–14:40`, `Feb 1 17:00`, `2018 October 21 22:52 UTC`,
/// `2018-10-21T22:52Z`, `April 14`, … Every form is listed in `docs/format.md`. Reading it does
/// not decide the instant: a day or zone left out comes from the timeline around it.
struct TimePhrase: Sendable, Equatable {
    /// A calendar day, perhaps without its year (`April 8`).
    struct Day: Sendable, Equatable {
        var year: Int?
        var month: Int
        var day: Int
    }

    /// One end of the phrase.
    struct Point: Sendable, Equatable {
        var day: Day?
        /// Seconds into the day; nil for a day-only entry.
        var secondOfDay: Double?
        /// The zone label as written (`PDT`, `+02:00`), and what it means.
        var zoneLabel: String?
        var zone: ZoneLabels.Meaning?
        /// Whether the clock was written with am/pm: true for pm, nil without.
        var meridiem: Bool? = nil
    }

    /// Something written that reads two ways, which debrief will not guess between.
    enum Ambiguity: Sendable, Equatable {
        /// `01/02/2017`: (day, month) and (month, day) both name a day.
        case numericDate(first: Int, second: Int, year: Int)
        /// `IST`, `CST`.
        case zone(String)
        /// `23:00-05:00`: a span to 05:00 the next day, or 23:00 at UTC-05:00.
        case spanOrOffset(end: Double, offset: Int)
    }

    var start: Point
    var end: Point?
    var approximate = false
    var ambiguity: Ambiguity?
    /// `Feb 1 2045`: four digits after a day that are a year or a clock; which one depends on
    /// how far that year is from the incident's, which the timeline decides.
    var yearOrClock: Int?
    /// Set when a day is followed by something shaped like a clock that is not one of the forms
    /// (`Jan 4 by 06:00`): the entry is unread rather than a day-only milestone. Holds the clock
    /// when one could be made out, for the fix-it.
    var unreadClock: Double??
    /// The phrase as written, trimmed.
    var text: String
    /// What follows the phrase, separators (`:`, `—`, `|`, …) dropped.
    var rest: String

    /// The phrase at the start of `text`, or nil. `fourDigitClock` lets `1402` stand for 14:02
    /// without a zone (a table's time column); elsewhere it needs a zone label.
    static func read(_ text: String, fourDigitClock: Bool = false) -> TimePhrase? {
        var scanner = TimePhraseScanner(Array(text), fourDigitClock: fourDigitClock)
        return scanner.phrase()
    }

    /// Words that name a time of day, which a day followed by one (`Jan 4 noon`) means; midnight
    /// has no clock to suggest, since it starts one day and ends the one before.
    static let clockWords: [String: Double?] = ["noon": 12 * 3600, "midday": 12 * 3600, "midnight": nil]

    /// Whether `text` holds something shaped like a clock time (`17:20`) anywhere.
    static func mentionsClock(_ text: String) -> Bool {
        let chars = Array(text)
        guard chars.count >= 4 else { return false }
        for index in 1..<(chars.count - 2) where chars[index] == ":" {
            if chars[index - 1].isASCIIDigit, chars[index + 1].isASCIIDigit, chars[index + 2].isASCIIDigit { return true }
        }
        return false
    }
}

// MARK: - Scanner

private struct TimePhraseScanner {
    let chars: [Character]
    let fourDigitClock: Bool
    var index = 0

    init(_ chars: [Character], fourDigitClock: Bool) {
        self.chars = chars
        self.fourDigitClock = fourDigitClock
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    static let weekdays = ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
                           "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let separators: Set<Character> = [":", ",", ";", "|", "-", "–", "—", ".", " ", "\t"]

    var current: Character? { index < chars.count ? chars[index] : nil }
    func peek(_ offset: Int) -> Character? { index + offset < chars.count ? chars[index + offset] : nil }

    mutating func skipSpaces() { while let c = current, c == " " || c == "\t" || c == "\u{00A0}" { index += 1 } }

    /// Case-insensitive literal; advances on a match.
    mutating func match(_ literal: String) -> Bool {
        var position = index
        for wanted in literal {
            guard position < chars.count, Self.sameIgnoringCase(chars[position], wanted) else { return false }
            position += 1
        }
        index = position
        return true
    }

    /// Whether two characters are the same but for case. ASCII ones are compared as bytes:
    /// every phrase tries a dozen marks, and lower-casing each character into a new string
    /// cost a timeline most of its reading time.
    static func sameIgnoringCase(_ a: Character, _ b: Character) -> Bool {
        if a == b { return true }
        if let x = a.asciiValue, let y = b.asciiValue {
            func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }
            return lower(x) == lower(y)
        }
        return a.lowercased() == b.lowercased()
    }

    /// Whether the character at `index` ends a word (not a letter or digit).
    var atWordEnd: Bool { current.map { !($0.isLetter || $0.isNumber) } ?? true }

    /// Whether a zone label or an offset may end at `index`: at the end, a space, or a mark that
    /// ends a time (`:`, `)`, `]`, `,`, `;`, `|`, `/`, `*`, `—`, a `.` before a space, a dash
    /// before a space or a span's clock). Anything else (`EST-based`, `Z-index`, `-5%`, `+3x`)
    /// joins the label to a word, so it is the start of the event's text, not a zone.
    var atLabelEnd: Bool {
        guard let c = current else { return true }
        switch c {
        case " ", "\t", "\u{00A0}", ":", ")", "]", ",", ";", "|", "/", "*", "—":
            return true
        case ".":
            return peek(1).map { $0 == " " || $0 == "\t" } ?? true
        case "-", "–":
            var probe = self
            probe.index += 1
            guard let next = probe.current, next != " ", next != "\t" else { return true }
            // `14:32Z-14:40Z`: the end of a span.
            return probe.clock() != nil
        default:
            return false
        }
    }

    /// A run of ASCII digits, at most `limit` long: its value and length.
    mutating func digits(limit: Int = 4) -> (Int, Int)? {
        let begin = index
        var value = 0
        var count = 0
        while let c = current, c.isASCIIDigit, count < limit, let d = c.wholeNumberValue {
            value = value * 10 + d
            count += 1
            index += 1
        }
        if count == 0 { return nil }
        if let c = current, c.isASCIIDigit { index = begin; return nil }
        return (value, count)
    }

    mutating func letters() -> String {
        var word = ""
        while let c = current, c.isLetter { word.append(c); index += 1 }
        return word
    }

    // MARK: Phrase

    mutating func phrase() -> TimePhrase? {
        skipSpaces()
        let begin = index
        var approximate = approximatePrefix()
        let afterPrefix = index
        guard var start = point(allowDate: true) else {
            index = afterPrefix
            return nil
        }
        if approximateInside { approximate = true }
        // `14:32-14:40 UTC`: a zone written once, after the span, is both ends'.
        var end = span(after: start)
        if let endPoint = end { start = Self.withMeridiem(of: endPoint, on: start) }
        if start.zone == nil, let zone = end?.zone {
            start.zone = zone
            start.zoneLabel = end?.zoneLabel
        }
        if end?.zone == nil, start.zone != nil {
            end?.zone = start.zone
            end?.zoneLabel = start.zoneLabel
        }
        let beforeSuffix = index
        if approximateSuffix() { approximate = true } else { index = beforeSuffix }
        guard atWordEnd || current.map(Self.separators.contains) == true else { return nil }
        let text = String(chars[begin..<index]).trimmed
        var rest = Substring(String(chars[index...]))
        while let c = rest.first, Self.separators.contains(c) || c == ")" {
            // `10:14: -1 replica`: a minus sign before a number is the event's, not a separator.
            if c == "-", rest.dropFirst().first?.isASCIIDigit == true { break }
            rest.removeFirst()
        }
        var ambiguity: TimePhrase.Ambiguity? = pendingAmbiguity
        if ambiguity == nil, let label = start.zoneLabel ?? end?.zoneLabel, case .ambiguous = start.zone ?? end?.zone {
            ambiguity = .zone(label)
        }
        return TimePhrase(start: start, end: end, approximate: approximate, ambiguity: ambiguity, yearOrClock: yearOrClock,
                          unreadClock: unreadClock, text: text, rest: String(rest).trimmed)
    }

    var pendingAmbiguity: TimePhrase.Ambiguity?
    /// `Jan 4, ~6:00`: an approximate mark between the day and the clock.
    var approximateInside = false
    var yearOrClock: Int?
    var unreadClock: Double??
    /// The meridiem of the last clock read, if it had one.
    var lastMeridiem: Bool?

    /// `9:30 - 10:15 PM`: a start written without am/pm takes the one that puts it before the
    /// end, trying the end's first (`11:30 - 1:15 PM` is 11:30 AM).
    static func withMeridiem(of end: TimePhrase.Point, on start: TimePhrase.Point) -> TimePhrase.Point {
        guard start.meridiem == nil, let pm = end.meridiem, let seconds = start.secondOfDay, let endSeconds = end.secondOfDay else { return start }
        let hour = Int(seconds) / 3600
        guard (1...12).contains(hour) else { return start }
        let rest = seconds - Double(hour * 3600)
        var adjusted = start
        for candidatePM in [pm, !pm] {
            let candidate = Double((hour % 12 + (candidatePM ? 12 : 0)) * 3600) + rest
            if candidate <= endSeconds {
                adjusted.secondOfDay = candidate
                adjusted.meridiem = candidatePM
                return adjusted
            }
        }
        // `11:30 - 12:30 AM` runs past midnight from 11:30 PM.
        if !pm {
            adjusted.secondOfDay = Double((hour % 12 + 12) * 3600) + rest
            adjusted.meridiem = true
            return adjusted
        }
        return start
    }

    /// Marks before a time that say it is approximate.
    static let approximatePrefixes = ["~", "±", "+/-", "≈", "approx. ", "approx ", "approximately ", "around ", "about ", "ca. ", "circa ", "c. "]
    /// The characters those marks start with, so a phrase that starts with none of them tries no mark.
    static let approximatePrefixStarts = Array(Set(approximatePrefixes.compactMap(\.first)))

    mutating func approximatePrefix() -> Bool {
        guard let first = current, Self.approximatePrefixStarts.contains(where: { Self.sameIgnoringCase(first, $0) }) else { return false }
        for mark in Self.approximatePrefixes {
            let save = index
            if match(mark) {
                skipSpaces()
                return true
            }
            index = save
        }
        return false
    }

    mutating func approximateSuffix() -> Bool {
        skipSpaces()
        for mark in ["(approx.)", "(approx)", "(approximately)", "(approximate)", "(est.)", "(est)", "(estimated)", "approx.", "(~)", "-ish", "ish"] {
            let save = index
            // `23:00-ish`, `23:00ish`, but not `23:00 Ishikawa paged`.
            if match(mark), !mark.hasSuffix("ish") || atWordEnd { return true }
            index = save
        }
        return false
    }

    /// A date, a time, or a date and a time, with an optional zone label.
    mutating func point(allowDate: Bool) -> TimePhrase.Point? {
        let begin = index
        var day: TimePhrase.Day?
        if allowDate {
            let save = index
            let word = letters()
            if Self.weekdays.contains(word.lowercased()) {
                _ = match(".")
                _ = match(",")
                skipSpaces()
            } else {
                index = save
            }
            day = date()
            if day == nil { index = save }
        }
        if day != nil {
            let afterDate = index
            // `2018-10-21T22:52Z`, `Feb 1 17:00`, `April 8, 2022 at 17:00`, `Jan 4, ~6:00 AM`,
            // `Jan 4 (06:00)`, `Jan 4 - 06:00`.
            let wroteT = match("T")
            var parenthesised = false
            var approximate = false
            if !wroteT {
                _ = match(",")
                skipSpaces()
                for _ in 0..<4 {
                    let before = index
                    if match("-") || match("–") || match("—") || match("at ") || match("@") {
                        // A separator between the day and its clock.
                    } else if !parenthesised, match("(") {
                        parenthesised = true
                    } else if approximatePrefix() {
                        approximate = true
                    } else {
                        index = before
                        break
                    }
                    skipSpaces()
                }
            }
            let clockStart = index
            if let (seconds, fourDigits) = clock() {
                let meridiem = lastMeridiem
                let zoneStart = index
                // After `T` or a clock with seconds, `-05:00` is an offset (RFC 3339), never a span.
                let (label, zone) = zoneLabel(after: seconds, offsetOnly: wroteT || hasSeconds(from: clockStart))
                if label == nil { index = zoneStart }
                if !(fourDigits && zone == nil && !fourDigitClock) && (!parenthesised || match(")")) {
                    if approximate { approximateInside = true }
                    return TimePhrase.Point(day: day, secondOfDay: seconds, zoneLabel: label, zone: zone, meridiem: meridiem)
                }
            }
            index = afterDate
            // `2026-01-22 09:00:99`, `Jan 4 by 06:00`: something that looks like a clock but is
            // not one of the forms makes the entry unread (DB050), never a day-only entry with the
            // clock in its text.
            if let found = clockShapeAfterDate() { unreadClock = .some(found) }
            return TimePhrase.Point(day: day)
        }
        index = begin
        guard let (seconds, fourDigits) = clock() else { index = begin; return nil }
        let meridiem = lastMeridiem
        let (label, zone) = zoneLabel(after: seconds, offsetOnly: hasSeconds(from: begin))
        if fourDigits && zone == nil && !fourDigitClock { index = begin; return nil }
        return TimePhrase.Point(day: nil, secondOfDay: seconds, zoneLabel: label, zone: zone, meridiem: meridiem)
    }

    /// Whether what follows a day (after separators and at most one short word) is shaped like a
    /// clock: `06:00`, `6:00:99`, `25:00`, `6am`, `06h00`. Returns the clock when one of the
    /// forms reads there (`Jan 4 by 06:00`), for the fix-it; `.some(nil)` when none does.
    func clockShapeAfterDate() -> Double?? {
        var probe = self
        func skipMarks() { while let c = probe.current, !(c.isLetter || c.isNumber) { probe.index += 1 } }
        skipMarks()
        let beforeWord = probe.index
        let word = probe.letters()
        if let meaning = TimePhrase.clockWords[word.lowercased()] { return .some(meaning) }
        if word.count > 8 { return nil }
        if word.isEmpty { probe.index = beforeWord } else { skipMarks() }
        let start = probe.index
        guard let first = probe.current, first.isASCIIDigit else { return nil }
        var digitCount = 0
        while let c = probe.current, c.isASCIIDigit { digitCount += 1; probe.index += 1 }
        guard digitCount <= 2 else { return nil }
        let shaped: Bool
        if let mark = probe.current, mark == ":" || mark == "h" || mark == "H" {
            shaped = probe.peek(1)?.isASCIIDigit == true && probe.peek(2)?.isASCIIDigit == true
        } else {
            var meridiemProbe = probe
            shaped = meridiemProbe.meridiem() != nil
        }
        guard shaped else { return nil }
        var reader = self
        reader.index = start
        return .some(reader.clock().map(\.0))
    }

    // MARK: Dates

    mutating func monthWord() -> Int? {
        let save = index
        let word = letters().lowercased()
        if let full = Self.monthNames.firstIndex(of: word) { return full + 1 }
        if let short = Self.months.firstIndex(of: word) ?? (word == "sept" ? 8 : nil) {
            _ = match(".")
            return short + 1
        }
        index = save
        return nil
    }

    mutating func ordinal() {
        let save = index
        let word = letters().lowercased()
        if !["st", "nd", "rd", "th"].contains(word) { index = save }
    }

    /// A four-digit year after a day. Four digits that are also a clock (`2000`, `2145`) are
    /// the clock when a zone label follows (`Feb 1 2000 UTC` is 20:00), the year when a clock
    /// follows (`Feb 1 2026 20:00`), and otherwise left for the timeline to decide by the
    /// incident's year (`yearOrClock`).
    mutating func trailingYear() -> Int? {
        let save = index
        _ = match(",")
        skipSpaces()
        guard let (year, count) = digits(limit: 4), count == 4, (1970...2199).contains(year) else { index = save; return nil }
        guard year / 100 <= 23, year % 100 <= 59 else { return year }
        let afterYear = index
        var probe = self
        if probe.zoneLabel(after: Double(year / 100 * 3600 + year % 100 * 60)).0 != nil { index = save; return nil }
        probe.index = afterYear
        _ = probe.match(",")
        probe.skipSpaces()
        if !(probe.match("at ") || probe.match("@")) { probe.index = afterYear }
        probe.skipSpaces()
        if probe.clock() == nil { yearOrClock = year }
        return year
    }

    mutating func date() -> TimePhrase.Day? {
        let begin = index
        if let (first, count) = digits(limit: 4) {
            if count == 4 {
                // `2017-01-31`, `2017/01/31`, `2018 October 21`.
                let year = first
                if let separator = current, separator == "-" || separator == "/" {
                    index += 1
                    guard let (month, _) = digits(limit: 2), current == separator else { index = begin; return nil }
                    index += 1
                    guard let (day, _) = digits(limit: 2) else { index = begin; return nil }
                    return valid(year, month, day, begin)
                }
                skipSpaces()
                if let month = monthWord() {
                    skipSpaces()
                    if let (day, _) = digits(limit: 2) {
                        ordinal()
                        return valid(year, month, day, begin)
                    }
                }
                index = begin
                return nil
            }
            if current == "/" {
                // `31/01/2017`: read only when one reading names no day.
                index += 1
                guard let (second, _) = digits(limit: 2), current == "/" else { index = begin; return nil }
                index += 1
                guard let (year, yearDigits) = digits(limit: 4), yearDigits == 4 else { index = begin; return nil }
                let asDayMonth = CalendarDate(year: year, month: second, day: first) != nil
                let asMonthDay = CalendarDate(year: year, month: first, day: second) != nil
                if asDayMonth && asMonthDay && first != second {
                    pendingAmbiguity = .numericDate(first: first, second: second, year: year)
                    return TimePhrase.Day(year: year, month: second, day: first)
                }
                if asDayMonth { return TimePhrase.Day(year: year, month: second, day: first) }
                if asMonthDay { return TimePhrase.Day(year: year, month: first, day: second) }
                index = begin
                return nil
            }
            // `1 Feb 2017`, `31 January`.
            ordinal()
            skipSpaces()
            if first >= 1, first <= 31, let month = monthWord() {
                return TimePhrase.Day(year: trailingYear(), month: month, day: first)
            }
            index = begin
            return nil
        }
        // `Feb 1 17:00`, `April 8, 2022`.
        if let month = monthWord() {
            skipSpaces()
            if let (day, _) = digits(limit: 2), day >= 1, day <= 31 {
                ordinal()
                return TimePhrase.Day(year: trailingYear(), month: month, day: day)
            }
        }
        index = begin
        return nil
    }

    mutating func valid(_ year: Int, _ month: Int, _ day: Int, _ begin: Int) -> TimePhrase.Day? {
        guard CalendarDate(year: year, month: month, day: day) != nil else { index = begin; return nil }
        return TimePhrase.Day(year: year, month: month, day: day)
    }

    // MARK: Clocks

    /// `9:37`, `09:37:12.5`, `9:37 AM`, `9:37am`, `6:00 a.m.`, `6.57am`, `9am`, `1402`; the
    /// seconds into the day, and whether it was a bare four-digit clock.
    mutating func clock() -> (Double, Bool)? {
        let begin = index
        lastMeridiem = nil
        guard let (first, count) = digits(limit: 4) else { return nil }
        if count == 4 {
            let hour = first / 100, minute = first % 100
            guard hour <= 23, minute <= 59, atWordEnd || current == "Z" else { index = begin; return nil }
            return (Double(hour * 3600 + minute * 60), true)
        }
        guard count <= 2 else { index = begin; return nil }
        var hour = first
        var minute = 0
        var second = 0.0
        var needsMeridiem = false
        if current == ":", let next = peek(1), next.isASCIIDigit {
            index += 1
            guard let (m, mc) = digits(limit: 2), mc == 2 else { index = begin; return nil }
            minute = m
            if current == ":", let next = peek(1), next.isASCIIDigit {
                index += 1
                guard let (s, sc) = digits(limit: 2), sc == 2, s <= 60 else { index = begin; return nil }
                second = Double(s)
                if current == ".", let next = peek(1), next.isASCIIDigit {
                    index += 1
                    var scale = 0.1
                    while let c = current, c.isASCIIDigit, let d = c.wholeNumberValue {
                        second += Double(d) * scale
                        scale /= 10
                        index += 1
                    }
                }
            }
        } else if current == ".", let next = peek(1), next.isASCIIDigit {
            index += 1
            guard let (m, mc) = digits(limit: 2), mc == 2 else { index = begin; return nil }
            minute = m
            needsMeridiem = true
        } else if current == "h" || current == "H", let next = peek(1), next.isASCIIDigit {
            // `06h00`, as French and Portuguese timelines write it.
            index += 1
            guard let (m, mc) = digits(limit: 2), mc == 2, atWordEnd else { index = begin; return nil }
            minute = m
        } else {
            needsMeridiem = true
        }
        let beforeMeridiem = index
        if let pm = meridiem() {
            guard hour >= 1, hour <= 12 else { index = begin; return nil }
            hour = hour % 12 + (pm ? 12 : 0)
            lastMeridiem = pm
        } else {
            index = beforeMeridiem
            if needsMeridiem { index = begin; return nil }
        }
        guard hour <= 23, minute <= 59 else { index = begin; return nil }
        return (Double(hour * 3600 + minute * 60) + second, false)
    }

    /// `AM`, `am`, `a.m.`, `PM`, … (true for afternoon).
    mutating func meridiem() -> Bool? {
        let save = index
        skipSpaces()
        for (text, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
            let at = index
            if match(text) {
                if text.count == 2, !atWordEnd { index = at; continue }
                return pm
            }
        }
        index = save
        return nil
    }

    // MARK: Zones

    /// Whether the clock read from `start` to the index wrote seconds (`01:00:00`).
    func hasSeconds(from start: Int) -> Bool {
        chars[start..<index].filter { $0 == ":" }.count >= 2
    }

    /// `Z`, `+02:00`, ` UTC`, ` (UTC)`, ` PDT`, ` UTC+2`, ` pst`, ` Pacific Time`; on no label,
    /// the index is unchanged. With `offsetOnly` (after an RFC 3339 `T` or a clock with seconds),
    /// a `-` that starts an offset is one, whatever a span reading would say.
    mutating func zoneLabel(after seconds: Double, offsetOnly: Bool = false) -> (String?, ZoneLabels.Meaning?) {
        let save = index
        if current == "Z" || current == "z" {
            var probe = self
            probe.index += 1
            if probe.atLabelEnd {
                index += 1
                return ("Z", .offset(0))
            }
        }
        if let label = signedOffsetLabel(after: seconds, offsetOnly: offsetOnly) { return label }
        skipSpaces()
        // ` -05:00` after a space reads like ` +05:00`: an offset, unless it is a span. Only a
        // full offset (`+01:00`, `+0100`, `+01`) is one there: `09:00 +1 more pager` is an event.
        if index > save, let label = signedOffsetLabel(after: seconds, offsetOnly: false, fullFormOnly: true) { return label }
        index = save
        skipSpaces()
        let parenthesised = match("(")
        if let (name, meaning) = spelledOutZone(parenthesised: parenthesised) { return (name, meaning) }
        var word = letters()
        guard !word.isEmpty, word == word.uppercased() || ZoneLabels.anyCase.contains(word.lowercased()) else { index = save; return (nil, nil) }
        // `10:15 est. recovery`: an estimate, not Eastern Standard Time.
        if word != word.uppercased(), current == "." { index = save; return (nil, nil) }
        if let c = current, c == "+" || c == "-" || c == "−" {
            let beforeOffset = index
            if let (text, _) = signedOffset() { word += text } else { index = beforeOffset }
        }
        guard let meaning = ZoneLabels.meaning(of: word) else { index = save; return (nil, nil) }
        if parenthesised {
            guard match(")") else { index = save; return (nil, nil) }
        } else if !atLabelEnd {
            index = save
            return (nil, nil)
        } else if case .ambiguous = meaning {
            // `10:11 AST parser crashed`: AST is also a common word in software (a syntax tree),
            // so followed by another word it is text. `IST` and `CST` are zones wherever they
            // stand (`10:00 CST users report errors`): reading them as text would put the time
            // in the post-mortem's zone without a word, so they stay an ambiguity to resolve.
            var probe = self
            probe.skipSpaces()
            if ZoneLabels.alsoCommonWords.contains(word), let next = probe.current, next.isLetter || next.isNumber {
                index = save
                return (nil, nil)
            }
        }
        return (word, meaning)
    }

    /// `+02:00`, `-0500`, `−03` at the index, when a `-` there is an offset and not a span's end.
    /// With `fullFormOnly`, only `±HH:MM`, `±H:MM`, `±HHMM` and `±0H` are read: a count
    /// (`+1`, `-12`) is no offset.
    mutating func signedOffsetLabel(after seconds: Double, offsetOnly: Bool, fullFormOnly: Bool = false) -> (String?, ZoneLabels.Meaning?)? {
        let save = index
        guard let c = current, c == "+" || c == "−" || c == "-" else { return nil }
        var probe = self
        guard let (written, _) = probe.signedOffset() else { return nil }
        let zeroPadded = written.count == 3 && written.dropFirst().first == "0"
        guard !fullFormOnly || written.contains(":") || written.count == 5 || zeroPadded else { return nil }
        if c == "-" && !offsetOnly {
            switch dashReading(after: seconds) {
            case .span: return nil
            case .offset: break
            case .both(let end, let offset):
                guard pendingAmbiguity == nil else { break }
                pendingAmbiguity = .spanOrOffset(end: end, offset: offset)
            }
        }
        if let (text, offset) = signedOffset() { return (text, .offset(offset)) }
        index = save
        return nil
    }

    /// `Pacific`, `Eastern Time`, `Pacific Daylight Time`, … (`ZoneLabels.names`). A single word
    /// (`Central`) is a zone only when no other word follows it, so `10:00 Central team paged`
    /// keeps its event.
    mutating func spelledOutZone(parenthesised: Bool) -> (String, ZoneLabels.Meaning)? {
        let save = index
        for (name, meaning) in ZoneLabels.names {
            index = save
            guard match(name), atLabelEnd else { continue }
            let written = String(chars[save..<index])
            if parenthesised {
                guard match(")") else { continue }
                return (written, meaning)
            }
            if !name.contains(" ") {
                var probe = self
                probe.skipSpaces()
                if let next = probe.current, next.isLetter || next.isNumber { continue }
            }
            return (written, meaning)
        }
        index = save
        return nil
    }

    /// What a `-` after a clock starts.
    enum DashReading { case span, offset, both(end: Double, offset: Int) }

    /// Whether a `-` at the index (after a clock at `seconds` without seconds of its own) starts
    /// an offset or a span's end. An offset is a real one: −01:00 to −12:00, minutes 00, 30 or
    /// 45. A span is read when the end comes after the start (`09:00-10:00`) or when the offset
    /// could be no zone's (`23:45-00:30`, `22:00-02:00`). When the end is earlier and a span
    /// reading would last more than twelve hours, it is an offset (`09:00-05:00`); when it would
    /// last less and the offset is one the Americas use (−03:00 to −10:00), a reader could take it
    /// either way (`23:00-05:00`).
    func dashReading(after seconds: Double) -> DashReading {
        var probe = self
        probe.index += 1
        guard let (value, count) = probe.digits(limit: 4) else { return .span }
        let hours: Int, minutes: Int
        var spanShaped = true
        if count == 4 {
            (hours, minutes) = (value / 100, value % 100)
        } else if count <= 2, probe.current == ":", probe.peek(1)?.isASCIIDigit == true {
            probe.index += 1
            guard let (m, mc) = probe.digits(limit: 2), mc == 2 else { return .span }
            (hours, minutes) = (value, m)
        } else if count <= 2 {
            // `-05`, `-5`: no span ends at a bare hour.
            (hours, minutes) = (value, 0)
            spanShaped = false
        } else {
            return .span
        }
        guard probe.atLabelEnd else { return .span }
        let realOffset = (1...12).contains(hours) && [0, 30, 45].contains(minutes)
        guard realOffset else { return .span }
        guard spanShaped else { return .offset }
        let end = Double(hours * 3600 + minutes * 60)
        if end > seconds { return .span }
        let spanLength = 86_400 - (seconds - end)
        if spanLength > 12 * 3600 { return .offset }
        return (3...10).contains(hours) ? .both(end: end, offset: -(hours * 3600 + minutes * 60)) : .span
    }

    /// `+02:00`, `-0500`, `+2`, `+05:30`: the sign, one, two or four digits, and `:MM` after one
    /// or two; a `:` after that is the entry's separator (`06:14+02:00: …`), not the offset's.
    mutating func signedOffset() -> (String, Int)? {
        let begin = index
        index += 1
        guard let (_, count) = digits(limit: 4) else { index = begin; return nil }
        if count <= 2, current == ":", peek(1)?.isASCIIDigit == true, peek(2)?.isASCIIDigit == true, peek(3)?.isASCIIDigit != true {
            index += 3
        }
        let text = String(chars[begin..<index])
        // `+5%`, `-0500x`: joined to a word, the sign and digits are the event's.
        guard atLabelEnd, let offset = ZoneLabels.offset(text) else { index = begin; return nil }
        return (text, offset)
    }

    // MARK: Spans

    /// `14:32-14:40`, `14:32 – 14:40`, `9:30 to 10:15`, and after a dated start
    /// `Jan 31 23:00 - Feb 1 01:00`: the end, or nil (index unchanged).
    mutating func span(after start: TimePhrase.Point) -> TimePhrase.Point? {
        guard start.secondOfDay != nil else { return nil }
        let save = index
        let saved = (unreadClock, yearOrClock)
        skipSpaces()
        guard match("-") || match("–") || match("—") || match("to ") || match("until ") else { index = save; return nil }
        skipSpaces()
        guard let end = point(allowDate: start.day != nil), end.secondOfDay != nil else {
            index = save
            (unreadClock, yearOrClock) = saved
            return nil
        }
        return end
    }
}

private extension TimePhrase.Point {
    init(day: TimePhrase.Day?) {
        self.init(day: day, secondOfDay: nil, zoneLabel: nil, zone: nil)
    }
}

extension Character {
    /// `0`–`9` only.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
