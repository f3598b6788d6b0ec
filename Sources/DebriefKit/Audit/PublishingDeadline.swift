/// Where a post-mortem stands against its publishing deadline (`publish_within` in
/// `debrief.yml`): the deadline runs from the UTC day of `resolved` to the day it became
/// final, which is its `approved` day. `docs/audit.md` ("Publishing deadlines") defines each
/// state; this type is the one place that computes them.
public struct PublishingDeadline: Sendable, Equatable {
    /// Where a post-mortem stands.
    public enum State: String, Sendable, Equatable {
        /// Not final yet, and the audit's day is not after the deadline.
        case pending
        /// Not final, and the audit's day is after the deadline: the one state that is late now.
        case overdue
        /// Final, approved on or before the deadline.
        case onTime = "on-time"
        /// Final, approved after the deadline.
        case publishedLate = "published-late"
        /// Final without an `approved` day: when it became final is not known (DB069).
        case finalDayUnknown = "final-day-unknown"
    }

    /// The post-mortem's id.
    public var id: String
    /// Its title.
    public var title: String
    /// Its severity.
    public var severity: String
    /// Its status as written.
    public var status: String
    /// Its file, relative to the root.
    public var file: String
    /// The line of its `status` (or `resolved`) value, for annotations.
    public var line: Int
    /// The window of its severity.
    public var window: PublishWindow
    /// The UTC day of `resolved`.
    public var resolvedDay: CalendarDate
    /// The last day it is on time.
    public var deadline: CalendarDate
    /// The day it became final (`approved`), when known.
    public var finalDay: CalendarDate?
    /// Where it stands.
    public var state: State
    /// Days after the deadline: to the audit's day when overdue, to the final day when
    /// published late; 0 otherwise.
    public var daysLate: Int

    /// Whether it is late now: not final and past its deadline. Only this fails `--fail-on-late`.
    public var isOverdue: Bool { state == .overdue }

    /// The deadline of `pm` on `asOf`, or nil when it has none: its severity has no
    /// `publish_within` entry, or it has no `resolved` time (not resolved yet, or not written).
    public static func of(_ pm: Postmortem, windows: [String: PublishWindow], asOf: CalendarDate) -> PublishingDeadline? {
        guard let window = windows[pm.severity], let resolved = pm.resolved else { return nil }
        let resolvedDay = Timestamp(epochSeconds: resolved.epochSeconds, offsetSeconds: 0).localDate
        let deadline = window.deadline(resolvedOn: resolvedDay)
        let state: State
        var daysLate = 0
        if pm.status == .final {
            if let approved = pm.approved {
                daysLate = max(0, approved.daysSinceEpoch - deadline.daysSinceEpoch)
                state = daysLate > 0 ? .publishedLate : .onTime
            } else {
                state = .finalDayUnknown
            }
        } else {
            daysLate = max(0, asOf.daysSinceEpoch - deadline.daysSinceEpoch)
            state = daysLate > 0 ? .overdue : .pending
        }
        let line = pm.fields.first { $0.key == "status" }?.valueLocation.line ?? pm.location(of: "resolved").line
        return PublishingDeadline(id: pm.id, title: pm.title, severity: pm.severity, status: pm.status?.rawValue ?? pm.statusText,
                                  file: pm.file, line: line, window: window, resolvedDay: resolvedDay, deadline: deadline,
                                  finalDay: pm.status == .final ? pm.approved : nil, state: state, daysLate: daysLate)
    }

    /// The deadlines of every post-mortem of `base` that has one, in file order.
    public static func all(in base: KnowledgeBase, asOf: CalendarDate) -> [PublishingDeadline] {
        base.postmortems.compactMap { of($0, windows: base.config.publishWithin, asOf: asOf) }
    }
}
