
/// A Markdown body after one cmark pass, with its blocks mapped back to file locations.
struct DocumentBody {
    let blocks: [MarkdownBlock]
    let html: String?
    let links: [(destination: String, location: SourceLocation)]
    let locate: @Sendable (Int, Int) -> SourceLocation
    /// What parsing found wrong: tables over the limits (DB100).
    let diagnostics: [Diagnostic]
    /// HTML comments inside paragraphs, headings and cells, where an internal marker hides nothing.
    var inlineComments: [InlineComment] = []

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
                    // A document the site leaves out has no page to link to, and its path may say too much.
                    if render.unpublished.contains(target) { return UnpublishedLinks.destination }
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
        var html = result.html
        if let render, !render.unpublished.isEmpty, let rendered = html { html = UnpublishedLinks.strip(rendered) }
        return DocumentBody(blocks: result.blocks, html: html, links: links, locate: locate, diagnostics: diagnostics,
                            inlineComments: result.inlineComments)
    }

    /// The sections, named canonically, and every heading (`outline`). A section is a heading at
    /// `config.sectionLevel` (level 2 by default), or a heading at another level that names a
    /// required or standard section no heading at that level names (`### Impact` in the Google
    /// SRE book's layout); the leading H1 (the title) is never promoted, and headings inside a
    /// Timeline or Preventive Actions section (days, action types) are its parts, never sections,
    /// even at `section_level` under a `# Timeline`. A heading that names a day (`## March 15`,
    /// `## Day 2`) and no section is part of the Timeline it follows even at the Timeline's own
    /// level or above, as templates write one heading per day. A section runs to the next heading
    /// of its level or above that is not such a part, or to the next section's heading.
    ///
    /// A weak alias (`What happened?`, see `SectionNames.Alias.unlessTaken`) names its section
    /// unless another heading that becomes a section names it too, at the section level or where
    /// the weak one is not at that level: a heading nested in another section never takes it.
    func sections(using config: Config) -> (sections: [Section], outline: [OutlineHeading]) {
        var headings: [Heading] = []
        for (position, block) in blocks.enumerated() {
            if case .heading(let level) = block.kind { headings.append(Heading(position: position, block: block, level: level)) }
        }
        guard !headings.isEmpty else { return ([], []) }
        let texts = headings.map { $0.block.text.trimmed }
        let matches = texts.map(config.sectionMatch)
        var names = zip(texts, matches).map { text, match in match?.name ?? text }
        var layout = Self.layout(headings, names: names, texts: texts, config: config)
        let sectionLevel = config.sectionLevel.sectionHeadingLevel
        let starts = Set(layout.starts)
        var strongAtSectionLevel: Set<String> = []
        var strong: Set<String> = []
        for index in layout.starts where matches[index]?.weak == false {
            strong.insert(names[index])
            if headings[index].level == sectionLevel { strongAtSectionLevel.insert(names[index]) }
        }
        var renamed = false
        for (index, match) in matches.enumerated() where match?.weak == true {
            let rival = headings[index].level == sectionLevel ? strongAtSectionLevel.contains(names[index]) : strong.contains(names[index])
            if !starts.contains(index) || rival {
                names[index] = texts[index]
                renamed = true
            }
        }
        if renamed { layout = Self.layout(headings, names: names, texts: texts, config: config) }
        var sections: [Section] = []
        sections.reserveCapacity(layout.starts.count)
        for (order, index) in layout.starts.enumerated() {
            let heading = headings[index]
            let nextSection = order + 1 < layout.starts.count ? headings[layout.starts[order + 1]].position : blocks.count
            var end = heading.position + 1
            while end < nextSection {
                if case .heading(let level) = blocks[end].kind, level <= heading.level, !layout.days.contains(end) { break }
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

    /// Whether a heading names a day of a timeline and nothing else: a date (`March 15`,
    /// `2026-03-15`, `Sunday, October 21, 2018 (all times UTC)`) or a numbered day (`Day 2`,
    /// `Day 2 - March 15`, `Day 2 (Tuesday)`).
    static func namesDay(_ heading: String) -> Bool {
        var text = Substring(heading.trimmed)
        if text.lowercased().hasPrefix("day ") {
            let after = text.dropFirst(4).drop { $0 == " " || $0 == "\t" }
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 3 else { return false }
            text = after.dropFirst(digits.count).drop { $0.isWhitespace || "-–—:.,".contains($0) }
            if text.isEmpty || (text.first == "(" && text.last == ")") { return true }
        }
        guard let phrase = TimePhrase.read(String(text)), phrase.start.day != nil, phrase.start.secondOfDay == nil,
              phrase.end == nil, phrase.unreadClock == nil else { return false }
        return phrase.rest.isEmpty || TimelineParser.zoneNote(phrase.rest) != nil
    }

    /// Sections whose subheadings are parts of them (days of a timeline, types of actions), in
    /// lower case: `required_sections` may spell the canonical name so.
    static let sectionsWithParts: Set<String> = ["timeline", "preventive actions"]
}

private extension DocumentBody {
    struct Heading {
        let position: Int
        let block: MarkdownBlock
        let level: Int
    }

    /// Which headings start sections (indices into `headings`, in order) and the block positions
    /// of day headings that stay inside their Timeline although at its level or above.
    static func layout(_ headings: [Heading], names: [String], texts: [String], config: Config) -> (starts: [Int], days: Set<Int>) {
        let sectionLevel = config.sectionLevel.sectionHeadingLevel
        let atSectionLevel = Set(headings.indices.filter { headings[$0].level == sectionLevel }.map { SectionNames.key(names[$0]) })
        var starts: [Int] = []
        var days: Set<Int> = []
        var open: (name: String, level: Int)?
        for (index, heading) in headings.enumerated() {
            if let current = open, heading.level <= current.level {
                if current.name.lowercased() == "timeline", config.knownSection(names[index]) == nil, namesDay(texts[index]) {
                    days.insert(heading.position)
                    continue
                }
                open = nil
            }
            // Whatever is left open is above this heading.
            let isPart = open.map { sectionsWithParts.contains($0.name.lowercased()) } ?? false
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
        return (starts, days)
    }
}
