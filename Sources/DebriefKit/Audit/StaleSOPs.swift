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

/// Finds stale SOPs: an SOP is stale when an incident linked to it started after its
/// `last_reviewed` day (an incident on that very day does not count). An incident is linked to an
/// SOP when one of its preventive actions names the SOP or its text links to the SOP's file.
/// The start is the local day of `started`, else the post-mortem's `date`. An SOP without
/// `last_reviewed` is never reported: there is nothing to compare.
public enum StaleSOPFinder {
    /// The stale SOPs of `base`, by file; only `sopID` when one is given.
    public static func find(in base: KnowledgeBase, sopID: String? = nil) -> [StaleSOP] {
        base.sops.compactMap { sop -> StaleSOP? in
            guard let lastReviewed = sop.lastReviewed else { return nil }
            if let sopID, sopID.lowercased() != sop.id.lowercased() { return nil }
            let incidents = base.postmortems.compactMap { postmortem -> StaleSOP.Incident? in
                guard let started = postmortem.started?.localDate ?? postmortem.date, started > lastReviewed,
                      links(postmortem, to: sop, layout: base.layout) else { return nil }
                return StaleSOP.Incident(id: postmortem.id, file: postmortem.file, started: started)
            }
            guard !incidents.isEmpty else { return nil }
            let ordered = incidents.sorted { ($0.started, $0.id) < ($1.started, $1.id) }
            return StaleSOP(sopID: sop.id, file: sop.file, lastReviewed: lastReviewed, incidents: ordered)
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
