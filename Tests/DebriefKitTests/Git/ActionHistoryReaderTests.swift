import DebriefTestSupport
import Foundation
import XCTest
@testable import DebriefKit

final class ActionHistoryReaderTests: XCTestCase {
    private func history(_ repo: HistoryRepo) throws -> ActionHistory {
        let base = try RepositoryLoader().load(root: repo.root)
        return try ActionHistoryReader(git: try Git(at: repo.root.path), root: repo.root, layout: base.layout).read()
    }

    private func pm(_ rows: [(String, String, String, String)], id: String = "INC-2026-007") -> String {
        HistoryRepo.postmortem(id: id, rows: rows)
    }

    func test_item1_recordsFirstDueChangesClosingAndTrailersInCommitOrder() throws {
        let repo = try HistoryRepo(testCase: self)
        let file = "postmortems/2026-01-10-outage.md"
        try repo.commit(["debrief.yml": "required_sections: [Summary]\n",
                         file: pm([("PA-1", "Add alert", "2026-02-01", "open"), ("PA-2", "Fix retry", "2026-02-10", "open")])],
                        message: "Record the outage", date: "2026-01-12")
        try repo.commit([file: pm([("PA-1", "Add alert", "2026-03-01", "open"), ("PA-2", "Fix retry", "2026-02-10", "open")])],
                        message: "Move PA-1", date: "2026-01-30")
        try repo.commit([file: pm([("PA-1", "Add alert", "2026-03-15", "in-progress"), ("PA-2", "Fix retry", "2026-02-10", "done")])],
                        message: "Close PA-2\n\nCloses: inc-2026-007/pa-2, INC-2026-007/PA-9\nRefs: INC-2026-007/PA-1", date: "2026-02-09")
        try repo.commit(["notes.txt": "unrelated\n"], message: "Unrelated", date: "2026-02-20")
        try repo.commit([file: pm([("PA-1", "Add alert", "2026-03-15", "done"), ("PA-2", "Fix retry", "2026-02-10", "open")])],
                        message: "Reopen PA-2", date: "2026-03-10T23:30:00+00:00")

        let history = try history(repo)
        XCTAssertNil(history.gap)
        XCTAssertEqual(history.commitsRead, 4)
        let first = try XCTUnwrap(history.record(for: "inc-2026-007/pa-1"))
        XCTAssertEqual(first.key, "INC-2026-007/PA-1")
        XCTAssertEqual(first.firstRecorded.date.description, "2026-01-12")
        XCTAssertEqual(first.firstDue?.description, "2026-02-01")
        XCTAssertEqual(first.dueChanges.map { "\($0.fromText)->\($0.toText)@\($0.commit.date)" },
                       ["2026-02-01->2026-03-01@2026-01-30", "2026-03-01->2026-03-15@2026-02-09"])
        XCTAssertEqual(first.slips.count, 2)
        XCTAssertEqual(first.daysSlipped, 42)
        XCTAssertEqual(history.closedOn("INC-2026-007/PA-1")?.description, "2026-03-10")
        XCTAssertEqual(first.statusChanges.map { "\($0.from?.rawValue ?? "?")->\($0.to?.rawValue ?? "?")" },
                       ["open->in-progress", "in-progress->done"])
        // Closed, then reopened: no closing day.
        XCTAssertNil(history.closedOn("INC-2026-007/PA-2"))
        XCTAssertEqual(history.record(for: "INC-2026-007/PA-2")?.statusChanges.count, 2)
        XCTAssertEqual(history.references(to: "INC-2026-007/PA-2").map { "\($0.kind.rawValue) \($0.commit.subject)" }, ["closes Close PA-2"])
        XCTAssertEqual(history.references(to: "INC-2026-007/PA-1").map(\.kind), [.refs])
        XCTAssertEqual(history.references.map(\.key), ["inc-2026-007/pa-2", "INC-2026-007/PA-9", "INC-2026-007/PA-1"])
    }

    func test_item1_followsRenamesKeepsRecordsAcrossAnIDChangeAndMarksDeletions() throws {
        let repo = try HistoryRepo(testCase: self)
        try repo.commit(["debrief.yml": "required_sections: [Summary]\n",
                         "postmortems/a.md": pm([("PA-1", "Add alert", "2026-02-01", "open")]),
                         "postmortems/b.md": pm([("PA-1", "Shard the queue", "2026-02-01", "open")], id: "INC-2026-008")],
                        message: "Two", date: "2026-01-12")
        try repo.run(["mv", "postmortems/a.md", "postmortems/2026-01-10-renamed.md"])
        try repo.commit([:], message: "Rename", date: "2026-01-20")
        try repo.commit(["postmortems/2026-01-10-renamed.md": pm([("PA-1", "Add alert", "2026-02-20", "open")])],
                        message: "Move after rename", date: "2026-01-25")
        // The row's ID changes; its text stays: the same action.
        try repo.commit(["postmortems/2026-01-10-renamed.md": pm([("PA-3", "Add alert", "2026-03-01", "open")])],
                        message: "Renumber", date: "2026-01-28")
        try repo.run(["rm", "-q", "postmortems/b.md"])
        try repo.commit([:], message: "Delete b", date: "2026-02-02")

        let history = try history(repo)
        let record = try XCTUnwrap(history.record(for: "INC-2026-007/PA-3"))
        XCTAssertEqual(record.formerKeys, ["INC-2026-007/PA-1"])
        XCTAssertEqual(record.firstRecorded.date.description, "2026-01-12")
        XCTAssertEqual(record.dueChanges.map(\.toText), ["2026-02-20", "2026-03-01"])
        XCTAssertEqual(history.record(for: "INC-2026-007/PA-1")?.key, "INC-2026-007/PA-3")
        XCTAssertEqual(history.record(for: "INC-2026-008/PA-1")?.removed?.date.description, "2026-02-02")
    }

    func test_item1_readsTaskListsAndFollowsTheFirstParentOfMerges() throws {
        let repo = try HistoryRepo(testCase: self)
        let task = { (due: String) in
            "---\nid: INC-2026-009\ntitle: T\ndate: 2026-01-10\nseverity: SEV1\nstatus: final\n---\n\n## Summary\n\nX.\n\n## Action items\n\n- [ ] PA-1 Rehearse failover (@lena, due \(due))\n"
        }
        try repo.commit(["debrief.yml": "required_sections: [Summary]\n", "postmortems/t.md": task("2026-02-01")],
                        message: "Task", date: "2026-01-12")
        try repo.run(["checkout", "-q", "-b", "branch"])
        try repo.commit(["postmortems/t.md": task("2026-02-05")], message: "Branch 1", date: "2026-01-13")
        try repo.commit(["postmortems/t.md": task("2026-02-09")], message: "Branch 2\n\nFixes: INC-2026-009/PA-1", date: "2026-01-14")
        try repo.run(["checkout", "-q", "main"])
        try repo.commit(["notes.txt": "x\n"], message: "Main moves on", date: "2026-01-15")
        try repo.run(["merge", "-q", "--no-ff", "-m", "Merge branch", "branch"], date: "2026-01-16")

        let history = try history(repo)
        let record = try XCTUnwrap(history.record(for: "INC-2026-009/PA-1"))
        XCTAssertEqual(record.dueChanges.map { "\($0.fromText)->\($0.toText)@\($0.commit.date)" }, ["2026-02-01->2026-02-09@2026-01-16"])
        XCTAssertEqual(history.references(to: "INC-2026-009/PA-1").map(\.commit.subject), ["Branch 2"])
    }

    func test_item1_aLogReadInPartsIsTheWholeLog() throws {
        // Merges, a rename and slips on both sides of every boundary.
        let repo = try HistoryRepo(testCase: self)
        try repo.commit(["debrief.yml": "required_sections: [Summary]\n",
                         "postmortems/a.md": pm([("PA-1", "Add alert", "2026-02-01", "open")]),
                         "postmortems/b.md": pm([("PA-1", "Shard", "2026-02-01", "open")], id: "INC-2026-008")],
                        message: "Two", date: "2026-01-01")
        for day in 2...9 {
            try repo.commit(["postmortems/a.md": pm([("PA-1", "Add alert", "2026-02-\(10 + day)", "open")])],
                            message: "Move a \(day)\n\nRefs: INC-2026-007/PA-1", date: "2026-01-0\(day)")
            if day == 4 {
                try repo.run(["checkout", "-q", "-b", "side"])
                try repo.commit(["postmortems/b.md": pm([("PA-1", "Shard", "2026-03-01", "open")], id: "INC-2026-008")],
                                message: "Side", date: "2026-01-04T12:00:00+00:00")
                try repo.run(["checkout", "-q", "main"])
                try repo.run(["merge", "-q", "--no-ff", "-m", "Merge side", "side"], date: "2026-01-04T13:00:00+00:00")
            }
            if day == 6 {
                try repo.run(["mv", "postmortems/b.md", "postmortems/c.md"])
                try repo.commit([:], message: "Rename", date: "2026-01-06T12:00:00+00:00")
            }
        }
        try repo.commit(["postmortems/c.md": pm([("PA-1", "Shard", "2026-03-01", "done")], id: "INC-2026-008")],
                        message: "Close\n\nCloses: INC-2026-008/PA-1", date: "2026-01-20")
        let base = try RepositoryLoader().load(root: repo.root)
        func read(parts: Int) throws -> [String] {
            var reader = ActionHistoryReader(git: try Git(at: repo.root.path), root: repo.root, layout: base.layout)
            reader.logParts = parts
            reader.logSplitFrom = 1
            if parts > 1 { XCTAssertEqual(try reader.logRanges().count, parts) }
            let history = try reader.read()
            return history.records.values.sorted { $0.key < $1.key }.map { record in
                "\(record.key) \(record.formerKeys) first \(record.firstRecorded.sha.prefix(7)) "
                    + "due \(record.dueChanges.map { "\($0.toText)@\($0.commit.sha.prefix(7))" }) "
                    + "closed \(record.closed?.sha.prefix(7) ?? "-") removed \(record.removed?.sha.prefix(7) ?? "-")"
            } + ["commits \(history.commitsRead)", "references \(history.references.count)"]
        }
        let whole = try read(parts: 1)
        XCTAssertEqual(whole.last, "references 9")
        XCTAssertTrue(whole.contains { $0.hasPrefix("INC-2026-007/PA-1 [] first") && $0.contains("2026-02-19@") })
        XCTAssertEqual(try read(parts: 2), whole)
        XCTAssertEqual(try read(parts: 3), whole)
    }

    func test_item1_aShallowCloneIsAGapNotAnEmptyHistory() throws {
        let repo = try HistoryRepo(testCase: self)
        try repo.commit(["debrief.yml": "required_sections: [Summary]\n", "postmortems/a.md": pm([("PA-1", "A", "2026-02-01", "open")])],
                        message: "One", date: "2026-01-12")
        try repo.commit(["postmortems/a.md": pm([("PA-1", "A", "2026-02-11", "open")])], message: "Two", date: "2026-01-13")
        let clone = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("clone")
        try repo.run(["clone", "-q", "--depth", "1", "file://" + repo.root.path, clone.path])
        let history = try history(HistoryRepo(at: clone))
        XCTAssertEqual(history.gap, .shallow)
        XCTAssertNil(history.record(for: "INC-2026-007/PA-1"))
        XCTAssertNil(history.closedOn("INC-2026-007/PA-1"))
    }

    func test_item1_anEmptyRepositoryHasAnEmptyCompleteHistory() throws {
        let repo = try HistoryRepo(testCase: self)
        try writeFile(Data("required_sections: [Summary]\n".utf8), to: "debrief.yml", under: repo.root)
        let history = try history(repo)
        XCTAssertNil(history.gap)
        XCTAssertNil(history.head)
        XCTAssertEqual(history.commitsRead, 0)
    }

    func test_item1_theLightReaderAgreesWithTheParserOnRowsAndTasks() throws {
        let text = """
            ---
            id: "INC-1"
            ---

            ## Preventive actions

            | # | Description | Assignee | Due date | State |
            |---|---|---|---|---|
            | `PA-1` | **Alert** on [401s](https://x) | @a | 2026-02-01 | Won't do |
            | PA-2 | Pipe \\| in text | b | TBD | wip |

            ### Detection

            - [x] A8 Probe the edge (@c, due 2026-03-01)
            - [ ] A9 Probe the other
              edge (@d, due 2026-03-02, status: in progress)

            ## Lessons Learned

            | ID | Action | Owner |
            |---|---|---|
            | PA-9 | not an action | x |
            """
        let config = Config()
        let layout = RepositoryLayout(config: config, postmortemFiles: [], sopFiles: [])
        let version = ActionRowReader(config: config, layout: layout).read(Substring(text), file: "p.md")
        XCTAssertEqual(version.postmortemID, "INC-1")
        XCTAssertEqual(version.actions.map { "\($0.key)|\($0.action)|\($0.dueText)|\($0.status?.rawValue ?? "?")" }, [
            "INC-1/PA-1|Alert on 401s|2026-02-01|wont-do",
            "INC-1/PA-2|Pipe | in text|TBD|in-progress",
            "INC-1/A8|Probe the edge|2026-03-01|done",
            "INC-1/A9|Probe the other edge|2026-03-02|in-progress",
        ])
    }
}
