internal import CCmarkGFM
import Foundation

/// The one place debrief talks to cmark-gfm. Every call parses, walks, renders and frees
/// inside itself and returns Swift values; no C pointer leaves this file.
///
/// Debian's cmark-gfm 0.29.0.gfm.6 is not thread-safe while parsing with extensions attached:
/// the inline parser's special-character table is process-wide and each parse switches it, so
/// two concurrent parses can lose strikethrough and autolinks. Parsing is therefore serialised
/// behind a lock; the walk over the finished tree and HTML rendering, which read only the
/// parser's own tree, run concurrently.
public enum CMark {
    // MARK: - Public API

    /// The cmark-gfm library version, e.g. `0.29.0.gfm.6`.
    public static var version: String {
        String(cString: cmark_version_string())
    }

    /// Renders `markdown` to HTML exactly as the `cmark-gfm` command line does with the same
    /// extensions and `--unsafe`.
    public static func html(_ markdown: String, options: MarkdownOptions) -> String {
        process(markdown, RenderRequest(options: options)).html ?? ""
    }

    /// Parses `markdown` once and returns its blocks, its links and, when asked, its HTML.
    public static func process(_ markdown: String, _ request: RenderRequest) -> MarkdownResult {
        registerExtensions
        let cOptions = request.options.unsafe ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(cOptions) else {
            return MarkdownResult(blocks: [], links: [], html: request.produceHTML ? "" : nil)
        }
        defer { cmark_parser_free(parser) }

        let (bytes, oversized) = guarded(markdown, options: request.options)
        guard let document = parse(bytes, into: parser, extensions: request.options.extensions) else {
            return MarkdownResult(blocks: [], links: [], html: request.produceHTML ? "" : nil, oversizedTables: oversized)
        }
        defer { cmark_node_free(document) }

        var walker = Walker(rewrite: request.rewriteLink, source: bytes)
        let blocks = walker.blocks(under: document, depth: 0)

        var html: String?
        if request.produceHTML {
            let extensions = cmark_parser_get_syntax_extensions(parser)
            if let rendered = cmark_render_html(document, cOptions, extensions) {
                defer { free(rendered) }
                html = String(cString: rendered)
            } else {
                html = ""
            }
            if request.anchorHeadings, let plain = html {
                html = HeadingAnchors.apply(to: plain, headings: walker.headingTexts)
            }
        }
        var result = MarkdownResult(blocks: blocks, links: walker.links, html: html, oversizedTables: oversized)
        result.inlineComments = walker.inlineComments
        return result
    }

    /// The 1-based line ranges of the code blocks (fenced or indented) of `bytes`, at any
    /// depth, as CommonMark reads them with the site's extensions: a fence left open runs to the
    /// end of its container (the document, a list item, a block quote). Invalid UTF-8 is read as
    /// cmark reads it (replaced), which leaves every line where it was; lines are counted as
    /// CommonMark counts them (`\n`, `\r\n` or a lone `\r` ends one).
    public static func codeBlockLines(_ bytes: [UInt8]) -> [ClosedRange<Int>] {
        let options = MarkdownOptions.site
        let (guardedBytes, _) = guarded(String(decoding: bytes, as: UTF8.self), options: options)
        return literalLines(guardedBytes, extensions: options.extensions, html: false)
    }

    // MARK: - Parsing

    /// The bytes to give cmark: with the table extension on, tables over `TableGuard`'s limits
    /// neutralised (outside code and HTML blocks, found by a parse without extensions, which is
    /// linear and needed only when a table is over a limit).
    private static func guarded(_ markdown: String, options: MarkdownOptions) -> ([UInt8], [TableGuard.OversizedTable]) {
        let bytes = Array(markdown.utf8)
        guard options.extensions.contains("table") else { return (bytes, []) }
        var findings = TableGuard.scan(bytes)
        guard !findings.isEmpty else { return (bytes, []) }
        let literal = literalLines(bytes, extensions: [], html: true)
        findings.removeAll { finding in literal.contains { $0.contains(finding.table.line) } }
        return (TableGuard.neutralise(bytes, findings), findings.map(\.table))
    }

    /// The line ranges of code blocks, and of HTML blocks with `html`.
    private static func literalLines(_ bytes: [UInt8], extensions: [String], html: Bool) -> [ClosedRange<Int>] {
        registerExtensions
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        guard let document = parse(bytes, into: parser, extensions: extensions) else { return [] }
        defer { cmark_node_free(document) }
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var ranges: [ClosedRange<Int>] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_CODE_BLOCK || (html && type == CMARK_NODE_HTML_BLOCK) else { continue }
            let first = Int(cmark_node_get_start_line(node))
            let last = max(first, Int(cmark_node_get_end_line(node)))
            ranges.append(first...last)
        }
        return ranges
    }

    /// Attaches the extensions, feeds and finishes the parser under the parse lock.
    private static func parse(_ bytes: [UInt8], into parser: OpaquePointer, extensions: [String]) -> OpaquePointer? {
        parseLock.withLock {
            for name in extensions {
                if let extensionPointer = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, extensionPointer)
                }
            }
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
                }
            }
            return cmark_parser_finish(parser)
        }
    }

    // MARK: - Global state

    /// `cmark_gfm_core_extensions_ensure_registered` is not thread-safe: run it once.
    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    private static let parseLock = NSLock()
}

// MARK: - Tree walk

/// Copies the parts of a cmark tree that debrief needs into Swift values.
private struct Walker {
    /// Below this depth blocks are summarised, so hostile nesting cannot exhaust a thread's stack.
    static let maxDepth = 48

    let rewrite: (@Sendable (String) -> String?)?
    var links: [LinkOccurrence] = []
    var headingTexts: [String] = []
    var inlineComments: [InlineComment] = []

    /// The Markdown parsed, for what cmark-gfm gets wrong (a task item's checkbox).
    let source: [UInt8]
    /// Where each line of `source` starts, made when first needed. Not `ActionCellEdit.lineRanges`,
    /// which leaves a byte order mark out of the first line: cmark's columns count it.
    var lineStarts: [Int]?

    init(rewrite: (@Sendable (String) -> String?)?, source: [UInt8]) {
        self.rewrite = rewrite
        self.source = source
    }

    /// Whether the task item starting at `line`, `column` (cmark's, in bytes) is ticked, read
    /// from its own `[ ]` or `[x]`: Debian's cmark-gfm (0.29.0.gfm.6) ticks an item when `[x]`
    /// appears anywhere on its first line (`- [ ] Read [x] docs`). Nil when the item does not
    /// start as expected.
    mutating func writtenCheckbox(line: Int, column: Int) -> Bool? {
        if lineStarts == nil {
            var starts = [0]
            var index = 0
            while index < source.count {
                let byte = source[index]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    if byte == UInt8(ascii: "\r"), index + 1 < source.count, source[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    starts.append(index + 1)
                }
                index += 1
            }
            lineStarts = starts
        }
        guard let starts = lineStarts, line >= 1, line <= starts.count, column >= 1 else { return nil }
        let end = line < starts.count ? starts[line] : source.count
        var index = starts[line - 1] + column - 1
        guard index < end else { return nil }
        if [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(source[index]) {
            index += 1
        } else {
            let digits = index
            while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(source[index]) { index += 1 }
            guard index > digits, index < end, source[index] == UInt8(ascii: ".") || source[index] == UInt8(ascii: ")") else { return nil }
            index += 1
        }
        while index < end, source[index] == UInt8(ascii: " ") || source[index] == UInt8(ascii: "\t") { index += 1 }
        guard index + 2 < end, source[index] == UInt8(ascii: "["), source[index + 2] == UInt8(ascii: "]") else { return nil }
        switch source[index + 1] {
        case UInt8(ascii: " "): return false
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return true
        default: return nil
        }
    }

    mutating func blocks(under parent: OpaquePointer, depth: Int) -> [MarkdownBlock] {
        var result: [MarkdownBlock] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            if let block = block(node, depth: depth) { result.append(block) }
            child = cmark_node_next(node)
        }
        return result
    }

    mutating func block(_ node: OpaquePointer, depth: Int) -> MarkdownBlock? {
        let type = cmark_node_get_type(node)
        let typeName = String(cString: cmark_node_get_type_string(node))
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let endLine = Int(cmark_node_get_end_line(node))
        var block = MarkdownBlock(kind: .other, line: line, column: column, endLine: endLine,
                                  text: "", links: [], children: [], literal: "")
        switch type {
        case CMARK_NODE_HEADING:
            block.kind = .heading(level: Int(cmark_node_get_heading_level(node)))
            inline(node, into: &block)
            headingTexts.append(block.text)
            return block
        case CMARK_NODE_PARAGRAPH:
            block.kind = .paragraph
            inline(node, into: &block)
            return block
        case CMARK_NODE_CODE_BLOCK:
            block.kind = .codeBlock
            block.literal = literal(node)
            return block
        case CMARK_NODE_HTML_BLOCK:
            block.kind = .html
            block.literal = literal(node)
            return block
        case CMARK_NODE_THEMATIC_BREAK:
            block.kind = .thematicBreak
            return block
        case CMARK_NODE_LIST:
            block.kind = .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST)
        case CMARK_NODE_ITEM:
            block.kind = .item
            if typeName == "tasklist" {
                var checked = cmark_gfm_extensions_get_tasklist_item_checked(node)
                if let written = writtenCheckbox(line: line, column: column), written != checked {
                    // Set on the node too, so the HTML shows the box as written.
                    checked = written
                    _ = cmark_gfm_extensions_set_tasklist_item_checked(node, written)
                }
                block.checked = checked
            }
        case CMARK_NODE_BLOCK_QUOTE:
            block.kind = .blockQuote
        default:
            switch typeName {
            case "table":
                block.kind = .table
            case "table_row", "table_header":
                block.kind = .tableRow(header: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
            case "table_cell":
                block.kind = .tableCell
                inline(node, into: &block)
                return block
            default:
                block.kind = .other
            }
        }
        if depth >= Self.maxDepth {
            // Too deep to be a real document: keep its text so the section is not empty.
            block.text = "…"
            block.truncated = true
            collectLinksIteratively(node)
            return block
        }
        block.children = blocks(under: node, depth: depth + 1)
        return block
    }

    /// Flattens the inline content of a leaf block, collects and rewrites its links.
    mutating func inline(_ node: OpaquePointer, into block: inout MarkdownBlock) {
        guard let iterator = cmark_iter_new(node) else { return }
        defer { cmark_iter_free(iterator) }
        var text = ""
        // How many pieces `text` was built from: one piece is a string of its own size.
        var pieces = 0
        var linkStack: [(destination: String, start: String.Index)] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            if current == node { continue }
            let type = cmark_node_get_type(current)
            switch (type, event) {
            case (CMARK_NODE_HTML_INLINE, CMARK_EVENT_ENTER):
                let html = literal(current)
                if html.hasPrefix("<!--") {
                    inlineComments.append(InlineComment(text: html, line: Int(cmark_node_get_start_line(current)), blockLine: block.line))
                }
                text += html
                pieces += 1
            case (CMARK_NODE_TEXT, CMARK_EVENT_ENTER), (CMARK_NODE_CODE, CMARK_EVENT_ENTER):
                text += literal(current)
                pieces += 1
            case (CMARK_NODE_SOFTBREAK, CMARK_EVENT_ENTER), (CMARK_NODE_LINEBREAK, CMARK_EVENT_ENTER):
                text += " "
                pieces += 1
            case (CMARK_NODE_LINK, CMARK_EVENT_ENTER), (CMARK_NODE_IMAGE, CMARK_EVENT_ENTER):
                let destination = cmark_node_get_url(current).map { String(cString: $0) } ?? ""
                links.append(LinkOccurrence(destination: destination, line: block.line, column: block.column))
                if let rewrite, let replacement = rewrite(destination) {
                    _ = cmark_node_set_url(current, replacement)
                }
                linkStack.append((destination, text.endIndex))
            case (CMARK_NODE_LINK, CMARK_EVENT_EXIT), (CMARK_NODE_IMAGE, CMARK_EVENT_EXIT):
                if let open = linkStack.popLast() {
                    block.links.append(MarkdownLink(destination: open.destination, text: String(text[open.start...])))
                }
            default:
                break
            }
        }
        // Built piece by piece, it has room to spare; a timeline entry or an action cell keeps it
        // for the whole build.
        block.text = pieces > 1 && text.utf8.count > 15 ? text.tightCopy : text
    }

    /// Records and rewrites links below a block too deep to copy.
    mutating func collectLinksIteratively(_ node: OpaquePointer) {
        guard let iterator = cmark_iter_new(node) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let current = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let destination = cmark_node_get_url(current).map { String(cString: $0) } ?? ""
                links.append(LinkOccurrence(destination: destination,
                                            line: Int(cmark_node_get_start_line(node)),
                                            column: Int(cmark_node_get_start_column(node))))
                if let rewrite, let replacement = rewrite(destination) {
                    _ = cmark_node_set_url(current, replacement)
                }
            } else if type == CMARK_NODE_HEADING {
                headingTexts.append("")
            }
        }
    }

    func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}
