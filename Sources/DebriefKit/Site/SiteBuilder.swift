import Dispatch
import Foundation

/// Builds the static knowledge site: `debrief build`. The stages, in the order they run, each
/// owned by one type:
///
/// 1. **scan** (`SiteLoader.scan`): read `debrief.yml`, list the documents with their file
///    signatures; check the output folder is safe to write (`SiteWriter.inspect`). When nothing
///    changed since the last build (same inputs, templates, options and binary), stop here.
/// 2. **load** (`SiteLoader.load`): read each document, or reuse its cached record when its
///    bytes are unchanged.
/// 3. **validate** (`Validator.standard`): the diagnostics of `check`; refuse to build when
///    there are errors, unless `allowErrors`.
/// 4. **plan** (`SiteIndex`, `PageModels`, `SitePlanner`): what spans documents, the page
///    models, and every file of the site.
/// 5. **render** (`PageRenderer`): on all cores, only pages whose inputs changed.
/// 6. **write** (`SiteWriter`): new and changed files, removal of files the last build made
///    and this one does not, then the cache (`BuildCache`).
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
    /// folder must not be touched (it is not empty and holds no `.debrief-site` marker), and
    /// `FileIOError` when writing fails. Problems in documents are diagnostics in the report.
    public func build() throws -> BuildReport {
        let root = options.root
        var clock = StageClock()

        // 1. Scan.
        let scan = try SiteLoader.scan(root: root)
        let config = scan.config
        let outputURL = options.output ?? root.appendingPathComponent(config.output)
        let writer = customWriter ?? DiskSiteWriter(folder: outputURL)
        let state = try writer.inspect()
        if state == .foreign {
            throw EnvironmentError("refusing to build into \(writer.location): the folder is not empty and was not built by debrief (it has no \(SiteLayout.markerFile) file); choose a new or empty folder with --output")
        }
        let templates = try TemplateSet.load(root: root, maxFileSize: config.maxFileSize)
        var markdown = MarkdownOptions.site
        markdown.unsafe = config.unsafeHTML
        let baseURL = SiteSettings.normalisedBaseURL(options.baseURL) ?? config.baseURL
        let settings = SiteSettings(title: config.title, baseURL: baseURL, repoURL: config.repoURL,
                                    asOf: options.asOf ?? CalendarDate.today(), liveReloadURL: options.liveReloadURL)
        let outputInsideRoot = Self.relativePath(of: outputURL, under: root)
        let parseFingerprint = Self.parseFingerprint(configHash: scan.configHash, baseURL: baseURL, unsafe: markdown.unsafe)
        let siteFingerprint = Self.siteFingerprint(parse: parseFingerprint, templates: templates.fingerprint,
                                                   settings: settings, outputInsideRoot: outputInsideRoot)
        let previous = state == .built && options.useCache ? writer.read(BuildCache.indexPath).flatMap { try? BuildCache.decodeIndex($0) } : nil
        clock.lap("scan")
        if let previous, var report = unchangedReport(previous, scan: scan, siteFingerprint: siteFingerprint, writer: writer) {
            clock.lap("compare")
            report.timings = clock.laps
            return report
        }

        // 2. Load.
        var cached: [String: SiteDocument] = [:]
        if let previous, previous.parseFingerprint == parseFingerprint,
           let bytes = writer.read(BuildCache.recordsPath), let records = try? BuildCache.decodeRecords(bytes) {
            for record in records { cached[record.file] = record }
        }
        let loader = SiteLoader(root: root, render: RenderSettings(options: markdown, baseURL: baseURL))
        // Unpacked at once so that only `documents` holds the array, which later stages change.
        var (documents, parsed) = { (loaded: SiteLoader.Loaded) in (loaded.documents, loaded.parsed) }(try loader.load(scan, cached: cached))
        cached = [:]
        clock.lap("load")

        let fileCount = documents.count + (scan.configFound ? 1 : 0)

        // 3. Validate.
        let diagnostics = (Validator.standard.validate(KnowledgeBase(root: root, scan: scan, documents: documents))
            + templates.diagnostics).sortedForOutput()
        clock.lap("validate")
        if diagnostics.errorCount > 0 && !options.allowErrors {
            return BuildReport(built: false, output: writer.location, diagnostics: diagnostics, pagesWritten: 0, pagesUnchanged: 0,
                               pagesRemoved: 0, documentCount: documents.count, fileCount: fileCount, documentsParsed: parsed, timings: clock.laps)
        }

        // From here on the build writes. The marker first, so an interrupted build leaves a
        // folder the next build may clean; then the bodies, into the cache.
        if state != .built {
            try writer.write(SitePage(path: SiteLayout.markerFile, text: SiteLayout.markerText))
        }
        let storeSize = try storeBodies(&documents, previous: previous, writer: writer)
        // The records are saved now, so the pages can be made from slimmer ones. (Each record
        // checks itself against its file, so these never mislead a build that reads them with
        // the previous index.)
        try writer.write(SitePage(path: BuildCache.recordsPath, bytes: BuildCache.encode(records: documents)))
        let inputs = documents.map { ($0.file, BuildCache.InputFile(signature: $0.signature, contentHash: $0.contentHash)) }
        let liveBodyBytes = documents.reduce(0) { total, document in
            if case .stored(_, let length) = document.body { return total + length }
            return total
        }
        let linkedFiles = Set(documents.flatMap(\.linkedFiles)).sorted()
        documents = parallelMap(documents) { $0.slimmedForPages() }
        clock.lap("store bodies and records")

        // 4. Plan.
        let index = SiteIndex(documents: documents, config: config, layout: scan.layout, asOf: settings.asOf)
        clock.lap("index")
        let models = PageModels(index: index, settings: settings, templates: templates)
        clock.lap("models")
        let planner = SitePlanner(models: models, templates: templates, root: root, outputInsideRoot: outputInsideRoot)
        let plan = planner.plan(linkedFiles: linkedFiles).sorted { $0.weight > $1.weight }
        clock.lap("plan")

        // 5 and 6. Render and write, on all cores; each page is written as soon as it is made.
        let renderer = PageRenderer(models: models, templates: templates, rootPath: root.path,
                                    salt: Self.pageSalt(templates: templates.fingerprint), bodies: BodyStore(writer: writer))
        let previousPages = previous?.pages ?? [:]
        let largePage = NSLock()
        let outcomes = try Self.concurrentMap(plan) { file -> (BuildCache.PageEntry, Bool)? in
            let isLarge = file.weight >= PlannedFile.largeWeight
            if isLarge { largePage.lock() }
            defer { if isLarge { largePage.unlock() } }
            let prepared = renderer.prepare(file)
            let earlier = previousPages[file.path]
            if let earlier, earlier.key == prepared.key, writer.exists(file.path) {
                return (earlier, false)
            }
            guard let page = renderer.render(prepared) else { return nil }
            let hash = page.contentHash
            let entry = BuildCache.PageEntry(outputHash: hash, key: prepared.key)
            if let earlier, earlier.outputHash == hash, writer.exists(file.path) {
                return (entry, false)
            }
            try writer.write(page)
            return (entry, true)
        }
        var pages: [String: BuildCache.PageEntry] = [:]
        var written = 0, unchanged = 0
        for (file, outcome) in zip(plan, outcomes) {
            guard let (entry, wrote) = outcome else { continue }
            pages[file.path] = entry
            if wrote { written += 1 } else { unchanged += 1 }
        }
        clock.lap("render and write")
        var removed = 0
        for path in previousPages.keys.sorted() where pages[path] == nil && SiteLayout.isRemovable(path) {
            try writer.remove(path)
            removed += 1
        }

        // The cache, last: a build that fails before here leaves the old cache, which no longer
        // matches the pages, so the next build checks every page again.
        try saveIndex(inputs: inputs, liveBodyBytes: liveBodyBytes, writer: writer, storeSize: storeSize, parseFingerprint: parseFingerprint,
                      siteFingerprint: siteFingerprint, linkedFiles: plan.compactMap {
                          if case .copy(let source) = $0.source { return source }
                          return nil
                      }, diagnostics: diagnostics, pages: pages)
        clock.lap("cache")
        return BuildReport(built: true, output: writer.location, diagnostics: diagnostics, pagesWritten: written,
                           pagesUnchanged: unchanged, pagesRemoved: removed, documentCount: documents.count,
                           fileCount: fileCount, documentsParsed: parsed, timings: clock.laps)
    }

    // MARK: - Nothing changed

    /// The report of a build that has nothing to do, or nil when something changed.
    private func unchangedReport(_ previous: BuildCache.Index, scan: SiteLoader.Scan, siteFingerprint: UInt64,
                                 writer: any SiteWriter) -> BuildReport? {
        guard previous.siteFingerprint == siteFingerprint, previous.inputs.count == scan.signatures.count,
              scan.signatures.count == scan.layout.postmortemFiles.count + scan.layout.sopFiles.count else { return nil }
        for (file, signature) in scan.signatures {
            guard let input = previous.inputs[file], input.signature == signature else { return nil }
        }
        for (file, signature) in previous.copiedFiles {
            guard scan.files.signature(file) == signature else { return nil }
        }
        let diagnostics = previous.diagnostics
        let refused = diagnostics.errorCount > 0 && !options.allowErrors
        return BuildReport(built: !refused, output: writer.location, diagnostics: diagnostics, pagesWritten: 0,
                           pagesUnchanged: refused ? 0 : previous.pages.count, pagesRemoved: 0,
                           documentCount: scan.signatures.count, fileCount: scan.signatures.count + (scan.configFound ? 1 : 0),
                           documentsParsed: 0)
    }

    // MARK: - Cache

    /// Moves the bodies rendered in this build into the cache's body store, so they need not
    /// stay in memory: appended to it, or in a new store when most of the old one is no
    /// longer used. Returns the store's size.
    private func storeBodies(_ documents: inout [SiteDocument], previous: BuildCache.Index?, writer: any SiteWriter) throws -> Int {
        var storeSize = previous?.bodyStoreSize ?? 0
        let live = documents.reduce(0) { total, document in
            if case .stored(_, let length) = document.body { return total + length }
            return total
        }
        var rewrite = previous == nil || live * 2 < storeSize
        if !rewrite, storeSize > 0, writer.read(BuildCache.bodiesPath, offset: storeSize - 1, length: 1) == nil {
            rewrite = true
        }
        if rewrite {
            // Bring the bodies still used into memory, then start a new store.
            let store = BodyStore(writer: writer)
            for position in documents.indices {
                if case .stored = documents[position].body, let html = store.html(of: documents[position]) {
                    documents[position].body = .html(html)
                }
            }
            // Records of the last build point into the old store: forget them first, so a build
            // interrupted from here on starts afresh next time.
            try writer.remove(BuildCache.indexPath)
            try writer.write(SitePage(path: BuildCache.bodiesPath, bytes: []))
            storeSize = 0
        }
        var buffer: [UInt8] = []
        for position in documents.indices {
            guard case .html(let html) = documents[position].body else { continue }
            let bytes = Array(html.utf8)
            documents[position].body = .stored(offset: storeSize + buffer.count, length: bytes.count)
            buffer += bytes
            if buffer.count >= 4 << 20 {
                try writer.append(buffer, to: BuildCache.bodiesPath)
                storeSize += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty {
            try writer.append(buffer, to: BuildCache.bodiesPath)
            storeSize += buffer.count
        }
        return storeSize
    }

    private func saveIndex(inputs: [(String, BuildCache.InputFile)], liveBodyBytes: Int, writer: any SiteWriter, storeSize: Int,
                           parseFingerprint: UInt64, siteFingerprint: UInt64,
                           linkedFiles: [String], diagnostics: [Diagnostic], pages: [String: BuildCache.PageEntry]) throws {
        var index = BuildCache.Index()
        index.siteFingerprint = siteFingerprint
        index.parseFingerprint = parseFingerprint
        for (file, input) in inputs { index.inputs[file] = input }
        let files = RepositoryFiles(root: options.root)
        for file in linkedFiles {
            if let signature = files.signature(file) { index.copiedFiles[file] = signature }
        }
        index.diagnostics = diagnostics
        index.pages = pages
        index.liveBodyBytes = liveBodyBytes
        index.bodyStoreSize = storeSize
        try writer.write(SitePage(path: BuildCache.indexPath, bytes: BuildCache.encode(index)))
    }

    // MARK: - Fingerprints

    /// What a document's parsed record depends on besides its bytes.
    static func parseFingerprint(configHash: UInt64, baseURL: String?, unsafe: Bool) -> UInt64 {
        var hasher = StableHasher(seed: 1)
        hasher.combine(BuildCache.formatVersion)
        hasher.combine(binaryIdentity)
        hasher.combine(CMark.version)
        hasher.combine(configHash)
        hasher.combine(baseURL ?? "")
        hasher.combine(unsafe)
        return hasher.finalize()
    }

    /// What the whole site depends on besides the documents.
    static func siteFingerprint(parse: UInt64, templates: UInt64, settings: SiteSettings, outputInsideRoot: String?) -> UInt64 {
        var hasher = StableHasher(seed: 2)
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

    /// Maps on all cores, keeping order; the first error thrown is rethrown.
    static func concurrentMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
        let results = parallelMap(items) { item -> Result<R, any Error> in
            Result { try transform(item) }
        }
        return try results.map { try $0.get() }
    }
}
