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
    public static func find(in base: KnowledgeBase, sopID: String? = nil) -> [StaleSOP] {
        base.sops.compactMap { sop -> StaleSOP? in
            if let sopID, sopID.lowercased() != sop.id.lowercased() { return nil }
            let linked = base.postmortems.filter { links($0, to: sop, layout: base.layout) }
            return StaleSOPRule.staleness(of: sop, linked: linked)
        }
    }
}

private extension StaleSOPFinder {
    static func links(_ postmortem: Postmortem, to sop: SOP, layout: RepositoryLayout) -> Bool {
        if postmortem.actions.contains(where: { action in action.sops.contains { $0.sopID == sop.id } }) { return true }
        return postmortem.links.contains { link in
            if case .document(let file, _) = layout.resolve(link.destination, from: postmortem.file) { return file == sop.file }
            return false
        }
    }
}
