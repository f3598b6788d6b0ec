import Foundation

/// Where every document of a repo lives and which page it becomes. Knows nothing of a
/// document's content, so links can be resolved and rewritten before documents are parsed.
///
/// Pages: a post-mortem `postmortems/<path>.md` becomes `postmortems/<path>.html`; an SOP
/// `sops/<id>.md` becomes `sops/<id>.html`, whatever the configured folder names are.
public struct RepositoryLayout: Sendable {
    /// The configuration the layout was made from.
    public let config: Config
    /// Post-mortem files, relative to the root, sorted.
    public let postmortemFiles: [String]
    /// SOP files, relative to the root, sorted.
    public let sopFiles: [String]
    private let documents: Set<String>
    /// Ticket ids to addresses, by the configuration's `tickets:` (made once per repo).
    public let tickets: TicketLinker
    /// A digest of `debrief.yml` as written (0 when there is none, or when the layout was not
    /// made from a file): what was read besides the parsed `config`, for caches that must not
    /// outlive a change to it.
    public let configDigest: UInt64

    /// Creates a layout from the files found; `configDigest` stands for `debrief.yml` as read
    /// (see `RepositoryLayout.digest(configFound:bytes:)`).
    public init(config: Config, postmortemFiles: [String], sopFiles: [String], configDigest: UInt64 = 0) {
        self.config = config
        self.configDigest = configDigest
        self.tickets = TicketLinker(config.tickets)
        self.postmortemFiles = postmortemFiles.sorted()
        // Overlapping folders are a configuration error; until it is fixed, a file in both is
        // read once, as a post-mortem, by every command alike.
        let postmortems = Set(postmortemFiles)
        self.sopFiles = sopFiles.filter { !postmortems.contains($0) }.sorted()
        self.documents = Set(postmortemFiles).union(sopFiles)
    }

    /// The digest of `debrief.yml`: 0 when absent, 1 when found but refused, else its bytes'.
    public static func digest(configFound found: Bool, bytes: [UInt8]?) -> UInt64 {
        found ? bytes.map(ContentDigest.of) ?? 1 : 0
    }

    // MARK: - Ids and pages

    /// The path of a post-mortem under its folder without `.md`.
    public func postmortemSlug(_ file: String) -> String {
        Self.stripMarkdownExtension(Self.relative(file, under: config.postmortems))
    }

    /// The id of the SOP at `file`; also reads an id as a person types it, with or without the
    /// SOP folder in front and `.md` behind (`sops/db/restore.md` and `db/restore` are `db/restore`).
    public func sopID(_ file: String) -> String {
        Self.stripMarkdownExtension(Self.relative(file, under: config.sops))
    }

    /// The SOP file an id names, whether or not it exists.
    public func sopFile(forID id: String) -> String {
        config.sops + "/" + id + ".md"
    }

    /// Whether an SOP with this id exists.
    public func hasSOP(id: String) -> Bool { documents.contains(sopFile(forID: id)) }

    /// The site page (relative to the site root) that a repo document becomes.
    public func pagePath(forFile file: String) -> String? {
        if file.hasPrefix(config.postmortems + "/") { return "postmortems/" + postmortemSlug(file) + ".html" }
        if file.hasPrefix(config.sops + "/") { return "sops/" + sopID(file) + ".html" }
        return nil
    }

    /// Whether a path is a post-mortem or SOP of this repo.
    public func isDocument(_ file: String) -> Bool { documents.contains(file) }

    /// Whether a path would be a document (a Markdown file in one of the two folders).
    public func isDocumentPath(_ file: String) -> Bool {
        file.hasSuffix(".md") && (file.hasPrefix(config.postmortems + "/") || file.hasPrefix(config.sops + "/"))
    }

    // MARK: - Links

    /// What a link destination written in `file` points at.
    public enum LinkTarget: Sendable, Equatable {
        /// A URL with a scheme, protocol-relative, or absolute path: left alone.
        case external
        /// `#fragment` within the same page.
        case fragment
        /// A post-mortem or SOP of this repo, with the fragment (without `#`) if any.
        case document(file: String, fragment: String?)
        /// A Markdown path in the post-mortem or SOP folders that does not exist.
        case missingDocument(file: String)
        /// Some other relative path (an image, a file outside the document folders).
        case otherFile(file: String)
    }

    /// Resolves `destination` as written in the document at `file`. A path from the repository
    /// root (`/sops/x.md`, as GitHub reads it) counts when it names a document; any other
    /// absolute path is left to the host.
    public func resolve(_ destination: String, from file: String) -> LinkTarget {
        if destination.isEmpty || destination.hasPrefix("#") { return .fragment }
        if Self.hasScheme(destination) || destination.hasPrefix("//") { return .external }
        if destination.hasPrefix("/") {
            let target = resolve(String(destination.dropFirst()), from: "")
            switch target {
            case .document, .missingDocument: return target
            default: return .external
            }
        }
        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if path.contains("%") { path = path.removingPercentEncoding ?? path }
        let directory = file.lastIndex(of: "/").map { String(file[..<$0]) } ?? ""
        guard let target = Self.normalise(directory.isEmpty ? path : directory + "/" + path) else { return .otherFile(file: path) }
        if documents.contains(target) { return .document(file: target, fragment: fragment) }
        if isDocumentPath(target) { return .missingDocument(file: target) }
        return .otherFile(file: target)
    }

    /// The link from the page of `file` to the page of `target`, relative, or absolute under
    /// `baseURL` when one is given.
    public func href(toPage targetPage: String, fragment: String? = nil, fromPage page: String, baseURL: String?) -> String {
        let suffix = fragment.map { $0.isEmpty ? "" : "#" + $0 } ?? ""
        if let baseURL { return baseURL + targetPage + suffix }
        return Self.relativePath(from: page, to: targetPage) + suffix
    }

    /// The prefix that leads from `page` back to the site root (`""`, `"../"`, …) or the base URL.
    public static func rootPrefix(fromPage page: String, baseURL: String?) -> String {
        if let baseURL { return baseURL }
        let depth = page.split(separator: "/").count - 1
        return String(repeating: "../", count: max(0, depth))
    }

    /// A relative path between two site pages.
    public static func relativePath(from page: String, to target: String) -> String {
        rootPrefix(fromPage: page, baseURL: nil) + target
    }

    // MARK: - Helpers

    static func relative(_ file: String, under folder: String) -> String {
        file.hasPrefix(folder + "/") ? String(file.dropFirst(folder.count + 1)) : file
    }

    static func stripMarkdownExtension(_ path: String) -> String {
        path.hasSuffix(".md") ? String(path.dropLast(3)) : path
    }

    static func hasScheme(_ destination: String) -> Bool {
        // A link without a colon byte has no scheme. Most others are ASCII up to their first
        // colon and just after it, where every byte is a character of its own, so reading
        // bytes answers as reading characters does (LinkSchemeTests compares the two).
        let bytes = destination.utf8
        guard let colonByte = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let afterColon = bytes.index(after: colonByte)
        if bytes[..<colonByte].allSatisfy({ $0 < 0x80 }), afterColon == bytes.endIndex || bytes[afterColon] < 0x80 {
            guard let first = bytes.first, Self.isASCIILetter(first) else { return false }
            return bytes[..<colonByte].allSatisfy { Self.isASCIILetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
        }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Collapses `.` and `..`; nil when the path climbs above the root.
    static func normalise(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }
}
