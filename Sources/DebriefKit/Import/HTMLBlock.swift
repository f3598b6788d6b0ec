/// The raw HTML blocks of CommonMark (spec 0.31, section 4.6), as far as import needs them: a
/// line that opens one, and the line that ends it. Import copies their lines exactly and never
/// reads a heading, a metadata line or an action inside one, just as it treats fenced code.
enum HTMLBlock: Equatable {
    /// `<script`, `<pre`, `<style`, `<textarea`: ends at the line with the closing tag.
    case raw(String)
    /// `<!--`: ends at the line with `-->`.
    case comment
    /// `<?`: ends at `?>`.
    case processing
    /// `<!X`: ends at `>`.
    case declaration
    /// `<![CDATA[`: ends at `]]>`.
    case cdata
    /// A block-level tag (`<div`, `<table`, `<details`, …) or, not interrupting a paragraph, any
    /// complete tag alone on its line: ends before a blank line.
    case untilBlank

    /// The tag names that open a block of kind 6, lower case.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ]

    static let rawTags = ["script", "pre", "style", "textarea"]

    /// The block `line` opens, or nil. `afterParagraph`: the line before is paragraph text, which
    /// only kinds 1 to 6 may interrupt.
    static func start(_ line: String, afterParagraph: Bool) -> HTMLBlock? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let text = Substring(line.dropFirst(indent))
        guard text.hasPrefix("<") else { return nil }
        let lower = text.lowercased()
        for tag in rawTags where lower.hasPrefix("<" + tag) {
            let after = lower.dropFirst(tag.count + 1).first
            if after == nil || after == " " || after == "\t" || after == ">" { return .raw(tag) }
        }
        if lower.hasPrefix("<!--") { return .comment }
        if lower.hasPrefix("<?") { return .processing }
        if lower.hasPrefix("<![cdata[") { return .cdata }
        if lower.hasPrefix("<!"), lower.dropFirst(2).first?.isASCIILetter == true { return .declaration }
        let closing = lower.hasPrefix("</")
        let afterOpen = lower.dropFirst(closing ? 2 : 1)
        let name = afterOpen.prefix { $0.isASCIILetter || $0.isASCIIDigit || $0 == "-" }
        guard let first = name.first, first.isASCIILetter else { return nil }
        let afterName = afterOpen.dropFirst(name.count)
        if blockTags.contains(String(name)) {
            if afterName.isEmpty || afterName.first == " " || afterName.first == "\t" || afterName.first == ">" || afterName.hasPrefix("/>") {
                return .untilBlank
            }
            return nil
        }
        guard !afterParagraph, isCompleteTag(afterName, closing: closing) else { return nil }
        return .untilBlank
    }

    /// Whether what follows a tag's name is the rest of one complete tag and nothing but white
    /// space after it: attributes (quoted values kept whole), then `>` or `/>`.
    private static func isCompleteTag(_ rest: Substring, closing: Bool) -> Bool {
        // The name ends at white space or the tag's end: `<https://x>` is an autolink, not a tag.
        guard let next = rest.first, next == " " || next == "\t" || next == ">" || (!closing && rest.hasPrefix("/>")) else { return false }
        var quote: Character?
        var index = rest.startIndex
        while index < rest.endIndex {
            let c = rest[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                if closing { return false }
                quote = c
            } else if c == "<" {
                return false
            } else if c == ">" {
                let tail = rest[rest.index(after: index)...]
                return tail.allSatisfy { $0 == " " || $0 == "\t" }
            }
            index = rest.index(after: index)
        }
        return false
    }

    /// Whether `line` ends the block (it is then part of it); for `untilBlank`, a blank line
    /// ends it and is not part of it, which the caller checks before calling this.
    func ends(at line: String) -> Bool {
        switch self {
        case .raw(let tag): return line.lowercased().contains("</" + tag + ">")
        case .comment: return line.contains("-->")
        case .processing: return line.contains("?>")
        case .declaration: return line.contains(">")
        case .cdata: return line.contains("]]>")
        case .untilBlank: return false
        }
    }
}

private extension Character {
    var isASCIILetter: Bool { isASCII && isLetter }
}
