/// The documents the site's search covers, numbered, each with what the index counts and what
/// a result shows. Documents are numbered post-mortems first, oldest first, then SOPs by
/// file: a new post-mortem (usually the newest) takes the next number, so the other documents'
/// files under `search/d/` keep their number and their bytes.
struct SearchCorpus: Sendable {
    /// One document of the search.
    enum Source: Sendable {
        /// An index into `SiteIndex.postmortems`.
        case postmortem(Int)
        /// An index into `SiteIndex.sops`.
        case sop(Int)
    }

    /// What a document is searched by and shown with.
    struct Document: Sendable {
        var number: Int
        var source: Source
        var site: SiteDocument
        var kind: String
        var id: String
        var title: String
        var url: String
        var date: String
        var severity: String
        var level: String
        var status: String
        var services: [String]
        var tags: [String]
        /// Authors, commander, owners, and the values of declared fields.
        var people: [String]
        /// Filter terms (`severity:sev1`, `is:overdue`).
        var filters: [String]
        /// The post-mortem's actions: key, text, owner, due, status label, days overdue, and
        /// whether it is open (tracked, open or in progress).
        var actions: [(key: String, text: String, owner: String, due: String, status: String, overdue: Int, isOpen: Bool)]
    }

    let documents: [Document]

    /// The documents of `index`, with overdue actions as of `asOf`.
    init(index: SiteIndex, asOf: CalendarDate) {
        let severities = index.config.severities
        var sources: [Source] = index.postmortems.indices.sorted { left, right in
            let a = index.postmortems[left], b = index.postmortems[right]
            let dateA = a.pm.date?.daysSinceEpoch ?? Int.min, dateB = b.pm.date?.daysSinceEpoch ?? Int.min
            if dateA != dateB { return dateA < dateB }
            if a.pm.id != b.pm.id { return a.pm.id < b.pm.id }
            return a.path < b.path
        }.map { .postmortem($0) }
        sources += index.sops.indices.sorted { index.sops[$0].path < index.sops[$1].path }.map { .sop($0) }
        documents = sources.enumerated().map { number, source in
            switch source {
            case .postmortem(let position):
                let entry = index.postmortems[position]
                let pm = entry.pm
                let status = Format.postmortemStatus(pm)
                let actions = index.actionsByPostmortem[position].map { index.actions[$0] }
                var people = pm.authors.map(SiteDocument.person)
                if let commander = pm.commander { people.append(SiteDocument.person(commander)) }
                people += actions.map { SiteDocument.person($0.action.owner) }
                people += PageModels.customFields(pm, declared: index.config.fields).flatMap(\.values)
                var filters = ["is:postmortem", "status:" + status.slug]
                if !pm.severity.isEmpty { filters.append("severity:" + Self.filterValue(pm.severity)) }
                if let date = pm.date { filters.append("year:\(date.year)") }
                filters += pm.services.map { "service:" + Self.filterValue($0) }
                filters += pm.tags.map { "tag:" + Self.filterValue($0) }
                filters += actions.compactMap { $0.action.owner.isEmpty ? nil : "owner:" + Self.filterValue($0.action.owner) }
                if actions.contains(where: \.isOverdue) { filters.append("is:overdue") }
                if actions.contains(where: { !$0.untracked && $0.status?.isOpen == true }) { filters.append("is:open") }
                return Document(
                    number: number, source: source, site: entry.document, kind: "pm", id: pm.id,
                    title: pm.title.isEmpty ? pm.file : pm.title, url: Format.urlPath(entry.path),
                    date: pm.date?.description ?? "", severity: pm.severity,
                    level: Format.severityLevel(pm.severity, in: severities), status: status.label,
                    services: pm.services, tags: pm.tags, people: SiteDocument.unique(people.filter { !$0.isEmpty }),
                    filters: SiteDocument.unique(filters),
                    actions: actions.map { entry in
                        let action = entry.action
                        return (action.key, action.action, action.owner, action.due?.description ?? "",
                                Format.actionStatus(action).label, entry.isOverdue ? max(1, action.daysOverdue(asOf: asOf)) : 0,
                                !action.untracked && action.status?.isOpen == true)
                    })
            case .sop(let position):
                let entry = index.sops[position]
                let sop = entry.sop
                var filters = ["is:sop"]
                if let owner = sop.owner { filters.append("owner:" + Self.filterValue(owner)) }
                if entry.staleSince != nil { filters.append("is:stale") }
                return Document(
                    number: number, source: source, site: entry.document, kind: "sop", id: sop.id,
                    title: sop.title.isEmpty ? sop.file : sop.title, url: Format.urlPath(entry.path),
                    date: sop.lastReviewed?.description ?? "", severity: "", level: "", status: entry.staleSince == nil ? "" : "Stale",
                    services: [], tags: [], people: sop.owner.map { [SiteDocument.person($0)] } ?? [],
                    filters: filters, actions: [])
            }
        }
    }

    /// A filter's value as the index keeps it: folded, `@` dropped, white space as `-`
    /// (`service:Payment Gateway` → `service:payment-gateway`). `assets/search.js` does the same.
    static func filterValue(_ value: String) -> String {
        let folded = SearchAnalyzer.fold(SiteDocument.person(value.trimmed))
        // Any white space or control character (a newline in a quoted YAML value too) is a
        // separator: an index line never holds one. (In ASCII: space and the controls.)
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            let separates = scalar.isASCII ? scalar.value <= 0x20 || scalar.value == 0x7F
                : scalar.properties.isWhitespace || scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
            if separates {
                if !current.isEmpty { parts.append(String(current)) }
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { parts.append(String(current)) }
        return parts.joined(separator: "-")
    }
}
