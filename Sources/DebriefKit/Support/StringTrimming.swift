/// Whitespace trimming without Foundation's `NSString` bridge, which dominated the cost of
/// reading large repos.
extension String {
    /// The text without leading and trailing white space (spaces, tabs, line breaks, and any
    /// Unicode white space such as no-break space): what `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives.
    var trimmed: String {
        trimming(\.isWhiteSpace)
    }

    /// The text without leading and trailing spaces and tabs: what `trimmingCharacters(in:
    /// .whitespaces)` gives (U+0009, the space separators of Unicode category Zs, and U+200B),
    /// without Foundation's `NSString` bridge, which the site index paid on every tag and service.
    var trimmedSpaces: String {
        trimming(\.isSpace)
    }

    /// The text without leading and trailing line breaks: what `trimmingCharacters(in:
    /// .newlines)` gives (U+000A to U+000D, U+0085, U+2028, U+2029), without copying the text
    /// through `NSString`, which showed in a build's profile on every post-mortem body.
    var trimmedLineBreaks: String {
        trimming(\.isLineBreak)
    }

    /// The text without the scalars at either end that `isTrimmed` says to drop.
    @inline(__always)
    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) }) ?? first
        let end = scalars.index(after: last)
        if first == scalars.startIndex, end == scalars.endIndex { return self }
        // Slicing the string itself copies its bytes at once; rebuilding a scalar view appends
        // scalar by scalar, which showed in a build's profile on every post-mortem body. A
        // substring may begin and end inside a character, so no scalar is lost or added.
        return String(self[first..<end])
    }
}

extension Substring {
    /// The text without leading and trailing white space.
    var trimmed: String { String(self).trimmed }
}

extension StringProtocol {

    /// Whether the text holds anything but white space.
    var hasVisibleText: Bool {
        unicodeScalars.contains { !$0.isWhiteSpace }
    }
}

extension Unicode.Scalar {
    /// A character of Foundation's `CharacterSet.newlines`.
    var isLineBreak: Bool {
        (value >= 0x0A && value <= 0x0D) || value == 0x85 || value == 0x2028 || value == 0x2029
    }

    /// A character of Foundation's `CharacterSet.whitespaces`: tab, a space separator, or the
    /// zero width space (U+200B), which Foundation counts as one.
    var isSpace: Bool {
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }

    /// White space, answered from a table for ASCII and by Unicode properties otherwise: a
    /// character of Foundation's `CharacterSet.whitespacesAndNewlines`, the zero width space
    /// (U+200B) included, which wiki exports leave at the ends of values.
    var isWhiteSpace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return value == 0x200B || properties.isWhitespace
    }
}
