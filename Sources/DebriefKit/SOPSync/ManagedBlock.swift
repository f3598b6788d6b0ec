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
    /// inside fenced code blocks (``` or ~~~, any fence length, fence indented by at most three
    /// spaces) are text, so a runbook can show the markers in an example.
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

/// Finds marker lines outside fenced code blocks.
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

    /// An open fence: its character and length.
    struct Fence {
        var character: UInt8
        var length: Int
    }

    static let begin = Array(ManagedBlock.beginMarker.utf8)
    static let end = Array(ManagedBlock.endMarker.utf8)

    static func markers(in bytes: [UInt8], file: String) -> [Marker] {
        var markers: [Marker] = []
        var fence: Fence?
        var lineNumber = 0
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count {
            lineNumber += 1
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let next = newline.map { $0 + 1 } ?? bytes.count
            var contentEnd = newline ?? bytes.count
            if contentEnd > start, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = bytes[start..<contentEnd]
            defer { start = next }

            if let open = fence {
                if isClosingFence(line, for: open) { fence = nil }
                continue
            }
            if let opened = openingFence(line) {
                fence = opened
                continue
            }
            guard let (kind, indent) = marker(line) else { continue }
            markers.append(Marker(kind: kind, location: SourceLocation(file: file, line: lineNumber, column: indent + 1),
                                  lineStart: start, lineEnd: next))
        }
        return markers
    }

    /// Up to three spaces of indentation, or nil for more (an indented code block or a
    /// continuation: never a marker or a fence).
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

    static func openingFence(_ line: ArraySlice<UInt8>) -> Fence? {
        guard let indent = indentation(line) else { return nil }
        let rest = line.dropFirst(indent)
        guard let character = rest.first, character == UInt8(ascii: "`") || character == UInt8(ascii: "~") else { return nil }
        let length = rest.prefix { $0 == character }.count
        guard length >= 3 else { return nil }
        // A backtick fence's info string may not hold a backtick (that would be inline code).
        if character == UInt8(ascii: "`"), rest.dropFirst(length).contains(character) { return nil }
        return Fence(character: character, length: length)
    }

    static func isClosingFence(_ line: ArraySlice<UInt8>, for fence: Fence) -> Bool {
        guard let indent = indentation(line) else { return false }
        let rest = line.dropFirst(indent)
        let length = rest.prefix { $0 == fence.character }.count
        guard length >= fence.length else { return false }
        return rest.dropFirst(length).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
