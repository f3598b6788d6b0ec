/// The action data files the actions page filters in the browser: `actions-data/meta.js`
/// (the lookup tables and the number of shards) and `actions-data/0.js`, `1.js`, … (the actions
/// in list order, each file at most `shardBytes` unless one action alone is larger).
///
/// They are scripts rather than JSON so that the page can load them with `<script src>` from
/// `file://` as well as from a host, under a policy that forbids inline script: each only
/// assigns data to a global. Every string goes through `JSONText` with `script`, so no text can
/// end the script or break the JavaScript (U+2028 and U+2029 are escaped). The format is in
/// `docs/templates.md`.
enum ActionData {
    /// The file with the lookup tables.
    static let metaPath = "actions-data/meta.js"
    /// The most bytes a shard holds: small enough to load and parse without a stall, large
    /// enough that 55,000 actions take a handful of files.
    static let shardBytes = 1_000_000

    /// The path of shard `number`.
    static func shardPath(_ number: Int) -> String {
        "actions-data/\(number).js"
    }
}

extension PageModels {
    /// The action data files with their text: the meta file first, then the shards.
    func actionDataFiles(shardBytes: Int = ActionData.shardBytes) -> [(path: String, text: String)] {
        let statuses = ActionStatus.allCases
        var ownerIndex: [String: Int] = [:]
        for (position, term) in index.owners.enumerated() { ownerIndex[term.slug] = position }
        var severityIndex: [String: Int] = [:]
        for (position, term) in index.severities.enumerated() { severityIndex[term.name] = position }
        var serviceIndex: [String: Int] = [:]
        for (position, term) in index.services.enumerated() { serviceIndex[term.slug] = position }
        var tagIndex: [String: Int] = [:]
        for (position, term) in index.tags.enumerated() { tagIndex[term.slug] = position }
        var sops: [JSONText.Value] = []
        var sopIndex: [String: Int] = [:]
        for entry in index.sops {
            sopIndex[entry.sop.id] = sops.count
            sops.append(.array([.string(entry.sop.id), .string(entry.sop.title), .string(Format.urlPath(entry.path))]))
        }

        // What a shard file holds besides its rows: the assignment and the brackets.
        let frame = 100
        var shards: [[String]] = []
        var current: [String] = []
        var currentBytes = frame
        for entry in index.actions {
            let action = entry.action
            var sopList: [JSONText.Value] = []
            var seen: Set<String> = []
            for reference in action.sops {
                let id = reference.sopID ?? reference.written
                guard seen.insert(id).inserted else { continue }
                if sopIndex[id] == nil {
                    // A named SOP without a page is listed as such, as on the pages.
                    sopIndex[id] = sops.count
                    sops.append(.array([.string(id), .string(""), .string("")]))
                }
                sopList.append(.number(Double(sopIndex[id] ?? 0)))
            }
            let status: JSONText.Value = action.status.flatMap { statuses.firstIndex(of: $0) }.map { .number(Double($0)) }
                ?? .string(Format.actionStatus(action).label)
            var fields: [JSONText.Value] = [
                .string(action.key),
                .string(action.action),
                status,
                .number(Double(entry.isOverdue ? max(1, entry.daysOverdue) : 0)),
                .number(Double(entry.ownerKey.flatMap { ownerIndex[$0] } ?? -1)),
                .string(action.due?.description ?? action.dueText),
                .number(Double(entry.postmortem)),
                .array(sopList),
                .string(action.ticket ?? ""),
                .string(entry.ticketURL ?? ""),
                action.untracked ? .number(1) : .string(""),
                .string(history.slips[action.key]?.label ?? ""),
            ]
            // Trailing empty fields are left out: most actions have no ticket link.
            while let last = fields.last, fields.count > 7, Self.isEmpty(last) { fields.removeLast() }
            let row = JSONText.render(.array(fields), indent: nil, script: true)
            if !current.isEmpty, currentBytes + row.utf8.count + 2 > shardBytes {
                shards.append(current)
                current = []
                currentBytes = frame
            }
            currentBytes += row.utf8.count + 2
            current.append(row)
        }
        if !current.isEmpty { shards.append(current) }

        let postmortems: [JSONText.Value] = index.postmortems.enumerated().map { position, entry in
            let severity: JSONText.Value = severityIndex[entry.pm.severity].map { .number(Double($0)) } ?? .string(entry.pm.severity)
            func indexes(_ slugs: [String], _ table: [String: Int]) -> JSONText.Value {
                .array(slugs.compactMap { table[$0] }.map { .number(Double($0)) })
            }
            return .array([.string(entry.pm.id), .string(Format.urlPath(entry.path)), severity,
                           indexes(index.serviceSlugs[position], serviceIndex), indexes(index.tagSlugs[position], tagIndex)])
        }
        func terms(_ terms: [SiteIndex.Term]) -> JSONText.Value {
            .array(terms.map { .array([.string($0.slug), .string($0.name)]) })
        }
        let meta: JSONText.Value = .object([
            ("total", .number(Double(index.actions.count))),
            ("shards", .number(Double(shards.count))),
            ("statuses", .array(statuses.map { .array([.string($0.rawValue), .string(Format.label($0))]) })),
            ("owners", terms(index.owners)),
            ("services", terms(index.services)),
            ("tags", terms(index.tags)),
            ("severities", .array(index.severities.map {
                .array([.string($0.slug), .string($0.name), .string(Format.severityLevel($0.name, in: index.config.severities))])
            })),
            ("sops", .array(sops)),
            ("postmortems", .array(postmortems)),
        ])
        var files = [(path: ActionData.metaPath, text: "window.DEBRIEF_ACTION_META = " + JSONText.render(meta, indent: nil, script: true) + ";\n")]
        for (number, rows) in shards.enumerated() {
            files.append((ActionData.shardPath(number),
                          "(window.DEBRIEF_ACTION_SHARDS = window.DEBRIEF_ACTION_SHARDS || [])[\(number)] = [\n" + rows.joined(separator: ",\n") + "\n];\n"))
        }
        return files
    }

    private static func isEmpty(_ value: JSONText.Value) -> Bool {
        switch value {
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }
}
