/// What git says about the audited actions (`debrief audit --git`): the commits whose trailers
/// name each action, each action's slips, the drift between commits and tables, and trailer
/// keys that name no action.
public struct GitEvidence: Sendable {
    /// What git says about one action.
    public struct ActionEvidence: Sendable {
        /// The commits (in every repository read) whose trailers name it, oldest first.
        public var references: [TrailerReference]
        /// The knowledge repo's record of it, nil when the history is incomplete or never saw it.
        public var record: ActionRecord?
    }

    /// Why an action and git disagree.
    public enum DriftKind: String, Sendable {
        /// A `Closes:` or `Fixes:` trailer names it, but its table says it is open or in progress.
        case closedByCommitButOpen = "closed-by-commit"
        /// Its table says done, and no commit names it and it has no ticket (`--require-evidence`).
        case doneWithoutEvidence = "no-evidence"

        /// Its diagnostic code (DB082, DB083).
        public var code: DiagnosticCode {
            switch self {
            case .closedByCommitButOpen: .actionClosedByCommit
            case .doneWithoutEvidence: .actionDoneWithoutEvidence
            }
        }
    }

    /// One disagreement.
    public struct Drift: Sendable {
        /// What kind.
        public var kind: DriftKind
        /// The action, as its table has it now.
        public var action: PreventiveAction
        /// The closing commit (for `closedByCommitButOpen`).
        public var reference: TrailerReference?
    }

    /// The knowledge repo's history.
    public var history: ActionHistory
    /// The repositories read, the knowledge repo (`knowledge`) first.
    public var repos: [String]
    /// Per action, by lower-cased key.
    var byKey: [String: ActionEvidence]
    /// Every action's key as written, for suggestions.
    var actionKeys: [String] = []
    /// Every disagreement, in post-mortem file and row order.
    public var drift: [Drift]
    /// Trailers naming a key that is no action now or in the history (a typo), oldest first
    /// (DB084, `DiagnosticCode.trailerNamesNoAction`).
    public var unknownKeys: [TrailerReference]
    /// Whether `--require-evidence` was asked for but the history is incomplete, so done actions
    /// were not checked (a shallow clone misses the commits that would be their evidence).
    public var evidenceNotChecked: Bool
    /// The code repositories that are shallow clones: trailers of their older commits are not read.
    public var shallowRepos: [String]

    /// Combines `history` and the trailers of the code repositories over `base`'s actions that
    /// pass `query`'s filters (whatever their status).
    public init(base: KnowledgeBase, history: ActionHistory, codeReferences: [TrailerReference], repos: [String],
                shallowRepos: [String] = [], requireEvidence: Bool, query: AuditQuery) {
        self.history = history
        self.repos = ["knowledge"] + repos
        self.shallowRepos = shallowRepos
        let references = history.references + codeReferences
        var byReference: [String: [TrailerReference]] = [:]
        for reference in references { byReference[reference.key.lowercased(), default: []].append(reference) }
        var byKey: [String: ActionEvidence] = [:]
        var known: Set<String> = []
        for record in history.allRecords { known.formUnion(([record.key] + record.formerKeys).map { $0.lowercased() }) }
        var drift: [Drift] = []
        var actionKeys: [String] = []
        let complete = history.isComplete
        // Evidence is missing for sure only when every repository's whole history was read.
        let evidenceComplete = complete && shallowRepos.isEmpty
        for postmortem in base.postmortems {
            for action in postmortem.actions where !action.id.isEmpty {
                let lower = action.key.lowercased()
                known.insert(lower)
                actionKeys.append(action.key)
                let record = complete ? history.record(for: action.key) : nil
                let keys = [lower] + (record?.formerKeys.map { $0.lowercased() } ?? [])
                var named: [TrailerReference] = []
                var seen: Set<String> = []
                for key in keys {
                    for reference in byReference[key] ?? [] where seen.insert("\(reference.repo)\u{0}\(reference.commit.sha)\u{0}\(reference.kind)").inserted {
                        named.append(reference)
                    }
                }
                named.sort { ($0.commit.timestamp, $0.repo) < ($1.commit.timestamp, $1.repo) }
                byKey[lower] = ActionEvidence(references: named, record: record)
                guard query.matchesFilters(action, of: postmortem, sopFolder: base.config.sops) else { continue }
                if action.status?.isOpen == true, let closing = named.last(where: { $0.kind.closesAction }) {
                    drift.append(Drift(kind: .closedByCommitButOpen, action: action, reference: closing))
                } else if requireEvidence, evidenceComplete, action.status == .done, named.isEmpty, action.ticket == nil {
                    drift.append(Drift(kind: .doneWithoutEvidence, action: action, reference: nil))
                }
            }
        }
        self.byKey = byKey
        self.actionKeys = actionKeys
        self.drift = drift
        unknownKeys = references.filter { !known.contains($0.key.lowercased()) }
        evidenceNotChecked = requireEvidence && !evidenceComplete
    }

    /// What git says about the action `key`.
    public func evidence(for key: String) -> ActionEvidence? {
        byKey[key.lowercased()]
    }

    /// The current keys of every action, for "did you mean" on an unknown key.
    public func suggestion(for key: String) -> String? {
        Suggestion.closest(to: key, in: actionKeys)
    }
}
