/// The state of a preventive action.
public enum ActionStatus: String, Sendable, CaseIterable, Codable {
    /// Not started.
    case open
    /// Being worked on.
    case inProgress = "in-progress"
    /// Done.
    case done
    /// Decided against.
    case wontDo = "wont-do"

    /// Reads a status cell, accepting the usual aliases (`todo`, `closed`, `fixed`, `wontfix`,
    /// `won't do`), case-insensitively.
    public init?(cell: String) {
        if let exact = ActionStatus(rawValue: cell) {
            self = exact
            return
        }
        let key = cell.trimmed.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "_", with: "-")
        switch key {
        case "open", "todo", "to-do", "to do": self = .open
        case "in-progress", "in progress", "doing", "wip": self = .inProgress
        case "done", "closed", "fixed", "complete", "completed": self = .done
        case "wont-do", "won't do", "wont do", "wontfix", "won't fix", "wont-fix": self = .wontDo
        default: return nil
        }
    }

    /// Whether the action still needs work (`open` or `in-progress`).
    public var isOpen: Bool { self == .open || self == .inProgress }

    /// The spellings accepted, for messages.
    public static let accepted = "open, in-progress, done, wont-do (or todo, closed, fixed, wontfix, won't do)"
}

/// A reference from an action to an SOP, as written in the SOP cell.
public struct SOPReference: Sendable, Hashable {
    /// The text as written (a link destination or a bare id).
    public var written: String
    /// The SOP id it resolves to when the SOP exists (or would exist) at that path.
    public var sopID: String?
}

/// One row of a Preventive Actions table.
public struct PreventiveAction: Sendable {
    /// The post-mortem's id.
    public var postmortemID: String
    /// The post-mortem's file.
    public var postmortemFile: String
    /// The `ID` cell.
    public var id: String
    /// The `Action` cell.
    public var action: String
    /// The `Owner` cell without a leading `@`.
    public var owner: String
    /// The `Due` cell as written.
    public var dueText: String
    /// The due date when it could be read.
    public var due: CalendarDate?
    /// The `Status` cell as written.
    public var statusText: String
    /// The status, when it could be read.
    public var status: ActionStatus?
    /// SOPs named in the `SOP` cell.
    public var sops: [SOPReference]
    /// The `Ticket` cell, when present and not empty.
    public var ticket: String?
    /// The `Type` cell, when present and not empty.
    public var type: String?
    /// The `Closed` cell (`Closed on`, `Completed`): the day the action was closed, when the
    /// table states it and it reads as a date. Recurrence takes it when no closing date is
    /// known from elsewhere (`docs/recurrence.md`).
    public var closed: CalendarDate?
    /// Where the row is.
    public var location: SourceLocation
    /// Where each cell is, by canonical column name.
    public var cellLocations: CellLocations
    /// Whether this is a legacy action kept without an owner or a due date: an open action of a
    /// post-mortem marked `imported: true` whose Owner or Due is empty or a placeholder
    /// (`TBD`, `n/a`, …). It is shown and counted, and never overdue.
    public var untracked = false

    /// What people write in an Owner or Due cell for "nobody yet" or "no date", compared
    /// case-insensitively. In a post-mortem marked `imported: true` such a cell makes an open
    /// action untracked; anywhere else it is reported like an empty cell.
    public static let placeholders: Set<String> = ["tbd", "tba", "n/a", "na", "-", "\u{2013}", "\u{2014}", "none", "?", "unknown"]

    /// Whether `cell` (trimmed, without a leading `@`) is empty or a placeholder.
    public static func isPlaceholder(_ cell: String) -> Bool {
        var text = cell.trimmed
        while text.hasPrefix("@") { text.removeFirst() }
        return text.isEmpty || placeholders.contains(text.lowercased())
    }

    /// `<post-mortem id>/<ID>`.
    public var key: String { postmortemID + "/" + id }

    /// The SOP ids the action names, each once, in the order written (a link and a bare id to
    /// the same SOP count once).
    public var sopIDs: [String] {
        var seen: Set<String> = []
        return sops.compactMap(\.sopID).filter { seen.insert($0).inserted }
    }

    /// Whether the action is open, tracked, and its due date lies before `date`.
    public func isOverdue(asOf date: CalendarDate) -> Bool {
        guard !untracked, let status, status.isOpen, let due else { return false }
        return due < date
    }

    /// Days past due as of `date` (0 when not overdue).
    public func daysOverdue(asOf date: CalendarDate) -> Int {
        guard isOverdue(asOf: date), let due else { return 0 }
        return date.daysSinceEpoch - due.daysSinceEpoch
    }
}

/// The Preventive Actions table of a post-mortem.
public struct ActionTable: Sendable {
    /// Where the table starts.
    public var location: SourceLocation
    /// Canonical names of the columns found, in order (nil for columns debrief ignores).
    public var columns: [String?]
    /// Required columns that are missing.
    public var missingColumns: [String]
    /// The rows.
    public var actions: [PreventiveAction]

    /// Columns every actions table needs.
    public static let requiredColumns = ["ID", "Action", "Owner", "Due", "Status"]
}
