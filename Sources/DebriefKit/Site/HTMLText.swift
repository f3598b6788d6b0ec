import Foundation

/// Reads plain text back out of the HTML cmark-gfm renders: heading anchors and text for the
/// table of contents, paragraphs for excerpts and the search index. cmark's HTML is regular
/// (tags never span text it escaped), so a small scanner is enough.
enum HTMLText {
    /// Headings `<hN id="…">…</hN>` with their level, text and anchor, in order.
    static func headings(in html: String) -> [SiteDocument.Heading] {
        var result: [SiteDocument.Heading] = []
        let bytes = Array(html.utf8)
        var index = 0
        while index + 9 < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "h"),
                  (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index + 2]),
                  bytes[index + 3] == UInt8(ascii: " ") else {
                index += 1
                continue
            }
            let level = Int(bytes[index + 2] - UInt8(ascii: "0"))
            let idPrefix = Array(" id=\"".utf8)
            guard Array(bytes[(index + 3)..<min(bytes.count, index + 3 + idPrefix.count)]) == idPrefix else {
                index += 1
                continue
            }
            let anchorStart = index + 3 + idPrefix.count
            guard let anchorEnd = bytes[anchorStart...].firstIndex(of: UInt8(ascii: "\"")),
                  let tagEnd = bytes[anchorEnd...].firstIndex(of: UInt8(ascii: ">")) else { break }
            let closing = Array("</h\(level)>".utf8)
            var end = tagEnd + 1
            while end + closing.count <= bytes.count, Array(bytes[end..<end + closing.count]) != closing { end += 1 }
            let anchor = String(decoding: bytes[anchorStart..<anchorEnd], as: UTF8.self)
            let inner = String(decoding: bytes[(tagEnd + 1)..<min(end, bytes.count)], as: UTF8.self)
            result.append(SiteDocument.Heading(level: level, text: collapse(stripTags(inner)), anchor: anchor))
            index = end
        }
        return result
    }

    /// The text of the first paragraph.
    static func firstParagraph(_ html: String) -> String {
        guard let start = html.range(of: "<p>"), let end = html.range(of: "</p>", range: start.upperBound..<html.endIndex) else { return "" }
        return collapse(stripTags(String(html[start.upperBound..<end.lowerBound])))
    }

    /// All text outside code blocks, white space collapsed.
    static func plainText(_ html: String) -> String {
        var text = ""
        var rest = Substring(html)
        while let pre = rest.range(of: "<pre") {
            text += rest[..<pre.lowerBound]
            text += " "
            guard let close = rest.range(of: "</pre>", range: pre.upperBound..<rest.endIndex) else {
                rest = ""
                break
            }
            rest = rest[close.upperBound...]
        }
        text += rest
        return collapse(stripTags(text))
    }

    /// Text with tags removed and cmark's entities decoded; block boundaries become spaces.
    static func stripTags(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var tag: String?
        for character in html {
            if var current = tag {
                if character == ">" {
                    let name = current.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                    if blockTags.contains(String(name)) { out.append(" ") }
                    tag = nil
                } else {
                    current.append(character)
                    tag = current
                }
            } else if character == "<" {
                tag = ""
            } else {
                out.append(character)
            }
        }
        return decodeEntities(out)
    }

    private static let blockTags: Set<String> = ["p", "li", "ul", "ol", "td", "th", "tr", "table", "br", "hr", "blockquote",
                                                 "h1", "h2", "h3", "h4", "h5", "h6", "pre", "div", "section"]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Runs of white space as one space, trimmed.
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
