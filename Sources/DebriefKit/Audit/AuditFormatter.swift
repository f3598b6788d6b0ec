import Foundation

/// The output formats of `debrief audit`.
public enum AuditFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal, a summary line, then stale SOPs.
    case table
    /// Plain text: the same as `table` for the list of actions; the digest's own text with
    /// `--by-owner`.
    case text
    /// One JSON document.
    case json
    /// A header row and one row per action (RFC 4180 quoting).
    case csv
    /// A GFM table for a pull request comment or an issue, the summary, then stale SOPs.
    case markdown
    /// GitHub Actions warnings on the row of each overdue action.
    case github
}

/// Turns an audit report into the text a command prints. Every format ends with a newline
/// (`github` prints nothing when nothing is overdue).
public struct AuditFormatter: Sendable {
    /// Which format to produce.
    public var format: AuditFormat
    /// Whether to colour the table with ANSI escapes (only ever on a terminal).
    public var colored: Bool
    /// JSON's actions and recurrences through `JSONEncoder` instead of `PrettyJSON`: the
    /// reference the differential test compares the written ones with.
    var encodesElements = false

    /// Creates a formatter.
    public init(format: AuditFormat, colored: Bool = false) {
        self.format = format
        self.colored = colored
    }

    /// The widest the action column of the table gets; longer actions end in `…`.
    public static let tableActionWidth = 50

    /// The report in the chosen format.
    public func format(_ report: AuditReport) -> String {
        switch format {
        case .table, .text: table(report)
        case .json: json(report)
        case .csv: csv(report)
        case .markdown: markdown(report)
        case .github: github(report)
        }
    }

    /// The summary line: what is listed, then the counts over everything the filters let through.
    public static func summaryLine(_ report: AuditReport) -> String {
        let listedOverdue = report.actions.count { $0.isOverdue }
        let listedBefore = report.actions.count { $0.isBeforeBaseline }
        let s = report.summary
        let untracked = s.untracked > 0 ? ", \(s.untracked) untracked" : ""
        let baseline = listedBefore > 0 ? " (\(listedBefore) before the baseline \(report.gateSince?.description ?? ""))" : ""
        return "\(Plural.count(report.actions.count, "action")) listed, \(listedOverdue) overdue\(baseline), as of \(report.asOf)"
            + " (\(Plural.count(s.total, "action")) in all: \(s.open) open, \(s.done) done, \(s.wontDo) won't do\(untracked))"
    }
}

// MARK: - Table

private extension AuditFormatter {
    func table(_ report: AuditReport) -> String {
        let withGit = report.git != nil
        let header = ["KEY", "STATUS", "OWNER", "DUE", "DAYS OVERDUE"] + (withGit ? ["SLIPS", "FIRST DUE"] : []) + ["ACTION", "SOPS"]
        let rows = report.actions.map { entry -> [String] in
            let action = entry.action
            let show: (String) -> String = TerminalText.escape
            let git = withGit ? [Self.slips(entry, report), Self.firstDue(entry, report)] : []
            return [show(action.key), Self.status(action), show(action.owner), show(action.dueText),
                    Self.days(entry)] + git + [
                    Self.truncate(show(Self.oneLine(action.action)), to: Self.tableActionWidth),
                    show(action.sopIDs.joined(separator: ", "))]
        }
        var out = ""
        if !rows.isEmpty {
            var widths = header.map(\.count)
            for row in rows {
                for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
            }
            func line(_ mark: String, _ cells: [String]) -> String {
                let padded = cells.enumerated().map { index, cell in
                    let gap = String(repeating: " ", count: widths[index] - cell.count)
                    return index == 4 ? gap + cell : cell + gap
                }
                var text = mark + " " + padded.joined(separator: "  ")
                while text.last == " " { text.removeLast() }
                return text
            }
            out += paint(line(" ", header), "1") + "\n"
            for (entry, row) in zip(report.actions, rows) {
                let gating = entry.isOverdue && !entry.isBeforeBaseline
                let text = line(gating ? "!" : " ", row)
                out += (gating ? paint(text, "31") : text) + "\n"
            }
            out += "\n"
        }
        out += Self.summaryLine(report) + "\n"
        if !report.staleSOPs.isEmpty {
            out += "\n" + paint("Stale SOPs (an incident linked to them started after their last review):", "33") + "\n"
            let width = report.staleSOPs.map { TerminalText.escape($0.sopID).count }.max() ?? 0
            for stale in report.staleSOPs {
                let incidents = stale.incidents.map { "\(TerminalText.escape($0.id)) (started \($0.started))" }.joined(separator: ", ")
                let sop = TerminalText.escape(stale.sopID)
                out += "  " + sop + String(repeating: " ", count: width - sop.count)
                    + "  last reviewed \(stale.lastReviewed)  \(incidents)\n"
            }
        }
        let late = report.latePostmortems
        if !late.isEmpty {
            out += "\n" + paint("Late post-mortems (past their publishing deadline; see 'debrief audit --late'):", "33") + "\n"
            out += lateTable(late)
        }
        if !report.recurrences.isEmpty {
            out += "\n" + paint("Recurrences (a similar incident started while an earlier one's action was open):", "33") + "\n"
            for recurrence in report.recurrences {
                out += "  " + TerminalText.escape(Self.recurrenceLine(recurrence)) + "\n"
            }
        }
        if let git = report.git { out += "\n" + gitText(report, git) }
        return out
    }

    func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    static func truncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}

// MARK: - Markdown

private extension AuditFormatter {
    func markdown(_ report: AuditReport) -> String {
        var out = ""
        if !report.actions.isEmpty {
            let withGit = report.git != nil
            out += "| Key | Status | Owner | Due | Days overdue |" + (withGit ? " Slips | First due |" : "") + " Action | SOPs |\n"
            out += "| --- | --- | --- | --- | ---: |" + (withGit ? " ---: | --- |" : "") + " --- | --- |\n"
            for entry in report.actions {
                let action = entry.action
                let cells = [action.key, Self.status(action), action.owner, action.dueText].map(Self.markdownCell)
                let days = entry.isBeforeBaseline ? Self.days(entry) : entry.isOverdue ? "**\(entry.daysOverdue)**" : ""
                let sops = action.sopIDs.map(Self.markdownCell).joined(separator: ", ")
                let git = withGit ? [Self.slips(entry, report), Self.firstDue(entry, report)] : []
                out += "| " + (cells + [days] + git + [Self.markdownCell(action.action), sops]).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        out += Self.summaryLine(report) + "\n"
        if !report.staleSOPs.isEmpty {
            out += "\n### Stale SOPs\n\n"
            for stale in report.staleSOPs {
                let incidents = stale.incidents.map { "\(Self.markdownCell($0.id)) (started \($0.started))" }.joined(separator: ", ")
                out += "- \(Self.markdownCell(stale.sopID)), last reviewed \(stale.lastReviewed): \(incidents)\n"
            }
        }
        let late = report.latePostmortems
        if !late.isEmpty {
            out += "\n### Late post-mortems\n\n" + lateMarkdown(late)
        }
        if !report.recurrences.isEmpty {
            out += "\n### Recurrences\n\n"
            for recurrence in report.recurrences {
                out += "- " + Self.markdownCell(Self.recurrenceLine(recurrence)) + "\n"
            }
        }
        if let git = report.git { out += gitMarkdown(report, git) }
        return out
    }

    /// A cell that shows its text, control characters written out, and cannot break the table.
    static func markdownCell(_ text: String) -> String {
        MarkdownEscaping.cell(TerminalText.escape(text))
    }
}

// MARK: - CSV

private extension AuditFormatter {
    func csv(_ report: AuditReport) -> String {
        let withGit = report.git != nil
        var out = "key,postmortem,id,status,owner,due,overdue,days_overdue,action,sops,ticket,severity,file,line,untracked,before_baseline,recurrences"
            + (withGit ? ",slips,days_slipped,first_due,first_recorded,closed_on,commits" : "") + "\n"
        for entry in report.actions {
            let action = entry.action
            let text = [action.key, action.postmortemID, action.id, Self.plainStatus(action), action.owner, action.dueText]
                .map(Self.csvText)
            let fields = text + [entry.isOverdue ? "true" : "false", String(entry.daysOverdue), Self.csvText(action.action),
                                 Self.csvText(action.sopIDs.joined(separator: ";")), Self.csvText(action.ticket ?? ""),
                                 Self.csvText(entry.severity), Self.csvText(action.location.file), String(action.location.line),
                                 entry.isUntracked ? "true" : "false", entry.isBeforeBaseline ? "true" : "false",
                                 Self.csvText(report.recurrences(through: action.key).map(\.laterID).joined(separator: ";"))]
            var git: [String] = []
            if withGit {
                let record = entry.evidence?.record
                git = [record.map { String($0.slips.count) } ?? "", record.map { String($0.daysSlipped) } ?? "",
                       record?.firstDue?.description ?? "", record?.firstRecorded.date.description ?? "",
                       record?.closed?.date.description ?? "",
                       Self.csvText((entry.evidence?.references ?? []).map { "\($0.repo)@\($0.commit.shortSHA)" }.joined(separator: ";"))]
            }
            out += (fields + git).map(Self.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Repository text as a cell no spreadsheet takes for a formula: one that starts with `=`,
    /// `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice), which
    /// spreadsheets show as text and hide. Numbers debrief computes never pass through here.
    static func csvText(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

// MARK: - GitHub

private extension AuditFormatter {
    func github(_ report: AuditReport) -> String {
        var out = ""
        for entry in report.actions where entry.isOverdue {
            let action = entry.action
            let owner = action.owner.isEmpty ? "no owner" : "owner \(action.owner)"
            var message = "\(action.key) is \(Plural.count(entry.daysOverdue, "day")) overdue (\(owner))"
            // Before the baseline: shown, but as a notice, since it does not fail the gate.
            let level = entry.isBeforeBaseline ? "notice" : "warning"
            if entry.isBeforeBaseline { message += ", due before the baseline \(report.gateSince?.description ?? "")" }
            out += "::\(level) file=\(GitHubAnnotation.property(action.location.file)),line=\(action.location.line)::\(GitHubAnnotation.message(message))\n"
        }
        for recurrence in report.recurrences {
            out += "::warning file=\(GitHubAnnotation.property(recurrence.laterFile))::\(GitHubAnnotation.message(Self.recurrenceLine(recurrence)))\n"
        }
        if let git = report.git { out += gitAnnotations(report, git) }
        return out + Self.lateAnnotations(report.latePostmortems)
    }
}

// MARK: - JSON

private extension AuditFormatter {
    struct JSONReport: Encodable {
        var asOf: String
        var gateSince: String?
        var actions: [Action]
        var summary: Summary
        var staleSOPs: [Stale]
        var latePostmortems: [LateJSONItem]
        var recurrences: [Recurred]
        var git: AuditGitJSON?

        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", gateSince = "gate_since", actions, summary, staleSOPs = "stale_sops", latePostmortems = "late_postmortems", recurrences, git
        }

        /// Written out so that an absent baseline is `null`, not a missing key.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(gateSince, forKey: .gateSince)
            try container.encode(actions, forKey: .actions)
            try container.encode(summary, forKey: .summary)
            try container.encode(staleSOPs, forKey: .staleSOPs)
            try container.encode(latePostmortems, forKey: .latePostmortems)
            try container.encode(recurrences, forKey: .recurrences)
            try container.encodeIfPresent(git, forKey: .git)
        }

        struct Recurred: Encodable {
            var postmortem: String
            var file: String
            var started: String
            var recurs: String
            var similarity: Double
            var action: String
            var due: String?
            var closed: String?
            var state: String
            var daysOverdue: Int
            var message: String

            enum CodingKeys: String, CodingKey {
                case postmortem, file, started, recurs, similarity, action, due, closed, state, daysOverdue = "days_overdue", message
            }

            /// Written out so that an absent due or closing day is `null`, not a missing key.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(postmortem, forKey: .postmortem)
                try container.encode(file, forKey: .file)
                try container.encode(started, forKey: .started)
                try container.encode(recurs, forKey: .recurs)
                try container.encode(similarity, forKey: .similarity)
                try container.encode(action, forKey: .action)
                try container.encode(due, forKey: .due)
                try container.encode(closed, forKey: .closed)
                try container.encode(state, forKey: .state)
                try container.encode(daysOverdue, forKey: .daysOverdue)
                try container.encode(message, forKey: .message)
            }
        }

        struct Action: Encodable {
            var key: String
            var postmortem: String
            var id: String
            var action: String
            var owner: String
            var due: String?
            var status: String
            var overdue: Bool
            var daysOverdue: Int
            var untracked: Bool
            var beforeBaseline: Bool
            var sops: [String]
            var ticket: String?
            var severity: String
            var file: String
            var line: Int
            var git: AuditActionGitJSON?

            enum CodingKeys: String, CodingKey {
                case key, postmortem, id, action, owner, due, status, overdue, daysOverdue = "days_overdue"
                case untracked, beforeBaseline = "before_baseline", sops, ticket, severity, file, line
            }

            /// Written out so that an absent ticket or due date is `null`, not a missing key.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(key, forKey: .key)
                try container.encode(postmortem, forKey: .postmortem)
                try container.encode(id, forKey: .id)
                try container.encode(action, forKey: .action)
                try container.encode(owner, forKey: .owner)
                try container.encode(due, forKey: .due)
                try container.encode(status, forKey: .status)
                try container.encode(overdue, forKey: .overdue)
                try container.encode(daysOverdue, forKey: .daysOverdue)
                try container.encode(untracked, forKey: .untracked)
                try container.encode(beforeBaseline, forKey: .beforeBaseline)
                try container.encode(sops, forKey: .sops)
                try container.encode(ticket, forKey: .ticket)
                try container.encode(severity, forKey: .severity)
                try container.encode(file, forKey: .file)
                try container.encode(line, forKey: .line)
                // The history's fields sit beside the others, only with --git.
                try git?.encode(to: encoder)
            }
        }

        struct Summary: Encodable {
            var total: Int
            var open: Int
            var overdue: Int
            var done: Int
            var wontDo: Int
            var untracked: Int
            var beforeBaseline: Int

            enum CodingKeys: String, CodingKey {
                case total, open, overdue, done, wontDo = "wont_do", untracked, beforeBaseline = "before_baseline"
            }
        }

        struct Stale: Encodable {
            var sop: String
            var lastReviewed: String
            var incidents: [String]

            enum CodingKeys: String, CodingKey {
                case sop, lastReviewed = "last_reviewed", incidents
            }
        }
    }

    func json(_ report: AuditReport) -> String {
        let s = report.summary
        // The actions and recurrences, the bulk of a large report, are made and written on
        // every core by `PrettyJSON` and put in place (`JSON.encode(_:splicing:)`): the bytes
        // `JSONEncoder` writes for the whole, which `PrettyJSONTests` holds them to.
        let value = JSONReport(
            asOf: report.asOf.description,
            gateSince: report.gateSince?.description,
            actions: [],
            summary: .init(total: s.total, open: s.open, overdue: s.overdue, done: s.done, wontDo: s.wontDo, untracked: s.untracked,
                           beforeBaseline: s.beforeBaseline),
            staleSOPs: report.staleSOPs.map { .init(sop: $0.sopID, lastReviewed: $0.lastReviewed.description, incidents: $0.incidents.map(\.id)) },
            latePostmortems: report.latePostmortems.map(LateJSONItem.init),
            recurrences: [],
            git: report.git.map { AuditGitJSON($0, report: report) }
        )
        let complete = report.git?.history.isComplete == true
        let withGit = report.git != nil
        return JSON.encode(value, splicing: [
            encodesElements
                ? JSON.Splice(key: "actions", items: report.actions) { JSONReport.Action($0, withGit: withGit, complete: complete) }
                : JSON.Splice(key: "actions", items: report.actions, writing: { JSONReport.Action($0, withGit: withGit, complete: complete) }),
            encodesElements
                ? JSON.Splice(key: "recurrences", items: report.recurrences, JSONReport.Recurred.init)
                : JSON.Splice(key: "recurrences", items: report.recurrences, writing: JSONReport.Recurred.init),
        ]) + "\n"
    }
}

private extension AuditFormatter.JSONReport.Action {
    init(_ entry: AuditedAction, withGit: Bool, complete: Bool) {
        let git = withGit ? AuditActionGitJSON(entry, complete: complete) : nil
        let action = entry.action
        self.init(key: action.key, postmortem: action.postmortemID, id: action.id, action: action.action,
                  owner: action.owner, due: action.due?.description ?? (action.dueText.isEmpty ? nil : action.dueText),
                  status: AuditFormatter.plainStatus(action), overdue: entry.isOverdue, daysOverdue: entry.daysOverdue,
                  untracked: entry.isUntracked, beforeBaseline: entry.isBeforeBaseline, sops: action.sopIDs, ticket: action.ticket,
                  severity: entry.severity, file: action.location.file, line: action.location.line, git: git)
    }
}

extension AuditFormatter.JSONReport.Action: PrettyJSONWritable {
    /// The members of `encode(to:)`, the `--git` ones among them, in sorted order.
    func write(to writer: inout PrettyJSON) {
        writer.openObject()
        writer.key("action"); writer.string(action)
        writer.key("before_baseline"); writer.bool(beforeBaseline)
        if let git {
            writer.key("closed_on"); writer.string(git.closedOn)
            writer.key("commits"); writer.array(git.commits)
        }
        writer.key("days_overdue"); writer.int(daysOverdue)
        if let git { writer.key("days_slipped"); writer.int(git.daysSlipped) }
        writer.key("due"); writer.string(due)
        if let git {
            writer.key("due_changes")
            if let changes = git.dueChanges { writer.array(changes) } else { writer.null() }
        }
        writer.key("file"); writer.string(file)
        if let git {
            writer.key("first_due"); writer.string(git.firstDue)
            writer.key("first_recorded"); writer.string(git.firstRecorded)
        }
        writer.key("id"); writer.string(id)
        writer.key("key"); writer.string(key)
        writer.key("line"); writer.int(line)
        writer.key("overdue"); writer.bool(overdue)
        writer.key("owner"); writer.string(owner)
        writer.key("postmortem"); writer.string(postmortem)
        writer.key("severity"); writer.string(severity)
        if let git { writer.key("slips"); writer.int(git.slips) }
        writer.key("sops"); writer.strings(sops)
        writer.key("status"); writer.string(status)
        writer.key("ticket"); writer.string(ticket)
        writer.key("untracked"); writer.bool(untracked)
        writer.closeObject()
    }
}

extension AuditFormatter.JSONReport.Recurred: PrettyJSONWritable {
    /// The members of `encode(to:)` in sorted order.
    func write(to writer: inout PrettyJSON) {
        writer.openObject()
        writer.key("action"); writer.string(action)
        writer.key("closed"); writer.string(closed)
        writer.key("days_overdue"); writer.int(daysOverdue)
        writer.key("due"); writer.string(due)
        writer.key("file"); writer.string(file)
        writer.key("message"); writer.string(message)
        writer.key("postmortem"); writer.string(postmortem)
        writer.key("recurs"); writer.string(recurs)
        writer.key("similarity"); writer.double(similarity)
        writer.key("started"); writer.string(started)
        writer.key("state"); writer.string(state)
        writer.closeObject()
    }
}

private extension AuditFormatter.JSONReport.Recurred {
    init(_ recurrence: Recurrence) {
        let state: String
        switch recurrence.state {
        case .open: state = "open"
        case .closedBeforeDue: state = "closed-before-due"
        }
        self.init(postmortem: recurrence.laterID, file: recurrence.laterFile, started: recurrence.started.description,
                  recurs: recurrence.earlierID, similarity: (recurrence.score * 1000).rounded() / 1000, action: recurrence.actionKey,
                  due: recurrence.due?.description, closed: recurrence.closed?.description, state: state,
                  daysOverdue: recurrence.daysOverdue, message: recurrence.sentence)
    }
}

// MARK: - Shared

private extension AuditFormatter {
    /// The canonical status, or the cell as written when it cannot be read; `(untracked)`
    /// after it for an untracked action.
    static func status(_ action: PreventiveAction) -> String {
        let status = action.status?.rawValue ?? action.statusText
        return action.untracked ? status + " (untracked)" : status
    }

    /// The canonical status alone, for the formats that carry `untracked` in a field of its own.
    static func plainStatus(_ action: PreventiveAction) -> String {
        action.status?.rawValue ?? action.statusText
    }

    /// Days overdue as the table and Markdown show them; empty when not overdue.
    static func days(_ entry: AuditedAction) -> String {
        guard entry.isOverdue else { return "" }
        return entry.isBeforeBaseline ? "\(entry.daysOverdue) (before baseline)" : String(entry.daysOverdue)
    }

    /// `INC-2026-007 (started 2026-03-02) recurs INC-2025-031, similarity 0.62: recurred while …`.
    static func recurrenceLine(_ recurrence: Recurrence) -> String {
        "\(recurrence.laterID) (started \(recurrence.started)) recurs \(recurrence.earlierID), similarity "
            + recurrence.score.twoDecimals + ": " + recurrence.sentence
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
