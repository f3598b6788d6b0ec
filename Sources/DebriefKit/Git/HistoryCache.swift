import Crypto
import Foundation

/// Where `audit --git` keeps what it read of a knowledge repo's history, so that the next run
/// reads only the commits since: the replay's state at one commit (every post-mortem's rows
/// then, and every action's record). Old commits never change, so a run that starts from that
/// state and replays the commits after it ends where a run from the first commit ends; a test
/// requires that, record for record.
///
/// The cache sits outside the repository, in the `history` folder beside the user's cache key
/// (`~/.cache/debrief/history/`, see `CacheKey`), one file per repository and post-mortems
/// folder. Each file is sealed with the cache key like the build cache, so nobody who can only
/// write to a repository can forge a history; one that does not open, that was read with other
/// settings, or whose commit is no longer on the first-parent history of `HEAD` (a rewritten
/// history) is not used, and the whole history is read again.
public struct HistoryCacheStore: Sendable {
    /// The folder the cache files are in.
    public let folder: String
    /// Seals and opens them.
    let key: CacheKey

    /// The largest cache file read.
    static let maxBytes = 1 << 30

    /// A store in `folder`, sealed with `key`.
    public init(folder: String, key: CacheKey) {
        self.folder = folder
        self.key = key
    }

    /// The user's store: the `history` folder beside the cache key. Nil when there is no key to
    /// keep (no home folder, or a key file that is not safe): a cache sealed with a key that
    /// dies with the run could never be read again.
    /// `key` is the user's key when the caller has loaded it already.
    public static func standard(key: CacheKey? = nil,
                                environment: [String: String] = ProcessInfo.processInfo.environment) -> HistoryCacheStore? {
        guard let location = CacheKey.location(environment) else { return nil }
        let sealing: CacheKey
        if let key {
            sealing = key
        } else {
            let (loaded, problem) = CacheKey.load(environment: environment)
            guard problem == nil else { return nil }
            sealing = loaded
        }
        return HistoryCacheStore(folder: (location as NSString).deletingLastPathComponent + "/history", key: sealing)
    }

    /// The file of one repository's post-mortems folder: a digest of its top level and folder,
    /// so repositories never share a file.
    func path(for identity: String) -> String {
        let digest = SHA256.hash(data: Data(identity.utf8))
        return folder + "/" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + ".bin"
    }

    /// What is cached for `identity`, or nil and why not (nil and nil when there is nothing).
    func load(identity: String) -> (cache: HistoryCache?, problem: String?) {
        switch FileIO.readRegularFile(path(for: identity), limit: Self.maxBytes) {
        case .missing:
            return (nil, nil)
        case .bytes(let bytes):
            do {
                return (try HistoryCache.decode(bytes, key: key), nil)
            } catch {
                return (nil, "\(error)")
            }
        case .tooLarge:
            return (nil, "it is larger than \(Self.maxBytes >> 20) MiB")
        case .notRegular:
            return (nil, "it is not a regular file")
        case .failed:
            return (nil, "it cannot be read")
        }
    }

    /// Writes `cache` for `identity`: to a new file beside it, then renamed over it, so a run
    /// killed midway leaves the old file or the new one, never half of one.
    func save(_ cache: HistoryCache, identity: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let target = path(for: identity)
        let temporary = target + ".\(getpid()).tmp"
        do {
            try FileIO.write(HistoryCache.encode(cache, key: key), to: temporary, mode: 0o600)
            guard rename(temporary, target) == 0 else { throw FileIOError(path: target, operation: "rename", code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }
}

/// What a run of `audit --git` made of the history up to one commit.
struct HistoryCache {
    /// Bumped whenever the encoding or what the replay keeps changes.
    static let formatVersion: UInt64 = 1

    /// What the rows were read with (see `ActionHistoryReader.fingerprint`).
    var fingerprint: UInt64
    /// The commit the state is at.
    var head: String
    /// How many commits touching post-mortems were read up to it.
    var commitsRead: Int
    /// The replay's state after that commit.
    var replay: ActionHistoryReader.Replay
}

// MARK: - Encoding

extension HistoryCache {
    static func encode(_ cache: HistoryCache, key: CacheKey) -> [UInt8] {
        // The commits the records name, written once each and named by number.
        var commits: [HistoryCommit] = []
        var numbers: [String: Int] = [:]
        func number(_ commit: HistoryCommit) -> Int {
            if let known = numbers[commit.sha] { return known }
            numbers[commit.sha] = commits.count
            commits.append(commit)
            return commits.count - 1
        }
        let records = cache.replay.records.sorted { $0.key < $1.key }
        var recordWriter = BinaryWriter(capacity: 128 * records.count)
        recordWriter.write(records) { writer, entry in
            let record = entry.value
            writer.write(entry.key)
            writer.write(record.key)
            writer.write(record.formerKeys)
            writer.write(number(record.firstRecorded))
            writer.write(record.firstDueText)
            writer.write(record.dueChanges) { writer, change in
                writer.write(number(change.commit))
                writer.write(change.fromText)
                writer.write(change.toText)
            }
            writer.write(record.statusChanges) { writer, change in
                writer.write(number(change.commit))
                writer.write(change.from?.rawValue)
                writer.write(change.to?.rawValue)
            }
            writer.write(optional: record.closed) { $0.write(number($1)) }
            writer.write(optional: record.removed) { $0.write(number($1)) }
        }
        return BuildCache.seal(.history, key: key, capacity: 256 * records.count) { writer in
            writer.write(formatVersion)
            writer.write(cache.fingerprint)
            writer.write(cache.head)
            writer.write(cache.commitsRead)
            writer.write(commits) { writer, commit in
                writer.write(commit.sha)
                writer.write(Int(commit.timestamp))
                writer.write(commit.subject)
            }
            writer.append(raw: recordWriter.bytes)
            writer.write(cache.replay.files.keys.sorted()) { writer, path in
                writer.write(path)
                write(cache.replay.files[path] ?? [:], to: &writer)
            }
            write(cache.replay.last, to: &writer)
        }
    }

    private static func write(_ rows: [String: ActionHistoryReader.Row], to writer: inout BinaryWriter) {
        writer.write(rows.keys.sorted()) { writer, lower in
            let row = rows[lower]!
            writer.write(lower)
            writer.write(row.key)
            writer.write(row.id)
            writer.write(row.dueText)
            writer.write(row.status?.rawValue)
            writer.write(row.action)
        }
    }

    /// The cache in `bytes`; throws `BuildCache.Unusable` when it is damaged, sealed with
    /// another key, or from another version.
    static func decode(_ bytes: [UInt8], key: CacheKey) throws -> HistoryCache {
        var reader = try BuildCache.open(bytes, as: .history, key: key)
        do {
            guard try reader.uint64() == formatVersion else {
                throw BuildCache.Unusable(description: "it is from another version of debrief")
            }
            let fingerprint = try reader.uint64()
            let head = try reader.string()
            let commitsRead = try reader.int()
            let commits = try reader.array { reader in
                HistoryCommit(sha: try reader.string(), timestamp: Int64(try reader.int()), subject: try reader.string())
            }
            func commit(_ reader: inout BinaryReader) throws -> HistoryCommit {
                let number = try reader.int()
                guard commits.indices.contains(number) else { throw BinaryReader.Malformed() }
                return commits[number]
            }
            var replay = ActionHistoryReader.Replay()
            let recordCount = try reader.count()
            replay.records.reserveCapacity(recordCount)
            for _ in 0..<recordCount {
                let lower = try reader.string()
                var record = ActionRecord(key: try reader.string(), firstRecorded: HistoryCommit(sha: "", timestamp: 0))
                record.formerKeys = try reader.strings()
                record.firstRecorded = try commit(&reader)
                record.firstDueText = try reader.optionalString()
                record.dueChanges = try reader.array { reader in
                    DueChange(commit: try commit(&reader), fromText: try reader.string(), toText: try reader.string())
                }
                record.statusChanges = try reader.array { reader in
                    StatusChange(commit: try commit(&reader), from: try status(&reader), to: try status(&reader))
                }
                record.closed = try reader.optional { try commit(&$0) }
                record.removed = try reader.optional { try commit(&$0) }
                replay.records[lower] = record
            }
            let fileCount = try reader.count()
            replay.files.reserveCapacity(fileCount)
            for _ in 0..<fileCount {
                let path = try reader.string()
                replay.files[path] = try rows(&reader)
            }
            replay.last = try rows(&reader)
            guard reader.isAtEnd else { throw BuildCache.Unusable(description: "it has bytes after its end") }
            return HistoryCache(fingerprint: fingerprint, head: head, commitsRead: commitsRead, replay: replay)
        } catch is BinaryReader.Malformed {
            throw BuildCache.Unusable(description: "it does not decode")
        }
    }

    private static func status(_ reader: inout BinaryReader) throws -> ActionStatus? {
        guard let raw = try reader.optionalString() else { return nil }
        guard let status = ActionStatus(rawValue: raw) else { throw BinaryReader.Malformed() }
        return status
    }

    private static func rows(_ reader: inout BinaryReader) throws -> [String: ActionHistoryReader.Row] {
        let count = try reader.count()
        var rows: [String: ActionHistoryReader.Row] = [:]
        rows.reserveCapacity(count)
        for _ in 0..<count {
            let lower = try reader.string()
            rows[lower] = ActionHistoryReader.Row(key: try reader.string(), id: try reader.string(), dueText: try reader.string(),
                                                  status: try status(&reader), action: try reader.string())
        }
        return rows
    }
}
