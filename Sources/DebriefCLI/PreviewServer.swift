import DebriefKit
import FlyingFox
import FlyingSocks
import Foundation

/// Where `debrief serve` listens.
struct ListenAddress: Sendable {
    /// The numeric host.
    var host: String
    /// The port; 0 lets the system choose.
    var port: UInt16
    /// Whether the host is IPv6.
    var isIPv6: Bool

    /// Reads `host` (an IPv4 or IPv6 address, or `localhost`), or nil when it is neither.
    init?(host: String, port: UInt16) {
        let name = host == "localhost" ? "127.0.0.1" : host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            isIPv6 = false
        } else if inet_pton(AF_INET6, name, &v6) == 1 {
            isIPv6 = true
        } else {
            return nil
        }
        self.host = name
        self.port = port
    }

    /// The socket address for FlyingFox.
    func socketAddress() throws -> any SocketAddress {
        isIPv6 ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
    }

    /// `http://host:port/`, with the port actually bound.
    func url(port bound: UInt16) -> String {
        "http://" + (isIPv6 ? "[\(host)]" : host) + ":\(bound)/"
    }
}

/// Answers HTTP requests from the preview site: GET and HEAD only, never cached.
struct PreviewHandler: HTTPHandler {
    let site: PreviewSite

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            let allow: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: allow)
        }
        // The raw target, query included (`/__debrief/version?build=N`), exactly as sent.
        let answer = site.respond(to: request.target.rawValue)
        let headers: HTTPHeaders = [
            .contentType: answer.contentType,
            .cacheControl: "no-store",
            HTTPHeader("X-Content-Type-Options"): "nosniff",
        ]
        return HTTPResponse(statusCode: Self.status(answer.status), headers: headers, body: Data(answer.body))
    }

    static func status(_ code: Int) -> HTTPStatusCode {
        switch code {
        case 200: return .ok
        case 404: return .notFound
        case 500: return .internalServerError
        case 503: return .serviceUnavailable
        default: return HTTPStatusCode(code, phrase: "Status \(code)")
        }
    }
}

/// One run of `debrief serve`: the HTTP server, the watcher thread that rebuilds, and the
/// shutdown that removes the temporary folder on SIGINT or SIGTERM.
final class PreviewSession: @unchecked Sendable {
    /// How often the repo is looked at for changes.
    static let pollInterval: TimeInterval = 0.3

    let root: URL
    let address: ListenAddress
    let site: PreviewSite
    let console: Console
    private let server: HTTPServer

    private let lock = NSLock()
    private var stopping = false
    private var finishing = false
    private var watching = false
    private let watcherDone = DispatchSemaphore(value: 0)
    private var signalSources: [any DispatchSourceSignal] = []

    init(root: URL, address: ListenAddress, site: PreviewSite, console: Console) throws {
        self.root = root
        self.address = address
        self.site = site
        self.console = console
        self.server = HTTPServer(address: try address.socketAddress(), timeout: 15, logger: DisabledLogger.disabled, handler: PreviewHandler(site: site))
    }

    /// Runs until a signal stops the process; never returns.
    func start() -> Never {
        installSignalHandlers()
        let server = self.server
        Task {
            do {
                try await server.run()
            } catch {
                self.failed(error)
            }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 30)
            } catch {
                return
            }
            let bound: UInt16
            switch await server.listeningAddress {
            case .ip4(_, let port), .ip6(_, let port): bound = port
            default: bound = self.address.port
            }
            self.console.line("Serving \(self.root.path) at \(self.address.url(port: bound)) (Ctrl-C to stop)")
            self.startWatching()
        }
        dispatchMain()
    }

    // MARK: - Building

    private var isStopping: Bool { lock.withLock { stopping } }

    private func startWatching() {
        lock.withLock { watching = true }
        let thread = Thread { [self] in
            var watcher = ChangeWatcher(root: root)
            report(site.rebuild(), seconds: nil)
            while !isStopping {
                Thread.sleep(forTimeInterval: Self.pollInterval)
                guard !isStopping, watcher.poll() else { continue }
                let start = Date()
                let state = site.rebuild()
                report(state, seconds: Date().timeIntervalSince(start))
            }
            watcherDone.signal()
        }
        thread.name = "debrief-watch"
        thread.start()
    }

    private func report(_ state: PreviewSite.State, seconds: TimeInterval?) {
        let what = seconds.map { String(format: "Rebuilt in %.2f s", $0) } ?? "Built the site"
        switch state {
        case .built(let warnings):
            console.line(what + (warnings.isEmpty ? "." : " (\(Plural.count(warnings.count, "warning")))."))
        case .failed(let errors, _):
            console.line("check found \(Plural.count(errors.count, "error")); pages show them until they are fixed.")
            let formatter = DiagnosticFormatter(format: .text)
            console.err(errors.sortedForOutput().map { formatter.line($0) + "\n" }.joined())
        case .broken(let reason):
            console.error("debrief: error: the site could not be built: \(reason)")
        case .pending:
            break
        }
    }

    // MARK: - Stopping

    private func installSignalHandlers() {
        for number in [SIGINT, SIGTERM] {
            // Ignored first, so the default action (exit without cleaning up) never runs.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { [weak self] in self?.stop() }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Stops serving and exits 0. Open connections are not waited for: a browser may keep one
    /// open for long, and the listening socket closes with the process anyway.
    private func stop() {
        lock.withLock { stopping = true }
        finish(0)
    }

    /// The server could not start (or died): one line on stderr, exit 2.
    private func failed(_ error: any Error) {
        var message = "cannot serve on \(address.url(port: address.port)): \(error.localizedDescription)"
        if case .failed(_, let code, _) = error as? SocketError {
            switch code {
            case EADDRINUSE: message = "port \(address.port) on \(address.host) is already in use; stop the other server or choose another port with --port"
            case EACCES: message = "not allowed to listen on port \(address.port); choose a port above 1023 with --port"
            case EADDRNOTAVAIL: message = "\(address.host) is not an address of this machine; use --host 127.0.0.1"
            default: message = "cannot listen on \(address.host) port \(address.port): \(String(cString: strerror(code)))"
            }
        }
        lock.withLock { stopping = true }
        console.error("debrief: error: " + message)
        finish(2)
    }

    /// Removes the temporary folder (after a running build ends) and exits.
    private func finish(_ code: Int32) {
        let (first, wasWatching) = lock.withLock { () -> (Bool, Bool) in
            defer { finishing = true }
            return (!finishing, watching)
        }
        guard first else { return }
        if wasWatching { _ = watcherDone.wait(timeout: .now() + 10) }
        try? FileManager.default.removeItem(at: site.workspace)
        exit(code)
    }
}
