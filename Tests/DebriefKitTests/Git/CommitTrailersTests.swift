import DebriefTestSupport
import Foundation
import XCTest
@testable import DebriefKit

final class CommitTrailersTests: XCTestCase {
    private func keys(_ trailers: [String]) -> [String] {
        CommitTrailerReader.keys(in: trailers.joined(separator: "\u{1E}")).map { "\($0.0.rawValue) \($0.1)" }
    }

    func test_item1_keysAreCaseInsensitiveAndSeveralPerTrailer() {
        XCTAssertEqual(keys(["CLOSES: INC-2026-007/PA-3, inc-2026-007/pa-4", "fixes: INC-1/PA-1 INC-2/PA-2", "Refs: INC-3/A9."]), [
            "closes INC-2026-007/PA-3", "closes inc-2026-007/pa-4", "fixes INC-1/PA-1", "fixes INC-2/PA-2", "refs INC-3/A9",
        ])
    }

    func test_item1_junkLinesAndWordsThatAreNoKeysAreLeftOut() {
        XCTAssertEqual(keys(["Signed-off-by: Dana <dana@example.com>", "Closes #812", "Closes: #812, OPS-1304, https://x.example/a/b",
                             "Refs: /tmp/, INC-4/", "no colon here", "Closes:", "Fixes: INC-5/PA-1;"]), ["fixes INC-5/PA-1"])
    }

    func test_item1_slipsAreLaterDueDatesOnly() {
        let commit = HistoryCommit(sha: "a", timestamp: 0)
        let changes = [DueChange(commit: commit, fromText: "", toText: "2026-02-01"),
                       DueChange(commit: commit, fromText: "2026-02-01", toText: "2026-03-01"),
                       DueChange(commit: commit, fromText: "2026-03-01", toText: "2026-02-20"),
                       DueChange(commit: commit, fromText: "2026-02-20", toText: "TBD"),
                       DueChange(commit: commit, fromText: "2026-02-20", toText: "2026-02-25")]
        XCTAssertEqual(changes.map(\.days), [nil, 28, -9, nil, 5])
        XCTAssertEqual(changes.map(\.isSlip), [false, true, false, false, true])
        var record = ActionRecord(key: "INC-1/PA-1", firstRecorded: HistoryCommit(sha: "b", timestamp: 86_400 * 20_454 + 3_600))
        record.dueChanges = changes
        XCTAssertEqual(record.slips.count, 2)
        XCTAssertEqual(record.daysSlipped, 33)
        XCTAssertEqual(record.firstRecordedOn.description, "2026-01-01")
        XCTAssertNil(record.closedOn)
    }

    func test_item1_readsTrailersFromARealRepositoryOldestFirst() throws {
        let repo = try HistoryRepo(testCase: self)
        try repo.commit(["a.txt": "1\n"], message: "No trailer\n\nCloses: not in the last paragraph INC-9/PA-9\n\nJust text.",
                        date: "2026-01-10")
        try repo.commit(["a.txt": "2\n"], message: "Two keys\n\ncloses: INC-1/PA-1, inc-1/pa-2\nSigned-off-by: Dana <d@example.com>\nREFS: INC-2/PA-1",
                        date: "2026-01-11")
        try repo.commit(["a.txt": "3\n"], message: "Folded\n\nFixes: INC-3/PA-1,\n  INC-3/PA-2", date: "2026-01-12")
        let references = try CommitTrailerReader(git: try Git(at: repo.root.path), label: "code").read()
        XCTAssertEqual(references.map { "\($0.repo) \($0.commit.date) \($0.kind.rawValue) \($0.key) \($0.commit.subject)" }, [
            "code 2026-01-11 closes INC-1/PA-1 Two keys", "code 2026-01-11 closes inc-1/pa-2 Two keys", "code 2026-01-11 refs INC-2/PA-1 Two keys",
            "code 2026-01-12 fixes INC-3/PA-1 Folded", "code 2026-01-12 fixes INC-3/PA-2 Folded",
        ])
    }
}
