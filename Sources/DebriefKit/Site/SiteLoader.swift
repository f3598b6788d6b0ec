import Foundation

/// Stages 1 and 3 of a build (scan and load): finds every document and reads it, reusing the cached record of each
/// document whose bytes are unchanged (so it skips YAML and cmark-gfm), reading the rest with
/// the same readers `check` uses, in parallel.
struct SiteLoader: Sendable {
    /// The repo's configuration and files, before any document is read.
    struct Scan: Sendable {
        var config: Config
        var configDiagnostics: [Diagnostic]
        var configFound: Bool
        /// The hash of `debrief.yml`'s bytes (0 when absent).
        var configHash: UInt64
        var layout: RepositoryLayout
        /// The signature of every document (of its target, for a link inside the repo).
        var signatures: [String: FileSignature]
        /// Temporary files an interrupted `sync` left in the document folders (DB094).
        var leftoverTemporaryFiles: [String]
        /// How the repo's files are read, the same way `check` reads them.
        var files: RepositoryFiles
        /// What listing the documents refused (folder links that loop or leave the repo).
        var listingDiagnostics: [Diagnostic]
    }

    /// The documents read, and how many of them were parsed rather than reused.
    struct Loaded: Sendable {
        var documents: [SiteDocument]
        var parsed: Int
    }

    let root: URL
    let render: RenderSettings

    /// Reads `debrief.yml` and lists the documents with their signatures.
    static func scan(root: URL) throws -> Scan {
        let (config, diagnostics, found, configBytes) = try RepositoryLoader.loadConfig(files: RepositoryFiles(root: root))
        let repoFiles = RepositoryFiles(root: root).configured(with: config)
        let postmortems = try RepositoryLoader.markdownFiles(repoFiles, folder: config.postmortems)
        let sops = try RepositoryLoader.markdownFiles(repoFiles, folder: config.sops)
        let listingDiagnostics = postmortems.diagnostics + sops.diagnostics
        // What the listing refused is part of what the configuration hash stands for: a new
        // folder loop changes no document, yet must not leave an unchanged build's report.
        let configDigest = RepositoryLayout.digest(configFound: found, bytes: configBytes)
        var hasher = StableHasher(seed: 5)
        hasher.combine(configDigest)
        for diagnostic in listingDiagnostics { hasher.combine(diagnostic.location.file + ":" + diagnostic.message) }
        let configHash = found || !listingDiagnostics.isEmpty ? hasher.finalize() : 0
        let layout = RepositoryLayout(config: config, postmortemFiles: postmortems.files, sopFiles: sops.files,
                                      configDigest: configDigest)
        let files = postmortems.files + sops.files
        let signatures = parallelMap(files) { repoFiles.signature($0) }
        var byFile: [String: FileSignature] = [:]
        byFile.reserveCapacity(files.count)
        for (file, signature) in zip(files, signatures) {
            if let signature { byFile[file] = signature }
        }
        return Scan(config: config, configDiagnostics: diagnostics, configFound: found, configHash: configHash,
                    layout: layout, signatures: byFile,
                    leftoverTemporaryFiles: SyncTemporaryFile.find(root: root, folders: [config.postmortems, config.sops]),
                    files: repoFiles, listingDiagnostics: listingDiagnostics)
    }

    /// Reads every document of `scan`; `cached` holds records of the last build that are still
    /// valid for this configuration.
    func load(_ scan: Scan, cached: [String: SiteDocument]) throws -> Loaded {
        let layout = scan.layout
        let limit = scan.config.maxFileSize
        let postmortemReader = PostmortemReader(layout: layout, render: render)
        let sopReader = SOPReader(layout: layout, render: render)
        let sopFiles = Set(layout.sopFiles)
        let files = layout.postmortemFiles + layout.sopFiles
        let results = parallelMap(files) { file -> (SiteDocument, Bool, String?) in
            let signature = scan.signatures[file]
            let previous = cached[file].flatMap { $0.linksStillHold(in: layout) ? $0 : nil }
            if var previous, let signature, previous.signature == signature {
                previous.signature = signature
                return (previous, false, nil)
            }
            let read = scan.files.read(file, limit: limit)
            let bytes = read.bytes
            let hash = bytes.map(ContentDigest.of) ?? 0
            if var previous, bytes != nil, previous.contentHash == hash {
                previous.signature = signature
                return (previous, false, nil)
            }
            switch RepositoryLoader.source(file: file, read: read) {
            case .unreadable(let file):
                return (SiteDocument.unreadable(file: file, diagnostics: [], signature: signature, contentHash: hash), true, file)
            case .failure(let diagnostic):
                return (SiteDocument.unreadable(file: file, diagnostics: [diagnostic], signature: signature, contentHash: hash), true, nil)
            case .success(let source):
                if sopFiles.contains(file) {
                    let (sop, diagnostics) = sopReader.read(source)
                    return (SiteDocument.make(sop, diagnostics: diagnostics, signature: signature, contentHash: hash, layout: layout), true, nil)
                }
                let (pm, diagnostics) = postmortemReader.read(source)
                return (SiteDocument.make(pm, diagnostics: diagnostics, signature: signature, contentHash: hash, layout: layout), true, nil)
            }
        }
        let unreadable = results.compactMap(\.2)
        if !unreadable.isEmpty { throw RepositoryLoader.unreadableError(unreadable) }
        return Loaded(documents: results.map(\.0), parsed: results.count { $0.1 })
    }
}

// MARK: - A public build

extension SiteLoader {
    /// Reads every document of `scan` as `check` does (no HTML, no cache), keeping for each
    /// readable one its text and its internal parts for `PublicSite`.
    static func loadForPublic(_ scan: Scan) throws -> (documents: [SiteDocument], sources: [String: PublicSite.Source]) {
        let layout = scan.layout
        let limit = scan.config.maxFileSize
        let postmortemReader = PostmortemReader(layout: layout)
        let sopReader = SOPReader(layout: layout)
        let sopFiles = Set(layout.sopFiles)
        let files = layout.postmortemFiles + layout.sopFiles
        let results = parallelMap(files) { file -> (SiteDocument, PublicSite.Source?, String?) in
            let signature = scan.signatures[file]
            let read = scan.files.read(file, limit: limit)
            let hash = read.bytes.map(ContentDigest.of) ?? 0
            switch RepositoryLoader.source(file: file, read: read) {
            case .unreadable(let file):
                return (SiteDocument.unreadable(file: file, diagnostics: [], signature: signature, contentHash: hash), nil, file)
            case .failure(let diagnostic):
                return (SiteDocument.unreadable(file: file, diagnostics: [diagnostic], signature: signature, contentHash: hash), nil, nil)
            case .success(let source):
                if sopFiles.contains(file) {
                    let (sop, diagnostics, plan) = sopReader.readWithPlan(source)
                    return (SiteDocument.make(sop, diagnostics: diagnostics, signature: signature, contentHash: hash, layout: layout),
                            PublicSite.Source(text: source, plan: plan, actionTables: []), nil)
                }
                let (pm, diagnostics, plan) = postmortemReader.readWithPlan(source)
                return (SiteDocument.make(pm, diagnostics: diagnostics, signature: signature, contentHash: hash, layout: layout),
                        PublicSite.Source(text: source, plan: plan, actionTables: pm.actionTables), nil)
            }
        }
        let unreadable = results.compactMap(\.2)
        if !unreadable.isEmpty { throw RepositoryLoader.unreadableError(unreadable) }
        var sources: [String: PublicSite.Source] = [:]
        for (document, source, _) in results {
            if let source { sources[document.file] = source }
        }
        return (results.map(\.0), sources)
    }
}

extension KnowledgeBase {
    /// The knowledge base that validation runs on, made of site records.
    init(root: URL, scan: SiteLoader.Scan, documents: [SiteDocument]) {
        var diagnostics = scan.configDiagnostics + scan.listingDiagnostics
        var postmortems: [Postmortem] = []
        var sops: [SOP] = []
        for document in documents {
            diagnostics += document.diagnostics
            switch document.content {
            case .postmortem(let pm): postmortems.append(pm)
            case .sop(let sop): sops.append(sop)
            case .unreadable: break
            }
        }
        self.init(root: root, config: scan.config, layout: scan.layout, postmortems: postmortems, sops: sops,
                  readDiagnostics: diagnostics,
                  fileCount: scan.layout.postmortemFiles.count + scan.layout.sopFiles.count + (scan.configFound ? 1 : 0),
                  leftoverTemporaryFiles: scan.leftoverTemporaryFiles)
    }
}
