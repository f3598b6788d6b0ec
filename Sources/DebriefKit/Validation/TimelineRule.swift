/// The Timeline section holds timed entries (tables, lists, headings or paragraphs that start
/// with a time; the forms are in `docs/format.md`). In review and final, a Timeline with no
/// entry is an error (DB052); one whose entries all fail to read already has an error each. Each entry's time must be readable (DB050, with the form
/// to write when there is one) and, when it is a wall-clock time, exist in the zone that day
/// (DB053; a time the clocks showed twice is a warning, DB054); entries out of order are a
/// warning (DB051), and so is one more than a day outside [started, resolved] (DB055), which is
/// most often a time read on the wrong day.
struct TimelineRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            guard let section = pm.section("Timeline"), pm.sections.contains(where: { $0.name == section.name && $0.hasContent }) else { continue }
            if pm.timeline.isEmpty {
                bag.problem(.timelineNoEntries, lenient: pm.isDraft, at: section.location,
                            "the Timeline has no entries; use a table whose first column is a time, or a list of items starting with a time")
                continue
            }
            var previous: TimelineEntry?
            for entry in pm.timeline {
                if let change = entry.clockChange {
                    report(change, of: entry, in: pm, into: &bag)
                }
                if let change = entry.endClockChange {
                    report(change, of: entry, in: pm, into: &bag, end: true)
                }
                guard let time = entry.time else {
                    if entry.clockChange != nil || entry.diagnosed { continue }
                    reportUnreadable(entry, in: pm, into: &bag)
                    continue
                }
                if let before = previous, let earlier = before.time, time < earlier {
                    bag.warning(.timelineOutOfOrder, at: entry.location,
                                "timeline entry at \(entry.timeText) comes before the previous entry (\(before.timeText))")
                }
                reportOutside(entry, at: time, in: pm, into: &bag)
                previous = entry
            }
        }
    }

    private func reportUnreadable(_ entry: TimelineEntry, in pm: Postmortem, into bag: inout DiagnosticBag) {
        if let fix = entry.fix {
            bag.problem(.timelineBadTime, lenient: pm.isDraft, at: entry.location,
                        "timeline time '\(entry.timeText)' cannot be read: its clock is not in one of the forms of docs/format.md; write \(fix)",
                        fix: fix)
            return
        }
        if let fix = TimelineParser.fourDigitFix(entry.timeText) {
            bag.problem(.timelineBadTime, lenient: pm.isDraft, at: entry.location,
                        "timeline time '\(entry.timeText)' cannot be read: four digits are a time only with a zone label or in a table's time column; write \(fix)",
                        fix: fix)
            return
        }
        let hint: String
        if pm.date == nil && pm.started == nil && TimePhrase.read(entry.timeText).map({ $0.start.day == nil }) == true {
            hint = "; HH:MM times need the post-mortem's 'date'"
        } else if let phrase = TimePhrase.read(entry.timeText), let day = phrase.start.day, day.year == nil,
                  pm.date == nil && pm.started == nil {
            hint = "; a day without a year needs the post-mortem's 'date', or write the year"
        } else if let phrase = TimePhrase.read(entry.timeText), phrase.unreadClock != nil {
            hint = "; its clock is not in one of the forms; write YYYY-MM-DD HH:MM (or another form listed in docs/format.md)"
        } else if let phrase = TimePhrase.read(entry.timeText), phrase.start.day != nil {
            hint = "; its day is not a day of the calendar (check the day and the month)"
        } else {
            hint = "; write HH:MM (or 9:37 AM), YYYY-MM-DD HH:MM, an RFC 3339 timestamp, or another form listed in docs/format.md"
        }
        bag.problem(.timelineBadTime, lenient: pm.isDraft, at: entry.location, "timeline time '\(entry.timeText)' cannot be read\(hint)")
    }

    /// A day either side of the incident is allowed: lead-up and follow-up entries often are.
    private func reportOutside(_ entry: TimelineEntry, at time: Timestamp, in pm: Postmortem, into bag: inout DiagnosticBag) {
        let utc = Timestamp(epochSeconds: time.epochSeconds, offsetSeconds: 0)
        if let started = pm.started, time.epochSeconds < started.epochSeconds - 86_400 {
            bag.warning(.timelineOutsideIncident, at: entry.location,
                        "timeline entry '\(entry.timeText)' is read as \(utc), more than a day before the incident started (\(started)); "
                            + "unless it is a lead-up entry, check its day")
        } else if let resolved = pm.resolved, time.epochSeconds > resolved.epochSeconds + 86_400 {
            bag.warning(.timelineOutsideIncident, at: entry.location,
                        "timeline entry '\(entry.timeText)' is read as \(utc), more than a day after the incident was resolved (\(resolved)); "
                            + "unless it is a follow-up entry, check its day")
        }
    }

    private func report(_ change: TimelineEntry.ClockChange, of entry: TimelineEntry, in pm: Postmortem, into bag: inout DiagnosticBag,
                        end: Bool = false) {
        let clock = Self.clock(change.secondOfDay)
        let what = end ? "the end (\(clock)) of timeline span '\(entry.timeText)'" : "timeline time '\(entry.timeText)'"
        let before = Timestamp.offsetText(change.offsetBefore)
        let after = Timestamp.offsetText(change.offsetAfter)
        let explicit = "\(change.date)T\(clock):00"
        if change.isGap {
            let shifted = Self.clock(change.secondOfDay + Double(change.offsetAfter - change.offsetBefore))
            bag.problem(.timelineTimeInGap, lenient: pm.isDraft, at: entry.location,
                        "\(what) does not exist in \(change.zone) on \(change.date): the clocks went from \(before) to \(after) and skipped it "
                            + "(read with the offset before the change it would be \(shifted) \(after)); write the time the clocks showed, "
                            + "or an explicit offset, e.g. \(explicit)\(before)")
        } else {
            bag.warning(.timelineTimeAmbiguous, at: entry.location,
                        "\(what) happened twice in \(change.zone) on \(change.date) (the clocks went back from \(before) to \(after)); "
                            + "it is read as the first; write an explicit offset to say which: \(explicit)\(before) or \(explicit)\(after)")
        }
    }

    /// `HH:MM` of a second of the day (wrapping past midnight).
    private static func clock(_ secondOfDay: Double) -> String {
        let seconds = (Int(secondOfDay.rounded(.down)) % 86_400 + 86_400) % 86_400
        return Digits.pad(seconds / 3600, 2) + ":" + Digits.pad(seconds % 3600 / 60, 2)
    }
}
