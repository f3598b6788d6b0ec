/// Stage 7 of a build (render and write): turns planned files into bytes. `prepare` works out a page's key, the
/// hash of everything it is made from (its model, the templates, the debrief binary), without
/// rendering; `render` makes the bytes. A page whose key matches the last build is neither
/// rendered nor written. Both run on many threads at once.
///
/// One file is the exception: `api/postmortems.json`, too large to hold whole, is written
/// piece by piece into `stagingPath` while its key is worked out, then moved into place
/// (`Rendered.write`) or deleted (`discard`).
struct PageRenderer: Sendable {
    let models: PageModels
    /// The documents of the search index.
    let search: SearchCorpus
    let templates: TemplateSet
    /// The repo root, for copied files.
    let rootPath: String
    /// Mixed into every key: the templates and the binary.
    let salt: UInt64
    /// Where rendered bodies are when the cache has them.
    let bodies: BodyStore
    /// Where the site goes, for the file written while it is prepared.
    let writer: any SiteWriter

    /// Where `api/postmortems.json` is written before it is moved into place: in the cache
    /// folder (never published, on the same file system as the site), removed or moved by the
    /// end of every build that made it.
    static let stagingPath = SiteLayout.cacheFolder + "/api-postmortems.json.part"

    /// A planned file with its key, ready to render.
    struct Prepared: Sendable {
        let file: PlannedFile
        let key: UInt64
        fileprivate let content: Content
    }

    fileprivate enum Content: Sendable {
        case model(template: String, TemplateValue, body: BodyField?)
        case bytes([UInt8])
        case copy(String)
        case searchDocument(SearchCorpus.Document)
        /// Written already, at `stagingPath`, with its content hash.
        case staged(hash: UInt64)
    }

    /// A file ready to be put in the site: bytes, or the staged file.
    struct Rendered: Sendable {
        fileprivate let page: SitePage?
        /// The hash of the file's content (`SitePage.contentHash` for a page).
        let contentHash: UInt64
        let path: String

        /// Puts the file in the site.
        func write(to writer: any SiteWriter) throws {
            if let page { try writer.write(page) } else { try writer.rename(PageRenderer.stagingPath, to: path) }
        }

        /// Drops the file: the site already has these bytes.
        func discard(from writer: any SiteWriter) throws {
            if page == nil { try writer.remove(PageRenderer.stagingPath) }
        }
    }

    /// Where a page's body goes in its model, and where to get it.
    fileprivate struct BodyField: Sendable {
        let document: SiteDocument
        /// The post-mortem's position, whose body is split into parts around its rich views.
        var postmortem: Int?
    }

    func prepare(_ file: PlannedFile) throws -> Prepared {
        var hasher = StableHasher(seed: salt)
        hasher.combine(file.path)
        switch file.source {
        case .page(let template, let kind):
            let (model, body) = model(for: kind)
            hasher.combine(template)
            model.hash(into: &hasher)
            return Prepared(file: file, key: hasher.finalize(), content: .model(template: template, model, body: body))
        case .searchDocument(let number):
            let document = search.documents[number]
            // The header and the body's hash stand for the file: the body is read only to render.
            hasher.combine(JSONText.render(.object(SearchFragment.header(document)), indent: nil))
            hasher.combine(document.number)
            hasher.combine(document.site.bodyHash)
            return Prepared(file: file, key: hasher.finalize(), content: .searchDocument(document))
        case .postmortemsAPI:
            // Written as it is made: the key and the content hash come from the same pieces.
            try writer.remove(Self.stagingPath)
            var content = StableHasher()
            try models.postmortemsJSON { piece in
                hasher.combine(piece)
                content.combine(piece)
                _ = try writer.append(piece, to: Self.stagingPath)
            }
            return Prepared(file: file, key: hasher.finalize(), content: .staged(hash: content.finalize()))
        case .data(let bytes):
            hasher.combine(bytes)
            return Prepared(file: file, key: hasher.finalize(), content: .bytes(bytes))
        case .asset(let name):
            let bytes = templates.assets[name] ?? []
            hasher.combine(bytes)
            return Prepared(file: file, key: hasher.finalize(), content: .bytes(bytes))
        case .copy(let source):
            // The file's signature stands for its bytes, so an unchanged file is not read.
            if let signature = RepositoryFiles(rootPath: rootPath).signature(source) {
                hasher.combine(Int(signature.size))
                hasher.combine(Int(signature.modified))
                hasher.combine(Int(signature.changed))
                hasher.combine(signature.inode)
            }
            return Prepared(file: file, key: hasher.finalize(), content: .copy(source))
        }
    }

    /// Drops what `prepare` wrote for a file that is not rendered (its key is the last build's).
    func discard(_ prepared: Prepared) throws {
        if case .staged = prepared.content { try writer.remove(Self.stagingPath) }
    }

    /// The file, or nil when its template is missing or its source cannot be read. Throws when
    /// a cached body, checked when the build began, no longer matches its record (something
    /// changed the cache during the build): a page is never made with the wrong body.
    func render(_ prepared: Prepared) throws -> Rendered? {
        if case .staged(let hash) = prepared.content {
            return Rendered(page: nil, contentHash: hash, path: prepared.file.path)
        }
        return try page(prepared).map { Rendered(page: $0, contentHash: $0.contentHash, path: $0.path) }
    }

    private func page(_ prepared: Prepared) throws -> SitePage? {
        switch prepared.content {
        case .model(let template, var model, let body):
            if let body, case .object(var fields) = model {
                let html = try bodies.requiredHTML(of: body.document)
                if let position = body.postmortem {
                    for (key, value) in models.postmortemBody(position, html: html) { fields[key] = value }
                } else {
                    fields["bodyHTML"] = .html(html)
                }
                model = .object(fields)
            }
            guard var text = templates.render(template, model) else { return nil }
            if templates.insertsPolicy, prepared.file.path.hasSuffix(".html") {
                text = ContentSecurityPolicy.inserted(into: text)
            }
            return SitePage(path: prepared.file.path, text: text)
        case .bytes(let bytes):
            return SitePage(path: prepared.file.path, bytes: bytes)
        case .staged:
            return nil
        case .searchDocument(let document):
            let html = try bodies.requiredHTML(of: document.site)
            let sections = SearchSections.of(html: html, headings: document.site.headings)
            return SitePage(path: prepared.file.path, text: SearchFragment.script(document, sections: sections))
        case .copy(let source):
            let limit = models.index.config.maxLinkedFileSize
            guard let bytes = RepositoryFiles(rootPath: rootPath).read(source, limit: limit).bytes else { return nil }
            return SitePage(path: prepared.file.path, bytes: bytes)
        }
    }

    /// The model of a page; a post-mortem or SOP body is represented by its hash until the
    /// page is rendered.
    private func model(for kind: PlannedFile.PageKind) -> (TemplateValue, BodyField?) {
        switch kind {
        case .dashboard: return (models.dashboardPage(), nil)
        case .postmortem(let position):
            let document = models.index.postmortems[position].document
            return (models.postmortemPage(position, bodyHTML: "#" + document.bodyHash.hexDigits), BodyField(document: document, postmortem: position))
        case .sop(let position):
            let document = models.index.sops[position].document
            return (models.sopPage(position, bodyHTML: "#" + document.bodyHash.hexDigits), BodyField(document: document, postmortem: nil))
        case .postmortemIndex: return (models.postmortemIndexPage(), nil)
        case .sopIndex: return (models.sopIndexPage(), nil)
        case .actions(let number): return (models.actionsPage(page: number), nil)
        case .taxonomy(let kind): return (models.taxonomyPage(kind), nil)
        case .term(let kind, let position, let number): return (models.termPage(kind, position, page: number), nil)
        case .search: return (models.searchPage(), nil)
        case .notFound: return (models.notFoundPage(), nil)
        case .feed: return (models.feed(), nil)
        case .sitemap(let pages): return (models.sitemap(pages: pages), nil)
        }
    }
}
