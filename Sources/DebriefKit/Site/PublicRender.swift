import Foundation

/// `debrief render --public FILE`: the body one document has on the public site, as HTML, made
/// exactly as `build --public` makes it (the whole repo is read, so links to internal documents
/// lose their link and `related` ids of internal post-mortems are dropped).
public struct PublicRender: Sendable {
    /// What came of it.
    public enum Outcome: Sendable, Equatable {
        /// The public body.
        case html(String)
        /// The public site leaves the document out; the reason, in words.
        case leftOut(String)
    }

    /// The outcome.
    public var outcome: Outcome
    /// What reading the document found (its own diagnostics, as `check` reports them).
    public var diagnostics: [Diagnostic]

    /// Renders the document at `file` (relative to `root`). Throws `EnvironmentError` when it is
    /// no post-mortem or SOP of the repository, or the repository cannot be read.
    public static func render(root: URL, file: String) throws -> PublicRender {
        let scan = try SiteLoader.scan(root: root)
        guard scan.layout.isDocument(file) else {
            throw EnvironmentError("\(file) is no post-mortem or SOP of the repository at \(root.path) (under \(scan.config.postmortems)/ or \(scan.config.sops)/)")
        }
        let (documents, sources) = try SiteLoader.loadForPublic(scan)
        let own = documents.first { $0.file == file }
        let diagnostics = (own?.diagnostics ?? []).sortedForOutput()
        guard let source = sources[file] else {
            return PublicRender(outcome: .leftOut("it cannot be read"), diagnostics: diagnostics)
        }
        guard source.plan.visibility == .public else {
            return PublicRender(outcome: .leftOut("it is internal (visibility: internal, or a visibility debrief does not know)"), diagnostics: diagnostics)
        }
        guard source.plan.markersSound else {
            return PublicRender(outcome: .leftOut("its internal markers are unbalanced, so where internal text ends is unknown"), diagnostics: diagnostics)
        }
        var markdown = MarkdownOptions.site
        markdown.unsafe = scan.config.unsafeHTML
        let render = RenderSettings(options: markdown, baseURL: scan.config.baseURL)
        let published = PublicSite.documents(documents, sources: sources, scan: scan, render: render)
        guard let document = published.first(where: { $0.file == file }), case .rendered(let rendered) = document.body else {
            return PublicRender(outcome: .leftOut("it has no public body"), diagnostics: diagnostics)
        }
        return PublicRender(outcome: .html(RichBlockMarks.plain(RichBlockMarks.split(rendered.html))), diagnostics: diagnostics)
    }
}
