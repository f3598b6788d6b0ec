import Foundation

/// A post-mortem in `draft` or `review` whose incident recurs an earlier one (similar at or
/// above `recurrence_threshold`, started while one of the earlier incident's preventive actions
/// was open or before its due date; `docs/recurrence.md`) gets a warning, so its author sees it
/// while writing and says in the post-mortem why the action did not prevent it. A final
/// post-mortem is not warned about: the site and `audit` show its recurrences.
struct RecurrenceRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        let writing = base.postmortems.indices.filter { base.postmortems[$0].status == .draft || base.postmortems[$0].status == .review }
        guard !writing.isEmpty, base.postmortems.count > 1 else { return }
        let index = base.similarityIndex
        let settings = base.recurrenceSettings()
        let found = parallelMap(writing) { position in
            RecurrenceFinder.recurrences(of: position, in: base.postmortems,
                                         similar: index.similar(to: position, limit: RecurrenceFinder.candidates, minimumScore: settings.threshold, withReasons: false),
                                         settings: settings)
        }
        for (position, recurrences) in zip(writing, found) {
            guard let first = recurrences.first else { continue }
            let pm = base.postmortems[position]
            let key = pm.fields.contains { $0.key == "started" } ? "started" : "date"
            var message = "recurrence of \(first.earlierID) (similarity \(Self.score(first.score))): this incident \(first.sentence)"
            let others = recurrences.count - 1
            if others > 0 { message += " (and \(Plural.count(others, "more action")) of earlier incidents)" }
            message += "; say in the post-mortem why the action did not prevent it"
            if !pm.related.contains(first.earlierID) { message += ", and add \(first.earlierID) to 'related'" }
            bag.warning(.recurrence, at: pm.location(of: key), message)
        }
    }

    /// A score with two decimals.
    static func score(_ value: Double) -> String {
        value.twoDecimals
    }
}
