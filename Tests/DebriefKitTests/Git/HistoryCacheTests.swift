import DebriefTestSupport
import Foundation
import XCTest
@testable import DebriefKit

/// The history cache: a run that starts from a cached state ends where a run from the first
/// commit ends, and a cache that does not fit is never used.
final class HistoryCacheTests: XCTestCase {
    private func pm(_ rows: [(String, String, String, String)], id: String = "INC-2026-007") -> String {
        HistoryRepo.postmortem(id: id, rows: rows)
    }

    private func store() throws -> HistoryCacheStore {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("history")
        return HistoryCacheStore(folder: folder.path, key: CacheKey(bytes: Array(repeating: 7, count: 32)))
    }

    private func read(_ repo: HistoryRepo, cache: HistoryCacheStore?) throws -> ActionHistory {
        let base = try RepositoryLoader().load(root: repo.root)
        var reader = ActionHistoryReader(git: try Git(at: repo.root.path), root: repo.root, layout: base.layout)
        reader.logParts = 2
        reader.logSplitFrom = 1
        return try reader.read(cache: cache)
    }

    /// Everything a history says, in one comparable list.
    private func describe(_ history: ActionHistory) -> [String] {
        history.allRecords.map { record in
            "\(record.key) \(record.formerKeys) first \(record.firstRecorded.sha.prefix(7))@\(record.firstRecorded.timestamp) "
                + "firstDue \(record.firstDueText ?? "-") "
                + "due \(record.dueChanges.map { "\($0.fromText)->\($0.toText)@\($0.commit.sha.prefix(7))" }) "
                + "status \(record.statusChanges.map { "\($0.from?.rawValue ?? "-")->\($0.to?.rawValue ?? "-")@\($0.commit.sha.prefix(7))" }) "
                + "closed \(record.closed?.sha.prefix(7) ?? "-") removed \(record.removed?.sha.prefix(7) ?? "-")"
        } + ["keys \(history.records.keys.sorted())", "commits \(history.commitsRead)", "head \(history.head ?? "-")",
             "gap \(history.gap?.rawValue ?? "-")", "references \(history.references.map { "\($0.commit.sha.prefix(7)) \($0.kind) \($0.key)" })"]
    }

    /// A history with slips, a close and a reopen, a merge, a rename and a renumbered row.
    private func firstPart(_ repo: HistoryRepo) throws {
        try repo.commit(["debrief.yml": "required_sections: [Summary]\n",
                         "postmortems/a.md": pm([("PA-1", "Add alert", "2026-02-01", "open"), ("PA-2", "Fix retry", "2026-02-10", "open")]),
                         "postmortems/b.md": pm([("PA-1", "Shard", "2026-02-01", "open")], id: "INC-2026-008")],
                        message: "Two", date: "2026-01-01")
        try repo.commit(["postmortems/a.md": pm([("PA-1", "Add alert", "2026-02-15", "open"), ("PA-2", "Fix retry", "2026-02-10", "done")])],
                        message: "Move and close\n\nCloses: INC-2026-007/PA-2", date: "2026-01-02")
        try repo.run(["checkout", "-q", "-b", "side"])
        try repo.commit(["postmortems/b.md": pm([("PA-1", "Shard", "2026-03-01", "open")], id: "INC-2026-008")],
                        message: "Side", date: "2026-01-03T12:00:00+00:00")
        try repo.run(["checkout", "-q", "main"])
        try repo.run(["merge", "-q", "--no-ff", "-m", "Merge side", "side"], date: "2026-01-03T13:00:00+00:00")
    }

    private func secondPart(_ repo: HistoryRepo) throws {
        try repo.run(["mv", "postmortems/b.md", "postmortems/c.md"])
        try repo.commit([:], message: "Rename", date: "2026-01-04")
        try repo.commit(["postmortems/a.md": pm([("PA-1", "Add alert", "2026-03-01", "in-progress"), ("PA-2", "Fix retry", "2026-02-10", "open"),
                                                 ("PA-3", "Page the owner", "2026-04-01", "open")])],
                        message: "Reopen PA-2, move PA-1\n\nRefs: INC-2026-007/PA-1", date: "2026-01-05")
        try repo.commit(["postmortems/c.md": pm([("PA-4", "Shard", "2026-03-01", "done")], id: "INC-2026-008")],
                        message: "Renumber and close", date: "2026-01-06")
        try repo.commit(["notes.txt": "unrelated\n"], message: "Unrelated", date: "2026-01-07")
    }

    func test_item1_aCachedStateAndTheCommitsSinceGiveTheWholeHistory() throws {
        let repo = try HistoryRepo(testCase: self)
        let cache = try store()
        try firstPart(repo)
        let first = try read(repo, cache: cache)
        XCTAssertEqual(first.cacheUse, .none)
        XCTAssertEqual(describe(first), describe(try read(repo, cache: nil)))

        try secondPart(repo)
        let warm = try read(repo, cache: cache)
        // Four first-parent commits since the cached one, three of them touching post-mortems.
        XCTAssertEqual(warm.cacheUse, .reused(commitsAfter: 3, commitsBehind: 4))
        let cold = try read(repo, cache: nil)
        XCTAssertEqual(cold.cacheUse, .none)
        XCTAssertEqual(describe(warm), describe(cold))
        XCTAssertTrue(describe(warm).contains { $0.hasPrefix("INC-2026-008/PA-4 [\"INC-2026-008/PA-1\"]") }, "\(describe(warm))")

        // Nothing new: the cached state is the answer, and the file is left as it is.
        let file = cache.path(for: ActionHistoryReader(git: try Git(at: repo.root.path), root: repo.root,
                                                       layout: try RepositoryLoader().load(root: repo.root).layout).cacheIdentity)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let again = try read(repo, cache: cache)
        XCTAssertEqual(again.cacheUse, .reused(commitsAfter: 0, commitsBehind: 0))
        XCTAssertEqual(describe(again), describe(cold))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before)
    }

    func test_item1_aRewrittenHistoryIsReadWhole() throws {
        let repo = try HistoryRepo(testCase: self)
        let cache = try store()
        try firstPart(repo)
        try secondPart(repo)
        _ = try read(repo, cache: cache)
        // The last commits are replaced by others (a force-push): the cached commit is gone.
        try repo.run(["reset", "-q", "--hard", "HEAD~3"])
        try repo.commit(["postmortems/a.md": pm([("PA-1", "Add alert", "2026-05-01", "open")])], message: "Other", date: "2026-01-08")
        let warm = try read(repo, cache: cache)
        guard case .stale(let why) = warm.cacheUse else { return XCTFail("\(warm.cacheUse)") }
        XCTAssertTrue(why.contains("not on the first-parent history of HEAD"), why)
        XCTAssertEqual(describe(warm), describe(try read(repo, cache: nil)))
    }

    func test_item1_otherSettingsAreNotRead() throws {
        let repo = try HistoryRepo(testCase: self)
        let cache = try store()
        try firstPart(repo)
        _ = try read(repo, cache: cache)
        // debrief.yml changed in the work tree: rows may read differently.
        try Data("required_sections: [Summary, Timeline]\n".utf8).write(to: repo.root.appendingPathComponent("debrief.yml"))
        let warm = try read(repo, cache: cache)
        XCTAssertEqual(warm.cacheUse, .stale("it was read with other settings"))
        XCTAssertEqual(describe(warm), describe(try read(repo, cache: nil)))
    }

    func test_item1_aChangedOrForeignCacheIsNotUsed() throws {
        let repo = try HistoryRepo(testCase: self)
        let cache = try store()
        try firstPart(repo)
        _ = try read(repo, cache: cache)
        let path = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: cache.folder).first { $0.hasSuffix(".bin") })
        let url = URL(fileURLWithPath: cache.folder).appendingPathComponent(path)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: url)
        try secondPart(repo)
        let changed = try read(repo, cache: cache)
        XCTAssertEqual(changed.cacheUse, .unusable("its seal does not match: it was changed, or written with another cache key"))
        XCTAssertEqual(describe(changed), describe(try read(repo, cache: nil)))

        // The same folder with someone else's key.
        let foreign = HistoryCacheStore(folder: cache.folder, key: CacheKey(bytes: Array(repeating: 9, count: 32)))
        XCTAssertEqual(try read(repo, cache: foreign).cacheUse,
                       .unusable("its seal does not match: it was changed, or written with another cache key"))
        // A cache file that is a folder is refused, not followed.
        let other = try store()
        let identity = ActionHistoryReader(git: try Git(at: repo.root.path), root: repo.root,
                                           layout: try RepositoryLoader().load(root: repo.root).layout).cacheIdentity
        try FileManager.default.createDirectory(atPath: other.path(for: identity), withIntermediateDirectories: true)
        XCTAssertEqual(try read(repo, cache: other).cacheUse, .unusable("it is not a regular file"))
    }

    func test_item1_theEncodingKeepsEveryField() throws {
        var replay = ActionHistoryReader.Replay()
        let one = HistoryCommit(sha: String(repeating: "a", count: 40), timestamp: -86_401, subject: "first")
        let two = HistoryCommit(sha: String(repeating: "b", count: 40), timestamp: 1_767_225_600, subject: "")
        var record = ActionRecord(key: "INC-1/PA-2", firstRecorded: one)
        record.formerKeys = ["INC-1/PA-1"]
        record.firstDueText = "2026-02-01"
        record.dueChanges = [DueChange(commit: two, fromText: "2026-02-01", toText: "soon ü")]
        record.statusChanges = [StatusChange(commit: two, from: .open, to: nil), StatusChange(commit: one, from: nil, to: .wontDo)]
        record.closed = one
        record.removed = two
        replay.records["inc-1/pa-2"] = record
        var other = ActionRecord(key: "INC-1/PA-3", firstRecorded: two)
        other.firstDueText = nil
        replay.records["inc-1/pa-3"] = other
        let row = ActionHistoryReader.Row(key: "INC-1/PA-2", id: "PA-2", dueText: "", status: .inProgress, action: "add alert")
        replay.files["a.md"] = ["inc-1/pa-2": row]
        replay.files["b.md"] = [:]
        replay.last["inc-1/pa-2"] = ActionHistoryReader.Row(key: "INC-1/PA-2", id: "PA-2", dueText: "x", status: nil, action: "")
        let key = CacheKey(bytes: Array(repeating: 1, count: 32))
        let cache = HistoryCache(fingerprint: 42, head: "c0ffee", commitsRead: 17, replay: replay)
        let decoded = try HistoryCache.decode(HistoryCache.encode(cache, key: key), key: key)
        XCTAssertEqual(decoded.fingerprint, 42)
        XCTAssertEqual(decoded.head, "c0ffee")
        XCTAssertEqual(decoded.commitsRead, 17)
        func text(_ replay: ActionHistoryReader.Replay) -> String {
            let records = replay.records.sorted { $0.key < $1.key }.map { key, record in
                "\(key)=\(record.key)|\(record.formerKeys)|\(record.firstRecorded)|\(record.firstDueText ?? "nil")|\(record.dueChanges)|"
                    + "\(record.statusChanges)|\(String(describing: record.closed))|\(String(describing: record.removed))"
            }
            func rows(_ rows: [String: ActionHistoryReader.Row]) -> String {
                rows.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.key)|\($0.value.id)|\($0.value.dueText)|\(String(describing: $0.value.status))|\($0.value.action)" }
                    .joined(separator: ";")
            }
            return records.joined(separator: "\n") + "\n" + replay.files.sorted { $0.key < $1.key }.map { "\($0.key): \(rows($0.value))" }
                .joined(separator: "\n") + "\nlast " + rows(replay.last)
        }
        XCTAssertEqual(text(decoded.replay), text(replay))
        XCTAssertTrue(text(replay).contains("soon ü"))

        // Cut short anywhere, it does not open.
        let bytes = HistoryCache.encode(cache, key: key)
        for length in [0, 10, bytes.count / 2, bytes.count - 1] {
            XCTAssertThrowsError(try HistoryCache.decode(Array(bytes.prefix(length)), key: key))
        }
    }

    /// Only the commits after the cached one are listed, and only when it is on the first-parent
    /// history of HEAD: a commit of a merged branch, an unknown commit or a malformed id is no
    /// starting point.
    func test_item1_theCommitsAfterTheCachedOneAreListedOnlyOnTheFirstParents() throws {
        let repo = try HistoryRepo(testCase: self)
        try firstPart(repo)
        let side = try repo.run(["rev-parse", "side"]).trimmed
        let merge = try repo.run(["rev-parse", "HEAD"]).trimmed
        let beforeMerge = try repo.run(["rev-parse", "HEAD^1"]).trimmed
        try secondPart(repo)
        let head = try repo.run(["rev-parse", "HEAD"]).trimmed
        let reader = ActionHistoryReader(git: try Git(at: repo.root.path), root: repo.root,
                                         layout: try RepositoryLoader().load(root: repo.root).layout)
        let full = try reader.firstParentChain()
        XCTAssertEqual(full.count, 7, "three first-parent commits up to the merge, four after")
        XCTAssertEqual(try reader.firstParentChain(after: merge, head: head), Array(full.prefix(4)))
        XCTAssertEqual(try reader.firstParentChain(after: beforeMerge, head: head), Array(full.prefix(5)))
        XCTAssertEqual(try reader.firstParentChain(after: head, head: head), [])
        XCTAssertNil(try reader.firstParentChain(after: side, head: head), "a merged branch's commit")
        XCTAssertNil(try reader.firstParentChain(after: String(repeating: "0", count: head.count), head: head), "no such commit")
        XCTAssertNil(try reader.firstParentChain(after: "--all" + String(repeating: "a", count: head.count - 5), head: head))
    }
}
