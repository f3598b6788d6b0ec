/// The plain text of a rendered body, cut at its headings: what the search index counts and
/// what a result's snippet is taken from. Paragraphs, list items and table rows become lines;
/// the cells of a row are joined with ` · `. Script, style and template elements (which only a
/// repo that allows raw HTML can have) contribute nothing.
struct SearchSection: Sendable, Equatable {
    /// The heading's anchor; empty for the text before the first heading.
    var anchor: String
    /// The heading's text; empty for the text before the first heading.
    var heading: String
    var level: Int
    /// Lines of text, `\n`-separated.
    var text: String
}

enum SearchSections {
    /// The sections of `html` (a finished body: see `BodyHTML`), whose headings are `headings`
    /// in order.
    static func of(html: String, headings: [SiteDocument.Heading]) -> [SearchSection] {
        let bytes = Array(html.utf8)
        var sections: [SearchSection] = []
        var current = SearchSection(anchor: "", heading: "", level: 0, text: "")
        var text: [UInt8] = []
        var nextHeading = 0
        var index = 0
        var cellsInRow = 0
        var preDepth = 0
        func endLine() {
            if let last = text.last, last != 0x0A { text.append(0x0A) }
        }
        func finishSection() {
            current.text = HTMLText.decodeEntities(tidy(text))
            if !current.text.isEmpty || !current.heading.isEmpty { sections.append(current) }
            text = []
        }
        while index < bytes.count {
            // Text up to the next `<`, in one piece. A line break in text is a space (a soft
            // break), except in code blocks.
            if bytes[index] != UInt8(ascii: "<") {
                let runStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                let appended = text.count
                text.append(contentsOf: bytes[runStart..<index])
                if preDepth == 0 {
                    for position in appended..<text.count where text[position] == 0x0A { text[position] = 0x20 }
                }
                continue
            }
            // Comments (cmark's `<!-- raw HTML omitted -->`, the page's own marks) are not text.
            if BodyHTML.matches(commentOpen, in: bytes, at: index) {
                index = (BodyHTML.find(commentClose, in: bytes, from: index + 4) ?? bytes.count - 3) + 3
                continue
            }
            guard let tag = Tag(bytes, at: index) else {
                text.append(UInt8(ascii: "<"))
                index += 1
                continue
            }
            if !tag.closing, case .heading = tag.kind, let anchor = tag.id(in: bytes), nextHeading < headings.count,
               headings[nextHeading].anchor == anchor {
                finishSection()
                let heading = headings[nextHeading]
                nextHeading += 1
                current = SearchSection(anchor: heading.anchor, heading: heading.text, level: heading.level, text: "")
                index = end(of: tag, in: bytes)
                continue
            }
            switch tag.kind {
            case .skipped where !tag.closing:
                index = end(of: tag, in: bytes)
                continue
            case .pre:
                preDepth = max(0, preDepth + (tag.closing ? -1 : 1))
                endLine()
            case .row:
                endLine()
                cellsInRow = 0
            case .cell:
                if !tag.closing {
                    if cellsInRow > 0 { text.append(contentsOf: cellSeparator) }
                    cellsInRow += 1
                }
            case .lineBreaking, .heading:
                endLine()
            case .skipped, .other:
                break
            }
            index = tag.end
        }
        finishSection()
        return sections
    }

    private static let commentOpen = Array("<!--".utf8)
    private static let cellSeparator = Array(" · ".utf8)
    private static let idAttribute = Array(" id=\"".utf8)
    private static let commentClose = Array("-->".utf8)


    /// White space collapsed within lines, empty lines dropped.
    private static func tidy(_ text: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var pendingSpace = false
        for byte in text {
            switch byte {
            case 0x0A:
                if let last = out.last, last != 0x0A { out.append(0x0A) }
                pendingSpace = false
            case 0x20, 0x09, 0x0D, 0x0C:
                pendingSpace = !(out.isEmpty || out.last == 0x0A)
            default:
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        while out.last == 0x0A { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Where the element `open` opens ends: after its `</name>`, or the end.
    private static func end(of open: Tag, in bytes: [UInt8]) -> Int {
        var index = open.end
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), let tag = Tag(bytes, at: index), tag.closing, tag.name == open.name { return tag.end }
            index += 1
        }
        return bytes.count
    }

    /// A tag: its lower-case name and what it does to the text, whether it closes, its
    /// attributes, and the index after its `>`.
    private struct Tag {
        /// What an element does to the text around it.
        enum Kind {
            /// `h1` to `h6`: a new section when its `id` is the next heading's anchor, else a line.
            case heading
            /// Its content is not text: `script`, `style`, `template`, `textarea`, `title`.
            case skipped
            /// `pre`: a line, and line breaks inside stay.
            case pre
            /// `tr`: a line, whose cells are joined.
            case row
            /// `td`, `th`.
            case cell
            /// Starts and ends a line.
            case lineBreaking
            case other
        }

        var name: String
        var kind: Kind
        var closing: Bool
        var attributes: Range<Int>
        var end: Int

        init?(_ bytes: [UInt8], at start: Int) {
            var index = start + 1
            closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
            if closing { index += 1 }
            let nameStart = index
            var upper = false
            while index < bytes.count, Self.isNameByte(bytes[index]) {
                upper = upper || (bytes[index] >= 0x41 && bytes[index] <= 0x5A)
                index += 1
            }
            guard index > nameStart else { return nil }
            // Names are ASCII letters and digits: lower-cased as bytes, one string made.
            name = upper ? String(decoding: bytes[nameStart..<index].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
                : String(decoding: bytes[nameStart..<index], as: UTF8.self)
            kind = Self.kind(of: name)
            guard let close = HTMLText.tagEnd(bytes, from: index - 1) else { return nil }
            end = close + 1
            attributes = index..<close
        }

        private static func kind(of name: String) -> Kind {
            switch name {
            case "h1", "h2", "h3", "h4", "h5", "h6": .heading
            case "script", "style", "template", "textarea", "title": .skipped
            case "pre": .pre
            case "tr": .row
            case "td", "th": .cell
            case "p", "li", "ul", "ol", "table", "blockquote", "div", "br", "hr", "dd", "dt", "dl", "section", "details", "summary",
                 "figure", "figcaption": .lineBreaking
            default: .other
            }
        }

        /// The value of a double-quoted `id` attribute.
        func id(in bytes: [UInt8]) -> String? {
            let pattern = SearchSections.idAttribute
            guard attributes.count > pattern.count else { return nil }
            for start in attributes.lowerBound...(attributes.upperBound - pattern.count)
            where bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
                let valueStart = start + pattern.count
                guard let close = bytes[valueStart..<attributes.upperBound].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
                return String(decoding: bytes[valueStart..<close], as: UTF8.self)
            }
            return nil
        }

        private static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
        }
    }
}
