/// A final post-mortem whose severity has a publishing deadline (`publish_within`) and whose
/// incident has a `resolved` time needs its `approved` day, or the deadline cannot be checked
/// (DB069, a warning). debrief does not guess the day from the file's history: `audit --late`
/// lists such a post-mortem as `final-day-unknown` and never as late.
struct FinalWithoutApprovedDayRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems where Self.applies(to: pm, config: base.config) {
            let window = base.config.publishWithin[pm.severity]?.description ?? ""
            bag.warning(.finalWithoutApprovedDay, at: pm.location(of: "status"),
                        "final post-mortem without an 'approved' day, so its publishing deadline (\(pm.severity): \(window) from resolved) cannot be checked; add approved: YYYY-MM-DD")
        }
    }

    /// Whether `pm` is final, without `approved`, resolved, and of a severity with a deadline.
    static func applies(to pm: Postmortem, config: Config) -> Bool {
        pm.status == .final && pm.approved == nil && pm.resolved != nil && config.publishWithin[pm.severity] != nil
    }
}
