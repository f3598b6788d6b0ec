/// Reads the head of one HTTP/1.x request (request line and header fields) from bytes as they
/// arrive, within fixed limits, for the preview server.
///
/// Each byte is looked at once, so the work is linear in what the client sends, and the reader
/// gives up as soon as a limit is passed, without waiting for the end of the line: a client
/// cannot make the server hold or scan more than `Limits` allows.
public struct HTTPHeadReader: Sendable {
    /// The bounds a request head must keep.
    public struct Limits: Sendable, Equatable {
        /// The longest request line, in bytes without its line ending (longer: 414).
        public var requestLine: Int
        /// The longest header line, in bytes without its line ending (longer: 431).
        public var headerLine: Int
        /// All header lines together, line endings included (more: 431).
        public var headerBytes: Int
        /// The most header fields (more: 431).
        public var headerCount: Int

        /// The limits `debrief serve` uses: 8 KiB lines, 64 KiB of headers, 100 fields.
        public static let standard = Limits(requestLine: 8192, headerLine: 8192, headerBytes: 65536, headerCount: 100)

        /// Creates limits.
        public init(requestLine: Int, headerLine: Int, headerBytes: Int, headerCount: Int) {
            self.requestLine = requestLine
            self.headerLine = headerLine
            self.headerBytes = headerBytes
            self.headerCount = headerCount
        }
    }

    /// A request head that kept the limits and the syntax of RFC 9112.
    public struct Head: Sendable, Equatable {
        /// The method, e.g. `GET`.
        public var method: String
        /// The request target as sent (origin form: path and query, still percent-encoded).
        public var target: String
        /// `HTTP/1.0` or `HTTP/1.1`.
        public var version: String
        /// The header fields in order, names as sent.
        public var headers: [(name: String, value: String)]

        /// Creates a head.
        public init(method: String, target: String, version: String, headers: [(name: String, value: String)]) {
            self.method = method
            self.target = target
            self.version = version
            self.headers = headers
        }

        /// The value of the first field named `name`, compared without case.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public static func == (lhs: Head, rhs: Head) -> Bool {
            lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version
                && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
        }
    }

    /// Why a head was refused, with the status code to answer.
    public enum Refusal: Int, Error, Sendable, Equatable {
        /// Not a request line or header field as HTTP/1.1 writes them.
        case badRequest = 400
        /// The request line is longer than `Limits.requestLine`.
        case uriTooLong = 414
        /// A header line, all of them or their number passed a limit.
        case headerFieldsTooLarge = 431
        /// A version other than HTTP/1.0 and HTTP/1.1.
        case versionNotSupported = 505
    }

    /// What the bytes read so far amount to.
    public enum Outcome: Sendable, Equatable {
        /// The head is not complete yet.
        case needMore
        /// The head is complete; bytes after it (a body) are not looked at.
        case head(Head)
        /// The head is refused; answer with the status and close.
        case refused(Refusal)
    }

    private let limits: Limits
    private var line: [UInt8] = []
    private var requestLine: (method: String, target: String, version: String)?
    private var headers: [(name: String, value: String)] = []
    private var headerBytes = 0
    private var leadingEmptyLines = 0
    private var finished: Outcome?

    /// Creates a reader for one request.
    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// Takes the next bytes from the connection and says where the head stands. Once the
    /// outcome is not `needMore`, further bytes change nothing.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> Outcome {
        if let finished { return finished }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if let outcome = endOfLine() {
                    finished = outcome
                    return outcome
                }
                line.removeAll(keepingCapacity: true)
                continue
            }
            line.append(byte)
            if let refusal = overLimit() {
                finished = .refused(refusal)
                return .refused(refusal)
            }
        }
        return .needMore
    }

    // MARK: - Lines

    /// A refusal once the line being read (one byte short of its ending allowed) is too long.
    private func overLimit() -> Refusal? {
        // One more byte than the limit may be the CR of a CRLF.
        let slack = line.last == UInt8(ascii: "\r") ? 1 : 0
        if requestLine == nil {
            return line.count > limits.requestLine + slack ? .uriTooLong : nil
        }
        if line.count > limits.headerLine + slack || headerBytes + line.count > limits.headerBytes { return .headerFieldsTooLarge }
        return nil
    }

    private mutating func endOfLine() -> Outcome? {
        guard let requestLine else {
            if line.isEmpty {
                // RFC 9112 2.2: empty lines before the request line are ignored, a few of them.
                leadingEmptyLines += 1
                return leadingEmptyLines > 4 ? .refused(.badRequest) : nil
            }
            switch Self.parseRequestLine(line) {
            case .success(let parsed): self.requestLine = parsed
            case .failure(let refusal): return .refused(refusal)
            }
            return nil
        }
        if line.isEmpty {
            return .head(Head(method: requestLine.method, target: requestLine.target, version: requestLine.version, headers: headers))
        }
        headerBytes += line.count + 2
        guard headers.count < limits.headerCount else { return .refused(.headerFieldsTooLarge) }
        guard let field = Self.parseField(line) else { return .refused(.badRequest) }
        headers.append(field)
        return nil
    }

    private static func parseRequestLine(_ bytes: [UInt8]) -> Result<(method: String, target: String, version: String), Refusal> {
        let parts = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte),
              parts[1].first == UInt8(ascii: "/"), parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(.badRequest)
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/"), version.utf8.count == 8 else { return .failure(.badRequest) }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { return .failure(.versionNotSupported) }
        return .success((String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), version))
    }

    /// `name: value`; no space before the colon and no folded lines (RFC 9112 5.1, 5.2).
    private static func parseField(_ bytes: [UInt8]) -> (name: String, value: String)? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              bytes[..<colon].allSatisfy(isTokenByte) else { return nil }
        var value = bytes[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else { return nil }
        return (String(decoding: bytes[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// `tchar` of RFC 9110 5.6.2.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
