/// Puts a new managed block into an SOP's bytes, touching nothing outside the markers.
///
/// - An existing block's content (the lines strictly between the marker lines) is replaced; the
///   marker lines themselves and every byte before and after them are kept as they are.
/// - A file without a block gets `## Preventive actions` and the two markers appended, after one
///   blank line (the file's last line gets a line ending first when it has none).
/// - New lines use the file's line ending (see `LineEnding.of`); a byte order mark stays.
/// - Broken markers leave the file alone: the result is the diagnostic.
/// - A result in which the block would not be found again (the file ends inside a code block
///   that is never closed, so an appended block would be code) leaves the file alone too, with
///   DB093: a sync that settles is checked, not hoped for.
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
            return settled(out, content: newContent, file: file, begin: found.begin.line)
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
            out += ending.apply(to: "\(sectionHeading)\n\n")
            let beginLine = lineCount(out) + 1
            out += ending.apply(to: "\(ManagedBlock.beginMarker)\n")
            // In the ending the file reads with now (see above), which may differ from the one
            // `newContent` was made in.
            let written = ending.apply(to: content)
            out += written
            out += ending.apply(to: "\(ManagedBlock.endMarker)\n")
            return settled(out, content: written, file: file, begin: beginLine)
        }
    }
}

private extension BlockSplicer {
    /// `out`, when a sync of it would find the block just written, with this content, and so
    /// change nothing; otherwise DB093 at the line where the begin marker would be.
    static func settled(_ out: [UInt8], content: [UInt8], file: String, begin: Int) -> Outcome {
        if case .found(let again) = ManagedBlock.locate(in: out, file: file), again.begin.line == begin,
           out[again.content].elementsEqual(content) {
            return .spliced(out)
        }
        let lines = CMark.codeBlockLines(out.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(out.dropFirst(3)) : out)
        if let code = lines.last(where: { $0.contains(begin) }) {
            return .rejected(Diagnostic(.error, .syncNoPlaceForBlock, at: SourceLocation(file: file, line: code.lowerBound),
                "this code block is never closed, so the block debrief sync adds at the end of the file would be code, "
                    + "and added again on every sync; close it (a line of ``` or ~~~ like the one that opens it)"))
        }
        return .rejected(Diagnostic(.error, .syncNoPlaceForBlock, at: SourceLocation(file: file, line: begin),
            "debrief sync cannot place its block here so that it finds it again; the file was left as it is"))
    }

    static func lineCount(_ bytes: [UInt8]) -> Int {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return bytes[start...].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

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
