import Foundation
import XCTest

/// `debrief sync` end to end: the built binary on copies of fixture repos; transcripts and the
/// resulting files compared with golden files in `Fixtures/golden`.
final class SyncCommandTests: XCTestCase {
    func testSyncWritesBlocksThenASecondSyncChangesNothing() throws {
        let repo = try scratchCopy(of: DebriefBinary.fixtures.appendingPathComponent("sync-repo"), in: self)
        let sop = repo.appendingPathComponent("sops/queue-restart.md").path
        chmod(sop, 0o600)
        try Golden.assertRun(["sync", "--root", repo.path], matches: "sync-repo", placeholders: [repo.path: "<repo>"])
        try Golden.assertTree(repo, matches: "sync-repo")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: sop)[.posixPermissions] as? Int, 0o600)

        let inode = try FileManager.default.attributesOfItem(atPath: sop)[.systemFileNumber] as? Int
        try Golden.assertRun(["sync", "--root", repo.path], matches: "sync-repo-again", placeholders: [repo.path: "<repo>"])
        try Golden.assertSameTree(repo, Golden.directory.appendingPathComponent("sync-repo.tree"))
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: sop)[.systemFileNumber] as? Int, inode, "an unchanged SOP was rewritten")
        try Golden.assertRun(["sync", "--root", repo.path, "--check"], matches: "sync-repo-check-current", placeholders: [repo.path: "<repo>"])
    }

    /// Temporary files a killed sync left: `check` and `build` warn about each (DB094), the next
    /// sync removes the ones over an hour old, and nothing else is ever touched.
    func test_item14_leftoverTemporaryFilesAreReportedAndOldOnesRemoved() throws {
        let repo = try scratchCopy(of: DebriefBinary.fixtures.appendingPathComponent("sync-repo"), in: self)
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
        let check = try DebriefBinary.run(["check", "--root", repo.path])
        let reported = check.stdout.split(separator: "\n").filter { $0.contains("[DB094]") }
        XCTAssertEqual(reported, [
            "postmortems/.2026-01-10-queue-stuck.md.debrief-Zz9Yy8:1:1: warning: [DB094] \(message)",
            "sops/.queue-restart.md.debrief-Q7x2Lp:1:1: warning: [DB094] \(message)",
            "sops/.retired.md.debrief-young1:1:1: warning: [DB094] \(message)",
            "sops/ops/.disk-full.md.debrief-a1B2c3:1:1: warning: [DB094] \(message)",
        ], check.stdout)
        XCTAssertEqual(check.exitCode, 0, check.stdout)
        let build = try DebriefBinary.run(["build", "--root", repo.path, "--output", repo.appendingPathComponent("_site").path])
        XCTAssertEqual(build.stderr.split(separator: "\n").filter { $0.contains("[DB094]") }, reported, build.stderr)

        let sync = try DebriefBinary.run(["sync", "--root", repo.path])
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
        let after = try DebriefBinary.run(["check", "--root", repo.path])
        XCTAssertEqual(after.stdout.split(separator: "\n").filter { $0.contains("[DB094]") },
                       ["sops/.retired.md.debrief-young1:1:1: warning: [DB094] \(message)"])
    }

    func testCheckNamesOutOfDateSOPsAndWritesNothing() throws {
        let fixture = DebriefBinary.fixtures.appendingPathComponent("sync-repo")
        let repo = try scratchCopy(of: fixture, in: self)
        try Golden.assertRun(["sync", "--check", "--root", repo.path], matches: "sync-repo-check", placeholders: [repo.path: "<repo>"])
        try Golden.assertSameTree(repo, fixture)
    }

    func testDiffPrintsTheChangeAndWritesNothing() throws {
        let fixture = DebriefBinary.fixtures.appendingPathComponent("sync-repo")
        let repo = try scratchCopy(of: fixture, in: self)
        try Golden.assertRun(["sync", "--diff", "--root", repo.path], matches: "sync-repo-diff", placeholders: [repo.path: "<repo>"])
        try Golden.assertSameTree(repo, fixture)
        // With --check too: the diff alone on standard output, the names on standard error, exit 1.
        try Golden.assertRun(["sync", "--check", "--diff", "--root", repo.path], matches: "sync-repo-check-diff", placeholders: [repo.path: "<repo>"])
        try Golden.assertSameTree(repo, fixture)
    }

    func testBrokenMarkersLeaveThatSOPAloneAndSyncTheOthers() throws {
        let repo = try scratchCopy(of: DebriefBinary.fixtures.appendingPathComponent("sync-broken-markers"), in: self)
        try Golden.assertRun(["sync", "--root", repo.path], matches: "sync-broken-markers", placeholders: [repo.path: "<repo>"])
        try Golden.assertTree(repo, matches: "sync-broken-markers")
    }

    /// A read-only SOP is not replaced: sync says so, writes the others, and exits 2.
    func testReadOnlySOPIsReportedAndTheOthersAreWritten() throws {
        let repo = try scratchCopy(of: DebriefBinary.fixtures.appendingPathComponent("sync-repo"), in: self)
        let sop = repo.appendingPathComponent("sops/queue-restart.md").path
        let old = FileManager.default.contents(atPath: sop)
        chmod(sop, 0o444)
        try Golden.assertRun(["sync", "--root", repo.path], matches: "sync-read-only", placeholders: [repo.path: "<repo>"])
        XCTAssertEqual(FileManager.default.contents(atPath: sop), old)
        let expected = Golden.directory.appendingPathComponent("sync-repo.tree/sops/ops/disk-full.md")
        XCTAssertEqual(FileManager.default.contents(atPath: repo.appendingPathComponent("sops/ops/disk-full.md").path),
                       FileManager.default.contents(atPath: expected.path))
    }

    func testRefusesWhilePostmortemsHaveErrors() throws {
        let fixture = DebriefBinary.fixtures.appendingPathComponent("sync-refused")
        let repo = try scratchCopy(of: fixture, in: self)
        for (arguments, name) in [(["sync"], "sync-refused"), (["sync", "--check"], "sync-refused-check")] {
            try Golden.assertRun(arguments + ["--root", repo.path], matches: name, placeholders: [repo.path: "<repo>"])
            try Golden.assertSameTree(repo, fixture)
        }
    }

    /// The refusal says where the errors are: here only in debrief.yml.
    func testRefusesWhileTheConfigHasErrors() throws {
        let repo = try scratchCopy(of: DebriefBinary.fixtures.appendingPathComponent("sync-repo"), in: self)
        try Data("sop: runbooks\n".utf8).write(to: repo.appendingPathComponent("debrief.yml"))
        let before = try scratchCopy(of: repo, in: self)
        try Golden.assertRun(["sync", "--root", repo.path], matches: "sync-refused-config", placeholders: [repo.path: "<repo>"])
        try Golden.assertSameTree(repo, before)
    }

    func testMissingRootIsAnEnvironmentError() throws {
        try Golden.assertRun(["sync", "--root", "/nonexistent/debrief-repo"], matches: "sync-missing-root")
    }

    func testExampleRepo() throws {
        let example = DebriefBinary.packageRoot.appendingPathComponent("docs/example")
        let repo = try scratchCopy(of: example, in: self)
        // The example is kept in sync, as a team running `sync --check` in CI would keep it.
        let current = try DebriefBinary.run(["sync", "--check", "--root", repo.path])
        XCTAssertEqual(current.exitCode, 0, current.stdout + current.stderr)

        // An action moves on: the SOP it names goes out of date, and only that SOP.
        let postmortem = repo.appendingPathComponent("postmortems/2026-03-14-payment-timeouts.md")
        let text = try String(contentsOf: postmortem, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "| 2026-12-15 | in-progress | db/database-restore |", with: "| 2026-12-15 | done | db/database-restore |")
        XCTAssertNotEqual(edited, text)
        try edited.write(to: postmortem, atomically: true, encoding: .utf8)
        let before = try scratchCopy(of: repo, in: self)

        try Golden.assertRun(["sync", "--diff", "--root", repo.path], matches: "example-sync-diff", placeholders: [repo.path: "<repo>"])
        try Golden.assertSameTree(repo, before)
        try Golden.assertRun(["sync", "--root", repo.path], matches: "example-sync", placeholders: [repo.path: "<repo>"])
        let check = try DebriefBinary.run(["sync", "--check", "--root", repo.path])
        XCTAssertEqual(check.exitCode, 0, check.stdout + check.stderr)
        // The blocks keep the repo valid: their links resolve.
        let validation = try DebriefBinary.run(["check", "--root", repo.path])
        XCTAssertEqual(validation.exitCode, 0, validation.stdout)
        XCTAssertTrue(validation.stdout.hasSuffix("0 errors, 1 warning in 11 files\n"), validation.stdout)
    }
}
