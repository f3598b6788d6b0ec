import Foundation

/// A knowledge repo as one git revision holds it, read into memory through `Git`: the tree by
/// one `git ls-tree`, the blobs by `git cat-file --batch` (one run for `debrief.yml` and the
/// links, one for the documents), so no file of the revision touches the disk.
///
/// Bounded like a checkout: only documents (`.md` under the configured folders, and the `.md`
/// files links there lead to) and `debrief.yml` are read, each up to the size limit; a larger
/// one is refused when the loader reads it (DB016), and at most `RepositoryFiles.maxEntries`
/// paths are taken from the tree.
public enum GitRevision {
    /// The full commit id `revision` names, or nil when it names no commit.
    public static func commit(_ revision: String, in git: Git) throws -> String? {
        guard !revision.hasPrefix("-") else { return nil }
        let result = try git.run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], limit: 4096, allowFailure: true)
        guard result.status == 0 else { return nil }
        let sha = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return sha.isEmpty ? nil : sha
    }

    /// The path of `root` (a folder in the work tree) relative to the repository's top level:
    /// where the knowledge repo lies in each revision's tree ("" at the top).
    public static func prefix(of root: URL, in git: Git) -> String {
        let top = FileIO.realPath(git.topLevel) ?? git.topLevel
        let real = FileIO.realPath(root.path) ?? root.standardizedFileURL.path
        guard real != top, real.hasPrefix(top == "/" ? "/" : top + "/") else { return "" }
        return String(real.dropFirst(top == "/" ? 1 : top.count + 1))
    }

    /// The files of the knowledge repo at `prefix` in `commit`.
    public static func tree(_ commit: String, prefix: String, in git: Git) throws -> MemoryTree {
        var arguments = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit]
        if !prefix.isEmpty { arguments += ["--", prefix + "/"] }
        var listed: [(path: String, mode: String, object: String, size: Int64)] = []
        for record in try git.output(arguments).split(separator: 0) {
            guard let tab = record.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            let fields = record[..<tab].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            var path = String(decoding: record[(tab + 1)...], as: UTF8.self)
            guard fields.count == 4 else { continue }
            if !prefix.isEmpty {
                guard path.hasPrefix(prefix + "/") else { continue }
                path = String(path.dropFirst(prefix.count + 1))
            }
            listed.append((path, fields[0], fields[2], Int64(fields[3]) ?? 0))
            guard listed.count <= RepositoryFiles.maxEntries else {
                throw EnvironmentError("revision \(commit.prefix(12)) holds more than \(RepositoryFiles.maxEntries) files under '\(prefix.isEmpty ? "." : prefix)'; refusing to read it")
            }
        }
        var tree = MemoryTree()
        for entry in listed {
            switch entry.mode {
            case "120000": tree.entries[entry.path] = .link(target: "")
            case "160000": tree.entries[entry.path] = .submodule
            default: tree.entries[entry.path] = .file(size: entry.size, bytes: nil)
            }
        }
        // First the configuration and every link's target path, which decide what else to read.
        let first = listed.filter { $0.mode == "120000" || ($0.path == Config.fileName && $0.size <= RepositoryFiles.defaultMaxFileSize) }
        for (entry, bytes) in zip(first, try blobs(first.map(\.object), in: git)) {
            if entry.mode == "120000" {
                tree.entries[entry.path] = .link(target: String(decoding: bytes, as: UTF8.self))
            } else {
                tree.entries[entry.path] = .file(size: entry.size, bytes: bytes)
            }
        }
        let (config, _, _) = try RepositoryLoader.loadConfig(tree: tree)
        let folders = [config.postmortems, config.sops].map { $0.isEmpty || $0 == "." ? "" : $0 + "/" }
        var linked: Set<String> = []
        for (path, entry) in tree.entries {
            guard case .link(let target) = entry, !target.hasPrefix("/") else { continue }
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            if let resolved = RepositoryFiles.normalise(folder, target) { linked.insert(resolved) }
        }
        let documents = listed.filter { entry in
            entry.mode != "120000" && entry.mode != "160000" && entry.path.hasSuffix(".md") && entry.size <= Int64(config.maxFileSize)
                && (folders.contains { entry.path.hasPrefix($0) } || linked.contains(entry.path))
        }
        for (entry, bytes) in zip(documents, try blobs(documents.map(\.object), in: git)) {
            tree.entries[entry.path] = .file(size: entry.size, bytes: bytes)
        }
        return tree
    }
}

private extension GitRevision {
    /// The bytes of each object, in order, from one `git cat-file --batch`.
    static func blobs(_ objects: [String], in git: Git) throws -> [[UInt8]] {
        guard !objects.isEmpty else { return [] }
        let input = Array(objects.joined(separator: "\n").utf8) + [UInt8(ascii: "\n")]
        let output = try git.run(["cat-file", "--batch"], input: input, allowFailure: false).output
        var result: [[UInt8]] = []
        var index = 0
        for object in objects {
            guard let newline = output[index...].firstIndex(of: UInt8(ascii: "\n")) else {
                throw EnvironmentError("git cat-file ended early, before \(object)")
            }
            let header = String(decoding: output[index..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= output.count else {
                throw EnvironmentError("git cat-file could not read \(object)")
            }
            result.append(Array(output[(newline + 1)..<(newline + 1 + size)]))
            index = newline + 1 + size + 1
        }
        return result
    }
}

extension GitRevision {
    /// The files (relative to the knowledge root at `prefix`) whose content differs between
    /// `from` and `to`, or the work tree when `to` is nil (tracked files; an untracked file is
    /// new, and the diff sees it as added).
    public static func changedFiles(from: String, to: String?, prefix: String, in git: Git) throws -> Set<String> {
        var arguments = ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", from]
        if let to { arguments.append(to) }
        arguments += ["--", prefix.isEmpty ? "." : prefix]
        var files: Set<String> = []
        for name in try git.output(arguments).split(separator: 0) {
            let path = String(decoding: name, as: UTF8.self)
            if prefix.isEmpty {
                files.insert(path)
            } else if path.hasPrefix(prefix + "/") {
                files.insert(String(path.dropFirst(prefix.count + 1)))
            }
        }
        return files
    }
}
