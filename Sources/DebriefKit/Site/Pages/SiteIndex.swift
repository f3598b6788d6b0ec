import Foundation

/// Stage 6 of a build (plan): everything the pages need that spans documents, worked out once:
/// post-mortems newest first, every preventive action in the order the action pages show
/// them, services, tags, severities and owners with their members, the actions and incidents
/// of each SOP and whether it is stale.
struct SiteIndex: Sendable {
    /// A post-mortem with where its page is. A class, so lists and sorts move references.
    final class PostmortemEntry: Sendable {
        let document: SiteDocument
        let pm: Postmortem
        /// The page, relative to the site root.
        let path: String

        init(document: SiteDocument, pm: Postmortem, path: String) {
            self.document = document
            self.pm = pm
            self.path = path
        }
    }

    /// An SOP with where its page is.
    struct SOPEntry: Sendable {
        var document: SiteDocument
        var sop: SOP
        var path: String
        /// Indexes into `actions` of the actions that name it, in action order.
        var actions: [Int] = []
        /// Indexes into `postmortems` of the incidents that touched it (named it in an action
        /// or linked to it), newest first.
        var incidents: [Int] = []
        /// When it is stale by `StaleSOPRule` (the rule of `debrief audit`): the day the newest
        /// incident that makes it stale started.
        var staleSince: CalendarDate?
    }

    /// A preventive action with what the pages show about it. A class, so lists and sorts
    /// move references.
    final class ActionEntry: Sendable {
        /// The post-mortem's entry, which holds the action (in its table `table`, row `row`):
        /// the action is read from there rather than copied, some 270 bytes for each of the
        /// tens of thousands of actions a large site holds until its last page is written.
        private let source: PostmortemEntry
        private let table: Int32
        private let row: Int32
        /// Index into `postmortems`.
        let postmortem: Int
        let isOverdue: Bool
        /// The action's status and whether it is untracked, which the counts of every list
        /// page read: kept here (two bytes), where reading them through `action` copies it.
        let status: ActionStatus?
        let untracked: Bool
        let daysOverdue: Int
        /// The owner's term key, or nil without an owner.
        let ownerKey: String?
        /// The link of its Ticket cell.
        let ticketURL: String?

        /// The action.
        var action: PreventiveAction { source.pm.actionTables[Int(table)].actions[Int(row)] }

        init(_ source: PostmortemEntry, table: Int, row: Int, postmortem: Int, asOf: CalendarDate, ticketURL: String?) {
            self.source = source
            self.table = Int32(table)
            self.row = Int32(row)
            self.postmortem = postmortem
            let action = source.pm.actionTables[table].actions[row]
            isOverdue = action.isOverdue(asOf: asOf)
            status = action.status
            untracked = action.untracked
            daysOverdue = action.daysOverdue(asOf: asOf)
            ownerKey = nil
            self.ticketURL = ticketURL
        }

        /// `entry` with its owner's term key.
        init(_ entry: ActionEntry, ownerKey: String?) {
            source = entry.source
            table = entry.table
            row = entry.row
            postmortem = entry.postmortem
            isOverdue = entry.isOverdue
            status = entry.status
            untracked = entry.untracked
            daysOverdue = entry.daysOverdue
            self.ownerKey = ownerKey
            ticketURL = entry.ticketURL
        }
    }

    /// A service, tag, severity or owner, with its page.
    struct Term: Sendable {
        /// The file-name-safe key (`payments`, `sev1`).
        var slug: String
        /// The name as shown (the most common spelling).
        var name: String
        /// Indexes of members (post-mortems, or actions for owners), in display order.
        var members: [Int]
    }

    let config: Config
    let postmortems: [PostmortemEntry]
    let sops: [SOPEntry]
    let actions: [ActionEntry]
    let services: [Term]
    let tags: [Term]
    let severities: [Term]
    let owners: [Term]
    /// Service slug → indexes of actions whose post-mortem names the service.
    let serviceActions: [String: [Int]]
    /// Post-mortem id → index into `postmortems` (the first file wins when ids repeat).
    let postmortemByID: [String: Int]
    /// Service, tag and severity keys of each post-mortem, by index.
    let serviceSlugs: [[String]]
    let tagSlugs: [[String]]
    /// Service and tag slug → name.
    let serviceNames: [String: String]
    let tagNames: [String: String]
    /// Indexes into `actions` of each post-mortem's actions, by post-mortem index.
    let actionsByPostmortem: [[Int]]
    /// Post-mortem index → indexes of the post-mortems whose `related` names it.
    let relatedBy: [Int: [Int]]

    init(documents: [SiteDocument], config: Config, layout: RepositoryLayout, asOf: CalendarDate) {
        self.config = config

        // Post-mortems, newest first.
        var postmortems: [PostmortemEntry] = []
        var sops: [SOPEntry] = []
        for document in documents {
            switch document.content {
            case .postmortem(let pm):
                postmortems.append(PostmortemEntry(document: document, pm: pm, path: layout.pagePath(forFile: pm.file) ?? "postmortems/\(pm.slug).html"))
            case .sop(let sop):
                sops.append(SOPEntry(document: document, sop: sop, path: layout.pagePath(forFile: sop.file) ?? "sops/\(sop.id).html"))
            case .unreadable:
                break
            }
        }
        // Sorting indexes moves integers, not the large entries.
        postmortems = Self.sorted(postmortems, by: Self.newestFirst)
        sops = Self.sorted(sops) { $0.sop.id < $1.sop.id }
        self.postmortems = postmortems

        var postmortemByID: [String: Int] = [:]
        for (index, entry) in postmortems.enumerated().sorted(by: { $0.element.pm.file < $1.element.pm.file }) where !entry.pm.id.isEmpty {
            if postmortemByID[entry.pm.id] == nil { postmortemByID[entry.pm.id] = index }
        }
        self.postmortemByID = postmortemByID
        var sopByID: [String: Int] = [:]
        for (index, entry) in sops.enumerated() { sopByID[entry.sop.id] = index }

        // Taxonomies.
        let services = Self.terms(postmortems.map(\.pm.services))
        let tags = Self.terms(postmortems.map(\.pm.tags))
        self.services = services.terms
        self.tags = tags.terms
        self.serviceSlugs = services.keys
        self.tagSlugs = tags.keys
        var severityTerms = config.severities.map { Term(slug: Slug.make($0), name: $0, members: []) }
        var severityIndex: [String: Int] = [:]
        for (index, term) in severityTerms.enumerated() { severityIndex[term.name] = index }
        for (index, entry) in postmortems.enumerated() {
            if let position = severityIndex[entry.pm.severity] { severityTerms[position].members.append(index) }
        }
        self.severities = severityTerms

        // Actions: overdue first (longest overdue first), then open by due date (none last), then
        // done, then won't do; ties by key.
        var actions: [ActionEntry] = []
        for (index, entry) in postmortems.enumerated() {
            let tickets = entry.document.ticketURLs
            // `ticketURLs` follows `pm.actions`: every table's rows in turn.
            var position = 0
            for (table, actionTable) in entry.pm.actionTables.enumerated() {
                for row in actionTable.actions.indices {
                    let ticketURL = position < tickets.count
                        ? tickets[position] : SiteDocument.ticketURL(actionTable.actions[row], links: entry.pm.links, tickets: layout.tickets)
                    actions.append(ActionEntry(entry, table: table, row: row, postmortem: index, asOf: asOf, ticketURL: ticketURL))
                    position += 1
                }
            }
        }
        // Overdue first, then open by due day, then by key and file. What is compared is made
        // once per action, not once per comparison (a key is a new string each time).
        let order = actions.map { entry -> (rank: Int, due: Int, key: String, file: String) in
            let rank = Self.rank(entry)
            return (rank, rank <= 1 ? entry.action.due?.daysSinceEpoch ?? Int.max : 0, entry.action.key, entry.action.postmortemFile)
        }
        actions = actions.indices.sorted { left, right in
            let lhs = order[left], rhs = order[right]
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            if lhs.due != rhs.due { return lhs.due < rhs.due }
            if lhs.key != rhs.key { return lhs.key < rhs.key }
            return lhs.file < rhs.file
        }.map { actions[$0] }
        let owners = Self.terms(actions.map { $0.action.owner.isEmpty ? [] : [$0.action.owner] })
        actions = actions.indices.map { ActionEntry(actions[$0], ownerKey: owners.keys[$0].first) }
        self.owners = owners.terms
        self.actions = actions

        var serviceActions: [String: [Int]] = [:]
        for (index, action) in actions.enumerated() {
            for slug in services.keys[action.postmortem] { serviceActions[slug, default: []].append(index) }
        }
        self.serviceActions = serviceActions
        var actionsByPostmortem = [[Int]](repeating: [], count: postmortems.count)
        for (index, action) in actions.enumerated() { actionsByPostmortem[action.postmortem].append(index) }
        self.actionsByPostmortem = actionsByPostmortem
        var relatedBy: [Int: [Int]] = [:]
        for (index, entry) in postmortems.enumerated() {
            for id in entry.pm.related {
                if let target = postmortemByID[id], target != index { relatedBy[target, default: []].append(index) }
            }
        }
        self.relatedBy = relatedBy
        self.serviceNames = Dictionary(services.terms.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.tagNames = Dictionary(tags.terms.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })

        // SOPs: their actions, incidents and staleness.
        for (index, action) in actions.enumerated() {
            var named: Set<Int> = []
            for reference in action.action.sops {
                if let id = reference.sopID, let sop = sopByID[id], named.insert(sop).inserted {
                    sops[sop].actions.append(index)
                }
            }
        }
        var incidents: [Int: Set<Int>] = [:]
        for action in actions {
            for reference in action.action.sops {
                if let id = reference.sopID, let sop = sopByID[id] { incidents[sop, default: []].insert(action.postmortem) }
            }
        }
        var sopByFile: [String: Int] = [:]
        for (index, entry) in sops.enumerated() { sopByFile[entry.sop.file] = index }
        for (index, entry) in postmortems.enumerated() {
            for link in entry.document.documentLinks where link.existed {
                if let sop = sopByFile[link.file] { incidents[sop, default: []].insert(index) }
            }
        }
        for index in sops.indices {
            let touched = (incidents[index] ?? []).sorted()
            sops[index].incidents = touched
            let stale = StaleSOPRule.staleness(of: sops[index].sop, linked: touched.map { postmortems[$0].pm })
            sops[index].staleSince = stale?.incidents.map(\.started).max()
        }
        self.sops = sops
    }

    // MARK: - Helpers

    /// `items` in the order of `areInIncreasingOrder`, sorting indexes rather than the items.
    static func sorted<T>(_ items: [T], by areInIncreasingOrder: (T, T) -> Bool) -> [T] {
        items.indices.sorted { areInIncreasingOrder(items[$0], items[$1]) }.map { items[$0] }
    }

    static func newestFirst(_ lhs: PostmortemEntry, _ rhs: PostmortemEntry) -> Bool {
        let left = lhs.pm.date?.daysSinceEpoch ?? Int.min, right = rhs.pm.date?.daysSinceEpoch ?? Int.min
        if left != right { return left > right }
        if lhs.pm.id != rhs.pm.id { return lhs.pm.id < rhs.pm.id }
        return lhs.pm.file < rhs.pm.file
    }

    /// 0 overdue, 1 open or in progress, 2 done, 3 won't do, 4 unknown status.
    static func rank(_ entry: ActionEntry) -> Int {
        if entry.isOverdue { return 0 }
        switch entry.status {
        case .open?, .inProgress?: return 1
        case .done?: return 2
        case .wontDo?: return 3
        case nil: return 4
        }
    }

    /// Groups names case-insensitively into terms, most members first, then by name. Returns
    /// the terms and, for each input, the slugs of its terms.
    static func terms(_ namesPerItem: [[String]]) -> (terms: [Term], keys: [[String]]) {
        var spellings: [String: [String: Int]] = [:]
        var members: [String: [Int]] = [:]
        var itemKeys: [[String]] = []
        for (index, names) in namesPerItem.enumerated() {
            var keys: [String] = []
            for name in names {
                let trimmed = name.trimmedSpaces
                guard !trimmed.isEmpty else { continue }
                let key = trimmed.lowercased()
                if keys.contains(key) { continue }
                keys.append(key)
                spellings[key, default: [:]][trimmed, default: 0] += 1
                members[key, default: []].append(index)
            }
            itemKeys.append(keys)
        }
        var slugs: [String: String] = [:]
        var used: Set<String> = []
        for key in members.keys.sorted() {
            let base = Slug.make(key)
            var slug = base
            var suffix = 2
            while used.contains(slug) {
                slug = "\(base)-\(suffix)"
                suffix += 1
            }
            used.insert(slug)
            slugs[key] = slug
        }
        var terms: [Term] = members.map { key, indexes in
            let name = spellings[key, default: [:]].sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key ?? key
            return Term(slug: slugs[key] ?? key, name: name, members: indexes)
        }
        terms.sort { lhs, rhs in
            if lhs.members.count != rhs.members.count { return lhs.members.count > rhs.members.count }
            return lhs.name != rhs.name ? lhs.name < rhs.name : lhs.slug < rhs.slug
        }
        return (terms, itemKeys.map { $0.compactMap { slugs[$0] } })
    }
}
