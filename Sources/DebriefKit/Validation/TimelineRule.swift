/// The Timeline section holds a table or a list of timed entries. Each entry's time must be
/// readable (`HH:MM`, `YYYY-MM-DD HH:MM` or RFC 3339) and, when it is a wall-clock time, exist
/// in the zone that day (DB053; a time the clocks showed twice is a warning, DB054); entries
/// out of order are a warning.
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
                if let change = entry.clockChange {
                    report(change, of: entry, in: pm, into: &bag)
                }
                guard let time = entry.time else {
                    if entry.clockChange != nil { continue }
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

    private func report(_ change: TimelineEntry.ClockChange, of entry: TimelineEntry, in pm: Postmortem, into bag: inout DiagnosticBag) {
        let clock = Self.clock(change.secondOfDay)
        let before = Timestamp.offsetText(change.offsetBefore)
        let after = Timestamp.offsetText(change.offsetAfter)
        let explicit = "\(change.date)T\(clock):00"
        if change.isGap {
            let shifted = Self.clock(change.secondOfDay + Double(change.offsetAfter - change.offsetBefore))
            bag.problem(.timelineTimeInGap, lenient: pm.isDraft, at: entry.location,
                        "timeline time '\(entry.timeText)' does not exist in \(change.zone) on \(change.date): the clocks went from \(before) to \(after) and skipped it "
                            + "(read with the offset before the change it would be \(shifted) \(after)); write the time the clocks showed, "
                            + "or an explicit offset, e.g. \(explicit)\(before)")
        } else {
            bag.warning(.timelineTimeAmbiguous, at: entry.location,
                        "timeline time '\(entry.timeText)' happened twice in \(change.zone) on \(change.date) (the clocks went back from \(before) to \(after)); "
                            + "it is read as the first; write an explicit offset to say which: \(explicit)\(before) or \(explicit)\(after)")
        }
    }

    /// `HH:MM` of a second of the day (wrapping past midnight).
    private static func clock(_ secondOfDay: Double) -> String {
        let seconds = (Int(secondOfDay.rounded(.down)) % 86_400 + 86_400) % 86_400
        return Digits.pad(seconds / 3600, 2) + ":" + Digits.pad(seconds % 3600 / 60, 2)
    }
}
