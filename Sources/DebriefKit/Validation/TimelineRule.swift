/// The Timeline section holds a table or a list of timed entries. Each entry's time must be
/// readable (`HH:MM`, `YYYY-MM-DD HH:MM` or RFC 3339); entries out of order are a warning.
struct TimelineRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            guard let section = pm.section("Timeline"), section.hasContent else { continue }
            if pm.timeline.isEmpty {
                bag.warning(.timelineNoEntries, at: section.location,
                            "the Timeline has no entries; use a table whose first column is a time, or a list of items starting with a time")
                continue
            }
            var previous: TimelineEntry?
            for entry in pm.timeline {
                guard let time = entry.time else {
                    let hint = pm.date == nil && TimelineParser.clockOnly(entry.timeText) != nil
                        ? "; HH:MM times need the post-mortem's 'date'"
                        : "; write HH:MM, YYYY-MM-DD HH:MM or an RFC 3339 timestamp"
                    bag.problem(.timelineBadTime, lenient: pm.isDraft, at: entry.location,
                                "timeline time '\(entry.timeText)' cannot be read\(hint)")
                    continue
                }
                if let before = previous, let earlier = before.time, time < earlier {
                    bag.warning(.timelineOutOfOrder, at: entry.location,
                                "timeline entry at \(entry.timeText) comes before the previous entry (\(before.timeText))")
                }
                previous = entry
            }
        }
    }
}
