import Foundation

/// Maps a request path to a file of a built site, and to nothing outside it.
///
/// The path is percent-decoded once; a `..` segment (written or encoded), a backslash, a NUL
/// or a hidden segment means no file. The remaining candidate is resolved to its real path,
/// symbolic links and all, and must lie inside the site's real path: a link in the site that
/// points elsewhere gets nothing too.
public struct SitePathResolver: Sendable {
    /// The site folder, as given.
    public let siteRoot: String
    /// The site folder with every symbolic link resolved.
    public let realRoot: String

    /// A resolver for the site in `siteRoot`, or nil when that folder does not exist.
    public init?(siteRoot: String) {
        guard let real = Self.realPath(siteRoot) else { return nil }
        self.siteRoot = siteRoot
        self.realRoot = real
    }

    /// The site-relative path a request path names (`/` and folders name their
    /// `index.html`), or nil when the path is malformed or tries to leave the site.
    public static func sitePath(forRequestPath requestPath: String) -> String? {
        var raw = Substring(requestPath)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        guard raw.hasPrefix("/"), let decoded = String(raw).removingPercentEncoding else { return nil }
        if decoded.contains("\0") || decoded.contains("\\") { return nil }
        var segments: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." || segment.hasPrefix(".") { return nil }
            segments.append(segment)
        }
        if segments.isEmpty || decoded.hasSuffix("/") { segments.append("index.html") }
        return segments.joined(separator: "/")
    }

    /// The real path of the regular file a request path names inside the site, or nil.
    public func file(forRequestPath requestPath: String) -> String? {
        guard let relative = Self.sitePath(forRequestPath: requestPath) else { return nil }
        var candidate = siteRoot + "/" + relative
        if FileIO.isDirectory(candidate) { candidate += "/index.html" }
        guard let real = Self.realPath(candidate), real.hasPrefix(realRoot + "/"), Self.isRegularFile(real) else { return nil }
        return real
    }

    // MARK: - Private

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
