import Foundation

/// The model of `actions.mustache`: every preventive action once, open and overdue first, on
/// `actions.html` and its numbered continuations (`actions/2.html`, …). That list is the whole
/// of what a reader without JavaScript gets; filters (status, owner, service, SOP, severity)
/// run in the browser over the action data files (`ActionData.swift`), so no page is written
/// per filter value and the site does not grow with the number of owners or services.
extension PageModels {
    /// The most actions one page lists.
    static let actionsPerPage = 1_000

    /// The path of page `number` (from 1) of every action.
    static func actionsPath(page number: Int) -> String {
        number > 1 ? "actions/\(number).html" : "actions.html"
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
            if let slug = entry.status?.rawValue, let group = groups.firstIndex(where: { $0.slug == slug }) {
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

    /// `actions.html?name=value`: the actions page with one filter set, which its script applies
    /// (the link still opens the complete list without JavaScript).
    static func filteredActionsURL(_ name: String, _ value: String) -> String {
        "actions.html?\(name)=" + (value.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? value)
    }

    private static let queryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+#;")
        return set
    }()

    func actionsPage(page number: Int = 1) -> TemplateValue {
        let path = Self.actionsPath(page: number)
        let members = Array(index.actions.indices)
        let heading = "Preventive actions"
        let pageCount = Self.actionPageCount(members.count)
        var fields = page(path, title: pageCount > 1 ? "\(heading), page \(number) of \(pageCount)" : heading, nav: "actions")
        fields["heading"] = .string(heading)
        fields["pageNumber"] = .int(number)
        fields["pageCount"] = .int(pageCount)
        fields["isFirstPage"] = .bool(number == 1)
        fields["hasPagination"] = .bool(pageCount > 1)
        fields["hasPreviousPage"] = .bool(number > 1)
        fields["previousPageURL"] = .string(number > 1 ? Format.urlPath(Self.actionsPath(page: number - 1)) : "")
        fields["hasNextPage"] = .bool(number < pageCount)
        fields["nextPageURL"] = .string(number < pageCount ? Format.urlPath(Self.actionsPath(page: number + 1)) : "")
        fields["pages"] = .list((1...pageCount).map { other in
            .object(["number": .int(other), "url": .string(Format.urlPath(Self.actionsPath(page: other))), "isCurrent": .bool(other == number)])
        })
        let start = min(members.count, (number - 1) * Self.actionsPerPage)
        let end = min(members.count, start + Self.actionsPerPage)
        fields["firstShown"] = .int(members.isEmpty ? 0 : start + 1)
        fields["lastShown"] = .int(end)
        fields["actionDataURL"] = .string(ActionData.metaPath)
        fields["actionStats"] = actionStats(members)
        fields["statusFilters"] = .list(statusGroups().map { group in
            .object(["slug": .string(group.slug), "name": .string(group.name), "count": .int(group.members.count)])
        })
        fields["ownerFilters"] = .list(ownersByName.map { term in
            .object(["slug": .string(term.slug), "name": .string(term.name), "count": .int(term.members.count)])
        })
        fields["serviceFilters"] = .list(servicesWithActions.map { term in
            .object(["slug": .string(term.slug), "name": .string(term.name), "count": .int(index.serviceActions[term.slug]?.count ?? 0)])
        })
        fields["tagFilters"] = .list(index.tags.sorted { $0.name != $1.name ? $0.name < $1.name : $0.slug < $1.slug }.map { term in
            .object(["slug": .string(term.slug), "name": .string(term.name),
                     "count": .int(term.members.reduce(0) { $0 + index.actionsByPostmortem[$1].count })])
        })
        fields["sopFilters"] = .list(index.sops.map { entry in
            .object(["slug": .string(entry.sop.id), "name": .string(entry.sop.title), "count": .int(entry.actions.count)])
        })
        fields["severityFilters"] = .list(index.severities.map { term in
            .object(["slug": .string(term.slug), "name": .string(term.name),
                     "count": .int(term.members.reduce(0) { $0 + index.actionsByPostmortem[$1].count })])
        })
        for (key, value) in actionFields(Array(members[start..<end]), page: path) { fields[key] = value }
        return .object(fields)
    }
}
