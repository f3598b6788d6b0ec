/// Reads the preventive actions of one version of a post-mortem from its raw text, without
/// cmark: the `id` of the front matter, then, in the Preventive Actions section, the rows of
/// its tables and its task list items. The history reads tens of thousands of versions, and a
/// full parse of each would not fit its time budget.
///
/// What a row means is not defined here: header cells go through
/// `ActionTableParser.isActionsHeader`/`columnAliases`, a row through
/// `ActionTableParser.rowAction`, a task item through `ActionTableParser.taskFields` and its
/// short IDs through `settleShortIDs`, the section heading through the configured section
/// names. What is approximated is only the Markdown: ATX headings, pipe tables and one-line
/// task items (with indented continuation lines), inline emphasis, code and links reduced to
/// their text. A version `check` would read differently can differ here; the history then shows
/// a change that is not one, never a crash.
struct ActionRowReader: Sendable {
    /// The configuration (section names).
    let config: Config
    /// The layout (ticket and SOP patterns of task items).
    let layout: RepositoryLayout

    /// One version's actions.
    struct Version: Sendable {
        /// The front matter's `id`.
        var postmortemID: String
        /// The actions, in document order.
        var actions: [PreventiveAction]
    }

    /// What one reading thread remembers between versions: a history reads the same headings
    /// and, version after version, the same rows again.
    struct Memo {
        /// Whether a heading's text names the Preventive Actions section.
        var isActionsHeading: [Substring: Bool] = [:]
        /// A table row read before, by its context (post-mortem id, subheading, columns) and text.
        var rows: [String: PreventiveAction] = [:]

        /// The most rows remembered; then the memo starts again, so its memory stays bounded.
        static let maxRows = 20_000
        /// The longest key remembered, in bytes (its context and row): a longer row is read
        /// every time, so a history of long rows cannot make the memo hold `maxRows` times the
        /// largest file.
        static let maxKeyBytes = 4_096

        /// Remembers `action` as what `key` reads as.
        mutating func remember(_ action: PreventiveAction, as key: String) {
            if rows.count >= Self.maxRows { rows.removeAll(keepingCapacity: true) }
            rows[key] = action
        }
    }

    /// Reads `text`, the post-mortem `file` at one commit.
    func read(_ text: Substring, file: String) -> Version {
        var memo = Memo()
        return read(text, file: file, memo: &memo)
    }

    /// Reads `text`, the post-mortem `file` at one commit, with what earlier readings remember.
    func read(_ text: Substring, file: String, memo: inout Memo) -> Version {
        var lines = Self.lines(text)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        var index = 0
        let (id, imported) = Self.frontMatter(lines, after: &index)
        let parser = ActionTableParser(layout: layout, postmortemID: id, file: file, imported: imported)
        let nowhere = SourceLocation(file: file, line: 0, column: 0)
        var tables: [ActionTable] = []
        var taskActions: [PreventiveAction] = []
        var sectionLevel: Int?
        var subheading: String?
        var fence: Substring?
        func flushTasks() {
            guard !taskActions.isEmpty else { return }
            tables.append(ActionTable(location: nowhere, columns: ActionTableParser.taskColumns, missingColumns: [], actions: taskActions))
            taskActions = []
        }
        while index < lines.count {
            let line = Self.withoutCR(lines[index])
            index += 1
            // Most lines are prose outside the actions section: their first byte after the
            // indent says they open no fence and no heading, and nothing more is read of them.
            let (indent, first) = Self.firstByte(line)
            if first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                let stripped = line.utf8.dropFirst(indent)
                if let open = fence {
                    if stripped.starts(with: open.utf8) { fence = nil }
                    continue
                }
                if stripped.starts(with: "```".utf8) || stripped.starts(with: "~~~".utf8) {
                    fence = Substring(stripped.prefix(3))
                    continue
                }
            }
            if fence != nil { continue }
            if first == UInt8(ascii: "#"), let (level, heading) = Self.heading(line) {
                flushTasks()
                if let current = sectionLevel, level > current {
                    subheading = heading
                } else if isActionsHeading(heading, memo: &memo) {
                    sectionLevel = level
                    subheading = nil
                } else {
                    sectionLevel = nil
                }
                continue
            }
            guard sectionLevel != nil, first != nil else { continue }
            if Self.mayStartListItem(first), let (checked, body) = Self.taskItem(line) {
                var text = body
                // An indented line that starts no item nor block continues the item's paragraph.
                while index < lines.count {
                    let next = Self.withoutCR(lines[index])
                    let trimmed = next.trimmed
                    guard next.hasPrefix("  "), !trimmed.isEmpty, Self.taskItem(next) == nil, Self.listMarker(trimmed) == nil else { break }
                    text += " " + trimmed
                    index += 1
                }
                let fields = ActionTableParser.taskFields(Self.inlineText(Substring(text)), checked: checked, subheading: subheading, layout: layout)
                taskActions.append(PreventiveAction(
                    postmortemID: id, postmortemFile: file, id: fields.id, action: fields.text, owner: fields.owner,
                    dueText: fields.dueText, due: CalendarDate(fields.dueText), statusText: fields.statusText,
                    status: ActionStatus(cell: fields.statusText), sops: [], ticket: nil, type: fields.type,
                    location: nowhere, cellLocations: [:]))
                continue
            }
            if line.utf8.contains(UInt8(ascii: "|")), line.contains("|"), index < lines.count, Self.isDelimiterRow(Self.withoutCR(lines[index])) {
                flushTasks()
                let header = Self.cells(line).map { Self.inlineText($0) }
                let columns = header.map { ActionTableParser.columnAliases[$0.lowercased()] }
                let context = "\(file)\u{0}\(id)\u{0}\(subheading ?? "\u{1}")\u{0}\(columns.map { $0 ?? "" }.joined(separator: "\u{1}"))\u{0}"
                index += 1
                var actions: [PreventiveAction] = []
                while index < lines.count {
                    let row = Self.withoutCR(lines[index])
                    guard !row.trimmed.isEmpty, Self.heading(row) == nil else { break }
                    index += 1
                    // The same row under the same header reads the same: reuse it.
                    let key = context.utf8.count + row.utf8.count <= Memo.maxKeyBytes ? context + row : nil
                    if let key, let known = memo.rows[key] {
                        actions.append(known)
                        continue
                    }
                    var cells: [String: String] = [:]
                    for (position, cell) in Self.cells(row).enumerated() where position < columns.count {
                        guard let name = columns[position], cells[name] == nil else { continue }
                        cells[name] = Self.inlineText(cell)
                    }
                    if cells.values.allSatisfy(\.isEmpty) { continue }
                    let action = parser.rowAction(cells, hasTypeColumn: columns.contains("Type"), under: subheading, sops: [],
                                                  location: nowhere, cellLocations: [:])
                    if let key { memo.remember(action, as: key) }
                    actions.append(action)
                }
                tables.append(ActionTable(location: nowhere, columns: columns, missingColumns: [], actions: actions))
            }
        }
        flushTasks()
        ActionTableParser.settleShortIDs(&tables)
        return Version(postmortemID: id, actions: tables.flatMap(\.actions))
    }
}

// MARK: - Markdown, lightly

extension ActionRowReader {
    /// Whether `heading` names the Preventive Actions section, remembered per heading text.
    func isActionsHeading(_ heading: String, memo: inout Memo) -> Bool {
        let key = Substring(heading)
        if let known = memo.isActionsHeading[key] { return known }
        let matches = config.sectionMatch(heading)?.name == "Preventive Actions"
        memo.isActionsHeading[key] = matches
        return matches
    }

    /// The count of spaces a line starts with, and the byte after them (nil for a blank line).
    static func firstByte(_ line: Substring) -> (Int, UInt8?) {
        var indent = 0
        for byte in line.utf8 {
            if byte == UInt8(ascii: " ") {
                indent += 1
                continue
            }
            return (indent, byte == UInt8(ascii: "\t") && line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } ? nil : byte)
        }
        return (indent, nil)
    }

    /// Whether a line whose first byte (after spaces) is `byte` can be a list item: a bullet or a digit.
    static func mayStartListItem(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "\t")
    }

    /// The lines of `text`, split at each line feed byte (a split by `Character` costs most of
    /// the reading time, and would keep `\r\n` lines together).
    static func lines(_ text: Substring) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var position = utf8.startIndex
        while let newline = utf8[position...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(text[start..<newline])
            start = utf8.index(after: newline)
            position = start
        }
        lines.append(text[start...])
        return lines
    }

    static func withoutCR(_ line: Substring) -> Substring {
        line.hasSuffix("\r") ? line.dropLast() : line
    }

    /// The front matter's top-level `id` (a plain or quoted scalar) and whether it says
    /// `imported: true` (an imported post-mortem's placeholder owners are nobody's, as the
    /// parser reads them); moves `index` past the block.
    static func frontMatter(_ lines: [Substring], after index: inout Int) -> (id: String, imported: Bool) {
        guard let first = lines.first, withoutCR(first).trimmed == "---" else { return ("", false) }
        var id: String?
        var imported: Bool?
        var line = 1
        while line < lines.count {
            let text = withoutCR(lines[line])
            line += 1
            if text.trimmed == "---" || text.trimmed == "..." {
                index = line
                return (id ?? "", imported ?? false)
            }
            if id == nil, text.hasPrefix("id:") {
                id = scalar(text.dropFirst(3))
            } else if imported == nil, text.hasPrefix("imported:") {
                // YAML's true as Yams reads it, unquoted (a quoted "true" is a string).
                let written = text.dropFirst(9).trimmed
                imported = !written.hasPrefix("\"") && !written.hasPrefix("'")
                    && ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"].contains(scalar(Substring(written)))
            }
        }
        return ("", false)
    }

    /// A plain scalar without its comment, or a quoted one without its quotes.
    static func scalar(_ written: Substring) -> String {
        var value = written.trimmed
        if let quote = value.first, quote == "\"" || quote == "'", value.count >= 2, value.last == quote {
            value = String(value.dropFirst().dropLast())
        } else if let comment = value.range(of: " #") {
            value = String(value[..<comment.lowerBound]).trimmed
        }
        return value
    }

    /// An ATX heading's level and text.
    static func heading(_ line: Substring) -> (Int, String)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        let level = rest.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let after = rest.dropFirst(level)
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        var text = after.trimmed
        while text.hasSuffix("#") { text.removeLast() }
        return (level, inlineText(Substring(text.trimmed)))
    }

    /// A list marker at the start of `text` (`-`, `*`, `+`, `1.`, `1)`) and what follows it.
    static func listMarker(_ text: String) -> Substring? {
        let body = Substring(text)
        if let first = body.first, "-*+".contains(first), body.dropFirst().first == " " { return body.dropFirst(2) }
        let digits = body.prefix { $0.isASCIIDigit }
        guard (1...9).contains(digits.count) else { return nil }
        let after = body.dropFirst(digits.count)
        guard let mark = after.first, mark == "." || mark == ")", after.dropFirst().first == " " else { return nil }
        return after.dropFirst(2)
    }

    /// A task list item: whether it is ticked, and its text after the checkbox.
    static func taskItem(_ line: Substring) -> (Bool, String)? {
        guard let rest = listMarker(line.trimmed) else { return nil }
        let body = rest.drop { $0 == " " }
        for (mark, ticked) in [("[ ]", false), ("[x]", true), ("[X]", true)] where body.hasPrefix(mark) {
            let text = body.dropFirst(3)
            guard text.isEmpty || text.first == " " else { return nil }
            return (ticked, text.trimmed)
        }
        return nil
    }

    /// `| --- | :---: |`: the row under a table's header.
    static func isDelimiterRow(_ line: Substring) -> Bool {
        var dashes = false
        for character in line {
            switch character {
            case "-": dashes = true
            case "|", ":", " ", "\t": continue
            default: return false
            }
        }
        return dashes && line.contains("|")
    }

    /// A table row's cells, split at pipes that no backslash escapes; the outer pipes are optional.
    static func cells(_ line: Substring) -> [Substring] {
        var row = line.trimmed[...]
        if row.hasPrefix("|") { row = row.dropFirst() }
        if row.hasSuffix("|") && !row.hasSuffix("\\|") { row = row.dropLast() }
        var cells: [Substring] = []
        var start = row.startIndex
        var position = row.startIndex
        var escaped = false
        while position < row.endIndex {
            let character = row[position]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(row[start..<position])
                start = row.index(after: position)
            }
            position = row.index(after: position)
        }
        cells.append(row[start..<row.endIndex])
        return cells
    }

    /// The bytes that send `inlineText` down its full path: marks it drops or reads, and the
    /// control characters a `Character` split would treat otherwise.
    static let plainTextStoppers: Set<UInt8> = Set(Array("\\*`~_[".utf8)).union(0..<0x20).union([0x7F])

    /// The text a reader sees: emphasis and code marks dropped, a link as its text, a
    /// backslash escape as the character, runs of spaces as one.
    static func inlineText(_ cell: Substring) -> String {
        // Plain ASCII text (most cells): only its runs of spaces change, byte by byte.
        if cell.utf8.allSatisfy({ $0 < 0x80 && !plainTextStoppers.contains($0) }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(cell.utf8.count)
            for byte in cell.utf8 {
                if byte == UInt8(ascii: " ") {
                    if bytes.last != UInt8(ascii: " ") && !bytes.isEmpty { bytes.append(byte) }
                } else {
                    bytes.append(byte)
                }
            }
            if bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        out.reserveCapacity(cell.utf8.count)
        var position = cell.startIndex
        while position < cell.endIndex {
            let character = cell[position]
            switch character {
            case "\\":
                let next = cell.index(after: position)
                if next < cell.endIndex, let scalar = cell[next].unicodeScalars.first, scalar.isASCII, scalar.properties.isPatternSyntax {
                    out.append(cell[next])
                    position = cell.index(after: next)
                    continue
                }
                out.append(character)
            case "*", "`", "~":
                break
            case "_":
                // Inside a word (`wont_do`, `snake_case`) an underscore is text.
                let before = out.last
                let nextIndex = cell.index(after: position)
                let after = nextIndex < cell.endIndex ? cell[nextIndex] : nil
                if before?.isLetter == true || before?.isNumber == true, after?.isLetter == true || after?.isNumber == true {
                    out.append(character)
                }
            case "[":
                if let close = cell[position...].firstIndex(of: "]") {
                    let after = cell.index(after: close)
                    if after < cell.endIndex, cell[after] == "(", let end = cell[after...].firstIndex(of: ")") {
                        out += inlineText(cell[cell.index(after: position)..<close])
                        position = cell.index(after: end)
                        continue
                    }
                }
                out.append(character)
            default:
                out.append(character)
            }
            position = cell.index(after: position)
        }
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
