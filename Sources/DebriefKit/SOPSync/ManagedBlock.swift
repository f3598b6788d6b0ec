/// The block of an SOP that `debrief sync` owns: the lines between
/// `<!-- debrief:actions:begin -->` and `<!-- debrief:actions:end -->`.
///
/// Everything here works on the file's bytes, never on a decoded and re-encoded string, so that
/// what lies outside the block survives byte for byte (byte order mark, line endings, invalid
/// UTF-8 in a corner of the file, trailing white space).
public struct ManagedBlock: Sendable, Equatable {
    /// The begin marker, alone on its line.
    public static let beginMarker = "<!-- debrief:actions:begin -->"
    /// The end marker, alone on its line.
    public static let endMarker = "<!-- debrief:actions:end -->"

    /// The bytes between the end of the begin marker's line (its line ending included) and the
    /// start of the end marker's line: what a sync replaces.
    public var content: Range<Int>
    /// Where the begin marker is.
    public var begin: SourceLocation
    /// Where the end marker is.
    public var end: SourceLocation

    /// Creates a block.
    public init(content: Range<Int>, begin: SourceLocation, end: SourceLocation) {
        self.content = content
        self.begin = begin
        self.end = end
    }

    /// What looking for the block in a file found.
    public enum Search: Sendable, Equatable {
        /// The file has no markers.
        case none
        /// The file has one well-formed block.
        case found(ManagedBlock)
        /// The markers are broken; the file must be left alone.
        case broken(Diagnostic)
    }

    /// The managed block of a file, `.none` when it has none, or the diagnostic saying why its markers
    /// cannot be trusted: a begin without an end (DB090), an end before any begin (DB091), or a
    /// second block (DB092).
    ///
    /// A marker is a line holding only the marker text, indented by at most three spaces. Lines
    /// inside code blocks are text, so a runbook can show the markers in an example. Code blocks
    /// are found by cmark, exactly as the page shows them: a fence left open ends with its list
    /// item or block quote, or runs to the end of the file.
    public static func locate(in bytes: [UInt8], file: String) -> Search {
        var openBegin: (location: SourceLocation, contentStart: Int)?
        var found: ManagedBlock?
        for marker in MarkerScanner.markers(in: bytes, file: file) {
            switch (marker.kind, openBegin, found) {
            case (.begin, nil, nil):
                openBegin = (marker.location, marker.lineEnd)
            case (.begin, let open?, _):
                return .broken(Diagnostic(.error, .syncMissingEnd, at: open.location,
                    "managed block has no '\(endMarker)' line before the next begin marker; add the end marker or delete one begin marker",
                    notes: [.init("the next begin marker is here", at: marker.location)]))
            case (.begin, nil, let first?):
                return .broken(Diagnostic(.error, .syncMultipleBlocks, at: marker.location,
                    "a second managed block; an SOP holds one, so delete this one (debrief sync rewrites the first)",
                    notes: [.init("the first block begins here", at: first.begin)]))
            case (.end, let open?, _):
                found = ManagedBlock(content: open.contentStart..<marker.lineStart, begin: open.location, end: marker.location)
                openBegin = nil
            case (.end, nil, _):
                return .broken(Diagnostic(.error, .syncEndBeforeBegin, at: marker.location,
                    "'\(endMarker)' has no '\(beginMarker)' above it; put the begin marker before it or delete this line"))
            }
        }
        if let open = openBegin {
            return .broken(Diagnostic(.error, .syncMissingEnd, at: open.location,
                "managed block has no '\(endMarker)' line; add it after the block, or delete this marker"))
        }
        return found.map(Search.found) ?? .none
    }
}

/// How a file ends its lines. Decided by its first line ending: CRLF when that one is `\r\n`,
/// otherwise (and for a file with no line ending at all) LF.
public enum LineEnding: String, Sendable, Equatable {
    /// `\n`.
    case lf = "\n"
    /// `\r\n`.
    case crlf = "\r\n"

    /// The style of `bytes`.
    public static func of(_ bytes: [UInt8]) -> LineEnding {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return .lf }
        return newline > 0 && bytes[newline - 1] == UInt8(ascii: "\r") ? .crlf : .lf
    }

    /// The ending as bytes.
    public var bytes: [UInt8] { Array(rawValue.utf8) }

    /// `text` (written with `\n`) with every line ending in this style.
    public func apply(to text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") { out.append(contentsOf: bytes) } else { out.append(byte) }
        }
        return out
    }
}

// MARK: - Scanning

/// Finds marker lines outside code blocks.
enum MarkerScanner {
    enum Kind { case begin, end }

    struct Marker {
        var kind: Kind
        var location: SourceLocation
        /// Offset of the first byte of the marker's line.
        var lineStart: Int
        /// Offset just after the marker's line ending (or the end of the file).
        var lineEnd: Int
    }

    static let begin = Array(ManagedBlock.beginMarker.utf8)
    static let end = Array(ManagedBlock.endMarker.utf8)

    static func markers(in bytes: [UInt8], file: String) -> [Marker] {
        let bodyStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Cheap first: a file without a marker line needs no parse.
        guard contains(begin, in: bytes) || contains(end, in: bytes) else { return [] }
        var inCode: [Bool] = []
        for range in CMark.codeBlockLines(Array(bytes[bodyStart...])) {
            if inCode.count <= range.upperBound { inCode += Array(repeating: false, count: range.upperBound + 1 - inCode.count) }
            for line in range { inCode[line] = true }
        }
        var markers: [Marker] = []
        var lineNumber = 0
        // cmark's line of the current line: a lone `\r` ends a line for CommonMark, not here.
        var cmarkLine = 1
        var start = bodyStart
        while start < bytes.count {
            lineNumber += 1
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let next = newline.map { $0 + 1 } ?? bytes.count
            var contentEnd = newline ?? bytes.count
            if contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = bytes[start..<contentEnd]
            defer {
                start = next
                cmarkLine += 1 + line.filter { $0 == UInt8(ascii: "\r") }.count
            }
            if cmarkLine < inCode.count, inCode[cmarkLine] { continue }
            guard let (kind, indent) = marker(line) else { continue }
            markers.append(Marker(kind: kind, location: SourceLocation(file: file, line: lineNumber, column: indent + 1),
                                  lineStart: start, lineEnd: next))
        }
        return markers
    }

    static func contains(_ pattern: [UInt8], in bytes: [UInt8]) -> Bool {
        guard let first = pattern.first, bytes.count >= pattern.count else { return false }
        var index = 0
        while index + pattern.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }

    /// Up to three spaces of indentation, or nil for more (an indented code block or a
    /// continuation: never a marker).
    static func indentation(_ line: ArraySlice<UInt8>) -> Int? {
        let spaces = line.prefix { $0 == UInt8(ascii: " ") }.count
        return spaces <= 3 ? spaces : nil
    }

    static func marker(_ line: ArraySlice<UInt8>) -> (Kind, indent: Int)? {
        guard let indent = indentation(line) else { return nil }
        var text = line.dropFirst(indent)
        while let last = text.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { text = text.dropLast() }
        if text.elementsEqual(begin) { return (.begin, indent) }
        if text.elementsEqual(end) { return (.end, indent) }
        return nil
    }
}
