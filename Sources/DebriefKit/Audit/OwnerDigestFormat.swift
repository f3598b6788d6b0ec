// The formats of `debrief audit --by-owner`, beside the audit's other formats.
extension AuditFormatter {
    /// The formats the owner digest is written in; the others are refused with `--by-owner`.
    public static let digestFormats: [AuditFormat] = [.text, .markdown, .json]

    /// The digest in the chosen format: `markdown`, `json`, or text (for `text` and `table`).
    public func format(_ digest: OwnerDigest) -> String {
        switch format {
        case .markdown: digestMarkdown(digest)
        case .json: digestJSON(digest)
        case .table, .text, .csv, .github: digestText(digest)
        }
    }
}

// MARK: - Text

private extension AuditFormatter {
    func digestText(_ digest: OwnerDigest) -> String {
        let show: (String) -> String = TerminalText.escape
        var out = ""
        for section in digest.sections {
            out += (section.owner.map(show) ?? "(no owner)") + ": " + Self.counts(section) + "\n"
            let groups: [(String, [OwnerDigest.Entry])] = [("overdue", section.overdue), ("open", section.open), ("untracked", section.untracked)]
            for (label, entries) in groups {
                for entry in entries {
                    let padded = label + String(repeating: " ", count: max(0, 9 - label.count))
                    var line = "  \(padded)  \(show(entry.audited.action.key))  \(Self.when(entry.audited))  \(show(entry.audited.action.action.split(whereSeparator: \.isNewline).joined(separator: " ")))"
                    if let url = entry.url { line += "  " + show(url) }
                    out += line + "\n"
                }
            }
            out += "\n"
        }
        out += Self.digestSummary(digest) + "\n"
        return out
    }
}

// MARK: - Markdown

private extension AuditFormatter {
    func digestMarkdown(_ digest: OwnerDigest) -> String {
        var out = "## Preventive actions by owner\n\n" + Self.digestSummary(digest) + "\n"
        for section in digest.sections {
            out += "\n### " + (section.owner.map(Self.markdownText) ?? "No owner") + "\n\n" + Self.counts(section) + "\n"
            let groups: [(String, [OwnerDigest.Entry])] = [
                ("Overdue", section.overdue), ("Open", section.open), ("Untracked (no owner or no due date yet)", section.untracked),
            ]
            for (title, entries) in groups where !entries.isEmpty {
                out += "\n**\(title)**\n\n"
                for entry in entries {
                    let action = entry.audited.action
                    var key = Self.markdownText(action.key)
                    if let url = entry.url { key = "[\(key)](\(MarkdownEscaping.destination(url)))" }
                    // The item starts with text debrief writes, so no action text can start a block.
                    var when = Self.when(entry.audited)
                    if entry.audited.isOverdue && !entry.audited.isBeforeBaseline {
                        when = "**\(Plural.count(entry.audited.daysOverdue, "day")) overdue**, due \(Self.markdownText(action.dueText))"
                    } else {
                        when = Self.markdownText(when)
                    }
                    out += "- \(when): \(key) \(Self.markdownText(action.action))\n"
                }
            }
        }
        return out
    }

    static func markdownText(_ text: String) -> String {
        MarkdownEscaping.cell(TerminalText.escape(text))
    }
}

// MARK: - JSON

private extension AuditFormatter {
    struct DigestJSON: Encodable {
        var asOf: String
        var gateSince: String?
        var owners: [Owner]
        var summary: Summary

        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", gateSince = "gate_since", owners, summary
        }

        /// Written out so that an absent baseline is `null`, not a missing key.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(gateSince, forKey: .gateSince)
            try container.encode(owners, forKey: .owners)
            try container.encode(summary, forKey: .summary)
        }

        struct Owner: Encodable {
            var owner: String?
            var overdue: [Action]
            var open: [Action]
            var untracked: [Action]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(owner, forKey: .owner)
                try container.encode(overdue, forKey: .overdue)
                try container.encode(open, forKey: .open)
                try container.encode(untracked, forKey: .untracked)
            }

            enum CodingKeys: String, CodingKey { case owner, overdue, open, untracked }
        }

        struct Action: Encodable {
            var key: String
            var action: String
            var owner: String
            var due: String?
            var status: String
            var daysOverdue: Int
            var beforeBaseline: Bool
            var url: String?
            var file: String
            var line: Int

            enum CodingKeys: String, CodingKey {
                case key, action, owner, due, status, daysOverdue = "days_overdue", beforeBaseline = "before_baseline", url, file, line
            }

            /// Written out so that an absent due date or address is `null`, not a missing key.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(key, forKey: .key)
                try container.encode(action, forKey: .action)
                try container.encode(owner, forKey: .owner)
                try container.encode(due, forKey: .due)
                try container.encode(status, forKey: .status)
                try container.encode(daysOverdue, forKey: .daysOverdue)
                try container.encode(beforeBaseline, forKey: .beforeBaseline)
                try container.encode(url, forKey: .url)
                try container.encode(file, forKey: .file)
                try container.encode(line, forKey: .line)
            }
        }

        struct Summary: Encodable {
            var owners: Int
            var overdue: Int
            var open: Int
            var untracked: Int
        }
    }

    func digestJSON(_ digest: OwnerDigest) -> String {
        let action = { (entry: OwnerDigest.Entry) -> DigestJSON.Action in
            let a = entry.audited.action
            return .init(key: a.key, action: a.action, owner: a.owner, due: a.due?.description ?? (a.dueText.isEmpty ? nil : a.dueText),
                         status: a.status?.rawValue ?? a.statusText, daysOverdue: entry.audited.daysOverdue,
                         beforeBaseline: entry.audited.isBeforeBaseline, url: entry.url, file: a.location.file, line: a.location.line)
        }
        let owners = digest.sections.map { section in
            DigestJSON.Owner(owner: section.owner, overdue: section.overdue.map(action), open: section.open.map(action),
                             untracked: section.untracked.map(action))
        }
        let totals = Self.totals(digest)
        let value = DigestJSON(asOf: digest.report.asOf.description, gateSince: digest.report.gateSince?.description, owners: owners,
                               summary: .init(owners: digest.namedOwnerCount, overdue: totals.overdue, open: totals.open,
                                              untracked: totals.untracked))
        return JSON.encode(value) + "\n"
    }
}

// MARK: - Shared

private extension AuditFormatter {
    /// `2 overdue, 1 open, 1 untracked`, leaving out what is zero (`1 open` at the least).
    static func counts(_ section: OwnerDigest.Section) -> String {
        var parts: [String] = []
        if !section.overdue.isEmpty { parts.append("\(section.overdue.count) overdue") }
        if !section.open.isEmpty || parts.isEmpty && section.untracked.isEmpty { parts.append("\(section.open.count) open") }
        if !section.untracked.isEmpty { parts.append("\(section.untracked.count) untracked") }
        return parts.joined(separator: ", ")
    }

    static func totals(_ digest: OwnerDigest) -> (overdue: Int, open: Int, untracked: Int) {
        digest.sections.reduce((0, 0, 0)) { sum, section in
            (sum.0 + section.overdue.count, sum.1 + section.open.count, sum.2 + section.untracked.count)
        }
    }

    /// `12 owners, 5 overdue, 9 open, 1 untracked, as of 2026-06-01`; the actions without an
    /// owner are counted, their section is not an owner.
    static func digestSummary(_ digest: OwnerDigest) -> String {
        let totals = totals(digest)
        let untracked = totals.untracked > 0 ? ", \(totals.untracked) untracked" : ""
        return "\(Plural.count(digest.namedOwnerCount, "owner")), \(totals.overdue) overdue, \(totals.open) open\(untracked), as of \(digest.report.asOf)"
    }

    /// When the action is due, as plain text: `due 2026-05-10, 22 days overdue`, `due 2026-08-01`,
    /// `due before the baseline …`, `no due date`.
    static func when(_ audited: AuditedAction) -> String {
        let action = audited.action
        let due = action.dueText.trimmed.isEmpty ? "no due date" : "due \(action.dueText.trimmed)"
        guard audited.isOverdue else { return due }
        let days = "\(Plural.count(audited.daysOverdue, "day")) overdue"
        return audited.isBeforeBaseline ? "\(due), \(days) (before the baseline)" : "\(due), \(days)"
    }
}
