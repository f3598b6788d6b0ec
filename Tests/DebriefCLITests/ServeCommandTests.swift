import DebriefTestSupport
import Foundation
import XCTest

final class ServeCommandTests: CLITestCase {
    private let page = "/postmortems/2026-03-14-example-checkout-errors-after-a-configuration-push.html"
    private let source = "postmortems/2026-03-14-example-checkout-errors-after-a-configuration-push.md"

    /// A scaffolded repo in `work/kb` and an empty `work/tmp` to serve as TMPDIR.
    private func setUpRepo() throws -> (work: URL, root: URL, tmp: URL) {
        let work = try FixtureRepo.temporaryDirectory(testCase: self)
        let tmp = work.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let initRun = try debrief(["init", "kb", "--date", "2026-03-14"], in: work)
        XCTAssertEqual(initRun.exitCode, 0, initRun.stderr)
        return (work, work.appendingPathComponent("kb"), tmp)
    }

    private func edit(_ root: URL, _ from: String, _ to: String) throws {
        let url = root.appendingPathComponent(source)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(from))
        try Data(text.replacingOccurrences(of: from, with: to).utf8).write(to: url)
    }

    private func waitForExit(_ process: Process, seconds: TimeInterval) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    func testServesRebuildsShowsErrorsRefusesTraversalAndCleansUpOnSIGTERM() throws {
        let (work, root, tmp) = try setUpRepo()
        let port = try ServeHarness.freePort()
        let output = work.appendingPathComponent("serve")
        let process = try ServeHarness.start(["serve", "--port", String(port)], in: root, output: output, environment: ["TMPDIR": tmp.path])
        addTeardownBlock { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // The first build is served, with the live-reload marker.
        let first = ServeHarness.waitFor(page, port: port) { $0.status == 200 }
        XCTAssertEqual(first?.status, 200, "no page: \((try? String(contentsOf: output.appendingPathExtension("err"), encoding: .utf8)) ?? "")")
        XCTAssertTrue(first?.body.contains("Example: checkout errors after a configuration push") == true)
        XCTAssertTrue(first?.body.contains("<meta name=\"debrief-live-reload\" content=\"/__debrief/version?build=") == true)
        let before = Int(ServeHarness.get("/__debrief/version", port: port)?.body ?? "") ?? -1
        XCTAssertGreaterThanOrEqual(before, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path).count, 1, "one build folder in TMPDIR")

        // A new title is served within a few seconds, under a new version.
        try edit(root, "title: \"Example: checkout errors after a configuration push\"", "title: \"Checkout errors after the timeout push\"")
        let changed = ServeHarness.waitFor(page, port: port, seconds: 10) { $0.body.contains("Checkout errors after the timeout push") }
        XCTAssertTrue(changed?.body.contains("Checkout errors after the timeout push") == true, changed?.body ?? "no answer")
        XCTAssertGreaterThan(Int(ServeHarness.get("/__debrief/version", port: port)?.body ?? "") ?? -1, before)
        // A page of the earlier build gets a different answer on every poll, so it reloads.
        let stale = (0..<2).map { _ in ServeHarness.get("/__debrief/version?build=\(before)", port: port)?.body ?? "" }
        XCTAssertNotEqual(stale[0], stale[1])

        // Nothing outside the built site is reachable.
        for path in ["/../Package.swift", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/debrief.yml", "//etc/passwd",
                     "/..%2f..%2fdebrief.yml", "/postmortems/%2e%2e/%2e%2e/debrief.yml", "/" + source] {
            XCTAssertEqual(ServeHarness.get(path, port: port)?.status, 404, path)
        }

        // check errors replace the pages, with file:line:col, until they are fixed.
        try edit(root, "severity: SEV2", "severity: <BAD>")
        let broken = ServeHarness.waitFor(page, port: port, seconds: 10) { $0.status == 500 }
        XCTAssertEqual(broken?.status, 500)
        XCTAssertTrue(broken?.body.contains("\(source):5:11: error: [DB025] unknown severity &#39;&lt;BAD&gt;&#39;") == true, broken?.body ?? "")
        XCTAssertEqual(ServeHarness.get("/", port: port)?.status, 500)
        try edit(root, "severity: <BAD>", "severity: SEV2")
        XCTAssertEqual(ServeHarness.waitFor(page, port: port, seconds: 10) { $0.status == 200 }?.status, 200)

        // SIGTERM: exit 0, port free, temporary folder gone.
        kill(process.processIdentifier, SIGTERM)
        XCTAssertTrue(waitForExit(process, seconds: 10), "still running after SIGTERM")
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(ServeHarness.isFree(port))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [])
        let stdout = try String(contentsOf: output.appendingPathExtension("out"), encoding: .utf8)
        XCTAssertTrue(stdout.hasPrefix("Serving \(root.path) at http://127.0.0.1:\(port)/ (Ctrl-C to stop)\n"), stdout)
    }

    func testSIGINTAlsoStopsCleanly() throws {
        let (work, root, tmp) = try setUpRepo()
        let port = try ServeHarness.freePort()
        let process = try ServeHarness.start(["serve", "--port", String(port)], in: root, output: work.appendingPathComponent("serve"),
                                                 environment: ["TMPDIR": tmp.path])
        addTeardownBlock { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        XCTAssertEqual(ServeHarness.waitFor("/", port: port) { $0.status == 200 }?.status, 200)
        kill(process.processIdentifier, SIGINT)
        XCTAssertTrue(waitForExit(process, seconds: 10))
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(ServeHarness.isFree(port))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [])
    }

    func testPortInUseIsOneClearLineAndExit2() throws {
        let (_, root, tmp) = try setUpRepo()
        let port = try ServeHarness.freePort()
        let busy = try ServeHarness.occupy(port: port)
        defer { close(busy) }
        let run = try ProcessRunner.run(TestPaths.debriefBinary, ["serve", "--port", String(port)], in: root,
                                        environment: ["TMPDIR": tmp.path], timeout: 60)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertEqual(run.stderr, "debrief: error: port \(port) on 127.0.0.1 is already in use; stop the other server or choose another port with --port\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [])
    }

    func testBadHostAndPortAreUsageErrors() throws {
        let (_, root, _) = try setUpRepo()
        let host = try debrief(["serve", "--host", "example.com"], in: root)
        XCTAssertEqual(host.exitCode, 2)
        XCTAssertTrue(host.stderr.contains("--host 'example.com' is not an IPv4 or IPv6 address (or localhost)"), host.stderr)
        let port = try debrief(["serve", "--port", "70000"], in: root)
        XCTAssertEqual(port.exitCode, 2)
        XCTAssertTrue(port.stderr.contains("--port must be between 0 and 65535, not 70000"), port.stderr)
    }
}
