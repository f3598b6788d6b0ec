import Foundation

/// Finds the repository root and reads every document in it, in parallel.
public struct RepositoryLoader: Sendable {
    /// How to render bodies, or nil to skip HTML (checking).
    public var render: RenderSettings?
    /// How much of each post-mortem is read (`ReadingScope`).
    public var scope: ReadingScope

    /// Creates a loader.
    public init(render: RenderSettings? = nil, scope: ReadingScope = .everything) {
        self.render = render
        self.scope = scope
    }

    /// The root: `explicit` when given, else the nearest ancestor of `workingDirectory` holding
    /// `debrief.yml`, else `workingDirectory`.
    public static func findRoot(explicit: String?, workingDirectory: String = FileManager.default.currentDirectoryPath) throws -> URL {
        if let explicit {
            let url = URL(fileURLWithPath: explicit, relativeTo: URL(fileURLWithPath: workingDirectory)).standardizedFileURL
            guard FileIO.isDirectory(url.path) else { throw EnvironmentError("root \(explicit) is not a directory") }
            return url
        }
        var url = URL(fileURLWithPath: workingDirectory).standardizedFileURL
        while true {
            if FileIO.exists(url.appendingPathComponent(Config.fileName).path) { return url }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return URL(fileURLWithPath: workingDirectory).standardizedFileURL
    }

    /// Reads `debrief.yml` (when present), with the default size limit. Unreadable files are
    /// environment errors; problems in its content, or a config that is not a regular file
    /// inside the root, are diagnostics.
    public static func loadConfig(root: URL) throws -> (Config, [Diagnostic], found: Bool) {
        let (config, diagnostics, found, _) = try loadConfig(files: RepositoryFiles(root: root))
        return (config, diagnostics, found)
    }

    /// Reads `debrief.yml` from a tree in memory.
    static func loadConfig(tree: MemoryTree) throws -> (Config, [Diagnostic], found: Bool) {
        let (config, diagnostics, found, _) = try loadConfig(files: RepositoryFiles(root: URL(fileURLWithPath: "/"), tree: tree))
        return (config, diagnostics, found)
    }

    /// Reads `debrief.yml` through `files`; also returns its bytes (nil when absent or refused).
    static func loadConfig(files: RepositoryFiles) throws -> (Config, [Diagnostic], found: Bool, bytes: [UInt8]?) {
        let bytes: [UInt8]
        switch files.read(Config.fileName, limit: RepositoryFiles.defaultMaxFileSize, limitKey: nil) {
        case .missing: return (Config(), [], false, nil)
        case .unreadable: throw EnvironmentError("cannot read \(Config.fileName) in \(files.root)")
        case .refused(let diagnostic): return (Config(), [diagnostic], true, nil)
        case .bytes(let read): bytes = read
        }
        switch SourceText.decode(path: Config.fileName, bytes: bytes) {
        case .failure(.empty):
            return (Config(), [], true, bytes)
        case .failure(.invalidUTF8(let line, let column)):
            return (Config(), [Diagnostic(.error, .invalidUTF8, at: SourceLocation(file: Config.fileName, line: line, column: column), "debrief.yml is not valid UTF-8")], true, bytes)
        case .success(let text):
            var (config, diagnostics, locations) = Config.parseLocatingFolders(text.text)
            if files.memory == nil, let problem = outputFolderProblem(root: URL(fileURLWithPath: files.root), output: config.output) {
                diagnostics.append(Diagnostic(.error, .configInvalidValue, at: locations["output"] ?? SourceLocation(file: Config.fileName), problem))
                diagnostics = diagnostics.sortedForOutput()
            }
            return (config, diagnostics, true, bytes)
        }
    }

    /// Why the output folder `output` (relative to `root`, from `debrief.yml`) may not be
    /// written: a name on the way to it (itself included) is a symbolic link (`_site -> ~` would
    /// be written through) or something other than a folder. Nil when it is a folder, or is not
    /// there yet. `check` reports it (DB003) and `build` refuses to write there.
    public static func outputFolderProblem(root: URL, output: String) -> String? {
        var path = root.path
        for name in output.split(separator: "/") {
            path += "/" + name
            guard let identity = FileIO.identity(path, followingLinks: false) else { return nil }
            switch identity.kind {
            case .directory: continue
            case .symbolicLink:
                return "'output' (\(output)) must be a real folder inside the repository, but \(path.dropFirst(root.path.count + 1)) is a symbolic link; remove the link, or build with --output"
            default:
                return "'output' (\(output)) must be a folder, but \(path.dropFirst(root.path.count + 1)) is \(identity.kind.rawValue); remove it, or choose another folder"
            }
        }
        return nil
    }

    /// Reads the whole repo at `root`.
    public func load(root: URL) throws -> KnowledgeBase {
        try load(files: RepositoryFiles(root: root), root: root)
    }

    /// Reads the repo held in `tree` (a git revision), as if it lay at `root`: nothing is read
    /// from the disk, and the base's rules read linked files from the tree too.
    public func load(tree: MemoryTree, root: URL) throws -> KnowledgeBase {
        try load(files: RepositoryFiles(root: root, tree: tree), root: root)
    }

    /// Reads the whole repo at `root` and, on a thread of its own at the same time, runs `work`
    /// with the repo's layout (known once the documents are listed, before they are read).
    /// Work that waits on another process (`git log`) then costs no time of its own. The
    /// repo's errors are thrown; `work`'s outcome is returned, for the caller to look at once
    /// it has refused what it refuses about the repo itself.
    public func load<Work: Sendable>(root: URL, alongside work: @escaping @Sendable (RepositoryLayout) throws -> Work) throws -> (KnowledgeBase, Result<Work, any Error>) {
        let listed = try list(files: RepositoryFiles(root: root))
        let layout = listed.layout
        return try concurrently({ try read(listed, root: root) }, alongside: { try work(layout) })
    }

    private func load(files unconfigured: RepositoryFiles, root: URL) throws -> KnowledgeBase {
        try read(try list(files: unconfigured), root: root)
    }

    /// What the repo holds before any document is read: its configuration and its listing.
    private struct Listed: Sendable {
        var config: Config
        var configDiagnostics: [Diagnostic]
        var configFound: Bool
        var files: RepositoryFiles
        var postmortemListing: RepositoryFiles.Listing
        var sopListing: RepositoryFiles.Listing
        var layout: RepositoryLayout
    }

    private func list(files unconfigured: RepositoryFiles) throws -> Listed {
        let (config, configDiagnostics, found, bytes) = try Self.loadConfig(files: unconfigured)
        let files = unconfigured.configured(with: config)
        let postmortemListing = try Self.markdownFiles(files, folder: config.postmortems)
        let sopListing = try Self.markdownFiles(files, folder: config.sops)
        let layout = RepositoryLayout(config: config, postmortemFiles: postmortemListing.files, sopFiles: sopListing.files,
                                      configDigest: RepositoryLayout.digest(configFound: found, bytes: bytes))
        return Listed(config: config, configDiagnostics: configDiagnostics, configFound: found, files: files,
                      postmortemListing: postmortemListing, sopListing: sopListing, layout: layout)
    }

    private func read(_ listed: Listed, root: URL) throws -> KnowledgeBase {
        let (config, layout, files) = (listed.config, listed.layout, listed.files)
        var render = self.render
        if render != nil, config.unsafeHTML { render?.options.unsafe = true }

        let pmReader = PostmortemReader(layout: layout, render: render, scope: scope)
        let sopReader = SOPReader(layout: layout, render: render)
        let limit = config.maxFileSize
        let postmortemResults = Self.readAll(layout.postmortemFiles, files: files, limit: limit, with: pmReader.read)
        let sopResults = Self.readAll(layout.sopFiles, files: files, limit: limit, with: sopReader.read)
        let unreadable = postmortemResults.compactMap(\.2) + sopResults.compactMap(\.2)
        if !unreadable.isEmpty { throw Self.unreadableError(unreadable) }
        var diagnostics = listed.configDiagnostics + listed.postmortemListing.diagnostics + listed.sopListing.diagnostics
        diagnostics += postmortemResults.flatMap(\.1)
        diagnostics += sopResults.flatMap(\.1)
        return KnowledgeBase(root: root, config: config, layout: layout,
                             postmortems: postmortemResults.compactMap(\.0), sops: sopResults.compactMap(\.0),
                             readDiagnostics: diagnostics,
                             fileCount: layout.postmortemFiles.count + layout.sopFiles.count + (listed.configFound ? 1 : 0),
                             leftoverTemporaryFiles: files.memory != nil ? [] : SyncTemporaryFile.find(root: root, folders: [config.postmortems, config.sops]),
                             files: files.memory != nil ? files : nil)
    }

    // MARK: - Files

    /// Markdown files under `folder`, relative to the root, sorted; hidden files skipped.
    public static func markdownFiles(root: URL, folder: String) throws -> [String] {
        try markdownFiles(RepositoryFiles(root: root), folder: folder).files
    }

    /// Markdown files under `folder`, with what the walk refused (folder links that loop or
    /// leave the root). `check` and `build` both list documents here.
    static func markdownFiles(_ files: RepositoryFiles, folder: String) throws -> RepositoryFiles.Listing {
        try files.walk(folder) { $0.hasSuffix(".md") }
    }

    /// Reads and parses `files` on all cores: each file's document (nil when it could not be
    /// decoded), its diagnostics, and its path when it could not be read at all.
    static func readAll<Document: Sendable>(_ paths: [String], files: RepositoryFiles, limit: Int,
                                            with read: @escaping @Sendable (SourceText) -> (Document, [Diagnostic]))
        -> [(Document?, [Diagnostic], String?)] {
        parallelMap(paths) { file in
            switch source(file: file, read: files.read(file, limit: limit)) {
            case .unreadable(let file): return (nil, [], file)
            case .failure(let diagnostic): return (nil, [diagnostic], nil)
            case .success(let text):
                let (document, diagnostics) = read(text)
                return (document, diagnostics, nil)
            }
        }
    }

    /// A decoded document or why it cannot be used.
    enum Loaded {
        case success(SourceText)
        case failure(Diagnostic)
        /// The file could not be read at all: an environment problem, not the author's.
        case unreadable(file: String)
    }

    /// The error for documents that could not be read (permissions, a file removed mid-read).
    static func unreadableError(_ files: [String]) -> EnvironmentError {
        let more = files.count > 1 ? " (and \(files.count - 1) more)" : ""
        return EnvironmentError("cannot read \(files.sorted()[0])\(more); check that the files are readable")
    }

    /// Decodes one document as `RepositoryFiles` read it, or the diagnostic saying why it cannot
    /// be used. `check` and `build` both decode documents here.
    static func source(file: String, read: RepositoryFiles.Outcome) -> Loaded {
        let bytes: [UInt8]
        switch read {
        case .bytes(let read): bytes = read
        case .refused(let diagnostic): return .failure(diagnostic)
        case .missing, .unreadable: return .unreadable(file: file)
        }
        switch SourceText.decode(path: file, bytes: bytes) {
        case .success(let text): return .success(text)
        case .failure(.empty):
            return .failure(Diagnostic(.error, .emptyFile, at: SourceLocation(file: file), "file is empty"))
        case .failure(.invalidUTF8(let line, let column)):
            return .failure(Diagnostic(.error, .invalidUTF8, at: SourceLocation(file: file, line: line, column: column),
                                       "file is not valid UTF-8 (first bad byte here); save it as UTF-8"))
        }
    }
}
