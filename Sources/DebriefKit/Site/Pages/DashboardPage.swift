/// The model of `index.mustache`, the dashboard: counts, charts, open actions, recent
/// post-mortems and the services with the most incidents.
extension PageModels {
    /// How many open actions, recent post-mortems and services the dashboard lists.
    static let dashboardActions = 10
    static let dashboardRecent = 10
    static let dashboardServices = 10

    func dashboardPage() -> TemplateValue {
        var fields = page("index.html", title: "Dashboard", nav: "dashboard")
        fields["pageTitle"] = .string("Dashboard")
        fields["totalPostmortems"] = .int(index.postmortems.count)
        fields["totalSOPs"] = .int(index.sops.count)
        fields["hasPostmortems"] = .bool(!index.postmortems.isEmpty)
        let all = Array(index.actions.indices)
        fields["actionStats"] = actionStats(all)
        let overdue = all.count { index.actions[$0].isOverdue }
        fields["hasOverdueActions"] = .bool(overdue > 0)
        fields["overdueActionsURL"] = .string(Self.filteredActionsURL("status", "overdue"))
        fields["severityCounts"] = severityCounts()

        var statusCounts: [TemplateValue] = []
        for status in PostmortemStatus.allCases {
            let count = index.postmortems.count { $0.pm.status == status }
            let label = Format.postmortemStatus(status).label
            statusCounts.append(.object(["status": .string(status.rawValue), "statusLabel": .string(label), "count": .int(count)]))
        }
        fields["statusCounts"] = .list(statusCounts)

        let open = all.filter { index.actions[$0].status?.isOpen ?? false }
        let shown = open.prefix(Self.dashboardActions)
        for (key, value) in actionFields(Array(shown), page: "index.html") { fields[key] = value }
        fields["shownActions"] = .int(shown.count)
        fields["hasMoreActions"] = .bool(open.count > shown.count)

        fields["recentPostmortems"] = summaries(Array(items.indices.prefix(Self.dashboardRecent)), page: "index.html")
        let top = index.services.prefix(Self.dashboardServices)
        // Each bar is the service's share of all post-mortems, so equal counts of one do not
        // draw as full bars, and the bars compare across builds as the history grows.
        let postmortemCount = max(1, index.postmortems.count)
        fields["topServices"] = .list(top.map { term in
            .object(["name": .string(term.name), "slug": .string(term.slug), "url": .string("services/\(Format.urlPath(term.slug)).html#history"),
                     "count": .int(term.members.count), "percent": .string(Format.number(Double(term.members.count) / Double(postmortemCount) * 100)),
                     "severityLevel": "", "isCurrent": false])
        })
        fields["hasTopServices"] = .bool(!top.isEmpty)
        for (key, value) in recurrenceFields() { fields[key] = value }

        let severities = index.config.severities
        let buckets = Charts.incidentBuckets(index.postmortems.compactMap { entry in entry.pm.date.map { ($0, entry.pm.severity) } },
                                             severities: severities)
        fields["chartIncidentsCaption"] = .string(Charts.incidentsCaption(buckets))
        let incidents = Charts.incidents(buckets, severities: severities)
        fields["chartIncidents"] = .html(incidents)
        // The name it had while it covered twelve months, for repositories' own index templates.
        fields["chartIncidentsByMonth"] = .html(incidents)
        for (key, value) in onThisDayFields() { fields[key] = value }
        for (key, value) in lateDashboardFields() { fields[key] = value }
        fields["chartTimeToResolve"] = .html(Charts.timeToResolve(Charts.resolveRows(
            index.postmortems.compactMap { entry in entry.pm.metrics.timeToResolve.map { (entry.pm.severity, $0) } }, severities: severities)))
        let closes = SiteHistory.timesToClose(index, history: history).map { (severity: $0.severity, seconds: Double($0.days) * 86_400) }
        fields["chartTimeToClose"] = .html(Charts.durationsBySeverity(
            Charts.resolveRows(closes, severities: severities), id: "chart-ttc", what: "Time to close an action", noun: "action",
            empty: "No closed action has a known closing day yet: build with --git, or give the actions table a Closed column."))
        return .object(fields)
    }
}
