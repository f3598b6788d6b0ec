/// One file of the built site: its path relative to the site root and its bytes. Rendering
/// produces these as values; a `SiteWriter` puts them somewhere.
public struct SitePage: Sendable, Equatable {
    /// Path relative to the site root, with `/` separators (`postmortems/INC-1.html`).
    public var path: String
    private var storage: Storage

    /// Text pages keep their `String`, so a large page is never copied into an array only to be
    /// written.
    private enum Storage: Sendable {
        case bytes([UInt8])
        case text(String)
    }

    /// Creates a page.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.storage = .bytes(bytes)
    }

    /// Creates a page from text, stored as UTF-8.
    public init(path: String, text: String) {
        self.path = path
        self.storage = .text(text)
    }

    /// The file's content.
    public var bytes: [UInt8] {
        get {
            switch storage {
            case .bytes(let bytes): bytes
            case .text(let text): Array(text.utf8)
            }
        }
        set { storage = .bytes(newValue) }
    }

    /// The content as UTF-8 text.
    public var text: String {
        switch storage {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .text(let text): text
        }
    }

    /// Calls `body` with the content's bytes, without copying them.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch storage {
        case .bytes(let bytes):
            return try bytes.withUnsafeBytes(body)
        case .text(var text):
            return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    public static func == (lhs: SitePage, rhs: SitePage) -> Bool {
        lhs.path == rhs.path && lhs.bytes == rhs.bytes
    }

    /// The stable hash of the content.
    var contentHash: UInt64 {
        withBytes { buffer in
            var hasher = StableHasher()
            hasher.combine(bytes: buffer)
            return hasher.finalize()
        }
    }
}
