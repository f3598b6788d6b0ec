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
    /// The key that seals the cache; nil for the user's (`CacheKey.load()`).
    public var cacheKey: CacheKey?
    /// Build the public site (`--public`): no internal documents, blocks or sections, and only
    /// the people and action fields `public:` in `debrief.yml` opts in. Its default folder is
    /// `output` with `-public` added, and a folder built one way is never built the other.
    public var publicSite = false
    /// Read the repository's git history (`--git`): each action's due-date slips on its rows,
    /// closing days for recurrences, and the time to close on the dashboard. The root must be in
    /// a git work tree. A public site never shows the history.
    public var gitHistory = false
    /// How pages are rendered. Not a user's choice: tests set `.mustache` to compare the
    /// compiled theme with swift-mustache, byte for byte.
    public var templateEngine: TemplateEngine = .compiledWhereBuiltIn
    /// Whether `build()` frees what it made before it returns (the default). A process that exits
    /// right after the build (`debrief build`) sets false: the page models, the plan and the
    /// search documents, some 400 MB in millions of small allocations at 10,000 post-mortems,
    /// are then left to the process's exit, which gives them back at once instead of one by one
    /// (about half a second of a rebuild after one change).
    public var releasesMemory = true

    /// Creates options.
    public init(root: URL, output: URL? = nil, baseURL: String? = nil, allowErrors: Bool = false,
                asOf: CalendarDate? = nil, liveReloadURL: String? = nil, useCache: Bool = true, cacheKey: CacheKey? = nil,
                publicSite: Bool = false, gitHistory: Bool = false) {
        self.publicSite = publicSite
        self.gitHistory = gitHistory
        self.root = root
        self.output = output
        self.baseURL = baseURL
        self.allowErrors = allowErrors
        self.asOf = asOf
        self.liveReloadURL = liveReloadURL
        self.useCache = useCache
        self.cacheKey = cacheKey
    }
}

/// Which engine renders the built-in templates.
public enum TemplateEngine: Sendable {
    /// The compiled theme for every template that the repo overrides neither directly nor
    /// through a partial it includes; swift-mustache for the rest. The default.
    case compiledWhereBuiltIn
    /// swift-mustache for every template, as for a repo's own templates.
    case mustache
}
