/// The dashboard's late post-mortems: those past their publishing deadline (`publish_within`)
/// and not final on the build day, longest late first, as `debrief audit --late` lists them.
extension PageModels {
    /// The most late post-mortems the dashboard lists; the rest are counted.
    static let dashboardLate = 10

    /// The fields of `dashboard-late.mustache`; `hasPublishWithin` is false (and the part
    /// empty) in a repository without deadlines.
    func lateDashboardFields() -> [String: TemplateValue] {
        let windows = index.config.publishWithin
        guard !windows.isEmpty else { return ["hasPublishWithin": false, "hasLatePostmortems": false, "latePostmortems": .list([])] }
        var late: [(position: Int, deadline: PublishingDeadline)] = []
        for (position, entry) in index.postmortems.enumerated() {
            if let deadline = PublishingDeadline.of(entry.pm, windows: windows, asOf: settings.asOf), deadline.isOverdue {
                late.append((position, deadline))
            }
        }
        late.sort { $0.deadline.daysLate != $1.deadline.daysLate ? $0.deadline.daysLate > $1.deadline.daysLate : $0.position < $1.position }
        let severities = index.config.severities
        let shown = late.prefix(Self.dashboardLate)
        return [
            "hasPublishWithin": true,
            "hasLatePostmortems": .bool(!late.isEmpty),
            "latePostmortemCount": .int(late.count),
            "hasMoreLate": .bool(late.count > shown.count),
            "dashboardLateShown": .int(shown.count),
            "latePostmortems": .list(shown.map { item in
                let entry = index.postmortems[item.position]
                let pm = entry.pm
                return .object([
                    "id": .string(pm.id), "title": .string(pm.title.isEmpty ? pm.file : pm.title), "url": .string(Format.urlPath(entry.path)),
                    "severity": .string(pm.severity), "severityLevel": .string(Format.severityLevel(pm.severity, in: severities)),
                    "status": .string(Format.postmortemStatus(pm).slug), "statusLabel": .string(Format.postmortemStatus(pm).label),
                    "deadline": .string(item.deadline.deadline.description), "window": .string(item.deadline.window.words),
                    "daysLate": .string(Format.daysLate(item.deadline.daysLate)),
                ])
            }),
        ]
    }
}
