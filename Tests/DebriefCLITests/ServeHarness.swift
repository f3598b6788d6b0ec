import DebriefTestSupport
import Foundation
import XCTest

/// Runs `debrief serve` in the background and talks HTTP to it over loopback with a plain
/// socket, so request paths go out exactly as written (no client normalises `..` away).
enum ServeHarness {
    /// Starts `debrief arguments`, its output going to `output.out` and `output.err`.
    static func start(_ arguments: [String], in directory: URL, output: URL, environment: [String: String] = [:]) throws -> Process {
        _ = FileManager.default.createFile(atPath: output.path + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: output.path + ".err", contents: nil)
        let process = Process()
        process.executableURL = TestPaths.debriefBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output.appendingPathExtension("out"))
        process.standardError = try FileHandle(forWritingTo: output.appendingPathExtension("err"))
        try process.run()
        return process
    }

    // MARK: - Loopback HTTP

    /// A port nobody listens on right now: bind port 0, read what the system chose, close.
    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// A socket listening on `port`, to hold it busy; close it with `close(_:)`. Like any
    /// server it sets SO_REUSEADDR, so connections in TIME_WAIT do not count as busy, while a
    /// listener still does.
    static func occupy(port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
        return fd
    }

    /// Whether a new listener could bind `port` now.
    static func isFree(_ port: UInt16) -> Bool {
        guard let fd = try? occupy(port: port) else { return false }
        close(fd)
        return true
    }

    /// `GET path` on 127.0.0.1:port with the path sent byte for byte; nil when nothing answers.
    static func get(_ path: String, port: UInt16) -> (status: Int, body: String)? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += buffer[0..<count]
            if let body = complete(response) { return body }
        }
        return complete(response)
    }

    /// Sends `request` as it is on a new connection to 127.0.0.1:port, all of it first (as a
    /// simple client does), then reads until the server closes; `pauseAfter` bytes in, the
    /// client stalls that long. Returns the first line of the answer ("" when none came) and
    /// the seconds from connecting to the server's close or `readSeconds`.
    static func raw(_ request: [UInt8], port: UInt16, stallAfter: Int? = nil, stallSeconds: TimeInterval = 0,
                    readSeconds: Int = 30) -> (statusLine: String, seconds: TimeInterval) {
        let answer = exchange(request, port: port, stallAfter: stallAfter, stallSeconds: stallSeconds, readSeconds: readSeconds)
        return (answer.statusLine, answer.seconds)
    }

    private static func exchange(_ request: [UInt8], port: UInt16, stallAfter: Int?, stallSeconds: TimeInterval,
                                 readSeconds: Int) -> (statusLine: String, seconds: TimeInterval, text: String) {
        let start = Date()
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return ("", 0, "") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: readSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return ("", 0, "") }
        let first = min(stallAfter ?? request.count, request.count)
        for part in [request[..<first], request[first...]] where !part.isEmpty {
            var offset = part.startIndex
            while offset < part.endIndex {
                let sent = request[offset..<part.endIndex].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if sent <= 0 { break }
                offset += sent
            }
            if part.startIndex == 0, stallAfter != nil {
                // The stall ends early when the server answers or closes meanwhile.
                var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&entry, 1, Int32(stallSeconds * 1000)) > 0 { break }
            }
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        let text = String(decoding: response, as: UTF8.self)
        let line = text.range(of: "\r\n").map { String(text[..<$0.lowerBound]) } ?? text
        return (line, Date().timeIntervalSince(start), text)
    }

    /// The whole answer to `request`, head and body.
    static func rawResponse(_ request: [UInt8], port: UInt16) -> String {
        exchange(request, port: port, stallAfter: nil, stallSeconds: 0, readSeconds: 5).text
    }

    /// Polls `path` until `condition` holds for the answer, for at most `seconds`.
    static func waitFor(_ path: String, port: UInt16, seconds: TimeInterval = 20,
                        until condition: ((status: Int, body: String)) -> Bool) -> (status: Int, body: String)? {
        let deadline = Date(timeIntervalSinceNow: seconds)
        var last: (status: Int, body: String)?
        while Date() < deadline {
            last = get(path, port: port)
            if let answer = last, condition(answer) { return answer }
            usleep(100_000)
        }
        return last
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// The status and body once the whole `Content-Length` body has arrived.
    private static func complete(_ bytes: [UInt8]) -> (status: Int, body: String)? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let head = text[..<split.lowerBound]
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let headerBytes = Array(text[..<split.upperBound].utf8).count
        let lengthLine = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
        guard let lengthLine, let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        guard bytes.count >= headerBytes + length else { return nil }
        return (status, String(decoding: bytes[headerBytes..<(headerBytes + length)], as: UTF8.self))
    }
}
