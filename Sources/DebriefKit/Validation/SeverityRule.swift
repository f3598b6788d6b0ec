/// `severity` must be one of the configured severities (`SEV1`…`SEV4` by default).
struct SeverityRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let allowed = base.config.severities
        for pm in base.postmortems where !pm.severity.isEmpty && !allowed.contains(pm.severity) {
            var message = "unknown severity '\(pm.severity)'; allowed: \(allowed.joined(separator: ", "))"
            if let close = allowed.first(where: { $0.lowercased() == pm.severity.lowercased() }) ?? Suggestion.closest(to: pm.severity, in: allowed) {
                message += " (did you mean '\(close)'?)"
            }
            bag.error(.unknownSeverity, at: pm.location(of: "severity"), message)
        }
    }
}
