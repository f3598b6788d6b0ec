/// cmark-gfm's HTML of a document body made ready for a page, as `docs/templates.md`
/// (section bodyHTML) describes: the leading H1 dropped (the page prints the title), heading
/// ids that clash with the templates' own ids prefixed with `section-`, a `#` link on every
/// heading, tables wrapped so they scroll on a phone and from the keyboard, and task-list
/// checkboxes given an accessible name.
struct BodyHTML {
    /// The finished HTML.
    let html: String
    /// Every heading with an id, in order.
    let headings: [SiteDocument.Heading]
    /// The level-2 sections: each heading with the HTML up to the next level-2 heading.
    let sections: [(heading: SiteDocument.Heading, html: String)]

    init(cmark: String, dropLeadingH1: Bool) {
        var html = cmark
        if dropLeadingH1, html.hasPrefix("<h1"), let end = html.range(of: "</h1>\n") {
            html = String(html[end.upperBound...])
        }
        html = Self.renameReservedIDs(html)
        let headings = HTMLText.headings(in: html)
        self.headings = headings
        self.sections = Self.sections(of: html, headings: headings)
        html = Self.addAnchorLinks(html, headings: headings)
        if html.contains("<table>") {
            html = html.replacingOccurrences(of: "<table>", with: "<div class=\"table-scroll\" role=\"region\" aria-label=\"Table\" tabindex=\"0\"><table>")
                .replacingOccurrences(of: "</table>", with: "</table></div>")
        }
        if html.contains("<input type=\"checkbox\"") {
            html = html.replacingOccurrences(of: "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                                             with: "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Completed task\" />")
                .replacingOccurrences(of: "<input type=\"checkbox\" disabled=\"\" />",
                                      with: "<input type=\"checkbox\" disabled=\"\" aria-label=\"Task\" />")
        }
        self.html = html
    }

    /// Ids the templates use themselves.
    static let reservedIDs: Set<String> = ["main", "site-search-q", "search-form", "search-q", "search-status", "search-results",
                                           "action-filters", "action-filter-status", "filter-status", "filter-owner", "filter-service"]
    static let reservedPrefixes = ["debrief-", "dash-", "list-", "year-"]

    static func isReserved(_ id: String) -> Bool {
        reservedIDs.contains(id) || reservedPrefixes.contains { id.hasPrefix($0) }
    }

    private static func renameReservedIDs(_ html: String) -> String {
        guard html.contains("<h") else { return html }
        var result = html
        for heading in HTMLText.headings(in: html) where isReserved(heading.anchor) {
            let tag = "<h\(heading.level) id=\"\(heading.anchor)\">"
            if let range = result.range(of: tag) {
                result.replaceSubrange(range, with: "<h\(heading.level) id=\"section-\(heading.anchor)\">")
            }
        }
        return result
    }

    private static func addAnchorLinks(_ html: String, headings: [SiteDocument.Heading]) -> String {
        guard !headings.isEmpty else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count + headings.count * 80)
        var rest = Substring(html)
        for heading in headings {
            let open = "<h\(heading.level) id=\"\(heading.anchor)\">"
            let close = "</h\(heading.level)>"
            guard let start = rest.range(of: open), let end = rest.range(of: close, range: start.upperBound..<rest.endIndex) else { continue }
            result += rest[..<end.lowerBound]
            result += "<a class=\"anchor\" href=\"#\(heading.anchor)\" aria-label=\"Link to this section\">#</a>"
            result += close
            rest = rest[end.upperBound...]
        }
        result += rest
        return result
    }

    private static func sections(of html: String, headings: [SiteDocument.Heading]) -> [(heading: SiteDocument.Heading, html: String)] {
        var result: [(SiteDocument.Heading, String)] = []
        let level2 = headings.filter { $0.level == 2 }
        for (position, heading) in level2.enumerated() {
            guard let start = html.range(of: "<h2 id=\"\(heading.anchor)\">") else { continue }
            var end = html.endIndex
            if position + 1 < level2.count, let next = html.range(of: "<h2 id=\"\(level2[position + 1].anchor)\">", range: start.upperBound..<html.endIndex) {
                end = next.lowerBound
            }
            result.append((heading, String(html[start.upperBound..<end])))
        }
        return result
    }
}
