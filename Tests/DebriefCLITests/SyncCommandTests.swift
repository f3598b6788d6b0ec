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
        XCTAssertTrue(validation.stdout.hasSuffix("0 errors, 1 warning in 11 files\n"), validation.stdout)
    }
}
