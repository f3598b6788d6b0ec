/// `status` must be `draft`, `review` or `final`.
struct StatusRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let allowed = PostmortemStatus.allCases.map(\.rawValue)
        for pm in base.postmortems where !pm.statusText.isEmpty && pm.status == nil {
            var message = "unknown status '\(pm.statusText)'; allowed: \(allowed.joined(separator: ", "))"
            if let close = Suggestion.closest(to: pm.statusText, in: allowed) { message += " (did you mean '\(close)'?)" }
            bag.error(.unknownStatus, at: pm.location(of: "status"), message)
        }
    }
}
