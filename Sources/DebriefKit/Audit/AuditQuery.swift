/// Which preventive actions `debrief audit` lists. Every criterion that is set must hold.
///
/// - Status: by default `open` and `in-progress`; `statuses == nil` lists every status,
///   including a status that cannot be read.
/// - `overdueOnly`: open actions whose due date is before `asOf` (due on `asOf` is not overdue).
/// - Filters, compared case-insensitively: `owner` (a leading `@` on either side is ignored),
///   `service` (one of the post-mortem's `services`), `severity` (the post-mortem's), and `sop`
///   (an SOP id the action names; `sops/` in front and `.md` behind are ignored).
public struct AuditQuery: Sendable, Equatable {
    /// The day against which due dates are compared.
    public var asOf: CalendarDate
    /// The statuses listed, or nil for all.
    public var statuses: Set<ActionStatus>?
    /// Only overdue actions.
    public var overdueOnly: Bool
    /// Only actions of this owner.
    public var owner: String?
    /// Only actions of post-mortems that affected this service.
    public var service: String?
    /// Only actions of post-mortems of this severity.
    public var severity: String?
    /// Only actions that name this SOP.
    public var sop: String?
    /// The gate's baseline: an overdue action due before this day is listed as "before
    /// baseline" and does not fail `--fail-on-overdue`.
    public var gateSince: CalendarDate?

    /// The statuses listed by default: the ones that still need work.
    public static let openStatuses: Set<ActionStatus> = [.open, .inProgress]

    /// Creates a query.
    public init(asOf: CalendarDate, statuses: Set<ActionStatus>? = AuditQuery.openStatuses, overdueOnly: Bool = false,
                owner: String? = nil, service: String? = nil, severity: String? = nil, sop: String? = nil,
                gateSince: CalendarDate? = nil) {
        self.asOf = asOf
        self.gateSince = gateSince
        self.statuses = statuses
        self.overdueOnly = overdueOnly
        self.owner = owner
        self.service = service
        self.severity = severity
        self.sop = sop
    }

    /// Whether `action` of `postmortem` passes the owner, service, severity and SOP filters
    /// (whatever its status). `sopFolder` is the configured SOP folder.
    public func matchesFilters(_ action: PreventiveAction, of postmortem: Postmortem, sopFolder: String = "sops") -> Bool {
        if let owner, Self.person(owner) != Self.person(action.owner) { return false }
        if let service, !postmortem.services.contains(where: { $0.lowercased() == service.lowercased() }) { return false }
        if let severity, postmortem.severity.lowercased() != severity.lowercased() { return false }
        if let sop {
            let wanted = Self.sopID(sop, folder: sopFolder).lowercased()
            if !action.sops.contains(where: { $0.sopID?.lowercased() == wanted }) { return false }
        }
        return true
    }

    /// Whether `postmortem` passes the service and severity filters, the ones that are about
    /// post-mortems (for their publishing deadlines).
    public func matchesPostmortemFilters(_ postmortem: Postmortem) -> Bool {
        if let service, !postmortem.services.contains(where: { $0.lowercased() == service.lowercased() }) { return false }
        if let severity, postmortem.severity.lowercased() != severity.lowercased() { return false }
        return true
    }

    /// Whether `action` is overdue but due before the gate's baseline, so it does not fail
    /// `--fail-on-overdue`. The due date decides, not the post-mortem's date: an old
    /// post-mortem's action due after the baseline was a live promise when the gate was turned
    /// on, and a history imported later has its old due dates.
    public func isBeforeBaseline(_ action: PreventiveAction) -> Bool {
        guard let gateSince, let due = action.due, action.isOverdue(asOf: asOf) else { return false }
        return due < gateSince
    }

    /// Whether the audit lists `action` of `postmortem`.
    public func selects(_ action: PreventiveAction, of postmortem: Postmortem, sopFolder: String = "sops") -> Bool {
        guard matchesFilters(action, of: postmortem, sopFolder: sopFolder) else { return false }
        if let statuses {
            guard let status = action.status, statuses.contains(status) else { return false }
        }
        return !overdueOnly || action.isOverdue(asOf: asOf)
    }

    /// Why the `severity` or `sop` filter cannot match anything in `base` (a severity that is not
    /// configured, an SOP that neither exists nor is named by any action), or nil. A typo there
    /// would list nothing and let `--fail-on-overdue` pass for ever.
    public func unknownFilterValue(in base: KnowledgeBase) -> String? {
        if let severity, !base.config.severities.contains(where: { $0.lowercased() == severity.lowercased() }) {
            return "--severity must be one of \(base.config.severities.joined(separator: ", ")), not '\(severity)'"
        }
        if let sop {
            let wanted = Self.sopID(sop, folder: base.config.sops).lowercased()
            let named = base.postmortems.flatMap(\.actions).flatMap(\.sops).compactMap(\.sopID)
            let known = base.layout.sopFiles.map(base.layout.sopID) + named
            if !known.contains(where: { $0.lowercased() == wanted }) {
                var message = "--sop names no SOP: '\(sop)'"
                if let close = Suggestion.closest(to: wanted, in: base.layout.sopFiles.map(base.layout.sopID)) {
                    message += " (did you mean '\(close)'?)"
                }
                return message
            }
        }
        return nil
    }

    /// An SOP id as a person may type it: `sops/db/database-restore.md` → `db/database-restore`.
    public static func sopID(_ text: String, folder: String) -> String {
        RepositoryLayout.stripMarkdownExtension(RepositoryLayout.relative(text.trimmed, under: folder))
    }
}

extension AuditQuery {
    /// A handle compared without `@` and case (the owner filter, the digest's owner sections).
    static func person(_ name: String) -> String {
        var name = name.trimmingCharacters(in: .whitespaces)
        while name.hasPrefix("@") { name.removeFirst() }
        return name.lowercased()
    }
}
