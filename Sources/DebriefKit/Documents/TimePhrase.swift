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
    }

    /// Something written that reads two ways, which debrief will not guess between.
    enum Ambiguity: Sendable, Equatable {
        /// `01/02/2017`: (day, month) and (month, day) both name a day.
        case numericDate(first: Int, second: Int, year: Int)
        /// `IST`, `CST`.
        case zone(String)
    }

    var start: Point
    var end: Point?
    var approximate = false
    var ambiguity: Ambiguity?
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
        let wanted = Array(literal)
        guard index + wanted.count <= chars.count else { return false }
        for (offset, c) in wanted.enumerated() where chars[index + offset].lowercased() != c.lowercased() { return false }
        index += wanted.count
        return true
    }

    /// Whether the character at `index` ends a word (not a letter or digit).
    var atWordEnd: Bool { current.map { !($0.isLetter || $0.isNumber) } ?? true }

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
        // `14:32-14:40 UTC`: a zone written once, after the span, is both ends'.
        var end = span(after: start)
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
        while let c = rest.first, Self.separators.contains(c) || c == ")" { rest.removeFirst() }
        var ambiguity: TimePhrase.Ambiguity? = pendingAmbiguity
        if ambiguity == nil, let label = start.zoneLabel ?? end?.zoneLabel, case .ambiguous = start.zone ?? end?.zone {
            ambiguity = .zone(label)
        }
        return TimePhrase(start: start, end: end, approximate: approximate, ambiguity: ambiguity, text: text, rest: String(rest).trimmed)
    }

    var pendingAmbiguity: TimePhrase.Ambiguity?

    mutating func approximatePrefix() -> Bool {
        for mark in ["~", "±", "+/-", "≈", "approx. ", "approx ", "approximately ", "around ", "about ", "ca. ", "circa ", "c. "] {
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
        for mark in ["(approx.)", "(approx)", "(approximately)", "(approximate)", "(est.)", "(est)", "(estimated)", "approx.", "(~)"] {
            let save = index
            if match(mark) { return true }
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
            // `2018-10-21T22:52Z`, `Feb 1 17:00`, `April 8, 2022 at 17:00`.
            let wroteT = match("T")
            if !wroteT {
                _ = match(",")
                skipSpaces()
                let beforeAt = index
                if !(match("at ") || match("@")) { index = beforeAt }
                skipSpaces()
            }
            let clockStart = index
            if let (seconds, fourDigits) = clock() {
                let zoneStart = index
                // After `T` or a clock with seconds, `-05:00` is an offset (RFC 3339), never a span.
                let (label, zone) = zoneLabel(after: seconds, offsetOnly: wroteT || hasSeconds(from: clockStart))
                if fourDigits && zone == nil && !fourDigitClock { index = afterDate; return TimePhrase.Point(day: day) }
                if label == nil { index = zoneStart }
                return TimePhrase.Point(day: day, secondOfDay: seconds, zoneLabel: label, zone: zone)
            }
            // `2026-01-22 09:00:99`: something that looks like a clock but is not one makes the
            // whole phrase unreadable (DB050), never a day-only entry with the clock in its text.
            if let c = current, c.isASCIIDigit, chars[index..<min(chars.count, index + 3)].contains(":") {
                index = begin
                return nil
            }
            index = afterDate
            return TimePhrase.Point(day: day)
        }
        index = begin
        guard let (seconds, fourDigits) = clock() else { index = begin; return nil }
        let (label, zone) = zoneLabel(after: seconds, offsetOnly: hasSeconds(from: begin))
        if fourDigits && zone == nil && !fourDigitClock { index = begin; return nil }
        return TimePhrase.Point(day: nil, secondOfDay: seconds, zoneLabel: label, zone: zone)
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

    /// A four-digit year after a day: not the start of a clock (`Feb 1 1700 UTC` is 17:00).
    mutating func trailingYear() -> Int? {
        let save = index
        _ = match(",")
        skipSpaces()
        if let (year, count) = digits(limit: 4), count == 4, (1970...2199).contains(year), current != ":" { return year }
        index = save
        return nil
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
        } else {
            needsMeridiem = true
        }
        let beforeMeridiem = index
        if let pm = meridiem() {
            guard hour >= 1, hour <= 12 else { index = begin; return nil }
            hour = hour % 12 + (pm ? 12 : 0)
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

    /// `Z`, `+02:00`, ` UTC`, ` (UTC)`, ` PDT`, ` UTC+2`; on no label, the index is unchanged.
    /// With `offsetOnly` (after an RFC 3339 `T` or a clock with seconds), a `-` that starts an
    /// offset is one, whatever a span reading would say.
    mutating func zoneLabel(after seconds: Double, offsetOnly: Bool = false) -> (String?, ZoneLabels.Meaning?) {
        let save = index
        if current == "Z" || current == "z", peek(1).map({ !($0.isLetter || $0.isNumber) }) ?? true {
            index += 1
            return ("Z", .offset(0))
        }
        if current == "+" || current == "−" || (current == "-" && (offsetOnly || offsetFollows(after: seconds))) {
            if let (text, offset) = signedOffset() { return (text, .offset(offset)) }
            index = save
        }
        skipSpaces()
        // ` -05:00` after a space reads like ` +05:00`: an offset, unless it is a span that ends
        // after it starts (`09:00 -10:00`).
        if current == "+" || current == "−" || (current == "-" && offsetFollows(after: seconds)),
           let (text, offset) = signedOffset() { return (text, .offset(offset)) }
        index = save
        skipSpaces()
        let parenthesised = match("(")
        var word = letters()
        guard !word.isEmpty, word == word.uppercased() || ["utc", "gmt"].contains(word.lowercased()) else { index = save; return (nil, nil) }
        if let c = current, c == "+" || c == "-" || c == "−" {
            let beforeOffset = index
            if let (text, _) = signedOffset() { word += text } else { index = beforeOffset }
        }
        guard let meaning = ZoneLabels.meaning(of: word) else { index = save; return (nil, nil) }
        if parenthesised {
            guard match(")") else { index = save; return (nil, nil) }
        } else if !atWordEnd {
            index = save
            return (nil, nil)
        }
        return (word, meaning)
    }

    /// Whether a `-` at the index starts an offset rather than the end of a span: an offset is
    /// `-HH:MM` whose reading as a span would end before it starts, or `-HHMM`/`-HH` then a word end.
    func offsetFollows(after seconds: Double) -> Bool {
        var probe = self
        probe.index += 1
        guard let (value, count) = probe.digits(limit: 4) else { return false }
        if count == 4 || (count == 2 && probe.current != ":") { return probe.atWordEnd && value <= 1400 }
        guard count == 2, probe.current == ":" else { return false }
        probe.index += 1
        guard let (minutes, minuteDigits) = probe.digits(limit: 2), minuteDigits == 2, probe.atWordEnd else { return false }
        return value <= 14 && Double(value * 3600 + minutes * 60) < seconds
    }

    mutating func signedOffset() -> (String, Int)? {
        let begin = index
        index += 1
        while let c = current, c.isASCIIDigit || c == ":" { index += 1 }
        let text = String(chars[begin..<index])
        guard let offset = ZoneLabels.offset(text) else { index = begin; return nil }
        return (text, offset)
    }

    // MARK: Spans

    /// `14:32-14:40`, `14:32 – 14:40`, `9:30 to 10:15`: the end, or nil (index unchanged).
    mutating func span(after start: TimePhrase.Point) -> TimePhrase.Point? {
        guard start.secondOfDay != nil else { return nil }
        let save = index
        skipSpaces()
        guard match("-") || match("–") || match("—") || match("to ") || match("until ") else { index = save; return nil }
        skipSpaces()
        guard let end = point(allowDate: false), end.secondOfDay != nil else { index = save; return nil }
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
