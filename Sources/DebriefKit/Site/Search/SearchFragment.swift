import Foundation

/// `search/d/N.js`: what the search page shows of document N: title, metadata, open actions
/// (for `is:overdue` and `is:open`), and the text of each section, from which it takes a snippet
/// around the words found and links to the section's anchor. The JSON is stored deflated and
/// base64-encoded (`debriefSearch.doc(N,"…")`): a third of its size, in a file that is still a
/// script a page can load from `file://`.
enum SearchFragment {
    /// Most text kept per document, in UTF-8 bytes. The index counts every word; beyond this,
    /// a snippet falls back to the section's first line.
    static let textLimit = 64 * 1024

    /// Everything but the text: what the file's key hashes along with the body's.
    static func header(_ document: SearchCorpus.Document) -> [(String, JSONText.Value)] {
        [
            ("k", .string(document.kind)),
            ("i", .string(document.id)),
            ("t", .string(document.title)),
            ("u", .string(document.url)),
            ("d", .string(document.date)),
            ("s", .string(document.severity)),
            ("l", .string(document.level)),
            ("st", .string(document.status)),
            ("sv", .array(document.services.map { .string($0) })),
            ("tg", .array(document.tags.map { .string($0) })),
            ("a", .array(document.actions.filter(\.isOpen).map { action in
                .array([.string(action.key), .string(action.text), .string(action.owner), .string(action.due),
                        .string(action.status), .number(Double(action.overdue))])
            })),
        ]
    }

    /// The file's text.
    static func script(_ document: SearchCorpus.Document, sections: [SearchSection]) -> String {
        var budget = textLimit
        var kept: [JSONText.Value] = []
        let total = sections.reduce(0) { $0 + $1.text.utf8.count }
        for section in sections {
            var text = section.text
            if text.utf8.count > budget {
                text = clip(text, to: budget)
            }
            budget -= text.utf8.count
            kept.append(.array([.string(section.anchor), .string(section.heading), .number(Double(section.level)), .string(text)]))
            if budget <= 0 { break }
        }
        // `c`: the text was cut, so a phrase cannot be checked against it.
        let cut: [(String, JSONText.Value)] = total > textLimit ? [("c", .number(1))] : []
        let json = JSONText.render(.object(header(document) + cut + [("x", .array(kept))]), indent: nil)
        let packed = Data(Deflate.compress(Array(json.utf8))).base64EncodedString()
        return "debriefSearch.doc(\(document.number),\"\(packed)\");\n"
    }

    /// The longest prefix of whole lines within `limit` bytes (else of whole characters).
    private static func clip(_ text: String, to limit: Int) -> String {
        guard limit > 0 else { return "" }
        var bytes = Array(text.utf8.prefix(limit))
        if let line = bytes.lastIndex(of: 0x0A) {
            bytes.removeSubrange(line...)
        } else {
            while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
            if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
