/// How document bodies become HTML for the site.
public struct RenderSettings: Sendable {
    /// cmark options (the site's extensions; unsafe only when the repo opts in).
    public var options: MarkdownOptions
    /// Absolute prefix for links, or nil for relative links.
    public var baseURL: String?
    /// Documents the site leaves out (internal ones, in a public build): links to them are
    /// rendered as their text alone.
    public var unpublished: Set<String> = []

    /// Creates settings.
    public init(options: MarkdownOptions, baseURL: String?, unpublished: Set<String> = []) {
        self.options = options
        self.baseURL = baseURL
        self.unpublished = unpublished
    }
}
