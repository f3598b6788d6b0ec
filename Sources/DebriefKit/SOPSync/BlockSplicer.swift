/// Puts a new managed block into an SOP's bytes, touching nothing outside the markers.
///
/// - An existing block's content (the lines strictly between the marker lines) is replaced; the
///   marker lines themselves and every byte before and after them are kept as they are.
/// - A file without a block gets `## Preventive actions` and the two markers appended, after one
///   blank line (the file's last line gets a line ending first when it has none).
/// - New lines use the file's line ending (see `LineEnding.of`); a byte order mark stays.
/// - Broken markers leave the file alone: the result is the diagnostic.
public enum BlockSplicer {
    /// The heading written above a block appended to a file that had none.
    public static let sectionHeading = "## Preventive actions"

    /// The new bytes, or why the file was left alone.
    public enum Outcome: Sendable, Equatable {
        /// The file's content after the splice (possibly equal to what it was).
        case spliced([UInt8])
        /// The file's markers are broken (DB090–DB092).
        case rejected(Diagnostic)
    }

    /// The file's new bytes with `block` (Markdown with `\n` line endings, without the marker
    /// lines) between the markers, or why the file's markers cannot be trusted. `file` is the
    /// repo-relative path used in the diagnostic.
    public static func splice(_ bytes: [UInt8], block: String, file: String) -> Outcome {
        let ending = LineEnding.of(bytes)
        var content = block
        if !content.isEmpty, !content.hasSuffix("\n") { content += "\n" }
        let newContent = ending.apply(to: content)
        switch ManagedBlock.locate(in: bytes, file: file) {
        case .broken(let diagnostic):
            return .rejected(diagnostic)
        case .found(let found):
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + newContent.count)
            out += bytes[..<found.content.lowerBound]
            out += newContent
            out += bytes[found.content.upperBound...]
            return .spliced(out)
        case .none:
            var out = bytes
            var ending = ending
            let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            if bytes.count > (hasBOM ? 3 : 0) {
                if bytes.last != UInt8(ascii: "\n") {
                    out += ending.bytes
                    // An LF after a final lone CR makes a CRLF, which the next sync takes for the
                    // file's line ending when no LF came before: write the block the way it will
                    // read it, or every sync rewrites it.
                    ending = LineEnding.of(out)
                }
                if !endsWithBlankLine(out) { out += ending.bytes }
            }
            out += ending.apply(to: "\(sectionHeading)\n\n\(ManagedBlock.beginMarker)\n")
            out += ending.apply(to: content)
            out += ending.apply(to: "\(ManagedBlock.endMarker)\n")
            return .spliced(out)
        }
    }
}

private extension BlockSplicer {
    /// Whether the line before the final line ending holds only white space.
    static func endsWithBlankLine(_ bytes: [UInt8]) -> Bool {
        var index = bytes.count - 1
        guard index >= 0, bytes[index] == UInt8(ascii: "\n") else { return false }
        index -= 1
        while index >= 0 {
            switch bytes[index] {
            case UInt8(ascii: "\n"): return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index -= 1
            default: return false
            }
        }
        return true
    }
}
