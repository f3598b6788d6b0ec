/// Every SOP an action names (by link or bare id) must exist in the SOP folder.
struct SOPReferenceRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let ids = base.sops.map(\.id)
        for pm in base.postmortems {
            for action in pm.actions {
                for reference in action.sops {
                    let at = action.cellLocations["SOP"] ?? action.location
                    guard let id = reference.sopID else {
                        bag.error(.actionUnknownSOP, at: at,
                                  "action \(action.id) links to '\(reference.written)', which is not an SOP under \(base.config.sops)/")
                        continue
                    }
                    if !base.layout.hasSOP(id: id) {
                        var message = "action \(action.id) names SOP '\(id)', but there is no \(base.layout.sopFile(forID: id))"
                        if let close = Suggestion.closest(to: id, in: ids) { message += " (did you mean '\(close)'?)" }
                        bag.error(.actionUnknownSOP, at: at, message)
                    }
                }
            }
        }
    }
}
