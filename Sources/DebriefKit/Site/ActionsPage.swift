/// The model of `actions.mustache`: every preventive action, open and overdue first, and one
/// static page per status, owner and service so filtering works without JavaScript
/// (`actions/status/<status>.html`, `actions/owner/<owner>.html`, `actions/service/<service>.html`).
extension PageModels {
    /// A filter with its own page.
    enum ActionFilter: Sendable, Hashable {
        /// `overdue`, `open`, `in-progress`, `done`, `wont-do` or `unknown`.
        case status(String)
        /// An owner's slug.
        case owner(String)
        /// A service's slug.
        case service(String)

        /// The page's path.
        var path: String {
            switch self {
            case .status(let slug): "actions/status/\(slug).html"
            case .owner(let slug): "actions/owner/\(slug).html"
            case .service(let slug): "actions/service/\(slug).html"
            }
        }
    }

    /// The statuses in filter order, with labels, and the actions of each.
    func statusGroups() -> [(slug: String, name: String, members: [Int])] {
        var groups: [(String, String, [Int])] = [("overdue", "Overdue", [])]
        for status in ActionStatus.allCases { groups.append((status.rawValue, Format.label(status), [])) }
        groups.append(("unknown", "Unknown status", []))
        for (position, entry) in index.actions.enumerated() {
            if entry.isOverdue { groups[0].2.append(position) }
            let slug = entry.action.status?.rawValue ?? "unknown"
            if let group = groups.firstIndex(where: { $0.0 == slug }) { groups[group].2.append(position) }
        }
        return groups.filter { !$0.2.isEmpty || $0.0 != "unknown" }.map { (slug: $0.0, name: $0.1, members: $0.2) }
    }

    /// Every filter page the site has.
    func actionFilters() -> [ActionFilter] {
        statusGroups().map { .status($0.slug) }
            + index.owners.map { .owner($0.slug) }
            + index.services.filter { !(index.serviceActions[$0.slug] ?? []).isEmpty }.map { .service($0.slug) }
    }

    func actionsPage(_ filter: ActionFilter?) -> TemplateValue {
        let path = filter?.path ?? "actions.html"
        let statuses = statusGroups()
        var members = Array(index.actions.indices)
        var heading = "Preventive actions"
        switch filter {
        case .status(let slug)?:
            let group = statuses.first { $0.slug == slug }
            members = group?.members ?? []
            heading = "\(group?.name ?? slug) actions"
        case .owner(let slug)?:
            let term = index.owners.first { $0.slug == slug }
            members = term?.members ?? []
            heading = "Actions owned by \(term?.name ?? slug)"
        case .service(let slug)?:
            members = index.serviceActions[slug] ?? []
            heading = "Actions from incidents on \(index.serviceNames[slug] ?? slug)"
        case nil:
            break
        }
        var fields = page(path, title: heading, nav: "actions")
        fields["heading"] = .string(heading)
        fields["isFiltered"] = .bool(filter != nil)
        fields["allActionsURL"] = "actions.html"
        var isStatus = false, isOwner = false, isService = false
        switch filter {
        case .status?: isStatus = true
        case .owner?: isOwner = true
        case .service?: isService = true
        case nil: break
        }
        fields["isFilteredByStatus"] = .bool(isStatus)
        fields["isFilteredByOwner"] = .bool(isOwner)
        fields["isFilteredByService"] = .bool(isService)
        fields["actionStats"] = actionStats(members)
        fields["statusFilters"] = .list(statuses.map { group in
            .object(["slug": .string(group.slug), "name": .string(group.name), "count": .int(group.members.count),
                     "url": .string(ActionFilter.status(group.slug).path), "isCurrent": .bool(filter == .status(group.slug))])
        })
        fields["ownerFilters"] = .list(index.owners.map { term in
            .object(["slug": .string(term.slug), "name": .string(term.name), "count": .int(term.members.count),
                     "url": .string(Format.urlPath(ActionFilter.owner(term.slug).path)), "isCurrent": .bool(filter == .owner(term.slug))])
        })
        fields["serviceFilters"] = .list(index.services.compactMap { term in
            let count = index.serviceActions[term.slug]?.count ?? 0
            guard count > 0 else { return nil }
            return .object(["slug": .string(term.slug), "name": .string(term.name), "count": .int(count),
                            "url": .string(Format.urlPath(ActionFilter.service(term.slug).path)), "isCurrent": .bool(filter == .service(term.slug))])
        })
        fields["actions"] = .list(members.map { rows[$0] })
        fields["hasActions"] = .bool(!members.isEmpty)
        return .object(fields)
    }
}
