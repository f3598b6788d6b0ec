/// What `debrief close` does to one preventive action: the post-mortem's bytes before and after
/// setting its status, changing only the Status cell of its table row (and an empty Ticket cell
/// when a commit is given) or, in a task-list item, its checkbox or its `status:` field (and a
/// `ticket:` field added for a commit when it has no ticket). Planning writes nothing;
/// the command writes the result with `AtomicFileWriter`, as `sync` does.
///
/// Every edit is proved before it is offered: the new bytes are read again as a post-mortem,
/// and the action must have the new status (and the commit, when one was written) while every
/// other action reads exactly as before. An edit that does not pass (an odd row the byte scan
/// misreads, a task item written over several lines) is refused, never written.
public enum ActionClose {
    /// A prepared change of one post-mortem.
    public struct Edit: Sendable, Equatable {
        /// The action's key (`INC-2026-007/PA-3`).
        public var key: String
        /// The post-mortem, relative to the repository root.
        public var file: String
        /// The bytes on disk.
        public var old: [UInt8]
        /// The bytes with the status set.
        public var new: [UInt8]
        /// The status written, as written.
        public var statusWord: String
        /// The commit written into the Ticket cell, when one was.
        public var recordedCommit: String?
        /// Why a commit that was given was not written, when it was not.
        public var commitNotRecorded: String?
    }

    /// What closing an action comes to.
    public enum Outcome: Sendable, Equatable {
        /// The change to make.
        case edit(Edit)
        /// The action already has that status; nothing to do.
        case already(key: String, file: String, line: Int, statusText: String)
        /// No action has that key; the closest one, when one is close.
        case unknownKey(suggestion: String?)
        /// `check` finds errors in the post-mortem (or in `debrief.yml`): nothing may be written.
        case refused([Diagnostic])
        /// The document cannot say this status here, or the edit could not be proved; the
        /// message says why and what to do.
        case cannot(String)
    }

    /// The statuses `close` sets.
    public static let statuses: [ActionStatus] = [.done, .wontDo]

    /// Plans setting the action `key` of `base` to `status`, recording `commit` (a full commit
    /// id, already resolved) in an empty Ticket cell of its row. `read` gives a post-mortem's
    /// bytes (an absolute path in); by default it reads the way `check` does.
    public static func plan(_ base: KnowledgeBase, key: String, status: ActionStatus, commit: String? = nil,
                            read: ((String) -> [UInt8]?)? = nil) -> Outcome {
        let actions = base.postmortems.flatMap(\.actions).filter { !$0.id.isEmpty }
        var matches = actions.filter { $0.key == key }
        if matches.isEmpty { matches = actions.filter { $0.key.lowercased() == key.lowercased() } }
        guard let action = matches.first else {
            return .unknownKey(suggestion: Suggestion.closest(to: key, in: actions.map(\.key)))
        }
        guard matches.count == 1 else {
            let files = Set(matches.map(\.postmortemFile)).sorted().joined(separator: ", ")
            return .cannot("\(key) names \(matches.count) actions (in \(files)); give each action an ID of its own")
        }
        let blocking = SyncPlan.blockingDiagnostics(base).filter { $0.location.file == action.postmortemFile || $0.location.file == Config.fileName }
        guard blocking.isEmpty else { return .refused(blocking) }
        if action.status == status {
            return .already(key: action.key, file: action.postmortemFile, line: action.location.line, statusText: action.statusText)
        }
        guard let postmortem = base.postmortems.first(where: { $0.file == action.postmortemFile }),
              let table = postmortem.actionTables.first(where: { $0.actions.contains { $0.location == action.location } }) else {
            return .cannot("\(action.key) could not be found again in \(action.postmortemFile)")
        }
        let bytes: [UInt8]
        if let read {
            guard let read = read(base.root.appendingPathComponent(action.postmortemFile).path) else {
                return .cannot("cannot read \(action.postmortemFile)")
            }
            bytes = read
        } else {
            let files = RepositoryFiles(root: base.root).configured(with: base.config)
            guard let read = files.read(action.postmortemFile, limit: base.config.maxFileSize).bytes else {
                return .cannot("cannot read \(action.postmortemFile)")
            }
            bytes = read
        }
        let edit: Edit
        // A task-list item's cells all sit at the item; a table row's Status cell never sits at
        // the row's start (a table may have the task columns, in their order, too).
        if table.columns == ActionTableParser.taskColumns && action.cellLocations["Status"] == action.location {
            switch taskEdit(action, status: status, commit: commit, bytes: bytes, layout: base.layout) {
            case .success(let made): edit = made
            case .failure(let problem): return .cannot(problem.message)
            }
        } else {
            switch rowEdit(action, table: table, status: status, commit: commit, bytes: bytes) {
            case .success(let made): edit = made
            case .failure(let problem): return .cannot(problem.message)
            }
        }
        if let problem = prove(edit, action: action, status: status, base: base) { return .cannot(problem) }
        return .edit(edit)
    }
}

private extension ActionClose {
    struct Problem: Error {
        var message: String
    }

    /// The word written into a Status cell: the canonical spelling, capitalised when the old
    /// cell was (`Open` becomes `Done`).
    static func word(_ status: ActionStatus, like old: String) -> String {
        guard let first = old.trimmed.first, first.isUppercase else { return status.rawValue }
        return status.rawValue.prefix(1).uppercased() + status.rawValue.dropFirst()
    }

    static func rowEdit(_ action: PreventiveAction, table: ActionTable, status: ActionStatus, commit: String?,
                        bytes: [UInt8]) -> Result<Edit, Problem> {
        let lines = ActionCellEdit.lineRanges(bytes)
        guard let statusColumn = table.columns.firstIndex(of: "Status"), let statusAt = action.cellLocations["Status"],
              statusAt.line >= 1, statusAt.line <= lines.count else {
            return .failure(Problem(message: "\(action.key) has no Status cell to set; add a Status column to its table"))
        }
        let line = lines[statusAt.line - 1]
        let cells = ActionCellEdit.cells(in: line, of: bytes)
        // Cells are counted from the row's pipes rather than taken from cmark's columns, which
        // are off by one in a row written without its outer pipes.
        let statusCell = statusColumn + (ActionCellEdit.hasLeadingPipe(line, of: bytes) ? 1 : 0)
        guard cells.indices.contains(statusCell) else {
            return .failure(Problem(message: "the Status cell of \(action.key) (\(action.postmortemFile):\(statusAt.line)) could not be found on its line"))
        }
        let statusWord = word(status, like: action.statusText)
        var replacements: [(Range<Int>, [UInt8])] = [(cells[statusCell], ActionCellEdit.filled(cells[statusCell], in: bytes, with: statusWord))]
        var recorded: String?
        var notRecorded: String?
        if let commit {
            if let ticketColumn = table.columns.firstIndex(of: "Ticket") {
                let ticketCell = statusCell + (ticketColumn - statusColumn)
                if cells.indices.contains(ticketCell), ActionCellEdit.isEmpty(cells[ticketCell], in: bytes) {
                    replacements.append((cells[ticketCell], ActionCellEdit.filled(cells[ticketCell], in: bytes, with: commit)))
                    recorded = commit
                } else {
                    notRecorded = "its Ticket cell is not empty (\(action.ticket ?? "")), and a filled cell is never rewritten"
                }
            } else {
                notRecorded = "its table has no Ticket column; add one (| Ticket |) to keep commits beside actions"
            }
        }
        let new = ActionCellEdit.replacing(replacements, in: bytes)
        return .success(Edit(key: action.key, file: action.postmortemFile, old: bytes, new: new, statusWord: statusWord,
                             recordedCommit: recorded, commitNotRecorded: notRecorded))
    }

    /// A task-list item: `done` ticks its checkbox; a `status:` field, which outranks the
    /// checkbox, gets the new status in its place; `wont-do` without one adds `status: wont-do`
    /// to the item's closing fields (or a closing `( … )` of its own), and a commit is added
    /// there as `ticket:` when the item has no ticket. Only the item's own line changes.
    static func taskEdit(_ action: PreventiveAction, status: ActionStatus, commit: String?, bytes: [UInt8],
                         layout: RepositoryLayout) -> Result<Edit, Problem> {
        let lines = ActionCellEdit.lineRanges(bytes)
        guard action.location.line >= 1, action.location.line <= lines.count else {
            return .failure(Problem(message: "the checkbox of \(action.key) could not be found"))
        }
        let line = lines[action.location.line - 1]
        let from = ActionCellEdit.byteOffset(column: action.location.column, in: line, of: bytes)
        guard let mark = ActionCellEdit.checkboxMark(in: line, from: from, of: bytes) else {
            return .failure(Problem(message: "the checkbox of \(action.key) (\(action.postmortemFile):\(action.location.line)) could not be found on its line"))
        }
        let fields = ActionCellEdit.taskFields(after: mark + 2, in: line, of: bytes, layout: layout)
        var replacements: [(Range<Int>, [UInt8])] = []
        var added: [String] = []
        let statusWord = word(status, like: action.statusText)
        if !fields.statusValues.isEmpty {
            for value in fields.statusValues {
                replacements.append((value, Array(word(status, like: String(decoding: bytes[value], as: UTF8.self)).utf8)))
            }
        } else if status != .done {
            added.append("status: " + statusWord)
        }
        if status == .done, bytes[mark] == UInt8(ascii: " ") {
            replacements.append((mark..<(mark + 1), [UInt8(ascii: "x")]))
        }
        var recorded: String?
        var notRecorded: String?
        if let commit {
            if let ticket = action.ticket {
                notRecorded = "it has a ticket already (\(ticket)), and a ticket is never rewritten"
            } else {
                added.append("ticket: " + commit)
                recorded = commit
            }
        }
        if !added.isEmpty {
            if let close = fields.closingParenthesis {
                replacements.append((close..<close, Array((", " + added.joined(separator: ", ")).utf8)))
            } else {
                replacements.append((fields.textEnd..<fields.textEnd, Array((" (" + added.joined(separator: ", ") + ")").utf8)))
            }
        }
        let new = ActionCellEdit.replacing(replacements, in: bytes)
        let written = !fields.statusValues.isEmpty || status != .done ? statusWord : "[x]"
        return .success(Edit(key: action.key, file: action.postmortemFile, old: bytes, new: new, statusWord: written,
                             recordedCommit: recorded, commitNotRecorded: notRecorded))
    }

    /// Why `edit` does not do what it should, read back as a post-mortem; nil when it does.
    static func prove(_ edit: Edit, action: PreventiveAction, status: ActionStatus, base: KnowledgeBase) -> String? {
        let failure = "the edit of \(action.key) in \(action.postmortemFile) could not be proved"
        guard case .success(let before) = SourceText.decode(path: edit.file, bytes: edit.old),
              case .success(let after) = SourceText.decode(path: edit.file, bytes: edit.new) else { return failure }
        let reader = PostmortemReader(layout: base.layout)
        let (oldDocument, oldDiagnostics) = reader.read(before)
        let (newDocument, newDiagnostics) = reader.read(after)
        let old = oldDocument.actions, new = newDocument.actions
        guard old.count == new.count else { return failure }
        // The edit may not make the document say something wrong (a field given twice).
        let oldErrors = Set(oldDiagnostics.filter { $0.severity == .error }.map { $0.code.rawValue + $0.message })
        if let introduced = newDiagnostics.first(where: { $0.severity == .error && !oldErrors.contains($0.code.rawValue + $0.message) }) {
            return "\(failure): it would read '\(introduced.message)' [\(introduced.code.rawValue)]"
        }
        struct Shape: Equatable {
            var id, action, owner, due, status: String
            var ticket: String?
            init(_ action: PreventiveAction) {
                (id, self.action, owner, due, status, ticket) = (action.id, action.action, action.owner, action.dueText, action.statusText, action.ticket)
            }
        }
        for (was, now) in zip(old, new) {
            if was.location == action.location {
                var expected = Shape(was)
                var got = Shape(now)
                guard now.status == status else { return "\(failure): it still reads as '\(now.statusText)'" }
                expected.status = ""
                got.status = ""
                if let commit = edit.recordedCommit { expected.ticket = commit }
                if expected != got { return failure }
            } else if Shape(was) != Shape(now) {
                return failure
            }
        }
        return nil
    }
}
