/// Options for turning Markdown into HTML, mirroring the `cmark-gfm` command line.
public struct MarkdownOptions: Sendable, Hashable {
    /// GFM extensions to attach, by cmark-gfm name (`table`, `strikethrough`, `autolink`,
    /// `tagfilter`, `tasklist`).
    public var extensions: [String]
    /// Let raw HTML and dangerous URLs (`javascript:`, `vbscript:`, `file:`, most `data:`) through.
    public var unsafe: Bool

    /// Creates options.
    public init(extensions: [String], unsafe: Bool = false) {
        self.extensions = extensions
        self.unsafe = unsafe
    }

    /// Every extension debrief knows, in the order `cmark-gfm --list-extensions` prints them.
    public static let knownExtensions = ["autolink", "strikethrough", "table", "tagfilter", "tasklist"]

    /// What the site uses: all GFM extensions, raw HTML and dangerous URLs off.
    public static let site = MarkdownOptions(extensions: ["table", "strikethrough", "autolink", "tagfilter", "tasklist"])

    /// CommonMark with no extension at all.
    public static let bare = MarkdownOptions(extensions: [])
}

/// A link found in Markdown, with the text it shows.
public struct MarkdownLink: Sendable, Hashable {
    /// The destination as written.
    public var destination: String
    /// The visible text.
    public var text: String
}

/// One block of a parsed Markdown document, as plain Swift values. Lines and columns are as
/// cmark reports them: 1-based, relative to the text that was parsed, columns in UTF-8 bytes.
public struct MarkdownBlock: Sendable {
    /// What kind of block this is.
    public enum Kind: Sendable, Hashable {
        case heading(level: Int)
        case paragraph
        case list(ordered: Bool)
        case item
        case table
        case tableRow(header: Bool)
        case tableCell
        case codeBlock
        case blockQuote
        case html
        case thematicBreak
        case other
    }

    /// The kind of block.
    public var kind: Kind
    /// First line of the block.
    public var line: Int
    /// First column of the block (bytes).
    public var column: Int
    /// Last line of the block.
    public var endLine: Int
    /// The inline text flattened to plain text (headings, paragraphs, table cells).
    public var text: String
    /// Links in the block's own inline content.
    public var links: [MarkdownLink]
    /// Block children (list items, table rows, cells, blocks inside quotes).
    public var children: [MarkdownBlock]
    /// The literal content of a code or HTML block.
    public var literal: String
    /// For a task list item (`- [ ]`, `- [x]`), whether it is ticked; nil for any other block.
    public var checked: Bool? = nil
    /// Set when the block is nested too deep to be read: its children are left out, and a
    /// reader that looks inside it should say so rather than drop them in silence.
    public var truncated = false

    /// The first block descendant (depth first) whose kind matches, this one included.
    public func first(where predicate: (MarkdownBlock) -> Bool) -> MarkdownBlock? {
        if predicate(self) { return self }
        for child in children {
            if let found = child.first(where: predicate) { return found }
        }
        return nil
    }

    /// Whether this block holds any visible content.
    public var hasContent: Bool {
        switch kind {
        case .html: return false
        case .thematicBreak: return false
        case .codeBlock: return !literal.isEmpty
        default:
            if text.hasVisibleText { return true }
            return children.contains { $0.hasContent }
        }
    }
}

/// A link destination found in a document, with where it was seen.
public struct LinkOccurrence: Sendable, Hashable {
    /// The destination as written.
    public var destination: String
    /// 1-based line of the link's block, relative to the parsed text.
    public var line: Int
    /// 1-based column of the link's block, in bytes.
    public var column: Int
}

/// What one pass of cmark-gfm makes of a document.
public struct MarkdownResult: Sendable {
    /// The top-level blocks.
    public var blocks: [MarkdownBlock]
    /// Every link and image destination in the document, in order.
    public var links: [LinkOccurrence]
    /// The HTML, when asked for.
    public var html: String?
    /// Tables over `TableGuard`'s limits, which were read as text.
    public var oversizedTables: [TableGuard.OversizedTable] = []
    /// Every HTML comment written inside a paragraph, heading or cell (not as a block of its own).
    public var inlineComments: [InlineComment] = []
}

/// An HTML comment inside inline content (`text <!-- note --> text`).
public struct InlineComment: Sendable, Hashable {
    /// The comment as written, from `<!--` to `-->`.
    public var text: String
    /// 1-based line of the comment, relative to the parsed text (0 when cmark does not say).
    public var line: Int
    /// 1-based line of the block that holds it.
    public var blockLine: Int
}

/// How the site wants a document rendered: link destinations rewritten, headings anchored.
public struct RenderRequest: Sendable {
    /// cmark options.
    public var options: MarkdownOptions
    /// Whether to produce HTML at all (checking needs only the structure).
    public var produceHTML: Bool
    /// Whether to give every heading an `id` (GitHub-style slug) for anchors.
    public var anchorHeadings: Bool
    /// Called for every link and image destination; returns a replacement or nil to keep it.
    public var rewriteLink: (@Sendable (String) -> String?)?

    /// Creates a request.
    public init(options: MarkdownOptions, produceHTML: Bool = true, anchorHeadings: Bool = false, rewriteLink: (@Sendable (String) -> String?)? = nil) {
        self.options = options
        self.produceHTML = produceHTML
        self.anchorHeadings = anchorHeadings
        self.rewriteLink = rewriteLink
    }
}

import Foundation
