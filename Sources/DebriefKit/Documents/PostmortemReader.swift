/// Reads one post-mortem: front matter into typed fields, the body into sections, timeline
/// entries and preventive actions. What cannot be read is reported; everything that can be
/// read is kept, so one run reports every problem.
public struct PostmortemReader: Sendable {
    /// Where documents are, for resolving SOP references.
    public let layout: RepositoryLayout
    /// How to render the body, or nil to skip HTML (checking).
    public let render: RenderSettings?

    /// Creates a reader.
    public init(layout: RepositoryLayout, render: RenderSettings? = nil) {
        self.layout = layout
        self.render = render
    }

    /// Front matter keys a post-mortem may have.
    public static let knownFields = ["id", "title", "date", "severity", "status", "services", "tags", "authors",
                                     "commander", "timezone", "started", "detected", "mitigated", "resolved", "related",
                                     "section_aliases", "imported"]

    /// Reads the post-mortem in `source`.
    public func read(_ source: SourceText) -> (Postmortem, [Diagnostic]) {
        var bag = DiagnosticBag()
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
        case .present:
            readFrontMatter(split, into: &postmortem, config: &config, bag: &bag)
        }
        readBody(source, config: config, into: &postmortem, bag: &bag)
        return (postmortem, bag.all)
    }

    // MARK: - Front matter

    /// Reads the front matter into `pm`; `config` gets the document's own `section_aliases`.
    private func readFrontMatter(_ split: FrontMatter, into pm: inout Postmortem, config: inout Config, bag: inout DiagnosticBag) {
        let file = pm.file
        let mapping: Yams.Node.Mapping
        let locator: YAMLLocator
        switch YAMLReader.read(split.yaml, file: file, firstLine: split.yamlFirstLine) {
        case .failed(let diagnostic):
            bag.add(diagnostic)
            return
        case .empty:
            pm.hasFrontMatter = true
            return
        case .notMapping(let location):
            bag.error(.frontMatterNotMapping, at: location, "front matter must be a mapping of keys to values (key: value lines)")
            return
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
        if let aliases = fields.mapping("section_aliases", example: "Background: Root Cause", into: &bag) {
            config.readSectionAliases(aliases, locator: locator, into: &bag, wrongType: .wrongType, unknownTarget: .unknownSectionAlias)
        }
        pm.imported = fields.bool("imported", into: &bag) ?? false
        pm.customFields = readCustomFields(fields, bag: &bag)
    }

    /// The fields `debrief.yml` declares, each read as its type; a value of the wrong type is
    /// reported where it is and left out.
    private func readCustomFields(_ fields: FrontMatterFields, bag: inout DiagnosticBag) -> [CustomFieldValue] {
        var values: [CustomFieldValue] = []
        for field in layout.config.fields {
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

    // MARK: - Body

    private func readBody(_ source: SourceText, config: Config, into pm: inout Postmortem, bag: inout DiagnosticBag) {
        let document = DocumentBody.parse(pm.body, firstLine: pm.bodyFirstLine, source: source, layout: layout, render: render)
        pm.bodyHTML = document.html
        for diagnostic in document.diagnostics { bag.add(diagnostic) }
        pm.links = document.links
        pm.heading = document.heading
        (pm.sections, pm.outline) = document.sections(using: config)
        let zone = pm.timezone ?? TimeZoneSpec(layout.config.timezone) ?? TimeZoneSpec("UTC")
        // Every section of the name is read, as one (`## Action Items` then `## Follow-ups`):
        // reading only the first would drop the rest without a word beyond DB042.
        if let timeline = Self.whole("Timeline", of: pm.sections) {
            let read = TimelineParser(date: pm.date, zone: zone, started: pm.started, resolved: pm.resolved).read(timeline, at: document.locate)
            pm.timeline = read.entries
            bag.add(contentsOf: read.diagnostics)
        }
        if let actions = Self.whole("Preventive Actions", of: pm.sections) {
            let read = ActionTableParser(layout: layout, postmortemID: pm.id, file: pm.file, imported: pm.imported).read(actions, at: document.locate)
            pm.actionTables = read.tables
            bag.add(contentsOf: read.diagnostics)
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
        pm.sections = pm.sections.map(\.withoutBlocks)
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
