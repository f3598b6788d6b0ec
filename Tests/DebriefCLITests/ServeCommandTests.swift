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

    // MARK: - Bounded requests

    private func startServing() throws -> (process: Process, port: UInt16, output: URL) {
        let (work, root, tmp) = try setUpRepo()
        let port = try ServeHarness.freePort()
        let output = work.appendingPathComponent("serve")
        let process = try ServeHarness.start(["serve", "--port", String(port)], in: root, output: output, environment: ["TMPDIR": tmp.path])
        addTeardownBlock { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        XCTAssertEqual(ServeHarness.waitFor(page, port: port) { $0.status == 200 }?.status, 200)
        return (process, port, output)
    }

    func test_item11_oneMegabyteRequestAndHeaderLinesAreRefusedQuicklyAndServingGoesOn() throws {
        let (process, port, output) = try startServing()
        let long = String(repeating: "a", count: 1 << 20)
        let cases: [(request: String, status: String)] = [
            ("GET /\(long) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "HTTP/1.1 414 URI Too Long"),
            ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: \(long)\r\n\r\n", "HTTP/1.1 431 Request Header Fields Too Large"),
            ("GET / HTTP/1.1\r\n" + String(repeating: "X-Many: 1\r\n", count: 1000) + "\r\n", "HTTP/1.1 431 Request Header Fields Too Large"),
            ("GET / HTTP/1.1\r\n" + String(repeating: "X-Wide: \(String(repeating: "b", count: 8000))\r\n", count: 20) + "\r\n",
             "HTTP/1.1 431 Request Header Fields Too Large"),
        ]
        // Two at a time, as two hostile clients would.
        let answers = UnsafeSendableBox(Array(repeating: ("", 0.0), count: cases.count))
        let requests = cases.map { Array($0.request.utf8) }
        DispatchQueue.concurrentPerform(iterations: cases.count) { index in
            let answer = ServeHarness.raw(requests[index], port: port)
            answers.lock.withLock { answers.value[index] = answer }
        }
        for (index, answer) in answers.value.enumerated() {
            XCTAssertEqual(answer.0, cases[index].status, "case \(index)")
            XCTAssertLessThan(answer.1, 2, "case \(index) took \(answer.1) s")
        }
        // The same server goes on answering at once.
        let start = Date()
        XCTAssertEqual(ServeHarness.get(page, port: port)?.status, 200)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        XCTAssertEqual(ServeHarness.raw(Array("BREW / HTTP/1.1\r\n\r\n".utf8), port: port).statusLine, "HTTP/1.1 405 Method Not Allowed")
        XCTAssertEqual(ServeHarness.raw(Array("GET / HTTP/2.0\r\n\r\n".utf8), port: port).statusLine, "HTTP/1.1 505 HTTP Version Not Supported")
        XCTAssertEqual(ServeHarness.raw(Array("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n".utf8), port: port).statusLine, "HTTP/1.1 400 Bad Request")
        XCTAssertTrue(process.isRunning)
        let stderr = try String(contentsOf: output.appendingPathExtension("err"), encoding: .utf8)
        XCTAssertFalse(stderr.contains("loopback"), stderr)
    }

    func test_item11_aStalledRequestGets408WithinTheTimeoutWhileOthersAreServed() throws {
        let (_, port, _) = try startServing()
        let stalled = UnsafeSendableBox(("", 0.0))
        let done = DispatchSemaphore(value: 0)
        let head = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
        Thread.detachNewThread {
            let answer = ServeHarness.raw(head + Array("1\r\n\r\n".utf8), port: port, stallAfter: head.count, stallSeconds: 30)
            stalled.lock.withLock { stalled.value = answer }
            done.signal()
        }
        // While it stalls, others are answered at once.
        for _ in 0..<5 {
            usleep(500_000)
            let start = Date()
            XCTAssertEqual(ServeHarness.get(page, port: port)?.status, 200)
            XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        }
        XCTAssertEqual(done.wait(timeout: .now() + 20), .success)
        let answer = stalled.lock.withLock { stalled.value }
        XCTAssertEqual(answer.0, "HTTP/1.1 408 Request Timeout")
        XCTAssertGreaterThan(answer.1, 9)
        XCTAssertLessThan(answer.1, 13)
    }

    func test_item11_aHostOtherThanLoopbackIsWarnedAbout() throws {
        let (_, root, tmp) = try setUpRepo()
        // A documentation address (RFC 5737): not on this machine, so nothing is ever exposed.
        let run = try ProcessRunner.run(TestPaths.debriefBinary, ["serve", "--host", "192.0.2.1", "--port", "0"], in: root,
                                        environment: ["TMPDIR": tmp.path], timeout: 60)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertEqual(run.stderr, """
            debrief: warning: --host 192.0.2.1 is not a loopback address: the preview is reachable from the network \
            and serves this repository's unreviewed content to anyone who can connect; use --host 127.0.0.1 to keep it on this machine
            debrief: error: 192.0.2.1 is not an address of this machine; use --host 127.0.0.1

            """)
    }

    // MARK: - Host names (DNS rebinding)

    private func status(host: String?, port: UInt16) -> String {
        let field = host.map { "Host: \($0)\r\n" } ?? ""
        return ServeHarness.raw(Array("GET / HTTP/1.1\r\n\(field)Connection: close\r\n\r\n".utf8), port: port, readSeconds: 5).statusLine
    }

    func test_review_onLoopbackOnlyLoopbackHostNamesAreAnswered() throws {
        // A page on another site that rebinds its name to 127.0.0.1 sends its own name as Host.
        let (process, port, _) = try startServing()
        for host in ["localhost", "LocalHost:\(port)", "localhost.", "127.0.0.1", "127.1.2.3:80", "[::1]", "[::1]:\(port)"] {
            XCTAssertEqual(status(host: host, port: port), "HTTP/1.1 200 OK", host)
        }
        for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.evil.example", "localhost.evil.example", "[::2]:\(port)",
                     "128.0.0.1", "", "127.0.0.1:\(port)@evil.example"] {
            XCTAssertEqual(status(host: host, port: port), "HTTP/1.1 421 Misdirected Request", host)
        }
        let answer = ServeHarness.rawResponse(Array("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".utf8), port: port)
        XCTAssertTrue(answer.hasSuffix("\r\n\r\nThis preview answers only requests for localhost or a loopback address.\n"), answer)
        XCTAssertTrue(process.isRunning)
    }

    func test_review_onAnotherHostAnyHostNameIsAnswered() throws {
        let (work, root, tmp) = try setUpRepo()
        let port = try ServeHarness.freePort()
        let process = try ServeHarness.start(["serve", "--host", "0.0.0.0", "--port", String(port)], in: root,
                                             output: work.appendingPathComponent("serve"), environment: ["TMPDIR": tmp.path])
        addTeardownBlock { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        XCTAssertEqual(ServeHarness.waitFor(page, port: port) { $0.status == 200 }?.status, 200)
        XCTAssertEqual(status(host: "kb.example.com:\(port)", port: port), "HTTP/1.1 200 OK")
    }
}

/// A value shared with other threads under a lock, for tests that collect answers in parallel.
private final class UnsafeSendableBox<Value>: @unchecked Sendable {
    let lock = NSLock()
    var value: Value
    init(_ value: Value) { self.value = value }
}
