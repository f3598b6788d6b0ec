/// The models of `sop.mustache` (one SOP with the actions that name it and the incidents that
/// touched it) and `sops.mustache` (every SOP).
extension PageModels {
    /// The most actions an SOP page lists; the rest are on the actions page, filtered to the SOP.
    static let sopActionsShown = 25

    func sopPage(_ position: Int, bodyHTML: String) -> TemplateValue {
        let entry = index.sops[position]
        let sop = entry.sop
        var fields = page(entry.path, title: sop.title, nav: "sops")
        for (key, value) in sopSummary(position) { fields[key] = value }
        fields["bodyHTML"] = .html(bodyHTML)
        fields["sourcePath"] = .string(sop.file)
        fields["hasSourceURL"] = .bool(settings.repoURL != nil)
        fields["sourceURL"] = .string(settings.repoURL.map { $0 + Format.urlPath(sop.file) } ?? "")
        let headings = entry.document.headings.filter { $0.level == 2 }
        fields["headings"] = .list(headings.map { .object(["anchor": .string($0.anchor), "text": .string($0.text)]) })
        fields["hasHeadings"] = .bool(!headings.isEmpty)
        // In the order of the actions page: overdue and open first.
        let shown = Array(entry.actions.prefix(Self.sopActionsShown))
        for (key, value) in actionFields(shown, page: entry.path) { fields[key] = value }
        fields["shownActionCount"] = .int(shown.count)
        fields["hasMoreActions"] = .bool(entry.actions.count > shown.count)
        fields["actionsURL"] = .string(Self.filteredActionsURL("sop", sop.id))
        let incidents = entry.incidents.sorted()
        fields["incidents"] = summaries(incidents, page: entry.path)
        fields["hasIncidents"] = .bool(!incidents.isEmpty)
        return .object(fields)
    }

    func sopIndexPage() -> TemplateValue {
        var fields = page("sops.html", title: "SOPs", nav: "sops")
        fields["totalSOPs"] = .int(index.sops.count)
        fields["hasSOPs"] = .bool(!index.sops.isEmpty)
        fields["sops"] = .list(index.sops.indices.map { .object(sopSummary($0)) })
        return .object(fields)
    }

    /// What both SOP pages show of one SOP.
    private func sopSummary(_ position: Int) -> [String: TemplateValue] {
        let entry = index.sops[position]
        let sop = entry.sop
        return [
            "id": .string(sop.id),
            "title": .string(sop.title),
            "url": .string(Format.urlPath(entry.path)),
            "hasOwner": .bool(!(sop.owner ?? "").isEmpty),
            "owner": .string(sop.owner ?? ""),
            "hasLastReviewed": .bool(sop.lastReviewed != nil),
            "lastReviewed": .string(sop.lastReviewed?.description ?? ""),
            "isStale": .bool(entry.staleSince != nil),
            "staleSince": .string(entry.staleSince?.description ?? ""),
            "actionCount": .int(entry.actions.count),
            "openActionCount": .int(entry.actions.count { index.actions[$0].status?.isOpen ?? false }),
            "incidentCount": .int(entry.incidents.count),
            "hasExcerpt": .bool(!entry.document.excerpt.isEmpty),
            "excerpt": .string(entry.document.excerpt),
        ]
    }
}
