/// The model of `actions.mustache`: every preventive action, open and overdue first, and one
/// static page per status, owner and service so filtering works without JavaScript
/// (`actions/status/<status>.html`, `actions/owner/<owner>.html`, `actions/service/<service>.html`).
/// A list longer than `actionsPerPage` continues on numbered pages (`actions/2.html`,
/// `actions/status/done/2.html`): a page of ten thousand rows helps no reader and no browser.
extension PageModels {
    /// The most actions one page lists.
    static let actionsPerPage = 1_000

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

    /// The path of page `number` (from 1) of a filter's list, or of every action.
    static func actionsPath(_ filter: ActionFilter?, page number: Int) -> String {
        let first = filter?.path ?? "actions.html"
        guard number > 1 else { return first }
        return String(first.dropLast(".html".count)) + "/\(number).html"
    }

    /// How many pages a list of `count` actions takes.
    static func actionPageCount(_ count: Int) -> Int {
        max(1, (count + actionsPerPage - 1) / actionsPerPage)
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

    /// How many actions a filter page lists.
    func actionCount(_ filter: ActionFilter) -> Int {
        switch filter {
        case .status(let slug): actionGroups.first { $0.slug == slug }?.members.count ?? 0
        case .owner(let slug): index.owners.first { $0.slug == slug }?.members.count ?? 0
        case .service(let slug): index.serviceActions[slug]?.count ?? 0
        }
    }

    /// Every filter page the site has.
    func actionFilters() -> [ActionFilter] {
        statusGroups().map { .status($0.slug) } + ownersByName.map { .owner($0.slug) } + servicesWithActions.map { .service($0.slug) }
    }

    func actionsPage(_ filter: ActionFilter?, page number: Int = 1) -> TemplateValue {
        let path = Self.actionsPath(filter, page: number)
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
        let pageCount = Self.actionPageCount(members.count)
        var fields = page(path, title: pageCount > 1 ? "\(heading), page \(number) of \(pageCount)" : heading, nav: "actions")
        fields["heading"] = .string(heading)
        fields["pageNumber"] = .int(number)
        fields["pageCount"] = .int(pageCount)
        fields["hasPagination"] = .bool(pageCount > 1)
        fields["hasPreviousPage"] = .bool(number > 1)
        fields["previousPageURL"] = .string(number > 1 ? Format.urlPath(Self.actionsPath(filter, page: number - 1)) : "")
        fields["hasNextPage"] = .bool(number < pageCount)
        fields["nextPageURL"] = .string(number < pageCount ? Format.urlPath(Self.actionsPath(filter, page: number + 1)) : "")
        let start = min(members.count, (number - 1) * Self.actionsPerPage)
        let end = min(members.count, start + Self.actionsPerPage)
        fields["firstShown"] = .int(members.isEmpty ? 0 : start + 1)
        fields["lastShown"] = .int(end)
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
        for (key, value) in actionFields(Array(members[start..<end]), page: path) { fields[key] = value }
        return .object(fields)
    }
}
