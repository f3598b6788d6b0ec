/// The dashboard's charts, drawn at build time as inline SVG: no script, no inline style
/// (colours come from classes in `debrief.css`, so they follow dark mode and print), a
/// `<title>` and `<desc>` for screen readers, every mark titled with its value, and a data
/// table under each chart for anyone the drawing does not serve.
///
/// The charts are made from plain values (days and severities, durations) rather than the
/// site's index, so their behaviour at one, a handful and ten thousand incidents is tested
/// directly.
enum Charts {
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    // MARK: - Incidents over time

    /// How many bars the incidents chart draws at most: the bucket grows (month, quarter, year,
    /// several years) until the whole history fits.
    static let maxBuckets = 36

    /// The period one bar of the incidents chart covers.
    struct Bucketing: Equatable {
        /// Months per bucket: 1, 3, 12 or a multiple of 12.
        var months: Int

        /// `month`, `quarter`, `year` or `5 years`.
        var name: String {
            switch months {
            case 1: return "month"
            case 3: return "quarter"
            case 12: return "year"
            default: return "\(months / 12) years"
            }
        }

        /// "Incidents per quarter".
        var perName: String {
            months > 12 ? "Incidents per \(months / 12)-year period" : "Incidents per \(name)"
        }

        /// The smallest bucketing that draws `span` months in at most `maxBuckets` bars.
        static func fitting(months span: Int) -> Bucketing {
            for months in [1, 3, 12] where (span + months - 1) / months <= maxBuckets { return Bucketing(months: months) }
            var years = 2
            while (span + 12 * years - 1) / (12 * years) > maxBuckets { years = years < 5 ? 5 : years * 2 }
            return Bucketing(months: 12 * years)
        }

        /// The first month (as year × 12 + month − 1) of the bucket holding `month`.
        func start(of month: Int) -> Int { month - month % self.months }

        /// The bucket starting at `month` as a label: `Mar 2026`, `Q1 2026`, `2026`, `2020–2024`.
        func label(_ month: Int) -> String {
            let year = month / 12, monthOfYear = month % 12
            switch months {
            case 1: return "\(monthNames[monthOfYear]) \(year)"
            case 3: return "Q\(monthOfYear / 3 + 1) \(year)"
            case 12: return "\(year)"
            default: return "\(year)–\(year + months / 12 - 1)"
            }
        }
    }

    /// Incidents per bucket and severity, over the whole history.
    struct IncidentBuckets: Equatable {
        /// How wide each bucket is.
        var bucketing: Bucketing
        /// Each bucket's label, oldest first.
        var labels: [String]
        /// counts[bucket][severity index]; incidents of unknown severity in the last column.
        var counts: [[Int]]

        /// Incidents per bucket.
        var totals: [Int] { counts.map { $0.reduce(0, +) } }
        /// "Q1 2019 to Q4 2026", or the one label.
        var range: String { labels.count == 1 ? labels[0] : "\(labels.first ?? "") to \(labels.last ?? "")" }
    }

    /// Every dated incident, bucketed so that the whole history fits in `maxBuckets` bars.
    static func incidentBuckets(_ incidents: [(date: CalendarDate, severity: String)], severities: [String]) -> IncidentBuckets? {
        let months = incidents.map { $0.date.year * 12 + $0.date.month - 1 }
        guard let first = months.min(), let last = months.max() else { return nil }
        let bucketing = Bucketing.fitting(months: last - first + 1)
        let start = bucketing.start(of: first)
        let count = (bucketing.start(of: last) - start) / bucketing.months + 1
        var counts = [[Int]](repeating: [Int](repeating: 0, count: severities.count + 1), count: count)
        for (incident, month) in zip(incidents, months) {
            let column = severities.firstIndex(of: incident.severity) ?? severities.count
            counts[(month - start) / bucketing.months][column] += 1
        }
        let labels = (0..<count).map { bucketing.label(start + $0 * bucketing.months) }
        return IncidentBuckets(bucketing: bucketing, labels: labels, counts: counts)
    }

    /// The caption of the incidents chart: what each bar counts and which period it shows.
    static func incidentsCaption(_ buckets: IncidentBuckets?) -> String {
        guard let buckets else { return "Incidents over time" }
        return "\(buckets.bucketing.perName), by severity, \(buckets.range)"
    }

    /// Stacked bars of incidents per bucket, one colour per severity (most severe at the
    /// bottom), with a data table.
    static func incidents(_ buckets: IncidentBuckets?, severities: [String]) -> String {
        guard let buckets else { return "<p class=\"empty\">No post-mortem has a date yet.</p>\n" }
        let counts = buckets.counts, totals = buckets.totals
        let top = niceCeiling(totals.max() ?? 0)
        // A narrow drawing, so that the 12-unit text stays legible where the chart is scaled
        // down to a phone's width.
        let width = 480.0, height = 220.0
        let left = 34.0, right = 8.0, topMargin = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - topMargin - bottom
        let slotWidth = plotWidth / Double(counts.count)
        // One bar of a short history stays a bar, not a block across the chart.
        let barWidth = min(slotWidth * 0.62, 36)
        func y(_ value: Double) -> Double { topMargin + plotHeight - value / Double(top) * plotHeight }

        var description: [String] = []
        for (slot, label) in buckets.labels.enumerated() where totals[slot] > 0 {
            description.append("\(label): \(totals[slot]) (\(severityParts(counts[slot], severities: severities)))")
        }
        let title = "\(buckets.bucketing.perName) by severity, \(buckets.range)"
        var svg = """
        <svg class="chart-svg" viewBox="0 0 \(Format.number(width)) \(Format.number(height))" role="img" aria-labelledby="chart-incidents-title chart-incidents-desc">
        <title id="chart-incidents-title">\(escape(title))</title>
        <desc id="chart-incidents-desc">\(escape(description.joined(separator: "; ") + "."))</desc>

        """
        for tick in ticks(top) {
            let ty = Format.number(y(Double(tick)))
            svg += "<line class=\"chart-grid-line\" x1=\"\(Format.number(left))\" y1=\"\(ty)\" x2=\"\(Format.number(width - right))\" y2=\"\(ty)\"/>"
            svg += "<text class=\"chart-label\" x=\"\(Format.number(left - 6))\" y=\"\(Format.number(y(Double(tick)) + 4))\" text-anchor=\"end\">\(tick)</text>\n"
        }
        // At most seven labels under the axis, evenly spaced, always the first and the last
        // bucket's when there is room: labels never crowd into each other.
        let stride = max(1, (counts.count + 6) / 7)
        for (slot, label) in buckets.labels.enumerated() {
            let x = left + Double(slot) * slotWidth + (slotWidth - barWidth) / 2
            var base = 0
            for column in 0...severities.count where counts[slot][column] > 0 {
                let count = counts[slot][column]
                let name = column < severities.count ? severities[column] : "other"
                let level = column < severities.count ? Format.severityLevel(name, in: severities) : "x"
                let y0 = y(Double(base + count)), y1 = y(Double(base))
                svg += "<rect class=\"sev-\(level)\" x=\"\(Format.number(x))\" y=\"\(Format.number(y0))\" width=\"\(Format.number(barWidth))\" height=\"\(Format.number(y1 - y0))\">"
                svg += "<title>\(escape(label)): \(count) \(escape(name))</title></rect>\n"
                base += count
            }
            if slot % stride == 0 {
                svg += "<text class=\"chart-label\" x=\"\(Format.number(left + (Double(slot) + 0.5) * slotWidth))\" y=\"\(Format.number(height - 10))\" text-anchor=\"middle\">\(escape(label))</text>\n"
            }
        }
        svg += "<line class=\"chart-axis\" x1=\"\(Format.number(left))\" y1=\"\(Format.number(y(0)))\" x2=\"\(Format.number(width - right))\" y2=\"\(Format.number(y(0)))\"/>\n"
        svg += "</svg>\n"
        let other = counts.contains { $0[severities.count] > 0 }
        svg += legend(severities: severities, other: other)

        let columns = severities + (other ? ["Other"] : [])
        var rows: [[String]] = []
        for (slot, label) in buckets.labels.enumerated() {
            rows.append([label] + (0..<columns.count).map { String(counts[slot][$0]) } + [String(totals[slot])])
        }
        svg += dataTable(caption: title, header: [buckets.bucketing.name.prefix(1).uppercased() + buckets.bucketing.name.dropFirst()] + columns + ["Total"], rows: rows)
        return svg
    }

    // MARK: - Time to resolve

    /// One row of the time-to-resolve chart.
    struct ResolveRow: Equatable {
        var severity: String
        var level: String
        var median: Double
        var p90: Double
        var count: Int
    }

    /// The median and 90th percentile of time to resolve per severity, for the severities
    /// that have any.
    static func resolveRows(_ durations: [(severity: String, seconds: Double)], severities: [String]) -> [ResolveRow] {
        var bySeverity: [String: [Double]] = [:]
        for item in durations where item.seconds >= 0 { bySeverity[item.severity, default: []].append(item.seconds) }
        return severities.compactMap { severity in
            guard let values = bySeverity[severity]?.sorted(), !values.isEmpty else { return nil }
            return ResolveRow(severity: severity, level: Format.severityLevel(severity, in: severities),
                              median: percentile(values, 0.5), p90: percentile(values, 0.9), count: values.count)
        }
    }

    /// One row per severity: a bar to the median time to resolve and a tick at the 90th
    /// percentile over a duration axis; the figures stand in a column of their own at the
    /// right, apart from every mark; and a data table.
    static func timeToResolve(_ rows: [ResolveRow]) -> String {
        durationsBySeverity(rows, id: "chart-ttr", what: "Time to resolve", noun: "incident",
                            empty: "No post-mortem has both a start and a resolve time yet.")
    }

    /// The chart of `timeToResolve` for any duration per severity: `id` prefixes the ids of its
    /// title and description, `what` names the duration, `noun` what was counted.
    static func durationsBySeverity(_ rows: [ResolveRow], id: String, what: String, noun: String, empty: String) -> String {
        guard !rows.isEmpty else {
            return "<p class=\"empty\">\(escape(empty))</p>\n"
        }
        let axis = durationAxis(rows.map(\.p90).max() ?? 1)
        let width = 480.0, rowHeight = 34.0, left = 56.0, right = 196.0, topMargin = 8.0, bottom = 24.0
        let height = topMargin + rowHeight * Double(rows.count) + bottom
        let plotWidth = width - left - right
        let plotBottom = topMargin + rowHeight * Double(rows.count)
        func x(_ seconds: Double) -> Double { left + seconds / axis.top * plotWidth }

        let description = rows.map { "\($0.severity): median \(Format.duration($0.median)), 90th percentile \(Format.duration($0.p90)), \($0.count) \(noun)\($0.count == 1 ? "" : "s")" }
        var svg = """
        <svg class="chart-svg" viewBox="0 0 \(Format.number(width)) \(Format.number(height))" role="img" aria-labelledby="\(id)-title \(id)-desc">
        <title id="\(id)-title">\(escape(what)) by severity: median and 90th percentile</title>
        <desc id="\(id)-desc">\(escape(description.joined(separator: "; ") + "."))</desc>

        """
        for tick in axis.ticks {
            let tx = Format.number(x(tick))
            svg += "<line class=\"chart-grid-line\" x1=\"\(tx)\" y1=\"\(Format.number(topMargin))\" x2=\"\(tx)\" y2=\"\(Format.number(plotBottom))\"/>"
            svg += "<text class=\"chart-label\" x=\"\(tx)\" y=\"\(Format.number(height - 8))\" text-anchor=\"middle\">\(tick == 0 ? "0" : Format.duration(tick))</text>\n"
        }
        for (row, item) in rows.enumerated() {
            let top = topMargin + Double(row) * rowHeight
            let middle = top + rowHeight / 2
            svg += "<text class=\"chart-label\" x=\"\(Format.number(left - 8))\" y=\"\(Format.number(middle + 4))\" text-anchor=\"end\">\(escape(item.severity))</text>"
            svg += "<rect class=\"sev-\(item.level)\" x=\"\(Format.number(left))\" y=\"\(Format.number(top + 9))\" width=\"\(Format.number(max(1, x(item.median) - left)))\" height=\"\(Format.number(rowHeight - 18))\">"
            svg += "<title>\(escape(item.severity)): median \(Format.duration(item.median))</title></rect>"
            svg += "<line class=\"chart-tick\" x1=\"\(Format.number(x(item.p90)))\" y1=\"\(Format.number(top + 4))\" x2=\"\(Format.number(x(item.p90)))\" y2=\"\(Format.number(top + rowHeight - 4))\">"
            svg += "<title>\(escape(item.severity)): 90th percentile \(Format.duration(item.p90))</title></line>"
            svg += "<text class=\"chart-value\" x=\"\(Format.number(width - right + 12))\" y=\"\(Format.number(middle + 4))\">\(Format.duration(item.median)) · p90 \(Format.duration(item.p90)) · n=\(item.count)</text>\n"
        }
        svg += "<line class=\"chart-axis\" x1=\"\(Format.number(left))\" y1=\"\(Format.number(plotBottom))\" x2=\"\(Format.number(width - right))\" y2=\"\(Format.number(plotBottom))\"/>\n"
        svg += "</svg>\n"
        svg += "<p class=\"chart-note\">Bars show the median; the dark tick marks the 90th percentile.</p>\n"
        svg += dataTable(caption: "\(what) by severity", header: ["Severity", noun.prefix(1).uppercased() + noun.dropFirst() + "s", "Median", "90th percentile"],
                         rows: rows.map { [$0.severity, String($0.count), Format.duration($0.median), Format.duration($0.p90)] })
        return svg
    }

    /// A duration axis from zero past `longest`: a round step (minutes, hours, days) giving
    /// two to five ticks.
    static func durationAxis(_ longest: Double) -> (top: Double, ticks: [Double]) {
        let steps: [Double] = [60, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
                               86400, 2 * 86400, 7 * 86400, 14 * 86400, 30 * 86400, 90 * 86400, 180 * 86400, 365 * 86400]
        let value = max(longest, 1)
        let step = steps.first { value / $0 <= 4 } ?? (value / 4).rounded(.up)
        let count = max(1, Int((value / step).rounded(.up)))
        return (step * Double(count), (0...count).map { Double($0) * step })
    }

    // MARK: - Helpers

    static func legend(severities: [String], other: Bool) -> String {
        var html = "<ul class=\"chart-legend\">"
        for severity in severities {
            html += "<li><span class=\"swatch sev-\(Format.severityLevel(severity, in: severities))\"></span>\(escape(severity))</li>"
        }
        if other { html += "<li><span class=\"swatch sev-x\"></span>Other</li>" }
        return html + "</ul>\n"
    }

    /// The figures of a chart as a table, folded away under the drawing.
    static func dataTable(caption: String, header: [String], rows: [[String]]) -> String {
        var html = "<details class=\"chart-data\"><summary>Data table</summary>\n<div class=\"table-scroll\"><table class=\"data\">"
        html += "<caption class=\"visually-hidden\">\(escape(caption))</caption>\n<thead><tr>"
        for (column, name) in header.enumerated() {
            html += "<th scope=\"col\"\(column > 0 ? " class=\"num\"" : "")>\(escape(name))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for (column, cell) in row.enumerated() {
                html += column == 0 ? "<th scope=\"row\">\(escape(cell))</th>" : "<td class=\"num\">\(escape(cell))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div></details>\n"
    }

    static func severityParts(_ counts: [Int], severities: [String]) -> String {
        var parts: [String] = []
        for (column, count) in counts.enumerated() where count > 0 {
            parts.append("\(count) \(column < severities.count ? severities[column] : "other")")
        }
        return parts.joined(separator: ", ")
    }

    /// The nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    /// A round axis maximum at or above `value`: 1, 2, 5, 10, 20, 50…
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 1 else { return 1 }
        var step = 1
        while true {
            for factor in [1, 2, 5] where step * factor >= value { return step * factor }
            step *= 10
        }
    }

    /// Grid lines: zero, the middle when whole, and the top.
    static func ticks(_ top: Int) -> [Int] {
        top % 2 == 0 ? [0, top / 2, top] : [0, top]
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
