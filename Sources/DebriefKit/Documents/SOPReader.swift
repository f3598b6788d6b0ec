/// Reads one SOP: optional front matter (`title`, `owner`, `last_reviewed`) and its body.
public struct SOPReader: Sendable {
    /// Where documents are.
    public let layout: RepositoryLayout
    /// How to render the body, or nil to skip HTML.
    public let render: RenderSettings?

    /// Creates a reader.
    public init(layout: RepositoryLayout, render: RenderSettings? = nil) {
        self.layout = layout
        self.render = render
    }

    /// Front matter keys an SOP may have.
    public static let knownFields = ["title", "owner", "last_reviewed", "visibility"]

    /// Reads the SOP in `source`.
    public func read(_ source: SourceText) -> (SOP, [Diagnostic]) {
        let (sop, diagnostics, _) = readWithPlan(source)
        return (sop, diagnostics)
    }

    /// Reads the SOP in `source`, with what its body and `visibility` keep off the public site.
    public func readWithPlan(_ source: SourceText) -> (SOP, [Diagnostic], PublicPlan) {
        var bag = DiagnosticBag()
        var visibility: Visibility?
        let file = source.path
        let split = FrontMatter.split(source.text)
        var title: String?
        var sop = SOP(file: file, id: layout.sopID(file), title: "", owner: nil, lastReviewed: nil,
                      body: split.body, bodyFirstLine: split.bodyFirstLine)
        switch split.kind {
        case .absent:
            break
        case .unterminated:
            bag.error(.unterminatedFrontMatter, at: SourceLocation(file: file), "front matter opened with '---' is never closed; add a '---' line after the last field")
            visibility = .internal
        case .present:
            switch YAMLReader.read(split.yaml, file: file, firstLine: split.yamlFirstLine) {
            case .failed(let diagnostic):
                bag.add(diagnostic)
                visibility = .internal
            case .empty: break
            case .notMapping(let location):
                bag.error(.frontMatterNotMapping, at: location, "front matter must be a mapping of keys to values (key: value lines)")
                visibility = .internal
            case .mapping(let mapping, let locator):
                let fields = FrontMatterFields(mapping, locator: locator)
                title = fields.string("title", into: &bag)?.0
                visibility = Visibility.read(fields, into: &bag)
                sop.owner = fields.string("owner", into: &bag)?.0
                if let (text, at) = fields.string("last_reviewed", into: &bag) {
                    sop.lastReviewed = CalendarDate(text)
                    if sop.lastReviewed == nil { bag.error(.invalidDate, at: at, "'last_reviewed' is not a date: '\(text)' (write YYYY-MM-DD)") }
                }
                for entry in fields.locations where !Self.knownFields.contains(entry.key) {
                    var notes: [Diagnostic.Note] = []
                    if let close = Suggestion.closest(to: entry.key, in: Self.knownFields) { notes.append(.init("did you mean '\(close)'?")) }
                    bag.warning(.unknownField, at: entry.keyLocation, "unknown SOP field '\(entry.key)'", notes: notes)
                }
            }
        }
        // The site shows an SOP's actions live from the post-mortems, so the copy `debrief sync`
        // keeps in the file is left out of the page rather than shown twice.
        // Its links are still the file's, and checked like any other: what `check` reads does
        // not depend on whether a page is made.
        let shown = render == nil ? sop.body : Self.withoutManagedBlock(sop.body, file: file)
        let document: DocumentBody
        if shown == sop.body {
            document = DocumentBody.parse(sop.body, firstLine: sop.bodyFirstLine, source: source, layout: layout, render: render)
            sop.bodyHTML = document.html
        } else {
            document = DocumentBody.parse(sop.body, firstLine: sop.bodyFirstLine, source: source, layout: layout, render: nil)
            sop.bodyHTML = DocumentBody.parse(shown, firstLine: sop.bodyFirstLine, source: source, layout: layout, render: render).html
        }
        for diagnostic in document.diagnostics { bag.add(diagnostic) }
        // What `debrief sync` would refuse, said while writing the SOP rather than at the sync.
        let bytes = Array(source.text.utf8)
        if case .none = ManagedBlock.locate(in: bytes, file: file),
           case .rejected(let refusal) = BlockSplicer.splice(bytes, block: "", file: file), refusal.code == .syncNoPlaceForBlock {
            bag.warning(.syncNoPlaceForBlock, at: refusal.location, refusal.message)
        }
        sop.links = document.links
        let fileName = (sop.id.split(separator: "/").last.map(String.init) ?? sop.id)
            .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        sop.title = title.flatMap { $0.isEmpty ? nil : $0 } ?? document.heading ?? fileName
        var plan = PublicPlan.find(blocks: document.blocks, inlineComments: document.inlineComments, sections: [], internalSections: [],
                                   lineCount: PublicPlan.lineCount(sop.body), locate: document.locate, into: &bag)
        plan.visibility = visibility ?? .public
        return (sop, bag.all, plan)
    }

    /// The body with the managed block (markers included) and the `## Preventive actions`
    /// heading `debrief sync` puts before it turned into blank lines, so every other line keeps
    /// its number. Bodies without a well-formed block come back as they are.
    static func withoutManagedBlock(_ body: String, file: String) -> String {
        guard case .found(let block) = ManagedBlock.locate(in: Array(body.utf8), file: file) else { return body }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let first = block.begin.line - 1
        let last = min(block.end.line - 1, lines.count - 1)
        guard first >= 0, first <= last else { return body }
        for index in first...last { lines[index] = "" }
        var previous = first - 1
        while previous >= 0, lines[previous].trimmed.isEmpty { previous -= 1 }
        if previous >= 0, lines[previous].trimmed.lowercased() == "## preventive actions" { lines[previous] = "" }
        return lines.joined(separator: "\n")
    }
}
