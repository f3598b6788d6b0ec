/// A document split into its YAML front matter and its Markdown body.
///
/// Front matter opens with a line of exactly `---` at the very start of the file (after an
/// optional byte order mark) and closes with a line of `---` or `...`. Trailing spaces and CRLF
/// line endings are accepted.
public struct FrontMatter: Sendable, Equatable {
    /// How the split went.
    public enum Kind: Sendable, Equatable {
        /// No front matter: the whole text is the body.
        case absent
        /// Front matter that opens and closes.
        case present
        /// An opening `---` with no closing line.
        case unterminated
    }

    /// What was found.
    public var kind: Kind
    /// The YAML between the delimiters (empty when absent).
    public var yaml: String
    /// The 1-based file line of the YAML's first line.
    public var yamlFirstLine: Int
    /// The Markdown after the closing delimiter (the whole text when absent or unterminated).
    public var body: String
    /// The 1-based file line of the body's first line.
    public var bodyFirstLine: Int

    /// Splits `text` (already without a byte order mark).
    public static func split(_ text: String) -> FrontMatter {
        let whole = FrontMatter(kind: .absent, yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1)
        let utf8 = text.utf8
        guard let firstEnd = utf8.firstIndex(of: UInt8(ascii: "\n")) ?? (utf8.isEmpty ? nil : utf8.endIndex) else { return whole }
        guard isDelimiter(text[text.startIndex..<firstEnd], closing: false) else { return whole }
        guard firstEnd < utf8.endIndex else {
            return FrontMatter(kind: .unterminated, yaml: "", yamlFirstLine: 2, body: text, bodyFirstLine: 1)
        }
        let yamlStart = utf8.index(after: firstEnd)
        var lineStart = yamlStart
        var lineNumber = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            if isDelimiter(text[lineStart..<lineEnd], closing: true) {
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return FrontMatter(kind: .present, yaml: String(text[yamlStart..<lineStart]), yamlFirstLine: 2,
                                   body: String(text[bodyStart...]), bodyFirstLine: lineNumber + 1)
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            lineNumber += 1
        }
        return FrontMatter(kind: .unterminated, yaml: String(text[yamlStart...]), yamlFirstLine: 2, body: text, bodyFirstLine: 1)
    }

    private static func isDelimiter(_ line: Substring, closing: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" || last == "\r" { trimmed.removeLast() }
        // A Character "\r\n" is one grapheme; strip it too.
        while trimmed.hasSuffix("\r\n") { trimmed.removeLast() }
        return trimmed == "---" || (closing && trimmed == "...")
    }
}
