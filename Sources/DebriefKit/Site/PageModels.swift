/// Stage 4 of a build: the models the page templates render, as `TemplateValue` trees. The
/// parts that several pages show (a post-mortem in a list, an action row) are made once per
/// document here and shared; each page kind adds its own model in its own file
/// (`PostmortemPage.swift`, `SOPPage.swift`, …). `docs/templates.md` lists every variable.
struct PageModels: Sendable {
    let index: SiteIndex
    let settings: SiteSettings
    /// The PostmortemSummary of each post-mortem, by index.
    let items: [TemplateValue]
    /// Each post-mortem rendered with `postmortem-item`, by index.
    let itemFragments: [TemplateFragment]
    /// The Action of each action, by index.
    let rows: [TemplateValue]
    /// Each action rendered with `action-row`, by index.
    let rowFragments: [TemplateFragment]
    /// The actions of each status filter.
    let actionGroups: [(slug: String, name: String, members: [Int])]

    init(index: SiteIndex, settings: SiteSettings, templates: TemplateSet) {
        self.index = index
        self.settings = settings
        let severities = index.config.severities
        let items = parallelMap(Array(index.postmortems.indices)) { position -> (TemplateValue, TemplateFragment) in
            let fields = Self.item(position, index: index)
            let fragment = TemplateFragment(template: "postmortem-item", fields: fields, templates: templates)
            return (.keyed(fragment.key, .object(fields)), fragment)
        }
        self.items = items.map(\.0)
        self.itemFragments = items.map(\.1)
        let rows = parallelMap(Array(index.actions.indices)) { position -> (TemplateValue, TemplateFragment) in
            let fields = Self.row(index.actions[position], index: index, severities: severities)
            let fragment = TemplateFragment(template: "action-row", fields: fields, templates: templates)
            return (.keyed(fragment.key, .object(fields)), fragment)
        }
        self.rows = rows.map(\.0)
        self.rowFragments = rows.map(\.1)
        self.actionGroups = Self.statusGroups(index)
    }

    // MARK: - Lists

    /// PostmortemSummary objects for a page at `root`, each with its `itemHTML`.
    func summaries(_ positions: [Int], root: String) -> TemplateValue {
        .list(positions.map { position in
            var fields = items[position].fields ?? [:]
            fields["itemHTML"] = .fragment(itemFragments[position], root: root)
            return .keyed(itemFragments[position].key, .object(fields))
        })
    }

    /// `actions`, `actionRows` and `hasActions` for a page at `root`.
    func actionFields(_ positions: [Int], root: String) -> [String: TemplateValue] {
        [
            "actions": .list(positions.map { rows[$0] }),
            "actionRows": .list(positions.map { .fragment(rowFragments[$0], root: root) }),
            "hasActions": .bool(!positions.isEmpty),
        ]
    }

    // MARK: - Shared page fields

    /// What every HTML page has: the root prefix, titles, navigation state, live reload and
    /// the canonical URL.
    func page(_ path: String, title: String, nav: String?) -> [String: TemplateValue] {
        var navigation: [String: TemplateValue] = [:]
        for name in ["dashboard", "postmortems", "actions", "sops", "services", "tags", "search"] {
            navigation[name] = .bool(name == nav)
        }
        var fields: [String: TemplateValue] = [
            "root": .string(settings.root(forPage: path)),
            "siteTitle": .string(settings.title),
            "pageTitle": .string(title),
            "nav": .object(navigation),
            "asOf": .string(settings.asOf.description),
            "hasLiveReload": .bool(settings.liveReloadURL != nil),
            "liveReloadURL": .string(settings.liveReloadURL ?? ""),
            "hasCanonicalURL": .bool(settings.hasAbsoluteBase),
            "canonicalURL": .string((settings.baseURL ?? "") + Format.urlPath(path)),
        ]
        fields["path"] = .string(path)
        return fields
    }

    // MARK: - Post-mortem in a list

    static func item(_ position: Int, index: SiteIndex) -> [String: TemplateValue] {
        let entry = index.postmortems[position]
        let pm = entry.pm
        let severities = index.config.severities
        let status = Format.postmortemStatus(pm)
        let timeToResolve = pm.metrics.timeToResolve
        return [
            "url": .string(Format.urlPath(entry.path)),
            "id": .string(pm.id),
            "title": .string(pm.title.isEmpty ? pm.file : pm.title),
            "date": .string(pm.date?.description ?? ""),
            "hasDate": .bool(pm.date != nil),
            "severity": .string(pm.severity),
            "severityLevel": .string(Format.severityLevel(pm.severity, in: severities)),
            "status": .string(status.slug),
            "statusLabel": .string(status.label),
            "hasServices": .bool(!index.serviceSlugs[position].isEmpty),
            "services": terms(index.serviceSlugs[position], names: index.serviceNames, folder: "services"),
            "hasTags": .bool(!index.tagSlugs[position].isEmpty),
            "tags": terms(index.tagSlugs[position], names: index.tagNames, folder: "tags"),
            "hasTimeToResolve": .bool(timeToResolve != nil),
            "timeToResolve": .string(timeToResolve.map(Format.duration) ?? ""),
            "hasExcerpt": .bool(!entry.document.excerpt.isEmpty),
            "excerpt": .string(entry.document.excerpt),
        ]
    }

    /// Terms of one post-mortem, as Term objects.
    static func terms(_ slugs: [String], names: [String: String], folder: String) -> TemplateValue {
        .list(slugs.map { slug in
            .object(["name": .string(names[slug] ?? slug), "slug": .string(slug), "url": .string("\(folder)/\(Format.urlPath(slug)).html"),
                     "count": .int(0), "percent": "0", "severityLevel": "", "isCurrent": false])
        })
    }

    // MARK: - Action row

    static func row(_ entry: SiteIndex.ActionEntry, index: SiteIndex, severities: [String]) -> [String: TemplateValue] {
        let action = entry.action
        let pmEntry = index.postmortems[entry.postmortem]
        let status = Format.actionStatus(action)
        var seen: Set<String> = []
        var sops: [TemplateValue] = []
        for reference in action.sops {
            let id = reference.sopID ?? reference.written
            guard seen.insert(id).inserted else { continue }
            if let position = index.sopByID[id] {
                let sop = index.sops[position]
                sops.append(.object(["hasPage": true, "id": .string(id), "title": .string(sop.sop.title),
                                     "url": .string(Format.urlPath(sop.path))]))
            } else {
                sops.append(.object(["hasPage": false, "id": .string(id), "title": "", "url": ""]))
            }
        }
        let ticket = action.ticket ?? ""
        let ticketURL = Self.ticketURL(action, in: pmEntry.pm)
        return [
            "key": .string(action.key),
            "id": .string(action.id),
            "action": .string(action.action),
            "hasOwner": .bool(!action.owner.isEmpty),
            "owner": .string(action.owner),
            "ownerSlug": .string(entry.ownerKey ?? ""),
            "hasDue": .bool(action.due != nil || !action.dueText.isEmpty),
            "due": .string(action.due?.description ?? action.dueText),
            "status": .string(status.slug),
            "statusLabel": .string(status.label),
            "isOpen": .bool(action.status?.isOpen ?? false),
            "isOverdue": .bool(entry.isOverdue),
            "daysOverdue": .int(entry.daysOverdue),
            "overdueLabel": .string(entry.isOverdue ? Format.overdue(entry.daysOverdue) : ""),
            "hasSOPs": .bool(!sops.isEmpty),
            "sops": .list(sops),
            "hasTicket": .bool(!ticket.isEmpty),
            "ticket": .string(ticket),
            "hasTicketURL": .bool(ticketURL != nil),
            "ticketURL": .string(ticketURL ?? ""),
            "services": terms(index.serviceSlugs[entry.postmortem], names: index.serviceNames, folder: "services"),
            "postmortem": .object([
                "id": .string(pmEntry.pm.id),
                "title": .string(pmEntry.pm.title),
                "url": .string(Format.urlPath(pmEntry.path)),
                "severity": .string(pmEntry.pm.severity),
                "severityLevel": .string(Format.severityLevel(pmEntry.pm.severity, in: severities)),
            ]),
        ]
    }

    /// The link of an action's Ticket cell: a Markdown link or bare URL, `http` or `https` only.
    static func ticketURL(_ action: PreventiveAction, in pm: Postmortem) -> String? {
        let candidates: [String]
        if let cell = action.cellLocations["Ticket"] {
            candidates = pm.links.filter { $0.location == cell }.map(\.destination)
        } else {
            candidates = []
        }
        let ticket = action.ticket ?? ""
        return (candidates + [ticket]).first { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
    }

    /// Counts over a set of actions.
    func actionStats(_ positions: [Int]) -> TemplateValue {
        var open = 0, inProgress = 0, overdue = 0, done = 0, wontDo = 0
        for position in positions {
            let entry = index.actions[position]
            if entry.isOverdue { overdue += 1 }
            switch entry.action.status {
            case .open?: open += 1
            case .inProgress?:
                open += 1
                inProgress += 1
            case .done?: done += 1
            case .wontDo?: wontDo += 1
            case nil: break
            }
        }
        return .object(["total": .int(positions.count), "open": .int(open), "inProgress": .int(inProgress), "overdue": .int(overdue),
                        "done": .int(done), "wontDo": .int(wontDo)])
    }

    /// Severity counts with links to the severity pages, most severe first.
    func severityCounts() -> TemplateValue {
        .list(index.severities.map { term in
            .object(["name": .string(term.name), "url": .string("severities/\(Format.urlPath(term.slug)).html"),
                     "severityLevel": .string(Format.severityLevel(term.name, in: index.config.severities)),
                     "count": .int(term.members.count), "slug": .string(term.slug),
                     "percent": .string(Format.number(Double(term.members.count) / Double(max(1, index.severities.map(\.members.count).max() ?? 1)) * 100)),
                     "isCurrent": false])
        })
    }
}
