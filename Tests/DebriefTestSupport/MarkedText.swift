import Foundation

/// Text with markers (`↓`) showing where diagnostics must land. The markers are stripped before
/// the text is used; each one records the 1-based line and column (in Unicode scalars, after a
/// byte order mark) of the character that follows it. Works on bytes, so fixtures with a BOM,
/// CRLF line endings or invalid UTF-8 elsewhere keep every other byte as it is.
public struct MarkedText: Sendable {
    /// The marker, `↓` (U+2193).
    public static let marker: [UInt8] = Array("↓".utf8)

    /// A marker's place in the stripped text.
    public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// 1-based line.
        public var line: Int
        /// 1-based column in Unicode scalars.
        public var column: Int

        /// Creates a mark.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public static func < (lhs: Mark, rhs: Mark) -> Bool { (lhs.line, lhs.column) < (rhs.line, rhs.column) }
        public var description: String { "\(line):\(column)" }
    }

    /// The bytes without markers.
    public let bytes: [UInt8]
    /// The markers in order.
    public let marks: [Mark]

    /// Strips the markers out of `raw`.
    public init(bytes raw: [UInt8]) {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var marks: [Mark] = []
        var line = 1
        var column = 1
        var index = 0
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            output += [0xEF, 0xBB, 0xBF]
            index = 3
        }
        while index < raw.count {
            if raw[index...].starts(with: Self.marker) {
                marks.append(Mark(line: line, column: column))
                index += Self.marker.count
                continue
            }
            let byte = raw[index]
            output.append(byte)
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        self.bytes = output
        self.marks = marks
    }

    /// Strips the markers out of `text`.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// The stripped text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
