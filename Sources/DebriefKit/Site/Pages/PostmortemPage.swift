/// The model of `postmortem.mustache`: one post-mortem with its badges, facts, key times and
/// response phases, the timeline merged with the four milestones, the actions, the related
/// post-mortems and the source link.
extension PageModels {
    /// The milestones of an incident, in order.
    static func milestones(_ pm: Postmortem) -> [(name: String, label: String, time: Timestamp?)] {
        [("started", "Started", pm.started), ("detected", "Detected", pm.detected),
         ("mitigated", "Mitigated", pm.mitigated), ("resolved", "Resolved", pm.resolved)]
    }

    /// The declared fields a post-mortem sets, in declared order, with their declarations.
    static func customFields(_ pm: Postmortem, declared: [CustomField]) -> [(key: String, label: String, kind: CustomField.Kind, values: [String])] {
        let given = Dictionary(pm.customFields.map { ($0.key, $0.values) }, uniquingKeysWith: { first, _ in first })
        return declared.compactMap { field in
            given[field.key].map { (field.key, field.label, field.kind, $0) }
        }
    }

    func postmortemPage(_ position: Int, bodyHTML: String) -> TemplateValue {
        let entry = index.postmortems[position]
        let pm = entry.pm
        let title = pm.title.isEmpty ? pm.file : pm.title
        var fields = page(entry.path, title: pm.id.isEmpty ? title : "\(pm.id): \(title)", nav: "postmortems")
        for (key, value) in items[position].fields ?? [:] { fields[key] = value }
        let severitySlug = index.severities.first { $0.name == pm.severity }?.slug
        fields["hasSeverityURL"] = .bool(severitySlug != nil)
        fields["severityURL"] = .string(severitySlug.map { "severities/\(Format.urlPath($0)).html" } ?? "severities.html")
        fields["hasCommander"] = .bool(!(pm.commander ?? "").isEmpty)
        fields["commander"] = .string(pm.commander ?? "")
        fields["hasAuthors"] = .bool(!pm.authors.isEmpty)
        fields["authors"] = .strings(pm.authors)
        for (key, value) in reviewFields(pm) { fields[key] = value }
        // The review record's fields show once, as built in, even where they are also declared.
        fields["customFields"] = .list(Self.customFields(pm, declared: index.config.fields).filter { !PostmortemReader.reviewFields.contains($0.key) }.map { field in
            .object(["label": .string(field.label), "isList": .bool(field.kind == .list),
                     "value": .string(field.values.first ?? ""), "values": .strings(field.values)])
        })
        fields["sourcePath"] = .string(pm.file)
        fields["hasSourceURL"] = .bool(settings.repoURL != nil)
        fields["sourceURL"] = .string(settings.repoURL.map { $0 + Format.urlPath(pm.file) } ?? "")
        fields["bodyHTML"] = .html(bodyHTML)

        // Key times, durations and phases.
        var previousDay: CalendarDate?
        let keyTimes: [TemplateValue] = Self.milestones(pm).compactMap { milestone in
            guard let time = milestone.time else { return nil }
            let display: String
            if previousDay == nil {
                display = "\(time.localDate) \(time.localClock) (\(Format.offset(time.offsetSeconds)))"
            } else {
                display = time.localDate == previousDay ? time.localClock : "\(time.localDate) \(time.localClock)"
            }
            previousDay = time.localDate
            return .object(["name": .string(milestone.name), "label": .string(milestone.label),
                            "datetime": .string(time.description), "display": .string(display)])
        }
        fields["keyTimes"] = .list(keyTimes)
        fields["hasKeyTimes"] = .bool(!keyTimes.isEmpty)
        let metrics = pm.metrics
        let durations: [TemplateValue] = [
            ("time-to-detect", "Time to detect", metrics.timeToDetect),
            ("time-to-mitigate", "Time to mitigate", metrics.timeToMitigate),
            ("time-to-resolve", "Time to resolve", metrics.timeToResolve),
        ].compactMap { name, label, value in
            guard let value else { return nil }
            return .object(["name": .string(name), "label": .string(label), "value": .string(Format.duration(value)),
                            "seconds": .int(Int(value.rounded()))])
        }
        fields["durations"] = .list(durations)
        fields["hasDurations"] = .bool(!durations.isEmpty)
        let phases = Self.phases(pm)
        fields["phases"] = .list(phases)
        fields["phasesSummary"] = .string(Self.phaseSummary(pm))
        fields["hasPhases"] = .bool(!phases.isEmpty)

        // Table of contents.
        let headings = entry.document.headings.filter { $0.level == 2 }
        fields["headings"] = .list(headings.map { .object(["anchor": .string($0.anchor), "text": .string($0.text)]) })
        fields["hasHeadings"] = .bool(!headings.isEmpty)

        // Timeline.
        let timeline = Self.timeline(pm)
        fields["timeline"] = .list(timeline)
        fields["hasTimeline"] = .bool(!timeline.isEmpty)

        // Actions, in table order.
        let mine = index.actionsByPostmortem[position]
        let byKey = Dictionary(mine.map { (index.actions[$0].action.key, $0) }, uniquingKeysWith: { first, _ in first })
        var tableOrder: [Int] = []
        var seen: Set<Int> = []
        for action in pm.actions {
            if let found = byKey[action.key], seen.insert(found).inserted { tableOrder.append(found) }
        }
        tableOrder += mine.filter { !seen.contains($0) }
        for (key, value) in trackerFields(tableOrder, page: entry.path) { fields[key] = value }
        fields["actionCount"] = .int(tableOrder.count)
        let openCount = tableOrder.count { index.actions[$0].status?.isOpen ?? false }
        let overdueCount = tableOrder.count { index.actions[$0].isOverdue }
        fields["openActionCount"] = .int(openCount)
        fields["overdueActionCount"] = .int(overdueCount)
        fields["hasOverdueActions"] = .bool(overdueCount > 0)

        // Related, both ways.
        var related: [Int] = []
        for id in pm.related {
            if let other = index.postmortemByID[id], other != position, !related.contains(other) { related.append(other) }
        }
        for other in index.relatedBy[position] ?? [] where !related.contains(other) {
            related.append(other)
        }
        fields["related"] = summaries(related, page: entry.path)
        fields["hasRelated"] = .bool(!related.isEmpty)
        for (key, value) in similarFields(position) { fields[key] = value }
        return .object(fields)
    }

    /// `Detecting 7m, mitigating 2h 14m, resolving 1h 53m`: the phases in words.
    static func phaseSummary(_ pm: Postmortem) -> String {
        phases(pm).compactMap { phase -> String? in
            guard let label = phase["label"], case .string(let name) = label, let value = phase["value"], case .string(let time) = value else { return nil }
            return "\(name.lowercased()) \(time)"
        }.joined(separator: ", ").capitalizedFirst
    }

    /// The detect, mitigate and resolve phases as percentages of the incident's span.
    static func phases(_ pm: Postmortem) -> [TemplateValue] {
        guard let started = pm.started else { return [] }
        let spans: [(String, String, Timestamp?, Timestamp?)] = [
            ("detect", "Detecting", pm.started, pm.detected),
            ("mitigate", "Mitigating", pm.detected, pm.mitigated),
            ("resolve", "Resolving", pm.mitigated, pm.resolved),
        ]
        let end = [pm.resolved, pm.mitigated, pm.detected].compactMap { $0 }.first
        guard let end, end.epochSeconds > started.epochSeconds else { return [] }
        let total = end.epochSeconds - started.epochSeconds
        return spans.compactMap { name, label, from, to in
            guard let from, let to, to.epochSeconds >= from.epochSeconds else { return nil }
            let x = (from.epochSeconds - started.epochSeconds) / total * 100
            let width = (to.epochSeconds - from.epochSeconds) / total * 100
            return .object(["name": .string(name), "label": .string(label), "value": .string(Format.duration(to.epochSeconds - from.epochSeconds)),
                            "x": .string(Format.number(x)), "width": .string(Format.number(width))])
        }
    }

    /// A row of the visual timeline: an entry (its index in `Postmortem.timeline`) or a
    /// milestone with no entry of its own, and its model.
    struct TimelineRow {
        var entry: Int?
        var fields: [String: TemplateValue]
    }

    /// Timeline entries with the milestones marked, as models.
    static func timeline(_ pm: Postmortem) -> [TemplateValue] {
        timelineRows(pm).map { .object($0.fields) }
    }

    /// Timeline entries with the milestones marked: an entry at a milestone's time becomes that
    /// milestone; a milestone with no entry gets a row of its own, in time order.
    static func timelineRows(_ pm: Postmortem) -> [TimelineRow] {
        struct Row {
            var entry: Int?
            var time: Timestamp?
            var timeText: String
            var text: String
            var milestone: (name: String, label: String)?
            var end: Timestamp?
            var approximate = false
        }
        var rows = pm.timeline.enumerated().map { index, entry in
            Row(entry: index, time: entry.time, timeText: entry.timeText, text: entry.event, milestone: nil, end: entry.end, approximate: entry.approximate)
        }
        for milestone in milestones(pm) {
            guard let time = milestone.time else { continue }
            if let match = rows.firstIndex(where: { $0.milestone == nil && $0.time?.epochSeconds == time.epochSeconds }) {
                rows[match].milestone = (milestone.name, milestone.label)
                continue
            }
            let row = Row(entry: nil, time: time, timeText: time.localClock, text: "", milestone: (milestone.name, milestone.label))
            let position = rows.firstIndex { ($0.time?.epochSeconds ?? -Double.infinity) > time.epochSeconds } ?? rows.count
            rows.insert(row, at: position)
        }
        guard !rows.isEmpty else { return [] }
        let start = pm.started
        var previousDay: CalendarDate? = pm.date
        return rows.map { row in
            var display = row.timeText
            var datetime = ""
            if let time = row.time {
                datetime = time.description
                display = time.localDate == previousDay ? time.localClock : "\(time.localDate) \(time.localClock)"
                previousDay = time.localDate
                if let end = row.end { display += "–" + end.localClock }
                if row.approximate { display = "~" + display }
            }
            var offset = ""
            if let time = row.time, let start, row.milestone?.name != "started" {
                offset = Format.offsetFromStart(time.epochSeconds - start.epochSeconds)
            }
            return TimelineRow(entry: row.entry, fields: [
                "display": .string(display),
                "datetime": .string(datetime),
                "hasDatetime": .bool(row.time != nil),
                "offset": .string(offset),
                "hasOffset": .bool(!offset.isEmpty),
                "text": .string(row.text),
                "isMilestone": .bool(row.milestone != nil),
                "milestone": .string(row.milestone?.name ?? ""),
                "milestoneLabel": .string(row.milestone?.label ?? ""),
            ])
        }
    }
}

private extension String {
    /// The string with its first letter upper-cased.
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
