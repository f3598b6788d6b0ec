import DebriefTestSupport
import Foundation
import XCTest

final class CloseCommandTests: GitRepoTestCase {
    let queue = "postmortems/2026-01-10-queue-stuck.md"
    let dns = "postmortems/2026-02-02-dns.md"

    func test_item1_closeSetsTheStatusCellRecordsTheCommitAndPrintsTheDiff() throws {
        let root = try gitRepo()
        let sha = try git(["rev-parse", "HEAD"], in: root).trimmingCharacters(in: .newlines)
        let before = try read(queue, in: root)
        let result = try debrief(["close", "INC-2026-010/PA-1", "--commit", "main"], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let oldRow = "| PA-1 | Add a prefetch check to the restart SOP | @lena | 2026-02-01 | open   | queue-restart |        |"
        let newRow = "| PA-1 | Add a prefetch check to the restart SOP | @lena | 2026-02-01 | done   | queue-restart | \(sha) |"
        XCTAssertEqual(try read(queue, in: root), before.replacingOccurrences(of: oldRow, with: newRow))
        XCTAssertEqual(result.stdout, """
            --- a/\(queue)
            +++ b/\(queue)
            @@ -41,7 +41,7 @@
             
             | ID   | Action                                  | Owner | Due        | Status | SOP           | Ticket |
             |------|-----------------------------------------|-------|------------|--------|---------------|--------|
            -\(oldRow)
            +\(newRow)
             | PA-2 | Alert when a broker disk is 80% full    | @max  | 2026-01-20 | done   |               | OPS-12 |
             | PA-3 | Pin the broker version                  | @max  | 2026-03-01 | open   |               | OPS-14 |
             

            """)
        XCTAssertEqual(result.stderr, "INC-2026-010/PA-1 set to done in \(queue), commit \(sha) recorded\n")

        let again = try debrief(["close", "INC-2026-010/PA-1"], in: root)
        XCTAssertEqual(again.exitCode, 0)
        XCTAssertEqual(again.stdout, "INC-2026-010/PA-1 is already done ('done', \(queue):44); nothing to change\n")
    }

    /// The commit that did the work usually lives in a code repository: `--repo` resolves it there.
    func test_item1_theCommitCanBeOneOfACodeRepository() throws {
        let root = try gitRepo()
        let code = try HistoryRepo(testCase: self)
        try code.commit(["prefetch.sh": "check\n"], message: "Add the prefetch check", date: "2026-02-01")
        let sha = try code.head()
        let outside = try debrief(["close", "INC-2026-010/PA-1", "--commit", String(sha.prefix(9))], in: root)
        XCTAssertEqual(outside.exitCode, 2)
        XCTAssertTrue(outside.stderr.hasPrefix("debrief: error: --commit '\(sha.prefix(9))' is not a commit of the repository at "), outside.stderr)
        let result = try debrief(["close", "INC-2026-010/PA-1", "--commit", String(sha.prefix(9)), "--repo", code.root.path], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stderr, "INC-2026-010/PA-1 set to done in \(queue), commit \(sha) recorded\n")
        XCTAssertTrue(try read(queue, in: root).contains("| 2026-02-01 | done   | queue-restart | \(sha) |"))
        let alone = try debrief(["close", "INC-2026-010/PA-3", "--repo", code.root.path], in: root)
        XCTAssertEqual(alone.exitCode, 2)
        XCTAssertEqual(alone.stderr, "debrief: error: --repo names where --commit is; give --commit too\n")
    }

    func test_item1_crlfAndByteOrderMarkAreKept() throws {
        let root = try gitRepo()
        let url = root.appendingPathComponent(queue)
        let lf = try Data(contentsOf: url)
        let crlf = Data([0xEF, 0xBB, 0xBF]) + Data(String(decoding: lf, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try crlf.write(to: url)
        let result = try debrief(["close", "INC-2026-010/PA-3", "--status", "wont-do", "--commit", "HEAD"], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let expected = String(decoding: crlf, as: UTF8.self).replacingOccurrences(
            of: "| @max  | 2026-03-01 | open   |               | OPS-14 |", with: "| @max  | 2026-03-01 | wont-do |               | OPS-14 |")
        XCTAssertEqual(try Data(contentsOf: url), Data(expected.utf8))
        XCTAssertTrue(result.stderr.hasPrefix("debrief: note: commit "), result.stderr)
        XCTAssertTrue(result.stderr.contains("is not recorded in \(queue): its Ticket cell is not empty (OPS-14), and a filled cell is never rewritten\n"), result.stderr)
    }

    func test_item1_checkWritesNothingAndExitsOne() throws {
        let root = try gitRepo()
        let before = try read(dns, in: root)
        let result = try debrief(["close", "INC-2026-020/PA-1", "--check"], in: root)
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.stdout.contains("-- [ ] PA-1 Alert on resolver cache size (@ana, due 2026-03-15)\n+- [x] PA-1 Alert on resolver cache size (@ana, due 2026-03-15)\n"), result.stdout)
        XCTAssertEqual(result.stderr, "INC-2026-020/PA-1 would be set to done in \(dns); run 'debrief close' without --check to write it\n")
        XCTAssertEqual(try read(dns, in: root), before)
    }

    func test_item1_refusalsAndTheirExitCodes() throws {
        let root = try gitRepo()
        let unknown = try debrief(["close", "INC-2026-010/PA-4"], in: root)
        XCTAssertEqual(unknown.exitCode, 2)
        XCTAssertEqual(unknown.stderr, "debrief: error: no preventive action 'INC-2026-010/PA-4'; did you mean 'INC-2026-010/PA-1'?\n")

        // A task item takes wont-do in its fields, its checkbox left as it is.
        let dnsBefore = try read(dns, in: root)
        let wontDo = try debrief(["close", "INC-2026-020/PA-1", "--status", "wont-do"], in: root)
        XCTAssertEqual(wontDo.exitCode, 0, wontDo.stderr)
        XCTAssertEqual(wontDo.stderr, "INC-2026-020/PA-1 set to wont-do in \(dns)\n")
        XCTAssertEqual(try read(dns, in: root), dnsBefore.replacingOccurrences(
            of: "- [ ] PA-1 Alert on resolver cache size (@ana, due 2026-03-15)\n",
            with: "- [ ] PA-1 Alert on resolver cache size (@ana, due 2026-03-15, status: wont-do)\n"))

        let badCommit = try debrief(["close", "INC-2026-010/PA-1", "--commit", "no-such-branch"], in: root)
        XCTAssertEqual(badCommit.exitCode, 2)
        XCTAssertTrue(badCommit.stderr.hasPrefix("debrief: error: --commit 'no-such-branch' is not a commit of the repository at "), badCommit.stderr)

        let badStatus = try debrief(["close", "INC-2026-010/PA-1", "--status", "open"], in: root)
        XCTAssertEqual(badStatus.exitCode, 2)
        XCTAssertTrue(badStatus.stderr.contains("The value 'open' is invalid for '--status <STATUS>'. Please provide one of 'done' and 'wont-do'."), badStatus.stderr)

        try edit(queue, in: root, replacing: "| @max  | 2026-03-01 | open   |", with: "| @max  | 2026-03-01 | blocked |")
        let before = try read(queue, in: root)
        let refused = try debrief(["close", "INC-2026-010/PA-1"], in: root)
        XCTAssertEqual(refused.exitCode, 1)
        XCTAssertTrue(refused.stderr.contains("\(queue):46:73: error: [DB062] action PA-3 has unknown status 'blocked'"), refused.stderr)
        XCTAssertTrue(refused.stderr.hasSuffix("debrief: close refused: 1 error in the post-mortem (see 'debrief check'); nothing was written\n"), refused.stderr)
        XCTAssertEqual(try read(queue, in: root), before)
        // Another post-mortem's errors do not stop it.
        XCTAssertEqual(try debrief(["close", "INC-2026-020/PA-1"], in: root).exitCode, 0)
        XCTAssertTrue(try read(dns, in: root).contains("- [x] PA-1 Alert on resolver cache size"))
    }
}
