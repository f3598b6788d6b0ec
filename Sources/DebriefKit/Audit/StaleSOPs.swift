/// An SOP that an incident has touched since the SOP was last reviewed.
public struct StaleSOP: Sendable, Equatable {
    /// An incident linked to the SOP that started after its review.
    public struct Incident: Sendable, Equatable {
        /// The post-mortem's id.
        public var id: String
        /// The post-mortem's file.
        public var file: String
        /// The day the incident started (from `started`, else the post-mortem's `date`).
        public var started: CalendarDate
    }

    /// The SOP's id.
    public var sopID: String
    /// The SOP's file.
    public var file: String
    /// When it was last reviewed.
    public var lastReviewed: CalendarDate
    /// The incidents since, by start day then id.
    public var incidents: [Incident]
}

/// Finds the stale SOPs of a knowledge base by `StaleSOPRule`. An incident is linked to an SOP
/// when one of its preventive actions names the SOP or its text links to the SOP's file.
public enum StaleSOPFinder {
    /// The stale SOPs of `base`, by file; only `sopID` when one is given.
    ///
    /// One pass over the post-mortems: each action's SOP references and each link (resolved
    /// once) name the SOPs it touches, so the cost grows with the documents and their links,
    /// not with their product.
    public static func find(in base: KnowledgeBase, sopID: String? = nil) -> [StaleSOP] {
        let wanted = base.sops.filter { sop in sopID.map { $0.lowercased() == sop.id.lowercased() } ?? true }
        guard !wanted.isEmpty else { return [] }
        // Two SOPs may share an id (check reports it); each is linked as before.
        let byID = Dictionary(grouping: wanted.indices) { wanted[$0].id }
        let byFile = Dictionary(grouping: wanted.indices) { wanted[$0].file }
        let touched = parallelMap(base.postmortems) { postmortem in
            touchedSOPs(postmortem, sopsByID: byID, sopsByFile: byFile, layout: base.layout)
        }
        var linked = Array(repeating: [Postmortem](), count: wanted.count)
        for (postmortem, sops) in zip(base.postmortems, touched) {
            for index in sops.sorted() { linked[index].append(postmortem) }
        }
        return wanted.indices.compactMap { StaleSOPRule.staleness(of: wanted[$0], linked: linked[$0]) }
    }
}

private extension StaleSOPFinder {
    /// The positions (in `sopsByID`/`sopsByFile`) of the SOPs `postmortem` touches: one of its
    /// actions names the SOP, or its text links to the SOP's file.
    static func touchedSOPs(_ postmortem: Postmortem, sopsByID: [String: [Int]], sopsByFile: [String: [Int]],
                       layout: RepositoryLayout) -> Set<Int> {
        var found: Set<Int> = []
        for table in postmortem.actionTables {
            for action in table.actions {
                for reference in action.sops {
                    if let id = reference.sopID { found.formUnion(sopsByID[id] ?? []) }
                }
            }
        }
        for link in postmortem.links {
            if case .document(let file, _) = layout.resolve(link.destination, from: postmortem.file) {
                found.formUnion(sopsByFile[file] ?? [])
            }
        }
        return found
    }
}
