/// Byte edits inside one line of a post-mortem: a cell of a table row, or the checkbox of a
/// task-list item. Everything outside the edited range is kept as it was, so line endings, a
/// byte order mark, alignment elsewhere and any text the parser does not read stay untouched.
enum ActionCellEdit {
    /// The byte range of each line's content (without its ending), by 1-based line number as
    /// `SourceText` counts them: a line ends at `\n`, `\r\n` or a lone `\r`. A byte order mark
    /// belongs to no line.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                ranges.append(start..<index)
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                start = index + 1
            }
            index += 1
        }
        ranges.append(start..<bytes.count)
        return ranges
    }

    /// The byte offset of a 1-based column in Unicode scalars within `line`.
    static func byteOffset(column: Int, in line: Range<Int>, of bytes: [UInt8]) -> Int {
        var scalars = 1
        var offset = line.lowerBound
        while offset < line.upperBound, scalars < column {
            offset += 1
            while offset < line.upperBound, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }

    /// The cells of a table row as byte ranges between its pipes (a pipe after a backslash is
    /// text, as GFM reads it); the text before the first pipe counts as a cell too, so a row
    /// with or without a leading pipe, or inside a block quote, splits the same way.
    static func cells(in line: Range<Int>, of bytes: [UInt8]) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        var start = line.lowerBound
        var index = line.lowerBound
        while index < line.upperBound {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "|") {
                cells.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        cells.append(start..<line.upperBound)
        return cells
    }

    /// Whether a row starts with a pipe, once the indentation and block-quote markers of the
    /// blocks around its table are passed over; then the text before that pipe is no cell.
    static func hasLeadingPipe(_ line: Range<Int>, of bytes: [UInt8]) -> Bool {
        let prefix: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ">")]
        return bytes[line].first { !prefix.contains($0) } == UInt8(ascii: "|")
    }

    /// Whether a cell holds only spaces and tabs.
    static func isEmpty(_ cell: Range<Int>, in bytes: [UInt8]) -> Bool {
        bytes[cell].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The cell's new bytes holding `word`: the padding before the content is kept, and the
    /// padding after it shrinks or grows so the cell keeps its width when the word fits (an
    /// aligned table stays aligned); a cell with no padding after its content gets none.
    static func filled(_ cell: Range<Int>, in bytes: [UInt8], with word: String) -> [UInt8] {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let slice = bytes[cell]
        let word = Array(word.utf8)
        guard let first = slice.firstIndex(where: { !isBlank($0) }), let last = slice.lastIndex(where: { !isBlank($0) }) else {
            // An empty cell: a space either side, more after when the cell was wider.
            let after = max(1, cell.count - 1 - word.count)
            return [UInt8(ascii: " ")] + word + Array(repeating: UInt8(ascii: " "), count: after)
        }
        let leading = Array(bytes[cell.lowerBound..<first])
        let trailingCount = cell.upperBound - (last + 1)
        let after = trailingCount == 0 ? 0 : max(1, cell.count - leading.count - word.count)
        return leading + word + Array(repeating: UInt8(ascii: " "), count: after)
    }

    /// The offset of the `[ ]`, `[x]` or `[X]` mark at or after `from` on the line, pointing at
    /// its inner byte.
    static func checkboxMark(in line: Range<Int>, from: Int, of bytes: [UInt8]) -> Int? {
        var index = max(line.lowerBound, from)
        while index + 2 < line.upperBound {
            if bytes[index] == UInt8(ascii: "["), bytes[index + 2] == UInt8(ascii: "]"),
               [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(bytes[index + 1]) {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// Where a task item's fields sit on its line, from `start` (just after its checkbox).
    struct TaskFieldBytes {
        /// The end of the item's text on the line (before trailing blanks).
        var textEnd: Int
        /// The closing `)` of its fields, when its text ends with a parenthesis of fields.
        var closingParenthesis: Int?
        /// The value of each of its `status:` fields (the parser takes two that agree as one).
        var statusValues: [Range<Int>] = []
    }

    /// `range` without the white space around it, as `String.trimmed` sees white space (a tab
    /// and a no-break space included).
    static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
        let scalars = String(decoding: bytes[range], as: UTF8.self).unicodeScalars
        var lower = range.lowerBound, upper = range.upperBound
        for scalar in scalars {
            guard scalar.isWhiteSpace else { break }
            lower += UTF8.width(scalar)
        }
        guard lower < upper else { return upper..<upper }
        for scalar in scalars.reversed() {
            guard scalar.isWhiteSpace else { break }
            upper -= UTF8.width(scalar)
        }
        return lower..<max(lower, upper)
    }

    /// Finds the fields of the task item whose text starts at `start` on `line`, reading the
    /// closing parenthesis the way the parser does (`ActionTableParser.taskFields`).
    static func taskFields(after start: Int, in line: Range<Int>, of bytes: [UInt8], layout: RepositoryLayout) -> TaskFieldBytes {
        let text = trimmed(min(start, line.upperBound)..<line.upperBound, in: bytes)
        let end = text.upperBound
        var found = TaskFieldBytes(textEnd: end)
        guard !text.isEmpty, bytes[end - 1] == UInt8(ascii: ")"),
              let open = bytes[text.lowerBound..<(end - 1)].lastIndex(of: UInt8(ascii: "(")) else { return found }
        guard ActionTableParser.taskFields(String(decoding: bytes[text], as: UTF8.self), checked: false, subheading: nil, layout: layout).hasFields else {
            return found
        }
        found.closingParenthesis = end - 1
        var partStart = open + 1
        let prefix = Array("status:".utf8)
        for index in (open + 1)...(end - 1) where index == end - 1 || bytes[index] == UInt8(ascii: ",") {
            let part = trimmed(partStart..<index, in: bytes)
            if part.count >= prefix.count, zip(bytes[part.lowerBound..<(part.lowerBound + prefix.count)], prefix).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                found.statusValues.append(trimmed((part.lowerBound + prefix.count)..<part.upperBound, in: bytes))
            }
            partStart = index + 1
        }
        return found
    }

    /// `bytes` with each range replaced (ranges that do not overlap), from the right so that
    /// earlier ranges keep their offsets.
    static func replacing(_ replacements: [(Range<Int>, [UInt8])], in bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for (range, replacement) in replacements.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            out.replaceSubrange(range, with: replacement)
        }
        return out
    }
}
