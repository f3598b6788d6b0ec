import DebriefTestSupport
import Foundation
import XCTest

final class InitCommandTests: CLITestCase {
    private func folder() throws -> URL {
        try FixtureRepo.temporaryDirectory(testCase: self)
    }

    private func regularFiles(under root: URL) -> [String] {
        files(under: root).filter { !FileManager.default.isDirectory(root.appendingPathComponent($0)) }
    }

    private let next = "\nNext: `debrief check` to validate, `debrief new \"What happened\"` to start a post-mortem, `debrief serve` to preview the site.\n"

    func testInitIntoAnEmptyFolderCreatesEverythingAndPassesCheck() throws {
        let work = try folder()
        let run = try debrief(["init", "kb", "--date", "2026-03-14"], in: work)
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(run.stdout, """
        created  debrief.yml
        created  postmortems/2026-03-14-example-checkout-errors-after-a-configuration-push.md
        created  sops/roll-back-a-configuration-change.md
        created  .github/workflows/debrief.yml
        created  .gitignore

        """ + next)
        let root = work.appendingPathComponent("kb")
        XCTAssertEqual(regularFiles(under: root), [".github/workflows/debrief.yml", ".gitignore", "debrief.yml",
                                            "postmortems/2026-03-14-example-checkout-errors-after-a-configuration-push.md",
                                            "sops/roll-back-a-configuration-change.md"])
        let check = try debrief(["check"], in: root)
        XCTAssertEqual(check.exitCode, 0, check.stdout)
        XCTAssertEqual(check.stdout, "0 errors, 0 warnings in 3 files\n")
        // The workflow's other gates pass on the fresh repo too.
        let sync = try debrief(["sync", "--check"], in: root)
        XCTAssertEqual(sync.exitCode, 0, sync.stdout + sync.stderr)
        let audit = try debrief(["audit", "--fail-on-overdue", "--format", "github", "--as-of", "2030-01-01"], in: root)
        XCTAssertEqual(audit.exitCode, 0, audit.stdout + audit.stderr)
        let build = try debrief(["build"], in: root)
        XCTAssertEqual(build.exitCode, 0, build.stdout + build.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("_site/index.html").path))
    }

    func testInitIntoAFolderWithFilesListsWhatItSkipped() throws {
        let root = try folder()
        try Data("title: Ours\n".utf8).write(to: root.appendingPathComponent("debrief.yml"))
        try Data(".DS_Store".utf8).write(to: root.appendingPathComponent(".gitignore"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".github/workflows"), withIntermediateDirectories: true)
        try Data("name: ours\n".utf8).write(to: root.appendingPathComponent(".github/workflows/debrief.yml"))
        let run = try debrief(["init", "--date", "2026-03-14"], in: root)
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
        created  postmortems/2026-03-14-example-checkout-errors-after-a-configuration-push.md
        created  sops/roll-back-a-configuration-change.md
        updated  .gitignore (added /_site/)
        skipped  debrief.yml (exists)
        skipped  .github/workflows/debrief.yml (exists)

        """ + next)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("debrief.yml"), encoding: .utf8), "title: Ours\n")
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8), ".DS_Store\n/_site/\n")
        XCTAssertEqual(try debrief(["check"], in: root).exitCode, 0)

        let again = try debrief(["init", "--date", "2026-03-14"], in: root)
        XCTAssertEqual(again.stdout, """
        skipped  debrief.yml (exists)
        skipped  postmortems/2026-03-14-example-checkout-errors-after-a-configuration-push.md (exists)
        skipped  sops/roll-back-a-configuration-change.md (exists)
        skipped  .github/workflows/debrief.yml (exists)
        skipped  .gitignore (already ignores _site/)

        """ + next)
    }

    func testInitOntoAFileIsAnEnvironmentError() throws {
        let root = try folder()
        try Data("x".utf8).write(to: root.appendingPathComponent("taken"))
        let run = try debrief(["init", "taken"], in: root)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertEqual(run.stderr, "debrief: error: taken exists and is not a folder\n")
        XCTAssertEqual(run.stdout, "")
    }
}

extension FileManager {
    func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
