/// The public text of a document: its Markdown with the internal lines left out and each
/// actions table rewritten with only the columns `debrief.yml`'s `public:` shows, before
/// anything is parsed for the site. Working on the source keeps the rule simple to trust: the
/// public site is built from a text in which internal words do not exist, so no later stage
/// (headings, search, excerpts, timeline, tracker, JSON) can show them.
public enum PublicText {
    /// `text` (the whole file, front matter included) with `plan` applied to its body.
    /// `actions` are the document's actions tables, as the full text was read; `publishedSOP`
    /// says whether an SOP id has a public page. The plan's lines are counted in the body as
    /// cmark counted them, so the body is cut on its own and the front matter put back as it was.
    public static func apply(_ plan: PublicPlan, to text: String, actions: [ActionTable],
                             options: PublicOptions, publishedSOP: (String) -> Bool) -> String {
        let body = FrontMatter.split(text).body
        let head = String(decoding: text.utf8.dropLast(body.utf8.count), as: UTF8.self)
        var lines = split(body)
        var removed = Set<Int>()
        var cuts = plan.cuts
        if options.actions == .none { cuts += plan.actionSections }
        for range in cuts {
            for line in range { removed.insert(line) }
        }
        var replacements: [Int: String] = [:]
        if options.actions != .none {
            for block in plan.actionBlocks where actions.indices.contains(block.table) {
                let first = block.lines.lowerBound
                guard !removed.contains(first) else { continue }
                for line in block.lines { removed.insert(line) }
                replacements[first] = "\n" + table(actions[block.table].actions, options: options, publishedSOP: publishedSOP) + "\n"
            }
        }
        for index in lines.indices {
            let number = index + 1
            if let replacement = replacements[number] {
                lines[index].content = replacement
            } else if removed.contains(number) {
                lines[index].content = ""
            }
        }
        return head + lines.map { $0.content + $0.ending }.joined()
    }

    /// The actions as a GFM table of the columns the public site shows: ID and Action always,
    /// Owner with `owners`, Due and Ticket with `actions: full`, Status, and SOP with `sops`
    /// (public SOPs only). Cells are plain text, escaped, so nothing in them links anywhere.
    static func table(_ actions: [PreventiveAction], options: PublicOptions, publishedSOP: (String) -> Bool) -> String {
        let full = options.actions == .full
        var columns: [(String, (PreventiveAction) -> String)] = [("ID", \.id), ("Action", \.action)]
        if options.owners { columns.append(("Owner", \.owner)) }
        if full { columns.append(("Due", \.dueText)) }
        columns.append(("Status", \.statusText))
        if options.sops {
            var cells: [String: String] = [:]
            for action in actions {
                cells[action.key] = action.sopIDs.filter(publishedSOP).joined(separator: ", ")
            }
            columns.append(("SOP", { cells[$0.key] ?? "" }))
        }
        if full {
            columns.append(("Ticket", { $0.ticket ?? "" }))
            columns.append(("Type", { $0.type ?? "" }))
        }
        var out = "| " + columns.map(\.0).joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: columns.count) + "\n"
        for action in actions {
            out += "| " + columns.map { MarkdownEscaping.cell($0.1(action)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Lines as cmark counts them (`\n`, `\r\n` or a lone `\r` ends one), each with its ending.
    private static func split(_ text: String) -> [(content: String, ending: String)] {
        var lines: [(content: String, ending: String)] = []
        let bytes = Array(text.utf8)
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                let crlf = byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
                let end = index + (crlf ? 2 : 1)
                lines.append((String(decoding: bytes[start..<index], as: UTF8.self), String(decoding: bytes[index..<end], as: UTF8.self)))
                start = end
                index = end
                continue
            }
            index += 1
        }
        if start < bytes.count { lines.append((String(decoding: bytes[start...], as: UTF8.self), "")) }
        return lines
    }
}
