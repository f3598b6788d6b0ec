import DebriefTestSupport
import Foundation
import XCTest

/// What `check` and `build` read from a hostile repo: only regular files inside the root, each
/// within a size limit, and folders once each. Every refusal is a diagnostic at the file, the
/// same for both commands, and nothing from outside the repo reaches the site. Hostile entries
/// (links, FIFOs, sparse files) are made at run time.
final class RepositoryReadTests: CLITestCase {
    static let config = "required_sections: [Summary]\n"
    static let postmortem = "---\nid: INC-1\ntitle: T\ndate: 2026-03-14\nseverity: SEV2\nstatus: final\n---\n## Summary\n\nFine.\n"
    static let sop = "# Restore\n\n1. Restore.\n"
    let fileManager = FileManager.default

    /// A clean repo: one post-mortem, one SOP.
    func repo(config: String = RepositoryReadTests.config) throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(config.utf8), to: "debrief.yml", under: root)
        try writeFile(Data(Self.postmortem.utf8), to: "postmortems/ok.md", under: root)
        try writeFile(Data(Self.sop.utf8), to: "sops/restore.md", under: root)
        return root
    }

    /// A folder outside every repo, holding a post-mortem whose text must never be published.
    func outsideFolder() throws -> URL {
        let outside = try FixtureRepo.temporaryDirectory(testCase: self)
        let secret = Self.postmortem.replacingOccurrences(of: "Fine.", with: "OUTSIDE-SECRET-7f3a")
        try writeFile(Data(secret.utf8), to: "secret.md", under: outside)
        try writeFile(Data("OUTSIDE-SECRET-7f3a\n".utf8), to: "notes.txt", under: outside)
        return outside
    }

    func link(_ relative: String, to destination: String, in root: URL) throws {
        try fileManager.createDirectory(at: root.appendingPathComponent(relative).deletingLastPathComponent(), withIntermediateDirectories: true)
        try fileManager.createSymbolicLink(atPath: root.appendingPathComponent(relative).path, withDestinationPath: destination)
    }

    /// Runs `check` and `build --allow-errors`, asserts both print `expected` among their
    /// diagnostics, and returns the built site's files.
    @discardableResult
    func assertBothReport(_ expected: [String], in root: URL, timeout: TimeInterval = 60,
                                  file: StaticString = #filePath, line: UInt = #line) throws -> [String: Data] {
        let check = try debrief(["check"], in: root, timeout: timeout, file: file, line: line)
        let build = try debrief(["build", "--allow-errors", "--output", "site"], in: root, timeout: timeout, file: file, line: line)
        let refused = try debrief(["build", "--output", "site-strict"], in: root, timeout: timeout, file: file, line: line)
        for diagnostic in expected {
            XCTAssertTrue(check.stdout.contains(diagnostic + "\n"), "check lacks \(diagnostic):\n\(check.stdout)\(check.stderr)", file: file, line: line)
            XCTAssertTrue(build.stdout.contains(diagnostic + "\n") || build.stderr.contains(diagnostic + "\n"),
                          "build lacks \(diagnostic):\n\(build.stdout)\(build.stderr)", file: file, line: line)
        }
        let hasErrors = expected.contains { $0.contains(": error: ") }
        XCTAssertEqual(check.exitCode, hasErrors ? 1 : 0, check.stdout + check.stderr, file: file, line: line)
        XCTAssertEqual(build.exitCode, 0, build.stdout + build.stderr, file: file, line: line)
        XCTAssertEqual(refused.exitCode, hasErrors ? 1 : 0, "build refuses exactly when check fails", file: file, line: line)
        return try SiteTree.files(in: root.appendingPathComponent("site"))
    }

    func assertNoSecret(_ site: [String: Data], file: StaticString = #filePath, line: UInt = #line) {
        for (path, data) in site where data.range(of: Data("OUTSIDE-SECRET-7f3a".utf8)) != nil {
            XCTFail("\(path) holds the content of a file outside the repository", file: file, line: line)
        }
    }

    // MARK: - Item 3: bounded and typed reads

    func test_item3_symlinkToDevZeroAsPostmortemIsRefused() throws {
        let root = try repo()
        try link("postmortems/zero.md", to: "/dev/zero", in: root)
        let started = Date()
        try assertBothReport(["postmortems/zero.md:1:1: error: [DB018] symbolic link leads outside the repository and is not read; put the file itself in the repository"], in: root, timeout: 30)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
    }

    func test_item3_symlinkToDevZeroAsConfigIsRefused() throws {
        let root = try repo()
        try fileManager.removeItem(at: root.appendingPathComponent("debrief.yml"))
        try link("debrief.yml", to: "/dev/zero", in: root)
        let result = try debrief(["check"], in: root, timeout: 30)
        XCTAssertTrue(result.stdout.hasPrefix("debrief.yml:1:1: error: [DB018] symbolic link leads outside the repository and is not read; put the file itself in the repository\n"), result.stdout + result.stderr)
        XCTAssertEqual(result.exitCode, 1)
        let build = try debrief(["build", "--output", "site"], in: root, timeout: 30)
        XCTAssertEqual(build.exitCode, 1, build.stdout + build.stderr)
        XCTAssertTrue((build.stdout + build.stderr).contains("debrief.yml:1:1: error: [DB018]"), build.stdout + build.stderr)
    }

    func test_item3_configThatIsAFolderIsRefused() throws {
        let root = try repo()
        try fileManager.removeItem(at: root.appendingPathComponent("debrief.yml"))
        try fileManager.createDirectory(at: root.appendingPathComponent("debrief.yml"), withIntermediateDirectories: false)
        let result = try debrief(["check"], in: root)
        XCTAssertTrue(result.stdout.hasPrefix("debrief.yml:1:1: error: [DB017] a folder is not a regular file and is not read; replace it with a regular file or remove it\n"), result.stdout + result.stderr)
        XCTAssertEqual(result.exitCode, 1)
    }

    func test_item3_sparse64GBPostmortemIsRefused() throws {
        let root = try repo()
        let path = root.appendingPathComponent("postmortems/huge.md").path
        XCTAssertTrue(fileManager.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 64 << 30)
        try handle.close()
        try assertBothReport(["postmortems/huge.md:1:1: error: [DB016] file is 64 GiB, larger than the 8 MiB limit; make it smaller or raise 'max_file_size' in debrief.yml"], in: root, timeout: 30)
    }

    func test_item3_fifoNamedMarkdownIsRefusedWithoutBlocking() throws {
        let root = try repo()
        XCTAssertEqual(mkfifo(root.appendingPathComponent("postmortems/pipe.md").path, 0o644), 0)
        XCTAssertEqual(mkfifo(root.appendingPathComponent("sops/pipe.md").path, 0o644), 0)
        let started = Date()
        try assertBothReport([
            "postmortems/pipe.md:1:1: error: [DB017] a named pipe (FIFO) is not a regular file and is not read; replace it with a regular file or remove it",
            "sops/pipe.md:1:1: error: [DB017] a named pipe (FIFO) is not a regular file and is not read; replace it with a regular file or remove it",
        ], in: root, timeout: 20)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        let sync = try debrief(["sync", "--check"], in: root, timeout: 20)
        XCTAssertFalse(sync.timedOut)
    }

    func test_item3_symlinkToAFileOutsideTheRepoIsRefusedAndNeverPublished() throws {
        let root = try repo()
        let outside = try outsideFolder()
        try link("postmortems/leak.md", to: outside.appendingPathComponent("secret.md").path, in: root)
        try link("sops/leak.md", to: outside.appendingPathComponent("secret.md").path, in: root)
        let site = try assertBothReport([
            "postmortems/leak.md:1:1: error: [DB018] symbolic link leads outside the repository and is not read; put the file itself in the repository",
            "sops/leak.md:1:1: error: [DB018] symbolic link leads outside the repository and is not read; put the file itself in the repository",
        ], in: root)
        assertNoSecret(site)
        XCTAssertNil(site["postmortems/leak.html"])
        let check = try debrief(["check", "--format", "json"], in: root)
        XCTAssertFalse(check.stdout.contains("OUTSIDE-SECRET"))
    }

    func test_item3_danglingSymlinkIsADiagnosticNotAnEnvironmentError() throws {
        let root = try repo()
        try link("postmortems/gone.md", to: "nowhere.md", in: root)
        try assertBothReport(["postmortems/gone.md:1:1: error: [DB018] symbolic link leads to nothing and is not read; fix or remove the link"], in: root)
    }

    func test_item3_symlinkInsideTheRepoIsRead() throws {
        let root = try repo()
        try writeFile(Data(Self.postmortem.replacingOccurrences(of: "INC-1", with: "INC-2").replacingOccurrences(of: "Fine.", with: "Linked body.").utf8),
                      to: "archive/real.md", under: root)
        try link("postmortems/alias.md", to: "../archive/real.md", in: root)
        let site = try assertBothReport([], in: root)
        let page = try XCTUnwrap(site["postmortems/alias.html"])
        XCTAssertEqual(String(decoding: page, as: UTF8.self).components(separatedBy: "Linked body.").count - 1, 1)
        let check = try debrief(["check"], in: root)
        XCTAssertEqual(check.stdout, "0 errors, 0 warnings in 4 files\n")
    }

    func test_item3_maxFileSizeIsConfigurable() throws {
        let root = try repo(config: Self.config + "max_file_size: 1 KiB\n")
        let body = String(repeating: "Long enough. ", count: 100)
        let text = Data(Self.postmortem.replacingOccurrences(of: "Fine.", with: body).replacingOccurrences(of: "INC-1", with: "INC-2").utf8)
        try writeFile(text, to: "postmortems/long.md", under: root)
        let size = String(format: "%.1f", Double(text.count) / 1024)
        try assertBothReport(["postmortems/long.md:1:1: error: [DB016] file is \(size) KiB, larger than the 1 KiB limit; make it smaller or raise 'max_file_size' in debrief.yml"], in: root)
    }

    func test_item3_maxFileSizeIsValidated() throws {
        let root = try repo(config: Self.config + "max_file_size: lots\nmax_linked_file_size: 2 TiB\n")
        let result = try debrief(["check"], in: root)
        XCTAssertEqual(result.stdout, """
            debrief.yml:2:16: error: [DB003] 'max_file_size' must be a size from 1 KiB to 1 GiB, in bytes or with KiB, MiB or GiB (8 MiB), not 'lots'
            debrief.yml:3:23: error: [DB003] 'max_linked_file_size' must be a size from 1 KiB to 1 GiB, in bytes or with KiB, MiB or GiB (8 MiB), not '2 TiB'
            2 errors, 0 warnings in 3 files

            """)
    }

    // MARK: - Item 4: folder links

    func test_item4_twoFolderLoopsAreReportedOnceAndFinishQuickly() throws {
        let root = try repo()
        try link("sops/a", to: ".", in: root)
        try link("sops/b", to: ".", in: root)
        try link("postmortems/2026/up", to: "..", in: root)
        let started = Date()
        let site = try assertBothReport([
            "postmortems/2026/up:1:1: warning: [DB019] folder link leads back to a folder that contains it and is not followed; remove the link",
            "sops/a:1:1: warning: [DB019] folder link leads back to a folder that contains it and is not followed; remove the link",
            "sops/b:1:1: warning: [DB019] folder link leads back to a folder that contains it and is not followed; remove the link",
        ], in: root, timeout: 20)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
        let check = try debrief(["check"], in: root)
        XCTAssertEqual(check.stdout.components(separatedBy: "[DB019]").count - 1, 3, check.stdout)
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("sops/") }.sorted(), ["sops/restore.html"])
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("postmortems/") }.sorted(), ["postmortems/ok.html"])
    }

    func test_item4_folderLinkInsideTheRootIsFollowedOnce() throws {
        let root = try repo()
        try writeFile(Data(Self.sop.utf8), to: "shared/db/backup.md", under: root)
        try link("sops/shared", to: "../shared", in: root)
        try link("sops/again", to: "../shared", in: root)
        let site = try assertBothReport([
            "sops/shared:1:1: warning: [DB019] folder link leads to a folder already scanned and is not followed; remove the link",
        ], in: root)
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("sops/") }.sorted(), ["sops/again/db/backup.html", "sops/restore.html"])
    }

    func test_item4_folderLinkLeavingTheRootIsRefused() throws {
        let root = try repo()
        let outside = try outsideFolder()
        try link("postmortems/external", to: outside.path, in: root)
        let site = try assertBothReport([
            "postmortems/external:1:1: error: [DB018] folder link leads outside the repository and is not scanned; put the folder itself in the repository",
        ], in: root)
        assertNoSecret(site)
    }

    func test_item4_deepFoldersStopAtTheDepthLimit() throws {
        let root = try repo()
        let deep = (1...40).map { "d\($0)" }.joined(separator: "/")
        try writeFile(Data(Self.sop.utf8), to: "sops/" + deep + "/deep.md", under: root)
        let check = try debrief(["check"], in: root)
        XCTAssertTrue(check.stdout.contains("sops/" + (1...33).map { "d\($0)" }.joined(separator: "/")
                                            + ":1:1: error: [DB019] folder is nested more than 32 levels deep and is not scanned; flatten the folders\n"), check.stdout)
    }
}
