import Foundation

/// Finds the repository root and reads every document in it, in parallel.
public struct RepositoryLoader: Sendable {
    /// How to render bodies, or nil to skip HTML (checking).
    public var render: RenderSettings?

    /// Creates a loader.
    public init(render: RenderSettings? = nil) {
        self.render = render
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

    /// Reads `debrief.yml` (when present). Unreadable files are environment errors; problems in
    /// its content are diagnostics.
    public static func loadConfig(root: URL) throws -> (Config, [Diagnostic], found: Bool) {
        let path = root.appendingPathComponent(Config.fileName).path
        guard FileIO.exists(path) else { return (Config(), [], false) }
        guard let bytes = FileIO.read(path) else { throw EnvironmentError("cannot read \(Config.fileName) in \(root.path)") }
        switch SourceText.decode(path: Config.fileName, bytes: bytes) {
        case .failure(.empty):
            return (Config(), [], true)
        case .failure(.invalidUTF8(let line, let column)):
            return (Config(), [Diagnostic(.error, .invalidUTF8, at: SourceLocation(file: Config.fileName, line: line, column: column), "debrief.yml is not valid UTF-8")], true)
        case .success(let text):
            let (config, diagnostics) = Config.parse(text.text)
            return (config, diagnostics, true)
        }
    }

    /// Reads the whole repo at `root`.
    public func load(root: URL) throws -> KnowledgeBase {
        let (config, configDiagnostics, found) = try Self.loadConfig(root: root)
        let postmortemFiles = try Self.markdownFiles(root: root, folder: config.postmortems)
        let sopFiles = try Self.markdownFiles(root: root, folder: config.sops)
        let layout = RepositoryLayout(config: config, postmortemFiles: postmortemFiles, sopFiles: sopFiles)
        var render = self.render
        if render != nil, config.unsafeHTML { render?.options.unsafe = true }

        let pmReader = PostmortemReader(layout: layout, render: render)
        let sopReader = SOPReader(layout: layout, render: render)
        let rootPath = root.path
        let postmortemResults = Self.readAll(layout.postmortemFiles, rootPath: rootPath, with: pmReader.read)
        let sopResults = Self.readAll(layout.sopFiles, rootPath: rootPath, with: sopReader.read)
        let unreadable = postmortemResults.compactMap(\.2) + sopResults.compactMap(\.2)
        if !unreadable.isEmpty { throw Self.unreadableError(unreadable) }
        var diagnostics = configDiagnostics
        diagnostics += postmortemResults.flatMap(\.1)
        diagnostics += sopResults.flatMap(\.1)
        return KnowledgeBase(root: root, config: config, layout: layout,
                             postmortems: postmortemResults.compactMap(\.0), sops: sopResults.compactMap(\.0),
                             readDiagnostics: diagnostics,
                             fileCount: postmortemFiles.count + sopFiles.count + (found ? 1 : 0),
                             leftoverTemporaryFiles: SyncTemporaryFile.find(root: root, folders: [config.postmortems, config.sops]))
    }

    // MARK: - Files

    /// Markdown files under `folder`, relative to the root, sorted; hidden files skipped.
    public static func markdownFiles(root: URL, folder: String) throws -> [String] {
        let base = root.appendingPathComponent(folder).path
        guard FileIO.isDirectory(base) else { return [] }
        var files: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            let absolute = root.path + "/" + current
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute)
            } catch {
                throw EnvironmentError("cannot list \(current): \(error.localizedDescription)")
            }
            for name in names where !name.hasPrefix(".") {
                let relative = current + "/" + name
                if FileIO.isDirectory(root.path + "/" + relative) {
                    pending.append(relative)
                } else if name.hasSuffix(".md") {
                    files.append(relative)
                }
            }
        }
        return files.sorted()
    }

    /// Reads and parses `files` on all cores: each file's document (nil when it could not be
    /// decoded), its diagnostics, and its path when it could not be read at all.
    static func readAll<Document: Sendable>(_ files: [String], rootPath: String,
                                            with read: @escaping @Sendable (SourceText) -> (Document, [Diagnostic]))
        -> [(Document?, [Diagnostic], String?)] {
        parallelMap(files) { file in
            switch source(rootPath: rootPath, file: file) {
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

    /// Reads and decodes one document, or the diagnostic saying why it cannot be used.
    static func source(rootPath: String, file: String) -> Loaded {
        source(file: file, bytes: FileIO.read(rootPath + "/" + file))
    }

    /// Decodes the bytes of one document (nil when it could not be read).
    static func source(file: String, bytes: [UInt8]?) -> Loaded {
        guard let bytes else { return .unreadable(file: file) }
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
