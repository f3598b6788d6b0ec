import Foundation

/// How `debrief diff` prints a `KnowledgeDiff`.
public enum KnowledgeDiffFormat: String, Sendable, CaseIterable {
    /// Short and grouped, for `$GITHUB_STEP_SUMMARY` and a pull-request comment; post-mortems
    /// and actions link to the site when `base_url` is set.
    case markdown
    /// Plain lines for a terminal.
    case text
    /// Everything, for scripts.
    case json

    /// `diff` rendered in this format; `title` names the two sides (`main...HEAD`).
    public func render(_ diff: KnowledgeDiff, title: String) -> String {
        switch self {
        case .markdown: return Self.markdown(diff, title: title)
        case .text: return Self.text(diff, title: title)
        case .json: return JSON.encode(DiffJSON(diff, title: title)) + "\n"
        }
    }
}

private extension KnowledgeDiffFormat {
    /// The most lines one Markdown section shows.
    static let markdownLimit = 30

    /// The one-line summary: counts of what happened, nothing that is zero.
    static func summary(_ diff: KnowledgeDiff) -> String {
        var parts: [String] = []
        func add(_ count: Int, _ text: String) { if count > 0 { parts.append(text) } }
        add(diff.added.count, "\(Plural.count(diff.added.count, "post-mortem")) added")
        add(diff.removed.count, "\(Plural.count(diff.removed.count, "post-mortem")) removed")
        add(diff.changed.count, "\(Plural.count(diff.changed.count, "post-mortem")) changed")
        add(diff.actionsAdded.count, "\(Plural.count(diff.actionsAdded.count, "action")) added")
        add(diff.actionsClosed.count, "\(Plural.count(diff.actionsClosed.count, "action")) closed")
        add(diff.actionsReopened.count, "\(Plural.count(diff.actionsReopened.count, "action")) reopened")
        add(diff.actionsRemoved.count, "\(Plural.count(diff.actionsRemoved.count, "action")) removed")
        add(diff.actionsReowned.count, "\(Plural.count(diff.actionsReowned.count, "action")) re-owned")
        add(diff.dueMoved.count, "\(Plural.count(diff.dueMoved.count, "due date")) moved")
        let newlyOverdue = diff.overdue.filter(\.isNew).count
        add(diff.overdue.count, "\(Plural.count(diff.overdue.count, "action")) overdue" + (newlyOverdue > 0 ? " (\(newlyOverdue) by this change)" : ""))
        add(diff.introduced.count, "\(Plural.count(diff.introduced.count, "finding")) introduced")
        add(diff.fixed.count, "\(Plural.count(diff.fixed.count, "finding")) fixed")
        return parts.isEmpty ? "no change to post-mortems or actions" : parts.joined(separator: ", ")
    }

    static func days(_ days: Int) -> String {
        (days > 0 ? "+" : "") + Plural.count(days, "day")
    }

    // MARK: - Markdown

    static func markdown(_ diff: KnowledgeDiff, title: String) -> String {
        var out = "## debrief: `\(title.replacingOccurrences(of: "`", with: "'"))`\n\n\(summary(diff)).\n"
        // A pull-request comment holds 65,536 characters: each section stops after `markdownLimit`
        // lines and says how many more there are (the JSON and text formats list them all).
        func section(_ heading: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            out += "\n### \(heading)\n\n" + lines.prefix(markdownLimit).map { "- \($0)\n" }.joined()
            if lines.count > markdownLimit { out += "- … and \(lines.count - markdownLimit) more (`debrief diff --format text` lists them all)\n" }
        }
        func pm(_ ref: KnowledgeDiff.PostmortemRef) -> String {
            let name = "\(MarkdownEscaping.cell(ref.id)) \(MarkdownEscaping.cell(ref.title))"
            return ref.url.map { "[\(name)](\(MarkdownEscaping.destination($0)))" } ?? name
        }
        func action(_ ref: KnowledgeDiff.ActionRef) -> String {
            let key = "`\(ref.key.replacingOccurrences(of: "`", with: "'"))`"
            return (ref.url.map { "[\(key)](\(MarkdownEscaping.destination($0)))" } ?? key) + " " + MarkdownEscaping.cell(ref.action)
        }
        func owner(_ name: String) -> String { name.isEmpty ? "nobody" : MarkdownEscaping.cell(name) }
        var postmortems: [String] = []
        postmortems += diff.added.map { "Added: \(pm($0))" + ($0.status.isEmpty ? "" : " (\(MarkdownEscaping.cell($0.status)))") }
        postmortems += diff.statusMoves.map { "Status: \(pm($0.postmortem)): \(MarkdownEscaping.cell($0.from)) → \(MarkdownEscaping.cell($0.to))" }
        let moved = Set(diff.statusMoves.map(\.postmortem.id))
        postmortems += diff.changed.filter { !moved.contains($0.id) }.map { "Changed: \(pm($0))" }
        postmortems += diff.removed.map { "Removed: \(MarkdownEscaping.cell($0.id)) \(MarkdownEscaping.cell($0.title))" }
        section("Post-mortems", postmortems)
        var actions: [String] = []
        actions += diff.actionsClosed.map { "Closed: \(action($0.action)) (\(MarkdownEscaping.cell($0.from)) → \(MarkdownEscaping.cell($0.to)))" }
        actions += diff.actionsReopened.map { "Reopened: \(action($0.action)) (\(MarkdownEscaping.cell($0.from)) → \(MarkdownEscaping.cell($0.to)))" }
        actions += diff.actionsAdded.map { "Added: \(action($0)) (\(owner($0.owner)), due \(MarkdownEscaping.cell($0.due)))" }
        actions += diff.actionsRemoved.map { "Removed: `\($0.key.replacingOccurrences(of: "`", with: "'"))` \(MarkdownEscaping.cell($0.action))" }
        actions += diff.actionsReowned.map { "Re-owned: \(action($0.action)) (\(owner($0.from)) → \(owner($0.to)))" }
        actions += diff.dueMoved.map { "Due moved: \(action($0.action)) (\(MarkdownEscaping.cell($0.from)) → \(MarkdownEscaping.cell($0.to)), \(days($0.days ?? 0)))" }
        section("Actions", actions)
        section("Overdue as of \(diff.asOf)", diff.overdue.map {
            ($0.isNew ? "New: " : "Still: ")
                + "\(action($0.action)) (\(owner($0.action.owner)), due \(MarkdownEscaping.cell($0.action.due)), \(Plural.count($0.days, "day")) late)"
        })
        func finding(_ diagnostic: Diagnostic) -> String {
            "`\(diagnostic.code.rawValue)` \(MarkdownEscaping.cell(diagnostic.location.file)): \(MarkdownEscaping.cell(diagnostic.message))"
        }
        section("Check findings", diff.introduced.map { "Introduced \(diagnostic($0.severity)): \(finding($0))" } + diff.fixed.map { "Fixed \(diagnostic($0.severity)): \(finding($0))" })
        return out
    }

    static func diagnostic(_ severity: Severity) -> String {
        severity == .error ? "error" : severity.rawValue
    }

    // MARK: - Text

    static func text(_ diff: KnowledgeDiff, title: String) -> String {
        var out = "\(title): \(summary(diff))\n"
        func line(_ text: String) { out += "  " + text + "\n" }
        for ref in diff.added { line("post-mortem added: \(ref.id) \(ref.title) (\(ref.file))") }
        for move in diff.statusMoves { line("post-mortem status: \(move.postmortem.id) \(move.from) -> \(move.to)") }
        let moved = Set(diff.statusMoves.map(\.postmortem.id))
        for ref in diff.changed where !moved.contains(ref.id) { line("post-mortem changed: \(ref.id) (\(ref.file))") }
        for ref in diff.removed { line("post-mortem removed: \(ref.id) (\(ref.file))") }
        for move in diff.actionsClosed { line("action closed: \(move.action.key) \(move.from) -> \(move.to)") }
        for move in diff.actionsReopened { line("action reopened: \(move.action.key) \(move.from) -> \(move.to)") }
        for ref in diff.actionsAdded { line("action added: \(ref.key) \(ref.action) (@\(ref.owner), due \(ref.due))") }
        for ref in diff.actionsRemoved { line("action removed: \(ref.key)") }
        for move in diff.actionsReowned { line("action re-owned: \(move.action.key) @\(move.from) -> @\(move.to)") }
        for move in diff.dueMoved { line("due moved: \(move.action.key) \(move.from) -> \(move.to) (\(days(move.days ?? 0)))") }
        for item in diff.overdue {
            line("\(item.isNew ? "newly overdue" : "still overdue"): \(item.action.key) (@\(item.action.owner), due \(item.action.due), \(Plural.count(item.days, "day")) late)")
        }
        for finding in diff.introduced { line("introduced: \(finding.location.file): \(finding.severity.rawValue): \(finding.message) [\(finding.code.rawValue)]") }
        for finding in diff.fixed { line("fixed: \(finding.location.file): \(finding.severity.rawValue): \(finding.message) [\(finding.code.rawValue)]") }
        return TerminalText.escape(out, keepingLineBreaks: true)
    }
}

/// The JSON shape of a diff: stable keys, every list present even when empty.
private struct DiffJSON: Encodable {
    struct Postmortem: Encodable {
        var id, title, file, status: String
        var url: String?
        init(_ ref: KnowledgeDiff.PostmortemRef) { (id, title, file, status, url) = (ref.id, ref.title, ref.file, ref.status, ref.url) }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(file, forKey: .file)
            try container.encode(status, forKey: .status)
            try container.encode(url, forKey: .url)
        }
        enum Keys: String, CodingKey { case id, title, file, status, url }
    }
    struct Action: Encodable {
        var key, action, owner, due, status: String
        var url: String?
        init(_ ref: KnowledgeDiff.ActionRef) { (key, action, owner, due, status, url) = (ref.key, ref.action, ref.owner, ref.due, ref.status, ref.url) }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(key, forKey: .key)
            try container.encode(action, forKey: .action)
            try container.encode(owner, forKey: .owner)
            try container.encode(due, forKey: .due)
            try container.encode(status, forKey: .status)
            try container.encode(url, forKey: .url)
        }
        enum Keys: String, CodingKey { case key, action, owner, due, status, url }
    }
    struct Move: Encodable {
        var key: String
        var from, to: String
        var days: Int?
        init(_ move: KnowledgeDiff.ActionMove) { (key, from, to, days) = (move.action.key, move.from, move.to, move.days) }
    }
    struct StatusMove: Encodable {
        var id, from, to: String
    }
    struct Overdue: Encodable {
        var key, owner, due: String
        var daysOverdue: Int
        var isNew: Bool
        enum CodingKeys: String, CodingKey { case key, owner, due, daysOverdue = "days_overdue", isNew = "new" }
    }
    struct Finding: Encodable {
        var code, severity, file, message: String
        var line: Int
        init(_ diagnostic: Diagnostic) {
            (code, severity, file, message, line) = (diagnostic.code.rawValue, diagnostic.severity.rawValue, diagnostic.location.file,
                                                     diagnostic.message, diagnostic.location.line)
        }
    }
    struct Postmortems: Encodable {
        var added, removed, changed: [Postmortem]
        var statusMoves: [StatusMove]
        enum CodingKeys: String, CodingKey { case added, removed, changed, statusMoves = "status_moves" }
    }
    struct Actions: Encodable {
        var added, removed: [Action]
        var closed, reopened, reowned, dueMoved: [Move]
        var overdue: [Overdue]
        enum CodingKeys: String, CodingKey { case added, removed, closed, reopened, reowned, dueMoved = "due_moved", overdue }
    }
    struct Findings: Encodable {
        var introduced, fixed: [Finding]
    }

    var range: String
    var asOf: String
    var postmortems: Postmortems
    var actions: Actions
    var findings: Findings

    enum CodingKeys: String, CodingKey { case range, asOf = "as_of", postmortems, actions, findings }

    init(_ diff: KnowledgeDiff, title: String) {
        range = title
        asOf = diff.asOf.description
        postmortems = Postmortems(added: diff.added.map(Postmortem.init), removed: diff.removed.map(Postmortem.init),
                                  changed: diff.changed.map(Postmortem.init),
                                  statusMoves: diff.statusMoves.map { StatusMove(id: $0.postmortem.id, from: $0.from, to: $0.to) })
        actions = Actions(added: diff.actionsAdded.map(Action.init), removed: diff.actionsRemoved.map(Action.init),
                          closed: diff.actionsClosed.map(Move.init), reopened: diff.actionsReopened.map(Move.init),
                          reowned: diff.actionsReowned.map(Move.init), dueMoved: diff.dueMoved.map(Move.init),
                          overdue: diff.overdue.map { Overdue(key: $0.action.key, owner: $0.action.owner, due: $0.action.due, daysOverdue: $0.days, isNew: $0.isNew) })
        findings = Findings(introduced: diff.introduced.map(Finding.init), fixed: diff.fixed.map(Finding.init))
    }
}
