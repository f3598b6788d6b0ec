/// What a change does to a knowledge base: the post-mortems and preventive actions it adds,
/// removes and changes, the actions overdue after it, and the `check` findings it introduces or
/// fixes. `debrief diff` computes it between two revisions for a pull request's digest.
///
/// Post-mortems are matched by id and actions by key (`<post-mortem id>/<ID>`), so a file that
/// moves is the same post-mortem. Findings are matched by code, file and message, never by line:
/// an edit above a finding moves it without fixing it.
public struct KnowledgeDiff: Sendable, Equatable {
    /// A post-mortem as the digest names it.
    public struct PostmortemRef: Sendable, Equatable {
        /// Its id.
        public var id: String
        /// Its title (the id when it has none).
        public var title: String
        /// Its file at the side it is shown from.
        public var file: String
        /// Its status field as written.
        public var status: String
        /// Its page on the site, when `base_url` is set.
        public var url: String?
    }

    /// A post-mortem whose status field moved (`draft` to `review`).
    public struct StatusMove: Sendable, Equatable {
        /// The post-mortem (after the change).
        public var postmortem: PostmortemRef
        /// The status before.
        public var from: String
        /// The status after.
        public var to: String
    }

    /// A preventive action as the digest names it.
    public struct ActionRef: Sendable, Equatable {
        /// `<post-mortem id>/<ID>`.
        public var key: String
        /// The action's text.
        public var action: String
        /// The owner, without `@`.
        public var owner: String
        /// The due date as written.
        public var due: String
        /// The status as written.
        public var status: String
        /// Its post-mortem's page on the site, when `base_url` is set.
        public var url: String?
    }

    /// An action whose status, owner or due date moved.
    public struct ActionMove: Sendable, Equatable {
        /// The action (after the change).
        public var action: ActionRef
        /// The value before.
        public var from: String
        /// The value after.
        public var to: String
        /// For a due date: how many days it moved (later is positive).
        public var days: Int?
    }

    /// An action open past its due date after the change.
    public struct Overdue: Sendable, Equatable {
        /// The action.
        public var action: ActionRef
        /// Days past due.
        public var days: Int
        /// Whether the change made it overdue: in the old revision, on the same day, it was not
        /// overdue (closed, due later, or not there yet).
        public var isNew: Bool
    }

    /// Post-mortems only in the new revision.
    public var added: [PostmortemRef] = []
    /// Post-mortems only in the old one.
    public var removed: [PostmortemRef] = []
    /// Post-mortems in both whose file changed (or moved).
    public var changed: [PostmortemRef] = []
    /// Post-mortems whose status field moved.
    public var statusMoves: [StatusMove] = []
    /// Actions only in the new revision.
    public var actionsAdded: [ActionRef] = []
    /// Actions only in the old one.
    public var actionsRemoved: [ActionRef] = []
    /// Actions that were open (or unreadable) and are now done or won't be done.
    public var actionsClosed: [ActionMove] = []
    /// Actions that were done or won't be done and are open again.
    public var actionsReopened: [ActionMove] = []
    /// Actions whose owner changed.
    public var actionsReowned: [ActionMove] = []
    /// Actions whose due date moved.
    public var dueMoved: [ActionMove] = []
    /// Actions of the new revision open past their due date on `asOf`, those the change made
    /// overdue first.
    public var overdue: [Overdue] = []
    /// The day `overdue` was computed for.
    public var asOf: CalendarDate
    /// Findings of `check` in the new revision that the old did not have.
    public var introduced: [Diagnostic] = []
    /// Findings of `check` in the old revision that the new does not have.
    public var fixed: [Diagnostic] = []

    /// Whether the change touches nothing the digest reports (overdue actions aside).
    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && changed.isEmpty && statusMoves.isEmpty && actionsAdded.isEmpty && actionsRemoved.isEmpty
            && actionsClosed.isEmpty && actionsReopened.isEmpty && actionsReowned.isEmpty && dueMoved.isEmpty
            && introduced.isEmpty && fixed.isEmpty
    }

    /// Compares `old` with `new`. `changedFiles` are the files (relative to the knowledge
    /// root) whose bytes differ between the two, as git reports them; `findings` are what
    /// `check` reports for a base (the standard validator by default).
    public init(old: KnowledgeBase, new: KnowledgeBase, changedFiles: Set<String>, asOf: CalendarDate,
                findings: (KnowledgeBase) -> [Diagnostic] = { Validator.standard.validate($0) }) {
        self.asOf = asOf
        let baseURL = new.config.baseURL ?? old.config.baseURL
        func ref(_ pm: Postmortem, in base: KnowledgeBase) -> PostmortemRef {
            PostmortemRef(id: pm.id, title: pm.title.isEmpty ? pm.id : pm.title, file: pm.file, status: pm.statusText,
                          url: baseURL.flatMap { url in base.layout.pagePath(forFile: pm.file).map { url + $0 } })
        }
        func ref(_ action: PreventiveAction, in base: KnowledgeBase) -> ActionRef {
            ActionRef(key: action.key, action: action.action, owner: action.owner, due: action.dueText, status: action.statusText,
                      url: baseURL.flatMap { url in base.layout.pagePath(forFile: action.postmortemFile).map { url + $0 } })
        }
        let before = Self.byID(old.postmortems)
        let after = Self.byID(new.postmortems)
        for pm in new.postmortems where !pm.id.isEmpty && after[pm.id]?.file == pm.file {
            guard let was = before[pm.id] else {
                added.append(ref(pm, in: new))
                continue
            }
            if was.file != pm.file || changedFiles.contains(pm.file) { changed.append(ref(pm, in: new)) }
            if was.statusText.trimmed.lowercased() != pm.statusText.trimmed.lowercased() {
                statusMoves.append(StatusMove(postmortem: ref(pm, in: new), from: was.statusText, to: pm.statusText))
            }
        }
        for pm in old.postmortems where !pm.id.isEmpty && before[pm.id]?.file == pm.file && after[pm.id] == nil {
            removed.append(ref(pm, in: old))
        }

        let oldActions = Self.byKey(old.postmortems)
        let newActions = Self.byKey(new.postmortems)
        for action in new.postmortems.flatMap(\.actions) where !action.id.isEmpty && newActions[action.key]?.location == action.location {
            let now = ref(action, in: new)
            guard let was = oldActions[action.key] else {
                actionsAdded.append(now)
                continue
            }
            let wasClosed = was.status.map { !$0.isOpen } ?? false
            let isClosed = action.status.map { !$0.isOpen } ?? false
            if !wasClosed && isClosed {
                actionsClosed.append(ActionMove(action: now, from: was.statusText, to: action.statusText))
            } else if wasClosed && !isClosed {
                actionsReopened.append(ActionMove(action: now, from: was.statusText, to: action.statusText))
            }
            if was.owner.lowercased() != action.owner.lowercased() {
                actionsReowned.append(ActionMove(action: now, from: was.owner, to: action.owner))
            }
            if let from = was.due, let to = action.due, from != to {
                dueMoved.append(ActionMove(action: now, from: was.dueText, to: action.dueText, days: to.daysSinceEpoch - from.daysSinceEpoch))
            }
        }
        for action in old.postmortems.flatMap(\.actions) where !action.id.isEmpty && oldActions[action.key]?.location == action.location
            && newActions[action.key] == nil {
            actionsRemoved.append(ref(action, in: old))
        }
        for action in new.postmortems.flatMap(\.actions) where action.isOverdue(asOf: asOf) && !action.id.isEmpty {
            overdue.append(Overdue(action: ref(action, in: new), days: action.daysOverdue(asOf: asOf),
                                   isNew: oldActions[action.key]?.isOverdue(asOf: asOf) != true))
        }
        // What the change made overdue first, then the longest overdue.
        overdue.sort { ($0.isNew ? 1 : 0, $0.days, $1.action.key) > ($1.isNew ? 1 : 0, $1.days, $0.action.key) }

        let (introduced, fixed) = Self.findingChanges(old: findings(old), new: findings(new))
        self.introduced = introduced
        self.fixed = fixed
    }
}

private extension KnowledgeDiff {
    /// The first post-mortem of each id (a duplicate id is a finding of its own).
    static func byID(_ postmortems: [Postmortem]) -> [String: Postmortem] {
        var result: [String: Postmortem] = [:]
        for pm in postmortems where !pm.id.isEmpty && result[pm.id] == nil { result[pm.id] = pm }
        return result
    }

    /// The first action of each key.
    static func byKey(_ postmortems: [Postmortem]) -> [String: PreventiveAction] {
        var result: [String: PreventiveAction] = [:]
        for action in postmortems.flatMap(\.actions) where !action.id.isEmpty && result[action.key] == nil { result[action.key] = action }
        return result
    }

    /// Findings matched as multisets of (code, file, message): two identical findings in the
    /// new revision and one in the old is one introduced.
    static func findingChanges(old: [Diagnostic], new: [Diagnostic]) -> (introduced: [Diagnostic], fixed: [Diagnostic]) {
        struct Identity: Hashable {
            var code: DiagnosticCode
            var file: String
            var message: String
            init(_ diagnostic: Diagnostic) {
                (code, file, message) = (diagnostic.code, diagnostic.location.file, diagnostic.message)
            }
        }
        func unmatched(_ diagnostics: [Diagnostic], against other: [Diagnostic]) -> [Diagnostic] {
            var counts: [Identity: Int] = [:]
            for diagnostic in other { counts[Identity(diagnostic), default: 0] += 1 }
            return diagnostics.sortedForOutput().filter { diagnostic in
                let identity = Identity(diagnostic)
                if let count = counts[identity], count > 0 {
                    counts[identity] = count - 1
                    return false
                }
                return true
            }
        }
        return (unmatched(new, against: old), unmatched(old, against: new))
    }
}
