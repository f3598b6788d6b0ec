import Foundation

/// What `debrief build` is asked to do.
public struct BuildOptions: Sendable {
    /// The knowledge repo.
    public var root: URL
    /// Where the site goes; nil for `output` in `debrief.yml` (default `_site`) under the root.
    public var output: URL?
    /// Prefix for absolute links (`https://kb.example.com/` or `/kb/`); nil for `base_url` in
    /// `debrief.yml`, and relative links when that is not set either.
    public var baseURL: String?
    /// Build even when `check` finds errors.
    public var allowErrors: Bool
    /// The day overdue marks are computed for; nil for today (UTC). Pin it for byte-identical
    /// builds on different days.
    public var asOf: CalendarDate?
    /// When set, every page polls this URL and reloads when its text changes (`debrief serve`).
    public var liveReloadURL: String?
    /// Reuse the cache of an earlier build in the output folder.
    public var useCache: Bool

    /// Creates options.
    public init(root: URL, output: URL? = nil, baseURL: String? = nil, allowErrors: Bool = false,
                asOf: CalendarDate? = nil, liveReloadURL: String? = nil, useCache: Bool = true) {
        self.root = root
        self.output = output
        self.baseURL = baseURL
        self.allowErrors = allowErrors
        self.asOf = asOf
        self.liveReloadURL = liveReloadURL
        self.useCache = useCache
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    /// False when `check` found errors and the build was refused (nothing was written).
    public var built: Bool
    /// The output folder (or the writer's location).
    public var output: String
    /// Every diagnostic of `check`, plus template problems, sorted for output.
    public var diagnostics: [Diagnostic]
    /// Pages (and other files) written because they are new or changed.
    public var pagesWritten: Int
    /// Pages left as they were because nothing they are made from changed.
    public var pagesUnchanged: Int
    /// Files of an earlier build that this build no longer makes, deleted.
    public var pagesRemoved: Int
    /// Documents read (post-mortems and SOPs).
    public var documentCount: Int
    /// Files checked, `debrief.yml` included (as `check` counts them).
    public var fileCount: Int
    /// Documents parsed in this build; the others came from the cache.
    public var documentsParsed: Int
    /// Wall-clock seconds of each stage that ran, in run order (for `debrief build --timings`
    /// and the benchmark).
    public var timings: [(stage: String, seconds: Double)] = []

    /// Every file the site has now.
    public var pageCount: Int { pagesWritten + pagesUnchanged }

    /// The dashboard page, a path under `output`.
    public var indexPath: String { output + "/index.html" }
}
