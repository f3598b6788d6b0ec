/// What of a post-mortem's body similar incidents are compared by: the plain text of its
/// Summary, Root Cause and Trigger sections (by canonical name, so `Root Cause(s)`, `Root cause
/// analysis` and the repository's own `section_aliases` count), taken while the reader still has
/// the sections' blocks. The title and the services and tags come from the front matter.
public enum SimilarityText {
    /// The sections compared, by canonical name. `Trigger` is no standard section, so it is a
    /// heading of its own name.
    public static let sections = ["Summary", "Root Cause", "Trigger"]

    /// Longest text kept per post-mortem, in UTF-8 bytes: a root cause pasted with a whole log
    /// must not make one document outweigh the rest, nor fill the build cache.
    public static let maxBytes = 16_384

    /// The text of every section named in `sections` (each of them, in document order), one
    /// line per paragraph, list item, table row or heading; code blocks and raw HTML left out.
    public static func of(_ sections: [Section]) -> String {
        let wanted = Set(Self.sections.map(SectionNames.key))
        var lines: [String] = []
        for section in sections where wanted.contains(SectionNames.key(section.name)) {
            for block in section.blocks { collect(block, into: &lines) }
        }
        let text = lines.joined(separator: "\n")
        guard text.utf8.count > maxBytes else { return text }
        // Cut before the scalar the limit falls in (a continuation byte is 0b10xxxxxx).
        let bytes = Array(text.utf8)
        var end = maxBytes
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    private static func collect(_ block: MarkdownBlock, into lines: inout [String]) {
        switch block.kind {
        case .codeBlock, .html, .thematicBreak:
            return
        case .heading, .paragraph, .tableCell:
            if block.text.hasVisibleText { lines.append(block.text) }
        case .tableRow:
            let cells = block.children.map(\.text).filter(\.hasVisibleText)
            if !cells.isEmpty { lines.append(cells.joined(separator: " · ")) }
        default:
            for child in block.children { collect(child, into: &lines) }
        }
    }
}
