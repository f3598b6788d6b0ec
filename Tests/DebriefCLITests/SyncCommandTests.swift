import DebriefTestSupport
import Foundation
import XCTest

/// `debrief sync` end to end: the built binary on copies of fixture repos; transcripts and the
/// resulting files compared with golden files in `Golden/`.
final class SyncCommandTests: CLITestCase {
    func testSyncWritesBlocksThenASecondSyncChangesNothing() throws {
        let repo = try fixture("sync-repo")
        let sop = repo.appendingPathComponent("sops/queue-restart.md").path
        chmod(sop, 0o600)
        try assertTranscript(["sync", "--root", repo.path], golden: "sync-repo", placeholders: [repo.path: "<repo>"])
        try assertTree(repo, golden: "sync-repo")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: sop)[.posixPermissions] as? Int, 0o600)

        let inode = try FileManager.default.attributesOfItem(atPath: sop)[.systemFileNumber] as? Int
        try assertTranscript(["sync", "--root", repo.path], golden: "sync-repo-again", placeholders: [repo.path: "<repo>"])
        try assertSameFiles(repo, as: Self.goldenTree("sync-repo"))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: sop)[.systemFileNumber] as? Int, inode, "an unchanged SOP was rewritten")
        try assertTranscript(["sync", "--root", repo.path, "--check"], golden: "sync-repo-check-current", placeholders: [repo.path: "<repo>"])
    }

    /// Temporary files a killed sync left: `check` and `build` warn about each (DB094), the next
    /// sync removes the ones over an hour old, and nothing else is ever touched.
    func test_item14_leftoverTemporaryFilesAreReportedAndOldOnesRemoved() throws {
        let repo = try fixture("sync-repo")
        let files = FileManager.default
        let twoHoursAgo = Date(timeIntervalSinceNow: -7200)
        func make(_ relative: String, old: Bool) throws {
            let path = repo.appendingPathComponent(relative).path
            XCTAssertTrue(files.createFile(atPath: path, contents: Data("copy of an SOP\n".utf8)))
            if old { try files.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: path) }
        }
        try make("sops/.queue-restart.md.debrief-Q7x2Lp", old: true)
        try make("sops/ops/.disk-full.md.debrief-a1B2c3", old: true)
        try make("postmortems/.2026-01-10-queue-stuck.md.debrief-Zz9Yy8", old: true)
        try make("sops/.retired.md.debrief-young1", old: false)
        // Look-alikes, old as they are, are never ours.
        let lookAlikes = ["sops/.x.debrief-notours", "sops/x.debrief-ABCDEF", "sops/.x.debrief-ABC12!", "sops/.debrief-ABCDEF",
                          "sops/.x.md.debrief-ABCDEF.bak", "sops/.x.md.debrief-ABCDE"]
        for name in lookAlikes { try make(name, old: true) }
        try files.createDirectory(at: repo.appendingPathComponent("sops/.dir.md.debrief-ABCDEF"), withIntermediateDirectories: false)
        try files.createSymbolicLink(atPath: repo.appendingPathComponent("sops/.link.md.debrief-ABCDEF").path, withDestinationPath: "queue-restart.md")

        let message = "temporary file left over from an interrupted 'debrief sync'; it can be deleted (the next sync removes it once it is an hour old)"
        let check = try debrief(["check", "--root", repo.path])
        let reported = check.stdout.split(separator: "\n").filter { $0.contains("[DB094]") }
        XCTAssertEqual(reported, [
            "postmortems/.2026-01-10-queue-stuck.md.debrief-Zz9Yy8:1:1: warning: [DB094] \(message)",
            "sops/.queue-restart.md.debrief-Q7x2Lp:1:1: warning: [DB094] \(message)",
            "sops/.retired.md.debrief-young1:1:1: warning: [DB094] \(message)",
            "sops/ops/.disk-full.md.debrief-a1B2c3:1:1: warning: [DB094] \(message)",
        ], check.stdout)
        XCTAssertEqual(check.exitCode, 0, check.stdout)
        let build = try debrief(["build", "--root", repo.path, "--output", repo.appendingPathComponent("_site").path])
        XCTAssertEqual(build.stderr.split(separator: "\n").filter { $0.contains("[DB094]") }, reported, build.stderr)

        let sync = try debrief(["sync", "--root", repo.path])
        XCTAssertEqual(sync.exitCode, 0, sync.stderr)
        XCTAssertEqual(sync.stdout, """
            updated sops/ops/disk-full.md
            updated sops/queue-restart.md
            updated sops/retired.md
            removed postmortems/.2026-01-10-queue-stuck.md.debrief-Zz9Yy8, left over from an interrupted sync
            removed sops/.queue-restart.md.debrief-Q7x2Lp, left over from an interrupted sync
            removed sops/ops/.disk-full.md.debrief-a1B2c3, left over from an interrupted sync
            3 SOPs updated, 0 up to date

            """)
        for gone in ["sops/.queue-restart.md.debrief-Q7x2Lp", "sops/ops/.disk-full.md.debrief-a1B2c3", "postmortems/.2026-01-10-queue-stuck.md.debrief-Zz9Yy8"] {
            XCTAssertFalse(files.fileExists(atPath: repo.appendingPathComponent(gone).path), gone)
        }
        for kept in lookAlikes + ["sops/.retired.md.debrief-young1", "sops/.dir.md.debrief-ABCDEF"] {
            XCTAssertTrue(files.fileExists(atPath: repo.appendingPathComponent(kept).path), kept)
        }
        XCTAssertNotNil(try? files.destinationOfSymbolicLink(atPath: repo.appendingPathComponent("sops/.link.md.debrief-ABCDEF").path))
        let after = try debrief(["check", "--root", repo.path])
        XCTAssertEqual(after.stdout.split(separator: "\n").filter { $0.contains("[DB094]") },
                       ["sops/.retired.md.debrief-young1:1:1: warning: [DB094] \(message)"])
    }

    func testCheckNamesOutOfDateSOPsAndWritesNothing() throws {
        let original = Self.fixtures.appendingPathComponent("sync-repo")
        let repo = try fixture("sync-repo")
        try assertTranscript(["sync", "--check", "--root", repo.path], golden: "sync-repo-check", placeholders: [repo.path: "<repo>"])
        try assertSameFiles(repo, as: original)
    }

    func testDiffPrintsTheChangeAndWritesNothing() throws {
        let original = Self.fixtures.appendingPathComponent("sync-repo")
        let repo = try fixture("sync-repo")
        try assertTranscript(["sync", "--diff", "--root", repo.path], golden: "sync-repo-diff", placeholders: [repo.path: "<repo>"])
        try assertSameFiles(repo, as: original)
        // With --check too: the diff alone on standard output, the names on standard error, exit 1.
        try assertTranscript(["sync", "--check", "--diff", "--root", repo.path], golden: "sync-repo-check-diff", placeholders: [repo.path: "<repo>"])
        try assertSameFiles(repo, as: original)
    }

    func testBrokenMarkersLeaveThatSOPAloneAndSyncTheOthers() throws {
        let repo = try fixture("sync-broken-markers")
        try assertTranscript(["sync", "--root", repo.path], golden: "sync-broken-markers", placeholders: [repo.path: "<repo>"])
        try assertTree(repo, golden: "sync-broken-markers")
    }

    /// A read-only SOP is not replaced: sync says so, writes the others, and exits 2.
    func testReadOnlySOPIsReportedAndTheOthersAreWritten() throws {
        let repo = try fixture("sync-repo")
        let sop = repo.appendingPathComponent("sops/queue-restart.md").path
        let old = FileManager.default.contents(atPath: sop)
        chmod(sop, 0o444)
        try assertTranscript(["sync", "--root", repo.path], golden: "sync-read-only", placeholders: [repo.path: "<repo>"])
        XCTAssertEqual(FileManager.default.contents(atPath: sop), old)
        let expected = Self.goldenTree("sync-repo").appendingPathComponent("sops/ops/disk-full.md")
        XCTAssertEqual(FileManager.default.contents(atPath: repo.appendingPathComponent("sops/ops/disk-full.md").path),
                       FileManager.default.contents(atPath: expected.path))
    }

    func testRefusesWhilePostmortemsHaveErrors() throws {
        let original = Self.fixtures.appendingPathComponent("sync-refused")
        let repo = try fixture("sync-refused")
        for (arguments, name) in [(["sync"], "sync-refused"), (["sync", "--check"], "sync-refused-check")] {
            try assertTranscript(arguments + ["--root", repo.path], golden: name, placeholders: [repo.path: "<repo>"])
            try assertSameFiles(repo, as: original)
        }
    }

    /// The refusal says where the errors are: here only in debrief.yml.
    func testRefusesWhileTheConfigHasErrors() throws {
        let repo = try fixture("sync-repo")
        try Data("sop: runbooks\n".utf8).write(to: repo.appendingPathComponent("debrief.yml"))
        let before = try FixtureRepo(copying: repo, testCase: self).root
        try assertTranscript(["sync", "--root", repo.path], golden: "sync-refused-config", placeholders: [repo.path: "<repo>"])
        try assertSameFiles(repo, as: before)
    }

    func testMissingRootIsAnEnvironmentError() throws {
        try assertTranscript(["sync", "--root", "/nonexistent/debrief-repo"], golden: "sync-missing-root")
    }

    func testExampleRepo() throws {
        let repo = try FixtureRepo(copying: TestPaths.exampleRepo, testCase: self).root
        // The example is kept in sync, as a team running `sync --check` in CI would keep it.
        let current = try debrief(["sync", "--check", "--root", repo.path])
        XCTAssertEqual(current.exitCode, 0, current.stdout + current.stderr)

        // An action moves on: the SOP it names goes out of date, and only that SOP.
        let postmortem = repo.appendingPathComponent("postmortems/2026-03-14-payment-timeouts.md")
        let text = try String(contentsOf: postmortem, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "| 2026-12-15 | in-progress | db/database-restore |", with: "| 2026-12-15 | done | db/database-restore |")
        XCTAssertNotEqual(edited, text)
        try edited.write(to: postmortem, atomically: true, encoding: .utf8)
        let before = try FixtureRepo(copying: repo, testCase: self).root

        try assertTranscript(["sync", "--diff", "--root", repo.path], golden: "example-sync-diff", placeholders: [repo.path: "<repo>"])
        try assertSameFiles(repo, as: before)
        try assertTranscript(["sync", "--root", repo.path], golden: "example-sync", placeholders: [repo.path: "<repo>"])
        let check = try debrief(["sync", "--check", "--root", repo.path])
        XCTAssertEqual(check.exitCode, 0, check.stdout + check.stderr)
        // The blocks keep the repo valid: their links resolve.
        let validation = try debrief(["check", "--root", repo.path])
        XCTAssertEqual(validation.exitCode, 0, validation.stdout)
        XCTAssertTrue(validation.stdout.hasSuffix("0 errors, 2 warnings in 11 files\n"), validation.stdout)
    }
}
