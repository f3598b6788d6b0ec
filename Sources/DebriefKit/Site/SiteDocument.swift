import Foundation

/// One post-mortem or SOP as the site needs it, and as the build cache keeps it between
/// builds: the document with its Markdown body and block tree dropped (they are large and only
/// reading needs them), the diagnostics reading found, and what the pages use (outline,
/// excerpt, search text, links). The rendered body is kept apart, deflated in memory after a parse or
/// in the cache's body store, and is read only for pages that must be rendered again.
///
/// Validation runs on these reduced documents. Each section keeps only whether it has content,
/// which is all the rules look at; a rule that needs more of the body must be checked against
/// `SiteDocument.reduce`.
struct SiteDocument: Sendable {
    /// What the file held. Indirect, so a record is a few words and its copies (the search
    /// corpus's documents, the lists of a build's stages) share one post-mortem; the index's
    /// entries keep a post-mortem of their own beside the record, which every page reads.
    indirect enum Content: Sendable {
        case postmortem(Postmortem)
        case sop(SOP)
        /// Empty or not UTF-8: only its diagnostics remain.
        case unreadable
    }

    /// Where the rendered body is.
    enum Body: Sendable {
        /// Rendered in this build, and held deflated until it is stored or its page made.
        case rendered(RenderedBody)
        /// In the cache's body store.
        case stored(offset: Int, length: Int)
        /// No body (an unreadable file).
        case none
    }

    /// A heading of the body and the anchor its rendered `<h…>` carries.
    struct Heading: Sendable, Equatable {
        var level: Int
        var text: String
        var anchor: String
    }

    /// A link to a repo document: the target file and whether it existed when the body was
    /// rendered. The rendered HTML depends on it, so the cached body is stale when it changes.
    struct DocumentLink: Sendable, Equatable {
        var file: String
        var existed: Bool
    }

    /// Path relative to the repository root.
    var file: String
    /// The file's `lstat` signature when read.
    var signature: FileSignature?
    /// The hash of the file's bytes.
    var contentHash: UInt64
    /// The document.
    var content: Content
    /// Problems found while reading it.
    var diagnostics: [Diagnostic]
    /// Every heading with its anchor, in document order.
    var headings: [Heading]
    /// A short plain-text summary (the Summary section, or the SOP's first paragraph).
    var excerpt: String
    /// Links to repo documents.
    var documentLinks: [DocumentLink]
    /// Other repo files the body links to (copied into `files/`).
    var linkedFiles: [String]
    /// The rendered body.
    var body: Body
    /// The hash of the rendered body (stands in for it in page keys).
    var bodyHash: UInt64
    /// The link of each action's Ticket cell, in table order.
    var ticketURLs: [String?] = []

    var postmortem: Postmortem? {
        if case .postmortem(let pm) = content { return pm }
        return nil
    }

    var sop: SOP? {
        if case .sop(let sop) = content { return sop }
        return nil
    }

    /// The record without what only validation and the cache need (front matter locations,
    /// links, sections, cell locations, diagnostics), once both are done with it: a large
    /// site then renders in much less memory.
    func slimmedForPages() -> SiteDocument {
        var slim = self
        slim.diagnostics = []
        switch content {
        case .postmortem(var pm):
            pm.fields = []
            pm.links = []
            pm.sections = []
            pm.similarityText = ""
            pm.actionTables = pm.actionTables.map(\.withoutCellLocations)
            slim.content = .postmortem(pm)
        case .sop(var sop):
            sop.links = []
            slim.content = .sop(sop)
        case .unreadable:
            break
        }
        return slim
    }

    /// The link of an action's Ticket cell: a Markdown link or a bare URL, `http` or `https`
    /// only, else the address the repo's `tickets:` patterns give the id.
    static func ticketURL(_ action: PreventiveAction, links: [(destination: String, location: SourceLocation)],
                          tickets: TicketLinker) -> String? {
        var candidates: [String] = []
        if let cell = action.cellLocations["Ticket"] {
            candidates = links.filter { $0.location == cell }.map(\.destination)
        }
        candidates.append(action.ticket ?? "")
        if let written = candidates.first(where: { $0.hasPrefix("https://") || $0.hasPrefix("http://") }) { return written }
        return action.ticket.flatMap(tickets.url(for:))
    }

    /// Whether the cached rendering still holds for `layout`: every linked document still
    /// exists, or still does not.
    func linksStillHold(in layout: RepositoryLayout) -> Bool {
        documentLinks.allSatisfy { layout.isDocument($0.file) == $0.existed }
    }
}

// MARK: - Making one from a freshly read document

extension SiteDocument {
    /// Longest excerpt, in characters.
    static let excerptLength = 200

    /// The site record of a post-mortem just read.
    static func make(_ pm: Postmortem, diagnostics: [Diagnostic], signature: FileSignature?, contentHash: UInt64,
                     layout: RepositoryLayout) -> SiteDocument {
        let linked = TicketLinkHTML.link(pm.bodyHTML ?? "", with: layout.tickets)
        let body = BodyHTML(cmark: RichBlockMarks.insert(pm.richBlocks, into: linked), dropLeadingH1: pm.heading != nil)
        let excerpt = Self.clip(HTMLText.firstParagraph(Self.sectionHTML("Summary", of: pm, in: body)), to: excerptLength)
        var document = SiteDocument(
            file: pm.file, signature: signature, contentHash: contentHash, content: .postmortem(pm),
            diagnostics: diagnostics, headings: body.headings, excerpt: excerpt,
            documentLinks: [], linkedFiles: [], body: .rendered(RenderedBody(body.html)), bodyHash: 0)
        document.collectLinks(pm.links.map(\.destination), layout: layout)
        document.ticketURLs = pm.actions.map { Self.ticketURL($0, links: pm.links, tickets: layout.tickets) }
        document.finish()
        return document
    }

    /// The rendered HTML of the section the reader took as `name` (at whatever level it was
    /// written), up to the next heading of its level or above or the next section; empty
    /// without one.
    static func sectionHTML(_ name: String, of pm: Postmortem, in body: BodyHTML) -> String {
        guard let section = pm.section(name) else { return "" }
        func same(_ heading: SiteDocument.Heading, as section: Section) -> Bool {
            heading.level == section.level && SectionNames.key(heading.text) == SectionNames.key(section.heading)
        }
        guard let index = body.headings.firstIndex(where: { same($0, as: section) }) else { return "" }
        return body.html(under: index) { next in
            next.level <= section.level || pm.sections.contains { same(next, as: $0) }
        }
    }

    /// The site record of an SOP just read.
    static func make(_ sop: SOP, diagnostics: [Diagnostic], signature: FileSignature?, contentHash: UInt64,
                     layout: RepositoryLayout) -> SiteDocument {
        let raw = TicketLinkHTML.link(sop.bodyHTML ?? "", with: layout.tickets)
        let body = BodyHTML(cmark: raw, dropLeadingH1: raw.hasPrefix("<h1"))
        var document = SiteDocument(
            file: sop.file, signature: signature, contentHash: contentHash, content: .sop(sop),
            diagnostics: diagnostics, headings: body.headings,
            excerpt: Self.clip(HTMLText.firstParagraph(body.html), to: excerptLength),
            documentLinks: [], linkedFiles: [], body: .rendered(RenderedBody(body.html)), bodyHash: 0)
        document.collectLinks(sop.links.map(\.destination), layout: layout)
        document.finish()
        return document
    }

    /// The record of a file that could not be decoded.
    static func unreadable(file: String, diagnostics: [Diagnostic], signature: FileSignature?, contentHash: UInt64) -> SiteDocument {
        SiteDocument(file: file, signature: signature, contentHash: contentHash, content: .unreadable, diagnostics: diagnostics,
                     headings: [], excerpt: "", documentLinks: [], linkedFiles: [], body: .none, bodyHash: 0)
    }

    /// Drops the body text, which only reading needs, and hashes the rendered body.
    private mutating func finish() {
        switch content {
        case .postmortem(var pm):
            pm.body = ""
            pm.bodyHTML = nil
            pm.sections = pm.sections.map(\.withoutBlocks)
            pm.richBlocks = RichBlocks()
            content = .postmortem(pm)
        case .sop(var sop):
            sop.body = ""
            sop.bodyHTML = nil
            content = .sop(sop)
        case .unreadable:
            break
        }
        if case .rendered(let rendered) = body { bodyHash = rendered.digest }
    }

    private mutating func collectLinks(_ destinations: [String], layout: RepositoryLayout) {
        var documents: [String: Bool] = [:]
        var files: Set<String> = []
        for destination in destinations {
            switch layout.resolve(destination, from: file) {
            case .document(let target, _): documents[target] = true
            case .missingDocument(let target): documents[target] = false
            case .otherFile(let target): files.insert(target)
            case .external, .fragment: break
            }
        }
        documentLinks = documents.keys.sorted().map { DocumentLink(file: $0, existed: documents[$0] ?? false) }
        linkedFiles = files.sorted()
    }

    // MARK: - Text helpers

    /// A person as written, without a leading `@`.
    static func person(_ name: String) -> String {
        name.hasPrefix("@") ? String(name.drop { $0 == "@" }) : name
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// At most `limit` characters, cut at a space, with an ellipsis when cut.
    static func clip(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last == " " || last == "," || last == ";" || last == ":" || last == "." { cut.removeLast() }
        return cut + "…"
    }
}

extension ActionTable {
    /// The table with no cell locations on its actions: only validation and `sync` need them,
    /// and a large site renders in less memory without them.
    var withoutCellLocations: ActionTable {
        var table = self
        table.actions = table.actions.map { action in
            var action = action
            action.cellLocations = [:]
            return action
        }
        return table
    }
}
