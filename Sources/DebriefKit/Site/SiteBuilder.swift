import Dispatch
import Foundation

/// Builds the static knowledge site: `debrief build`. `build()` is the list of stages, in the
/// order they run; each is one method here, handing the next what it needs:
///
/// 1. **scan** (`SiteLoader.scan`): read `debrief.yml`, list the documents with their file
///    signatures; check the output folder is safe to write (`SiteWriter.inspect`); read the
///    last build's index (`BuildCacheStore`).
/// 2. **unchanged**: when nothing changed since the last build (same inputs, templates, options
///    and binary), stop here with its report.
/// 3. **load** (`SiteLoader.load`): read each document, or reuse its cached record when its
///    bytes are unchanged.
/// 4. **validate** (`Validator.standard`): exactly the diagnostics of `check`; refuse to build
///    when there are errors, unless `allowErrors`.
/// 5. **cache records** (`BuildCacheStore`): the bodies into the body store, the records beside
///    them, so the pages can be made from slimmer documents that leave their bodies in the store;
///    and each post-mortem's analysis for the similarity index (`similarity.bin`), which the
///    next build reuses for the post-mortems whose text did not change.
/// 6. **plan** (`SiteIndex`, `PageModels`, `SearchIndexFiles`, `SitePlanner`): what spans
///    documents, the page models, the search index (from each document's counts, cached in
///    `search.bin` and made again only for documents that changed), and every file of the site.
/// 7. **render and write** (`PageRenderer`, `SiteWriter`): on all cores, only pages whose
///    inputs changed, each written whole as soon as it is made.
/// 8. **remove stale** files an earlier build made and this one does not.
/// 9. **save index** (`BuildCacheStore`), last: until then the index on disk says the build is
///    incomplete.
///
/// ```swift
/// let report = try SiteBuilder(options: BuildOptions(root: root)).build()
/// print(report.pageCount, report.indexPath)
/// ```
public struct SiteBuilder: Sendable {
    /// What to build.
    public var options: BuildOptions
    private let customWriter: (any SiteWriter)?

    /// Creates a builder that writes into `options.output` (or `output` of `debrief.yml`), or
    /// through `writer` when one is given (tests use `MemorySiteWriter`).
    public init(options: BuildOptions, writer: (any SiteWriter)? = nil) {
        self.options = options
        self.customWriter = writer
    }

    /// Runs every stage. Throws `EnvironmentError` when the repo cannot be read or the output
    /// folder must not be touched (it is not empty and holds no `.debrief-site` marker, it
    /// holds links, or `--output` overlaps the documents), and `FileIOError` when writing fails.
    /// Problems in documents, and an `output` in `debrief.yml` that may not be written (DB003),
    /// are diagnostics in a report that is not built.
    public func build() throws -> BuildReport {
        var clock = StageClock()
        var run = try scan()
        clock.lap("scan")
        if let report = unchanged(run) {
            clock.lap("compare")
            return report.with(timings: clock.laps, notes: run.cache.notes)
        }
        var documents = try load(&run, clock: &clock)
        clock.lap("load")
        let history = try readHistory(&run)
        clock.lap("git history")
        // A public site caches nothing of its documents (see `cacheRecords`).
        let cachedFeatures = options.publicSite ? nil : run.previous == nil ? SimilarityFeatures() : run.cache.loadSimilarityFeatures()
        var (similarity, features) = Similarity.make(documents, cached: cachedFeatures)
        clock.lap("similarity index")
        let diagnostics = validate(run, documents, similarity: similarity.index)
        clock.lap("validate")
        guard diagnostics.errorCount == 0 || options.allowErrors, !run.outputRefused else {
            return run.report(built: false, diagnostics: diagnostics).with(timings: clock.laps, notes: run.cache.notes)
        }
        let (inputs, saving) = try cacheRecords(run, &documents, similarity: features)
        features = nil
        clock.lap("cache records")
        if options.publicSite {
            documents = PublicSite.documents(documents, sources: run.publicSources, scan: run.scan,
                                             render: RenderSettings(options: run.markdown, baseURL: run.baseURL))
            run.publicSources = [:]
            // Similar incidents and recurrences come from the public text alone: terms of an
            // internal section must not surface as a reason, nor an internal document as a match
            // (and the index's positions must be those of the documents the pages are made from).
            similarity = Similarity.make(documents, cached: nil).0
            documents = parallelMap(documents) { $0.slimmedForPages() }
            clock.lap("public text")
        }
        // The similarity copied each post-mortem's actions before validation; the slimmed
        // documents hold the same, so from here it reads theirs and its copies are let go.
        similarity = similarity.sharing(documents)
        let linkedFiles = Set(documents.flatMap(\.linkedFiles)).sorted()
        // The similarity index (about 14 KB per post-mortem) is given up to the plan, which lets it
        // go once the similar incidents are found, before the search index and the pages.
        let (renderer, plan): (PageRenderer, [PlannedFile])
        do {
            (renderer, plan) = try self.plan(&run, documents, similarity: consume similarity, history: history, linkedFiles: linkedFiles,
                                             clock: &clock)
        } catch {
            _ = saving?.wait()
            throw error
        }
        documents = []
        // The records are saved (while the plan was made) before any page is written, and the
        // heap they held handed back before the pages need theirs.
        if let saving {
            try saving.wait().get()
            HeapTrim.releaseFreePages()
        }
        clock.lap("plan")
        let (pages, written, unchanged) = try renderAndWrite(run, renderer: renderer, plan: plan)
        clock.lap("render and write")
        let removed = try removeStale(run, keeping: pages)
        try saveIndex(run, inputs: inputs, linkedFiles: linkedFiles, diagnostics: diagnostics, pages: pages)
        clock.lap("save index")
        var report = run.report(built: true, diagnostics: diagnostics)
        report.pagesWritten = written
        report.pagesUnchanged = unchanged
        report.pagesRemoved = removed
        if !options.releasesMemory { ProcessLifetime.keep((renderer, plan)) }
        return report.with(timings: clock.laps, notes: run.cache.notes)
    }

    // MARK: - State between stages

    /// What the stages share: the scan, the settings, the writer and the cache.
    private struct Run {
        let root: URL
        let scan: SiteLoader.Scan
        let writer: any SiteWriter
        let state: OutputState
        let templates: TemplateSet
        let markdown: MarkdownOptions
        let baseURL: String?
        let settings: SiteSettings
        let outputInsideRoot: String?
        let parseFingerprint: UInt64
        let siteFingerprint: UInt64
        var cache: BuildCacheStore
        let previous: BuildCache.Index?
        /// The output folder named in `debrief.yml` may not be written (a DB003 says why).
        let outputRefused: Bool
        var documentsParsed = 0
        /// The repository, with `--git`.
        let git: Git?
        /// Where the actions' history is cached, sealed with the build cache's key: nil without
        /// the cache or when that key is not the user's lasting one.
        let historyCache: HistoryCacheStore?
        /// In a public build: each document's text and internal parts, from loading to the cut.
        var publicSources: [String: PublicSite.Source] = [:]

        /// A report with nothing written yet.
        func report(built: Bool, diagnostics: [Diagnostic]) -> BuildReport {
            let documents = scan.layout.postmortemFiles.count + scan.layout.sopFiles.count
            return BuildReport(built: built, output: writer.location, diagnostics: diagnostics, pagesWritten: 0, pagesUnchanged: 0,
                               pagesRemoved: 0, documentCount: documents, fileCount: documents + (scan.configFound ? 1 : 0),
                               documentsParsed: documentsParsed)
        }
    }

    // MARK: - 1. Scan

    private func scan() throws -> Run {
        let root = options.root
        let scan = try SiteLoader.scan(root: root)
        let config = scan.config
        let outputURL: URL
        var outputRefused = false
        if let explicit = options.output {
            outputURL = explicit
        } else {
            let folder = options.publicSite ? config.publicOutput : config.output
            outputURL = root.appendingPathComponent(folder)
            // The folder named in debrief.yml is the repo's to say, and so untrusted: a link on
            // the way (`_site -> ~` would be written through), something other than a folder,
            // or a folder overlapping the documents is a DB003 of `debrief.yml`, as for `check`;
            // the build then reads and validates but writes nothing, even with --allow-errors.
            outputRefused = customWriter == nil
                && (RepositoryLoader.outputFolderProblem(root: root, output: folder) != nil
                    || config.overlappingFolders().contains { $0.key == "output" })
        }
        if customWriter == nil, !outputRefused, let inside = Self.relativePath(of: outputURL, under: root) {
            if inside.isEmpty {
                throw EnvironmentError("refusing to build into the repository root \(root.path); choose a folder for the site with --output or 'output' in debrief.yml")
            }
            // The next build would read the site's own files back as documents.
            for folder in [config.postmortems, config.sops]
            where Config.folder(inside, isWithin: folder) || Config.folder(folder, isWithin: inside) {
                throw EnvironmentError("refusing to build into \(inside): it overlaps the document folder \(folder); choose an output folder outside \(config.postmortems)/ and \(config.sops)/")
            }
        }
        let writer = customWriter ?? (outputRefused ? MemorySiteWriter() : DiskSiteWriter(folder: outputURL))
        let state = try writer.inspect()
        if state == .foreign {
            throw EnvironmentError("refusing to build into \(writer.location): the folder is not empty and was not built by debrief (it has no \(SiteLayout.markerFile) file); choose a new or empty folder with --output")
        }
        if state == .built {
            let isPublic = writer.read(SiteLayout.markerFile) == Array(SiteLayout.publicMarkerText.utf8)
            if isPublic != options.publicSite {
                throw EnvironmentError(options.publicSite
                    ? "refusing to build the public site into \(writer.location): it holds the internal site; choose another folder with --output (the default is \(config.publicOutput))"
                    : "refusing to build the internal site into \(writer.location): it holds the public site (built with --public); choose another folder with --output")
            }
        }
        let templates = try TemplateSet.load(root: root, maxFileSize: config.maxFileSize, unsafeHTML: config.unsafeHTML,
                                            engine: options.templateEngine)
        var markdown = MarkdownOptions.site
        markdown.unsafe = config.unsafeHTML
        let baseURL = SiteSettings.normalisedBaseURL(options.baseURL) ?? config.baseURL
        // The repository is not public: a public site links to no source file.
        let settings = SiteSettings(title: config.title, baseURL: baseURL, repoURL: options.publicSite ? nil : config.repoURL,
                                    asOf: options.asOf ?? CalendarDate.today(), liveReloadURL: options.liveReloadURL)
        let outputInsideRoot = Self.relativePath(of: outputURL, under: root)
        let parseFingerprint = Self.parseFingerprint(configHash: scan.configHash, baseURL: baseURL, unsafe: markdown.unsafe,
                                                     publicSite: options.publicSite)
        // Leftover sync files are an input of `check` (DB094) that no document signature shows;
        // with --git, so is the history: a commit that only moves HEAD changes the pages.
        var extra = scan.leftoverTemporaryFiles
        var git: Git?
        if options.gitHistory {
            let repository = try Git(at: root.path)
            let head = try repository.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], limit: 256, allowFailure: true)
            extra.append("git " + String(decoding: head.output, as: UTF8.self).trimmed)
            git = repository
        }
        let siteFingerprint = Self.siteFingerprint(parse: parseFingerprint, templates: templates.fingerprint, settings: settings,
                                                   outputInsideRoot: outputInsideRoot, extra: extra)
        let (key, keyProblem) = options.cacheKey.map { ($0, nil) } ?? CacheKey.load()
        var cache = BuildCacheStore(writer: writer, key: key)
        if let keyProblem, state == .built, options.useCache { cache.note("the build cache is not reused (\(keyProblem))") }
        let previous = state == .built && options.useCache ? cache.loadIndex() : nil
        return Run(root: root, scan: scan, writer: writer, state: state, templates: templates, markdown: markdown, baseURL: baseURL,
                   settings: settings, outputInsideRoot: outputInsideRoot, parseFingerprint: parseFingerprint,
                   siteFingerprint: siteFingerprint, cache: cache, previous: previous, outputRefused: outputRefused, git: git,
                   historyCache: git != nil && options.useCache && keyProblem == nil ? HistoryCacheStore.standard(key: key) : nil)
    }

    // MARK: - 2. Nothing changed

    /// The report of a build that has nothing to do, or nil when something changed.
    private func unchanged(_ run: Run) -> BuildReport? {
        // A public site's index lists no inputs (see `saveIndex`), so it always builds.
        guard !options.publicSite else { return nil }
        guard let previous = run.previous, previous.complete, previous.siteFingerprint == run.siteFingerprint,
              previous.inputs.count == run.scan.signatures.count,
              run.scan.signatures.count == run.scan.layout.postmortemFiles.count + run.scan.layout.sopFiles.count else { return nil }
        for (file, signature) in run.scan.signatures {
            guard let input = previous.inputs[file], input.signature == signature else { return nil }
        }
        for (file, linked) in previous.linkedFiles {
            guard run.scan.files.signature(file) == linked.signature else { return nil }
        }
        let diagnostics = previous.diagnostics
        let refused = diagnostics.errorCount > 0 && !options.allowErrors
        var report = run.report(built: !refused, diagnostics: diagnostics)
        report.pagesUnchanged = refused ? 0 : previous.pages.count
        return report
    }

    // MARK: - 3. Load

    /// The cached records are dropped on return: only the documents taken from them live on.
    private func load(_ run: inout Run, clock: inout StageClock) throws -> [SiteDocument] {
        if options.publicSite {
            // Every document is read afresh: a public site is made from the text as read now,
            // never from a record that another build (or another kind of build) cached.
            let (documents, sources) = try SiteLoader.loadForPublic(run.scan)
            run.documentsParsed = documents.count
            run.publicSources = sources
            return documents
        }
        let cached = run.cache.loadRecords(parseFingerprint: run.parseFingerprint, previous: run.previous)
        clock.lap("cached records")
        let loader = SiteLoader(root: run.root, render: RenderSettings(options: run.markdown, baseURL: run.baseURL))
        let loaded = try loader.load(run.scan, cached: cached)
        run.documentsParsed = loaded.parsed
        return loaded.documents
    }

    /// The actions' history with `--git` (nil without it): a shallow clone or a history cut
    /// short is said in a note, and a shallow one gives nothing, since every slip and closing
    /// day read from it would be wrong.
    private func readHistory(_ run: inout Run) throws -> ActionHistory? {
        guard let git = run.git, !options.publicSite else { return nil }
        let history = try ActionHistoryReader(git: git, root: run.root, layout: run.scan.layout)
            .read(cache: run.historyCache)
        if case .unusable(let problem) = history.cacheUse {
            run.cache.note("the cached git history was not used (\(problem)); the whole history was read")
        }
        switch history.gap {
        case .shallow?:
            run.cache.note("the git history is a shallow clone, so no due-date slips or closing days were read; fetch the whole history (actions/checkout: fetch-depth: 0)")
            return nil
        case .truncated?:
            run.cache.note("the git history has more than \(ActionHistoryReader.maxCommits) commits touching post-mortems; the oldest were not read")
        case nil:
            break
        }
        return history
    }

    // MARK: - 4. Validate

    private func validate(_ run: Run, _ documents: [SiteDocument], similarity: SimilarityIndex) -> [Diagnostic] {
        // `TemplateRule` reports the templates' problems, for `check` and `build` alike.
        var base = KnowledgeBase(root: run.root, scan: run.scan, documents: documents)
        base.similarity = similarity
        return Validator.standard.validate(base)
    }

    /// The similarity index of the post-mortems, made once for validation (DB032) and the pages,
    /// with the post-mortems in the order it holds them (document order, as `KnowledgeBase`).
    private struct Similarity {
        let postmortems: [Postmortem]
        let index: SimilarityIndex

        /// The similarity of `documents`, with each post-mortem's analysis for the cache's
        /// `similarity.bin` when `cached` is given: a post-mortem whose analysis `cached` holds
        /// under the key of its text now is not analyzed again.
        static func make(_ documents: [SiteDocument], cached: SimilarityFeatures?) -> (Similarity, SimilarityFeatures.Writer?) {
            let read = documents.compactMap(\.postmortem)
            let compared = read.map(SimilarityDocument.init)
            guard let cached else { return (Similarity(read, index: SimilarityIndex(compared)), nil) }
            let (index, next, _) = cached.index(compared, files: read.map(\.file))
            return (Similarity(read, index: index), next)
        }

        /// The same similarity, with the post-mortems of `documents` in place of its own
        /// copies: `documents` must be the documents it was made from (slimmed, in the same
        /// order), whose post-mortems have the same ids, days, `related` and actions.
        func sharing(_ documents: [SiteDocument]) -> Similarity {
            let shared = documents.compactMap(\.postmortem)
            precondition(shared.map(\.file) == postmortems.map(\.file), "the similarity was made from other documents")
            return Similarity(postmortems: shared, index: index)
        }

        private init(postmortems: [Postmortem], index: SimilarityIndex) {
            self.postmortems = postmortems
            self.index = index
        }

        private init(_ read: [Postmortem], index: SimilarityIndex) {
            self.index = index
            // Recurrences need only ids, days, `related` and the actions: the rest is let go, so
            // the build does not keep a second copy of every record while it renders.
            postmortems = read.map { pm in
                var slim = Postmortem(file: pm.file, slug: pm.slug, id: pm.id, title: pm.title, date: pm.date, severity: pm.severity,
                                      statusText: pm.statusText, body: "", bodyFirstLine: pm.bodyFirstLine, hasFrontMatter: pm.hasFrontMatter)
                slim.started = pm.started
                slim.related = pm.related
                slim.actionTables = pm.actionTables.map(\.withoutCellLocations)
                return slim
            }
        }
    }

    // MARK: - 5. Cache records

    /// Stores bodies, then slims the documents for the pages. Returns the inputs the index will
    /// list, and the saving of the records and of `similarity`, which is encoded and written
    /// on a thread of its own while the plan is made (mostly on one core): the caller waits for
    /// it on every path, and before any page is written.
    private func cacheRecords(_ run: Run, _ documents: inout [SiteDocument], similarity: SimilarityFeatures.Writer?)
        throws -> (inputs: [(String, BuildCache.InputFile)], saving: BackgroundTask<Void>?) {
        // The marker first, so an interrupted build leaves a folder the next build may clean.
        if run.state != .built {
            try run.writer.write(SitePage(path: SiteLayout.markerFile, text: options.publicSite ? SiteLayout.publicMarkerText : SiteLayout.markerText))
        }
        if options.publicSite {
            // No record or body is cached: the pages are made from the public documents in memory.
            return (documents.map { ($0.file, BuildCache.InputFile(signature: $0.signature, contentHash: $0.contentHash)) }, nil)
        }
        let stored = try run.cache.storeBodies(documents)
        var records = documents
        for position in records.indices { records[position].body = stored[position] }
        let cache = run.cache
        let saving = inBackground { [records] in
            try cache.saveRecords(records)
            if let similarity { try cache.saveSimilarityFeatures(similarity) }
        }
        records = []
        // Every body is read back from the store when its page is rendered (and checked against
        // its digest there), so no body stays in memory: at ten thousand documents they are
        // some 80 MB, and reading one back costs less than its page's rendering.
        for position in documents.indices where !stored[position].isNone {
            documents[position].body = stored[position]
        }
        let inputs = documents.map { ($0.file, BuildCache.InputFile(signature: $0.signature, contentHash: $0.contentHash)) }
        documents = parallelMap(documents) { $0.slimmedForPages() }
        HeapTrim.releaseFreePages()
        return (inputs, saving)
    }

    // MARK: - 6. Plan

    private func plan(_ run: inout Run, _ documents: [SiteDocument], similarity: consuming Similarity, history: ActionHistory?, linkedFiles: [String],
                      clock: inout StageClock) throws -> (PageRenderer, [PlannedFile]) {
        var config = run.scan.config
        // How late a post-mortem was published is the company's own process, not the customer's.
        if options.publicSite { config.publishWithin = [:] }
        let index = SiteIndex(documents: documents, config: config, layout: run.scan.layout, asOf: run.settings.asOf)
        clock.lap("index")
        let siteHistory = history.map { SiteHistory($0, keys: index.actions.map(\.action.key)) } ?? SiteHistory()
        let similar = SiteSimilarity(index: index, similarity: similarity.index, postmortems: similarity.postmortems,
                                     settings: RecurrenceSettings(threshold: run.scan.config.recurrenceThreshold, closeDates: siteHistory.closedOn))
        _ = consume similarity
        HeapTrim.releaseFreePages()
        clock.lap("similar incidents")
        // The search index before the page models: what it holds while it is made (the
        // postings, the counts for the cache) is let go before the models take their share.
        let bodies = BodyStore(writer: run.writer)
        let search = SearchCorpus(index: index, asOf: run.settings.asOf)
        let searchFiles: [(path: String, bytes: [UInt8])]
        do {
            // A public site caches nothing of its documents (see `cacheRecords`).
            let cachedCounts = options.publicSite || run.previous == nil ? SearchCounts() : run.cache.loadSearchCounts()
            let cache = run.cache, publicSite = options.publicSite
            searchFiles = try SearchIndexFiles.make(search, bodies: bodies, cached: cachedCounts) { counts, strings in
                if !publicSite { try cache.saveSearchCounts(counts, strings: strings) }
            }
        }
        HeapTrim.releaseFreePages()
        clock.lap("search index")
        let models = PageModels(index: index, settings: run.settings, templates: run.templates, similarity: similar, history: siteHistory)
        clock.lap("models")
        let planner = SitePlanner(models: models, search: search, templates: run.templates, root: run.root, outputInsideRoot: run.outputInsideRoot)
        let plan = (planner.plan(linkedFiles: linkedFiles) + searchFiles.map { PlannedFile(path: $0.path, source: .data($0.bytes), weight: 1) })
            .sorted { $0.weight > $1.weight }
        let renderer = PageRenderer(models: models, search: search, templates: run.templates, rootPath: run.root.path,
                                    salt: Self.pageSalt(templates: run.templates.fingerprint), bodies: bodies, writer: run.writer)
        return (renderer, plan)
    }

    // MARK: - 7. Render and write

    private func renderAndWrite(_ run: Run, renderer: PageRenderer, plan: [PlannedFile])
        throws -> (pages: [String: BuildCache.PageEntry], written: Int, unchanged: Int) {
        try run.cache.beginWriting(previous: run.previous, planned: plan.map(\.path),
                                   fingerprints: (run.parseFingerprint, run.siteFingerprint))
        let writer = run.writer
        // An incomplete index vouches for no page: every page is rendered and written again.
        let previousPages = run.previous?.complete == true ? run.previous?.pages ?? [:] : [:]
        let largePage = NSLock()
        // A build that stops part way leaves no staged file in the cache folder.
        defer { try? writer.remove(PageRenderer.stagingPath) }
        let outcomes = try parallelMapThrowing(plan) { file -> (BuildCache.PageEntry, Bool)? in
            let isLarge = file.weight >= PlannedFile.largeWeight
            if isLarge { largePage.lock() }
            defer { if isLarge { largePage.unlock() } }
            let prepared = try renderer.prepare(file)
            let earlier = previousPages[file.path]
            if let earlier, earlier.key == prepared.key, writer.exists(file.path) {
                try renderer.discard(prepared)
                return (earlier, false)
            }
            guard let rendered = try renderer.render(prepared) else { return nil }
            let entry = BuildCache.PageEntry(outputHash: rendered.contentHash, key: prepared.key)
            if let earlier, earlier.outputHash == rendered.contentHash, writer.exists(file.path) {
                try rendered.discard(from: writer)
                return (entry, false)
            }
            try rendered.write(to: writer)
            return (entry, true)
        }
        var pages: [String: BuildCache.PageEntry] = [:]
        var written = 0, unchanged = 0
        for (file, outcome) in zip(plan, outcomes) {
            guard let (entry, wrote) = outcome else { continue }
            pages[file.path] = entry
            if wrote { written += 1 } else { unchanged += 1 }
        }
        return (pages, written, unchanged)
    }

    // MARK: - 8. Remove stale

    /// Deletes what the last build (or an interrupted one) made and this one does not; only
    /// plain relative paths outside debrief's own files, never through a link.
    private func removeStale(_ run: Run, keeping pages: [String: BuildCache.PageEntry]) throws -> Int {
        var removed = 0
        for path in (run.previous?.pages.keys.sorted() ?? []) where pages[path] == nil && SiteLayout.isRemovable(path) {
            if run.writer.exists(path) { removed += 1 }
            try run.writer.remove(path)
        }
        return removed
    }

    // MARK: - 9. Save index

    private func saveIndex(_ run: Run, inputs: [(String, BuildCache.InputFile)], linkedFiles: [String],
                           diagnostics: [Diagnostic], pages: [String: BuildCache.PageEntry]) throws {
        var index = BuildCache.Index()
        index.siteFingerprint = run.siteFingerprint
        index.parseFingerprint = run.parseFingerprint
        index.pages = pages
        // The cache sits in the output folder, which is published: a public site's index keeps
        // only its own pages, never the names of internal documents or what check said of them.
        guard !options.publicSite else {
            try run.cache.saveIndex(index)
            return
        }
        for (file, input) in inputs { index.inputs[file] = input }
        for file in linkedFiles {
            index.linkedFiles[file] = BuildCache.LinkedFile(signature: run.scan.files.signature(file))
        }
        index.diagnostics = diagnostics
        try run.cache.saveIndex(index)
    }

    // MARK: - Fingerprints

    /// What a document's parsed record depends on besides its bytes.
    static func parseFingerprint(configHash: UInt64, baseURL: String?, unsafe: Bool, publicSite: Bool = false) -> UInt64 {
        var hasher = StableHasher(seed: 1)
        if publicSite { hasher.combine("public") }
        hasher.combine(BuildCache.formatVersion)
        hasher.combine(binaryIdentity)
        hasher.combine(CMark.version)
        hasher.combine(configHash)
        hasher.combine(baseURL ?? "")
        hasher.combine(unsafe)
        return hasher.finalize()
    }

    /// What the whole site depends on besides the documents.
    static func siteFingerprint(parse: UInt64, templates: UInt64, settings: SiteSettings, outputInsideRoot: String?,
                                extra: [String] = []) -> UInt64 {
        var hasher = StableHasher(seed: 2)
        for value in extra { hasher.combine(value) }
        hasher.combine(parse)
        hasher.combine(templates)
        hasher.combine(settings.asOf.description)
        hasher.combine(settings.liveReloadURL ?? "")
        hasher.combine(outputInsideRoot ?? "")
        return hasher.finalize()
    }

    /// Mixed into every page key.
    static func pageSalt(templates: UInt64) -> UInt64 {
        var hasher = StableHasher(seed: 3)
        hasher.combine(templates)
        hasher.combine(binaryIdentity)
        return hasher.finalize()
    }

    /// Changes when the debrief binary does (its size and modification time), so a new version
    /// of debrief never reuses what an older one cached.
    static let binaryIdentity: UInt64 = {
        var hasher = StableHasher(seed: 4)
        if let path = Bundle.main.executablePath, let signature = FileIO.signature(URL(fileURLWithPath: path).resolvingSymlinksInPath().path) {
            hasher.combine(Int(signature.size))
            hasher.combine(Int(signature.modified))
        }
        return hasher.finalize()
    }()

    // MARK: - Helpers

    /// `output` relative to `root` when it lies inside it.
    static func relativePath(of output: URL, under root: URL) -> String? {
        let outputPath = output.standardizedFileURL.path
        let rootPath = root.standardizedFileURL.path
        guard outputPath.hasPrefix(rootPath + "/") else { return outputPath == rootPath ? "" : nil }
        return String(outputPath.dropFirst(rootPath.count + 1))
    }
}
