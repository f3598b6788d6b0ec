import Foundation

/// A `Key: value` line as exported documents write their metadata: `Date: 2015-10-21`,
/// `**Severity:** SEV1`, `**Services**: search, api`, `- *Authors:* dana, marco`, or a row of a
/// two-column table (`| Date | 2015-10-21 |`). Which keys are read is `Field`.
struct MetadataLine: Sendable, Equatable {
    /// A front-matter value a metadata line fills.
    enum Field: String, Sendable, CaseIterable {
        case title, date, severity, services, authors, commander, timezone, status
    }

    /// The key as written, without emphasis and colon.
    var key: String
    /// The value, trimmed.
    var value: String

    /// Lower-case keys (white space collapsed, `(s)` dropped) → the field they fill.
    static let keys: [String: Field] = [
        "title": .title, "incident title": .title, "postmortem title": .title, "post-mortem title": .title, "subject": .title,
        "date": .date, "incident date": .date, "date of incident": .date, "incident day": .date, "occurred": .date, "occurred on": .date,
        "severity": .severity, "sev": .severity, "incident severity": .severity, "priority": .severity, "incident priority": .severity,
        "service": .services, "affected service": .services, "services affected": .services, "system": .services,
        "affected system": .services, "systems affected": .services, "component": .services, "affected component": .services,
        "components affected": .services, "product": .services, "affected product": .services,
        "author": .authors, "owner": .authors, "postmortem owner": .authors, "post-mortem owner": .authors,
        "document owner": .authors, "written by": .authors, "prepared by": .authors,
        "incident commander": .commander, "commander": .commander, "ic": .commander, "incident lead": .commander,
        "incident manager": .commander,
        "timezone": .timezone, "time zone": .timezone,
        "status": .status, "document status": .status, "postmortem status": .status, "post-mortem status": .status,
    ]

    /// The field `key` fills, if any.
    var field: Field? { Self.keys[Self.normalisedKey(key)] }

    static func normalisedKey(_ key: String) -> String {
        var lower = key.lowercased().replacingOccurrences(of: "(s)", with: "")
        lower = lower.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        if lower.hasSuffix("s"), keys[lower] == nil, keys[String(lower.dropLast())] != nil { lower.removeLast() }
        return lower
    }

    /// Reads `line` as `Key: value`, or nil. The key is at most five words of letters.
    static func read(_ line: String) -> MetadataLine? {
        var text = Substring(line.trimmed)
        for marker in ["- ", "* ", "+ "] where text.hasPrefix(marker) { text = text.dropFirst(2).drop { $0 == " " } }
        for mark in ["**", "__", "*", "_"] where text.hasPrefix(mark) {
            let afterOpen = text.dropFirst(mark.count)
            guard let close = afterOpen.range(of: mark) else { continue }
            var key = String(afterOpen[..<close.lowerBound]).trimmed
            var rest = Substring(afterOpen[close.upperBound...])
            if key.hasSuffix(":") {
                key.removeLast()
            } else if rest.first == ":" {
                rest.removeFirst()
            } else {
                return nil
            }
            return plausible(key.trimmed) ? MetadataLine(key: key.trimmed, value: String(rest).trimmed) : nil
        }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let key = String(text[..<colon]).trimmed
        guard plausible(key) else { return nil }
        return MetadataLine(key: key, value: String(text[text.index(after: colon)...]).trimmed)
    }

    /// Reads a table row `| Key | value |` (emphasis on the key allowed), or nil.
    static func read(row cells: [String]) -> MetadataLine? {
        guard cells.count == 2 else { return nil }
        var key = cells[0].trimmed
        for mark in ["**", "__", "*", "_"] where key.hasPrefix(mark) && key.hasSuffix(mark) && key.count > 2 * mark.count {
            key = String(key.dropFirst(mark.count).dropLast(mark.count)).trimmed
        }
        if key.hasSuffix(":") { key.removeLast() }
        guard plausible(key) else { return nil }
        return MetadataLine(key: key, value: cells[1].trimmed)
    }

    private static func plausible(_ key: String) -> Bool {
        guard let first = key.first, first.isLetter, key.count <= 40 else { return false }
        guard key.split(separator: " ").count <= 5 else { return false }
        return key.allSatisfy { $0.isLetter || $0 == " " || $0 == "(" || $0 == ")" || $0 == "-" || $0 == "/" || $0 == "'" }
    }
}

// MARK: - Values

/// Reading the values of metadata lines.
enum MetadataValue {
    /// A list written in one line: `search, api; billing and payments`.
    static func list(_ value: String) -> [String] {
        var items: [String] = []
        for part in value.replacingOccurrences(of: " and ", with: ",").split(whereSeparator: { $0 == "," || $0 == ";" }) {
            var item = part.trimmed
            while item.hasPrefix("@") || item.hasPrefix("`") { item.removeFirst() }
            while item.hasSuffix("`") || item.hasSuffix(".") { item.removeLast() }
            item = item.trimmed
            if !item.isEmpty, !["n/a", "none", "-", "tbd"].contains(item.lowercased()) { items.append(item) }
        }
        return items
    }

    /// A day with its year, written in any form the timeline reads (`2015-10-21`, `October 21,
    /// 2015`, `21/10/2015` when unambiguous); `ambiguous` when it reads two ways.
    enum Day: Equatable {
        case day(CalendarDate)
        case ambiguous(String)
        case none
    }

    /// `anchor` gives a day written without its year (`Apr 5`) the year that puts it nearest
    /// the anchor; without one such a day is `.none`.
    static func day(_ value: String, anchor: CalendarDate? = nil) -> Day {
        guard let phrase = TimePhrase.read(value) else { return .none }
        if case .numericDate(let first, let second, let year) = phrase.ambiguity {
            let readings = [CalendarDate(year: year, month: second, day: first), CalendarDate(year: year, month: first, day: second)]
            return .ambiguous(readings.compactMap { $0?.description }.joined(separator: " or "))
        }
        guard let day = phrase.start.day else { return .none }
        if let year = day.year {
            return CalendarDate(year: year, month: day.month, day: day.day).map(Day.day) ?? .none
        }
        guard let anchor else { return .none }
        let candidates = (anchor.year - 1...anchor.year + 1).compactMap { CalendarDate(year: $0, month: day.month, day: day.day) }
        let nearest = candidates.min { abs($0.daysSinceEpoch - anchor.daysSinceEpoch) < abs($1.daysSinceEpoch - anchor.daysSinceEpoch) }
        return nearest.map(Day.day) ?? .none
    }

    /// Whether `value` starts with a day written without its year (`Apr 5`).
    static func isYearless(_ value: String) -> Bool {
        guard let day = TimePhrase.read(value)?.start.day else { return false }
        return day.year == nil
    }

    /// What a `Date:` line holds: its day; the instant, in RFC 3339, when it also gives a time
    /// with a zone that is one offset (`23:30 PST`); and whether that is all it holds (no time
    /// left unread, no remark such as `(detected 2025-03-06)`).
    struct DateLine: Equatable {
        var day: CalendarDate
        var started: String?
        var whole: Bool
    }

    /// Reads a `Date:` value; nil when `day` gives no `.day`.
    static func dateLine(_ value: String) -> DateLine? {
        guard case .day(let date) = day(value), let phrase = TimePhrase.read(value) else { return nil }
        let plain = phrase.rest.trimmed.isEmpty && phrase.end == nil && !phrase.approximate && phrase.ambiguity == nil
            && phrase.unreadClock == nil && (phrase.yearOrClock == nil || phrase.start.secondOfDay == nil)
        guard let seconds = phrase.start.secondOfDay else { return DateLine(day: date, whole: plain) }
        guard plain, case .offset(let offset)? = phrase.start.zone else { return DateLine(day: date, whole: false) }
        let whole = Int(seconds)
        guard Double(whole) == seconds, (0..<86_400).contains(whole) else { return DateLine(day: date, whole: false) }
        let clock = Digits.pad(whole / 3600, 2) + ":" + Digits.pad(whole % 3600 / 60, 2) + ":" + Digits.pad(whole % 60, 2)
        return DateLine(day: date, started: "\(date)T\(clock)" + Timestamp.offsetText(offset), whole: true)
    }

    /// The first day with a year in `lines` (the first `limit` characters of text), or nil.
    static func firstDay(in lines: [String], limit: Int = 65_536) -> (CalendarDate, lineIndex: Int)? {
        var budget = limit
        for (index, line) in lines.enumerated() {
            guard budget > 0 else { return nil }
            let chars = Array(line.prefix(budget))
            budget -= line.count + 1
            var position = 0
            while position < chars.count {
                let c = chars[position]
                let startsWord = position == 0 || !(chars[position - 1].isLetter || chars[position - 1].isNumber)
                if startsWord, c.isASCIIDigit || c.isLetter {
                    let window = String(chars[position..<min(chars.count, position + 40)])
                    if case .day(let date) = day(window) { return (date, index) }
                }
                position += 1
            }
        }
        return nil
    }

    /// What the severity `written` is among `severities`: the same name (any case, any
    /// punctuation), the only one with the same number (`P1`, `Sev 1` → `SEV1`), or the only one
    /// containing the word (`High` → `high-impact`). Nil when none or several match.
    static func severity(_ written: String, among severities: [String]) -> String? {
        func letters(_ text: String) -> String { String(text.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let key = letters(written)
        guard !key.isEmpty else { return nil }
        if let same = severities.first(where: { letters($0) == key }) { return same }
        let numbers = digitRuns(written)
        if numbers.count == 1, let number = numbers.first {
            let matches = severities.filter { digitRuns($0) == [number] }
            return matches.count == 1 ? matches[0] : nil
        }
        guard numbers.isEmpty else { return nil }
        let matches = severities.filter { letters($0).contains(key) }
        return matches.count == 1 ? matches[0] : nil
    }

    private static func digitRuns(_ text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isASCIIDigit }).compactMap { Int($0) }
    }

    /// The zone a `Timezone:` value or an "All times are PST" note names, as a `timezone` value
    /// (an IANA name or an offset); `ambiguous` for `IST`, `CST`.
    enum Zone: Equatable {
        case zone(String)
        case ambiguous(String)
        case none
    }

    static func zone(_ value: String) -> Zone {
        let trimmed = value.trimmed.trimmingCharacters(in: ["(", ")", "."])
        if let spec = TimeZoneSpec(trimmed), trimmed.contains("/") || trimmed.hasPrefix("+") || trimmed.hasPrefix("-") {
            return .zone(spec.description)
        }
        switch ZoneLabels.meaning(of: trimmed) {
        case .offset(let seconds)?: return .zone(seconds == 0 ? "UTC" : Timestamp.offsetText(seconds))
        case .zone(let identifier)?: return .zone(identifier)
        case .ambiguous?: return .ambiguous(trimmed)
        case nil: return .none
        }
    }

    /// The zone a short note about the timeline's times names: `All times UTC`, `All times are
    /// in PST.`, `Times are shown in Europe/Berlin`, `(times in UTC)`.
    static func zoneNote(_ line: String) -> Zone {
        var text = line.trimmed.lowercased()
        text = String(text.filter { $0 != "*" && $0 != "_" && $0 != "(" && $0 != ")" })
        guard text.count <= 60, text.hasPrefix("all times") || text.hasPrefix("times") else { return .none }
        let words = line.trimmed.filter { $0 != "*" && $0 != "_" && $0 != "(" && $0 != ")" }
            .split(whereSeparator: { $0 == " " || $0 == "," || $0 == ":" })
        for word in words.reversed() {
            let candidate = String(word).trimmingCharacters(in: ["."])
            guard candidate.first?.isUppercase == true || candidate.contains("/") || candidate.hasPrefix("+") else { continue }
            let found = zone(candidate)
            if found != .none { return found }
        }
        return .none
    }
}
