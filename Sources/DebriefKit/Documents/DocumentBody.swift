
/// A Markdown body after one cmark pass, with its blocks mapped back to file locations.
struct DocumentBody {
    let blocks: [MarkdownBlock]
    let html: String?
    let links: [(destination: String, location: SourceLocation)]
    let locate: @Sendable (Int, Int) -> SourceLocation
    /// What parsing found wrong: tables over the limits (DB100).
    let diagnostics: [Diagnostic]

    /// The text of a leading H1, if the body opens with one.
    var heading: String? {
        guard let first = blocks.first, case .heading(level: 1) = first.kind else { return nil }
        let text = first.text.trimmed
        return text.isEmpty ? nil : text
    }

    static func parse(_ body: String, firstLine: Int, source: SourceText, layout: RepositoryLayout, render: RenderSettings?) -> DocumentBody {
        let file = source.path
        var rewrite: (@Sendable (String) -> String?)?
        if let render, let page = layout.pagePath(forFile: file) {
            let linkedFiles = LinkedFiles(config: layout.config)
            rewrite = { destination in
                switch layout.resolve(destination, from: file) {
                case .document(let target, let fragment):
                    guard let targetPage = layout.pagePath(forFile: target) else { return nil }
                    return layout.href(toPage: targetPage, fragment: fragment, fromPage: page, baseURL: render.baseURL)
                case .otherFile(let target):
                    // A file the site does not publish is never linked under `files/`.
                    guard linkedFiles.isPublishable(path: target) else { return linkedFiles.fallbackHref(for: target) }
                    return layout.href(toPage: "files/" + target, fragment: nil, fromPage: page, baseURL: render.baseURL)
                case .external, .fragment, .missingDocument:
                    return nil
                }
            }
        }
        let request = RenderRequest(options: render?.options ?? .site, produceHTML: render != nil, anchorHeadings: true, rewriteLink: rewrite)
        let result = CMark.process(body, request)
        let locate: @Sendable (Int, Int) -> SourceLocation = { line, column in
            source.location(line: line + firstLine - 1, byteColumn: column, skippingSpaces: true)
        }
        // Links are located at the start of their block, counted in characters from the start
        // of the line; the links of one block come together, so each block is counted once
        // (once per link was quadratic for many links far along a long line).
        var last: (line: Int, column: Int, location: SourceLocation)?
        let links = result.links.map { link -> (String, SourceLocation) in
            if let last, last.line == link.line, last.column == link.column { return (link.destination, last.location) }
            let location = locate(link.line, link.column)
            last = (link.line, link.column, location)
            return (link.destination, location)
        }
        let diagnostics = result.oversizedTables.map { table in
            Diagnostic(.error, .tableTooLarge, at: locate(table.line, 1), table.message)
        }
        return DocumentBody(blocks: result.blocks, html: result.html, links: links, locate: locate, diagnostics: diagnostics)
    }

    /// Level-2 sections, named canonically.
    func sections(using config: Config) -> [Section] {
        var sections: [Section] = []
        var current: (heading: MarkdownBlock, blocks: [MarkdownBlock])?
        func close() {
            guard let (block, content) = current else { return }
            let heading = block.text.trimmed
            sections.append(Section(heading: heading, name: config.canonicalSection(heading),
                                    location: locate(block.line, block.column), blocks: content))
            current = nil
        }
        for block in blocks {
            if case .heading(let level) = block.kind, level <= 2 {
                close()
                if level == 2 { current = (block, []) }
                continue
            }
            current?.blocks.append(block)
        }
        close()
        return sections
    }
}
