/// The documents of a public site (`debrief build --public`), made after validation from the
/// documents as `check` reads them: internal documents (and any whose markers are unbalanced or
/// whose `visibility` is not understood) are left out; every other one is read again from its
/// public text (`PublicText`: internal blocks and sections cut, actions tables rewritten with
/// the columns `public:` allows), links to left-out documents keep only their text, and the
/// people fields `public:` does not opt in are emptied; ticket ids are not linked. Everything the site makes (pages,
/// search, feed, sitemap, JSON, listings and counts) is made from these documents alone.
enum PublicSite {
    /// One document as read for validation, with what the public site needs of it.
    struct Source: Sendable {
        /// The text the document was read from (the same bytes are cut, never read again).
        var text: SourceText
        /// Its internal parts.
        var plan: PublicPlan
        /// Its actions tables as the full text was read.
        var actionTables: [ActionTable]
    }

    /// The public documents of `documents` (as read for validation, with their `sources`).
    static func documents(_ documents: [SiteDocument], sources: [String: Source], scan: SiteLoader.Scan,
                          render: RenderSettings) -> [SiteDocument] {
        let options = scan.config.publicOptions
        var published: Set<String> = []
        var postmortemIDs: Set<String> = []
        var sopIDs: Set<String> = []
        for document in documents {
            guard let source = sources[document.file], source.plan.isPublished else { continue }
            switch document.content {
            case .postmortem(let pm):
                published.insert(document.file)
                if !pm.id.isEmpty { postmortemIDs.insert(pm.id) }
            case .sop(let sop):
                published.insert(document.file)
                sopIDs.insert(sop.id)
            case .unreadable:
                break
            }
        }
        // Tracker links lead into the company's tracker, which a reader of the public site cannot
        // open and whose address is itself internal: ticket ids stay plain text.
        var publicConfig = scan.config
        publicConfig.tickets = []
        let layout = RepositoryLayout(config: publicConfig, postmortemFiles: scan.layout.postmortemFiles, sopFiles: scan.layout.sopFiles)
        var publicRender = render
        publicRender.unpublished = Set(layout.postmortemFiles + layout.sopFiles).subtracting(published)
        let postmortemReader = PostmortemReader(layout: layout, render: publicRender)
        let sopReader = SOPReader(layout: layout, render: publicRender)
        let kept = documents.filter { published.contains($0.file) }
        let publicIDs = postmortemIDs, publicSOPs = sopIDs
        return parallelMap(kept) { document -> SiteDocument in
            guard let source = sources[document.file] else { return document }
            let text = PublicText.apply(source.plan, to: source.text.text, actions: source.actionTables, options: options,
                                        publishedSOP: publicSOPs.contains)
            let cut = SourceText(path: document.file, text: text, hasBOM: source.text.hasBOM)
            if document.sop != nil {
                var (sop, _) = sopReader.read(cut)
                if !options.owners { sop.owner = nil }
                return SiteDocument.make(sop, diagnostics: [], signature: document.signature, contentHash: document.contentHash, layout: layout)
            }
            var (pm, _) = postmortemReader.read(cut)
            if !options.authors { pm.authors = [] }
            if !options.commanders { pm.commander = nil }
            if !options.reviewers {
                pm.reviewers = []
                pm.approvedBy = []
            }
            pm.customFields = pm.customFields.filter { options.fields.contains($0.key) }
            pm.related = pm.related.filter(publicIDs.contains)
            return SiteDocument.make(pm, diagnostics: [], signature: document.signature, contentHash: document.contentHash, layout: layout)
        }
    }
}
