/// The trend chart of a service's history: the median time to detect, mitigate and resolve per
/// quarter, as three lines over a duration axis, drawn like the dashboard's charts (inline SVG,
/// classes for colour, titled marks, a data table).
extension Charts {
    /// One quarter's medians; nil where none of its incidents has the times.
    struct QuarterMedians: Equatable {
        var label: String
        var incidents: Int
        var detect: Double?
        var mitigate: Double?
        var resolve: Double?
    }

    /// The most quarters the trend draws: the newest ones, so that the page stays light however
    /// long the history is.
    static let maxTrendQuarters = 16

    /// Lines of the quarterly medians, with a legend and a data table.
    static func trend(_ all: [QuarterMedians]) -> String {
        let quarters = Array(all.suffix(maxTrendQuarters))
        let series: [(name: String, label: String, value: (QuarterMedians) -> Double?)] = [
            ("ttd", "Time to detect", \.detect), ("ttm", "Time to mitigate", \.mitigate), ("ttr", "Time to resolve", \.resolve),
        ]
        let longest = quarters.flatMap { quarter in series.compactMap { $0.value(quarter) } }.max()
        guard let longest else {
            return "<p class=\"empty\">No incident of this service has a start time with a detect, mitigate or resolve time yet.</p>\n"
        }
        let axis = durationAxis(longest)
        let width = 480.0, height = 200.0, left = 52.0, right = 12.0, topMargin = 12.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - topMargin - bottom
        let slot = plotWidth / Double(quarters.count)
        func x(_ index: Int) -> Double { left + (Double(index) + 0.5) * slot }
        func y(_ seconds: Double) -> Double { topMargin + plotHeight - seconds / axis.top * plotHeight }

        let shown = quarters.count < all.count ? ", the last \(quarters.count) quarters with incidents" : ""
        let title = "Median time to detect, mitigate and resolve per quarter\(shown)"
        let description = quarters.map { quarter in
            "\(quarter.label): " + series.map { "\($0.label.lowercased()) \($0.value(quarter).map(Format.duration) ?? "none")" }.joined(separator: ", ")
        }
        var svg = """
        <svg class="chart-svg" viewBox="0 0 \(Format.number(width)) \(Format.number(height))" role="img" aria-labelledby="chart-trend-title chart-trend-desc">
        <title id="chart-trend-title">\(escape(title))</title>
        <desc id="chart-trend-desc">\(escape(description.joined(separator: "; ") + "."))</desc>

        """
        for tick in axis.ticks {
            let ty = Format.number(y(tick))
            svg += "<line class=\"chart-grid-line\" x1=\"\(Format.number(left))\" y1=\"\(ty)\" x2=\"\(Format.number(width - right))\" y2=\"\(ty)\"/>"
            svg += "<text class=\"chart-label\" x=\"\(Format.number(left - 6))\" y=\"\(Format.number(y(tick) + 4))\" text-anchor=\"end\">\(tick == 0 ? "0" : Format.duration(tick))</text>\n"
        }
        let stride = max(1, (quarters.count + 5) / 6)
        for (index, quarter) in quarters.enumerated() where index % stride == 0 || index == quarters.count - 1 {
            svg += "<text class=\"chart-label\" x=\"\(Format.number(x(index)))\" y=\"\(Format.number(height - 10))\" text-anchor=\"middle\">\(escape(quarter.label))</text>\n"
        }
        for line in series {
            // A quarter without the value breaks the line rather than bridging the gap.
            var runs: [[(Int, Double)]] = [[]]
            for (index, quarter) in quarters.enumerated() {
                if let value = line.value(quarter) { runs[runs.count - 1].append((index, value)) } else if !(runs.last?.isEmpty ?? true) { runs.append([]) }
            }
            for run in runs where run.count > 1 {
                let points = run.map { "\(Format.number(x($0.0))),\(Format.number(y($0.1)))" }.joined(separator: " ")
                svg += "<polyline class=\"trend-line trend-\(line.name)\" points=\"\(points)\"/>\n"
            }
            for (index, quarter) in quarters.enumerated() {
                guard let value = line.value(quarter) else { continue }
                svg += "<circle class=\"trend-dot trend-\(line.name)\" cx=\"\(Format.number(x(index)))\" cy=\"\(Format.number(y(value)))\" r=\"3\">"
                svg += "<title>\(escape(quarter.label)): \(line.label.lowercased()) \(Format.duration(value)) (median of \(Plural.count(quarter.incidents, "incident")))</title></circle>\n"
            }
        }
        svg += "<line class=\"chart-axis\" x1=\"\(Format.number(left))\" y1=\"\(Format.number(y(0)))\" x2=\"\(Format.number(width - right))\" y2=\"\(Format.number(y(0)))\"/>\n"
        svg += "</svg>\n<ul class=\"chart-legend\">"
        for line in series { svg += "<li><span class=\"swatch trend-\(line.name)\"></span>\(line.label)</li>" }
        svg += "</ul>\n"
        svg += dataTable(caption: title, header: ["Quarter", "Incidents", "Time to detect", "Time to mitigate", "Time to resolve"],
                         rows: quarters.map { quarter in
                             [quarter.label, String(quarter.incidents)] + series.map { $0.value(quarter).map(Format.duration) ?? "–" }
                         })
        return svg
    }
}
