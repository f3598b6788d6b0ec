/// The review record on a post-mortem's page: reviewers, approvers, the approved day and where
/// the post-mortem stands against its publishing deadline on the build's day.
extension PageModels {
    /// The page fields of `pm`'s review record (`hasReviewers`, `reviewers`, …, `hasPublishDeadline`).
    func reviewFields(_ pm: Postmortem) -> [String: TemplateValue] {
        // A repository that declared these fields before they were built in keeps its labels.
        func label(_ key: String, _ fallback: String) -> String {
            index.config.fields.first { $0.key == key }?.label ?? fallback
        }
        let reviewers = pm.reviewers.filter { !$0.isEmpty }
        let approvers = pm.approvedBy.filter { !$0.isEmpty }
        var fields: [String: TemplateValue] = [
            "hasReviewers": .bool(!reviewers.isEmpty),
            "reviewersLabel": .string(label("reviewers", "Reviewers")),
            "reviewers": .strings(reviewers),
            "hasApprovedBy": .bool(!approvers.isEmpty),
            "approvedByLabel": .string(label("approved_by", "Approved by")),
            "approvedBy": .strings(approvers),
            "hasApproved": .bool(pm.approved != nil),
            "approvedLabel": .string(label("approved", "Approved")),
            "approved": .string(pm.approved?.description ?? ""),
        ]
        let deadline = PublishingDeadline.of(pm, windows: index.config.publishWithin, asOf: settings.asOf)
        fields["hasPublishDeadline"] = .bool(deadline != nil)
        fields["publishDeadline"] = .string(deadline?.deadline.description ?? "")
        fields["publishWindow"] = .string(deadline?.window.words ?? "")
        fields["publishState"] = .string(deadline?.state.rawValue ?? "")
        let note: String
        switch deadline?.state {
        case .overdue?: note = "\(Format.daysLate(deadline?.daysLate ?? 0)) as of \(settings.asOf)"
        case .publishedLate?: note = "published \(Format.daysLate(deadline?.daysLate ?? 0))"
        case .finalDayUnknown?: note = "final; no approved day to check"
        default: note = ""
        }
        fields["hasPublishNote"] = .bool(!note.isEmpty)
        fields["publishNote"] = .string(note)
        fields["publishIsLate"] = .bool(deadline?.state == .overdue || deadline?.state == .publishedLate)
        return fields
    }
}

extension Format {
    /// `1 day late`, `12 days late`.
    static func daysLate(_ days: Int) -> String { Plural.count(days, "day") + " late" }
}
