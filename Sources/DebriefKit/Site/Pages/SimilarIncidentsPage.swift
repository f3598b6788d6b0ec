import Foundation

/// The parts of a post-mortem page that come from similarity (`postmortem-similar.mustache` and
/// `postmortem-recurrence.mustache`), and of the dashboard (`dashboard-recurrences.mustache`).
extension PageModels {
    /// How many recurrences the dashboard lists.
    static let dashboardRecurrences = 10

    /// `hasSimilar`, `similar`, `hasRecurrences` and `recurrences` of the post-mortem at `position`.
    func similarFields(_ position: Int) -> [String: TemplateValue] {
        let similar = position < similarity.similar.count ? similarity.similar[position] : []
        let recurrences = position < similarity.recurrences.count ? similarity.recurrences[position] : []
        return [
            "hasSimilar": .bool(!similar.isEmpty),
            "similar": .list(similar.map { item in
                let pm = index.postmortems[item.position].pm
                let reasons = similarity.reasons(item)
                return .object([
                    "id": .string(pm.id),
                    "title": .string(pm.title.isEmpty ? pm.file : pm.title),
                    "url": .string(Format.urlPath(index.postmortems[item.position].path)),
                    "hasDate": .bool(pm.date != nil),
                    "date": .string(pm.date?.description ?? ""),
                    "score": .string(Self.score(item.score)),
                    "hasReasons": .bool(!reasons.isEmpty),
                    "reasons": .string(reasons.joined(separator: "; ")),
                    "reasonList": .strings(reasons),
                ])
            }),
            "hasRecurrences": .bool(!recurrences.isEmpty),
            "recurrences": .list(recurrences.map(recurrenceModel)),
        ]
    }

    /// `hasRecentRecurrences` and `recentRecurrences` of the dashboard: the latest started first.
    func recurrenceFields() -> [String: TemplateValue] {
        let recent = similarity.all.prefix(Self.dashboardRecurrences)
        return ["hasRecentRecurrences": .bool(!recent.isEmpty), "recentRecurrences": .list(recent.map(recurrenceModel))]
    }

    /// A Recurrence object of the templates.
    func recurrenceModel(_ recurred: SiteSimilarity.Recurred) -> TemplateValue {
        let recurrence = similarity.recurrence(recurred)
        let later = index.postmortems[recurred.later]
        let earlier = index.postmortems[recurred.earlier]
        return .object([
            "laterID": .string(later.pm.id),
            "laterTitle": .string(later.pm.title.isEmpty ? later.pm.file : later.pm.title),
            "laterURL": .string(Format.urlPath(later.path)),
            "earlierID": .string(earlier.pm.id),
            "earlierTitle": .string(earlier.pm.title.isEmpty ? earlier.pm.file : earlier.pm.title),
            "earlierURL": .string(Format.urlPath(earlier.path)),
            "actionKey": .string(recurrence.actionKey),
            "started": .string(recurrence.started.description),
            "score": .string(Self.score(recurrence.score)),
            "daysOverdue": .int(recurrence.daysOverdue),
            "sentence": .string(recurrence.sentence),
        ])
    }

    /// A similarity score with two decimals.
    static func score(_ value: Double) -> String {
        value.twoDecimals
    }
}
