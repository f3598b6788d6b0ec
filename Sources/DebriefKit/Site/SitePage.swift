/// One file of the built site: its path relative to the site root and its bytes. Rendering
/// produces these as values; a `SiteWriter` puts them somewhere.
public struct SitePage: Sendable, Equatable {
    /// Path relative to the site root, with `/` separators (`postmortems/INC-1.html`).
    public var path: String
    /// The file's content.
    public var bytes: [UInt8]

    /// Creates a page.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Creates a page from text, stored as UTF-8.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// The content as UTF-8 text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
