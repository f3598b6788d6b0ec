/// A front matter key debrief does not know is a warning, with "did you mean" when a known
/// key is close (`severty` → `severity`).
struct UnknownFieldRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            for field in pm.fields where !PostmortemReader.knownFields.contains(field.key) {
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: field.key, in: PostmortemReader.knownFields) {
                    notes.append(.init("did you mean '\(close)'?"))
                }
                bag.warning(.unknownField, at: field.keyLocation, "unknown field '\(field.key)'", notes: notes)
            }
        }
    }
}
