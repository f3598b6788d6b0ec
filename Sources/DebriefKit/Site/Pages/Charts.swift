/// The dashboard's charts, drawn at build time as inline SVG: no script, no inline style
/// (colours come from classes in `debrief.css`, so they follow dark mode and print), a
/// `<title>` and `<desc>` for screen readers, and every mark titled with its value.
enum Charts {
    /// How many months the incidents chart shows, ending with the month of the newest incident.
    static let months = 12

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    // MARK: - Incidents per month

    /// Stacked bars: incidents per month, one colour per severity (most severe at the bottom).
    static func incidentsByMonth(_ index: SiteIndex) -> String {
        let severities = index.config.severities
        let dated = index.postmortems.compactMap(\.pm.date)
        guard let newest = dated.max() else { return "" }
        // The last `months` months up to the newest incident.
        var monthList: [(year: Int, month: Int)] = []
        var year = newest.year, month = newest.month
        for _ in 0..<months {
            monthList.insert((year, month), at: 0)
            month -= 1
            if month == 0 {
                month = 12
                year -= 1
            }
        }
        var position: [Int: Int] = [:]
        for (offset, item) in monthList.enumerated() { position[item.year * 12 + item.month] = offset }
        // counts[month][severity index]; unknown severities in the last column.
        var counts = [[Int]](repeating: [Int](repeating: 0, count: severities.count + 1), count: months)
        for entry in index.postmortems {
            guard let date = entry.pm.date, let slot = position[date.year * 12 + date.month] else { continue }
            let column = severities.firstIndex(of: entry.pm.severity) ?? severities.count
            counts[slot][column] += 1
        }
        let totals = counts.map { $0.reduce(0, +) }
        let top = niceCeiling(totals.max() ?? 0)

        // A narrow drawing, so that the 12-unit text stays legible where the chart is scaled
        // down to a phone's width.
        let width = 480.0, height = 220.0
        let left = 30.0, right = 6.0, topMargin = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - topMargin - bottom
        let slotWidth = plotWidth / Double(months)
        let barWidth = slotWidth * 0.62
        func y(_ value: Double) -> Double { topMargin + plotHeight - value / Double(top) * plotHeight }

        let first = monthList[0], last = monthList[months - 1]
        let range = "\(monthNames[first.month - 1]) \(first.year) to \(monthNames[last.month - 1]) \(last.year)"
        var description: [String] = []
        for (slot, item) in monthList.enumerated() where totals[slot] > 0 {
            let parts = severityParts(counts[slot], severities: severities)
            description.append("\(monthNames[item.month - 1]) \(item.year): \(totals[slot]) (\(parts))")
        }
        var svg = """
        <svg class="chart-svg" viewBox="0 0 \(Format.number(width)) \(Format.number(height))" role="img" aria-labelledby="chart-months-title chart-months-desc">
        <title id="chart-months-title">Incidents per month by severity, \(escape(range))</title>
        <desc id="chart-months-desc">\(escape(description.isEmpty ? "No incidents in these months." : description.joined(separator: "; ") + "."))</desc>

        """
        for tick in ticks(top) {
            let ty = Format.number(y(Double(tick)))
            svg += "<line class=\"chart-grid-line\" x1=\"\(Format.number(left))\" y1=\"\(ty)\" x2=\"\(Format.number(width - right))\" y2=\"\(ty)\"/>"
            svg += "<text class=\"chart-label\" x=\"\(Format.number(left - 6))\" y=\"\(Format.number(y(Double(tick)) + 4))\" text-anchor=\"end\">\(tick)</text>\n"
        }
        for (slot, item) in monthList.enumerated() {
            let x = left + Double(slot) * slotWidth + (slotWidth - barWidth) / 2
            var base = 0
            for column in 0...severities.count where counts[slot][column] > 0 {
                let count = counts[slot][column]
                let name = column < severities.count ? severities[column] : "other"
                let level = column < severities.count ? Format.severityLevel(name, in: severities) : "x"
                let y0 = y(Double(base + count)), y1 = y(Double(base))
                svg += "<rect class=\"sev-\(level)\" x=\"\(Format.number(x))\" y=\"\(Format.number(y0))\" width=\"\(Format.number(barWidth))\" height=\"\(Format.number(y1 - y0))\">"
                svg += "<title>\(monthNames[item.month - 1]) \(item.year): \(count) \(escape(name))</title></rect>\n"
                base += count
            }
            // Every other month is named, with the year under January (and under the first
            // month, unless January follows); the month after January stays blank for room.
            let name = monthNames[item.month - 1], year = String(item.year).suffix(2)
            let label: String
            if item.month == 1 || (slot == 0 && item.month != 12) {
                label = "\(name) \(year)"
            } else {
                label = slot % 2 == 0 && item.month != 2 ? name : ""
            }
            if !label.isEmpty {
                svg += "<text class=\"chart-label\" x=\"\(Format.number(left + (Double(slot) + 0.5) * slotWidth))\" y=\"\(Format.number(height - 10))\" text-anchor=\"middle\">\(label)</text>\n"
            }
        }
        svg += "<line class=\"chart-axis\" x1=\"\(Format.number(left))\" y1=\"\(Format.number(y(0)))\" x2=\"\(Format.number(width - right))\" y2=\"\(Format.number(y(0)))\"/>\n"
        svg += "</svg>\n"
        svg += legend(severities: severities, other: counts.contains { $0[severities.count] > 0 })
        return svg
    }

    // MARK: - Time to resolve

    /// One row per severity: a bar to the median time to resolve, a tick at the 90th
    /// percentile, and the number of incidents it is based on.
    static func timeToResolve(_ index: SiteIndex) -> String {
        let severities = index.config.severities
        var rows: [(name: String, level: String, median: Double, p90: Double, count: Int)] = []
        for severity in severities {
            let values = index.postmortems.filter { $0.pm.severity == severity }.compactMap(\.pm.metrics.timeToResolve).filter { $0 >= 0 }.sorted()
            guard !values.isEmpty else { continue }
            rows.append((severity, Format.severityLevel(severity, in: severities), percentile(values, 0.5), percentile(values, 0.9), values.count))
        }
        guard !rows.isEmpty else {
            return "<p class=\"empty\">No post-mortem has both a start and a resolve time yet.</p>\n"
        }
        let longest = max(1, rows.map(\.p90).max() ?? 1)
        let width = 480.0, rowHeight = 34.0, left = 56.0, right = 130.0, topMargin = 8.0
        let height = topMargin * 2 + rowHeight * Double(rows.count)
        let plotWidth = width - left - right
        func x(_ seconds: Double) -> Double { left + seconds / longest * plotWidth }

        let description = rows.map { "\($0.name): median \(Format.duration($0.median)), 90th percentile \(Format.duration($0.p90)), \($0.count) incident\($0.count == 1 ? "" : "s")" }
        var svg = """
        <svg class="chart-svg" viewBox="0 0 \(Format.number(width)) \(Format.number(height))" role="img" aria-labelledby="chart-ttr-title chart-ttr-desc">
        <title id="chart-ttr-title">Median time to resolve by severity</title>
        <desc id="chart-ttr-desc">\(escape(description.joined(separator: "; ") + "."))</desc>

        """
        for (row, item) in rows.enumerated() {
            let top = topMargin + Double(row) * rowHeight
            let middle = top + rowHeight / 2
            svg += "<text class=\"chart-label\" x=\"\(Format.number(left - 8))\" y=\"\(Format.number(middle + 4))\" text-anchor=\"end\">\(escape(item.name))</text>"
            svg += "<rect class=\"sev-\(item.level)\" x=\"\(Format.number(left))\" y=\"\(Format.number(top + 8))\" width=\"\(Format.number(max(1, x(item.median) - left)))\" height=\"\(Format.number(rowHeight - 16))\">"
            svg += "<title>\(escape(item.name)): median \(Format.duration(item.median))</title></rect>"
            svg += "<line class=\"chart-line sev-\(item.level)\" x1=\"\(Format.number(x(item.p90)))\" y1=\"\(Format.number(top + 4))\" x2=\"\(Format.number(x(item.p90)))\" y2=\"\(Format.number(top + rowHeight - 4))\">"
            svg += "<title>\(escape(item.name)): 90th percentile \(Format.duration(item.p90))</title></line>"
            svg += "<text class=\"chart-value\" x=\"\(Format.number(x(item.p90) + 8))\" y=\"\(Format.number(middle + 4))\">\(Format.duration(item.median)) · n=\(item.count)</text>\n"
        }
        svg += "<line class=\"chart-axis\" x1=\"\(Format.number(left))\" y1=\"\(Format.number(topMargin))\" x2=\"\(Format.number(left))\" y2=\"\(Format.number(height - topMargin))\"/>\n"
        svg += "</svg>\n"
        svg += "<p class=\"chart-note\">Bars show the median; the tick marks the 90th percentile.</p>\n"
        return svg
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
