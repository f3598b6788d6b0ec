/// A preventive action that names an SOP, with the post-mortem it comes from.
public struct LinkedAction: Sendable {
    /// The action.
    public var action: PreventiveAction
    /// The post-mortem's title (its id when it has none).
    public var postmortemTitle: String

    /// Creates a linked action.
    public init(action: PreventiveAction, postmortemTitle: String) {
        self.action = action
        self.postmortemTitle = postmortemTitle
    }
}

/// Writes the Markdown that goes between an SOP's markers: a table of the actions that name the
/// SOP, or a line saying that none does any more.
///
/// The table has the columns Status, Key, Action, Owner, Due and Post-mortem (a link relative to
/// the SOP file, so it works on GitHub). Open actions (`open`, `in-progress`, or a status that
/// cannot be read) come first by due date, those without a due date last; then `done`, then
/// `wont-do`; ties keep the order in which the actions were given. Nothing in the block depends
/// on the day it is written, so a second sync finds nothing to change.
public struct ActionBlockRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The block for the SOP at `sopFile` (repo-relative) with `actions`, in `\n` line endings.
    public func render(_ actions: [LinkedAction], sopFile: String) -> String {
        guard !actions.isEmpty else {
            return "\nNo preventive action names this SOP any more. _Written by `debrief sync`._\n\n"
        }
        var out = "\nPreventive actions from the post-mortems that name this SOP. "
            + "_Written by `debrief sync`: change the post-mortem, not this table._\n\n"
        out += "| Status | Key | Action | Owner | Due | Post-mortem |\n"
        out += "| --- | --- | --- | --- | --- | --- |\n"
        for entry in Self.ordered(actions) {
            let action = entry.action
            let link = RepositoryLayout.relativePath(from: sopFile, to: action.postmortemFile)
            let status = action.status?.rawValue ?? action.statusText
            let cells = [
                action.untracked ? status + " (untracked)" : status,
                action.key,
                action.action,
                action.untracked && action.owner.isEmpty ? "—" : action.owner,
                action.dueText.isEmpty ? "—" : action.dueText,
            ].map(MarkdownEscaping.cell)
            let title = MarkdownEscaping.cell(entry.postmortemTitle)
            out += "| " + cells.joined(separator: " | ") + " | [\(title)](\(MarkdownEscaping.destination(link))) |\n"
        }
        return out + "\n"
    }

    /// Open first by due date (none last), then done, then won't do; stable.
    static func ordered(_ actions: [LinkedAction]) -> [LinkedAction] {
        func group(_ status: ActionStatus?) -> Int {
            switch status {
            case .done: 1
            case .wontDo: 2
            case .open, .inProgress, nil: 0
            }
        }
        return actions.enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element.action, rhs.element.action)
            if group(l.status) != group(r.status) { return group(l.status) < group(r.status) }
            return DueDateOrder.ascending(l.due, r.due) ?? (lhs.offset < rhs.offset)
        }.map(\.element)
    }
}
