/// Each item of `reviewers` and `approved_by` is one name (a person, a handle or an address)
/// on one line, given once (DB047). Names are compared without case and without a leading `@`,
/// as the audit compares owners. A value that is no list at all is DB021, from reading.
struct ReviewerNamesRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            for field in pm.fields where field.key == "reviewers" || field.key == "approved_by" {
                var seen: Set<String> = []
                for item in field.items {
                    if item.text.isEmpty {
                        bag.error(.invalidReviewerName, at: item.location, "an item of '\(field.key)' is empty; write a name or remove the item")
                    } else if item.text.contains(where: \.isNewline) {
                        bag.error(.invalidReviewerName, at: item.location, "each item of '\(field.key)' must be one name on one line")
                    } else if !seen.insert(AuditQuery.person(item.text)).inserted {
                        bag.error(.invalidReviewerName, at: item.location, "'\(field.key)' lists '\(item.text)' twice")
                    }
                }
            }
        }
    }
}
