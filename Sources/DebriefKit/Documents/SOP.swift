/// A standard operating procedure (runbook) from `sops/**/*.md`.
public struct SOP: Sendable {
    /// Path relative to the repository root.
    public var file: String
    /// Path under the SOP folder without `.md` (`db/database-restore`).
    public var id: String
    /// Front matter `title`, else the first H1, else the file name.
    public var title: String
    /// The owning team or person.
    public var owner: String?
    /// When the procedure was last reviewed.
    public var lastReviewed: CalendarDate?
    /// The Markdown body (front matter removed).
    public var body: String
    /// The 1-based file line where the body starts.
    public var bodyFirstLine: Int
    /// Every link destination with its file location.
    public var links: [(destination: String, location: SourceLocation)] = []
    /// The body rendered to HTML for the site, when rendering was asked for.
    public var bodyHTML: String?
}
