/// The files of a knowledge repo held in memory: a git revision's tree, as `GitRevision` reads
/// it. `RepositoryFiles(root:tree:)` lists and reads from it under the rules it holds files on
/// disk to, so a revision is checked exactly as its checkout would be.
public struct MemoryTree: Sendable, Equatable {
    /// One path of the tree.
    public enum Entry: Sendable, Equatable {
        /// A file of `size` bytes; its bytes when they were read (documents and `debrief.yml`
        /// within the size limit), nil otherwise.
        case file(size: Int64, bytes: [UInt8]?)
        /// A symbolic link and the path it holds.
        case link(target: String)
        /// A submodule (a commit of another repository), which has no files here.
        case submodule
    }

    /// Every path, relative to the knowledge repo's root, `/`-separated.
    public var entries: [String: Entry]

    /// A tree of `entries`.
    public init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// How many links a path may pass through before it is refused as a loop.
    static let maxLinkHops = 16
}

extension RepositoryFiles {
    /// `read` for a tree in memory.
    func readFromMemory(_ tree: MemoryTree, _ file: String, limit: Int, limitKey: String?) -> Outcome {
        switch memoryResolve(tree, file) {
        case .missing: return .missing
        case .refused(let refusal): return .refused(diagnostic(refusal, file: file, limitKey: limitKey))
        case .inside(let path):
            switch tree.entries[path] {
            case .file(let size, let bytes)?:
                if size > Int64(limit) { return .refused(diagnostic(.tooLarge(size: size, limit: limit), file: file, limitKey: limitKey)) }
                guard let bytes else { return .unreadable }
                return .bytes(bytes)
            case .submodule?: return .refused(diagnostic(.notRegular(.directory), file: file, limitKey: limitKey))
            case .link?, nil: return .missing
            }
        }
    }

    /// Where `file` leads in the tree. A link is followed only inside the tree, and its target is
    /// held to the rules a link on disk is (`targetProblem`): never leaving the root, never to a
    /// hidden file, `templates/` or the output folder, a document only to a `.md` file.
    func memoryResolve(_ tree: MemoryTree, _ file: String) -> Resolved {
        var path = file
        var hops = 0
        while case .link(let target)? = tree.entries[path] {
            hops += 1
            guard hops <= MemoryTree.maxLinkHops, !target.hasPrefix("/"),
                  let next = Self.normalise(folder(of: path), target) else { return .refused(.leavesRoot) }
            path = next
        }
        guard let entry = tree.entries[path] else {
            if hops > 0 {
                if tree.entries.keys.contains(where: { $0.hasPrefix(path + "/") }) { return .refused(.notRegular(.directory)) }
                // A tree never holds `.git/`: a link there is refused as the hidden file it is on disk.
                if targetProblem(path, link: file) == .hidden { return .refused(.target(path, .hidden)) }
                return .refused(.dangling)
            }
            return tree.entries.keys.contains { $0.hasPrefix(file + "/") } ? .refused(.notRegular(.directory)) : .missing
        }
        if hops > 0, let problem = targetProblem(path, link: file) { return .refused(.target(path, problem)) }
        if case .submodule = entry { return .refused(.notRegular(.directory)) }
        return .inside(path)
    }

    /// `walk` for a tree in memory: the paths under `folder`, hidden names skipped, bounded as
    /// on disk. A link is listed as a file (reading it decides); a tree has no folder links to
    /// follow.
    func walkMemory(_ tree: MemoryTree, _ folder: String, include: (String) -> Bool) -> Listing {
        var listing = Listing()
        let prefix = folder.isEmpty || folder == "." ? "" : folder + "/"
        for path in tree.entries.keys where path.hasPrefix(prefix) {
            let below = path.dropFirst(prefix.count).split(separator: "/")
            guard let name = below.last, !below.contains(where: { $0.hasPrefix(".") }), below.count <= Self.maxDepth + 1 else { continue }
            if include(String(name)) { listing.files.append(path) }
            if listing.files.count > Self.maxEntries {
                listing.diagnostics.append(Diagnostic(.error, .folderLoop, at: SourceLocation(file: folder.isEmpty ? "." : folder),
                                                      "folder holds more than \(Self.maxEntries) entries; the scan stopped there; move unrelated files out of it"))
                break
            }
        }
        listing.files.sort()
        return listing
    }

    private func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `target` read from `folder`, with `.` and `..` resolved; nil when it climbs above the root.
    static func normalise(_ folder: String, _ target: String) -> String? {
        var parts = folder.split(separator: "/").map(String.init)
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
