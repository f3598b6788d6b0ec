/// Every id in `related` must name a post-mortem of the repo (and not the document itself).
struct RelatedRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let ids = base.postmortems.map(\.id).filter { !$0.isEmpty }
        let known = Set(ids)
        for pm in base.postmortems {
            for id in pm.related where !known.contains(id) || id == pm.id {
                let at = pm.location(of: "related", item: id)
                if id == pm.id {
                    bag.warning(.unknownRelated, at: at, "'related' lists the post-mortem's own id '\(id)'")
                    continue
                }
                var message = "'related' names '\(id)', which is no post-mortem's id"
                // A post-mortem is never related to itself, so its own id is no useful suggestion.
                if let close = Suggestion.closest(to: id, in: ids.filter { $0 != pm.id }) { message += " (did you mean '\(close)'?)" }
                bag.error(.unknownRelated, at: at, message)
            }
        }
    }
}
