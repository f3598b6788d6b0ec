/// The models of the listing pages: `postmortems.mustache` (every post-mortem by year),
/// `taxonomy.mustache` (`services.html`, `tags.html`, `severities.html`), `list.mustache`
/// (one page per service, tag and severity), `search.mustache` and `404.mustache`.
extension PageModels {
    /// A kind of term with pages of its own.
    enum TermKind: String, Sendable, CaseIterable {
        case service, tag, severity

        /// The folder of the term pages and the name of the index page.
        var folder: String {
            switch self {
            case .service: "services"
            case .tag: "tags"
            case .severity: "severities"
            }
        }

        var heading: String {
            switch self {
            case .service: "Services"
            case .tag: "Tags"
            case .severity: "Severities"
            }
        }

        /// The title of the index page, as linked from a term page.
        var indexTitle: String {
            switch self {
            case .service: "All services"
            case .tag: "All tags"
            case .severity: "All severities"
            }
        }

        /// The navigation tab its pages belong to.
        var nav: String? {
            switch self {
            case .service: "services"
            case .tag: "tags"
            case .severity: nil
            }
        }

        var label: String {
            switch self {
            case .service: "Service"
            case .tag: "Tag"
            case .severity: "Severity"
            }
        }
    }

    func terms(_ kind: TermKind) -> [SiteIndex.Term] {
        switch kind {
        case .service: index.services
        case .tag: index.tags
        case .severity: index.severities
        }
    }

    func postmortemIndexPage() -> TemplateValue {
        var fields = page("postmortems.html", title: "Post-mortems", nav: "postmortems")
        fields["totalPostmortems"] = .int(index.postmortems.count)
        fields["hasPostmortems"] = .bool(!index.postmortems.isEmpty)
        fields["severityCounts"] = severityCounts()
        var years: [(String, [Int])] = []
        for (position, entry) in index.postmortems.enumerated() {
            let year = entry.pm.date.map { String($0.year) } ?? "Undated"
            if years.last?.0 == year {
                years[years.count - 1].1.append(position)
            } else {
                years.append((year, [position]))
            }
        }
        fields["years"] = .list(years.map { year, members in
            .object(["year": .string(year), "count": .int(members.count), "postmortems": summaries(members, page: "postmortems.html")])
        })
        return .object(fields)
    }

    func taxonomyPage(_ kind: TermKind) -> TemplateValue {
        var fields = page("\(kind.folder).html", title: kind.heading, nav: kind.nav)
        let terms = terms(kind)
        fields["heading"] = .string(kind.heading)
        fields["isService"] = .bool(kind == .service)
        fields["isTag"] = .bool(kind == .tag)
        fields["isSeverity"] = .bool(kind == .severity)
        let most = max(1, terms.map(\.members.count).max() ?? 1)
        fields["terms"] = .list(terms.map { term in
            .object(["name": .string(term.name), "slug": .string(term.slug), "count": .int(term.members.count),
                     "url": .string("\(kind.folder)/\(Format.urlPath(term.slug)).html"),
                     "percent": .string(Format.number(Double(term.members.count) / Double(most) * 100)),
                     "severityLevel": .string(kind == .severity ? Format.severityLevel(term.name, in: index.config.severities) : ""),
                     "isCurrent": false])
        })
        fields["hasTerms"] = .bool(!terms.isEmpty)
        return .object(fields)
    }

    /// The most post-mortems one term page lists; the rest continue on `<folder>/<slug>/2.html`, ….
    static let termPostmortemsPerPage = 200

    /// How many pages a term of `count` post-mortems takes.
    static func termPageCount(_ count: Int) -> Int {
        max(1, (count + termPostmortemsPerPage - 1) / termPostmortemsPerPage)
    }

    /// The path of page `number` (from 1) of a term.
    static func termPath(_ kind: TermKind, _ slug: String, page number: Int) -> String {
        number > 1 ? "\(kind.folder)/\(slug)/\(number).html" : "\(kind.folder)/\(slug).html"
    }

    func termPage(_ kind: TermKind, _ position: Int, page number: Int = 1) -> TemplateValue {
        let term = terms(kind)[position]
        let path = Self.termPath(kind, term.slug, page: number)
        let pageCount = Self.termPageCount(term.members.count)
        var fields = page(path, title: "\(kind.label): \(term.name)" + (pageCount > 1 ? ", page \(number) of \(pageCount)" : ""), nav: kind.nav)
        fields["kind"] = .string(kind.rawValue)
        fields["name"] = .string(term.name)
        fields["slug"] = .string(term.slug)
        fields["kindLabel"] = .string(kind.label)
        fields["indexURL"] = .string("\(kind.folder).html")
        fields["indexTitle"] = .string(kind.indexTitle)
        fields["isService"] = .bool(kind == .service)
        fields["isTag"] = .bool(kind == .tag)
        fields["isSeverity"] = .bool(kind == .severity)
        fields["severityLevel"] = .string(kind == .severity ? Format.severityLevel(term.name, in: index.config.severities) : "")
        fields["count"] = .int(term.members.count)
        let start = min(term.members.count, (number - 1) * Self.termPostmortemsPerPage)
        let end = min(term.members.count, start + Self.termPostmortemsPerPage)
        fields["postmortems"] = summaries(Array(term.members[start..<end]), page: path)
        fields["hasPostmortems"] = .bool(!term.members.isEmpty)
        fields["pageNumber"] = .int(number)
        fields["pageCount"] = .int(pageCount)
        fields["hasPagination"] = .bool(pageCount > 1)
        fields["firstShown"] = .int(term.members.isEmpty ? 0 : start + 1)
        fields["lastShown"] = .int(end)
        fields["hasPreviousPage"] = .bool(number > 1)
        fields["previousPageURL"] = .string(number > 1 ? Format.urlPath(Self.termPath(kind, term.slug, page: number - 1)) : "")
        fields["hasNextPage"] = .bool(number < pageCount)
        fields["nextPageURL"] = .string(number < pageCount ? Format.urlPath(Self.termPath(kind, term.slug, page: number + 1)) : "")
        // The actions are counted here and listed once, on the actions page, filtered to this term.
        let actions = term.members.flatMap { index.actionsByPostmortem[$0] }
        fields["actionCount"] = .int(actions.count)
        fields["openActionCount"] = .int(actions.count { index.actions[$0].status?.isOpen ?? false })
        fields["overdueActionCount"] = .int(actions.count { index.actions[$0].isOverdue })
        fields["hasActions"] = .bool(!actions.isEmpty)
        fields["actionsURL"] = .string(Self.filteredActionsURL(kind.rawValue, term.slug))
        // A service's first page carries its history; later pages only continue its list.
        fields["hasHistory"] = false
        if kind == .service && number == 1 {
            for (key, value) in serviceHistory(term, page: path) { fields[key] = value }
        }
        return .object(fields)
    }

    func searchPage() -> TemplateValue {
        var fields = page("search.html", title: "Search", nav: "search")
        fields["totalPostmortems"] = .int(index.postmortems.count)
        fields["totalSOPs"] = .int(index.sops.count)
        return .object(fields)
    }

    func notFoundPage() -> TemplateValue {
        .object(page("404.html", title: "Page not found", nav: nil))
    }
}
