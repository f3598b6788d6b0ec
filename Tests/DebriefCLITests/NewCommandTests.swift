import DebriefTestSupport
import Foundation
import XCTest

final class NewCommandTests: CLITestCase {
    private func repo() throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    private func text(_ file: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    }

    func testTwoNewPostmortemsGetSequentialIdsAndPassCheck() throws {
        let root = try repo()
        let first = try debrief(["new", "Checkout unavailable during the spring promotion", "--date", "2026-03-14",
                                                  "--severity", "SEV2", "--service", "checkout", "--service", "payments"], in: root)
        XCTAssertEqual(first.exitCode, 0, first.stderr)
        XCTAssertEqual(first.stdout, "postmortems/2026-03-14-checkout-unavailable-during-the-spring-promotion.md\n")
        XCTAssertEqual(first.stderr, "")
        let second = try debrief(["new", "Search results stale", "--date", "2026-03-20"], in: root)
        XCTAssertEqual(second.stdout, "postmortems/2026-03-20-search-results-stale.md\n")

        let one = try text("postmortems/2026-03-14-checkout-unavailable-during-the-spring-promotion.md", in: root)
        XCTAssertTrue(one.hasPrefix("""
        ---
        id: INC-2026-001
        title: "Checkout unavailable during the spring promotion"
        date: 2026-03-14
        severity: SEV2
        status: draft
        services:
          - "checkout"
          - "payments"

        """), one)
        XCTAssertTrue(try text("postmortems/2026-03-20-search-results-stale.md", in: root).hasPrefix("---\nid: INC-2026-002\n"))
        XCTAssertTrue(try text("postmortems/2026-03-20-search-results-stale.md", in: root).contains("\nseverity: SEV4\n"))

        let check = try debrief(["check", "--format", "json"], in: root)
        XCTAssertEqual(check.exitCode, 0, check.stdout)
        XCTAssertTrue(check.stdout.contains("\"errors\" : 0") || check.stdout.contains("\"errors\":0"), check.stdout)
    }

    func testUnicodeAndYAMLSpecialTitlesPassCheck() throws {
        let root = try repo()
        let cases = [
            ("Größere Störung über Nacht", "postmortems/2026-03-14-grossere-storung-uber-nacht.md"),
            ("データベース障害", "postmortems/2026-03-14-detabesu-zhang-hai.md"),
            ("🔥🔥🔥", "postmortems/2026-03-14-inc-2026-003.md"),
            ("Checkout: down \"again\" #2 — 'really'", "postmortems/2026-03-14-checkout-down-again-2-really.md"),
        ]
        for (title, file) in cases {
            let run = try debrief(["new", title, "--date", "2026-03-14"], in: root)
            XCTAssertEqual(run.exitCode, 0, run.stderr)
            XCTAssertEqual(run.stdout, file + "\n")
        }
        XCTAssertTrue(try text("postmortems/2026-03-14-checkout-down-again-2-really.md", in: root)
            .contains("\ntitle: \"Checkout: down \\\"again\\\" #2 — 'really'\"\n"))
        let check = try debrief(["check"], in: root)
        XCTAssertEqual(check.exitCode, 0, check.stdout)
        XCTAssertTrue(check.stdout.hasSuffix("0 errors, 24 warnings in 4 files\n"), check.stdout)
    }

    func testNewSOPWritesTheSkeletonAndPassesCheckCleanly() throws {
        let root = try repo()
        let run = try debrief(["new", "sop", "Load balancer failover"], in: root)
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stdout, "sops/load-balancer-failover.md\n")
        XCTAssertTrue(try text("sops/load-balancer-failover.md", in: root).hasPrefix("---\ntitle: \"Load balancer failover\"\n"))
        XCTAssertEqual(try debrief(["check"], in: root).stdout, "0 errors, 0 warnings in 1 file\n")
    }

    func testExistingIdIsRefusedWithExit1AndNothingWritten() throws {
        let root = try repo()
        _ = try debrief(["new", "First", "--date", "2026-03-14"], in: root)
        let clash = try debrief(["new", "Second", "--id", "INC-2026-001", "--date", "2026-03-14"], in: root)
        XCTAssertEqual(clash.exitCode, 1)
        XCTAssertEqual(clash.stdout, "")
        XCTAssertEqual(clash.stderr, "debrief: error: id INC-2026-001 is already used by postmortems/2026-03-14-first.md; choose another --id or leave it out to get the next free one\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("postmortems/2026-03-14-second.md").path))

        let own = try debrief(["new", "Second", "--id", "OPS-7", "--date", "2026-03-14"], in: root)
        XCTAssertEqual(own.exitCode, 0, own.stderr)
        XCTAssertTrue(try text("postmortems/2026-03-14-second.md", in: root).hasPrefix("---\nid: OPS-7\n"))
    }

    func testExistingFileIsNeverOverwritten() throws {
        let root = try repo()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("postmortems"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: root.appendingPathComponent("postmortems/2026-03-14-same.md"))
        let run = try debrief(["new", "Same", "--date", "2026-03-14"], in: root)
        XCTAssertEqual(run.exitCode, 1)
        XCTAssertEqual(run.stderr, "debrief: error: postmortems/2026-03-14-same.md already exists; nothing was written (rename it or choose another title)\n")
        XCTAssertEqual(try text("postmortems/2026-03-14-same.md", in: root), "mine")
    }

    func testBadOptionsExit2() throws {
        let root = try repo()
        let severity = try debrief(["new", "x", "--severity", "P1"], in: root)
        XCTAssertEqual(severity.exitCode, 2)
        XCTAssertEqual(severity.stderr, "debrief: error: unknown severity 'P1'; debrief.yml allows SEV1, SEV2, SEV3, SEV4\n")
        let date = try debrief(["new", "x", "--date", "2026-02-30"], in: root)
        XCTAssertEqual(date.exitCode, 2)
        XCTAssertTrue(date.stderr.contains("--date '2026-02-30' is not a date; write YYYY-MM-DD"), date.stderr)
        let id = try debrief(["new", "x", "--id", "../etc"], in: root)
        XCTAssertEqual(id.exitCode, 2)
        XCTAssertEqual(id.stderr, "debrief: error: '../etc' is not a valid id; use letters, digits, '.', '_' and '-', starting with a letter or digit\n")
        let empty = try debrief(["new", "  "], in: root)
        XCTAssertEqual(empty.exitCode, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("postmortems").path))
    }

    func testBrokenConfigIsReportedAndNothingWritten() throws {
        let root = try repo()
        // A typo elsewhere in the file must not send the draft to the default folder with the default id.
        try Data("postmortems: incidents\nid_format: OPS-{seq:4}\ntitle: 'open\n".utf8).write(to: root.appendingPathComponent("debrief.yml"))
        let run = try debrief(["new", "Checkout down", "--date", "2026-03-14"], in: root)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, """
            debrief.yml:4:1: error: [DB001] invalid YAML: found unexpected end of stream (while scanning a quoted scalar)
            debrief: error: debrief.yml has errors; fix them first, so the draft gets the repo's folders and id format

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("postmortems").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("incidents").path))
    }

    func testPathIsPrintedRelativeToTheWorkingFolder() throws {
        let root = try repo()
        try Data("title: KB\n".utf8).write(to: root.appendingPathComponent("debrief.yml"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notes"), withIntermediateDirectories: true)
        let below = try debrief(["new", "From below", "--date", "2026-03-14"], in: root.appendingPathComponent("notes"))
        XCTAssertEqual(below.stdout, root.path + "/postmortems/2026-03-14-from-below.md\n")
        let above = try debrief(["new", "From above", "--date", "2026-03-14", "--root", "kb"], in: root.deletingLastPathComponent())
        XCTAssertEqual(above.stdout, "kb/postmortems/2026-03-14-from-above.md\n")
    }
}
