import Foundation

/// What `debrief import` read from one document, before it has an id and a file.
public struct ImportedDocument: Sendable {
    /// The title: the first heading, else a `Title:` line, else the file's name.
    public var title = ""
    /// The incident's day: `--date`, a `Date:` line, else the first day with a year in the text.
    public var date: CalendarDate?
    /// One of the configured severities, when a `Severity:` line names one unambiguously.
    public var severity: String?
    /// `Service(s):` lines.
    public var services: [String] = []
    /// `Author(s):`/`Owner:` lines.
    public var authors: [String] = []
    /// An `Incident commander:` line.
    public var commander: String?
    /// When the incident started (RFC 3339), from a `Date:` line with a time and an unambiguous zone.
    public var started: String?
    /// A `Timezone:` line or an "All times are PST" note, as an IANA name or an offset.
    public var timezone: String?
    /// Whether an action has no owner or no due date (`imported: true`: untracked actions).
    public var hasUntrackedActions = false
    /// The body, line by line, each with the input line it comes from.
    var body: [(text: String, source: Int?)] = []
    /// What a person should know, by input line.
    public var notes: [ImportNote] = []
}

/// Turns a post-mortem written elsewhere (Markdown exported from Google Docs, Confluence or a
/// wiki, or written after the SRE book's, PagerDuty's or Atlassian's templates) into a debrief
/// post-mortem: metadata lines become front matter, headings are named as `debrief.yml` names
/// sections (`Config.canonicalSection`), action bullets become task-list items with fresh ids,
/// and timeline times are written in their normal form where that reads the same instant.
/// Everything else is kept as written. `docs/import.md` describes each step.
public struct PostmortemImporter: Sendable {
    /// The repository's settings: sections, aliases, severities, timezone.
    public let config: Config

    /// Creates an importer.
    public init(config: Config) {
        self.config = config
    }

    /// The canonical name of the section `heading` names, when it names one debrief knows:
    /// a required section or the target of an alias.
    func sectionName(_ heading: String) -> String? {
        let cleaned = Self.cleanHeading(heading)
        guard !cleaned.isEmpty else { return nil }
        let canonical = config.canonicalSection(cleaned)
        let known = Set((config.requiredSections + Config().requiredSections + Array(config.sectionAliases.values)).map { $0.lowercased() })
        return known.contains(canonical.lowercased()) ? canonical : nil
    }

    /// A heading's text without emphasis, closing `#`s, a trailing colon and backslash escapes.
    static func cleanHeading(_ text: String) -> String {
        var cleaned = text.trimmed
        while cleaned.hasSuffix("#") { cleaned.removeLast() }
        cleaned = cleaned.trimmed
        for mark in ["**", "__", "*", "_"] where cleaned.hasPrefix(mark) && cleaned.hasSuffix(mark) && cleaned.count > 2 * mark.count {
            cleaned = String(cleaned.dropFirst(mark.count).dropLast(mark.count)).trimmed
        }
        while cleaned.hasSuffix(":") { cleaned.removeLast() }
        cleaned = cleaned.replacingOccurrences(of: "\\", with: "")
        return cleaned.trimmed
    }

    // MARK: - Reading

    /// Reads a document (already decoded; any line endings) named `name` (for a title of last
    /// resort); `date` replaces any date found.
    public func read(_ text: String, name: String, date: CalendarDate? = nil) -> ImportedDocument {
        var state = ImportState(importer: self, lines: Self.lines(text), anchor: date)
        state.run()
        var document = state.document
        if document.title.isEmpty {
            document.title = state.titleLine ?? Self.title(fromFileName: name)
            if state.titleLine == nil {
                document.notes.append(ImportNote(.warning, line: nil, "no title heading or 'Title:' line; the title is the file's name, '\(document.title)'"))
            }
        }
        if let date {
            document.date = date
        } else if document.date == nil {
            let plain = state.lines.enumerated().filter { !state.codeLines.contains($0.offset) }
            if let (day, index) = MetadataValue.firstDay(in: plain.map(\.element)) {
                document.date = day
                document.notes.append(ImportNote(.note, line: plain[index].offset + 1, "date \(day) is the first date in the text"))
            }
        }
        return document
    }

    /// The lines of `text`, CRLF and lone CR read as line ends, without a final empty line.
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousCR { lines.append(current); current = "" }
                previousCR = false
            } else if scalar == "\r" {
                lines.append(current)
                current = ""
                previousCR = true
            } else {
                current.unicodeScalars.append(scalar)
                previousCR = false
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// `2021-06-08_global-outage.md` → `Global outage`.
    static func title(fromFileName name: String) -> String {
        var stem = Substring((name as String).split(separator: "/").last ?? "")
        if let dot = stem.lastIndex(of: ".") { stem = stem[..<dot] }
        let words = stem.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).map(String.init)
        let kept = words.drop { word in word.allSatisfy(\.isASCIIDigit) }
        let text = kept.joined(separator: " ")
        guard let first = text.first else { return "Imported post-mortem" }
        return first.uppercased() + text.dropFirst()
    }

    // MARK: - Writing

    /// The post-mortem's text: front matter, then the body, timeline times normalised where
    /// that reads the same instants; and what normalising could not do.
    public func render(_ document: ImportedDocument, id: String, status: String, file: String) -> (text: String, notes: [ImportNote]) {
        var front = ["---", "id: " + YAMLScalar.quoted(id), "title: " + YAMLScalar.doubleQuoted(document.title)]
        if let date = document.date { front.append("date: \(date)") }
        if let severity = document.severity { front.append("severity: " + YAMLScalar.quoted(severity)) }
        front.append("status: " + YAMLScalar.quoted(status))
        if !document.services.isEmpty { front.append("services:"); front += document.services.map { "  - " + YAMLScalar.doubleQuoted($0) } }
        if !document.authors.isEmpty { front.append("authors:"); front += document.authors.map { "  - " + YAMLScalar.doubleQuoted($0) } }
        if let commander = document.commander { front.append("commander: " + YAMLScalar.doubleQuoted(commander)) }
        if let timezone = document.timezone { front.append("timezone: " + YAMLScalar.doubleQuoted(timezone)) }
        if let started = document.started { front.append("started: " + started) }
        // Legacy actions without an owner or a due date stay untracked instead of being errors.
        if document.hasUntrackedActions { front.append("imported: true") }
        front += ["---", ""]
        let lines = front.map { (text: $0, source: Int?.none) } + document.body
        let normalised = TimelineNormaliser(config: config).normalise(lines, file: file, anchor: document.date, hasZone: document.timezone != nil)
        return (normalised.lines.map(\.text).joined(separator: "\n") + "\n", normalised.notes)
    }
}

// MARK: - The pass over the lines

private struct ImportState {
    let importer: PostmortemImporter
    let lines: [String]
    /// `--date`, which gives due dates without a year theirs before any `Date:` line does.
    let anchor: CalendarDate?
    var document = ImportedDocument()
    var titleLine: String?
    /// Indices of lines inside fenced code blocks (or front matter), never read as anything.
    var codeLines: Set<Int> = []

    private var config: Config { importer.config }
    private var out: [(text: String, source: Int?)] = []
    private var titleIndex: Int?
    private var sectionLevel = 2
    private var section: String?
    private var seen: Set<String> = []
    /// Headings that an alias would name but that the document's other headings already name
    /// better (PagerDuty's "What Happened" beside its "Overview"), so they stay as written.
    private var unnamed: Set<String> = []
    /// The front matter's title line (key, index), reported when a heading gives the title.
    private var frontMatterTitle: (key: String, index: Int)?
    /// The input line the date came from.
    private var dateLine: Int?
    /// Before the first heading after the title: `Key: value` lines are metadata there, and a
    /// `Summary: …` line opens a section (the SRE book's layout).
    private var labelRegion = true
    private var actionCount = 0
    private var pending: (text: String, lines: [(String, Int)])?
    /// The indent of the marker of the action whose lines are being read, while they are.
    private var itemIndent: Int?

    init(importer: PostmortemImporter, lines: [String], anchor: CalendarDate?) {
        self.importer = importer
        self.lines = lines
        self.anchor = anchor
    }

    // MARK: Structure

    struct Heading { let index: Int; let level: Int; let text: String }

    static func heading(_ line: String) -> (level: Int, text: String)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        let hashes = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = rest.dropFirst(hashes)
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        return (hashes, String(after).trimmed)
    }

    static func fence(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3 else { return nil }
        for mark in ["```", "~~~"] where trimmed.hasPrefix(mark) {
            return String(trimmed.prefix { $0 == mark.first })
        }
        return nil
    }

    /// `- x`, `* x`, `+ x`, `1. x`, `1) x` with at most `maxIndent` spaces before: the text.
    static func listItem(_ line: String, maxIndent: Int = 3) -> String? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= maxIndent else { return nil }
        let rest = line.dropFirst(indent)
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            let text = rest.dropFirst(2).trimmed
            return text.isEmpty ? nil : text
        }
        let digits = rest.prefix(while: \.isASCIIDigit)
        guard (1...3).contains(digits.count) else { return nil }
        let after = rest.dropFirst(digits.count)
        guard let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " else { return nil }
        let text = after.dropFirst(2).trimmed
        return text.isEmpty ? nil : text
    }

    static func isTableLine(_ line: String) -> Bool { line.trimmed.hasPrefix("|") }

    static func isSeparator(_ line: String) -> Bool {
        let cells = cells(line)
        return !cells.isEmpty && cells.allSatisfy { cell in
            let t = cell.trimmed
            return t.contains("-") && t.allSatisfy { $0 == "-" || $0 == ":" }
        }
    }

    /// The cells of a table row, `\|` kept inside a cell.
    static func cells(_ line: String) -> [String] {
        var text = Substring(line.trimmed)
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") && !text.hasSuffix("\\|") { text.removeLast() }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for c in text {
            if c == "|" && !escaped { cells.append(current.trimmed); current = ""; continue }
            escaped = c == "\\"
            current.append(c)
        }
        cells.append(current.trimmed)
        return cells
    }

    /// The table starting at `index` (its header, separator and rows), or nil.
    func table(at index: Int) -> ClosedRange<Int>? {
        guard Self.isTableLine(lines[index]), index + 1 < lines.count, Self.isSeparator(lines[index + 1]) else { return nil }
        var end = index + 1
        while end + 1 < lines.count, Self.isTableLine(lines[end + 1]) { end += 1 }
        return index...end
    }

    // MARK: Run

    /// Columns of leading white space, a tab counting to the next multiple of four.
    static func indentWidth(_ line: String) -> Int {
        var width = 0
        for character in line {
            if character == " " { width += 1 } else if character == "\t" { width += 4 - width % 4 } else { break }
        }
        return width
    }


    mutating func run() {
        var start = 0
        if lines.first?.trimmed == "---", let close = lines.dropFirst().firstIndex(where: { $0.trimmed == "---" || $0.trimmed == "..." }) {
            for index in 1..<close { frontMatterLine(index) }
            for index in 0...close { codeLines.insert(index) }
            start = close + 1
        }
        var fence: String?
        var html: HTMLBlock?
        var headings: [Heading] = []
        // Indented code (four spaces after a blank line, outside a list) is copied exactly too: a
        // pasted `Date: 2020-01-01` in it is an example, not the incident's date.
        var indentedCode = false
        var inList = false
        for index in start..<lines.count {
            let line = lines[index]
            let indent = Self.indentWidth(line)
            if indentedCode {
                if line.trimmed.isEmpty || indent >= 4 {
                    codeLines.insert(index)
                    continue
                }
                indentedCode = false
            }
            if fence == nil, html == nil, !line.trimmed.isEmpty {
                let previousBlank = index == start || lines[index - 1].trimmed.isEmpty || Self.heading(lines[index - 1]) != nil
                if indent >= 4, previousBlank, !inList {
                    indentedCode = true
                    codeLines.insert(index)
                    continue
                }
                if Self.listItem(line) != nil {
                    inList = true
                } else if indent == 0 {
                    inList = false
                }
            }
            if let open = fence {
                codeLines.insert(index)
                if line.trimmed.hasPrefix(open) && line.trimmed.allSatisfy({ $0 == open.first }) { fence = nil }
                continue
            }
            if let block = html {
                if block == .untilBlank && line.trimmed.isEmpty {
                    html = nil
                } else {
                    codeLines.insert(index)
                    if block.ends(at: line) { html = nil }
                    continue
                }
            }
            if let mark = Self.fence(line) {
                fence = mark
                codeLines.insert(index)
                continue
            }
            // Raw HTML is copied exactly as fenced code is: a `## …` inside a `<div>` is not ours to edit.
            let afterParagraph = index > start && !lines[index - 1].trimmed.isEmpty && !codeLines.contains(index - 1)
                && Self.heading(lines[index - 1]) == nil
            if let block = HTMLBlock.start(line, afterParagraph: afterParagraph) {
                codeLines.insert(index)
                if block != .untilBlank && block.ends(at: line) { continue }
                html = block
                continue
            }
            if let (level, text) = Self.heading(line) { headings.append(Heading(index: index, level: level, text: text)) }
        }
        let cleaned = headings.map { PostmortemImporter.cleanHeading($0.text) }
        for (heading, name) in zip(cleaned, config.canonicalSections(cleaned)) where config.canonicalSection(heading) != name {
            unnamed.insert(heading)
        }
        if let first = headings.first, sectionName(first.text) == nil,
           first.level == 1 || lines[start..<first.index].allSatisfy({ $0.trimmed.isEmpty }) {
            titleIndex = first.index
            document.title = PostmortemImporter.cleanHeading(first.text)
            if let (key, index) = frontMatterTitle, titleLine != document.title {
                document.notes.append(ImportNote(.note, line: index + 1, "'\(key)' line not used; the title is the heading's, '\(document.title)'"))
            }
        }
        let sectionLevels = headings.filter { $0.index != titleIndex && sectionName($0.text) != nil }.map(\.level)
        sectionLevel = sectionLevels.min() ?? headings.filter { $0.index != titleIndex }.map(\.level).min() ?? 2

        var index = start
        while index < lines.count {
            index = step(index)
        }
        flush()
        let code = codeLines
        document.body = Self.tidy(out) { source in source.map { code.contains($0 - 1) } ?? false }
    }

    /// Handles the line at `index` (and any lines that belong with it); the next line to handle.
    mutating func step(_ index: Int) -> Int {
        let line = lines[index]
        if codeLines.contains(index) {
            flush()
            out.append((line, index + 1))
            return index + 1
        }
        if let (level, text) = Self.heading(line) {
            flush()
            if index == titleIndex { return index + 1 }
            labelRegion = false
            heading(level: level, text: text, at: index)
            return index + 1
        }
        let trimmed = line.trimmed
        // `**Timeline**` alone on a line: a heading a word processor exported as bold text.
        if trimmed.hasPrefix("**"), trimmed.hasSuffix("**") || trimmed.hasSuffix("**:"), trimmed.count > 4,
           !trimmed.dropFirst(2).dropLast(2).contains("**"), sectionName(trimmed) != nil {
            flush()
            labelRegion = false
            heading(level: sectionLevel, text: trimmed, at: index)
            return index + 1
        }
        if labelRegion {
            if let range = table(at: index), metadataTable(range) { return range.upperBound + 1 }
            if let meta = MetadataLine.read(line) {
                if let field = meta.field {
                    if !apply(field, meta, at: index) { out.append((line, index + 1)) }
                    return index + 1
                }
                if let name = sectionName(meta.key) {
                    flush()
                    openSection(name, written: meta.key, at: index, level: sectionLevel)
                    out.append(("## " + name, index + 1))
                    out.append(("", nil))
                    if !meta.value.isEmpty { out.append((meta.value, index + 1)) }
                    return index + 1
                }
            }
        }
        if document.timezone == nil {
            switch MetadataValue.zoneNote(line) {
            case .zone(let zone):
                document.timezone = zone
                document.notes.append(ImportNote(.note, line: index + 1, "timezone \(zone) from this note about the times"))
            case .ambiguous(let label):
                document.notes.append(ImportNote(.warning, line: index + 1, "'\(label)' names more than one zone; set 'timezone' in the front matter by hand (an offset like +05:30 or a name like Asia/Kolkata)"))
            case .none:
                break
            }
        }
        if section == "Preventive Actions" { return actionLine(index) }
        out.append((line, index + 1))
        return index + 1
    }

    // MARK: Headings

    /// The section a heading names in this document (see `unnamed`).
    func sectionName(_ heading: String) -> String? {
        unnamed.contains(PostmortemImporter.cleanHeading(heading)) ? nil : importer.sectionName(heading)
    }

    mutating func heading(level: Int, text: String, at index: Int) {
        itemIndent = nil
        let cleaned = PostmortemImporter.cleanHeading(text)
        let name = sectionName(text)
        let insideReadSection = section == "Preventive Actions" || section == "Timeline"
        let promote = name.map { config.requiredSections.contains($0) && !seen.contains($0) && !insideReadSection } ?? false
        if level <= sectionLevel || (level > sectionLevel && promote) {
            // A second heading for a section keeps its wording, which would be lost in the name.
            let second = name.map(seen.contains) ?? false
            openSection(name, written: cleaned, at: index, level: level)
            out.append(("## " + (second ? cleaned : name ?? cleaned), index + 1))
            return
        }
        let shifted = max(3, min(6, level - sectionLevel + 2))
        out.append((String(repeating: "#", count: shifted) + " " + text, index + 1))
    }

    mutating func openSection(_ name: String?, written: String, at index: Int, level: Int) {
        let line = index + 1
        guard let name else {
            section = written
            document.notes.append(ImportNote(.note, line: line, "heading '\(written)' names no section debrief knows; kept as a section of its own"))
            return
        }
        if seen.contains(name) {
            section = name
            document.notes.append(ImportNote(.warning, line: line, "a second '\(name)' section ('\(written)'); kept as written; merge the two by hand"))
            return
        }
        seen.insert(name)
        section = name
        var how: [String] = []
        if name != written { how.append("read as '\(name)'") }
        if level != 2 { how.append("level \(level) made level 2") }
        if !how.isEmpty {
            document.notes.append(ImportNote(.note, line: line, "heading '\(written)' \(how.joined(separator: ", "))"))
        }
    }

    // MARK: Metadata

    mutating func frontMatterLine(_ index: Int) {
        let line = lines[index]
        guard !line.trimmed.isEmpty, !line.trimmed.hasPrefix("#") else { return }
        if let meta = MetadataLine.read(line), let field = meta.field {
            apply(field, MetadataLine(key: meta.key, value: Self.unquoted(meta.value)), at: index, inBody: false)
        } else if !line.hasPrefix(" ") && !line.hasPrefix("-") {
            document.notes.append(ImportNote(.warning, line: index + 1, "front matter line '\(line.trimmed)' is not mapped; it is dropped"))
        }
    }

    static func unquoted(_ value: String) -> String {
        var text = value.trimmed
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

    /// A two-column table of metadata (`| Date | 2015-10-21 |`) before the first section: read
    /// when every row is metadata, and dropped unless a row holds more than the front matter takes.
    mutating func metadataTable(_ range: ClosedRange<Int>) -> Bool {
        let rows = Array(range).filter { $0 != range.lowerBound + 1 }
        let read = rows.map { (index: $0, meta: MetadataLine.read(row: Self.cells(lines[$0]))) }
        let body = read.dropFirst()
        guard !body.isEmpty, body.allSatisfy({ $0.meta?.field != nil }) else { return false }
        var whole = true
        for row in read {
            if let meta = row.meta, let field = meta.field, !apply(field, meta, at: row.index) { whole = false }
        }
        // A row not wholly read keeps the table, so that nothing in it is lost.
        if !whole {
            for index in range { out.append((lines[index], index + 1)) }
        }
        return true
    }

    /// Fills the front matter from a metadata line; whether everything on it went there. A
    /// line that holds more (a time, a remark, a second name) or that could not be read is kept
    /// in the body (`inBody`), and a note says so: a metadata line is removed only when nothing
    /// of it is lost.
    @discardableResult
    mutating func apply(_ field: MetadataLine.Field, _ meta: MetadataLine, at index: Int, inBody: Bool = true) -> Bool {
        let line = index + 1
        let value = meta.value
        let kept = inBody ? "; the line is kept in the body" : "; it is dropped"
        func note(_ message: String) { document.notes.append(ImportNote(.note, line: line, message + kept)) }
        func warn(_ message: String) { document.notes.append(ImportNote(.warning, line: line, message + kept)) }
        guard !value.isEmpty else { return true }
        switch field {
        case .title:
            if !document.title.isEmpty {
                guard document.title != value else { return true }
                note("'\(meta.key)' line not used; the title is the heading's, '\(document.title)'")
                return false
            }
            if let title = titleLine {
                note("'\(meta.key)' line not used; the title is '\(title)'")
                return false
            }
            titleLine = value
            if !inBody { frontMatterTitle = (meta.key, index) }
            return true
        case .date:
            guard let read = MetadataValue.dateLine(value) else {
                if case .ambiguous(let readings) = MetadataValue.day(value) {
                    warn("date '\(value)' reads two ways (\(readings)); pass --date YYYY-MM-DD")
                } else {
                    warn("'\(meta.key): \(value)' is not a date debrief reads; pass --date YYYY-MM-DD")
                }
                return false
            }
            if let date = document.date {
                note("a second date line; the date is \(date), from line \(dateLine ?? line)")
                return false
            }
            document.date = read.day
            dateLine = line
            if let started = read.started {
                document.started = started
                document.notes.append(ImportNote(.note, line: line, "the time is written as started: \(started)"))
            }
            guard read.whole else {
                note("date \(read.day) read; the rest of '\(value)' has no front matter field")
                return false
            }
            return true
        case .severity:
            guard let severity = MetadataValue.severity(value, among: config.severities) else {
                warn("severity '\(value)' is not one of \(config.severities.joined(separator: ", ")) or matches more than one; set 'severity' by hand")
                return false
            }
            document.severity = severity
            if severity.lowercased() != value.lowercased() {
                document.notes.append(ImportNote(.note, line: line, "severity '\(value)' read as \(severity)"))
            }
            return true
        case .services:
            for service in MetadataValue.list(value) where !document.services.contains(service) { document.services.append(service) }
            return true
        case .authors:
            for author in MetadataValue.list(value) where !document.authors.contains(author) { document.authors.append(author) }
            return true
        case .commander:
            let person = ImportedAction.person(value)
            guard !person.isEmpty else { return true }
            if document.commander == nil { document.commander = person }
            // The commander is one person: a second name or a remark has nowhere else to go.
            let whole = MetadataValue.list(value) == [person] && document.commander == person
            if !whole {
                note("commander '\(document.commander ?? person)' is the first name; '\(value)' holds more")
            }
            return whole
        case .timezone:
            switch MetadataValue.zone(value) {
            case .zone(let zone):
                document.timezone = zone
                return true
            case .ambiguous(let label):
                warn("timezone '\(label)' names more than one zone; set 'timezone' by hand (an offset like +05:30 or a name like Asia/Kolkata)")
            case .none:
                warn("timezone '\(value)' is not a zone debrief reads; set 'timezone' by hand (an IANA name or an offset)")
            }
            return false
        case .status:
            document.notes.append(ImportNote(.note, line: line, "status '\(value)' is not kept; the imported post-mortem's status is the one --status gives"))
            return true
        }
    }

    // MARK: Actions

    mutating func actionLine(_ index: Int) -> Int {
        let line = lines[index]
        if let range = table(at: index) {
            flush()
            itemIndent = nil
            return actionTable(range)
        }
        let trimmed = line.trimmed
        let indent = line.prefix { $0 == " " }.count
        let afterBlank = index > 0 && lines[index - 1].trimmed.isEmpty
        if trimmed.isEmpty {
            // A blank line ends the item's first paragraph, not the item: what follows indented
            // under it is still its own.
            flush()
            out.append((line, index + 1))
            return index + 1
        }
        // Indented past the item's marker: a nested item or a paragraph of the item, kept as
        // written under the task item (a nested item must not become an action of its own).
        if let parent = itemIndent, indent >= parent + 2 {
            if pending != nil, !afterBlank, Self.listItem(line, maxIndent: 40) == nil, !Self.isTableLine(line) {
                continuation(line, at: index)
                return index + 1
            }
            flush()
            out.append((String(repeating: " ", count: max(2, indent - parent)) + trimmed, index + 1))
            return index + 1
        }
        if let text = Self.listItem(line) {
            flush()
            pending = (text, [(line, index + 1)])
            itemIndent = indent
            return index + 1
        }
        if ["TODO:", "TODO ", "To do:", "AI:"].contains(where: { trimmed.hasPrefix($0) }) {
            flush()
            pending = (trimmed, [(line, index + 1)])
            itemIndent = indent
            return index + 1
        }
        if pending != nil, !Self.isTableLine(line) {
            continuation(line, at: index)
            return index + 1
        }
        flush()
        // Text at the item's own indent after a blank line ends the item; without one it is a
        // lazy continuation of whatever paragraph is open and stays where it is.
        if afterBlank { itemIndent = nil }
        out.append((line, index + 1))
        return index + 1
    }

    /// A lazy or indented continuation of the item's paragraph, appended in place (a copy per
    /// line would make a long item quadratic).
    mutating func continuation(_ line: String, at index: Int) {
        pending?.text += " " + line.trimmed
        pending?.lines.append((line, index + 1))
    }

    mutating func flush() {
        guard let (text, written) = pending else { return }
        pending = nil
        let line = written.first?.1
        guard let action = ImportedAction.read(item: text, anchor: anchor ?? document.date) else {
            for (text, line) in written { out.append((text, line)) }
            return
        }
        emit(action, line: line)
    }

    mutating func emit(_ action: ImportedAction, line: Int?) {
        actionCount += 1
        let id = "PA-\(actionCount)"
        out.append((action.taskItem(id: id), line))
        for problem in action.problems {
            document.notes.append(ImportNote(.warning, line: line, "action \(id): \(problem)"))
        }
        if !action.isTracked {
            document.hasUntrackedActions = true
            let missing = [action.owner.isEmpty ? "owner" : nil, action.due == nil && action.status.isOpen ? "due date" : nil].compactMap { $0 }
            document.notes.append(ImportNote(.note, line: line, "action \(id) has no \(missing.joined(separator: " and ")); kept as an untracked action (imported: true)"))
        }
    }

    /// A table in the actions section: one already in debrief's shape is kept; one with an
    /// action column becomes task-list items; any other is kept and reported.
    mutating func actionTable(_ range: ClosedRange<Int>) -> Int {
        let header = Self.cells(lines[range.lowerBound])
        let columns = header.map(ImportedAction.column)
        let keep = ActionTable.requiredColumns.allSatisfy { columns.contains($0) } || !columns.contains("Action")
        if keep {
            for index in range { out.append((lines[index], index + 1)) }
            if !columns.contains("Action") {
                document.notes.append(ImportNote(.warning, line: range.lowerBound + 1, "this table in the actions section has no column debrief reads as the action; kept as written"))
            } else {
                // IDs in the table are kept, so task items after it must not reuse them.
                actionCount += max(0, range.count - 2)
            }
            return range.upperBound + 1
        }
        for index in range.dropFirst(2) {
            if let action = ImportedAction.read(row: Self.cells(lines[index]), columns: columns, anchor: anchor ?? document.date) {
                emit(action, line: index + 1)
            }
        }
        out.append(("", nil))
        return range.upperBound + 1
    }

    // MARK: Tidying

    /// No blank lines at the start or end, never two in a row, and one around each heading;
    /// code (`isCode` of a line's source) is kept exactly.
    static func tidy(_ lines: [(text: String, source: Int?)], isCode: (Int?) -> Bool) -> [(text: String, source: Int?)] {
        var result: [(text: String, source: Int?)] = []
        for line in lines {
            if isCode(line.source) {
                result.append(line)
                continue
            }
            let blank = line.text.trimmed.isEmpty
            if blank && (result.isEmpty || result.last?.text.trimmed.isEmpty == true) { continue }
            let isHeading = heading(line.text) != nil
            if isHeading, let last = result.last, !last.text.trimmed.isEmpty { result.append(("", nil)) }
            result.append(blank ? ("", line.source) : line)
            if isHeading { result.append(("", nil)) }
        }
        while result.last?.text.isEmpty == true { result.removeLast() }
        return result
    }
}
