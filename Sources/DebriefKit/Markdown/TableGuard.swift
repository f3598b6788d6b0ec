/// Keeps tables cmark-gfm would take super-linear time over away from it.
///
/// cmark-gfm 0.29 splits a table row into cells in time quadratic in the row's cells, and it
/// splits the header row as soon as a delimiter row (`|---|:--:|`) follows it: 10,000 columns
/// take seconds, an 880 KB document minutes. So before the table extension sees a text, one
/// linear pass over its lines finds every line that could be a delimiter row and measures the
/// table it would open: its columns, the cells of the header row before it and of the rows
/// after it (up to the next blank line), and the table's cells (columns × rows). A table over
/// a limit is neutralised: a backslash goes before the first `|` of its delimiter row, so the
/// row is no longer one, cmark never builds the table, and its lines read as the text they are
/// (`\|` shows as `|`). Every other line, and the number of every line, stays as it was; the
/// only change is one byte on the delimiter row, which gets the error.
///
/// The pass over-estimates (any line of only `|`, `-`, `:` and blanks counts, inside a block
/// quote too, and every non-blank line after it counts as a row), which can only flag a table
/// early, never let one through; lines inside code and HTML blocks are left alone.
public enum TableGuard {
    /// The most columns a table, and the most cells a row, may have. Real tables have fewer
    /// than 30; at 256 cmark's quadratic split costs under a millisecond per row.
    public static let maxColumns = 256
    /// The most cells (columns × rows, header included) a table may have: a table of 10,000
    /// actions in 10 columns fits.
    public static let maxCells = 100_000

    /// A table over a limit, by the line of its delimiter row.
    public struct OversizedTable: Sendable, Equatable {
        /// 1-based line of the delimiter row in the text given to cmark.
        public var line: Int
        /// Why it was neutralised, as a sentence fragment for a diagnostic.
        public var reason: String

        /// The message of the diagnostic (DB100) that reports it.
        public var message: String {
            "\(reason); it is read and shown as text (split the table, or make it narrower)"
        }
    }

    /// What `scan` found: the oversized tables and where to escape each one's delimiter row.
    struct Finding {
        var table: OversizedTable
        /// Byte offset of the first `|` of the delimiter row.
        var pipeOffset: Int
    }

    /// Finds the oversized tables of `bytes` in one pass.
    static func scan(_ bytes: [UInt8]) -> [Finding] {
        struct Line {
            var start: Int
            var cells: Int
            var firstPipe: Int?
            var isBlank: Bool
            var delimiterCells: Int?
        }
        var lines: [Line] = []
        var start = 0
        let count = bytes.count
        while true {
            var index = start
            var pipes = 0
            var firstPipe: Int?
            var backslashes = 0
            var onlyDelimiterBytes = true
            var sawDash = false
            var contentStart: Int?
            var lastContent: UInt8 = 0
            var firstContent: UInt8 = 0
            while index < count, bytes[index] != UInt8(ascii: "\n") {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "|"):
                    if backslashes % 2 == 0 {
                        pipes += 1
                        if firstPipe == nil { firstPipe = index }
                    }
                case UInt8(ascii: "-"): sawDash = true
                case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): break
                case UInt8(ascii: ">") where contentStart == nil: break
                default: onlyDelimiterBytes = false
                }
                if byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "\r"),
                   !(byte == UInt8(ascii: ">") && contentStart == nil) {
                    if contentStart == nil { contentStart = index; firstContent = byte }
                    lastContent = byte
                }
                backslashes = byte == UInt8(ascii: "\\") ? backslashes + 1 : 0
                index += 1
            }
            // Cells as a row: the pieces between pipes, less an empty first and last.
            var cells = pipes + 1
            if firstContent == UInt8(ascii: "|") { cells -= 1 }
            if lastContent == UInt8(ascii: "|"), pipes > (firstContent == UInt8(ascii: "|") ? 1 : 0) { cells -= 1 }
            cells = max(1, cells)
            lines.append(Line(start: start, cells: cells, firstPipe: firstPipe, isBlank: contentStart == nil,
                              delimiterCells: onlyDelimiterBytes && sawDash && pipes > 0 ? cells : nil))
            if index >= count { break }
            start = index + 1
        }
        // For each line, the rows that follow it up to a blank line and the widest of them,
        // from the end backwards, so each line's table is measured in constant time.
        var rowsAfter = [Int](repeating: 0, count: lines.count)
        var widestAfter = [Int](repeating: 0, count: lines.count)
        if lines.count >= 2 {
            for index in stride(from: lines.count - 2, through: 0, by: -1) where !lines[index + 1].isBlank {
                rowsAfter[index] = rowsAfter[index + 1] + 1
                widestAfter[index] = max(widestAfter[index + 1], lines[index + 1].cells)
            }
        }
        var findings: [Finding] = []
        for (index, line) in lines.enumerated() {
            guard let columns = line.delimiterCells, let pipe = line.firstPipe else { continue }
            let headerCells = index > 0 ? lines[index - 1].cells : 0
            let widestRow = widestAfter[index]
            let cells = columns * (rowsAfter[index] + 2)
            var reason: String?
            if columns > maxColumns {
                reason = "this table has \(columns) columns, more than the \(maxColumns) debrief reads"
            } else if headerCells > maxColumns {
                reason = "the header row of this table has up to \(headerCells) cells, more than the \(maxColumns) debrief reads"
            } else if rowsAfter[index] > 0, widestRow > maxColumns {
                reason = "a row of this table has up to \(widestRow) cells, more than the \(maxColumns) debrief reads"
            } else if cells > maxCells {
                reason = "this table has about \(cells) cells (\(columns) columns × \(rowsAfter[index] + 2) rows), more than the \(maxCells) debrief reads"
            }
            if let reason {
                findings.append(Finding(table: OversizedTable(line: index + 1, reason: reason), pipeOffset: pipe))
            }
        }
        return findings
    }

    /// `bytes` with a backslash before the first `|` of each finding's delimiter row.
    static func neutralise(_ bytes: [UInt8], _ findings: [Finding]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + findings.count)
        var copied = 0
        for finding in findings.sorted(by: { $0.pipeOffset < $1.pipeOffset }) {
            out.append(contentsOf: bytes[copied..<finding.pipeOffset])
            out.append(UInt8(ascii: "\\"))
            copied = finding.pipeOffset
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }
}
