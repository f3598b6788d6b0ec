/// The `--git` parts of the audit's formats: slips per action, the commits that name the
/// listed actions, drift, trailer keys that name no action, and whether the history is whole.
extension AuditFormatter {
    /// The slips cell: `2 (+42d)`, `0`, `?` when the history is incomplete, `-` when it never saw
    /// the action (not committed yet).
    static func slips(_ entry: AuditedAction, _ report: AuditReport) -> String {
        guard report.git?.history.isComplete == true else { return "?" }
        guard let record = entry.evidence?.record else { return "-" }
        let slips = record.slips
        return slips.isEmpty ? "0" : "\(slips.count) (+\(record.daysSlipped)d)"
    }

    /// The first due date the history recorded (`?` when incomplete, empty when none).
    static func firstDue(_ entry: AuditedAction, _ report: AuditReport) -> String {
        guard report.git?.history.isComplete == true else { return "?" }
        return entry.evidence?.record?.firstDue?.description ?? ""
    }

    /// One line on the history read, or why it is incomplete.
    public static func historyLine(_ history: ActionHistory) -> String {
        switch history.gap {
        case .shallow?:
            return "History: incomplete (shallow clone): first records, slips and closing dates are not known; "
                + "fetch the whole history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
        case .truncated?:
            return "History: incomplete: only the newest \(ActionHistoryReader.maxCommits) commits touching post-mortems were read"
        case nil:
            let head = history.head.map { " up to \(String($0.prefix(7)))" } ?? ""
            return "History: \(Plural.count(history.commitsRead, "commit")) touching post-mortems read\(head)"
        }
    }

    /// Why a code repository's evidence is incomplete.
    public static func shallowRepoLine(_ repo: String) -> String {
        "\(TerminalText.escape(repo)) is a shallow clone: trailers of commits older than its depth are not read; "
            + "fetch its whole history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)"
    }

    static func commitLine(_ reference: TrailerReference) -> String {
        "\(reference.repo) \(reference.commit.shortSHA) \(reference.commit.date) \(reference.kind.rawValue): \(reference.commit.subject)"
    }

    static func driftLine(_ drift: GitEvidence.Drift) -> String {
        let action = drift.action
        let place = "\(action.location.file):\(action.location.line)"
        let code = "[\(drift.kind.code.rawValue)] "
        switch drift.kind {
        case .closedByCommitButOpen:
            let reference = drift.reference.map { "\($0.repo) \($0.commit.shortSHA) (\($0.commit.date), \($0.kind.rawValue))" } ?? "a commit"
            return code + "\(action.key) is \(action.status?.rawValue ?? action.statusText) in \(place), but \(reference) closed it"
        case .doneWithoutEvidence:
            return code + "\(action.key) is done in \(place), but no commit names it and it has no ticket"
        }
    }

    func unknownLine(_ reference: TrailerReference, _ git: GitEvidence) -> String {
        var line = "[\(DiagnosticCode.trailerNamesNoAction.rawValue)] \(reference.key) in \(reference.repo) \(reference.commit.shortSHA) (\(reference.kind.rawValue)) names no action"
        if let close = git.suggestion(for: reference.key) { line += " (did you mean '\(close)'?)" }
        return line
    }

    /// Listed actions with slips, for `--slipped`: each slip with its commit.
    func slipLines(_ report: AuditReport) -> [String] {
        var lines: [String] = []
        for entry in report.actions {
            guard let record = entry.evidence?.record, !record.slips.isEmpty else { continue }
            lines.append("\(record.key): due moved \(record.slips.count)x, +\(record.daysSlipped) days")
            for slip in record.slips {
                lines.append("  \(slip.fromText) -> \(slip.toText) (+\(slip.days ?? 0)d) in \(slip.commit.shortSHA) \(slip.commit.date)")
            }
        }
        return lines
    }

    private func gitPaint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func gitText(_ report: AuditReport, _ git: GitEvidence) -> String {
        let show: (String) -> String = TerminalText.escape
        var out = ""
        if report.slippedAtLeast != nil {
            let lines = slipLines(report)
            if !lines.isEmpty { out += "Slipped:\n" + lines.map { "  " + show($0) + "\n" }.joined() + "\n" }
        }
        let named = report.actions.flatMap { entry in (entry.evidence?.references ?? []).map { (entry.action.key, $0) } }
        if !named.isEmpty {
            out += "Commits naming the listed actions:\n"
            for (key, reference) in named { out += "  \(show(key))  \(show(Self.commitLine(reference)))\n" }
            out += "\n"
        }
        if !git.drift.isEmpty {
            out += gitPaint("Drift (\(git.drift.count)):", "31") + "\n"
            for drift in git.drift { out += "  " + show(Self.driftLine(drift)) + "\n" }
            out += "\n"
        }
        if !git.unknownKeys.isEmpty {
            out += gitPaint("Trailers naming no action (\(git.unknownKeys.count)):", "33") + "\n"
            for reference in git.unknownKeys { out += "  " + show(unknownLine(reference, git)) + "\n" }
            out += "\n"
        }
        if git.evidenceNotChecked {
            out += "--require-evidence: not checked, the history is incomplete\n"
        }
        out += Self.historyLine(git.history) + "\n"
        for repo in git.shallowRepos { out += Self.shallowRepoLine(repo) + "\n" }
        return out
    }

    func gitMarkdown(_ report: AuditReport, _ git: GitEvidence) -> String {
        let cell: (String) -> String = { MarkdownEscaping.cell(TerminalText.escape($0)) }
        var out = ""
        if report.slippedAtLeast != nil {
            let lines = slipLines(report)
            if !lines.isEmpty {
                out += "\n### Slipped\n\n"
                for line in lines { out += line.hasPrefix("  ") ? "  - \(cell(line.trimmed))\n" : "- \(cell(line))\n" }
            }
        }
        let named = report.actions.flatMap { entry in (entry.evidence?.references ?? []).map { (entry.action.key, $0) } }
        if !named.isEmpty {
            out += "\n### Commits naming the listed actions\n\n"
            for (key, reference) in named { out += "- \(cell(key)): \(cell(Self.commitLine(reference)))\n" }
        }
        if !git.drift.isEmpty {
            out += "\n### Drift\n\n"
            for drift in git.drift { out += "- \(cell(Self.driftLine(drift)))\n" }
        }
        if !git.unknownKeys.isEmpty {
            out += "\n### Trailers naming no action\n\n"
            for reference in git.unknownKeys { out += "- \(cell(unknownLine(reference, git)))\n" }
        }
        out += "\n"
        if git.evidenceNotChecked { out += "--require-evidence: not checked, the history is incomplete\n\n" }
        out += cell(Self.historyLine(git.history)) + "\n"
        for repo in git.shallowRepos { out += "\n" + cell(Self.shallowRepoLine(repo)) + "\n" }
        return out
    }

    func gitAnnotations(_ report: AuditReport, _ git: GitEvidence) -> String {
        var out = ""
        for drift in git.drift {
            let action = drift.action
            out += "::error file=\(GitHubAnnotation.property(action.location.file)),line=\(action.location.line),title=\(drift.kind.code.rawValue)::"
                + GitHubAnnotation.message(Self.driftLine(drift)) + "\n"
        }
        for reference in git.unknownKeys {
            out += "::warning title=\(DiagnosticCode.trailerNamesNoAction.rawValue)::" + GitHubAnnotation.message(unknownLine(reference, git)) + "\n"
        }
        if !git.history.isComplete {
            out += "::warning::" + GitHubAnnotation.message(Self.historyLine(git.history)) + "\n"
        }
        for repo in git.shallowRepos {
            out += "::warning::" + GitHubAnnotation.message(Self.shallowRepoLine(repo)) + "\n"
        }
        return out
    }
}

/// The `git` object of `audit --format json`.
struct AuditGitJSON: Encodable {
    var history: History
    var repos: [String]
    var shallowRepos: [String]
    var drift: [Drift]
    var unknownKeys: [Reference]

    enum CodingKeys: String, CodingKey {
        case history, repos, shallowRepos = "shallow_repos", drift, unknownKeys = "unknown_keys"
    }

    struct History: Encodable {
        var complete: Bool
        var gap: String?
        var head: String?
        var commitsRead: Int

        enum CodingKeys: String, CodingKey {
            case complete, gap, head, commitsRead = "commits_read"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(complete, forKey: .complete)
            try container.encode(gap, forKey: .gap)
            try container.encode(head, forKey: .head)
            try container.encode(commitsRead, forKey: .commitsRead)
        }
    }

    struct Drift: Encodable {
        var code: String
        var kind: String
        var key: String
        var status: String
        var file: String
        var line: Int
        var commit: Reference?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(kind, forKey: .kind)
            try container.encode(key, forKey: .key)
            try container.encode(status, forKey: .status)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(commit, forKey: .commit)
        }

        enum CodingKeys: String, CodingKey { case code, kind, key, status, file, line, commit }
    }

    struct Reference: Encodable {
        var repo: String
        var sha: String
        var date: String
        var trailer: String
        var key: String
        var subject: String

        init(_ reference: TrailerReference) {
            repo = reference.repo
            sha = reference.commit.sha
            date = reference.commit.date.description
            trailer = reference.kind.rawValue
            key = reference.key
            subject = reference.commit.subject
        }
    }

    init(_ git: GitEvidence, report: AuditReport) {
        history = History(complete: git.history.isComplete, gap: git.history.gap?.rawValue, head: git.history.head,
                          commitsRead: git.history.commitsRead)
        repos = git.repos
        shallowRepos = git.shallowRepos
        drift = git.drift.map { drift in
            Drift(code: drift.kind.code.rawValue, kind: drift.kind.rawValue, key: drift.action.key, status: drift.action.status?.rawValue ?? drift.action.statusText,
                  file: drift.action.location.file, line: drift.action.location.line, commit: drift.reference.map(Reference.init))
        }
        unknownKeys = git.unknownKeys.map(Reference.init)
    }
}

/// The `--git` fields of one action in `audit --format json`: null where the history is
/// incomplete or never saw the action.
struct AuditActionGitJSON: Encodable {
    var slips: Int?
    var daysSlipped: Int?
    var firstDue: String?
    var firstRecorded: String?
    var closedOn: String?
    var dueChanges: [DueChangeJSON]?
    var commits: [AuditGitJSON.Reference]

    struct DueChangeJSON: Encodable {
        var from: String
        var to: String
        var days: Int?
        var sha: String
        var date: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(days, forKey: .days)
            try container.encode(sha, forKey: .sha)
            try container.encode(date, forKey: .date)
        }

        enum CodingKeys: String, CodingKey { case from, to, days, sha, date }
    }

    enum CodingKeys: String, CodingKey {
        case slips, daysSlipped = "days_slipped", firstDue = "first_due", firstRecorded = "first_recorded"
        case closedOn = "closed_on", dueChanges = "due_changes", commits
    }

    init(_ entry: AuditedAction, complete: Bool) {
        let record = complete ? entry.evidence?.record : nil
        slips = record?.slips.count
        daysSlipped = record?.daysSlipped
        firstDue = record?.firstDue?.description ?? record?.firstDueText
        firstRecorded = record?.firstRecorded.date.description
        closedOn = record?.closed?.date.description
        dueChanges = record?.dueChanges.map {
            DueChangeJSON(from: $0.fromText, to: $0.toText, days: $0.days, sha: $0.commit.sha, date: $0.commit.date.description)
        }
        commits = (entry.evidence?.references ?? []).map(AuditGitJSON.Reference.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slips, forKey: .slips)
        try container.encode(daysSlipped, forKey: .daysSlipped)
        try container.encode(firstDue, forKey: .firstDue)
        try container.encode(firstRecorded, forKey: .firstRecorded)
        try container.encode(closedOn, forKey: .closedOn)
        try container.encode(dueChanges, forKey: .dueChanges)
        try container.encode(commits, forKey: .commits)
    }
}

extension AuditGitJSON.Reference: PrettyJSONWritable {
    /// The members in sorted order.
    func write(to writer: inout PrettyJSON) {
        writer.openObject()
        writer.key("date"); writer.string(date)
        writer.key("key"); writer.string(key)
        writer.key("repo"); writer.string(repo)
        writer.key("sha"); writer.string(sha)
        writer.key("subject"); writer.string(subject)
        writer.key("trailer"); writer.string(trailer)
        writer.closeObject()
    }
}

extension AuditActionGitJSON.DueChangeJSON: PrettyJSONWritable {
    /// The members of `encode(to:)` in sorted order.
    func write(to writer: inout PrettyJSON) {
        writer.openObject()
        writer.key("date"); writer.string(date)
        writer.key("days"); writer.int(days)
        writer.key("from"); writer.string(from)
        writer.key("sha"); writer.string(sha)
        writer.key("to"); writer.string(to)
        writer.closeObject()
    }
}
