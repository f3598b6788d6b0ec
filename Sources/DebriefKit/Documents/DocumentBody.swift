
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

    /// The sections, named canonically, and every heading (`outline`). A section is a heading at
    /// `config.sectionLevel` (level 2 by default), or a heading at another level that names a
    /// required or standard section no heading at that level names (`### Impact` in the Google
    /// SRE book's layout); the leading H1 (the title) is never promoted, and headings inside a
    /// Timeline or Preventive Actions section (days, action types) are its parts, never sections,
    /// even at `section_level` under a `# Timeline`. A section runs to the next
    /// heading of its level or above, or to the next section's heading.
    func sections(using config: Config) -> (sections: [Section], outline: [OutlineHeading]) {
        var headings: [(position: Int, block: MarkdownBlock, level: Int)] = []
        for (position, block) in blocks.enumerated() {
            if case .heading(let level) = block.kind { headings.append((position, block, level)) }
        }
        guard !headings.isEmpty else { return ([], []) }
        let texts = headings.map { $0.block.text.trimmed }
        let names = config.canonicalSections(texts)
        let sectionLevel = config.sectionLevel.sectionHeadingLevel
        let atSectionLevel = Set(headings.indices.filter { headings[$0].level == sectionLevel }.map { SectionNames.key(names[$0]) })
        var starts: [Int] = []
        var open: (name: String, level: Int)?
        for (index, heading) in headings.enumerated() {
            if let current = open, heading.level <= current.level { open = nil }
            // Whatever is left open is above this heading.
            let isPart = open.map { Self.sectionsWithParts.contains($0.name) } ?? false
            let isSection: Bool
            if heading.level == sectionLevel {
                isSection = !isPart
            } else {
                let isTitle = heading.position == 0 && heading.level == 1 && sectionLevel > 1
                isSection = !isTitle && !isPart && config.knownSection(names[index]) != nil
                    && !atSectionLevel.contains(SectionNames.key(names[index]))
            }
            if isSection {
                starts.append(index)
                open = (names[index], heading.level)
            }
        }
        var sections: [Section] = []
        sections.reserveCapacity(starts.count)
        for (order, index) in starts.enumerated() {
            let heading = headings[index]
            let nextSection = order + 1 < starts.count ? headings[starts[order + 1]].position : blocks.count
            var end = heading.position + 1
            while end < nextSection {
                if case .heading(let level) = blocks[end].kind, level <= heading.level { break }
                end += 1
            }
            sections.append(Section(heading: texts[index], name: names[index], location: locate(heading.block.line, heading.block.column),
                                    level: heading.level, blocks: Array(blocks[(heading.position + 1)..<end])))
        }
        let outline = headings.enumerated().map { index, heading in
            OutlineHeading(text: texts[index], level: heading.level, location: locate(heading.block.line, heading.block.column))
        }
        return (sections, outline)
    }

    /// Sections whose subheadings are parts of them (days of a timeline, types of actions).
    static let sectionsWithParts: Set<String> = ["Timeline", "Preventive Actions"]
}
