/// Whitespace trimming without Foundation's `NSString` bridge, which dominated the cost of
/// reading large repos.
extension String {
    /// The text without leading and trailing white space (spaces, tabs, line breaks, and any
    /// Unicode white space such as no-break space).
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhiteSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isWhiteSpace }) ?? first
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(String.UnicodeScalarView(scalars[first...last]))
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
    /// White space, answered from a table for ASCII and by Unicode properties otherwise.
    var isWhiteSpace: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
}
