/// How document bodies become HTML for the site.
public struct RenderSettings: Sendable {
    /// cmark options (the site's extensions; unsafe only when the repo opts in).
    public var options: MarkdownOptions
    /// Absolute prefix for links, or nil for relative links.
    public var baseURL: String?

    /// Creates settings.
    public init(options: MarkdownOptions, baseURL: String?) {
        self.options = options
        self.baseURL = baseURL
    }
}
