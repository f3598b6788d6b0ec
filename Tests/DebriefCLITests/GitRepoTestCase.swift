import DebriefTestSupport
import Foundation
import XCTest

/// End-to-end tests on a real git repository made from `Fixtures/git-repo` at test time.
class GitRepoTestCase: CLITestCase {
    /// A copy of `Fixtures/git-repo` committed on `main` as the repository's first commit.
    func gitRepo() throws -> URL {
        let root = try fixture("git-repo")
        try git(["init", "-q", "-b", "main"], in: root)
        try commitAll("First post-mortems", in: root)
        return root
    }

    /// Runs git in `root` with a fixed identity and dates; returns standard output.
    @discardableResult
    func git(_ arguments: [String], in root: URL, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/git"),
                                           ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments,
                                           in: root, environment: ["GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
                                                                   "GIT_CONFIG_NOSYSTEM": "1", "HOME": root.path])
        XCTAssertEqual(result.exitCode, 0, "git \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
        return result.stdout
    }

    func commitAll(_ message: String, in root: URL) throws {
        try git(["add", "-A"], in: root)
        try git(["commit", "-q", "-m", message], in: root)
    }

    /// Replaces `old` with `new` in `file` (relative to `root`); fails when `old` is not there.
    func edit(_ file: String, in root: URL, replacing old: String, with new: String, line: UInt = #line) throws {
        let url = root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file) has no '\(old)'", line: line)
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
    }

    func read(_ file: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    }
}
