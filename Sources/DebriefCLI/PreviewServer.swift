import DebriefKit
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

    /// The socket address, a `sockaddr_in` or `sockaddr_in6` at the start of the storage.
    func socketAddress() -> sockaddr_storage {
        var storage = sockaddr_storage()
        withUnsafeMutablePointer(to: &storage) { pointer in
            if isIPv6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    address.pointee.sin6_family = sa_family_t(AF_INET6)
                    address.pointee.sin6_port = port.bigEndian
                    _ = inet_pton(AF_INET6, host, &address.pointee.sin6_addr)
                }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    address.pointee.sin_family = sa_family_t(AF_INET)
                    address.pointee.sin_port = port.bigEndian
                    _ = inet_pton(AF_INET, host, &address.pointee.sin_addr)
                }
            }
        }
        return storage
    }

    /// Whether only this machine can reach the address: 127.0.0.0/8, ::1, or an IPv4-mapped
    /// 127.x address.
    var isLoopback: Bool {
        if isIPv6 {
            var v6 = in6_addr()
            guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
            let bytes = withUnsafeBytes(of: v6) { Array($0) }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
            let mapped = bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF
            return mapped && bytes[12] == 127
        }
        var v4 = in_addr()
        guard inet_pton(AF_INET, host, &v4) == 1 else { return false }
        return withUnsafeBytes(of: v4) { $0[0] } == 127
    }

    /// `http://host:port/`, with the port actually bound.
    func url(port bound: UInt16) -> String {
        "http://" + (isIPv6 ? "[\(host)]" : host) + ":\(bound)/"
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
    }

    /// Runs until a signal stops the process; never returns.
    func start() -> Never {
        installSignalHandlers()
        let server: PreviewHTTPServer
        do {
            server = try PreviewHTTPServer(address: address, site: site)
        } catch {
            failed(error)
        }
        console.line("Serving \(root.path) at \(address.url(port: server.port)) (Ctrl-C to stop)")
        server.start()
        startWatching()
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
            console.error("debrief: error: the site could not be built: \(TerminalText.escape(reason))")
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
    private func failed(_ error: any Error) -> Never {
        var message = "cannot serve on \(address.url(port: address.port)): \(error.localizedDescription)"
        if let code = (error as? PreviewHTTPServer.SocketFailure)?.code {
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
        // Only reached when a signal already began stopping the process.
        exit(2)
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
