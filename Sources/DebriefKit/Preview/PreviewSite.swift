import Foundation

/// The outcome of one site build for `debrief serve`.
public enum PreviewBuild: Sendable, Equatable {
    /// The site is in the output folder. The diagnostics are warnings, if any.
    case built(warnings: [Diagnostic])
    /// `check` found errors; the site was not built.
    case failed(errors: [Diagnostic], warnings: [Diagnostic])
}

/// One HTTP answer, independent of any server library.
public struct PreviewResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// The `Content-Type` header.
    public var contentType: String
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// The live state behind `debrief serve`: builds the site into a private folder, rebuilds on
/// request, and answers requests from the last good build, or with the errors that prevent one.
///
/// Builds alternate between two folders inside the workspace, so requests keep reading a
/// complete site while the next one is written; the switch happens when a build ends. Each
/// finished build, good or bad, raises `version`, which pages poll at `versionPath` to reload.
public final class PreviewSite: @unchecked Sendable {
    /// Builds the site into the given folder.
    public typealias Builder = @Sendable (_ output: URL) throws -> PreviewBuild

    /// Where pages poll for the build version.
    public static let versionPath = "/__debrief/version"
    /// Files the server itself provides, under this prefix.
    public static let internalPrefix = "/__debrief/"

    /// The private folder the builds go into.
    public let workspace: URL
    private let builder: Builder

    private let lock = NSLock()
    private let buildLock = NSLock()
    private var state = State.pending
    private var current: SitePathResolver?
    private var nextSlot = 0
    private var counter = 0
    private var staleAnswers = 0

    /// What the last build left.
    public enum State: Sendable, Equatable {
        /// No build has finished yet.
        case pending
        /// The last build succeeded.
        case built(warnings: [Diagnostic])
        /// The last build found errors.
        case failed(errors: [Diagnostic], warnings: [Diagnostic])
        /// The last build could not run (an environment problem), with the reason.
        case broken(String)
    }

    /// A preview building into `workspace` (which must exist) with `builder`.
    public init(workspace: URL, builder: @escaping Builder) {
        self.workspace = workspace
        self.builder = builder
    }

    /// The number of finished builds.
    public var version: Int { lock.withLock { counter } }

    /// Builds the site now and makes the result what requests see. Never throws: a failing
    /// build becomes an error page. Builds never overlap.
    @discardableResult
    public func rebuild() -> State {
        buildLock.lock()
        defer { buildLock.unlock() }
        let slot = lock.withLock { nextSlot }
        let output = workspace.appendingPathComponent(slot == 0 ? "site-a" : "site-b")
        let outcome: State
        do {
            switch try builder(output) {
            case .built(let warnings): outcome = .built(warnings: warnings)
            case .failed(let errors, let warnings): outcome = .failed(errors: errors, warnings: warnings)
            }
        } catch {
            outcome = .broken(String(describing: error))
        }
        lock.withLock {
            if case .built = outcome, let resolver = SitePathResolver(siteRoot: output.path) {
                current = resolver
                nextSlot = 1 - slot
                state = outcome
            } else if case .built = outcome {
                state = .broken("the build wrote no site folder")
            } else {
                state = outcome
            }
            counter += 1
        }
        return outcome
    }

    /// The answer to a GET request for `requestPath` (percent-encoded, as sent).
    public func respond(to requestPath: String) -> PreviewResponse {
        let (state, resolver, version) = lock.withLock { (self.state, current, counter) }
        let parts = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts.first.map(String.init) ?? requestPath
        if path == Self.versionPath {
            let answer = versionAnswer(query: parts.count > 1 ? String(parts[1]) : "", current: version)
            return PreviewResponse(status: 200, contentType: "text/plain; charset=utf-8", body: Array(answer.utf8))
        }
        let reload = LiveReload(version: version)
        if path.hasPrefix(Self.internalPrefix) {
            let name = String(path.dropFirst(Self.internalPrefix.count))
            if let asset = PreviewPages.asset(name) {
                return PreviewResponse(status: 200, contentType: MediaType.of(name), body: Array(asset.utf8))
            }
            return notFound(resolver, reload: reload)
        }
        let isPage = Self.isPageRequest(path)
        switch state {
        case .failed(let errors, let warnings) where isPage:
            return html(500, PreviewPages.errors(errors, warnings: warnings, reload: reload))
        case .broken(let reason) where isPage:
            return html(500, PreviewPages.broken(reason, reload: reload))
        case .pending where isPage && resolver == nil:
            return html(503, PreviewPages.building(reload: reload))
        default:
            break
        }
        guard let resolver, let file = resolver.file(forRequestPath: path), let bytes = Self.read(file) else {
            return notFound(resolver, reload: reload)
        }
        let type = MediaType.of(file)
        if type.hasPrefix("text/html") {
            return html(200, reload.inject(String(decoding: bytes, as: UTF8.self)))
        }
        return PreviewResponse(status: 200, contentType: type, body: bytes)
    }

    /// What `versionPath` answers. A page asks with the build it came from (`?build=N`). While
    /// that is the current build the answer is the build number; once the page is older, the
    /// answer changes on every request, so the theme's poller (which reloads when an answer
    /// differs from its first) reloads even a page whose first poll came after the rebuild.
    func versionAnswer(query: String, current: Int) -> String {
        let build = query.split(separator: "&").first { $0.hasPrefix("build=") }.flatMap { Int($0.dropFirst(6)) }
        guard let build, build != current else { return String(current) }
        let serial = lock.withLock { () -> Int in
            staleAnswers += 1
            return staleAnswers
        }
        return "\(current).\(serial)"
    }

    // MARK: - Private

    /// Whether a request is for a page (HTML) rather than an asset: `.html`, a folder, or a
    /// path without an extension.
    static func isPageRequest(_ path: String) -> Bool {
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        return path.hasSuffix("/") || last.isEmpty || last.hasSuffix(".html") || !last.contains(".")
    }

    private func notFound(_ resolver: SitePathResolver?, reload: LiveReload) -> PreviewResponse {
        if let resolver, let file = resolver.file(forRequestPath: "/404.html"), let bytes = Self.read(file) {
            return html(404, reload.inject(String(decoding: bytes, as: UTF8.self)))
        }
        return PreviewResponse(status: 404, contentType: "text/plain; charset=utf-8", body: Array("Not found\n".utf8))
    }

    /// A file of the built site: regular, never a FIFO swapped in after the resolver looked,
    /// and no larger than anything `build` writes.
    private static func read(_ file: String) -> [UInt8]? {
        if case .bytes(let bytes) = FileIO.readRegularFile(file, limit: 2 * RepositoryFiles.largestLimit) { return bytes }
        return nil
    }

    private func html(_ status: Int, _ text: String) -> PreviewResponse {
        PreviewResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(text.utf8))
    }
}

/// The live-reload marker that the theme's script looks for, stamped with the build a page
/// comes from.
public struct LiveReload: Sendable, Equatable {
    /// The build the page reflects.
    public var version: Int

    /// A marker for pages of build `version`.
    public init(version: Int) {
        self.version = version
    }

    /// The URL the page polls: `/__debrief/version?build=N`.
    public var url: String { PreviewSite.versionPath + "?build=\(version)" }

    /// The tag that makes `assets/debrief.js` poll `url` and reload on a change.
    public var meta: String { "<meta name=\"debrief-live-reload\" content=\"\(url)\">" }

    /// `html` with the marker: the one the site wrote (built with `versionPath` as its live-reload
    /// URL) gets the build number; a page without one gets it before `</head>`.
    public func inject(_ html: String) -> String {
        let written = "<meta name=\"debrief-live-reload\" content=\"\(PreviewSite.versionPath)\">"
        if let range = html.range(of: written) { return html.replacingCharacters(in: range, with: meta) }
        if html.contains("name=\"debrief-live-reload\"") { return html }
        guard let end = html.range(of: "</head>", options: .caseInsensitive) else { return html }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: meta + "\n")
    }
}

/// `Content-Type` values by file extension, for the files a site holds.
enum MediaType {
    static func of(_ path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "atom": return "application/atom+xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "txt", "md", "log", "csv", "tsv", "yaml", "yml", "patch", "diff": return "text/plain; charset=utf-8"
        case "avif": return "image/avif"
        case "bmp": return "image/bmp"
        case "pdf": return "application/pdf"
        case "woff2": return "font/woff2"
        default: return "application/octet-stream"
        }
    }
}
