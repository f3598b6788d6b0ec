/// The Content-Security-Policy of every HTML page of the site, in one place: the theme's
/// `head.mustache` writes this exact tag (a test keeps the two equal), and `PageRenderer` puts
/// it first on every page a repo template made, so that an override cannot remove or weaken it.
enum ContentSecurityPolicy {
    /// The policy: script and style only from the site's own files, never inline.
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

    /// The tag that carries the policy.
    static let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"

    /// `html` with the policy's tag right after a leading doctype, or at the very start when the
    /// page does not begin with one. A browser applies a policy to what comes after its tag and
    /// enforces every policy it sees, so a tag the template writes itself can only tighten it.
    static func inserted(into html: String) -> String {
        let bytes = Array(html.utf8)
        var start = 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0C, 0x0D].contains(bytes[start]) { start += 1 }
        let doctype = Array("<!doctype".utf8)
        guard bytes.count >= start + doctype.count,
              zip(bytes[start ..< start + doctype.count], doctype).allSatisfy({ lowercased($0) == $1 }),
              let close = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else {
            return meta + html
        }
        return String(decoding: bytes[...close], as: UTF8.self) + meta + String(decoding: bytes[(close + 1)...], as: UTF8.self)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41 ... 0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
