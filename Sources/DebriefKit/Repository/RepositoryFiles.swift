import Foundation

/// The one way debrief lists and reads the files of a knowledge repo, which anyone who can open
/// a pull request controls. It reads only regular files inside the root, each up to a size
/// limit, and never blocks; it follows a symbolic link only when the link's target lies inside
/// the root. What it refuses comes back as a diagnostic at the file (DB016, DB017, DB018), so
/// `check` and `build` report the same thing for the same files.
///
/// Folder walks follow folder links inside the root but never enter a folder twice (by device
/// and inode), report a link that leads back to a folder already scanned (DB019), and stop at
/// `maxDepth` levels and `maxEntries` entries.
///
/// A link that stays inside the root must also lead to a file that would be read as the same
/// kind of input (`TargetProblem`): never to a hidden file or folder (`.git/config`, `.env`),
/// never into `templates/` (unless the link is there too) or the output folder, and, for a
/// document, only to a `.md` file. The document and output rules need the configuration:
/// `configured(with:)` adds them.
public struct RepositoryFiles: Sendable {
    /// The root as given.
    public let root: String
    /// The root with every link resolved, or nil when it cannot be resolved.
    let realRoot: String?
    /// The configuration whose folders decide where links may lead; nil until
    /// `configured(with:)` (while `debrief.yml` itself is read).
    private(set) var config: Config?
    /// The files of a git revision, when the files are read from one instead of the disk.
    let memory: MemoryTree?

    /// The default size limit of a document, `debrief.yml` and a template: 8 MiB.
    public static let defaultMaxFileSize = 8 << 20
    /// The default size limit of a file a document links to, copied to the site: 32 MiB.
    public static let defaultMaxLinkedFileSize = 32 << 20
    /// The largest size limit `debrief.yml` may set: 1 GiB.
    public static let largestLimit = 1 << 30
    /// How many folders deep a walk goes below the folder it starts from.
    public static let maxDepth = 32
    /// How many entries (files and folders) one walk looks at before it stops.
    public static let maxEntries = 500_000

    /// Files of the repo at `root`.
    public init(root: URL) {
        self.init(rootPath: root.standardizedFileURL.path)
    }

    /// Files of the repo at the absolute path `rootPath`.
    public init(rootPath: String) {
        root = rootPath.count > 1 && rootPath.hasSuffix("/") ? String(rootPath.dropLast()) : rootPath
        realRoot = FileIO.realPath(root)
        memory = nil
    }

    /// The files of `tree` (a git revision read into memory), shown as if they lay under `root`.
    /// Nothing is read from the disk: links are resolved inside the tree, under the same rules.
    public init(root: URL, tree: MemoryTree) {
        let path = root.standardizedFileURL.path
        self.root = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        realRoot = self.root
        memory = tree
    }

    /// The same files, with links also held to the folders of `config`: a document's link must
    /// lead to a `.md` file, and no link into the output folder.
    public func configured(with config: Config) -> RepositoryFiles {
        var files = self
        files.config = config
        return files
    }

    // MARK: - Reading

    /// What reading one file gave.
    public enum Outcome: Sendable, Equatable {
        /// The file's bytes.
        case bytes([UInt8])
        /// The file may not be read; the diagnostic (at line 1 of the file) says why.
        case refused(Diagnostic)
        /// Nothing is at the path.
        case missing
        /// The system refused to read it (permissions, I/O): an environment problem.
        case unreadable

        /// The bytes, when the file was read.
        public var bytes: [UInt8]? {
            if case .bytes(let bytes) = self { return bytes }
            return nil
        }
    }

    /// Why a file may not be read, before it becomes a diagnostic.
    public enum Refusal: Sendable, Equatable {
        /// Larger than `limit` bytes.
        case tooLarge(size: Int64, limit: Int)
        /// A FIFO, device, socket or folder.
        case notRegular(FileIO.FileKind)
        /// A symbolic link whose target lies outside the root.
        case leavesRoot
        /// A symbolic link to nothing.
        case dangling
        /// A symbolic link inside the root whose target (relative to the real root) may not be
        /// read through it.
        case target(String, TargetProblem)

        /// The diagnostic code.
        public var code: DiagnosticCode {
            switch self {
            case .tooLarge: return .fileTooLarge
            case .notRegular: return .notRegularFile
            case .leavesRoot, .dangling, .target: return .symlinkOutsideRoot
            }
        }

        /// Why, for a person, with what to do; `limitKey` names the setting that raises a size
        /// limit, when one does.
        public func message(limitKey: String?) -> String {
            switch self {
            case .tooLarge(let size, let limit):
                let fix = limitKey.map { "make it smaller or raise '\($0)' in debrief.yml" } ?? "make it smaller"
                return "file is \(RepositoryFiles.describe(size: size)), larger than the \(RepositoryFiles.describe(size: Int64(limit))) limit; \(fix)"
            case .notRegular(let kind):
                return "\(kind.rawValue) is not a regular file and is not read; replace it with a regular file or remove it"
            case .leavesRoot:
                return "symbolic link leads outside the repository and is not read; put the file itself in the repository"
            case .dangling:
                return "symbolic link leads to nothing and is not read; fix or remove the link"
            case .target(let target, let problem):
                return "symbolic link points at \(target), \(problem.description), and is not read; put the file itself here or remove the link"
            }
        }
    }

    /// Why a link inside the root may not lead where it does.
    public enum TargetProblem: Sendable, Equatable {
        /// A path component starts with `.` (`.git/`, `.env`, `.github/`).
        case hidden
        /// In `templates/`, and the link is not.
        case templates
        /// In the output folder.
        case output
        /// The link is a document (a `.md` file in the post-mortem or SOP folder), and its
        /// target is not a `.md` file.
        case notDocument

        /// What the target is, for a person.
        public var description: String {
            switch self {
            case .hidden: return "a hidden file"
            case .templates: return "a file in '\(TemplateSet.folder)/'"
            case .output: return "a file in the output folder"
            case .notDocument: return "which is not a Markdown (.md) file"
            }
        }
    }

    /// Reads `file` (relative to the root) when it is a regular file of at most `limit` bytes
    /// inside the root; `limitKey` is the `debrief.yml` key named in a size diagnostic.
    public func read(_ file: String, limit: Int, limitKey: String? = "max_file_size") -> Outcome {
        if let memory { return readFromMemory(memory, file, limit: limit, limitKey: limitKey) }
        let target: String
        switch resolve(file) {
        case .missing: return .missing
        case .refused(let refusal): return .refused(diagnostic(refusal, file: file, limitKey: limitKey))
        case .inside(let path): target = path
        }
        switch FileIO.readRegularFile(target, limit: limit) {
        case .bytes(let bytes): return .bytes(bytes)
        case .tooLarge(let size): return .refused(diagnostic(.tooLarge(size: size, limit: limit), file: file, limitKey: limitKey))
        case .notRegular(let kind): return .refused(diagnostic(.notRegular(kind), file: file, limitKey: limitKey))
        case .missing: return .missing
        case .failed: return .unreadable
        }
    }

    /// Why `file` could not be read with `limit`, without reading it (only `stat`); nil when it
    /// would be read, or when nothing is there.
    public func refusal(of file: String, limit: Int) -> Refusal? {
        if let memory {
            switch memoryResolve(memory, file) {
            case .missing: return nil
            case .refused(let refusal): return refusal
            case .inside(let path):
                guard case .file(let size, _) = memory.entries[path] else { return .notRegular(.directory) }
                return size > Int64(limit) ? .tooLarge(size: size, limit: limit) : nil
            }
        }
        switch resolve(file) {
        case .missing: return nil
        case .refused(let refusal): return refusal
        case .inside(let path):
            guard let identity = FileIO.identity(path, followingLinks: false) else { return nil }
            guard identity.kind == .regular else { return .notRegular(identity.kind) }
            if let size = FileIO.signature(path)?.size, size > Int64(limit) { return .tooLarge(size: size, limit: limit) }
            return nil
        }
    }

    /// Whether something (even a dangling link) is at `file`.
    public func exists(_ file: String) -> Bool {
        if let memory { return memory.entries[file] != nil }
        return FileIO.exists(absolute(file))
    }

    /// The `stat` signature of `file`, following a link that stays inside the root, so that a
    /// change to a link's target counts as a change of the file.
    func signature(_ file: String) -> FileSignature? {
        if memory != nil { return nil }
        if case .inside(let path) = resolve(file), let signature = FileIO.signature(path) { return signature }
        return FileIO.signature(absolute(file))
    }

    /// The diagnostic for a refused file, at its first line.
    public func diagnostic(_ refusal: Refusal, file: String, limitKey: String? = "max_file_size") -> Diagnostic {
        Diagnostic(.error, refusal.code, at: SourceLocation(file: file), refusal.message(limitKey: limitKey))
    }

    /// `size` bytes for a person: `512 bytes`, `8 MiB`, `64.0 GiB`.
    public static func describe(size: Int64) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        guard size >= 1024 else { return "\(size) bytes" }
        var value = Double(size) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let whole = value.rounded() == value
        return (whole ? String(Int(value)) : String(format: "%.1f", value)) + " " + units[unit]
    }

    // MARK: - Paths

    enum Resolved {
        /// The real path of the file, inside the root.
        case inside(String)
        case refused(Refusal)
        case missing
    }

    private func absolute(_ file: String) -> String {
        file.isEmpty ? root : root + "/" + file
    }

    /// Where `file` really is. A path with no link in it is its own real path; one with a link
    /// anywhere must resolve inside the real root.
    private func resolve(_ file: String) -> Resolved {
        let path = absolute(file)
        guard let identity = FileIO.identity(path, followingLinks: false) else { return .missing }
        guard let realRoot else { return .refused(.leavesRoot) }
        guard let real = FileIO.realPath(path) else {
            return identity.kind == .symbolicLink ? .refused(.dangling) : .missing
        }
        guard real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else { return .refused(.leavesRoot) }
        let target = String(real.dropFirst(realRoot == "/" ? 1 : realRoot.count + 1))
        // No link on the way: the path is what the walk or the caller chose.
        if target == file { return .inside(real) }
        if let problem = targetProblem(target, link: file) { return .refused(.target(target, problem)) }
        return .inside(real)
    }

    /// The real path, relative to the real root, of the folder `folder` (relative to the root).
    private func realFolder(_ folder: String) -> String? {
        if memory != nil { return folder }
        guard let realRoot, let real = FileIO.realPath(absolute(folder)),
              real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else { return nil }
        return String(real.dropFirst(realRoot == "/" ? 1 : realRoot.count + 1))
    }

    /// What keeps the folder link `link` from being followed to `real`: a hidden folder,
    /// `templates/` or the output folder (documents found below it are held to the rest).
    private func folderLinkProblem(real: String, link: String) -> (target: String, problem: TargetProblem)? {
        guard let realRoot, real != realRoot else { return nil }
        let target = String(real.dropFirst(realRoot == "/" ? 1 : realRoot.count + 1))
        return targetProblem(target, link: link).map { (target, $0) }
    }

    /// What keeps a walk from starting at `folder` when a link on the way leads it to `real`:
    /// a hidden folder (unless `folder`'s own name is hidden), `templates/` or the output.
    private func startFolderProblem(real: String, folder: String) -> (target: String, problem: TargetProblem)? {
        guard let realRoot, real != realRoot else { return nil }
        let target = String(real.dropFirst(realRoot == "/" ? 1 : realRoot.count + 1))
        guard target != folder else { return nil }
        func hidden(_ path: String) -> Bool { path.split(separator: "/").contains { $0.hasPrefix(".") } }
        if hidden(target) && !hidden(folder) { return (target, .hidden) }
        return folderLinkProblem(real: real, link: folder)
    }

    /// What keeps `link` (relative to the root) from being read as `target` (its real path
    /// relative to the real root): the rules that decide what a path is read as apply to where
    /// a link leads, too. A hidden name counts only below the document folder the target is
    /// in, so a repo may keep its documents in a hidden folder. A document may lead to a `.md`
    /// file outside the document folders (a shared folder): any file that is not hidden could
    /// be published through a plain link anyway, so only the type is held.
    func targetProblem(_ target: String, link: String) -> TargetProblem? {
        func within(_ path: String, _ folder: String?) -> Bool {
            guard let folder else { return false }
            return path == folder || path.hasPrefix(folder + "/")
        }
        let documentFolders = config.map { [$0.postmortems, $0.sops] } ?? []
        let realDocumentFolders = documentFolders.compactMap(realFolder)
        let base = realDocumentFolders.filter { within(target, $0) }.max { $0.count < $1.count }
        let below = base.map { target == $0 ? "" : String(target.dropFirst($0.count + 1)) } ?? target
        if below.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return .hidden }
        let templates = [TemplateSet.folder] + [realFolder(TemplateSet.folder)].compactMap { $0 }
        if !within(link, TemplateSet.folder) && templates.contains(where: { within(target, $0) }) { return .templates }
        guard let config else { return nil }
        let outputs = [config.output] + [realFolder(config.output)].compactMap { $0 }
        if outputs.contains(where: { within(target, $0) }) { return .output }
        let isDocument = link.hasSuffix(".md") && documentFolders.contains { within(link, $0) }
        if isDocument && !target.hasSuffix(".md") { return .notDocument }
        return nil
    }

    /// Whether the real path of a folder is the root or inside it.
    private func isInsideRoot(realPath: String) -> Bool {
        guard let realRoot else { return false }
        return realPath == realRoot || realPath.hasPrefix(realRoot == "/" ? "/" : realRoot + "/")
    }

    // MARK: - Walking

    /// The files a walk found, and what it refused.
    public struct Listing: Sendable, Equatable {
        /// Paths relative to the root, sorted.
        public var files: [String] = []
        /// Folder links that leave the root or loop, and limits reached.
        public var diagnostics: [Diagnostic] = []
    }

    /// Every file under `folder` (relative to the root) whose name satisfies `include`, hidden
    /// entries skipped. A file is listed whatever its type (a FIFO named `.md` is listed, and
    /// reading it is refused); folders are entered once each. Throws `EnvironmentError` when a
    /// folder cannot be listed.
    public func walk(_ folder: String, include: (String) -> Bool) throws -> Listing {
        if let memory { return walkMemory(memory, folder, include: include) }
        var listing = Listing()
        let base = absolute(folder)
        guard let start = FileIO.identity(base, followingLinks: true), start.kind == .directory else { return listing }
        guard let baseReal = FileIO.realPath(base), isInsideRoot(realPath: baseReal) else {
            listing.diagnostics.append(Diagnostic(.error, .symlinkOutsideRoot, at: SourceLocation(file: folder),
                                                  "folder link leads outside the repository and is not scanned; put the folder itself in the repository"))
            return listing
        }
        if let problem = startFolderProblem(real: baseReal, folder: folder) {
            listing.diagnostics.append(Diagnostic(.error, .symlinkOutsideRoot, at: SourceLocation(file: folder),
                                                  "folder link points at \(problem.target), \(problem.problem.description), and is not scanned; put the folder itself here or remove the link"))
            return listing
        }
        struct Key: Hashable { let device: UInt64, inode: UInt64 }
        var visited: Set<Key> = [Key(device: start.device, inode: start.inode)]
        // Real folders first, then links to folders in path order, so which path of a folder
        // counts (and which link is reported) does not depend on the order of directory entries.
        var folders: [(path: String, depth: Int)] = [(folder, 0)]
        var links: [(path: String, depth: Int, key: Key, real: String)] = []
        var entries = 0
        var reportedDepth = false
        while true {
            while let (current, depth) = folders.popLast() {
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: absolute(current))
                } catch {
                    throw EnvironmentError("cannot list \(current.isEmpty ? "." : current): \(error.localizedDescription)")
                }
                for name in names.sorted() where !name.hasPrefix(".") {
                    entries += 1
                    if entries > Self.maxEntries {
                        listing.diagnostics.append(Diagnostic(.error, .folderLoop, at: SourceLocation(file: folder.isEmpty ? "." : folder),
                                                              "folder holds more than \(Self.maxEntries) entries; the scan stopped there; move unrelated files out of it"))
                        listing.files.sort()
                        return listing
                    }
                    let relative = current.isEmpty ? name : current + "/" + name
                    let path = absolute(relative)
                    guard let entry = FileIO.identity(path, followingLinks: false) else { continue }
                    switch entry.kind {
                    case .directory:
                        guard visited.insert(Key(device: entry.device, inode: entry.inode)).inserted else { continue }
                        if depth + 1 > Self.maxDepth {
                            if !reportedDepth {
                                reportedDepth = true
                                listing.diagnostics.append(Diagnostic(.error, .folderLoop, at: SourceLocation(file: relative),
                                                                      "folder is nested more than \(Self.maxDepth) levels deep and is not scanned; flatten the folders"))
                            }
                            continue
                        }
                        folders.append((relative, depth + 1))
                    case .symbolicLink:
                        if let target = FileIO.identity(path, followingLinks: true), target.kind == .directory {
                            guard let real = FileIO.realPath(path), isInsideRoot(realPath: real) else {
                                listing.diagnostics.append(Diagnostic(.error, .symlinkOutsideRoot, at: SourceLocation(file: relative),
                                                                      "folder link leads outside the repository and is not scanned; put the folder itself in the repository"))
                                continue
                            }
                            if let problem = folderLinkProblem(real: real, link: relative) {
                                listing.diagnostics.append(Diagnostic(.error, .symlinkOutsideRoot, at: SourceLocation(file: relative),
                                                                      "folder link points at \(problem.target), \(problem.problem.description), and is not scanned; put the folder itself here or remove the link"))
                                continue
                            }
                            links.append((relative, depth + 1, Key(device: target.device, inode: target.inode), real))
                        } else if include(name) {
                            // A link to a file, or to nothing: reading it decides.
                            listing.files.append(relative)
                        }
                    default:
                        if include(name) { listing.files.append(relative) }
                    }
                }
            }
            guard !links.isEmpty else { break }
            links.sort { $0.path > $1.path }
            let link = links.removeLast()
            let leadsBack = baseReal == link.real || baseReal.hasPrefix(link.real == "/" ? "/" : link.real + "/")
            if leadsBack || !visited.insert(link.key).inserted {
                listing.diagnostics.append(Diagnostic(.warning, .folderLoop, at: SourceLocation(file: link.path),
                                                      leadsBack
                                                        ? "folder link leads back to a folder that contains it and is not followed; remove the link"
                                                        : "folder link leads to a folder already scanned and is not followed; remove the link"))
                continue
            }
            if link.depth > Self.maxDepth {
                if !reportedDepth {
                    reportedDepth = true
                    listing.diagnostics.append(Diagnostic(.error, .folderLoop, at: SourceLocation(file: link.path),
                                                          "folder is nested more than \(Self.maxDepth) levels deep and is not scanned; flatten the folders"))
                }
                continue
            }
            folders.append((link.path, link.depth))
        }
        listing.files.sort()
        return listing
    }
}
