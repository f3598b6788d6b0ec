/// The incident's timestamps must be in order: started ≤ detected ≤ mitigated ≤ resolved.
/// Each pair of present timestamps out of order is reported at the later field.
struct TimestampOrderRule: Rule {
    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            let stamps: [(String, Timestamp?)] = [("started", pm.started), ("detected", pm.detected),
                                                   ("mitigated", pm.mitigated), ("resolved", pm.resolved)]
            var latest: (String, Timestamp)?
            for (name, stamp) in stamps {
                guard let stamp else { continue }
                if let (earlierName, earlier) = latest, stamp < earlier {
                    bag.error(.timestampsOutOfOrder, at: pm.location(of: name),
                              "'\(name)' (\(stamp)) is before '\(earlierName)' (\(earlier)); expected started ≤ detected ≤ mitigated ≤ resolved")
                } else {
                    latest = (name, stamp)
                }
            }
        }
    }
}
