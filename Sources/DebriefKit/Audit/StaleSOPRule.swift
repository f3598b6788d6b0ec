/// The one rule for when an SOP is stale, used by `debrief audit` and by the site's "Needs
/// review" mark: an SOP is stale when an incident linked to it started after its
/// `last_reviewed` day. An incident on the review day itself does not count, and an SOP without
/// `last_reviewed` is never stale (there is nothing to compare). An incident's day is the local
/// calendar day of `started`, else the post-mortem's `date`; that day is also the one reported.
///
/// Which incidents are linked to an SOP (an action names it, or the text links to its file) is
/// for the caller to say: the audit reads the links of whole documents, the site the links its
/// cached records keep.
public enum StaleSOPRule {
    /// The day an incident counts from: the local day of `started`, else `date`.
    public static func day(of postmortem: Postmortem) -> CalendarDate? {
        postmortem.started?.localDate ?? postmortem.date
    }

    /// Whether `sop` is stale because of `linked`, the incidents linked to it: `nil` when it is
    /// not, else those that started after its review, by day then id.
    public static func staleness(of sop: SOP, linked: [Postmortem]) -> StaleSOP? {
        guard let lastReviewed = sop.lastReviewed else { return nil }
        let incidents = linked.compactMap { postmortem -> StaleSOP.Incident? in
            guard let day = day(of: postmortem), day > lastReviewed else { return nil }
            return StaleSOP.Incident(id: postmortem.id, file: postmortem.file, started: day)
        }
        guard !incidents.isEmpty else { return nil }
        let ordered = incidents.sorted { ($0.started, $0.id) < ($1.started, $1.id) }
        return StaleSOP(sopID: sop.id, file: sop.file, lastReviewed: lastReviewed, incidents: ordered)
    }
}
