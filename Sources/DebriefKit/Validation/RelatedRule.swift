/// Every id in `related` must name a post-mortem of the repo (and not the document itself).
struct RelatedRule: Rule {
    var codes: [DiagnosticCode] { [.unknownRelated] }

    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let ids = base.postmortems.map(\.id).filter { !$0.isEmpty }
        let known = Set(ids)
        for pm in base.postmortems {
            for id in pm.related where !known.contains(id) || id == pm.id {
                if id == pm.id {
                    bag.warning(.unknownRelated, at: pm.location(of: "related"), "'related' lists the post-mortem's own id '\(id)'")
                    continue
                }
                var message = "'related' names '\(id)', which is no post-mortem's id"
                if let close = Suggestion.closest(to: id, in: ids) { message += " (did you mean '\(close)'?)" }
                bag.error(.unknownRelated, at: pm.location(of: "related"), message)
            }
        }
    }
}
