/// cmark-gfm's HTML of a document body made ready for a page, as `docs/templates.md`
/// (section bodyHTML) describes: the leading H1 dropped (the page prints the title), heading
/// ids that clash with the templates' own ids prefixed with `section-`, a `#` link on every
/// heading, tables wrapped so they scroll on a phone and from the keyboard (each region named
/// after the heading above it, `Table: Timeline`, so landmarks stay distinct), and task-list
/// checkboxes given an accessible name. One pass over the bytes: this runs for every document.
struct BodyHTML {
    /// The finished HTML.
    let html: String
    /// Every heading with an id, in order.
    let headings: [SiteDocument.Heading]
    /// For each of `headings`, where its tag starts and where its content (after `</hN>`)
    /// starts in `html`, in UTF-8 bytes.
    private let headingOffsets: [(tagStart: Int, contentStart: Int)]

    init(cmark: String, dropLeadingH1: Bool) {
        var input = Array(cmark.utf8)
        if dropLeadingH1, input.starts(with: Self.h1Open), let end = Self.find(Self.h1CloseLine, in: input, from: 0) {
            input.removeSubrange(0..<(end + Self.h1CloseLine.count))
        }
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 8)
        var headings: [SiteDocument.Heading] = []
        var offsets: [(tagStart: Int, contentStart: Int)] = []
        var openHeading: (level: UInt8, anchor: [UInt8], textStart: Int, tagStart: Int)?
        var tableNames: [String: Int] = [:]
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            guard byte == UInt8(ascii: "<"), index + 1 < count else {
                out.append(byte)
                index += 1
                continue
            }
            // <hN id="anchor">
            if input[index + 1] == UInt8(ascii: "h"), index + 8 < count, Self.isLevel(input[index + 2]),
               input[index + 3] == UInt8(ascii: " "), Self.matches(Self.idAttribute, in: input, at: index + 3),
               let quote = input[(index + 3 + Self.idAttribute.count)...].firstIndex(of: UInt8(ascii: "\"")),
               quote + 1 < count, input[quote + 1] == UInt8(ascii: ">") {
                var anchor = Array(input[(index + 3 + Self.idAttribute.count)..<quote])
                if Self.isReserved(anchor) { anchor = Array("section-".utf8) + anchor }
                let tagStart = out.count
                out.append(contentsOf: input[index..<(index + 3)])
                out.append(contentsOf: Self.idAttribute)
                out.append(contentsOf: anchor)
                out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ">")])
                openHeading = (input[index + 2], anchor, out.count, tagStart)
                index = quote + 2
                continue
            }
            // </hN>
            if let heading = openHeading, input[index + 1] == UInt8(ascii: "/"), index + 4 < count,
               input[index + 2] == UInt8(ascii: "h"), input[index + 3] == heading.level, input[index + 4] == UInt8(ascii: ">") {
                let inner = String(decoding: out[heading.textStart...], as: UTF8.self)
                let anchorText = String(decoding: heading.anchor, as: UTF8.self)
                let entry = SiteDocument.Heading(level: Int(heading.level - UInt8(ascii: "0")), text: HTMLText.collapse(HTMLText.stripTags(inner)),
                                                 anchor: anchorText)
                headings.append(entry)
                out.append(contentsOf: Self.anchorOpen)
                out.append(contentsOf: heading.anchor)
                out.append(contentsOf: Self.anchorClose)
                out.append(contentsOf: input[index..<(index + 5)])
                offsets.append((heading.tagStart, out.count))
                openHeading = nil
                index += 5
                continue
            }
            if Self.matches(Self.tableOpen, in: input, at: index) {
                var name = headings.last.map { "Table: " + $0.text } ?? "Table"
                let seen = tableNames[name, default: 0] + 1
                tableNames[name] = seen
                if seen > 1 { name += " (\(seen))" }
                out.append(contentsOf: Self.tableWrapOpen)
                out.append(contentsOf: Array(HTMLEscaping.escape(name).utf8))
                out.append(contentsOf: Self.tableWrapOpenEnd)
                index += Self.tableOpen.count
                continue
            }
            if Self.matches(Self.tableClose, in: input, at: index) {
                out.append(contentsOf: Self.tableWrapClose)
                index += Self.tableClose.count
                continue
            }
            if Self.matches(Self.checkedBox, in: input, at: index) {
                out.append(contentsOf: Self.checkedBoxLabelled)
                index += Self.checkedBox.count
                continue
            }
            if Self.matches(Self.openBox, in: input, at: index) {
                out.append(contentsOf: Self.openBoxLabelled)
                index += Self.openBox.count
                continue
            }
            out.append(byte)
            index += 1
        }
        self.headings = headings
        self.headingOffsets = offsets
        self.html = String(decoding: out, as: UTF8.self)
    }

    /// The HTML under `headings[index]`, up to the first later heading for which `ends` is
    /// true (or the end of the body).
    func html(under index: Int, endingAt ends: (SiteDocument.Heading) -> Bool) -> String {
        guard headings.indices.contains(index) else { return "" }
        let bytes = html.utf8
        let start = headingOffsets[index].contentStart
        var end = bytes.count
        for next in (index + 1)..<headings.count where ends(headings[next]) {
            end = headingOffsets[next].tagStart
            break
        }
        return String(decoding: bytes[bytes.index(bytes.startIndex, offsetBy: start)..<bytes.index(bytes.startIndex, offsetBy: end)], as: UTF8.self)
    }

    // MARK: - Reserved ids

    /// Ids the templates use themselves.
    static let reservedIDs: Set<String> = ["main", "site-search-q", "search-form", "search-q", "search-status", "search-results",
                                           "action-filters", "action-filter-status", "filter-status", "filter-owner", "filter-service"]
    static let reservedPrefixes = ["debrief-", "dash-", "list-", "year-"]

    static func isReserved(_ id: String) -> Bool {
        reservedIDs.contains(id) || reservedPrefixes.contains { id.hasPrefix($0) }
    }

    private static func isReserved(_ id: [UInt8]) -> Bool {
        isReserved(String(decoding: id, as: UTF8.self))
    }

    // MARK: - Byte patterns

    private static let h1Open = Array("<h1".utf8)
    private static let h1CloseLine = Array("</h1>\n".utf8)
    private static let idAttribute = Array(" id=\"".utf8)
    private static let anchorOpen = Array("<a class=\"anchor\" href=\"#".utf8)
    private static let anchorClose = Array("\" aria-label=\"Link to this section\">#</a>".utf8)
    private static let tableOpen = Array("<table>".utf8)
    private static let tableClose = Array("</table>".utf8)
    private static let tableWrapOpen = Array("<div class=\"table-scroll\" role=\"region\" aria-label=\"".utf8)
    private static let tableWrapOpenEnd = Array("\" tabindex=\"0\"><table>".utf8)
    private static let tableWrapClose = Array("</table></div>".utf8)
    private static let checkedBox = Array("<input type=\"checkbox\" checked=\"\" disabled=\"\" />".utf8)
    private static let checkedBoxLabelled = Array("<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Completed task\" />".utf8)
    private static let openBox = Array("<input type=\"checkbox\" disabled=\"\" />".utf8)
    private static let openBoxLabelled = Array("<input type=\"checkbox\" disabled=\"\" aria-label=\"Task\" />".utf8)

    private static func isLevel(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "1") && byte <= UInt8(ascii: "6")
    }

    static func matches(_ pattern: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == first, matches(pattern, in: bytes, at: index) { return index }
            index += 1
        }
        return nil
    }
}
