/// What a build with `--git` knows from the repository's history about the site's actions, by
/// action key: how often and how far each due date was moved later, and the days each action
/// was first recorded and closed (`ActionHistory`). Empty without `--git`, for a public site
/// and when the history is a shallow clone.
struct SiteHistory: Sendable {
    /// The due-date slips of one action.
    struct Slips: Sendable, Equatable {
        /// How many times the due date was moved later.
        let count: Int
        /// The days those moves add up to.
        let days: Int

        /// `due moved 3x, +74 days`.
        var label: String {
            "due moved \(count)x, +\(Plural.count(days, "day"))"
        }
    }

    /// Slips by action key, only for actions whose due date moved later at least once.
    let slips: [String: Slips]
    /// The day each action was closed (its status set to done or wont-do and kept), by key.
    let closedOn: [String: CalendarDate]
    /// The day each action was first recorded in its table, by key.
    let firstRecordedOn: [String: CalendarDate]

    /// No history.
    init() {
        slips = [:]
        closedOn = [:]
        firstRecordedOn = [:]
    }

    /// What `history` says about the actions `keys`.
    init(_ history: ActionHistory, keys: [String]) {
        var slips: [String: Slips] = [:]
        var closedOn: [String: CalendarDate] = [:]
        var firstRecordedOn: [String: CalendarDate] = [:]
        for key in keys {
            guard let record = history.record(for: key) else { continue }
            let moved = record.slips
            if !moved.isEmpty { slips[key] = Slips(count: moved.count, days: record.daysSlipped) }
            if let closed = record.closedOn { closedOn[key] = closed }
            firstRecordedOn[key] = record.firstRecordedOn
        }
        self.slips = slips
        self.closedOn = closedOn
        self.firstRecordedOn = firstRecordedOn
    }

    /// The time each closed action took to close, in days, with its post-mortem's severity:
    /// from the day it was first recorded (else its post-mortem's `date`) to the day it closed
    /// (else the day in its table's `Closed` column). Actions without both days are left out.
    static func timesToClose(_ index: SiteIndex, history: SiteHistory) -> [(severity: String, days: Int)] {
        index.actions.compactMap { entry in
            let action = entry.action
            guard let status = action.status, !status.isOpen else { return nil }
            let pm = index.postmortems[entry.postmortem].pm
            guard let start = history.firstRecordedOn[action.key] ?? pm.date,
                  let end = history.closedOn[action.key] ?? action.closed,
                  end.daysSinceEpoch >= start.daysSinceEpoch else { return nil }
            return (pm.severity, end.daysSinceEpoch - start.daysSinceEpoch)
        }
    }
}
