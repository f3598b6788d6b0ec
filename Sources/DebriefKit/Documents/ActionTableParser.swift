/// Reads the Preventive Actions tables. Columns are found by header name, case-insensitively,
/// with aliases: `Action Item`/`Description` → Action, `Runbook` → SOP, `Bug`/`Issue` → Ticket.
public struct ActionTableParser: Sendable {
    /// Where SOPs are, to resolve the SOP cell.
    public let layout: RepositoryLayout
    /// The post-mortem's id (for action keys).
    public let postmortemID: String
    /// The post-mortem's file.
    public let file: String
    /// Whether the post-mortem is marked `imported: true` (its open actions without an owner
    /// or a due date are untracked).
    public let imported: Bool

    /// Creates a parser.
    public init(layout: RepositoryLayout, postmortemID: String, file: String, imported: Bool = false) {
        self.layout = layout
        self.postmortemID = postmortemID
        self.file = file
        self.imported = imported
    }

    /// Header text (lower case) → canonical column name.
    public static let columnAliases: [String: String] = [
        "id": "ID", "#": "ID",
        "action": "Action", "action item": "Action", "description": "Action",
        "owner": "Owner", "assignee": "Owner",
        "due": "Due", "due date": "Due",
        "status": "Status", "state": "Status",
        "sop": "SOP", "sops": "SOP", "runbook": "SOP", "runbooks": "SOP",
        "ticket": "Ticket", "bug": "Ticket", "issue": "Ticket",
        "type": "Type", "kind": "Type",
        "closed": "Closed", "closed on": "Closed", "completed": "Closed", "completed on": "Closed", "done on": "Closed",
    ]

    /// Every table of the section, in order, each with the subheading above it; the subheading
    /// is the `type` of actions in a table with no Type column (`### Prevention`,
    /// `### Detection`). A task list (`- [ ] PA-3 Rehearse failover (@lena, due 2026-05-15)`)
    /// is read as a table of its own, one action per item. Any other list beside them is not
    /// read, and is reported (DB067).
    public func read(_ section: Section, at locate: (Int, Int) -> SourceLocation) -> (tables: [ActionTable], diagnostics: [Diagnostic]) {
        var tables: [ActionTable] = []
        var unread: [MarkdownBlock] = []
        var subheading: String?
        var bag = DiagnosticBag()
        for block in section.blocks {
            // Every heading in a section is below the section's own, whatever its level.
            if case .heading = block.kind {
                subheading = block.text.trimmed
                continue
            }
            if case .list = block.kind {
                var actions: [PreventiveAction] = []
                var unreadItems = 0
                readTaskList(block, under: subheading, topLevel: true, into: &actions, unread: &unreadItems, bag: &bag, at: locate)
                if !actions.isEmpty {
                    tables.append(ActionTable(location: locate(block.line, block.column), columns: Self.taskColumns, missingColumns: [], actions: actions))
                }
                if unreadItems > 0 { unread.append(block) }
                continue
            }
            var found: [MarkdownBlock] = []
            Self.collectTables(block, into: &found)
            for table in found { tables.append(self.table(table, under: subheading, at: locate)) }
        }
        Self.settleShortIDs(&tables)
        if !tables.isEmpty {
            for list in unread {
                bag.warning(.actionsListNotRead, at: locate(list.line, list.column),
                            "this list in '\(section.heading)' is not read as actions; make each item a row of the actions table, "
                                + "or a task list item: - [ ] PA-1 What will be done (@owner, due YYYY-MM-DD)")
            }
        }
        return (tables, bag.all)
    }

    /// The columns a task list item has: all of them, written inline.
    static let taskColumns: [String?] = ["ID", "Action", "Owner", "Due", "Status", "SOP", "Ticket", "Type"]

    /// The task items of a list and of the lists nested in its items, in document order. A
    /// task's nested tasks are actions of their own (a nested list of plain items is its notes);
    /// a plain item holding tasks is a group label (`- Detection:`) that gives them their type.
    /// A top-level plain item with no task under it is counted as not read.
    private func readTaskList(_ list: MarkdownBlock, under type: String?, topLevel: Bool, into actions: inout [PreventiveAction],
                              unread: inout Int, bag: inout DiagnosticBag, at locate: (Int, Int) -> SourceLocation) {
        for item in list.children where item.kind == .item {
            let nested = item.children.filter { if case .list = $0.kind { return true } else { return false } }
            if let action = taskAction(item, under: type, bag: &bag, at: locate) {
                actions.append(action)
                for sublist in nested { readTaskList(sublist, under: type, topLevel: false, into: &actions, unread: &unread, bag: &bag, at: locate) }
                continue
            }
            let before = actions.count
            var label = (item.children.first { $0.kind == .paragraph }?.text ?? "").trimmed
            if label.hasSuffix(":") { label = String(label.dropLast()).trimmed }
            for sublist in nested {
                readTaskList(sublist, under: label.isEmpty ? type : label, topLevel: false, into: &actions, unread: &unread, bag: &bag, at: locate)
            }
            if topLevel && actions.count == before { unread += 1 }
        }
    }

    /// A word like `A8` or `AI12`: letters then digits, with nothing between. It names an action
    /// in many templates, and a thing in others (`S3 bucket policy`, `IPv6`), so it is an ID only
    /// when another action of the post-mortem has an ID with the same letters (`A7` in the
    /// table, `A9` below it): see `settleShortIDs`.
    static func isShortTaskID(_ word: String) -> Bool {
        let letters = word.prefix { $0.isASCII && $0.isLetter }
        let digits = word.dropFirst(letters.count)
        return (1...6).contains(letters.count) && (1...6).contains(digits.count) && digits.allSatisfy(\.isASCIIDigit)
    }

    /// The letters of an ID before its number (`PA` of `PA-3`, `A` of `A8`).
    static func idLetters(_ id: String) -> String {
        String(id.prefix { $0.isLetter }).uppercased()
    }

    /// Gives a task item's short ID (`S3`) back to its action's text unless another action of the
    /// post-mortem has an ID with the same letters.
    static func settleShortIDs(_ tables: inout [ActionTable]) {
        var letters: [String: Int] = [:]
        for action in tables.flatMap(\.actions) where !action.id.isEmpty { letters[idLetters(action.id), default: 0] += 1 }
        for table in tables.indices where tables[table].columns == taskColumns {
            for index in tables[table].actions.indices {
                let action = tables[table].actions[index]
                guard isShortTaskID(action.id), !isTaskID(action.id), letters[idLetters(action.id), default: 0] < 2 else { continue }
                tables[table].actions[index].action = action.action.isEmpty ? action.id : action.id + " " + action.action
                tables[table].actions[index].id = ""
            }
        }
    }

    /// Whether the first word of a task item is its ID: digits (`3`, `3.`), or a name and a
    /// number joined by `-`, `_` or `.` (`PA-3`, `AI_12`, `ACT.4`, `PM-AI-3`). A word like `S3`, `2FA` or `v1.2.3`
    /// begins the action instead, and the item has no ID (an error that asks for one).
    static func isTaskID(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 40,
              scalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }) else { return false }
        let body = word.hasSuffix(".") ? String(word.dropLast()) : word
        if !body.isEmpty, body.allSatisfy(\.isASCIIDigit) { return true }
        guard let separator = body.lastIndex(where: { "-_.".contains($0) }) else { return false }
        let name = body[..<separator], number = body[body.index(after: separator)...]
        return name.first?.isLetter == true && name.allSatisfy({ $0.isLetter || "-_.".contains($0) })
            && !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
    }

    /// A task list item as an action: `[ ]` is open and `[x]` done (unless `status:` says
    /// otherwise), the first word the ID when it holds a digit, and a closing parenthesis the
    /// fields: `@owner`, `due YYYY-MM-DD`, `sop: id`, `status: …`, `type: …`, a ticket
    /// (`OPS-1304`, `#123`, `b/5554823`, `ticket: …`). Nil for an item that is no task.
    private func taskAction(_ item: MarkdownBlock, under subheading: String?, bag: inout DiagnosticBag,
                            at locate: (Int, Int) -> SourceLocation) -> PreventiveAction? {
        var text = (item.children.first { $0.kind == .paragraph }?.text ?? "").trimmed
        var checked = item.checked
        if checked == nil {
            for (mark, ticked) in [("[ ]", false), ("[x]", true), ("[X]", true)] where text.hasPrefix(mark + " ") {
                checked = ticked
                text = String(text.dropFirst(mark.count)).trimmed
            }
        }
        guard let checked else { return nil }
        let location = locate(item.line, item.column)
        let fields = Self.taskFields(text, checked: checked, subheading: subheading, layout: layout)
        if fields.hasFields {
            let label = fields.id.isEmpty ? "this action" : "action \(fields.id)"
            for (field, first, second) in fields.twice {
                bag.error(.actionFieldTwice, at: location,
                          "\(label) gives its \(field) twice ('\(first)', then '\(second)'); an action has one \(field): keep the one that holds")
            }
            if !fields.unknown.isEmpty {
                bag.warning(.actionFieldNotRead, at: location,
                            "\(fields.unknown.map { "'\($0)'" }.joined(separator: ", ")) in the fields of \(label) \(fields.unknown.count == 1 ? "is" : "are") not read; "
                                + "the fields are @owner, due YYYY-MM-DD, status:, type:, sop:, ticket: or a ticket id (OPS-1304, #812)")
            }
        }
        var cells = CellLocations()
        for case let column? in Self.taskColumns { cells[column] = location }
        return tracking(PreventiveAction(
            postmortemID: postmortemID, postmortemFile: file, id: fields.id, action: fields.text, owner: fields.owner,
            dueText: fields.dueText, due: CalendarDate(fields.dueText), statusText: fields.statusText,
            status: ActionStatus(cell: fields.statusText), sops: fields.sops,
            ticket: fields.tickets.isEmpty ? nil : fields.tickets.joined(separator: ", "), type: fields.type,
            location: location, cellLocations: cells
        ))
    }

    /// What a task item's text says, read the one way both the parser and the history's light
    /// reader (`ActionRowReader`) read it: the ID, the action, and the fields in a closing
    /// parenthesis. `hasFields` is false when that parenthesis holds no field (it is then part
    /// of the action); `twice` and `unknown` are for the parser's diagnostics.
    struct TaskFields {
        var id = ""
        var text: String
        var owner = ""
        var dueText = ""
        var statusText: String
        var type: String?
        var tickets: [String] = []
        var sops: [SOPReference] = []
        var unknown: [String] = []
        var twice: [(field: String, first: String, second: String)] = []
        var hasFields = false
    }

    /// Reads a task item's text (after its checkbox).
    static func taskFields(_ text: String, checked: Bool, subheading: String?, layout: RepositoryLayout) -> TaskFields {
        var text = text
        var id = ""
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        // `PA-7:` and `3)` are IDs too; a dash after the ID (`PA-7 — text`) is not the action's.
        if let first = words.first {
            let candidate = first.hasSuffix(":") || first.hasSuffix(")") ? String(first.dropLast()) : first
            if isTaskID(candidate) || isShortTaskID(candidate) {
                id = candidate
                text = words.count > 1 ? words[1] : ""
                for mark in ["— ", "– ", "- ", ": "] where text.hasPrefix(mark) { text = String(text.dropFirst(mark.count)).trimmed }
            }
        }
        var result = TaskFields(text: text, statusText: checked ? "done" : "open", type: subheading)
        result.id = id
        guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { return result }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var given: [String: String] = [:]
        func set(_ field: String, _ value: String, _ target: inout String) {
            if let first = given[field], first != value { result.twice.append((field, first, value)) }
            given[field] = value
            target = value
        }
        var owner = "", dueText = "", statusText = result.statusText
        var tickets: [String] = []
        var sops: [SOPReference] = []
        var type = subheading
        for part in inner.split(separator: ",").map({ $0.trimmed }) where !part.isEmpty {
            let lower = part.lowercased()
            func value(after prefix: String) -> String { String(part.dropFirst(prefix.count)).trimmed }
            if part.hasPrefix("@") {
                set("owner", String(part.drop { $0 == "@" }), &owner)
            } else if let prefix = ["owner:", "assignee:"].first(where: lower.hasPrefix) {
                set("owner", String(value(after: prefix).drop { $0 == "@" }), &owner)
            } else if let prefix = ["due date:", "due:", "due "].first(where: lower.hasPrefix) {
                set("due date", value(after: prefix), &dueText)
            } else if let prefix = ["sop:", "runbook:"].first(where: lower.hasPrefix) {
                let written = value(after: prefix)
                sops.append(SOPReference(written: written, sopID: layout.sopID(written)))
            } else if lower.hasPrefix("status:") {
                set("status", value(after: "status:"), &statusText)
            } else if lower.hasPrefix("type:") {
                var written = ""
                set("type", value(after: "type:"), &written)
                type = written
            } else if let prefix = ["ticket:", "jira:", "issue:", "bug:"].first(where: lower.hasPrefix) {
                tickets.append(value(after: prefix))
            } else if looksLikeTicket(part) || layout.tickets.url(for: part) != nil {
                tickets.append(part)
            } else {
                result.unknown.append(part)
            }
        }
        // A parenthesis with no field in it is part of the action ("(exponential backoff)").
        guard !given.isEmpty || !sops.isEmpty || !tickets.isEmpty else {
            result.unknown = []
            result.twice = []
            return result
        }
        result.text = String(text[..<open]).trimmed
        result.owner = owner
        result.dueText = dueText
        result.statusText = statusText
        result.type = type
        result.tickets = tickets
        result.sops = sops
        result.hasFields = true
        return result
    }

    /// `OPS-1304`, `#123`, `b/5554823`.
    static func looksLikeTicket(_ text: String) -> Bool {
        let chars = Array(text)
        if text.hasPrefix("#") || text.hasPrefix("b/") {
            let digits = chars.dropFirst(text.hasPrefix("#") ? 1 : 2)
            return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
        }
        guard let dash = chars.firstIndex(of: "-"), dash > 0, dash < chars.count - 1 else { return false }
        return chars[..<dash].allSatisfy { $0.isUppercase || $0.isASCIIDigit } && chars[(dash + 1)...].allSatisfy(\.isASCIIDigit)
    }

    /// The first table of the section, or nil when it has none.
    public func table(in section: Section, at locate: (Int, Int) -> SourceLocation) -> ActionTable? {
        read(section, at: locate).tables.first
    }

    /// Every table among `blocks`, nested ones included.
    static func collectTables(_ blocks: [MarkdownBlock], into found: inout [MarkdownBlock]) {
        for block in blocks { collectTables(block, into: &found) }
    }

    /// Whether a table has the columns of an actions table: ID and Action, and Owner, Due or Status.
    static func looksLikeActions(_ table: MarkdownBlock) -> Bool {
        guard let header = table.children.first(where: { $0.kind == .tableRow(header: true) }) else { return false }
        return isActionsHeader(header.children.map(\.text))
    }

    /// Whether header cells are those of an actions table (see `looksLikeActions`).
    static func isActionsHeader(_ cells: [String]) -> Bool {
        let columns = Set(cells.compactMap { columnAliases[$0.trimmed.lowercased()] })
        return columns.contains("ID") && columns.contains("Action") && !columns.isDisjoint(with: ["Owner", "Due", "Status"])
    }

    private static func collectTables(_ block: MarkdownBlock, into found: inout [MarkdownBlock]) {
        if block.kind == .table {
            found.append(block)
            return
        }
        for child in block.children { collectTables(child, into: &found) }
    }

    private func table(_ table: MarkdownBlock, under subheading: String?, at locate: (Int, Int) -> SourceLocation) -> ActionTable {
        let header = table.children.first { $0.kind == .tableRow(header: true) }
        let columns: [String?] = (header?.children ?? []).map {
            Self.columnAliases[$0.text.trimmed.lowercased()]
        }
        let missing = ActionTable.requiredColumns.filter { !columns.contains($0) }
        var actions: [PreventiveAction] = []
        for row in table.children where row.kind == .tableRow(header: false) {
            var cells: [String: MarkdownBlock] = [:]
            var cellLocations = CellLocations()
            for (index, cell) in row.children.enumerated() where index < columns.count {
                guard let name = columns[index], cells[name] == nil else { continue }
                cells[name] = cell
                cellLocations[name] = locate(cell.line, cell.column)
            }
            if row.children.allSatisfy({ $0.text.trimmed.isEmpty }) { continue }
            actions.append(rowAction(cells.mapValues { $0.text.trimmed }, hasTypeColumn: columns.contains("Type"), under: subheading,
                                     sops: cells["SOP"].map(sopReferences) ?? [],
                                     location: locate(row.line, row.column), cellLocations: cellLocations))
        }
        return ActionTable(location: locate(table.line, table.column), columns: columns, missingColumns: missing, actions: actions)
    }

    /// A table row as an action, from its cells' text by canonical column name: the one reading
    /// of a row, shared with the history's light reader (`ActionRowReader`).
    func rowAction(_ cells: [String: String], hasTypeColumn: Bool, under subheading: String?, sops: [SOPReference],
                   location: SourceLocation, cellLocations: CellLocations) -> PreventiveAction {
        func text(_ name: String) -> String { cells[name] ?? "" }
        var owner = text("Owner")
        while owner.hasPrefix("@") { owner.removeFirst() }
        let dueText = text("Due")
        let statusText = text("Status")
        let ticket = text("Ticket")
        let typeCell = text("Type")
        let type = hasTypeColumn ? (Self.isBlank(typeCell) ? nil : typeCell) : subheading
        var action = PreventiveAction(
            postmortemID: postmortemID, postmortemFile: file,
            id: text("ID"), action: text("Action"), owner: owner,
            dueText: dueText, due: CalendarDate(dueText),
            statusText: statusText, status: ActionStatus(cell: statusText),
            sops: sops, ticket: Self.isBlank(ticket) ? nil : ticket, type: type,
            location: location, cellLocations: cellLocations
        )
        action.closed = CalendarDate(text("Closed"))
        return tracking(action)
    }

    /// In an imported post-mortem, an action with no owner or no due date (empty or a
    /// placeholder) is untracked when open, and a placeholder owner is nobody; elsewhere the
    /// action is left as written for `ActionTableRule` to report.
    private func tracking(_ action: PreventiveAction) -> PreventiveAction {
        guard imported else { return action }
        var action = action
        let noOwner = PreventiveAction.isPlaceholder(action.owner)
        let noDue = action.due == nil && PreventiveAction.isPlaceholder(action.dueText)
        if noOwner { action.owner = "" }
        action.untracked = (noOwner || noDue) && action.status?.isOpen == true
        return action
    }

    /// SOPs named in a cell: Markdown links to SOP files and bare ids, comma-separated.
    func sopReferences(_ cell: MarkdownBlock) -> [SOPReference] {
        var references: [SOPReference] = []
        // How many links show each text: a piece of the cell that is a link's text is that
        // link, already counted. A count per text, not a list searched per piece, so a cell of
        // thousands of links is read in linear time.
        var linkTexts: [String: Int] = [:]
        for link in cell.links { linkTexts[link.text.trimmed, default: 0] += 1 }
        for link in cell.links {
            switch layout.resolve(link.destination, from: file) {
            case .document(let target, _), .missingDocument(let target), .otherFile(let target):
                let isSOP = target.hasPrefix(layout.config.sops + "/") && target.hasSuffix(".md")
                references.append(SOPReference(written: link.destination, sopID: isSOP ? layout.sopID(target) : nil))
            case .external, .fragment:
                references.append(SOPReference(written: link.destination, sopID: nil))
            }
        }
        for piece in cell.text.split(separator: ",") {
            let word = piece.trimmed
            if let count = linkTexts[word], count > 0 {
                linkTexts[word] = count - 1
                continue
            }
            if Self.isBlank(word) { continue }
            references.append(SOPReference(written: word, sopID: layout.sopID(word)))
        }
        return references
    }

    static func isBlank(_ text: String) -> Bool {
        ["", "-", "—", "–", "n/a", "none"].contains(text.lowercased())
    }
}
