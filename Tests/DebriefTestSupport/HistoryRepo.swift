import Foundation
import XCTest

/// A real git repository in a temporary folder, committed to with fixed dates, for the tests of
/// the action history, trailers and `audit --git`.
public struct HistoryRepo {
    /// The work tree.
    public let root: URL
    /// The `git` used.
    public static let git = TestPaths.onPath("git") ?? URL(fileURLWithPath: "/usr/bin/git")

    /// `git init` in a new temporary folder (removed when the test ends).
    public init(testCase: XCTestCase) throws {
        root = try FixtureRepo.temporaryDirectory(testCase: testCase)
        try run(["init", "-q", "-b", "main"])
    }

    /// A repository at `root` (already made).
    public init(at root: URL) {
        self.root = root
    }

    /// Runs git in the work tree with a fixed identity and, when given, both dates set to
    /// `date` (`2026-03-01` means noon UTC that day). Returns standard output.
    @discardableResult
    public func run(_ arguments: [String], date: String? = nil, in directory: URL? = nil) throws -> String {
        var environment = ["GIT_AUTHOR_NAME": "Dana", "GIT_AUTHOR_EMAIL": "dana@example.com",
                           "GIT_COMMITTER_NAME": "Dana", "GIT_COMMITTER_EMAIL": "dana@example.com",
                           "GIT_CONFIG_NOSYSTEM": "1", "HOME": root.path]
        if let date {
            let stamp = date.count == 10 ? date + "T12:00:00Z" : date
            environment["GIT_AUTHOR_DATE"] = stamp
            environment["GIT_COMMITTER_DATE"] = stamp
        }
        let result = try ProcessRunner.run(Self.git, arguments, in: directory ?? root, environment: environment)
        guard result.exitCode == 0 else {
            throw FixtureError("git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    /// Writes `text` to `path` and commits everything with `message` on `date`.
    public func commit(_ files: [String: String], message: String, date: String) throws {
        for (path, text) in files { try writeFile(Data(text.utf8), to: path, under: root) }
        try run(["add", "-A"])
        try run(["commit", "-q", "--allow-empty", "-m", message], date: date)
    }

    /// The full object name of `HEAD`.
    public func head() throws -> String {
        try run(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A post-mortem with the given id and action rows (`| ID | Action | Owner | Due | Status |`).
    public static func postmortem(id: String, severity: String = "SEV2", rows: [(String, String, String, String)]) -> String {
        var text = """
            ---
            id: \(id)
            title: Incident \(id)
            date: 2026-01-10
            severity: \(severity)
            status: final
            services: [api]
            ---

            ## Summary

            Something broke.

            ## Preventive Actions

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|

            """
        for (id, action, due, status) in rows { text += "| \(id) | \(action) | @dana | \(due) | \(status) |\n" }
        return text
    }
}
