/// Links to documents a site leaves out: cmark renders them with a placeholder destination
/// (`DocumentBody` rewrites them so), and `strip` then keeps only their text. cmark never nests
/// a link in a link, so each placeholder `<a …>` ends at the next `</a>`.
enum UnpublishedLinks {
    /// The destination an unpublished link is given while rendering.
    static let destination = "debrief-unpublished:"

    private static let open = "<a href=\"" + destination + "\""

    /// `html` with every placeholder link replaced by its content.
    static func strip(_ html: String) -> String {
        guard html.contains(open) else { return html }
        var out = ""
        var rest = html[...]
        while let start = rest.range(of: open) {
            out += rest[..<start.lowerBound]
            guard let tagEnd = rest[start.upperBound...].firstIndex(of: ">") else {
                rest = rest[rest.endIndex...]
                break
            }
            let afterTag = rest.index(after: tagEnd)
            if let close = rest[afterTag...].range(of: "</a>") {
                out += rest[afterTag..<close.lowerBound]
                rest = rest[close.upperBound...]
            } else {
                rest = rest[afterTag...]
            }
        }
        out += rest
        return out
    }
}
