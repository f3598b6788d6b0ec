import Foundation

/// Writes each timeline time of an imported post-mortem in its normal form (`9:37 AM PST` →
/// `09:37 PST`, `Feb 1 17:00` → `2017-02-01 17:00`, `approx. 17:20` → `~17:20`, `1402` in a
/// time column → `14:02`), using what `TimelineParser` read, and only when reading the result
/// again gives every entry the same instant. What the parser could not read or would not guess
/// (an ambiguous zone or date, a time the clocks skipped) is left as written and reported with
/// the parser's own message, fix-it included.
struct TimelineNormaliser: Sendable {
    let config: Config

    typealias Lines = [(text: String, source: Int?)]

    /// How dates are written: only where the input wrote one, or on every entry not on the
    /// incident's day (the fallback when the first does not read back the same).
    enum Style { case asWritten, dated }

    func normalise(_ lines: Lines, file: String, anchor: CalendarDate?, hasZone: Bool) -> (lines: Lines, notes: [ImportNote]) {
        let (first, diagnostics) = read(lines, file: file)
        var notes: [ImportNote] = []
        func source(_ line: Int) -> Int? { line >= 1 && line <= lines.count ? lines[line - 1].source : nil }
        let timelineCodes: Set<DiagnosticCode> = [.timelineAmbiguousZone, .timelineAmbiguousDate, .timelineProseNotRead]
        for diagnostic in diagnostics where timelineCodes.contains(diagnostic.code) {
            notes.append(ImportNote(.warning, line: source(diagnostic.location.line), "left as written: " + diagnostic.message))
        }
        for entry in first where entry.time == nil && !entry.diagnosed {
            let why = entry.clockChange != nil
                ? "is a time the clocks skipped that day; write it with an offset"
                : "cannot be read" + (TimelineParser.fourDigitFix(entry.timeText).map { "; write \($0)" } ?? "")
            notes.append(ImportNote(.warning, line: source(entry.location.line), "timeline time '\(entry.timeText)' \(why); left as written"))
        }
        // Times that carry no zone (no label, no zone in the column's header) depend on the
        // repository's default: reading them in another zone says whether there are any.
        if !hasZone, first.contains(where: { $0.time != nil }) {
            var elsewhere = config
            elsewhere.timezone = config.timezone == "+05:00" ? "-05:00" : "+05:00"
            let (shifted, _) = TimelineNormaliser(config: elsewhere).read(lines, file: file)
            if !Self.sameInstants(first, shifted) {
                notes.append(ImportNote(.note, line: nil, "timeline times without a zone label are read in \(config.timezone) ('timezone' in debrief.yml); add 'timezone' to the front matter if they are in another zone"))
            }
        }
        guard !first.isEmpty else { return (lines, notes) }
        for style in [Style.asWritten, .dated] {
            let (rewritten, changed) = rewrite(lines, entries: first, anchor: anchor, style: style)
            guard changed > 0 else { return (lines, notes) }
            let (again, _) = read(rewritten, file: file)
            if Self.sameInstants(first, again) {
                notes.append(ImportNote(.note, line: nil, "\(changed) timeline time\(changed == 1 ? "" : "s") written in the normal form"))
                return (rewritten, notes)
            }
        }
        notes.append(ImportNote(.warning, line: nil, "timeline times left as written: writing them in the normal form would change how some are read"))
        return (lines, notes)
    }

    private func read(_ lines: Lines, file: String) -> ([TimelineEntry], [Diagnostic]) {
        let text = lines.map(\.text).joined(separator: "\n") + "\n"
        let layout = RepositoryLayout(config: config, postmortemFiles: [file], sopFiles: [])
        let (postmortem, diagnostics) = PostmortemReader(layout: layout).read(SourceText(path: file, text: text))
        return (postmortem.timeline, diagnostics)
    }

    static func sameInstants(_ a: [TimelineEntry], _ b: [TimelineEntry]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x.time?.epochSeconds == y.time?.epochSeconds && x.end?.epochSeconds == y.end?.epochSeconds
                && x.approximate == y.approximate && x.dayOnly == y.dayOnly
        }
    }

    private func rewrite(_ lines: Lines, entries: [TimelineEntry], anchor: CalendarDate?, style: Style) -> (Lines, Int) {
        var result = lines
        var changed = 0
        for entry in entries {
            let index = entry.location.line - 1
            guard result.indices.contains(index), let form = Self.normalForm(entry, anchor: anchor, style: style),
                  form != entry.timeText, let range = result[index].text.range(of: entry.timeText) else { continue }
            result[index].text.replaceSubrange(range, with: form)
            changed += 1
        }
        return (result, changed)
    }

    /// The normal form of an entry's time: `[~][YYYY-MM-DD ]HH:MM[-HH:MM][ LABEL]`, or
    /// `YYYY-MM-DD` for a day; nil when the entry has no instant.
    static func normalForm(_ entry: TimelineEntry, anchor: CalendarDate?, style: Style) -> String? {
        guard let time = entry.time, entry.clockChange == nil, let phrase = TimePhrase.read(entry.timeText, fourDigitClock: true) else { return nil }
        let wall = time.wallClock
        let mark = entry.approximate ? "~" : ""
        if entry.dayOnly { return mark + wall.date.description }
        var text = ""
        let wroteDay = phrase.start.day != nil
        if wroteDay || (style == .dated && wall.date != anchor) { text = wall.date.description + " " }
        text += TimelineParser.clockText(wall.secondOfDay)
        if let end = entry.end {
            guard end.offsetSeconds == time.offsetSeconds else { return nil }
            text += "-" + TimelineParser.clockText(end.wallClock.secondOfDay)
        }
        if let label = phrase.start.zoneLabel ?? phrase.end?.zoneLabel {
            if label.uppercased() == "Z" {
                text += " UTC"
            } else if let first = label.first, first == "+" || first == "-" || first == "−" {
                text += Timestamp.offsetText(time.offsetSeconds)
            } else {
                text += " " + label
            }
        }
        return mark + text
    }
}
