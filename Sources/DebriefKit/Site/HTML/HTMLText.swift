/// Reads plain text back out of the HTML cmark-gfm renders, for excerpts and headings.
/// cmark's HTML is regular (tags never span text it escaped), so a small scanner is enough.
enum HTMLText {
    /// The text of the first paragraph.
    static func firstParagraph(_ html: String) -> String {
        let bytes = Array(html.utf8)
        guard let start = BodyHTML.find(Array("<p>".utf8), in: bytes, from: 0),
              let end = BodyHTML.find(Array("</p>".utf8), in: bytes, from: start + 3) else { return "" }
        return collapse(stripTags(String(decoding: bytes[(start + 3)..<end], as: UTF8.self)))
    }

    /// Text with tags removed and cmark's entities decoded; block boundaries become spaces.
    static func stripTags(_ html: String) -> String {
        var out: [UInt8] = []
        var tagStart: Int?
        let bytes = Array(html.utf8)
        out.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() {
            if let start = tagStart {
                if byte == UInt8(ascii: ">") {
                    var nameStart = start + 1
                    if nameStart < index, bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
                    var nameEnd = nameStart
                    while nameEnd < index, Self.isNameByte(bytes[nameEnd]) { nameEnd += 1 }
                    if blockTags.contains(String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)) { out.append(UInt8(ascii: " ")) }
                    tagStart = nil
                }
            } else if byte == UInt8(ascii: "<") {
                tagStart = index
            } else {
                out.append(byte)
            }
        }
        return decodeEntities(String(decoding: out, as: UTF8.self))
    }

    /// The index of the `>` that closes the tag whose `<` is at `start`, skipping quoted
    /// attribute values (raw HTML, with `unsafe_html`, may hold a `>` inside one); nil when
    /// the tag is not closed.
    static func tagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var quote: UInt8?
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static let blockTags: Set<String> = ["p", "li", "ul", "ol", "td", "th", "tr", "table", "br", "hr", "blockquote",
                                                 "h1", "h2", "h3", "h4", "h5", "h6", "pre", "div", "section"]

    /// Decodes the entities cmark-gfm writes: `&amp;`, `&lt;`, `&gt;`, `&quot;`.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let entities: [([UInt8], UInt8)] = [(Array("&amp;".utf8), UInt8(ascii: "&")), (Array("&lt;".utf8), UInt8(ascii: "<")),
                                            (Array("&gt;".utf8), UInt8(ascii: ">")), (Array("&quot;".utf8), UInt8(ascii: "\"")),
                                            (Array("&#39;".utf8), UInt8(ascii: "'"))]
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        outer: while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&") {
                for (pattern, replacement) in entities where BodyHTML.matches(pattern, in: bytes, at: index) {
                    out.append(replacement)
                    index += pattern.count
                    continue outer
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Runs of white space as one space, trimmed.
    static func collapse(_ text: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(UInt8(ascii: " ")) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
