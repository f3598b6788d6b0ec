import Foundation

/// Reads a knowledge repo's history once and returns its `ActionHistory`.
///
/// Two git runs and one blob stream, whatever the size of the history:
///
/// 1. `git log --first-parent --raw -M -z` over the post-mortems folder: per commit, the
///    post-mortem files it added, changed, renamed or deleted, with the blob ids of their new
///    versions. Renames are followed across the whole log (`-M`), not file by file.
/// 2. `git cat-file --batch` for exactly those blobs, each version read by `ActionRowReader`
///    (no cmark), in bounded batches.
/// 3. The versions replayed in commit order: a row that appears is first recorded, a due or
///    status cell that changes is a change, a row whose key changed (its ID or the post-mortem's
///    id edited) keeps its record when its action text, or its ID, is the same.
///
/// **Merges**: the first-parent history, each merge compared with its first parent. That is the
/// record of the main branch: a due date moved three times on a pull request's branch and merged
/// once moved once, on the day it landed. (Trailers are read from every commit instead, see
/// `CommitTrailerReader`.)
///
/// **Dates**: the committer date, as a UTC day (see `HistoryCommit.date`).
///
/// **Shallow clones** (`actions/checkout` fetches one commit by default) have no records and the
/// gap `.shallow`: every action would look first recorded in the oldest commit there, with no
/// slip, which is wrong, not empty.
public struct ActionHistoryReader: Sendable {
    /// The most first-parent commits touching post-mortems read; older ones are left out and the
    /// history has the gap `.truncated`.
    public static let maxCommits = 200_000
    /// The most blobs read by one `git cat-file --batch` run.
    static let blobBatch = 20_000

    /// The repository.
    public let git: Git
    /// The knowledge repo's configuration and files.
    public let layout: RepositoryLayout
    /// The post-mortems folder relative to the repository's top level (`postmortems`, or
    /// `kb/postmortems` when the knowledge repo is a folder of a larger repository).
    public let folder: String
    /// The largest version read; a bigger one is taken as having no actions.
    public let maxBlobSize: Int
    /// The repository's top level, symbolic links resolved.
    let topLevel: String
    /// How many parts a long first-parent log is read in, at once (`logRanges`).
    var logParts = ActionHistoryReader.defaultLogParts
    /// A first-parent history shorter than this many commits is read in one part.
    var logSplitFrom = 2_000

    /// Creates a reader for the knowledge repo at `root`, a folder of `git`'s work tree.
    public init(git: Git, root: URL, layout: RepositoryLayout) {
        self.git = git
        self.layout = layout
        let top = git.resolvedTopLevel
        topLevel = top
        let base = root.resolvingSymlinksInPath().standardizedFileURL.path
        var prefix = ""
        if base.hasPrefix(top + "/") { prefix = String(base.dropFirst(top.count + 1)) + "/" }
        folder = prefix + layout.config.postmortems
        maxBlobSize = layout.config.maxFileSize
    }

    /// Reads the history up to `HEAD`. With a `cache`, a run starts from the state the last
    /// run cached when its commit is still on the first-parent history of `HEAD`, reads only the
    /// commits after it, and caches the new state (see `HistoryCacheStore`).
    ///
    /// - Throws: `EnvironmentError` when git fails or writes more than it may.
    public func read(cache: HistoryCacheStore? = nil) throws -> ActionHistory {
        guard try git.hasCommits() else { return ActionHistory() }
        let head = String(decoding: try git.output(["rev-parse", "HEAD"], limit: 256), as: UTF8.self).trimmed
        if try git.isShallow() {
            // Records, slips and closing days need the whole history; the trailers of the
            // commits that are there still name actions (and give their drift).
            return ActionHistory(gap: .shallow, head: head, references: try CommitTrailerReader(git: git, label: "knowledge").read())
        }
        var start: HistoryCache?
        var use = HistoryCacheUse.none
        // The first-parent commits to read, newest first (needed to split a long log in parts).
        var newChain: [String] = []
        let identity = cacheIdentity
        let fingerprint = cache != nil ? self.fingerprint() : 0
        if let cache {
            let (cached, problem) = cache.load(identity: identity)
            if let problem {
                use = .unusable(problem)
            } else if let cached {
                if cached.fingerprint != fingerprint {
                    use = .stale("it was read with other settings")
                } else if cached.commitsRead >= Self.maxCommits {
                    use = .stale("the history is longer than \(Self.maxCommits) commits")
                } else if let after = try firstParentChain(after: cached.head, head: head) {
                    start = cached
                    newChain = after
                    use = .reused(commitsAfter: 0, commitsBehind: after.count)
                } else {
                    use = .stale("its commit \(cached.head.prefix(12)) is not on the first-parent history of HEAD")
                }
            }
        }
        if start == nil, logParts > 1 { newChain = try firstParentChain() }
        // Newest first, turned round here: `--reverse` costs git a second walk (a third of the
        // log's time on a long history). A long history is read in parts on every core (see
        // `logRanges`), newest part first.
        // The trailers are read meanwhile, by one more git run.
        let ranges = start != nil && newChain.isEmpty ? [] : logRanges(chain: newChain, stop: start?.head)
        let (logs, trailers) = try concurrently({
            try threadMapThrowing(ranges) { [git, folder] range in
                try git.output(["log", "--first-parent", "--diff-merges=first-parent", "--raw", "-M", "--no-abbrev",
                                "-z", "--format=%x01%H %ct", "--max-count=\(Self.maxCommits)"] + range + ["--", folder])
            }
        }, alongside: { [git] in try CommitTrailerReader(git: git, label: "knowledge").read() })
        var newestFirst = logs.flatMap { Self.commits(in: $0, folder: folder) }
        if newestFirst.count > Self.maxCommits { newestFirst.removeLast(newestFirst.count - Self.maxCommits) }
        // Blobs asked for in the log's order, newest first, as git packs them: in hash order git
        // cat-file takes five times longer, missing its delta base cache.
        var seen: Set<String> = []
        let blobs = newestFirst.flatMap { commit in commit.changes.compactMap { change in change.newBlob.map { ($0, change.path) } } }
            .filter { seen.insert($0.0).inserted }
        let versions = try readVersions(blobs)
        let commits = Array(newestFirst.reversed())
        var replay = start?.replay ?? Replay()
        for commit in commits { replay.apply(commit, versions: versions) }
        let commitsRead = (start?.commitsRead ?? 0) + commits.count
        let gap: HistoryGap? = commitsRead >= Self.maxCommits ? .truncated : nil
        if case .reused(_, let behind) = use { use = .reused(commitsAfter: commits.count, commitsBehind: behind) }
        if let cache, gap == nil, start?.head != head {
            // A cache that cannot be written costs the next run time, not this run its report.
            try? cache.save(HistoryCache(fingerprint: fingerprint, head: head, commitsRead: commitsRead, replay: replay),
                            identity: identity)
        }
        let references = try trailers.get()
        var history = ActionHistory(records: replay.finished, gap: gap, head: head, commitsRead: commitsRead, references: references)
        history.cacheUse = use
        return history
    }

    /// Which repository and folder a cached history belongs to.
    var cacheIdentity: String { topLevel + "\n" + folder }

    /// What the rows of a version are read with besides its bytes: the cache format, the
    /// folder, the size limit, `debrief.yml` as written and the SOP files (task items name
    /// them). A cached state read with another fingerprint is not used.
    func fingerprint() -> UInt64 {
        var hasher = StableHasher(seed: 11)
        hasher.combine(HistoryCache.formatVersion)
        hasher.combine(DebriefVersion.string)
        hasher.combine(folder)
        hasher.combine(UInt64(maxBlobSize))
        hasher.combine(layout.configDigest)
        for file in layout.sopFiles.sorted() { hasher.combine(file) }
        return hasher.finalize()
    }
}

// MARK: - The log

extension ActionHistoryReader {
    /// How many parts a long log is read in by default: one per core, at most four.
    static let defaultLogParts = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4)

    /// The first-parent commits after `base` up to `HEAD` (whose id is `head`), newest first,
    /// when `base` is on the first-parent history of `HEAD`; nil when it is not, or is no commit
    /// git knows. Lists only the commits after `base`, not the whole history.
    func firstParentChain(after base: String, head: String) throws -> [String]? {
        guard base.utf8.count == head.utf8.count, base.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        if base == head { return [] }
        let listed = try git.run(["rev-list", "--first-parent", "--parents", "--max-count=\(Self.maxCommits)", base + "..HEAD"],
                                 allowFailure: true)
        guard listed.status == 0 else { return nil }
        let lines = listed.output.split(separator: UInt8(ascii: "\n"))
        // `base..HEAD` on the first parents stops at the first commit reachable from `base`: the
        // oldest one listed has `base` itself as its first parent only when `base` is on the chain.
        guard let oldest = lines.last, let parent = oldest.split(separator: UInt8(ascii: " ")).dropFirst().first,
              parent.elementsEqual(base.utf8) else { return nil }
        return lines.map { line in String(decoding: line.prefix { $0 != UInt8(ascii: " ") }, as: UTF8.self) }
    }

    /// The first-parent history of `HEAD`, newest first (at most `maxCommits`).
    func firstParentChain() throws -> [String] {
        let listed = try git.output(["rev-list", "--first-parent", "--max-count=\(Self.maxCommits)", "HEAD"])
        return listed.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The revision ranges that together make the first-parent history of `HEAD`, newest
    /// first: `HEAD ^b1`, `b1 ^b2`, …, `bk` for boundaries spaced evenly along the first-parent
    /// chain. `git log` spends its time diffing each commit's trees, one commit at a time; a
    /// part per core divides that time. The parts hold exactly the commits of the whole (a
    /// commit above a boundary on the chain cannot be its ancestor), in the same order.
    func logRanges() throws -> [[String]] {
        logRanges(chain: logParts > 1 ? try firstParentChain() : [], stop: nil)
    }

    /// `logRanges()` for the commits of `chain` (the first-parent history of `HEAD`, newest
    /// first) above `stop`, a commit on it whose history is known already (`^stop` ends the
    /// last range).
    func logRanges(chain: [String], stop: String?) -> [[String]] {
        let parts = logParts
        let last = stop.map { ["^" + $0] } ?? []
        guard parts > 1, chain.count >= logSplitFrom, chain.count >= parts else { return [["HEAD"] + last] }
        let boundaries = (1..<parts).map { chain[$0 * chain.count / parts] }
        var ranges: [[String]] = []
        var top = "HEAD"
        for boundary in boundaries {
            ranges.append([top, "^" + boundary])
            top = boundary
        }
        ranges.append([top] + last)
        return ranges
    }

    /// One file changed by one commit.
    struct Change {
        /// `A`, `M`, `D`, `R`, `C`, `T`.
        var status: UInt8
        /// The path before (renames and copies), relative to the post-mortems folder.
        var oldPath: String?
        /// The path after.
        var path: String
        /// The new version's blob id, nil for a deletion.
        var newBlob: String?
    }

    /// One commit of the first-parent log.
    struct Commit {
        var commit: HistoryCommit
        var changes: [Change]
    }

    /// Parses `git log --raw -z --format=%x01%H %ct`: a header, then per file
    /// `:mode mode blob blob status NUL path NUL [path NUL]`. Files outside `folder`, hidden
    /// ones and anything but `.md` are left out (a rename out of the folder is a deletion).
    static func commits(in log: [UInt8], folder: String) -> [Commit] {
        let tokens = log.split(separator: 0, omittingEmptySubsequences: false)
        var commits: [Commit] = []
        var index = 0
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        func relative(_ token: ArraySlice<UInt8>) -> String? {
            let path = String(decoding: token, as: UTF8.self)
            guard path.hasPrefix(prefix), path.hasSuffix(".md") else { return nil }
            let inner = String(path.dropFirst(prefix.count))
            return inner.split(separator: "/").contains { $0.hasPrefix(".") } ? nil : inner
        }
        while index < tokens.count {
            var token = tokens[index]
            index += 1
            while token.first == UInt8(ascii: "\n") { token = token.dropFirst() }
            if token.first == 0x01 {
                let header = String(decoding: token.dropFirst(), as: UTF8.self).split(separator: " ")
                guard header.count == 2, let timestamp = Int64(header[1]) else { continue }
                commits.append(Commit(commit: HistoryCommit(sha: String(header[0]), timestamp: timestamp), changes: []))
                continue
            }
            guard token.first == UInt8(ascii: ":"), !commits.isEmpty else { continue }
            let fields = token.split(separator: UInt8(ascii: " "))
            guard fields.count >= 5, let status = fields[4].first, index < tokens.count else { continue }
            let newBlob = String(decoding: fields[3], as: UTF8.self)
            let first = tokens[index]
            index += 1
            var second: ArraySlice<UInt8>?
            if status == UInt8(ascii: "R") || status == UInt8(ascii: "C"), index < tokens.count {
                second = tokens[index]
                index += 1
            }
            let deleted = status == UInt8(ascii: "D") || newBlob.allSatisfy { $0 == "0" }
            var change: Change
            if let second {
                let old = relative(first), new = relative(second)
                switch (old, new) {
                case let (old?, new?): change = Change(status: status, oldPath: status == UInt8(ascii: "R") ? old : nil, path: new, newBlob: newBlob)
                case let (old?, nil): change = Change(status: UInt8(ascii: "D"), path: old, newBlob: nil)
                case let (nil, new?): change = Change(status: UInt8(ascii: "A"), path: new, newBlob: newBlob)
                default: continue
                }
            } else {
                guard let path = relative(first) else { continue }
                change = Change(status: deleted ? UInt8(ascii: "D") : status, path: path, newBlob: deleted ? nil : newBlob)
            }
            commits[commits.count - 1].changes.append(change)
        }
        return commits
    }
}

// MARK: - The blobs

extension ActionHistoryReader {
    /// Every blob of `blobs` (distinct ids, each with a path it had) read into its actions,
    /// through `git cat-file --batch`: one run per core at once, each on a contiguous run of
    /// the log's order (so each keeps its delta base cache), at most `blobBatch` blobs a run.
    func readVersions(_ blobs: [(id: String, path: String)]) throws -> [String: ActionRowReader.Version] {
        let reader = ActionRowReader(config: layout.config, layout: layout)
        var versions: [String: ActionRowReader.Version] = [:]
        versions.reserveCapacity(blobs.count)
        let pathOf = Dictionary(blobs.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
        let parts = max(logParts, 1)
        let batchSize = max(1, min(Self.blobBatch, (blobs.count + parts - 1) / parts))
        var start = 0
        while start < blobs.count {
            // One round: up to `parts` batches, read by that many git runs at once.
            var batches: [ArraySlice<(id: String, path: String)>] = []
            while start < blobs.count && batches.count < parts {
                let end = min(start + batchSize, blobs.count)
                batches.append(blobs[start..<end])
                start = end
            }
            let outputs = try threadMapThrowing(batches.map { Array($0.map(\.id)) }) { [git] ids in
                let input = Array(ids.joined(separator: "\n").utf8) + [UInt8(ascii: "\n")]
                return try git.run(["cat-file", "--batch"], input: input, allowFailure: false).output
            }
            let read = outputs.flatMap { Self.blobs(in: $0).filter { $0.1.count <= maxBlobSize } }
            // On every core, in groups that each hold all versions of some files: versions of
            // one file share most rows, which a group reads once (`ActionRowReader.Memo`).
            let groups = Self.groups(read, count: Self.readingGroups) { pathOf[$0.0] ?? "" }
            let readGroups = parallelMap(groups) { group in
                var memo = ActionRowReader.Memo()
                return group.map { id, body in (id, reader.read(Substring(String(decoding: body, as: UTF8.self)), file: "", memo: &memo)) }
            }
            for group in readGroups {
                for (id, version) in group { versions[id] = version }
            }
        }
        return versions
    }

    /// How many groups the versions are read in: enough to keep every core busy to the end.
    static let readingGroups = 64

    /// `items` in `count` groups or fewer, each item in the group its key hashes to (stable
    /// across runs: FNV-1a over the key's bytes), keeping their order.
    static func groups<Item>(_ items: [Item], count: Int, key: (Item) -> String) -> [[Item]] {
        var groups = Array(repeating: [Item](), count: count)
        for item in items {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in key(item).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            groups[Int(hash % UInt64(count))].append(item)
        }
        return groups.filter { !$0.isEmpty }
    }

    /// `<id> blob <size>\n<bytes>\n` records; a missing object (`<id> missing`) is skipped.
    static func blobs(in output: [UInt8]) -> [(String, ArraySlice<UInt8>)] {
        var found: [(String, ArraySlice<UInt8>)] = []
        var position = 0
        while position < output.count {
            guard let end = output[position...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let header = String(decoding: output[position..<end], as: UTF8.self).split(separator: " ")
            position = end + 1
            guard header.count == 3, let size = Int(header[2]), size >= 0, position + size <= output.count else { continue }
            found.append((String(header[0]), output[position..<(position + size)]))
            position += size + 1
        }
        return found
    }
}

// MARK: - The replay

extension ActionHistoryReader {
    /// A row as the newest version read so far has it.
    struct Row {
        var key: String
        var id: String
        var dueText: String
        var status: ActionStatus?
        var action: String
    }

    /// Replays the versions, commit by commit, into records.
    struct Replay {
        /// The rows of each post-mortem file now, by lower-cased key.
        var files: [String: [String: Row]] = [:]
        /// Records by lower-cased current key.
        var records: [String: ActionRecord] = [:]
        /// The newest due cell and status of each record, by lower-cased key.
        var last: [String: Row] = [:]

        var finished: [ActionRecord] { Array(records.values) }

        mutating func apply(_ commit: Commit, versions: [String: ActionRowReader.Version]) {
            for change in commit.changes {
                var before: [String: Row]
                if let old = change.oldPath {
                    before = files.removeValue(forKey: old) ?? [:]
                } else {
                    before = files[change.path] ?? [:]
                }
                guard let blob = change.newBlob else {
                    files.removeValue(forKey: change.path)
                    for key in before.keys { records[key]?.removed = commit.commit }
                    continue
                }
                let after = Self.rows(versions[blob])
                update(from: before, to: after, at: commit.commit)
                files[change.path] = after
            }
        }

        static func rows(_ version: ActionRowReader.Version?) -> [String: Row] {
            var rows: [String: Row] = [:]
            for action in version?.actions ?? [] where !action.id.isEmpty {
                let key = action.key
                rows[key.lowercased()] = Row(key: key, id: action.id, dueText: action.dueText, status: action.status,
                                             action: action.action.lowercased())
            }
            return rows
        }

        mutating func update(from before: [String: Row], to after: [String: Row], at commit: HistoryCommit) {
            var gone = before.filter { after[$0.key] == nil }
            for (lower, row) in after.sorted(by: { $0.key < $1.key }) {
                if before[lower] == nil, records[lower] == nil, let (oldLower, _) = Self.formerRow(of: row, among: gone) {
                    gone.removeValue(forKey: oldLower)
                    if var record = records.removeValue(forKey: oldLower) {
                        record.formerKeys.append(record.key)
                        record.key = row.key
                        records[lower] = record
                    }
                    last[lower] = last.removeValue(forKey: oldLower)
                }
                change(lower, to: row, at: commit)
            }
            for lower in gone.keys where records[lower] != nil && after[lower] == nil {
                records[lower]?.removed = commit
            }
        }

        /// The row that `row` renames: the same action text, or the same ID in a post-mortem whose id changed.
        static func formerRow(of row: Row, among gone: [String: Row]) -> (String, Row)? {
            let candidates = gone.sorted { $0.key < $1.key }
            if !row.action.isEmpty, let match = candidates.first(where: { $0.value.action == row.action }) { return match }
            return candidates.first { $0.value.id.lowercased() == row.id.lowercased() }
        }

        mutating func change(_ lower: String, to row: Row, at commit: HistoryCommit) {
            guard var record = records[lower] else {
                var record = ActionRecord(key: row.key, firstRecorded: commit)
                if !row.dueText.isEmpty { record.firstDueText = row.dueText }
                if row.status == .done || row.status == .wontDo { record.closed = commit }
                records[lower] = record
                last[lower] = row
                return
            }
            let previous = last[lower]
            record.removed = nil
            record.key = row.key
            let oldDue = previous?.dueText ?? ""
            if oldDue != row.dueText {
                if record.firstDueText == nil && !row.dueText.isEmpty {
                    record.firstDueText = row.dueText
                } else {
                    record.dueChanges.append(DueChange(commit: commit, fromText: oldDue, toText: row.dueText))
                }
            }
            if previous?.status != row.status {
                record.statusChanges.append(StatusChange(commit: commit, from: previous?.status, to: row.status))
                switch row.status {
                case .done?, .wontDo?: if record.closed == nil { record.closed = commit }
                default: record.closed = nil
                }
            }
            records[lower] = record
            last[lower] = row
        }
    }
}

// MARK: - For a knowledge repo

extension ActionHistory {
    /// Reads the history of the knowledge repo `base` from the git repository that holds its root.
    ///
    /// - Throws: `EnvironmentError` when git is missing, the root is not inside a git work tree,
    ///   or git fails.
    public static func read(for base: KnowledgeBase) throws -> ActionHistory {
        try read(root: base.root, layout: base.layout)
    }

    /// Reads the history of the knowledge repo at `root` with `layout`, which is known before
    /// its documents are read (see `RepositoryLoader.load(root:alongside:)`), starting from
    /// what `cache` holds when it can (see `ActionHistoryReader.read(cache:)`).
    public static func read(root: URL, layout: RepositoryLayout, cache: HistoryCacheStore? = nil) throws -> ActionHistory {
        try ActionHistoryReader(git: try Git(at: root.path), root: root, layout: layout).read(cache: cache)
    }
}
