/// The tables and lists of a post-mortem's body that the site shows as rich views (the visual
/// timeline, the action tracker) in their place, so a page shows each thing once. They are
/// found while reading, when the block tree is at hand, and only where the rich view can carry
/// everything the block holds: every row or item is a timeline entry (or an action), and a task
/// list has no nested notes or groups. A block left out stays in the body as written.
///
/// A block is named by its place among the body's tables (or lists) in document order, which
/// is the order of cmark's `<table>` (or `<ul>`/`<ol>`) tags in the rendered body; the site
/// inserts its markers there (`RichBlockMarks`). Kept only for the rendering: not cached.
public struct RichBlocks: Sendable, Equatable {
    /// Which element a block is.
    public enum Element: String, Sendable {
        case table, list
    }

    /// One row of a timeline block: a body row of a table, or a top-level item of a list.
    public struct Row: Sendable, Equatable {
        /// Its place among the block's body rows (or top-level items), from 0.
        public var position: Int
        /// The index of its entry in `Postmortem.timeline`.
        public var entry: Int
        /// Table cells the rich view shows itself (the time, a span's end), by index.
        public var hiddenCells: [Int]
        /// Characters at the start of a list item's text that the rich view shows itself (the
        /// time and its separator).
        public var timePrefix: Int
    }

    /// A table or list to show as a rich view.
    public struct Block: Sendable, Equatable {
        /// Table or list.
        public var element: Element
        /// Its place among the body's tables (or lists), in document order, from 0.
        public var ordinal: Int
        /// The timeline rows it holds; empty for actions.
        public var rows: [Row]
        /// For actions, the index in `Postmortem.actionTables`.
        public var actionTable: Int?
    }

    /// The blocks, in document order.
    public var blocks: [Block] = []
    /// How many tables and lists the body has, which the rendered body must match.
    public var tables = 0
    /// See `tables`.
    public var lists = 0

    /// Creates an empty set.
    public init() {}

    /// Finds the rich blocks of a body whose top-level blocks are `blocks`, whose Timeline and
    /// Preventive Actions sections are `timeline` and `actions`, and whose entries and tables
    /// the parsers read from them.
    static func find(in blocks: [MarkdownBlock], timeline: Section?, actions: Section?, entries: [TimelineEntry],
                     tables actionTables: [ActionTable], at locate: (Int, Int) -> SourceLocation) -> RichBlocks {
        var found = RichBlocks()
        var ordinals: [String: (Element, Int)] = [:]
        var complete = true
        func number(_ blocks: [MarkdownBlock]) {
            for block in blocks where complete {
                // Below a cut the tree no longer matches the rendered body's tags.
                if block.truncated { complete = false; return }
                switch block.kind {
                case .table:
                    ordinals[key(block)] = (.table, found.tables)
                    found.tables += 1
                case .list:
                    ordinals[key(block)] = (.list, found.lists)
                    found.lists += 1
                default: break
                }
                number(block.children)
            }
        }
        number(blocks)

        var entryAt: [SourceLocation: Int] = [:]
        for (index, entry) in entries.enumerated() where entryAt[entry.location] == nil { entryAt[entry.location] = index }
        for block in timeline?.blocks ?? [] {
            guard let (element, ordinal) = ordinals[key(block)] else { continue }
            let rows = element == .table ? tableRows(block, entries: entries, entryAt: entryAt, at: locate)
                                         : listRows(block, entries: entries, entryAt: entryAt, at: locate)
            if let rows, !rows.isEmpty { found.blocks.append(Block(element: element, ordinal: ordinal, rows: rows, actionTable: nil)) }
        }
        var actionBlocks: [SourceLocation: MarkdownBlock] = [:]
        func collect(_ blocks: [MarkdownBlock]) {
            for block in blocks {
                switch block.kind {
                case .table, .list: actionBlocks[locate(block.line, block.column)] = block
                default: collect(block.children)
                }
            }
        }
        collect(actions?.blocks ?? [])
        for (index, table) in actionTables.enumerated() {
            guard let block = actionBlocks[table.location], let (element, ordinal) = ordinals[key(block)],
                  carries(block, element: element, actions: table.actions.count) else { continue }
            found.blocks.append(Block(element: element, ordinal: ordinal, rows: [], actionTable: index))
        }
        found.blocks.sort { ($0.element.rawValue, $0.ordinal) < ($1.element.rawValue, $1.ordinal) }
        return found
    }

    // MARK: - Timeline

    /// The rows of a timeline table, or nil when a row with content is no entry.
    private static func tableRows(_ table: MarkdownBlock, entries: [TimelineEntry], entryAt: [SourceLocation: Int],
                                  at locate: (Int, Int) -> SourceLocation) -> [Row]? {
        let header = table.children.first { $0.kind == .tableRow(header: true) }
        let columns = TimelineParser.TimeColumns(header?.children.map(\.text) ?? [])
        var rows: [Row] = []
        for (position, row) in table.children.filter({ $0.kind == .tableRow(header: false) }).enumerated() {
            let cells = row.children.map { $0.text.trimmed }
            if cells.allSatisfy(\.isEmpty) { continue }
            guard let index = entryAt[locate(row.line, row.column)] else { return nil }
            let entry = entries[index]
            var hidden = columns.timeIndices.filter { $0 < cells.count }
            if entry.end != nil, let end = columns.endIndex, end < cells.count { hidden.append(end) }
            let rest = cells.enumerated().filter { !hidden.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
            // Text the time cell held besides the time stays visible with its cell.
            if rest.joined(separator: " — ") != entry.event { hidden = [] }
            rows.append(Row(position: position, entry: index, hiddenCells: hidden.sorted(), timePrefix: 0))
        }
        return rows
    }

    /// The rows of a timeline list (its top-level items; nested items stay in their parent's
    /// text), or nil when an item is no entry.
    private static func listRows(_ list: MarkdownBlock, entries: [TimelineEntry], entryAt: [SourceLocation: Int],
                                 at locate: (Int, Int) -> SourceLocation) -> [Row]? {
        var rows: [Row] = []
        for (position, item) in list.children.filter({ $0.kind == .item }).enumerated() {
            guard let index = entryAt[locate(item.line, item.column)] else { return nil }
            let text = item.children.first { $0.kind == .paragraph }?.text ?? ""
            let event = entries[index].event
            var prefix = 0
            if event.isEmpty {
                prefix = text.count
            } else if text.hasSuffix(event) {
                prefix = text.count - event.count
            }
            rows.append(Row(position: position, entry: index, hiddenCells: [], timePrefix: prefix))
        }
        return rows
    }

    // MARK: - Actions

    /// Whether the tracker carries all of an actions block: one action per table row with
    /// content, or a task list of plain task items only (nested notes and groups stay as written).
    private static func carries(_ block: MarkdownBlock, element: Element, actions: Int) -> Bool {
        switch element {
        case .table:
            let rows = block.children.filter { $0.kind == .tableRow(header: false) && !$0.children.allSatisfy { $0.text.trimmed.isEmpty } }
            return rows.count == actions
        case .list:
            let items = block.children.filter { $0.kind == .item }
            return items.count == actions && items.allSatisfy { $0.checked != nil && $0.children.allSatisfy { $0.kind == .paragraph } }
                && items.allSatisfy { $0.children.count == 1 }
        }
    }

    private static func key(_ block: MarkdownBlock) -> String {
        "\(block.line):\(block.column)"
    }
}
