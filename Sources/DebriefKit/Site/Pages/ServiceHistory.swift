/// The history on a service's page (the first page of `services/<slug>.html`): its incidents
/// over time by severity, the quarterly medians of time to detect, mitigate and resolve, the
/// time between its incidents, its open and overdue actions, the SOPs its incidents touched and
/// its recurrences.
/// Everything is worked out from the service's own post-mortems, so a page costs what the
/// service has, not what the repository has (see `docs/site.md`, "Service history").
extension PageModels {
    /// How many open actions the history lists (overdue first); the rest are one link away.
    static let historyActions = 10
    /// How many recurrences the history lists, newest first.
    static let historyRecurrences = 10

    /// The history fields of the service `term` (`hasHistory` and the rest).
    func serviceHistory(_ term: SiteIndex.Term, page path: String) -> [String: TemplateValue] {
        var fields: [String: TemplateValue] = ["hasHistory": true]
        let severities = index.config.severities
        // What the charts need of each incident, not a copy of each post-mortem.
        let members = term.members.map { position in
            (date: index.postmortems[position].pm.date, severity: index.postmortems[position].pm.severity,
             metrics: index.postmortems[position].pm.metrics)
        }

        // Incidents over time, by severity: the dashboard's chart, drawn for this service.
        let buckets = Charts.incidentBuckets(members.compactMap { member in member.date.map { ($0, member.severity) } }, severities: severities)
        fields["historyIncidentsCaption"] = .string(Charts.incidentsCaption(buckets))
        fields["historyIncidentsChart"] = .html(Charts.incidents(buckets, severities: severities))

        // Medians per quarter.
        let quarters = Self.quarterlyMedians(members.map { ($0.date, $0.metrics) })
        fields["hasTrend"] = .bool(!quarters.isEmpty)
        fields["historyTrendChart"] = .html(Charts.trend(quarters))

        // Time between incidents.
        let gaps = Self.incidentGaps(members.compactMap(\.date), asOf: settings.asOf)
        fields["hasGaps"] = .bool(gaps.median != nil)
        fields["medianGap"] = .string(gaps.median.map { Plural.count($0, "day") } ?? "")
        fields["lastGap"] = .string(gaps.last.map { Plural.count($0, "day") } ?? "")
        fields["hasLastIncident"] = .bool(gaps.lastIncident != nil)
        fields["lastIncident"] = .string(gaps.lastIncident?.description ?? "")
        fields["daysSinceLast"] = .string(gaps.daysSinceLast.map { Plural.count($0, "day") } ?? "")

        // Open and overdue actions, overdue first (the order of `index.actions`).
        let actions = index.serviceActions[term.slug] ?? []
        let open = actions.filter { index.actions[$0].status?.isOpen ?? false }
        let shown = Array(open.prefix(Self.historyActions))
        // An object of its own: the term page's `hasActions` means something else.
        var table = actionFields(shown, page: path)
        table["actionsTableSuffix"] = .string(" of this service")
        fields["historyActions"] = .object(table)
        fields["historyHasActions"] = .bool(!shown.isEmpty)
        fields["historyOpenCount"] = .int(open.count)
        fields["historyOpenNoun"] = .string(open.count == 1 ? "open action" : "open actions")
        fields["historyOverdueCount"] = .int(open.count { index.actions[$0].isOverdue })
        fields["historyShownActions"] = .int(shown.count)
        fields["historyHasMoreActions"] = .bool(open.count > shown.count)
        // Every action of the service, not `status=open`: that filter leaves out the ones in
        // progress, which are open here. The list puts overdue and open ones first.
        fields["historyOpenURL"] = .string(Self.filteredActionsURL("service", term.slug))
        fields["historyOverdueURL"] = .string(Self.filteredActionsURL("service", term.slug) + "&status=overdue")

        // SOPs its incidents touched (named in an action or linked), with their staleness.
        var involved = [Bool](repeating: false, count: index.postmortems.count)
        for member in term.members where member < involved.count { involved[member] = true }
        func isMember(_ position: Int) -> Bool { position >= 0 && position < involved.count && involved[position] }
        let sops: [TemplateValue] = index.sops.compactMap { entry in
            let touched = entry.incidents.count(where: isMember)
            guard touched > 0 else { return nil }
            return .object([
                "id": .string(entry.sop.id), "title": .string(entry.sop.title.isEmpty ? entry.sop.id : entry.sop.title),
                "url": .string(Format.urlPath(entry.path)), "incidents": .int(touched), "incidentsLabel": .string(Plural.count(touched, "incident")),
                "hasLastReviewed": .bool(entry.sop.lastReviewed != nil), "lastReviewed": .string(entry.sop.lastReviewed?.description ?? ""),
                "isStale": .bool(entry.staleSince != nil), "staleSince": .string(entry.staleSince?.description ?? ""),
            ])
        }
        fields["historySOPs"] = .list(sops)
        fields["hasHistorySOPs"] = .bool(!sops.isEmpty)
        let stale = index.sops.count { entry in entry.staleSince != nil && entry.incidents.contains(where: isMember) }
        fields["historyStaleSOPs"] = .int(stale)
        fields["historyStaleNoun"] = .string(stale == 1 ? "stale SOP" : "stale SOPs")

        // Recurrences in which one of its incidents is the later or the earlier one, newest first.
        let recurred = similarity.recurrences(involving: involved)
        let shownRecurrences = recurred.prefix(Self.historyRecurrences)
        fields["historyRecurrences"] = .list(shownRecurrences.map(recurrenceModel))
        fields["historyHasRecurrences"] = .bool(!recurred.isEmpty)
        fields["historyRecurrenceCount"] = .int(recurred.count)
        fields["historyRecurrenceNoun"] = .string(recurred.count == 1 ? "recurrence" : "recurrences")
        fields["historyHasMoreRecurrences"] = .bool(recurred.count > shownRecurrences.count)
        fields["historyShownRecurrences"] = .int(shownRecurrences.count)
        return fields
    }

    /// The time between consecutive incidents (by their `date`), in days: the median, the
    /// newest gap, the newest incident and the days from it to `asOf`. Incidents on one day are
    /// gaps of 0.
    static func incidentGaps(_ days: [CalendarDate], asOf: CalendarDate) -> (median: Int?, last: Int?, lastIncident: CalendarDate?, daysSinceLast: Int?) {
        let sorted = days.map(\.daysSinceEpoch).sorted()
        guard let newest = sorted.last else { return (nil, nil, nil, nil) }
        let since = max(0, asOf.daysSinceEpoch - newest)
        guard sorted.count > 1 else { return (nil, nil, CalendarDate(daysSinceEpoch: newest), since) }
        let gaps = zip(sorted.dropFirst(), sorted).map { $0 - $1 }
        let ordered = gaps.sorted()
        // The lower median of an even count: a whole number of days that did occur.
        let median = ordered[(ordered.count - 1) / 2]
        return (median, gaps.last, CalendarDate(daysSinceEpoch: newest), since)
    }

    /// Per quarter with a dated incident, oldest first: the median time to detect, mitigate and
    /// resolve of its incidents that have each.
    static func quarterlyMedians(_ incidents: [(date: CalendarDate?, metrics: IncidentMetrics)]) -> [Charts.QuarterMedians] {
        var byQuarter: [Int: [IncidentMetrics]] = [:]
        for incident in incidents {
            guard let date = incident.date else { continue }
            byQuarter[date.year * 4 + (date.month - 1) / 3, default: []].append(incident.metrics)
        }
        return byQuarter.keys.sorted().map { quarter in
            let members = byQuarter[quarter] ?? []
            func median(_ values: [Double]) -> Double? {
                let sorted = values.filter { $0 >= 0 }.sorted()
                return sorted.isEmpty ? nil : Charts.percentile(sorted, 0.5)
            }
            return Charts.QuarterMedians(label: "Q\(quarter % 4 + 1) \(quarter / 4)", incidents: members.count,
                                         detect: median(members.compactMap(\.timeToDetect)),
                                         mitigate: median(members.compactMap(\.timeToMitigate)),
                                         resolve: median(members.compactMap(\.timeToResolve)))
        }
    }
}
