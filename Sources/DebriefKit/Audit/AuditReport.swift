/// One listed action with what the audit computed for it.
public struct AuditedAction: Sendable {
    /// The action.
    public var action: PreventiveAction
    /// The severity of its post-mortem.
    public var severity: String
    /// Whether it is open and due before the audit's day.
    public var isOverdue: Bool
    /// Days past due (0 when not overdue).
    public var daysOverdue: Int
    /// Whether it is overdue but due before the gate's baseline (listed, not failing).
    public var isBeforeBaseline = false
    /// Whether it is an untracked legacy action (never overdue).
    public var isUntracked: Bool { action.untracked }
    /// What git says about it (`audit --git`), nil without `--git`.
    public var evidence: GitEvidence.ActionEvidence?
}

/// Counts over every action that passes the owner, service, severity and SOP filters, whatever
/// its status and whether or not it is listed.
public struct AuditSummary: Sendable, Equatable {
    /// Every such action.
    public var total = 0
    /// `open` and `in-progress` ones.
    public var open = 0
    /// Open ones due before the audit's day.
    public var overdue = 0
    /// `done` ones.
    public var done = 0
    /// `wont-do` ones.
    public var wontDo = 0
    /// Open ones that are untracked (counted in `open` too, never in `overdue`).
    public var untracked = 0
    /// Overdue ones due before the gate's baseline (counted in `overdue` too).
    public var beforeBaseline = 0

    /// Creates counts.
    public init(total: Int = 0, open: Int = 0, overdue: Int = 0, done: Int = 0, wontDo: Int = 0, untracked: Int = 0,
                beforeBaseline: Int = 0) {
        self.beforeBaseline = beforeBaseline
        self.total = total
        self.open = open
        self.overdue = overdue
        self.done = done
        self.wontDo = wontDo
        self.untracked = untracked
    }
}

/// What `debrief audit` found: the listed actions, the counts, and the stale SOPs.
public struct AuditReport: Sendable {
    /// The day due dates were compared with.
    public var asOf: CalendarDate
    /// The gate's baseline, when one is set.
    public var gateSince: CalendarDate?
    /// The listed actions, by due date (none last), then post-mortem file and row order.
    public var actions: [AuditedAction]
    /// Counts over every action passing the filters.
    public var summary: AuditSummary
    /// Stale SOPs (only the `--sop` one when that filter is set).
    public var staleSOPs: [StaleSOP]
    /// The publishing deadline of every post-mortem that has one and passes the service and
    /// severity filters (the owner and SOP filters are about actions), in file order.
    public var deadlines: [PublishingDeadline]
    /// Recurrences (`docs/recurrence.md`) through an action that passes the owner, service,
    /// severity and SOP filters, whatever its status; by later post-mortem file, then earlier
    /// incident (newest first).
    public var recurrences: [Recurrence]
    /// What git says (`audit --git`), nil without it.
    public var git: GitEvidence?
    /// `--slipped N`: only actions whose due date moved later at least this many times.
    public var slippedAtLeast: Int?

    /// Runs `query` over `base`; `closeDates` are the closing days of actions known from
    /// elsewhere (the repository's history), by action key.
    public init(base: KnowledgeBase, query: AuditQuery, closeDates: [String: CalendarDate] = [:]) {
        asOf = query.asOf
        gateSince = query.gateSince
        let folder = base.config.sops
        var listed: [AuditedAction] = []
        var summary = AuditSummary()
        for postmortem in base.postmortems {
            for action in postmortem.actions where query.matchesFilters(action, of: postmortem, sopFolder: folder) {
                let overdue = action.isOverdue(asOf: query.asOf)
                summary.total += 1
                switch action.status {
                case .open, .inProgress: summary.open += 1
                case .done: summary.done += 1
                case .wontDo: summary.wontDo += 1
                case nil: break
                }
                if overdue { summary.overdue += 1 }
                if action.untracked { summary.untracked += 1 }
                let beforeBaseline = query.isBeforeBaseline(action)
                if beforeBaseline { summary.beforeBaseline += 1 }
                if query.selects(action, of: postmortem, sopFolder: folder) {
                    listed.append(AuditedAction(action: action, severity: postmortem.severity, isOverdue: overdue,
                                                daysOverdue: action.daysOverdue(asOf: query.asOf), isBeforeBaseline: beforeBaseline))
                }
            }
        }
        actions = listed.enumerated().sorted { lhs, rhs in
            DueDateOrder.ascending(lhs.element.action.due, rhs.element.action.due) ?? (lhs.offset < rhs.offset)
        }.map(\.element)
        self.summary = summary
        staleSOPs = StaleSOPFinder.find(in: base, sopID: query.sop.map { AuditQuery.sopID($0, folder: folder) })
        deadlines = base.postmortems.compactMap { pm in
            guard query.matchesPostmortemFilters(pm) else { return nil }
            return PublishingDeadline.of(pm, windows: base.config.publishWithin, asOf: query.asOf)
        }
        var matching: Set<String> = []
        for postmortem in base.postmortems {
            for action in postmortem.actions where query.matchesFilters(action, of: postmortem, sopFolder: folder) { matching.insert(action.key) }
        }
        recurrences = RecurrenceFinder.all(in: base.postmortems, index: base.similarityIndex, settings: base.recurrenceSettings(closeDates: closeDates))
            .filter { matching.contains($0.actionKey) }
    }

    /// The later incidents that recurred while the action with `key` was open, in report order.
    public func recurrences(through key: String) -> [Recurrence] {
        recurrences.filter { $0.actionKey == key }
    }

    /// The post-mortems late now: not final and past their publishing deadline, longest late
    /// first, then by file.
    public var latePostmortems: [PublishingDeadline] {
        deadlines.filter(\.isOverdue).sorted { $0.daysLate != $1.daysLate ? $0.daysLate > $1.daysLate : $0.file < $1.file }
    }

    /// Whether any post-mortem fails `--fail-on-late`.
    public var hasLate: Bool { deadlines.contains(where: \.isOverdue) }

    /// Adds what git says to every listed action; with `slippedAtLeast`, keeps only the actions
    /// whose due date moved later that many times (none when the history is incomplete).
    public mutating func attach(_ evidence: GitEvidence, slippedAtLeast: Int? = nil) {
        git = evidence
        self.slippedAtLeast = slippedAtLeast
        for index in actions.indices { actions[index].evidence = evidence.evidence(for: actions[index].action.key) }
        if let slippedAtLeast {
            actions = actions.filter { ($0.evidence?.record?.slips.count ?? 0) >= slippedAtLeast }
        }
    }

    /// Whether any listed action fails `--fail-on-overdue`: overdue and not before the
    /// baseline. Untracked actions are never overdue, so never fail it.
    public var hasOverdue: Bool { actions.contains { $0.isOverdue && !$0.isBeforeBaseline } }
}

/// The order of due dates used by the audit and the SOP block: earliest first, none last.
enum DueDateOrder {
    /// Whether `lhs` comes before `rhs`; nil when they tie (the caller keeps its own order).
    static func ascending(_ lhs: CalendarDate?, _ rhs: CalendarDate?) -> Bool? {
        switch (lhs, rhs) {
        case let (a?, b?) where a != b: a < b
        case (.some, nil): true
        case (nil, .some): false
        default: nil
        }
    }
}
