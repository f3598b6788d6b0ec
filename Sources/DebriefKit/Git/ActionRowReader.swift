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

    /// Reads `text`, the post-mortem `file` at one commit.
    func read(_ text: Substring, file: String) -> Version {
        var lines = Self.lines(text)
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        var index = 0
        let id = Self.frontMatterID(lines, after: &index)
        let parser = ActionTableParser(layout: layout, postmortemID: id, file: file)
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
            let stripped = line.drop { $0 == " " }
            if let open = fence {
                if stripped.hasPrefix(open) { fence = nil }
                continue
            }
            if stripped.hasPrefix("```") || stripped.hasPrefix("~~~") {
                fence = stripped.prefix(3)
                continue
            }
            if let (level, heading) = Self.heading(line) {
                flushTasks()
                if let current = sectionLevel, level > current {
                    subheading = heading
                } else if config.sectionMatch(heading)?.name == "Preventive Actions" {
                    sectionLevel = level
                    subheading = nil
                } else {
                    sectionLevel = nil
                }
                continue
            }
            guard sectionLevel != nil else { continue }
            if let (checked, body) = Self.taskItem(line) {
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
            if line.contains("|"), index < lines.count, Self.isDelimiterRow(Self.withoutCR(lines[index])) {
                flushTasks()
                let header = Self.cells(line).map { Self.inlineText($0) }
                let columns = header.map { ActionTableParser.columnAliases[$0.lowercased()] }
                index += 1
                var actions: [PreventiveAction] = []
                while index < lines.count {
                    let row = Self.withoutCR(lines[index])
                    guard !row.trimmed.isEmpty, Self.heading(row) == nil else { break }
                    index += 1
                    var cells: [String: String] = [:]
                    for (position, cell) in Self.cells(row).enumerated() where position < columns.count {
                        guard let name = columns[position], cells[name] == nil else { continue }
                        cells[name] = Self.inlineText(cell)
                    }
                    if cells.values.allSatisfy(\.isEmpty) { continue }
                    actions.append(parser.rowAction(cells, hasTypeColumn: columns.contains("Type"), under: subheading, sops: [],
                                                    location: nowhere, cellLocations: [:]))
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

    /// The front matter's top-level `id`, a plain or quoted scalar; moves `index` past the block.
    static func frontMatterID(_ lines: [Substring], after index: inout Int) -> String {
        guard let first = lines.first, withoutCR(first).trimmed == "---" else { return "" }
        var id = ""
        var line = 1
        while line < lines.count {
            let text = withoutCR(lines[line])
            line += 1
            if text.trimmed == "---" || text.trimmed == "..." {
                index = line
                return id
            }
            guard id.isEmpty, text.hasPrefix("id:") else { continue }
            var value = text.dropFirst(3).trimmed
            if let quote = value.first, quote == "\"" || quote == "'", value.count >= 2, value.last == quote {
                value = String(value.dropFirst().dropLast())
            } else if let comment = value.range(of: " #") {
                value = String(value[..<comment.lowerBound]).trimmed
            }
            id = value
        }
        return ""
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

    /// The text a reader sees: emphasis and code marks dropped, a link as its text, a
    /// backslash escape as the character, runs of spaces as one.
    static func inlineText(_ cell: Substring) -> String {
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
