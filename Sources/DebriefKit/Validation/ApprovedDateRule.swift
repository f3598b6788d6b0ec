/// A post-mortem is approved on or after the day its incident was resolved (DB046). The
/// resolve day is the date `resolved` shows in its own offset, the day its author saw.
struct ApprovedDateRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            guard let approved = pm.approved, let resolved = pm.resolved, approved < resolved.localDate else { continue }
            bag.error(.approvedBeforeResolved, at: pm.location(of: "approved"),
                      "'approved' (\(approved)) is before the incident was resolved (\(resolved.localDate)); a post-mortem is approved after it is resolved")
        }
    }
}
