/// Stage 6 of a build (plan): the models the page templates render, as `TemplateValue` trees. The
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
    /// Each post-mortem rendered with `postmortem-row`, the compact row of long listings, by index.
    let compactFragments: [TemplateFragment]
    /// Each action rendered with `action-row`, by index.
    let rowFragments: [TemplateFragment]
    /// The actions of each status filter.
    let actionGroups: [(slug: String, name: String, members: [Int])]
    /// Similar incidents and recurrences of each post-mortem.
    let similarity: SiteSimilarity
    /// What the repository's history says about the actions (`build --git`), else empty.
    let history: SiteHistory
    /// What the rows of a post-mortem's own tracker are made from.
    private let shared: Shared
    private let templates: TemplateSet

    /// Objects that many rows and items share: made once, so a large site keeps one copy. A
    /// class, so the model of each of tens of thousands of action rows holds one reference.
    final class Shared: Sendable {
        /// Services, tags and the PostmortemRef of each post-mortem, by index.
        let services: [TemplateValue]
        let tags: [TemplateValue]
        let postmortemRefs: [TemplateValue]
        /// The SOPRef of each SOP, by id.
        let sopRefs: [String: TemplateValue]
        /// The due-date slips of actions, by key (`build --git`).
        let slips: [String: SiteHistory.Slips]

        init(index: SiteIndex, history: SiteHistory) {
            slips = history.slips
            services = PageModels.termLists(index.serviceSlugs, names: index.serviceNames, folder: "services")
            tags = PageModels.termLists(index.tagSlugs, names: index.tagNames, folder: "tags")
            let severities = index.config.severities
            postmortemRefs = index.postmortems.map { entry in
                .object([
                    "id": .string(entry.pm.id),
                    "title": .string(entry.pm.title),
                    "url": .string(Format.urlPath(entry.path)),
                    "severity": .string(entry.pm.severity),
                    "severityLevel": .string(Format.severityLevel(entry.pm.severity, in: severities)),
                ])
            }
            var sopRefs: [String: TemplateValue] = [:]
            for entry in index.sops {
                sopRefs[entry.sop.id] = .object(["hasPage": true, "id": .string(entry.sop.id), "title": .string(entry.sop.title),
                                                 "url": .string(Format.urlPath(entry.path))])
            }
            self.sopRefs = sopRefs
        }
    }

    init(index: SiteIndex, settings: SiteSettings, templates: TemplateSet, similarity: SiteSimilarity = SiteSimilarity(),
         history: SiteHistory = SiteHistory()) {
        self.index = index
        self.similarity = similarity
        self.history = history
        self.settings = settings
        let shared = Shared(index: index, history: history)
        self.shared = shared
        self.templates = templates
        let items = parallelMap(Array(index.postmortems.indices)) { position -> (TemplateValue, TemplateFragment, TemplateFragment) in
            let fields = Self.item(position, index: index, shared: shared)
            let fragment = TemplateFragment(template: "postmortem-item", templates: templates, baseURL: settings.baseURL) { fields }
            let compact = TemplateFragment(template: "postmortem-row", templates: templates, baseURL: settings.baseURL) { fields }
            return (.keyed(fragment.key, .object(fields)), fragment, compact)
        }
        self.items = items.map(\.0)
        self.itemFragments = items.map(\.1)
        self.compactFragments = items.map(\.2)
        // Each row's model is made again from its entry when it is rendered: the closure holds
        // the entry and `shared`, two references, not a copy of the index.
        self.rowFragments = parallelMap(index.actions) { entry in
            TemplateFragment(template: "action-row", templates: templates, baseURL: settings.baseURL) {
                Self.row(entry, shared: shared)
            }
        }
        self.actionGroups = Self.statusGroups(index)
    }

    // MARK: - Lists

    /// PostmortemSummary objects for the page at `path`, each with its `itemHTML` and `rowHTML`.
    /// Both fragments come from the same model, so the item's key stands for both.
    func summaries(_ positions: [Int], page path: String) -> TemplateValue {
        let depth = Self.depth(path)
        return .list(positions.map { position in
            var fields = items[position].fields ?? [:]
            fields["itemHTML"] = .fragment(itemFragments[position], depth: depth)
            fields["rowHTML"] = .fragment(compactFragments[position], depth: depth)
            return .keyed(itemFragments[position].key, .object(fields))
        })
    }

    /// `actionRowsHTML` and `hasActions` for the page at `path`.
    func actionFields(_ positions: [Int], page path: String) -> [String: TemplateValue] {
        let depth = Self.depth(path)
        return [
            "actionRowsHTML": .fragments(positions.map { rowFragments[$0] }, depth: depth),
            "hasActions": .bool(!positions.isEmpty),
        ]
    }

    /// `actionRowsHTML` and `hasActions` for a post-mortem's own tracker, whose rows leave out
    /// the post-mortem column (`inPostmortem`): each row is rendered for this page alone, since
    /// no other page shows it without that column.
    func trackerFields(_ positions: [Int], page path: String) -> [String: TemplateValue] {
        let rows = positions.map(trackerRow)
        return ["actionRowsHTML": .fragments(rows, depth: Self.depth(path)), "hasActions": .bool(!positions.isEmpty), "inPostmortem": true]
    }

    /// The tracker row (on a post-mortem page) of the action at `position` in `index.actions`.
    func trackerRow(_ position: Int) -> TemplateFragment {
        let shared = self.shared
        let entry = index.actions[position]
        return TemplateFragment(template: "action-row", templates: templates, baseURL: settings.baseURL) {
            var fields = Self.row(entry, shared: shared)
            fields["inPostmortem"] = true
            return fields
        }
    }

    /// How many folders below the site root a page is.
    static func depth(_ path: String) -> Int {
        path.utf8.count { $0 == UInt8(ascii: "/") }
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

    static func item(_ position: Int, index: SiteIndex, shared: Shared) -> [String: TemplateValue] {
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
            "services": shared.services[position],
            "hasTags": .bool(!index.tagSlugs[position].isEmpty),
            "tags": shared.tags[position],
            "hasTimeToResolve": .bool(timeToResolve != nil),
            "timeToResolve": .string(timeToResolve.map(Format.duration) ?? ""),
            "hasExcerpt": .bool(!entry.document.excerpt.isEmpty),
            "excerpt": .string(entry.document.excerpt),
        ]
    }

    /// The Term objects of each post-mortem's slugs, every term's object made once and shared by
    /// the lists that name it: ten thousand post-mortems name a few hundred terms some 50,000 times.
    static func termLists(_ slugsPerItem: [[String]], names: [String: String], folder: String) -> [TemplateValue] {
        var made: [String: TemplateValue] = [:]
        return slugsPerItem.map { slugs in
            .list(slugs.map { slug in
                if let known = made[slug] { return known }
                let value = term(slug, names: names, folder: folder)
                made[slug] = value
                return value
            })
        }
    }

    /// One term as a Term object of the templates.
    private static func term(_ slug: String, names: [String: String], folder: String) -> TemplateValue {
        .object(["name": .string(names[slug] ?? slug), "slug": .string(slug), "url": .string("\(folder)/\(Format.urlPath(slug)).html"),
                 "count": .int(0), "percent": "0", "severityLevel": "", "isCurrent": false])
    }

    // MARK: - Action row

    static func row(_ entry: SiteIndex.ActionEntry, shared: Shared) -> [String: TemplateValue] {
        let action = entry.action
        let status = Format.actionStatus(action)
        var seen: Set<String> = []
        var sops: [TemplateValue] = []
        for reference in action.sops {
            let id = reference.sopID ?? reference.written
            guard seen.insert(id).inserted else { continue }
            if let reference = shared.sopRefs[id] {
                sops.append(reference)
            } else {
                sops.append(.object(["hasPage": false, "id": .string(id), "title": "", "url": ""]))
            }
        }
        let ticket = action.ticket ?? ""
        let ticketURL = entry.ticketURL
        let slips = shared.slips[action.key]
        return [
            "hasSlips": .bool(slips != nil),
            "slipLabel": .string(slips?.label ?? ""),
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
            "isUntracked": .bool(action.untracked),
            "daysOverdue": .int(entry.daysOverdue),
            "overdueLabel": .string(entry.isOverdue ? Format.overdue(entry.daysOverdue) : ""),
            "hasSOPs": .bool(!sops.isEmpty),
            "sops": .list(sops),
            "hasTicket": .bool(!ticket.isEmpty),
            "ticket": .string(ticket),
            "hasTicketURL": .bool(ticketURL != nil),
            "ticketURL": .string(ticketURL ?? ""),
            "services": shared.services[entry.postmortem],
            "postmortem": shared.postmortemRefs[entry.postmortem],
        ]
    }

    /// Counts over a set of actions.
    func actionStats(_ positions: [Int]) -> TemplateValue {
        var open = 0, inProgress = 0, overdue = 0, done = 0, wontDo = 0, untracked = 0
        for position in positions {
            let entry = index.actions[position]
            if entry.isOverdue { overdue += 1 }
            if entry.untracked { untracked += 1 }
            switch entry.status {
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
                        "done": .int(done), "wontDo": .int(wontDo), "untracked": .int(untracked), "hasUntracked": .bool(untracked > 0)])
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
