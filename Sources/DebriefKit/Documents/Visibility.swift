/// Who may read a post-mortem or SOP: the `visibility` front matter field. `debrief build
/// --public` leaves internal documents out of the site entirely; see `docs/format.md`.
public enum Visibility: String, Sendable, CaseIterable {
    /// Shown on the public site (the default), without its internal blocks and sections.
    case `public`
    /// Never on the public site, nor linked, counted or indexed there.
    case `internal`

    /// Reads the `visibility` field of a document into `bag`: nil when it is absent (public),
    /// `.internal` when the value is not one debrief knows (DB035), so a typo never publishes.
    static func read(_ fields: FrontMatterFields, into bag: inout DiagnosticBag) -> Visibility? {
        guard let (text, at) = fields.string("visibility", into: &bag) else {
            // A value of the wrong type (a list, a mapping) is DB021 from `string`; fail closed.
            return fields.locations.contains { $0.key == "visibility" } ? .internal : nil
        }
        if let known = Visibility(rawValue: text.trimmed.lowercased()) { return known }
        var notes: [Diagnostic.Note] = []
        if let close = Suggestion.closest(to: text, in: allCases.map(\.rawValue)) { notes.append(.init("did you mean '\(close)'?")) }
        bag.error(.visibilityInvalid, at: at, "'visibility' must be 'public' or 'internal', not '\(text)'; the public site leaves this document out until it is fixed",
                  notes: notes)
        return .internal
    }
}

/// What a document's body marks as internal, found while reading it (when the block tree is at
/// hand) and used by `debrief build --public` and `debrief render --public` to cut the body
/// before it is rendered: every range is in lines of the body (1-based, as cmark counts them).
public struct PublicPlan: Sendable, Equatable {
    /// The document's visibility (`.internal` also when the field's value was not understood).
    public var visibility: Visibility = .public
    /// False when the internal markers are unbalanced (DB036–DB039): the public site then
    /// leaves the whole document out rather than guess where internal text ends.
    public var markersSound = true
    /// Line ranges to leave out: internal blocks, `(internal)` sections and `internal_sections`.
    public var cuts: [ClosedRange<Int>] = []
    /// The actions tables and task lists the reader took actions from, with the index of each
    /// in `Postmortem.actionTables`: the public text has a table of the fields it may show there.
    public var actionBlocks: [ActionBlock] = []
    /// The Preventive Actions sections, cut when the public site shows no actions.
    public var actionSections: [ClosedRange<Int>] = []

    /// An actions table or task list of the body.
    public struct ActionBlock: Sendable, Equatable {
        /// Its lines.
        public var lines: ClosedRange<Int>
        /// Its index in `Postmortem.actionTables`.
        public var table: Int
    }

    /// Whether the public site shows the document at all.
    public var isPublished: Bool { visibility == .public && markersSound }

    /// Creates a plan that cuts nothing.
    public init() {}
}

// MARK: - Finding the internal parts

extension PublicPlan {
    /// The heading suffix that marks a section internal: `## Customer comms (internal)`.
    public static let sectionSuffix = "(internal)"

    /// How many lines cmark counts in `text` (`\n`, `\r\n` or a lone `\r` ends one).
    static func lineCount(_ text: String) -> Int {
        var count = 1
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                if previous != UInt8(ascii: "\r") { count += 1 }
            } else if byte == UInt8(ascii: "\r") {
                count += 1
            }
            previous = byte
        }
        return count
    }

    /// Whether a heading's text marks its section internal.
    public static func isInternalHeading(_ text: String) -> Bool {
        text.trimmed.lowercased().hasSuffix(sectionSuffix)
    }

    /// The internal blocks and sections of a body whose top-level blocks are `blocks`, with
    /// the diagnostics of unbalanced markers (at their file lines, through `locate`).
    /// `sections` are the document's sections (with their blocks) and `internalSections` the
    /// canonical names `debrief.yml` keeps inside.
    static func find(blocks: [MarkdownBlock], inlineComments: [InlineComment], sections: [Section], internalSections: Set<String>,
                     lineCount: Int, locate: (Int, Int) -> SourceLocation, into bag: inout DiagnosticBag) -> PublicPlan {
        var plan = PublicPlan()
        plan.cuts = Self.markedBlocks(blocks, inlineComments: inlineComments, locate: locate, sound: &plan.markersSound, into: &bag)
        for (index, block) in blocks.enumerated() {
            guard case .heading(let level) = block.kind, isInternalHeading(block.text) else { continue }
            var end = lineCount
            for next in blocks[(index + 1)...] {
                if case .heading(let other) = next.kind, other <= level {
                    end = next.line - 1
                    break
                }
            }
            plan.cuts.append(block.line...max(block.line, end))
        }
        // A heading in a list item or quote starts no section, so its mark would hide nothing.
        func nested(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                if case .heading = block.kind, isInternalHeading(block.text) {
                    plan.markersSound = false
                    bag.error(.internalMarkerNotAlone, at: locate(block.line, block.column),
                              "a heading inside a list item or quote cannot mark a section internal: the public site would show it; put what is internal in an '<!-- internal -->' block")
                }
                nested(block.children)
            }
        }
        for block in blocks { nested(block.children) }
        for section in sections where internalSections.contains(SectionNames.key(section.name)) {
            if let range = extent(of: section, in: blocks, lineCount: lineCount, locate: locate) { plan.cuts.append(range) }
        }
        return plan
    }

    /// The lines of a section: its heading to the line before the first top-level block after
    /// its own (or the end of the body).
    static func extent(of section: Section, in blocks: [MarkdownBlock], lineCount: Int,
                       locate: (Int, Int) -> SourceLocation) -> ClosedRange<Int>? {
        guard let start = blocks.firstIndex(where: { block in
            if case .heading = block.kind { return locate(block.line, block.column) == section.location }
            return false
        }) else { return nil }
        let end = start + 1 + section.blocks.count
        let last = end < blocks.count ? blocks[end].line - 1 : lineCount
        return blocks[start].line...max(blocks[start].line, last)
    }

    /// The last line of every block (by `"line:column"`): the line before the next block at its
    /// depth or above, or the end of the body. cmark's own end line of a table or an HTML block
    /// can fall short of its last row, so a cut never relies on it: what lies between a block
    /// and the next is blank lines (or link definitions), which a cut may take too.
    static func ends(of blocks: [MarkdownBlock], lineCount: Int) -> [BlockStart: Int] {
        var ends: [BlockStart: Int] = [:]
        func walk(_ blocks: [MarkdownBlock], until bound: Int) {
            for (index, block) in blocks.enumerated() {
                let end = index + 1 < blocks.count ? max(block.line, blocks[index + 1].line - 1) : max(block.line, bound)
                // A table's header row starts where the table does: the outer block keeps the key.
                let key = BlockStart(line: block.line, column: block.column)
                if ends[key] == nil { ends[key] = end }
                walk(block.children, until: end)
            }
        }
        walk(blocks, until: lineCount)
        return ends
    }

    /// Where a block starts in the body: the key of `ends(of:)`.
    struct BlockStart: Hashable {
        let line: Int
        let column: Int
    }

    /// What an HTML comment says when it is a marker: `internal` or `/internal`.
    private enum Marker { case open, close }

    private static func marker(_ comment: Substring) -> Marker? {
        guard comment.hasPrefix("<!--"), comment.hasSuffix("-->"), comment.count >= 7 else { return nil }
        let inner = comment.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if inner == "internal" { return .open }
        if inner == "/internal" { return .close }
        return nil
    }

    /// Every comment in `html` that is a marker.
    private static func markers(in html: String) -> [Marker] {
        var found: [Marker] = []
        var rest = html[...]
        while let start = rest.range(of: "<!--") {
            guard let end = rest[start.upperBound...].range(of: "-->") else { break }
            if let marker = marker(rest[start.lowerBound..<end.upperBound]) { found.append(marker) }
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// The line ranges between `<!-- internal -->` and `<!-- /internal -->` lines (markers
    /// included). A marker must be an HTML block of its own; the pair must sit in the same
    /// container (the document, a list item, a quote) and not nest.
    private static func markedBlocks(_ blocks: [MarkdownBlock], inlineComments: [InlineComment], locate: (Int, Int) -> SourceLocation,
                                     sound: inout Bool, into bag: inout DiagnosticBag) -> [ClosedRange<Int>] {
        struct Event {
            var marker: Marker
            var line: Int
            var endLine: Int
            var column: Int
            var container: [Int]
        }
        var events: [Event] = []
        func walk(_ blocks: [MarkdownBlock], container: [Int]) {
            for (index, block) in blocks.enumerated() {
                if block.kind == .html {
                    let found = markers(in: block.literal)
                    if found.count == 1, let only = found.first, marker(block.literal.trimmingCharacters(in: .whitespacesAndNewlines)[...]) != nil {
                        // The marker's own lines, counted from its text (see `ends(of:)`).
                        let text = block.literal.hasSuffix("\n") ? block.literal.dropLast() : block.literal[...]
                        let endLine = block.line + text.utf8.count { $0 == UInt8(ascii: "\n") }
                        events.append(Event(marker: only, line: block.line, endLine: endLine, column: block.column, container: container))
                    } else if !found.isEmpty {
                        sound = false
                        bag.error(.internalMarkerNotAlone, at: locate(block.line, block.column),
                                  "an internal marker must stand alone on its line, with nothing else in its HTML block; put '<!-- internal -->' and '<!-- /internal -->' on lines of their own")
                    }
                }
                walk(block.children, container: container + [index])
            }
        }
        walk(blocks, container: [])
        for comment in inlineComments where marker(comment.text[...]) != nil {
            sound = false
            let line = comment.line > 0 ? comment.line : comment.blockLine
            bag.error(.internalMarkerNotAlone, at: locate(line, 1),
                      "an internal marker inside a paragraph hides nothing: the public site would show this text; put '<!-- internal -->' and '<!-- /internal -->' on lines of their own, with a blank line before each")
        }
        var ranges: [ClosedRange<Int>] = []
        var open: [Event] = []
        for event in events {
            switch event.marker {
            case .open:
                if let outer = open.last {
                    sound = false
                    bag.error(.internalBlockNested, at: locate(event.line, event.column),
                              "an internal block opens inside another one (opened at line \(locate(outer.line, outer.column).line)); close the first with '<!-- /internal -->' before opening another")
                }
                open.append(event)
            case .close:
                guard let opened = open.popLast() else {
                    sound = false
                    bag.error(.internalMarkerUnpaired, at: locate(event.line, event.column),
                              "'<!-- /internal -->' closes no internal block; add '<!-- internal -->' where the internal text starts, or remove this line")
                    continue
                }
                guard opened.container == event.container else {
                    sound = false
                    bag.error(.internalMarkerUnpaired, at: locate(event.line, event.column),
                              "'<!-- /internal -->' is in another list item or quote than the '<!-- internal -->' it closes (line \(locate(opened.line, opened.column).line)); put both at the same indentation, in the same container")
                    continue
                }
                if open.isEmpty { ranges.append(opened.line...max(opened.line, event.endLine)) }
            }
        }
        for unclosed in open {
            sound = false
            bag.error(.internalBlockUnclosed, at: locate(unclosed.line, unclosed.column),
                      "internal block is never closed; add '<!-- /internal -->' where the internal text ends (debrief does not guess, and the public site leaves this document out)")
        }
        return ranges
    }
}
