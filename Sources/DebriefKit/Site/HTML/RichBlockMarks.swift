/// Where a post-mortem's rendered body holds the blocks the page shows as rich views
/// (`RichBlocks`): each such `<table>`, `<ul>` or `<ol>` is put between two HTML comments,
/// `<!--debrief:timeline …-->` or `<!--debrief:actions N-->` and `<!--/debrief-->`, when the
/// body is rendered (and stored); the page splits the body there when it is rendered.
///
/// The comments cannot come from a document: cmark omits raw HTML and escapes `<` in text. With
/// `unsafe: true` an author's raw HTML could hold tables, lists or such comments, so the marks
/// are inserted only when the body's tags count exactly the tables and lists of the block tree,
/// and a mark that does not parse is left as it is.
enum RichBlockMarks {
    static let open = "<!--debrief:"
    static let close = "<!--/debrief-->"

    /// `html` with the blocks of `rich` marked; `html` itself when there are none or the tags
    /// do not match the tree.
    static func insert(_ rich: RichBlocks, into html: String) -> String {
        guard !rich.blocks.isEmpty else { return html }
        let bytes = Array(html.utf8)
        var tables: [Int] = [], lists: [Int] = [], listEnds: [Int: Int] = [:], tableEnds: [Int] = []
        var openLists: [Int] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if BodyHTML.matches(tableOpen, in: bytes, at: index) {
                tables.append(index)
            } else if BodyHTML.matches(tableClose, in: bytes, at: index) {
                tableEnds.append(index + tableClose.count)
            } else if isListOpen(bytes, at: index) {
                openLists.append(lists.count)
                lists.append(index)
            } else if isListClose(bytes, at: index), let ordinal = openLists.popLast() {
                listEnds[ordinal] = index + 5
            }
            index += 1
        }
        guard tables.count == rich.tables, tableEnds.count == rich.tables, lists.count == rich.lists, openLists.isEmpty,
              listEnds.count == rich.lists else { return html }
        var inserts: [(at: Int, text: String)] = []
        for block in rich.blocks {
            let (start, end): (Int, Int)
            switch block.element {
            case .table:
                guard block.ordinal < tables.count else { continue }
                (start, end) = (tables[block.ordinal], tableEnds[block.ordinal])
            case .list:
                guard block.ordinal < lists.count, let listEnd = listEnds[block.ordinal] else { continue }
                (start, end) = (lists[block.ordinal], listEnd)
            }
            inserts.append((start, open + payload(block) + "-->"))
            inserts.append((end, close))
        }
        // Later positions first, so earlier ones stay where they were.
        var out = bytes
        for insert in inserts.sorted(by: { $0.at > $1.at }) {
            out.insert(contentsOf: Array(insert.text.utf8), at: insert.at)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `timeline table 0:4:0:0 1:5:0.2:0` (position, entry, hidden cells, time prefix) or
    /// `actions list 1`.
    private static func payload(_ block: RichBlocks.Block) -> String {
        if let table = block.actionTable { return "actions \(block.element.rawValue) \(table)" }
        let rows = block.rows.map { row in
            let hidden = row.hiddenCells.isEmpty ? "-" : row.hiddenCells.map(String.init).joined(separator: ".")
            return "\(row.position):\(row.entry):\(hidden):\(row.timePrefix)"
        }
        return (["timeline", block.element.rawValue] + rows).joined(separator: " ")
    }

    // MARK: - Splitting

    /// A part of a marked body.
    enum Part: Equatable {
        /// HTML shown as it is.
        case html(String)
        /// A marked block: its HTML as rendered, and what the mark says.
        case block(Mark, html: String)
    }

    /// What a mark says.
    enum Mark: Equatable {
        case timeline(RichBlocks.Element, [RichBlocks.Row])
        case actions(RichBlocks.Element, table: Int)
    }

    /// The parts of a body in order; a body without marks is one part. The marks are found
    /// on bytes (they are ASCII, so never inside a character of the text): Foundation's
    /// `range(of:)` went through `NSString` and was a tenth of rendering the post-mortem pages.
    static func split(_ html: String) -> [Part] {
        let bytes = Array(html.utf8)
        var parts: [Part] = []
        var text: [UInt8] = []
        var position = 0
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        // Each marker is looked for forward only, remembering where it was last found, so a
        // body of many marks that do not parse is still read once, not once per mark.
        var opens = NextMatch(openBytes), headEnds = NextMatch(headEndBytes), closes = NextMatch(closeBytes)
        while let start = opens.next(in: bytes, from: position) {
            let payloadStart = start + openBytes.count
            // A head that runs into the next mark is not one (and its payload is never read).
            guard let headEnd = headEnds.next(in: bytes, from: payloadStart),
                  opens.next(in: bytes, from: payloadStart).map({ $0 > headEnd }) ?? true,
                  let mark = parse(Substring(string(bytes[payloadStart..<headEnd]))),
                  let end = closes.next(in: bytes, from: headEnd + headEndBytes.count) else {
                text += bytes[position..<payloadStart]
                position = payloadStart
                continue
            }
            text += bytes[position..<start]
            if !text.isEmpty { parts.append(.html(string(text[...]))) }
            text = []
            parts.append(.block(mark, html: string(bytes[(headEnd + headEndBytes.count)..<end])))
            position = end + closeBytes.count
        }
        text += bytes[position...]
        if !text.isEmpty { parts.append(.html(string(text[...]))) }
        return parts
    }

    /// The first place of a pattern at or after a position, for positions that only grow: a
    /// match found once answers every later position up to it, and none found answers every
    /// later position at all.
    private struct NextMatch {
        let pattern: [UInt8]
        private var found: Int?
        private var searchedFrom = Int.max

        init(_ pattern: [UInt8]) {
            self.pattern = pattern
        }

        mutating func next(in bytes: [UInt8], from start: Int) -> Int? {
            if let found, found >= start { return found }
            if found == nil, start >= searchedFrom { return nil }
            searchedFrom = start
            found = BodyHTML.find(pattern, in: bytes, from: start)
            return found
        }
    }

    private static let openBytes = Array(open.utf8), headEndBytes = Array("-->".utf8), closeBytes = Array(close.utf8)

    /// The body as rendered, without the marks.
    static func plain(_ parts: [Part]) -> String {
        parts.map { part in
            switch part {
            case .html(let text): return text
            case .block(_, let html): return html
            }
        }.joined()
    }

    private static func parse(_ payload: Substring) -> Mark? {
        let words = payload.split(separator: " ")
        guard words.count >= 2, let element = RichBlocks.Element(rawValue: String(words[1])) else { return nil }
        switch words[0] {
        case "actions":
            guard words.count == 3, let table = Int(words[2]) else { return nil }
            return .actions(element, table: table)
        case "timeline":
            var rows: [RichBlocks.Row] = []
            for word in words.dropFirst(2) {
                let fields = word.split(separator: ":", omittingEmptySubsequences: false)
                guard fields.count == 4, let position = Int(fields[0]), let entry = Int(fields[1]), let prefix = Int(fields[3]) else { return nil }
                let hidden = fields[2] == "-" ? [] : fields[2].split(separator: ".").compactMap { Int($0) }
                rows.append(RichBlocks.Row(position: position, entry: entry, hiddenCells: hidden, timePrefix: prefix))
            }
            return .timeline(element, rows)
        default:
            return nil
        }
    }

    // MARK: - Tags

    private static let tableOpen = Array("<table>".utf8)
    private static let tableClose = Array("</table>".utf8)

    private static func isListOpen(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 3 < bytes.count, bytes[index + 2] == UInt8(ascii: "l"),
              bytes[index + 1] == UInt8(ascii: "u") || bytes[index + 1] == UInt8(ascii: "o") else { return false }
        return bytes[index + 3] == UInt8(ascii: ">") || bytes[index + 3] == UInt8(ascii: " ")
    }

    private static func isListClose(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 4 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 3] == UInt8(ascii: "l"),
              bytes[index + 4] == UInt8(ascii: ">") else { return false }
        return bytes[index + 2] == UInt8(ascii: "u") || bytes[index + 2] == UInt8(ascii: "o")
    }
}

/// The cells and items of one rendered table or list, as cmark-gfm writes them.
enum RenderedBlock {
    /// The header cells' HTML and each body row's cells' HTML. On bytes: this runs for every
    /// timeline and actions table of every post-mortem page.
    static func table(_ html: String) -> (header: [String], rows: [[String]]) {
        let bytes = Array(html.utf8)
        let bodyStart = BodyHTML.find(tbodyOpen, in: bytes, from: 0)
        let header = cells(bytes, 0..<(bodyStart ?? bytes.count), tag: Array("th".utf8))
        guard let bodyStart else { return (header, []) }
        var rowStarts: [Int] = []
        var index = bodyStart
        while let row = openTag(Array("tr".utf8), in: bytes, from: index, before: bytes.count) {
            rowStarts.append(row)
            index = row + 3
        }
        let rows = rowStarts.enumerated().map { number, start in
            cells(bytes, start..<(number + 1 < rowStarts.count ? rowStarts[number + 1] : bytes.count), tag: Array("td".utf8))
        }
        return (header, rows)
    }

    private static let tbodyOpen = Array("<tbody>".utf8)

    /// Where the next `<name>` or `<name …>` tag starts in `bytes[start..<end]` (not a longer
    /// name: `<th` is not `<thead>`).
    private static func openTag(_ name: [UInt8], in bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        var index = start
        while let found = BodyHTML.find([UInt8(ascii: "<")] + name, in: bytes, from: index), found < end {
            let after = found + 1 + name.count
            if after < bytes.count, bytes[after] == UInt8(ascii: ">") || bytes[after] == UInt8(ascii: " ") { return found }
            index = found + 1
        }
        return nil
    }

    private static func cells(_ bytes: [UInt8], _ range: Range<Int>, tag: [UInt8]) -> [String] {
        let close = Array("</".utf8) + tag + [UInt8(ascii: ">")]
        var result: [String] = []
        var index = range.lowerBound
        while let start = openTag(tag, in: bytes, from: index, before: range.upperBound),
              let openEnd = bytes[start..<range.upperBound].firstIndex(of: UInt8(ascii: ">")),
              let end = BodyHTML.find(close, in: bytes, from: openEnd), end < range.upperBound {
            result.append(String(decoding: bytes[(openEnd + 1)..<end], as: UTF8.self))
            index = end + close.count
        }
        return result
    }

    /// The inner HTML of a list's top-level items.
    static func items(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        var items: [String] = []
        var depth = 0
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), index + 3 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "l"), bytes[index + 2] == UInt8(ascii: "i"),
                   bytes[index + 3] == UInt8(ascii: ">") || bytes[index + 3] == UInt8(ascii: " "),
                   let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
                    depth += 1
                    if depth == 1 { start = close + 1 }
                    index = close + 1
                    continue
                }
                if BodyHTML.matches(itemClose, in: bytes, at: index) {
                    if depth == 1 { items.append(String(decoding: bytes[start..<index], as: UTF8.self)) }
                    depth = max(0, depth - 1)
                    index += itemClose.count
                    continue
                }
            }
            index += 1
        }
        return items
    }

    private static let itemClose = Array("</li>".utf8)

    /// `html` without its first `count` characters of text (tags kept, an entity counted as one
    /// character, white space before the first text not counted), and without the white space
    /// left at the start of its text.
    static func droppingText(_ count: Int, of html: String) -> String {
        guard count > 0 else { return html }
        var out = ""
        var dropped = 0
        var started = false
        var trimming = true
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let end = html[index...].firstIndex(of: ">") {
                out += html[index...end]
                index = html.index(after: end)
                continue
            }
            var next = html.index(after: index)
            if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";") {
                next = html.index(after: semicolon)
            }
            if dropped < count {
                if character.isWhitespace && !started {
                    out += html[index..<next]
                } else {
                    started = true
                    dropped += 1
                }
            } else if trimming && character.isWhitespace {
                // The separator's space after the time.
            } else {
                trimming = false
                out += html[index..<next]
            }
            index = next
        }
        return out
    }
}
