/// A front matter key that is neither built in nor declared under `fields:` in `debrief.yml` is
/// a warning, with "did you mean" when a known key is close (`severty` → `severity`,
/// `reviewrs` → a declared `reviewers`).
struct UnknownFieldRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let known = PostmortemReader.knownFields + base.config.fields.map(\.key)
        let knownSet = Set(known)
        for pm in base.postmortems {
            for field in pm.fields where !knownSet.contains(field.key) {
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: field.key, in: known) {
                    notes.append(.init("did you mean '\(close)'?"))
                }
                bag.warning(.unknownField, at: field.keyLocation, "unknown field '\(field.key)'", notes: notes)
            }
        }
    }
}
