/// A file of the knowledge repo decoded as UTF-8, with a line index that turns the byte
/// positions cmark reports into the line and column (in Unicode scalars) a person sees.
///
/// A line ends at `\n`, `\r\n` or a lone `\r`: the line endings of CommonMark and YAML, so
/// cmark's and libyaml's line numbers are the file's. A lone `\r` is made a `\n` in `text`
/// (one byte for one, so offsets and columns stay), which both parsers read the same way, and
/// every later line count (the front matter's, the timeline's) agrees without a special case.
public struct SourceText: Sendable {
    /// Path relative to the repository root.
    public let path: String
    /// The text, without a leading byte order mark, a lone `\r` made `\n`.
    public let text: String
    /// Whether the file started with a UTF-8 byte order mark.
    public let hasBOM: Bool
    /// UTF-8 offsets (into `text`) at which each line starts.
    private let lineStarts: [Int]

    /// Why bytes could not become a `SourceText`.
    public enum DecodingProblem: Error, Equatable, Sendable {
        /// Zero bytes, or only a byte order mark and white space.
        case empty
        /// Not UTF-8: the first bad byte's 1-based line and byte column.
        case invalidUTF8(line: Int, column: Int)
    }

    /// Decodes `bytes`, strictly: any invalid UTF-8 sequence is a problem, not a replacement.
    public static func decode(path: String, bytes: [UInt8]) -> Result<SourceText, DecodingProblem> {
        var start = 0
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if bom { start = 3 }
        let content = bytes[start...]
        if let bad = UTF8Validation.firstInvalidOffset(in: content) {
            var line = 1
            var lineStart = start
            for index in start..<bad where Self.endsLine(at: index, in: bytes) {
                line += 1
                lineStart = index + 1
            }
            return .failure(.invalidUTF8(line: line, column: bad - lineStart + 1))
        }
        if content.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(.empty)
        }
        let text = String(decoding: content, as: UTF8.self)
        return .success(SourceText(path: path, text: text, hasBOM: bom))
    }

    /// Wraps text that is already decoded.
    public init(path: String, text: String, hasBOM: Bool = false) {
        self.path = path
        self.text = Self.loneCarriageReturnsAsLineFeeds(text)
        self.hasBOM = hasBOM
        var starts = [0]
        var offset = 0
        for byte in self.text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        self.lineStarts = starts
    }

    /// The number of lines.
    public var lineCount: Int { lineStarts.count }

    /// The location of a 1-based line and a 1-based UTF-8 byte column within that line. With
    /// `skippingSpaces`, spaces and tabs at that column are passed over, so a table cell's
    /// location is its content rather than the padding before it.
    public func location(line: Int, byteColumn: Int, skippingSpaces: Bool = false) -> SourceLocation {
        guard line >= 1, line <= lineStarts.count else { return SourceLocation(file: path, line: line, column: 1) }
        let utf8 = text.utf8
        let lineStart = lineStarts[line - 1]
        let lineEnd = line < lineStarts.count ? lineStarts[line] : utf8.count
        var end = min(lineEnd, lineStart + max(0, byteColumn - 1))
        if skippingSpaces {
            var index = utf8.index(utf8.startIndex, offsetBy: end)
            while end < lineEnd, utf8[index] == UInt8(ascii: " ") || utf8[index] == UInt8(ascii: "\t") {
                end += 1
                index = utf8.index(after: index)
            }
        }
        var scalars = 0
        var index = utf8.index(utf8.startIndex, offsetBy: lineStart)
        var position = lineStart
        while position < end {
            if utf8[index] & 0xC0 != 0x80 { scalars += 1 }
            index = utf8.index(after: index)
            position += 1
        }
        return SourceLocation(file: path, line: line, column: scalars + 1)
    }

    /// The location of a UTF-8 byte offset into `text`.
    public func location(utf8Offset offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return location(line: low + 1, byteColumn: offset - lineStarts[low] + 1)
    }

    /// Whether the byte at `index` ends a line: a `\n`, or a `\r` not followed by one.
    static func endsLine(at index: Int, in bytes: [UInt8]) -> Bool {
        bytes[index] == UInt8(ascii: "\n")
            || (bytes[index] == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n")))
    }

    /// `text` with each `\r` that no `\n` follows replaced by `\n`; the same text when it has none.
    static func loneCarriageReturnsAsLineFeeds(_ text: String) -> String {
        // Most files have no `\r` at all, or only CRLF: scan before copying anything.
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        let bytes = Array(text.utf8)
        guard bytes.indices.contains(where: { bytes[$0] == UInt8(ascii: "\r") && endsLine(at: $0, in: bytes) }) else { return text }
        var out = bytes
        for index in out.indices where out[index] == UInt8(ascii: "\r") && endsLine(at: index, in: bytes) {
            out[index] = UInt8(ascii: "\n")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of a 1-based line, without its line ending.
    public func line(_ number: Int) -> Substring {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        let end = number < lineStarts.count ? utf8.index(utf8.startIndex, offsetBy: lineStarts[number]) : utf8.endIndex
        var result = Substring(text[start..<end])
        while result.last == "\n" || result.last == "\r" || result.last == "\r\n" { result.removeLast() }
        return result
    }
}

/// Strict UTF-8 validation that says where the first bad byte is.
enum UTF8Validation {
    /// The offset (in the collection's indices) of the first byte that starts no valid UTF-8
    /// sequence, or nil when the bytes are valid.
    static func firstInvalidOffset(in bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return index
            }
            guard index + length <= end else { return index }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return index }
            for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
