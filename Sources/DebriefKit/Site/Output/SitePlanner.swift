import Foundation

/// One file the site will have and what it is made from.
struct PlannedFile: Sendable {
    /// What makes the file.
    enum Source: Sendable {
        /// A page rendered with a Mustache template.
        case page(template: String, kind: PageKind)
        /// `search/d/N.js`: search document N (see `SearchFragment`).
        case searchDocument(Int)
        /// `api/postmortems.json`.
        case postmortemsAPI
        /// Bytes made while planning: the action data files, whose number depends on their size.
        case data([UInt8])
        /// A theme asset, by path under `assets/`.
        case asset(String)
        /// A repo file a document links to, by path relative to the root.
        case copy(String)
    }

    /// The page models a template can get.
    enum PageKind: Sendable {
        case dashboard
        case postmortem(Int)
        case sop(Int)
        case postmortemIndex
        case sopIndex
        /// A page (from 1) of every action.
        case actions(page: Int)
        case taxonomy(PageModels.TermKind)
        /// A page (from 1) of one service's, tag's or severity's post-mortems.
        case term(PageModels.TermKind, Int, page: Int)
        case search
        case notFound
        case feed
        case sitemap([String])
    }

    /// Path relative to the site root.
    var path: String
    var source: Source
    /// A rough size (list items), so the largest pages start rendering first.
    var weight: Int

    /// Pages this large render one at a time, which bounds the memory of a build.
    static let largeWeight = 20_000
}

/// Stage 6 of a build (plan): every file of the site, with stable paths (listed in `docs/site.md`).
struct SitePlanner: Sendable {
    let models: PageModels
    let search: SearchCorpus
    let templates: TemplateSet
    let root: URL
    /// The output folder relative to the root, when it lies inside it (its files are never copied).
    let outputInsideRoot: String?

    func plan(linkedFiles: [String]) -> [PlannedFile] {
        let index = models.index
        var files: [PlannedFile] = []
        func page(_ path: String, _ template: String, _ kind: PlannedFile.PageKind, weight: Int) {
            files.append(PlannedFile(path: path, source: .page(template: template, kind: kind), weight: weight))
        }
        page("index.html", "index", .dashboard, weight: 50)
        page("postmortems.html", "postmortems", .postmortemIndex, weight: index.postmortems.count)
        for (position, entry) in index.postmortems.enumerated() {
            page(entry.path, "postmortem", .postmortem(position), weight: 4)
        }
        page("sops.html", "sops", .sopIndex, weight: index.sops.count)
        for (position, entry) in index.sops.enumerated() {
            page(entry.path, "sop", .sop(position), weight: 4 + entry.actions.count * 2)
        }
        let count = index.actions.count
        for number in 1...PageModels.actionPageCount(count) {
            let shown = min(PageModels.actionsPerPage, count - (number - 1) * PageModels.actionsPerPage)
            page(PageModels.actionsPath(page: number), "actions", .actions(page: number), weight: 2 * max(0, shown))
        }
        for kind in PageModels.TermKind.allCases {
            page("\(kind.folder).html", "taxonomy", .taxonomy(kind), weight: 10)
            for (position, term) in models.terms(kind).enumerated() {
                for number in 1...PageModels.termPageCount(term.members.count) {
                    let shown = min(PageModels.termPostmortemsPerPage, term.members.count - (number - 1) * PageModels.termPostmortemsPerPage)
                    page(PageModels.termPath(kind, term.slug, page: number), "list", .term(kind, position, page: number), weight: max(0, shown))
                }
            }
        }
        page("search.html", "search", .search, weight: 1)
        page("404.html", "404", .notFound, weight: 1)
        page("feed.xml", "feed", .feed, weight: 20)
        if models.settings.hasAbsoluteBase {
            let pages = files.map(\.path)
            files.append(PlannedFile(path: "sitemap.xml", source: .page(template: "sitemap", kind: .sitemap(pages)), weight: pages.count / 10))
        }
        for document in search.documents {
            files.append(PlannedFile(path: "\(SearchIndexFiles.folder)/d/\(document.number).js", source: .searchDocument(document.number), weight: 2))
        }
        files.append(PlannedFile(path: "api/postmortems.json", source: .postmortemsAPI, weight: index.postmortems.count))
        for file in models.actionDataFiles() {
            files.append(PlannedFile(path: file.path, source: .data(Array(file.text.utf8)), weight: 1))
        }
        for asset in templates.assets.keys.sorted() {
            files.append(PlannedFile(path: "assets/" + asset, source: .asset(asset), weight: 1))
        }
        for file in linkedFiles where isCopyable(file) {
            files.append(PlannedFile(path: "files/" + file, source: .copy(file), weight: 1))
        }
        // Paths are unique by construction except where a repo file name collides with a page;
        // the first planned file wins.
        var seen: Set<String> = []
        return files.filter { seen.insert($0.path).inserted }
    }

    /// A linked file is copied when `LinkedFiles` finds nothing against it (the rule that
    /// reports DB071 and DB072 asks the same), and it is not in the output folder `build`
    /// actually writes (which `--output` may move).
    func isCopyable(_ file: String) -> Bool {
        if let output = outputInsideRoot, file == output || file.hasPrefix(output + "/") { return false }
        return LinkedFiles(config: models.index.config).problem(with: file, files: RepositoryFiles(root: root)) == nil
    }
}
