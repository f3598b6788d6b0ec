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

    /// `overdue` and the four statuses, with labels and the actions of each (an action with an
    /// unknown status is in none of them).
    func statusGroups() -> [(slug: String, name: String, members: [Int])] {
        actionGroups
    }

    static func statusGroups(_ index: SiteIndex) -> [(slug: String, name: String, members: [Int])] {
        var groups: [(slug: String, name: String, members: [Int])] = [("overdue", "Overdue", [])]
        for status in ActionStatus.allCases { groups.append((status.rawValue, Format.label(status), [])) }
        for (position, entry) in index.actions.enumerated() {
            if entry.isOverdue { groups[0].members.append(position) }
            if let slug = entry.action.status?.rawValue, let group = groups.firstIndex(where: { $0.slug == slug }) {
                groups[group].members.append(position)
            }
        }
        return groups
    }

    /// Owners by name.
    var ownersByName: [SiteIndex.Term] {
        index.owners.sorted { $0.name != $1.name ? $0.name < $1.name : $0.slug < $1.slug }
    }

    /// Services that have actions, by name.
    var servicesWithActions: [SiteIndex.Term] {
        index.services.filter { !(index.serviceActions[$0.slug] ?? []).isEmpty }
            .sorted { $0.name != $1.name ? $0.name < $1.name : $0.slug < $1.slug }
    }

    /// Every filter page the site has.
    func actionFilters() -> [ActionFilter] {
        statusGroups().map { .status($0.slug) } + ownersByName.map { .owner($0.slug) } + servicesWithActions.map { .service($0.slug) }
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
            heading = slug == "overdue" ? "Overdue preventive actions" : "Preventive actions: \(group?.name.lowercased() ?? slug)"
        case .owner(let slug)?:
            let term = index.owners.first { $0.slug == slug }
            members = term?.members ?? []
            heading = "Preventive actions owned by \(term?.name ?? slug)"
        case .service(let slug)?:
            members = index.serviceActions[slug] ?? []
            heading = "Preventive actions for \(index.serviceNames[slug] ?? slug)"
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
                     "url": .string(ActionFilter.status(group.slug).path), "isCurrent": .bool(filter == .status(group.slug)),
                     "percent": "0", "severityLevel": ""])
        })
        fields["ownerFilters"] = .list(ownersByName.map { term in
            .object(["slug": .string(term.slug), "name": .string(term.name), "count": .int(term.members.count),
                     "url": .string(Format.urlPath(ActionFilter.owner(term.slug).path)), "isCurrent": .bool(filter == .owner(term.slug)),
                     "percent": "0", "severityLevel": ""])
        })
        fields["serviceFilters"] = .list(servicesWithActions.map { term in
            .object(["slug": .string(term.slug), "name": .string(term.name), "count": .int(index.serviceActions[term.slug]?.count ?? 0),
                     "url": .string(Format.urlPath(ActionFilter.service(term.slug).path)), "isCurrent": .bool(filter == .service(term.slug)),
                     "percent": "0", "severityLevel": ""])
        })
        for (key, value) in actionFields(members, root: settings.root(forPage: path)) { fields[key] = value }
        return .object(fields)
    }
}
