/// Post-mortem ids are unique in the repo. Each duplicate is reported at its own file, with a
/// note pointing at the first file that uses the id.
struct DuplicateIDRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        var first: [String: Postmortem] = [:]
        for pm in base.postmortems where !pm.id.isEmpty {
            if let original = first[pm.id] {
                bag.error(.duplicateID, at: pm.location(of: "id"), "id '\(pm.id)' is already used by \(original.file)",
                          notes: [.init("first used here", at: original.location(of: "id"))])
            } else {
                first[pm.id] = pm
            }
        }
    }
}
