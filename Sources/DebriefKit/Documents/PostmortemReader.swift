/// How much of a document a reading needs.
public enum ReadingScope: Sendable, Equatable {
    /// Everything, with every diagnostic: `check`, `build` and the commands that write.
    case everything
    /// The front matter, sections, links and preventive actions, and no more: `audit` and
    /// `similar`, which report on actions and incidents and never on a document's other
    /// problems. The timeline is not read (it stays empty), nor what the public site leaves
    /// out, nor tables of actions outside their section; their diagnostics are not made.
    case actions
}

/// Reads one post-mortem: front matter into typed fields, the body into sections, timeline
/// entries and preventive actions. What cannot be read is reported; everything that can be
/// read is kept, so one run reports every problem.
public struct PostmortemReader: Sendable {
    /// Where documents are, for resolving SOP references.
    public let layout: RepositoryLayout
    /// How to render the body, or nil to skip HTML (checking).
    public let render: RenderSettings?
    /// How much of each post-mortem is read.
    public let scope: ReadingScope

    /// Creates a reader.
    public init(layout: RepositoryLayout, render: RenderSettings? = nil, scope: ReadingScope = .everything) {
        self.layout = layout
        self.render = render
        self.scope = scope
    }

    /// Front matter keys a post-mortem may have.
    public static let knownFields = ["id", "title", "date", "severity", "status", "services", "tags", "authors",
                                     "commander", "timezone", "started", "detected", "mitigated", "resolved", "related",
                                     "section_aliases", "imported", "visibility"] + reviewFields

    /// The built-in fields of the review record, with the type each has. A repository may still
    /// declare them under `fields:` with that type, to require them from a status on or to label them.
    public static let reviewFieldKinds: [(key: String, kind: CustomField.Kind)] = [("reviewers", .list), ("approved_by", .list), ("approved", .date)]

    /// The keys of `reviewFieldKinds`.
    public static let reviewFields = reviewFieldKinds.map(\.key)

    /// Reads the post-mortem in `source`.
    public func read(_ source: SourceText) -> (Postmortem, [Diagnostic]) {
        let (pm, diagnostics, _) = readWithPlan(source)
        return (pm, diagnostics)
    }

    /// Reads the post-mortem in `source`, with what its body and `visibility` keep off the
    /// public site.
    public func readWithPlan(_ source: SourceText) -> (Postmortem, [Diagnostic], PublicPlan) {
        var bag = DiagnosticBag()
        var visibility: Visibility?
        let file = source.path
        let split = FrontMatter.split(source.text)
        var config = layout.config
        var postmortem = Postmortem(file: file, slug: layout.postmortemSlug(file), id: "", title: "", date: nil,
                                    severity: "", statusText: "", body: split.body, bodyFirstLine: split.bodyFirstLine,
                                    hasFrontMatter: false)
        switch split.kind {
        case .absent:
            bag.error(.missingFrontMatter, at: SourceLocation(file: file), "post-mortem has no front matter; start the file with a '---' line, the fields, and a closing '---'")
        case .unterminated:
            bag.error(.unterminatedFrontMatter, at: SourceLocation(file: file), "front matter opened with '---' is never closed; add a '---' line after the last field")
            visibility = .internal
        case .present:
            visibility = readFrontMatter(split, into: &postmortem, config: &config, bag: &bag)
        }
        var plan = readBody(source, config: config, into: &postmortem, bag: &bag)
        plan.visibility = visibility ?? .public
        return (postmortem, bag.all, plan)
    }

    // MARK: - Front matter

    /// Reads the front matter into `pm`; `config` gets the document's own `section_aliases`.
    /// Returns the `visibility` (nil when not given; `.internal` when the front matter cannot
    /// be read, so a broken file is never published by mistake).
    private func readFrontMatter(_ split: FrontMatter, into pm: inout Postmortem, config: inout Config, bag: inout DiagnosticBag) -> Visibility? {
        let file = pm.file
        let mapping: Yams.Node.Mapping
        let locator: YAMLLocator
        switch YAMLReader.read(split.yaml, file: file, firstLine: split.yamlFirstLine) {
        case .failed(let diagnostic):
            bag.add(diagnostic)
            return .internal
        case .empty:
            pm.hasFrontMatter = true
            return nil
        case .notMapping(let location):
            bag.error(.frontMatterNotMapping, at: location, "front matter must be a mapping of keys to values (key: value lines)")
            return .internal
        case .mapping(let m, let l):
            mapping = m
            locator = l
        }
        pm.hasFrontMatter = true
        let fields = FrontMatterFields(mapping, locator: locator)
        pm.fields = fields.locations
        pm.id = fields.string("id", into: &bag)?.0 ?? ""
        pm.title = fields.string("title", into: &bag)?.0 ?? ""
        pm.severity = fields.string("severity", into: &bag)?.0 ?? ""
        pm.statusText = fields.string("status", into: &bag)?.0 ?? ""
        pm.commander = fields.string("commander", into: &bag)?.0
        if let (text, at) = fields.string("date", into: &bag) {
            pm.date = CalendarDate(text)
            if pm.date == nil { bag.error(.invalidDate, at: at, "'\(text)' is not a date; write YYYY-MM-DD, e.g. 2026-03-14") }
        }
        if let (text, at) = fields.string("timezone", into: &bag) {
            pm.timezone = TimeZoneSpec(text)
            if pm.timezone == nil { bag.error(.invalidTimezone, at: at, "'\(text)' is not a timezone; write an IANA name (Europe/Berlin) or an offset (+02:00)") }
        }
        func timestamp(_ key: String) -> Timestamp? {
            guard let (text, at) = fields.string(key, into: &bag) else { return nil }
            if let value = Timestamp(rfc3339: text) { return value }
            bag.error(.invalidTimestamp, at: at, "'\(key)' is not an RFC 3339 timestamp with an offset: '\(text)' (write e.g. 2026-03-14T09:12:00+01:00)")
            return nil
        }
        pm.started = timestamp("started")
        pm.detected = timestamp("detected")
        pm.mitigated = timestamp("mitigated")
        pm.resolved = timestamp("resolved")
        pm.services = fields.list("services", into: &bag)
        pm.tags = fields.list("tags", into: &bag)
        pm.authors = fields.list("authors", into: &bag)
        pm.related = fields.list("related", into: &bag)
        pm.reviewers = fields.list("reviewers", into: &bag)
        pm.approvedBy = fields.list("approved_by", into: &bag)
        if let (text, at) = fields.string("approved", into: &bag), !text.isEmpty {
            pm.approved = CalendarDate(text)
            if pm.approved == nil { bag.error(.invalidDate, at: at, "'approved' is not a date: '\(text)'; write YYYY-MM-DD, e.g. 2026-03-14") }
        }
        if let aliases = fields.mapping("section_aliases", example: "Background: Root Cause", into: &bag) {
            config.readSectionAliases(aliases, locator: locator, into: &bag, wrongType: .wrongType, unknownTarget: .unknownSectionAlias)
        }
        pm.imported = fields.bool("imported", into: &bag) ?? false
        pm.customFields = readCustomFields(fields, of: pm, bag: &bag)
        return Visibility.read(fields, into: &bag)
    }

    /// The fields `debrief.yml` declares, each read as its type; a value of the wrong type is
    /// reported where it is and left out.
    private func readCustomFields(_ fields: FrontMatterFields, of pm: Postmortem, bag: inout DiagnosticBag) -> [CustomFieldValue] {
        var values: [CustomFieldValue] = []
        for field in layout.config.fields {
            // A declared review field was read (and reported) as the built-in one.
            if let given = Self.reviewFieldValues(field.key, of: pm) {
                if !given.isEmpty { values.append(CustomFieldValue(key: field.key, values: given)) }
                continue
            }
            var read: [String] = []
            switch field.kind {
            case .list:
                read = fields.list(field.key, into: &bag).filter { !$0.isEmpty }
            case .string:
                if let (text, _) = fields.string(field.key, into: &bag), !text.isEmpty { read = [text] }
            case .person:
                guard let (text, at) = fields.string(field.key, into: &bag), !text.isEmpty else { break }
                if text.contains(where: \.isNewline) {
                    bag.error(.wrongType, at: at, "'\(field.key)' must be one person on one line (a name, @handle or address)")
                } else {
                    read = [text]
                }
            case .date:
                guard let (text, at) = fields.string(field.key, into: &bag), !text.isEmpty else { break }
                if let day = CalendarDate(text) {
                    read = [day.description]
                } else {
                    bag.error(.invalidDate, at: at, "'\(field.key)' is not a date: '\(text)'; write YYYY-MM-DD, e.g. 2026-03-14")
                }
            }
            if !read.isEmpty { values.append(CustomFieldValue(key: field.key, values: read)) }
        }
        return values
    }

    /// The values of a review field as a declared field shows them, or nil for any other key.
    static func reviewFieldValues(_ key: String, of pm: Postmortem) -> [String]? {
        switch key {
        case "reviewers": pm.reviewers.filter { !$0.isEmpty }
        case "approved_by": pm.approvedBy.filter { !$0.isEmpty }
        case "approved": pm.approved.map { [$0.description] } ?? []
        default: nil
        }
    }

    // MARK: - Body

    private func readBody(_ source: SourceText, config: Config, into pm: inout Postmortem, bag: inout DiagnosticBag) -> PublicPlan {
        let document = DocumentBody.parse(pm.body, firstLine: pm.bodyFirstLine, source: source, layout: layout, render: render)
        pm.bodyHTML = document.html
        for diagnostic in document.diagnostics { bag.add(diagnostic) }
        pm.links = document.links
        pm.heading = document.heading
        (pm.sections, pm.outline) = document.sections(using: config)
        let zone = pm.timezone ?? TimeZoneSpec(layout.config.timezone) ?? TimeZoneSpec("UTC")
        // Every section of the name is read, as one (`## Action Items` then `## Follow-ups`):
        // reading only the first would drop the rest without a word beyond DB042.
        if scope == .everything, let timeline = Self.whole("Timeline", of: pm.sections) {
            let read = TimelineParser(date: pm.date, zone: zone, started: pm.started, resolved: pm.resolved).read(timeline, at: document.locate)
            pm.timeline = read.entries
            bag.add(contentsOf: read.diagnostics)
        }
        if let actions = Self.whole("Preventive Actions", of: pm.sections) {
            let read = ActionTableParser(layout: layout, postmortemID: pm.id, file: pm.file, imported: pm.imported).read(actions, at: document.locate)
            pm.actionTables = read.tables
            bag.add(contentsOf: read.diagnostics)
        }
        guard scope == .everything else {
            pm.similarityText = SimilarityText.of(pm.sections)
            pm.sections = pm.sections.map(\.withoutBlocks)
            return PublicPlan()
        }
        // A table with the columns of actions anywhere else (under a sibling `### Detection` of
        // an actions section written at `###`, in an appendix) is in no tracker: say so.
        let read = Set(pm.actionTables.map(\.location.line))
        var tables: [MarkdownBlock] = []
        ActionTableParser.collectTables(document.blocks, into: &tables)
        for table in tables where !read.contains(document.locate(table.line, table.column).line) && ActionTableParser.looksLikeActions(table) {
            bag.warning(.actionsTableOutsideSection, at: document.locate(table.line, table.column),
                        "this table has the columns of preventive actions but is outside the actions section, so its rows are in no "
                            + "tracker, audit or sync; move it under the actions heading")
        }
        if document.html != nil {
            pm.richBlocks = RichBlocks.find(in: document.blocks, timeline: Self.whole("Timeline", of: pm.sections),
                                            actions: Self.whole("Preventive Actions", of: pm.sections), entries: pm.timeline,
                                            tables: pm.actionTables, at: document.locate)
        }
        pm.similarityText = SimilarityText.of(pm.sections)
        let plan = publicPlan(document, pm: pm, config: config, bag: &bag)
        pm.sections = pm.sections.map(\.withoutBlocks)
        return plan
    }

    /// The internal parts of the body, and where its actions tables and sections are.
    private func publicPlan(_ document: DocumentBody, pm: Postmortem, config: Config, bag: inout DiagnosticBag) -> PublicPlan {
        let lineCount = PublicPlan.lineCount(pm.body)
        var plan = PublicPlan.find(blocks: document.blocks, inlineComments: document.inlineComments, sections: pm.sections,
                                   internalSections: Set(config.internalSections.map(SectionNames.key)), lineCount: lineCount,
                                   locate: document.locate, into: &bag)
        let actionSections = pm.sections.filter { $0.name.lowercased() == "preventive actions" }
        plan.actionSections = actionSections.compactMap { PublicPlan.extent(of: $0, in: document.blocks, lineCount: lineCount, locate: document.locate) }
        var blocksAt: [SourceLocation: MarkdownBlock] = [:]
        func collect(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block.kind {
                case .table, .list: blocksAt[document.locate(block.line, block.column)] = block
                default: collect(block.children)
                }
            }
        }
        for section in actionSections { collect(section.blocks) }
        // Every block's end is worked out only when an actions table needs one.
        let ends = blocksAt.isEmpty ? [:] : PublicPlan.ends(of: document.blocks, lineCount: lineCount)
        for (index, table) in pm.actionTables.enumerated() {
            guard let block = blocksAt[table.location] else { continue }
            plan.actionBlocks.append(.init(lines: block.line...(ends[.init(line: block.line, column: block.column)] ?? lineCount), table: index))
        }
        return plan
    }

    /// The sections named `name` as one: the first's heading with the blocks of all, in order.
    static func whole(_ name: String, of sections: [Section]) -> Section? {
        let named = sections.filter { $0.name.lowercased() == name.lowercased() }
        guard let first = named.first else { return nil }
        guard named.count > 1 else { return first }
        return Section(heading: first.heading, name: first.name, location: first.location, level: first.level, blocks: named.flatMap(\.blocks))
    }
}

import Yams
