/// `approved` is the day a post-mortem became final, so it belongs only to a `final` one
/// (DB045). A post-mortem whose status cannot be read is left to DB026.
struct ApprovedStatusRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems where pm.approved != nil {
            guard let status = pm.status, status != .final else { continue }
            bag.error(.approvedNotFinal, at: pm.location(of: "approved"),
                      "'approved' is set but the status is '\(status.rawValue)'; approval makes a post-mortem final: set 'status: final' or remove 'approved'")
        }
    }
}
