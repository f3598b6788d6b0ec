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
        for block in section.blocks {
            if case .heading(let level) = block.kind, level >= 3 {
                subheading = block.text.trimmed
                continue
            }
            if case .list = block.kind {
                let items = block.children.filter { $0.kind == .item }
                let actions = items.compactMap { taskAction($0, under: subheading, at: locate) }
                if !actions.isEmpty {
                    tables.append(ActionTable(location: locate(block.line, block.column), columns: Self.taskColumns, missingColumns: [], actions: actions))
                }
                if actions.count < items.count { unread.append(block) }
                continue
            }
            var found: [MarkdownBlock] = []
            Self.collectTables(block, into: &found)
            for table in found { tables.append(self.table(table, under: subheading, at: locate)) }
        }
        var bag = DiagnosticBag()
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

    /// A task list item as an action: `[ ]` is open and `[x]` done (unless `status:` says
    /// otherwise), the first word the ID when it holds a digit, and a closing parenthesis the
    /// fields: `@owner`, `due YYYY-MM-DD`, `sop: id`, `status: …`, `type: …`, a ticket
    /// (`OPS-1304`, `#123`, `b/5554823`, `ticket: …`). Nil for an item that is no task.
    private func taskAction(_ item: MarkdownBlock, under subheading: String?, at locate: (Int, Int) -> SourceLocation) -> PreventiveAction? {
        var text = (item.children.first { $0.kind == .paragraph }?.text ?? "").trimmed
        var checked = item.checked
        if checked == nil {
            for (mark, ticked) in [("[ ]", false), ("[x]", true), ("[X]", true)] where text.hasPrefix(mark + " ") {
                checked = ticked
                text = String(text.dropFirst(mark.count)).trimmed
            }
        }
        guard let checked else { return nil }
        var id = ""
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        if let first = words.first, first.contains(where: \.isNumber),
           first.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
            id = first
            text = words.count > 1 ? words[1] : ""
        }
        var owner = "", dueText = "", statusText = checked ? "done" : "open", ticket: String?, type = subheading
        var sops: [SOPReference] = []
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            var recognised = false
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            for part in inner.split(separator: ",").map({ $0.trimmed }) {
                let lower = part.lowercased()
                func value(after prefix: String) -> String { String(part.dropFirst(prefix.count)).trimmed }
                if part.hasPrefix("@") {
                    owner = String(part.drop { $0 == "@" })
                } else if lower.hasPrefix("owner:") {
                    owner = String(value(after: "owner:").drop { $0 == "@" })
                } else if lower.hasPrefix("due:") {
                    dueText = value(after: "due:")
                } else if lower.hasPrefix("due ") {
                    dueText = value(after: "due ")
                } else if lower.hasPrefix("sop:") || lower.hasPrefix("runbook:") {
                    let written = value(after: lower.hasPrefix("sop:") ? "sop:" : "runbook:")
                    sops.append(SOPReference(written: written, sopID: layout.sopID(written)))
                } else if lower.hasPrefix("status:") {
                    statusText = value(after: "status:")
                } else if lower.hasPrefix("type:") {
                    type = value(after: "type:")
                } else if lower.hasPrefix("ticket:") {
                    ticket = value(after: "ticket:")
                } else if Self.looksLikeTicket(part) || layout.tickets.url(for: part) != nil {
                    ticket = part
                } else {
                    continue
                }
                recognised = true
            }
            if recognised { text = String(text[..<open]).trimmed }
        }
        let location = locate(item.line, item.column)
        var cells: [String: SourceLocation] = [:]
        for case let column? in Self.taskColumns { cells[column] = location }
        return tracking(PreventiveAction(
            postmortemID: postmortemID, postmortemFile: file, id: id, action: text, owner: owner,
            dueText: dueText, due: CalendarDate(dueText), statusText: statusText, status: ActionStatus(cell: statusText),
            sops: sops, ticket: ticket, type: type, location: location, cellLocations: cells
        ))
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
            var cellLocations: [String: SourceLocation] = [:]
            for (index, cell) in row.children.enumerated() where index < columns.count {
                guard let name = columns[index], cells[name] == nil else { continue }
                cells[name] = cell
                cellLocations[name] = locate(cell.line, cell.column)
            }
            func text(_ name: String) -> String { cells[name]?.text.trimmed ?? "" }
            if row.children.allSatisfy({ $0.text.trimmed.isEmpty }) { continue }
            var owner = text("Owner")
            while owner.hasPrefix("@") { owner.removeFirst() }
            let dueText = text("Due")
            let statusText = text("Status")
            let ticket = text("Ticket")
            let typeCell = text("Type")
            let type = columns.contains("Type") ? (Self.isBlank(typeCell) ? nil : typeCell) : subheading
            actions.append(tracking(PreventiveAction(
                postmortemID: postmortemID, postmortemFile: file,
                id: text("ID"), action: text("Action"), owner: owner,
                dueText: dueText, due: CalendarDate(dueText),
                statusText: statusText, status: ActionStatus(cell: statusText),
                sops: cells["SOP"].map(sopReferences) ?? [],
                ticket: Self.isBlank(ticket) ? nil : ticket, type: type,
                location: locate(row.line, row.column), cellLocations: cellLocations
            )))
        }
        return ActionTable(location: locate(table.line, table.column), columns: columns, missingColumns: missing, actions: actions)
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
