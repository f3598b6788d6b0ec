/// `debrief audit --late`: the post-mortems past their publishing deadline (or, with `--all`,
/// every post-mortem that has one), in each audit format; and the short "late post-mortems"
/// part the action listing carries.
extension AuditFormatter {
    /// The deadlines `--late` lists: the late ones, or with `all` every one, late first.
    public static func lateListed(_ report: AuditReport, all: Bool) -> [PublishingDeadline] {
        guard all else { return report.latePostmortems }
        let late = report.latePostmortems
        return late + report.deadlines.filter { !$0.isOverdue }
    }

    /// The counts line: what is listed and where every post-mortem with a deadline stands.
    public static func lateSummaryLine(_ report: AuditReport, listed: Int) -> String {
        let count = { (state: PublishingDeadline.State) in report.deadlines.count { $0.state == state } }
        let unknown = count(.finalDayUnknown)
        return "\(Plural.count(listed, "post-mortem")) listed, \(count(.overdue)) late, as of \(report.asOf)"
            + " (\(Plural.count(report.deadlines.count, "post-mortem")) with a deadline: \(count(.pending)) pending, \(count(.onTime)) on time,"
            + " \(count(.publishedLate)) published late\(unknown > 0 ? ", \(unknown) final without an approved day" : ""))"
    }

    /// The report of `--late` in the chosen format.
    public func formatLate(_ report: AuditReport, all: Bool = false) -> String {
        let listed = Self.lateListed(report, all: all)
        switch format {
        case .table, .text: return lateTable(listed) + "\n" + Self.lateSummaryLine(report, listed: listed.count) + "\n"
        case .markdown: return lateMarkdown(listed) + "\n" + Self.lateSummaryLine(report, listed: listed.count) + "\n"
        case .csv: return lateCSV(listed)
        case .github: return Self.lateAnnotations(listed)
        case .json: return JSON.encode(LateJSON(report: report, listed: listed)) + "\n"
        }
    }

    // MARK: - Parts shared with the action listing

    /// Aligned columns of deadlines, one row each, `!` before the late ones; empty for none.
    func lateTable(_ listed: [PublishingDeadline]) -> String {
        guard !listed.isEmpty else { return "" }
        let header = ["ID", "SEVERITY", "STATUS", "STATE", "RESOLVED", "DEADLINE", "DAYS LATE", "TITLE"]
        let show: (String) -> String = TerminalText.escape
        let rows = listed.map { item in
            [show(item.id), show(item.severity), show(item.status), item.state.rawValue, item.resolvedDay.description,
             "\(item.deadline) (\(item.window))", item.daysLate > 0 ? String(item.daysLate) : "",
             Self.lateTruncate(show(item.title), to: Self.tableActionWidth)]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ mark: String, _ cells: [String]) -> String {
            var text = mark + " " + cells.enumerated().map { index, cell in
                let gap = String(repeating: " ", count: widths[index] - cell.count)
                return index == 6 ? gap + cell : cell + gap
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var out = lateColor(line(" ", header), "1") + "\n"
        for (item, row) in zip(listed, rows) {
            out += item.isOverdue ? lateColor(line("!", row), "31") + "\n" : line(" ", row) + "\n"
        }
        return out
    }

    /// A GFM table of deadlines; empty for none.
    func lateMarkdown(_ listed: [PublishingDeadline]) -> String {
        guard !listed.isEmpty else { return "" }
        var out = "| ID | Severity | Status | State | Resolved | Deadline | Days late | Title |\n"
        out += "| --- | --- | --- | --- | --- | --- | ---: | --- |\n"
        for item in listed {
            let cell = { (text: String) in MarkdownEscaping.cell(TerminalText.escape(text)) }
            let days = item.daysLate > 0 ? (item.isOverdue ? "**\(item.daysLate)**" : String(item.daysLate)) : ""
            out += "| " + [cell(item.id), cell(item.severity), cell(item.status), item.state.rawValue, item.resolvedDay.description,
                           "\(item.deadline) (\(item.window))", days, cell(item.title)].joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// A GitHub Actions warning on the status line of each late post-mortem.
    static func lateAnnotations(_ listed: [PublishingDeadline]) -> String {
        var out = ""
        for item in listed where item.isOverdue {
            let message = "\(item.id) (\(item.severity), \(item.status)) is \(Plural.count(item.daysLate, "day")) past its publishing deadline "
                + "\(item.deadline) (\(item.window.words) from resolved \(item.resolvedDay))"
            out += "::warning file=\(GitHubAnnotation.property(item.file)),line=\(item.line)::\(GitHubAnnotation.message(message))\n"
        }
        return out
    }

    private func lateColor(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private static func lateTruncate(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    // MARK: - CSV

    private func lateCSV(_ listed: [PublishingDeadline]) -> String {
        var out = "id,title,severity,status,state,resolved,deadline,publish_within,final,days_late,file,line\n"
        for item in listed {
            let text = [item.id, item.title, item.severity, item.status].map(Self.lateCSVText)
            let fields = text + [item.state.rawValue, item.resolvedDay.description, item.deadline.description, item.window.description,
                                 item.finalDay?.description ?? "", String(item.daysLate), Self.lateCSVText(item.file), String(item.line)]
            out += fields.map(Self.lateCSVField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// As the action CSV: text a spreadsheet would take for a formula gets a leading `'`.
    private static func lateCSVText(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    private static func lateCSVField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

// MARK: - JSON

/// One post-mortem's deadline as the audit's JSON gives it; absent days are `null`.
struct LateJSONItem: Encodable {
    var item: PublishingDeadline

    enum CodingKeys: String, CodingKey {
        case id, title, severity, status, state, resolved, deadline, publishWithin = "publish_within", final, daysLate = "days_late", file, line
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(item.id, forKey: .id)
        try container.encode(item.title, forKey: .title)
        try container.encode(item.severity, forKey: .severity)
        try container.encode(item.status, forKey: .status)
        try container.encode(item.state.rawValue, forKey: .state)
        try container.encode(item.resolvedDay.description, forKey: .resolved)
        try container.encode(item.deadline.description, forKey: .deadline)
        try container.encode(item.window.description, forKey: .publishWithin)
        try container.encode(item.finalDay?.description, forKey: .final)
        try container.encode(item.daysLate, forKey: .daysLate)
        try container.encode(item.file, forKey: .file)
        try container.encode(item.line, forKey: .line)
    }
}

/// The JSON document of `--late`.
private struct LateJSON: Encodable {
    var asOf: String
    var postmortems: [LateJSONItem]
    var summary: [String: Int]

    init(report: AuditReport, listed: [PublishingDeadline]) {
        asOf = report.asOf.description
        postmortems = listed.map(LateJSONItem.init)
        let count = { (state: PublishingDeadline.State) in report.deadlines.count { $0.state == state } }
        summary = ["with_deadline": report.deadlines.count, "pending": count(.pending), "late": count(.overdue), "on_time": count(.onTime),
                   "published_late": count(.publishedLate), "final_day_unknown": count(.finalDayUnknown)]
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", postmortems, summary
    }
}
