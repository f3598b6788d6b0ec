/// `debrief audit --by-owner`: the listed actions of an audit grouped per owner, for a scheduled
/// job to post as reminders.
///
/// - Owners are compared as the owner filter compares them (without `@`, ignoring case), shown
///   as first written in the audit's order, and sorted by that comparison key; actions with no
///   owner (an empty cell or a placeholder such as `TBD`) come last, in a section of their own.
/// - In each section: overdue actions first, most days overdue first; then the other open
///   actions by due date (none last); then, apart, the untracked actions of imported
///   post-mortems (never overdue).
/// - Each action links to its post-mortem's page on the site when `base_url` is set.
public struct OwnerDigest: Sendable {
    /// One action in the digest.
    public struct Entry: Sendable {
        /// The action and what the audit computed for it.
        public var audited: AuditedAction
        /// The post-mortem's page on the site, when `base_url` is set.
        public var url: String?
    }

    /// One owner's actions.
    public struct Section: Sendable {
        /// The owner as first written, or nil for the actions that have none.
        public var owner: String?
        /// Overdue actions, most days overdue first.
        public var overdue: [Entry]
        /// Open actions that are neither overdue nor untracked, by due date.
        public var open: [Entry]
        /// Untracked actions of imported post-mortems, in the audit's order.
        public var untracked: [Entry]
    }

    /// The audit the digest groups.
    public var report: AuditReport
    /// One section per owner, sorted; the section without an owner last.
    public var sections: [Section]

    /// The sections that name an owner.
    public var namedOwnerCount: Int { sections.count { $0.owner != nil } }

    /// Groups the listed actions of `report`; `base` gives the site's address and page paths.
    public init(report: AuditReport, base: KnowledgeBase) {
        self.report = report
        var order: [String] = []
        var grouped: [String: Section] = [:]
        for audited in report.actions {
            let action = audited.action
            // "TBD" is nobody: such actions belong with those that name no owner.
            let key = PreventiveAction.isPlaceholder(action.owner) ? "" : AuditQuery.person(action.owner)
            let url = base.config.baseURL.flatMap { baseURL in
                base.layout.pagePath(forFile: action.postmortemFile).map { baseURL + $0 }
            }
            let entry = Entry(audited: audited, url: url)
            if grouped[key] == nil {
                order.append(key)
                grouped[key] = Section(owner: key.isEmpty ? nil : action.owner.trimmed, overdue: [], open: [], untracked: [])
            }
            if audited.isUntracked {
                grouped[key]?.untracked.append(entry)
            } else if audited.isOverdue {
                grouped[key]?.overdue.append(entry)
            } else {
                grouped[key]?.open.append(entry)
            }
        }
        sections = order.sorted { lhs, rhs in
            // The section without an owner goes last.
            if lhs.isEmpty != rhs.isEmpty { return rhs.isEmpty }
            return lhs < rhs
        }.compactMap { key in
            guard var section = grouped[key] else { return nil }
            // A stable sort keeps the audit's order (due date, then file and row) among equals.
            section.overdue = section.overdue.enumerated().sorted { lhs, rhs in
                lhs.element.audited.daysOverdue != rhs.element.audited.daysOverdue
                    ? lhs.element.audited.daysOverdue > rhs.element.audited.daysOverdue : lhs.offset < rhs.offset
            }.map(\.element)
            return section
        }
    }
}
