import Foundation

/// An action item as legacy documents write it (`- Do X (owner: @a, due 2026-01-01)`,
/// `* [ ] Do X @a by Jan 5, 2026`, `TODO: Do X`, a row of a table with an Action column), read
/// into the parts of debrief's task-list form and written back as one:
/// `- [ ] PA-1 Do X (@a, due 2026-01-01)`.
struct ImportedAction: Sendable, Equatable {
    /// What will be done.
    var text: String
    /// The owner, without `@`; empty when none was found.
    var owner = ""
    /// The due date; nil when none was found.
    var due: CalendarDate?
    /// The status; `open` unless the item says otherwise.
    var status: ActionStatus = .open
    /// A tracker reference (`OPS-12`, `#34`, a Markdown link).
    var ticket: String?
    /// The type, from a Type column.
    var type: String?
    /// What was written but could not be read (an ambiguous due date), for the report.
    var problems: [String] = []
    /// The incident's day, which gives a due date written without its year (`by Apr 5`) the
    /// nearest year.
    var anchor: CalendarDate?

    /// Whether the action has the owner and due date a tracked action needs.
    var isTracked: Bool { !owner.isEmpty && (due != nil || !status.isOpen) }

    // MARK: - Reading a bullet

    /// Reads the text of a list item (after its marker) or of a `TODO:` line; nil when nothing
    /// is left to do. `anchor` is the incident's day (see `anchor`).
    static func read(item raw: String, anchor: CalendarDate? = nil) -> ImportedAction? {
        var text = raw.trimmed
        var status = ActionStatus.open
        for (mark, ticked) in [("[ ]", false), ("[x]", true), ("[X]", true), ("\\[ \\]", false), ("\\[x\\]", true), ("\\[X\\]", true)]
        where text.hasPrefix(mark) {
            status = ticked ? .done : .open
            text = String(text.dropFirst(mark.count)).trimmed
        }
        for prefix in ["TODO:", "TODO", "To do:", "Action:", "AI:"] where text.hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count)).trimmed
        }
        text = droppingOldID(text)
        var action = ImportedAction(text: text, status: status, anchor: anchor)
        action.readFields()
        action.findOwnerAndDueInText()
        return action.text.isEmpty ? nil : action
    }

    /// `AI-3: Do X`, `PA-3 Do X`, `#3. Do X`, `A1: Do X`: the old id goes, the actions are
    /// numbered afresh. A first word that is only letters and digits with nothing to mark it as an
    /// id (`S3 bucket policy`, `EC2 instance`, `3 more replicas`) is part of the action.
    static func droppingOldID(_ text: String) -> String {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2, var first = words.first else { return text }
        var marked = false
        while let last = first.last, [":", ".", ")", "]"].contains(last) { first.removeLast(); marked = true }
        if first.hasPrefix("#") || first.hasPrefix("[") { first.removeFirst(); marked = true }
        if first.contains(where: { $0 == "-" || $0 == "_" }) { marked = true }
        guard marked else { return text }
        let hasDigit = first.contains(where: \.isASCIIDigit)
        let shaped = first.count <= 12 && first.allSatisfy { $0.isLetter || $0.isASCIIDigit || $0 == "-" || $0 == "_" }
        let letters = first.prefix { $0.isLetter }
        guard hasDigit, shaped, letters.count <= 5, letters.allSatisfy(\.isUppercase),
              first.last?.isASCIIDigit == true else { return text }
        return words[1].trimmed
    }

    /// The fields of a final parenthesis, `(owner: @a, due 2026-01-01, OPS-12, done)`: taken out
    /// of the text when at least one part is read.
    private mutating func readFields() {
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var recognised = false
        var kept: [String] = []
        var parts: [String] = []
        for part in inner.split(separator: ",").map({ $0.trimmed }) {
            // `due: Jan 5, 2026`: a year after a comma belongs to the date before it.
            if let last = parts.last, part.count == 4, part.allSatisfy(\.isASCIIDigit) {
                parts[parts.count - 1] = last + ", " + part
            } else {
                parts.append(part)
            }
        }
        for part in parts {
            if read(field: part) { recognised = true } else { kept.append(part) }
        }
        guard recognised else { return }
        text = String(text[..<open]).trimmed
        if !kept.isEmpty { text += " (" + kept.joined(separator: ", ") + ")" }
    }

    /// Reads one `owner: x`, `@x`, `due …`, `by …`, `status: …`, ticket part; whether it was one.
    private mutating func read(field part: String) -> Bool {
        let lower = part.lowercased()
        func value(after prefix: String) -> String { String(part.dropFirst(prefix.count)).trimmed }
        if part.hasPrefix("@"), !part.contains(" ") {
            owner = String(part.drop { $0 == "@" })
        } else if let prefix = ["owner:", "owner ", "assignee:", "assigned to:", "assigned to ", "who:"].first(where: { lower.hasPrefix($0) }) {
            owner = Self.person(value(after: prefix))
        } else if let prefix = ["due:", "due date:", "due ", "deadline:"].first(where: { lower.hasPrefix($0) }) {
            return readDue(value(after: prefix))
        } else if let prefix = ["by ", "eta:", "eta ", "target:", "when:"].first(where: { lower.hasPrefix($0) }),
                  case .day(let date) = MetadataValue.day(value(after: prefix), anchor: anchor) {
            due = date
        } else if let prefix = ["status:"].first(where: { lower.hasPrefix($0) }) {
            guard let read = ActionStatus(cell: value(after: prefix)) else { return false }
            status = read
        } else if let read = ActionStatus(cell: part), !part.isEmpty {
            status = read
        } else if lower.hasPrefix("ticket:") || lower.hasPrefix("jira:") || lower.hasPrefix("bug:") {
            ticket = value(after: lower.hasPrefix("bug:") ? "bug:" : lower.hasPrefix("jira:") ? "jira:" : "ticket:")
        } else if ActionTableParser.looksLikeTicket(part) || (part.hasPrefix("[") && part.hasSuffix(")") && part.contains("](")) {
            ticket = part
        } else if case .day(let date) = MetadataValue.day(part, anchor: anchor), part.count <= 20 {
            due = date
        } else {
            return false
        }
        return true
    }

    private mutating func readDue(_ value: String) -> Bool {
        switch MetadataValue.day(value, anchor: anchor) {
        case .day(let date):
            due = date
            return true
        case .ambiguous(let readings):
            problems.append("due date '\(value)' reads two ways (\(readings)); write it as YYYY-MM-DD")
            return false
        case .none:
            if ["tbd", "n/a", "none", "?"].contains(value.lowercased()) { return true }
            if MetadataValue.isYearless(value) {
                problems.append("due date '\(value)' has no year and the incident has no date; write it as YYYY-MM-DD or pass --date")
                return false
            }
            problems.append("due date '\(value)' is not a date debrief reads; write it as YYYY-MM-DD")
            return false
        }
    }

    /// `@dana` and `due 2026-01-01` / `by Jan 5, 2026` in running text, when the parenthesis
    /// gave none. At the end of the text they move into the fields; elsewhere the text stays.
    private mutating func findOwnerAndDueInText() {
        var words = text.split(separator: " ").map(String.init)
        if due == nil {
            for (index, word) in words.enumerated() where ["due", "by", "due:", "before"].contains(word.lowercased()) && index + 1 < words.count {
                // A date is at most five words (`Tuesday, January 5th, 2026`): reading only those
                // keeps an item with many a `by` linear.
                let end = min(words.count, index + 6)
                let rest = words[(index + 1)..<end].joined(separator: " ")
                guard case .day(let date) = MetadataValue.day(rest, anchor: anchor) else { continue }
                due = date
                if end == words.count, let phrase = TimePhrase.read(rest), phrase.rest.isEmpty { words.removeSubrange(index...) }
                break
            }
        }
        if owner.isEmpty, let index = words.firstIndex(where: { $0.hasPrefix("@") && $0.count > 1 }) {
            owner = String(words[index].dropFirst().trimmingCharacters(in: [",", ".", ";", ":", ")"]))
            if index == words.count - 1, words.count > 1 { words.removeLast() }
        }
        text = words.joined(separator: " ")
    }

    /// A person's name as an owner: the first of several, without `@`, and without the
    /// characters that end a task-list field.
    static func person(_ text: String) -> String {
        let first = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "/" }).first.map { String($0).trimmed } ?? ""
        // `@bob (primary)`: the remark is not part of the name.
        let bare = first.hasPrefix("(") ? first : String(first.prefix { $0 != "(" }).trimmed
        let name = String(bare.drop { $0 == "@" }).replacingOccurrences(of: "(", with: "").replacingOccurrences(of: ")", with: "").trimmed
        return ["tbd", "n/a", "none", "-", "—", "?", "unassigned"].contains(name.lowercased()) ? "" : name
    }

    // MARK: - Reading a table row

    /// Header text (lower case) → column, beyond the actions table's own aliases.
    static let extraColumns: [String: String] = [
        "task": "Action", "item": "Action", "action items": "Action", "follow-up": "Action", "follow-up task": "Action",
        "what": "Action", "title": "Action", "summary": "Action",
        "who": "Owner", "responsible": "Owner", "assigned to": "Owner", "owner(s)": "Owner",
        "when": "Due", "target date": "Due", "deadline": "Due", "eta": "Due", "due by": "Due",
        "jira": "Ticket", "ticket(s)": "Ticket", "link": "Ticket", "tracking": "Ticket", "bug": "Ticket",
    ]

    /// The column a header cell names.
    static func column(_ header: String) -> String? {
        var key = header.trimmed.lowercased()
        for mark in ["**", "__"] where key.hasPrefix(mark) && key.hasSuffix(mark) && key.count > 4 {
            key = String(key.dropFirst(2).dropLast(2))
        }
        return ActionTableParser.columnAliases[key] ?? extraColumns[key]
    }

    /// A row of a table whose columns are `columns` (nil for those not read).
    static func read(row cells: [String], columns: [String?], anchor: CalendarDate? = nil) -> ImportedAction? {
        var values: [String: String] = [:]
        for (index, cell) in cells.enumerated() where index < columns.count {
            if let name = columns[index], values[name] == nil { values[name] = cell.trimmed }
        }
        var action = ImportedAction(text: droppingOldID(values["Action"] ?? ""), anchor: anchor)
        guard !action.text.isEmpty else { return nil }
        action.owner = person(values["Owner"] ?? "")
        if let due = values["Due"], !due.isEmpty { _ = action.readDue(due) }
        if let status = values["Status"], !status.isEmpty {
            if let read = ActionStatus(cell: status) {
                action.status = read
            } else {
                action.problems.append("status '\(status)' is not one debrief reads; the action is open (\(ActionStatus.accepted))")
            }
        }
        if var ticket = values["Ticket"] {
            // The SRE book's Bug column ends with the state: `Bug 5554823 TODO`, `n/a DONE`.
            let words = ticket.split(separator: " ")
            if words.count > 1, let last = words.last, ["TODO", "DONE"].contains(String(last)), let read = ActionStatus(cell: String(last)) {
                action.status = read
                ticket = words.dropLast().joined(separator: " ")
            }
            if !ActionTableParser.isBlank(ticket) { action.ticket = ticket }
        }
        if let type = values["Type"], !ActionTableParser.isBlank(type) { action.type = type }
        return action
    }

    // MARK: - Writing

    /// The task-list item: `- [ ] PA-1 Do X (@a, due 2026-01-01, OPS-12)`.
    func taskItem(id: String) -> String {
        var fields: [String] = []
        if !owner.isEmpty { fields.append("@" + Self.fieldSafe(owner)) }
        if let due { fields.append("due \(due)") }
        if status == .inProgress || status == .wontDo { fields.append("status: \(status.rawValue)") }
        if let ticket { fields.append("ticket: " + Self.fieldSafe(ticket)) }
        if let type { fields.append("type: " + Self.fieldSafe(type)) }
        let box = status.isOpen ? "[ ]" : "[x]"
        let body = Self.oneLine(text)
        return "- \(box) \(id) \(body)" + (fields.isEmpty ? "" : " (" + fields.joined(separator: ", ") + ")")
    }

    /// A field value that cannot end the field early: no comma, no closing parenthesis.
    private static func fieldSafe(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: ")", with: "").trimmed
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmed }.joined(separator: " ")
    }
}
