/// GitHub-style heading anchors: `## Root Cause` becomes `<h2 id="root-cause">`, repeated
/// headings get `-1`, `-2`, … so that links written for GitHub keep working on the site.
public enum HeadingAnchors {
    /// The GitHub slug of a heading's text: lower case, punctuation dropped, spaces to `-`.
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                out += "-"
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Slugs for headings in document order, made unique the way GitHub does.
    public static func uniqueSlugs(_ texts: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return texts.map { text in
            let base = slug(text)
            if let count = seen[base] {
                seen[base] = count + 1
                return "\(base)-\(count + 1)"
            }
            seen[base] = 0
            return base
        }
    }

    /// Adds `id` attributes to the `<h1>`…`<h6>` tags of cmark's HTML, in order. Leaves the HTML
    /// as it is when the tags and headings do not pair up (raw HTML headings with `unsafe`).
    static func apply(to html: String, headings: [String]) -> String {
        guard !headings.isEmpty else { return html }
        let slugs = uniqueSlugs(headings)
        let bytes = Array(html.utf8)
        var positions: [Int] = []
        var index = 0
        while index + 4 <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "h"),
               (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index + 2]), bytes[index + 3] == UInt8(ascii: ">") {
                positions.append(index + 3)
            }
            index += 1
        }
        guard positions.count == slugs.count else { return html }
        // One pass that copies and inserts: inserting into the array at each position instead
        // moved the rest of the page once per heading.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + slugs.count * 16)
        var copied = 0
        for (position, slug) in zip(positions, slugs) where !slug.isEmpty {
            out.append(contentsOf: bytes[copied..<position])
            out.append(contentsOf: " id=\"\(slug)\"".utf8)
            copied = position
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
