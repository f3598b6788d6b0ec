import Foundation

/// Which `Host` header values name this machine's loopback interface. `debrief serve` on a
/// loopback address answers only these: a web page the user visits can point its own name at
/// 127.0.0.1 (DNS rebinding) and then read the preview as same-origin, but its requests still
/// carry its own name as `Host`.
public enum LoopbackHost {
    /// Whether `host` (a `Host` header value, with or without a port) is `localhost`, an IPv4
    /// address in 127.0.0.0/8 or the IPv6 loopback address in brackets.
    public static func accepts(_ host: String) -> Bool {
        var name = Substring(host)
        if name.hasPrefix("[") {
            guard let close = name.firstIndex(of: "]") else { return false }
            guard isPort(name[name.index(after: close)...]) else { return false }
            return isIPv6Loopback(String(name[name.index(after: name.startIndex) ..< close]))
        }
        if let colon = name.lastIndex(of: ":") {
            guard isPort(name[colon...]) else { return false }
            name = name[..<colon]
        }
        let lowered = name.lowercased()
        if lowered == "localhost" || lowered == "localhost." { return true }
        var v4 = in_addr()
        guard inet_pton(AF_INET, lowered, &v4) == 1 else { return false }
        return withUnsafeBytes(of: v4) { $0[0] } == 127
    }

    /// "" or ":" followed by digits.
    private static func isPort(_ text: Substring) -> Bool {
        guard let first = text.first else { return true }
        return first == ":" && text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isIPv6Loopback(_ text: String) -> Bool {
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0 ..< 15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        // ::ffff:127.x.y.z, an IPv4 loopback address written as IPv6.
        return bytes[0 ..< 10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
    }
}
