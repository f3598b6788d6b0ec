/// "On this day" on the dashboard: incidents from the same ISO week as the build day in earlier
/// years, with where their actions stand, for the anniversary check that a fix held. The site
/// is built on one day and shows that day's week (the partial says which); a rebuild moves it on.
extension PageModels {
    /// The most incidents the part lists, newest first; the rest are counted.
    static let onThisDayLimit = 20

    /// The fields of `dashboard-on-this-day.mustache`.
    func onThisDayFields() -> [String: TemplateValue] {
        let today = settings.asOf
        let week = today.isoWeek
        var matches: [Int] = []
        // Post-mortems are newest first, so the matches are too.
        for (position, entry) in index.postmortems.enumerated() {
            guard let date = entry.pm.date else { continue }
            let other = date.isoWeek
            if other.week == week.week && other.year < week.year { matches.append(position) }
        }
        let shown = matches.prefix(Self.onThisDayLimit)
        let severities = index.config.severities
        let items: [TemplateValue] = shown.map { position in
            let entry = index.postmortems[position]
            let pm = entry.pm
            let actions = index.actionsByPostmortem[position].map { index.actions[$0] }
            let done = actions.count { $0.status == .done }
            let overdue = actions.count(where: \.isOverdue)
            let open = actions.count { $0.status?.isOpen ?? false } - overdue
            let years = week.year - (pm.date?.isoWeek.year ?? week.year)
            return .object([
                "id": .string(pm.id), "title": .string(pm.title.isEmpty ? pm.file : pm.title), "url": .string(Format.urlPath(entry.path)),
                "date": .string(pm.date?.description ?? ""), "yearsAgo": .string(years == 1 ? "a year ago" : "\(years) years ago"),
                "severity": .string(pm.severity), "severityLevel": .string(Format.severityLevel(pm.severity, in: severities)),
                "hasActions": .bool(!actions.isEmpty), "done": .int(done), "open": .int(open), "overdue": .int(overdue),
                "hasOverdue": .bool(overdue > 0), "allDone": .bool(!actions.isEmpty && done == actions.count),
            ])
        }
        return [
            "onThisDayWeek": .int(week.week),
            "onThisDayYear": .int(week.year),
            "onThisDayBuildDay": .string(today.description),
            "onThisDay": .list(items),
            "hasOnThisDay": .bool(!items.isEmpty),
            "onThisDayMore": .int(matches.count - items.count),
            "hasOnThisDayMore": .bool(matches.count > items.count),
        ]
    }
}

extension CalendarDate {
    /// The ISO 8601 week of the day: its week-numbering year and week (1–53). Weeks start on
    /// Monday, and week 1 is the one with the year's first Thursday, so 2026-12-31 is in week 53
    /// of 2026 and 2027-01-01 too.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = daysSinceEpoch - weekdayIndex + 3
        let year = CalendarDate(daysSinceEpoch: thursday).year
        let firstDay = CalendarDate(year: year, month: 1, day: 1)?.daysSinceEpoch ?? thursday
        return (year, (thursday - firstDay) / 7 + 1)
    }
}
