import Foundation

/// The body of a post-mortem page as parts (`bodyParts` in `postmortem.mustache`): the author's
/// HTML, with each timeline table or list replaced by the visual timeline of its rows and each
/// actions table or task list by the action tracker of its actions, where the author wrote them.
/// What the rich view has no place for is kept in it: a timeline table's other columns and an
/// actions table's columns the tracker does not show become labelled fields of their row, a
/// list item's nested notes stay in its text, and events keep their inline Markdown because
/// they are the body's own rendered cells and items.
///
/// Made when the page is rendered, from the marked body (`RichBlockMarks`) and the page's
/// record; `bodyHTML` stays the whole body as written, for repository templates that place it
/// themselves.
extension PageModels {
    /// Columns of an actions table the tracker shows.
    static let trackerColumns: Set<String> = ["ID", "Action", "Owner", "Due", "Status", "SOP", "Ticket"]

    /// `bodyHTML` (without marks) and `bodyParts` for the post-mortem at `position`.
    func postmortemBody(_ position: Int, html: String) -> [String: TemplateValue] {
        let parts = RichBlockMarks.split(html)
        var fields: [String: TemplateValue] = ["bodyHTML": .html(RichBlockMarks.plain(parts))]
        let entry = index.postmortems[position]
        let pm = entry.pm

        // Which timeline rows each block shows; a milestone without an entry goes with the row
        // before it (or the first block's rows when it comes first).
        var blockOfEntry: [Int: Int] = [:]
        for (number, part) in parts.enumerated() {
            if case .block(.timeline(_, let rows), _) = part {
                for row in rows { blockOfEntry[row.entry] = number }
            }
        }
        var rowsOfBlock: [Int: [PageModels.TimelineRow]] = [:]
        var pending: [PageModels.TimelineRow] = []
        var current: Int?
        for row in blockOfEntry.isEmpty ? [] : Self.timelineRows(pm) {
            if let entry = row.entry {
                guard let block = blockOfEntry[entry] else { continue }
                current = block
                rowsOfBlock[block, default: []] += pending + [row]
                pending = []
            } else if let current {
                rowsOfBlock[current, default: []].append(row)
            } else {
                pending.append(row)
            }
        }

        let depth = Self.depth(entry.path)
        var actionBlocks = 0
        let list: [TemplateValue] = parts.enumerated().compactMap { number, part in
            var item: [String: TemplateValue] = ["html": .html(""), "isHTML": true, "isTimeline": false, "isActions": false]
            switch part {
            case .html(let text):
                // The template puts each part on lines of its own.
                let trimmed = text.trimmedLineBreaks
                if trimmed.isEmpty { return nil }
                item["html"] = .html(trimmed)
            case .block(.timeline(let element, let marked), let html):
                guard let rows = timelineModels(marked, element: element, html: html, rows: rowsOfBlock[number] ?? []) else {
                    item["html"] = .html(html.trimmedLineBreaks)
                    break
                }
                item["isHTML"] = false
                item["isTimeline"] = true
                item["rows"] = .list(rows)
            case .block(.actions(let element, let table), let html):
                guard let rowsHTML = actionRows(position, table: table, element: element, html: html, depth: depth) else {
                    item["html"] = .html(html.trimmedLineBreaks)
                    break
                }
                actionBlocks += 1
                item["isHTML"] = false
                item["isActions"] = true
                item["isFirstActions"] = .bool(actionBlocks == 1)
                item["actionRowsHTML"] = .html(rowsHTML)
                item["inPostmortem"] = true
                item["actionsTableSuffix"] = .string(actionBlocks == 1 ? "" : " (\(actionBlocks))")
            }
            return .object(item)
        }
        fields["bodyParts"] = .list(list)
        return fields
    }

    // MARK: - Timeline

    /// The models of a timeline block's rows (with the milestones that fall among them), the
    /// event and other fields taken from the block's rendered cells or items; nil when the
    /// rendered block does not have the rows its mark names.
    private func timelineModels(_ marked: [RichBlocks.Row], element: RichBlocks.Element, html: String,
                                rows: [PageModels.TimelineRow]) -> [TemplateValue]? {
        var content: [Int: (event: String, extras: [TemplateValue])] = [:]
        switch element {
        case .table:
            let (header, bodyRows) = RenderedBlock.table(html)
            for row in marked {
                guard row.position < bodyRows.count else { return nil }
                let cells = bodyRows[row.position]
                let shown = cells.indices.filter { !row.hiddenCells.contains($0) }
                var event = ""
                var extras: [TemplateValue] = []
                for (order, cell) in shown.enumerated() {
                    let text = cells[cell].trimmed
                    if order == 0 {
                        event = text
                    } else if !text.isEmpty {
                        let label = cell < header.count ? header[cell].trimmed : ""
                        extras.append(.object(["label": .html(label), "html": .html(text)]))
                    }
                }
                content[row.entry] = (event, extras)
            }
        case .list:
            let items = RenderedBlock.items(html)
            for row in marked {
                guard row.position < items.count else { return nil }
                content[row.entry] = (RenderedBlock.droppingText(row.timePrefix, of: items[row.position]).trimmed, [])
            }
        }
        return rows.map { row in
            var fields = row.fields
            let own = row.entry.flatMap { content[$0] }
            fields["eventHTML"] = .html(own?.event ?? "")
            fields["hasEvent"] = .bool(!(own?.event ?? "").isEmpty)
            fields["extras"] = .list(own?.extras ?? [])
            fields["hasExtras"] = .bool(!(own?.extras ?? []).isEmpty)
            return .object(fields)
        }
    }

    // MARK: - Actions

    /// The tracker rows of one actions table, each followed by a row of the columns the tracker
    /// does not show; nil when the rendered table does not have a row per action.
    private func actionRows(_ position: Int, table: Int, element: RichBlocks.Element, html: String, depth: Int) -> String? {
        let pm = index.postmortems[position].pm
        guard pm.actionTables.indices.contains(table) else { return nil }
        let actions = pm.actionTables[table]
        let mine = index.actionsByPostmortem[position]
        let byKey = Dictionary(mine.map { (index.actions[$0].action.key, $0) }, uniquingKeysWith: { first, _ in first })
        var extraRows: [[(label: String, html: String)]] = Array(repeating: [], count: actions.actions.count)
        if element == .table {
            let (header, rendered) = RenderedBlock.table(html)
            let rows = rendered.filter { row in !row.allSatisfy { HTMLText.stripTags($0).trimmed.isEmpty } }
            guard rows.count == actions.actions.count else { return nil }
            var shown: Set<Int> = []
            var seen: Set<String> = []
            for (column, name) in actions.columns.enumerated() {
                if let name, Self.trackerColumns.contains(name), seen.insert(name).inserted { shown.insert(column) }
            }
            for (number, row) in rows.enumerated() {
                for (column, cell) in row.enumerated() where !shown.contains(column) && !cell.trimmed.isEmpty {
                    extraRows[number].append((column < header.count ? header[column].trimmed : "", cell.trimmed))
                }
            }
        }
        var out = ""
        for (number, action) in actions.actions.enumerated() {
            guard let found = byKey[action.key] else { return nil }
            out += trackerRow(found).html(depth: depth) + "\n"
            let extras = extraRows[number]
            if !extras.isEmpty {
                let fields = extras.map { "<span class=\"tl-field\"><span class=\"tl-label\">\($0.label)</span> \($0.html)</span>" }
                out += "<tr class=\"action-more\"><td colspan=\"6\">" + fields.joined(separator: " ") + "</td></tr>\n"
            }
        }
        return out
    }
}
