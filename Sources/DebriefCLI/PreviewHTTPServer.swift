import DebriefKit
import Foundation

/// The HTTP/1.1 server of `debrief serve`: GET and HEAD, one request per connection, every
/// request bounded in size and in the time it may take to arrive.
///
/// A thread accepts connections and gives each a thread of its own, up to `maxConnections`;
/// `HTTPHeadReader` reads the head byte by byte within its limits, so a long or slow request
/// costs its own connection a bounded time and never the others (see architecture.md).
final class PreviewHTTPServer: @unchecked Sendable {
    /// The bounds every connection keeps.
    struct Limits: Sendable {
        /// Sizes of the request line and header fields.
        var head = HTTPHeadReader.Limits.standard
        /// How long a request's head may take to arrive, from the connection's start (then 408).
        var headSeconds: TimeInterval = 10
        /// How long one send may block on a client that does not read.
        var sendSeconds: TimeInterval = 10
        /// How long a whole answer may take to send, however slowly the client reads.
        var answerSeconds: TimeInterval = 60
        /// How long unread request bytes are drained after answering, so the answer is not lost
        /// to a reset while the client is still sending.
        var lingerSeconds: TimeInterval = 2
        /// Connections served at once; more are answered 503 at once.
        var maxConnections = 64
    }

    /// A socket call that failed, with its `errno`.
    struct SocketFailure: Error {
        var code: Int32
    }

    /// The listening socket.
    private let listener: Int32
    /// The port actually bound.
    let port: UInt16
    private let limits: Limits
    private let site: PreviewSite
    /// Whether the server listens on loopback only: then it answers only requests that name
    /// a loopback host, so a web page cannot reach it by rebinding its own name to 127.0.0.1.
    private let loopbackOnly: Bool
    private let lock = NSLock()
    private var active = 0

    /// Binds and listens on `address`; throws `SocketFailure` when it cannot.
    init(address: ListenAddress, site: PreviewSite, limits: Limits = Limits()) throws {
        self.site = site
        self.limits = limits
        loopbackOnly = address.isLoopback
        // A client that leaves before its answer is written must not end the process.
        signal(SIGPIPE, SIG_IGN)
        let fd = socket(address.isIPv6 ? AF_INET6 : AF_INET, Socket.stream, 0)
        guard fd >= 0 else { throw SocketFailure(code: errno) }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var storage = address.socketAddress()
        let length = socklen_t(address.isIPv6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw SocketFailure(code: code)
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        port = withUnsafePointer(to: &actual) { pointer -> UInt16 in
            if address.isIPv6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
        listener = fd
    }

    /// Accepts connections on a thread of its own until the process ends.
    func start() {
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "debrief-accept"
        thread.start()
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                // EMFILE and the like pass; waiting a little keeps this loop from spinning.
                if errno != EINTR { usleep(50_000) }
                continue
            }
            let admitted = lock.withLock { () -> Bool in
                guard active < limits.maxConnections else { return false }
                active += 1
                return true
            }
            guard admitted else {
                setTimeout(connection, SO_SNDTIMEO, seconds: 1)
                sendAll(connection, Self.answer(503, text: "Too many connections; try again.\n", head: false))
                close(connection)
                continue
            }
            let thread = Thread { [self] in
                serve(connection)
                close(connection)
                lock.withLock { active -= 1 }
            }
            thread.name = "debrief-connection"
            thread.start()
        }
    }

    // MARK: - One connection

    private func serve(_ connection: Int32) {
        setTimeout(connection, SO_SNDTIMEO, seconds: limits.sendSeconds)
        let deadline = Date(timeIntervalSinceNow: limits.headSeconds)
        var reader = HTTPHeadReader(limits: limits.head)
        var buffer = [UInt8](repeating: 0, count: 16384)
        var outcome = HTTPHeadReader.Outcome.needMore
        while outcome == .needMore {
            guard wait(connection, until: deadline) else {
                sendAll(connection, Self.answer(408, text: "The request took too long to arrive.\n", head: false))
                return
            }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            outcome = reader.feed(buffer[0..<count])
        }
        switch outcome {
        case .head(let head):
            sendAll(connection, answer(head))
        case .refused(let refusal):
            sendAll(connection, Self.answer(refusal.rawValue, text: Self.reason(refusal.rawValue) + "\n", head: false))
        case .needMore:
            return
        }
        linger(connection, buffer: &buffer)
    }

    private func answer(_ head: HTTPHeadReader.Head) -> [UInt8] {
        guard head.method == "GET" || head.method == "HEAD" else {
            return Self.answer(405, text: "Only GET and HEAD are served.\n", head: false, extra: "Allow: GET, HEAD\r\n")
        }
        if loopbackOnly, let host = head.header("host"), !LoopbackHost.accepts(host) {
            return Self.answer(421, text: "This preview answers only requests for localhost or a loopback address.\n", head: false)
        }
        let response = site.respond(to: head.target)
        return Self.response(response.status, contentType: response.contentType, body: response.body, head: head.method == "HEAD")
    }

    /// Whether the connection has bytes to read before `deadline`.
    private func wait(_ connection: Int32, until deadline: Date) -> Bool {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return false }
            var entry = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0, errno != EINTR { return true }
        }
    }

    /// Closes the sending side, then reads and drops what the client still sends, for a short
    /// while: closing with unread bytes would reset the connection and lose the answer.
    private func linger(_ connection: Int32, buffer: inout [UInt8]) {
        shutdown(connection, Int32(SHUT_WR))
        let deadline = Date(timeIntervalSinceNow: limits.lingerSeconds)
        while wait(connection, until: deadline) {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return }
        }
    }

    private func setTimeout(_ connection: Int32, _ option: Int32, seconds: TimeInterval) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private func sendAll(_ connection: Int32, _ bytes: [UInt8]) {
        let deadline = Date(timeIntervalSinceNow: limits.answerSeconds)
        var offset = 0
        while offset < bytes.count, Date() < deadline {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    // MARK: - Answers

    private static func answer(_ status: Int, text: String, head: Bool, extra: String = "") -> [UInt8] {
        response(status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8), head: head, extra: extra)
    }

    /// Every answer closes the connection, and none is cached or sniffed.
    private static func response(_ status: Int, contentType: String, body: [UInt8], head: Bool, extra: String = "") -> [UInt8] {
        let lines = "HTTP/1.1 \(status) \(reason(status))\r\n"
            + "Content-Type: \(contentType)\r\n"
            + "Content-Length: \(body.count)\r\n"
            + "Cache-Control: no-store\r\n"
            + "X-Content-Type-Options: nosniff\r\n"
            + extra
            + "Connection: close\r\n\r\n"
        return Array(lines.utf8) + (head ? [] : body)
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 414: return "URI Too Long"
        case 421: return "Misdirected Request"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}

/// What differs between the C libraries.
private enum Socket {
    #if canImport(Glibc)
    static let stream = Int32(SOCK_STREAM.rawValue)
    #else
    static let stream = SOCK_STREAM
    #endif
}
