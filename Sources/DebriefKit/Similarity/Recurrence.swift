/// What decides a recurrence besides the documents: the similarity threshold and the closing
/// days of actions known from elsewhere. `docs/recurrence.md` states the rule.
public struct RecurrenceSettings: Sendable {
    /// The default of `recurrence_threshold`: on the families fixture
    /// (`Tests/DebriefKitTests/Fixtures/Similarity/families`) half the pairs of incidents of one
    /// cause, told in different words, reach it, and 2 of 600 pairs of different causes do
    /// (`SimilarityIndexTests` prints both; `docs/recurrence.md` has the table).
    public static let defaultThreshold = 0.12

    /// A later incident recurs an earlier one only when their similarity is at least this.
    public var threshold: Double
    /// The day each action was closed, by action key (`INC-2025-031/PA-2`), as the repository's
    /// history says; it wins over a `Closed` cell of the table.
    public var closeDates: [String: CalendarDate]

    /// Creates settings.
    public init(threshold: Double = RecurrenceSettings.defaultThreshold, closeDates: [String: CalendarDate] = [:]) {
        self.threshold = threshold
        self.closeDates = closeDates
    }
}

/// A later incident that is similar to an earlier one and started while one of the earlier
/// one's preventive actions was open, or before that action's due date.
public struct Recurrence: Sendable, Equatable {
    /// Where the action stood on the day the later incident started.
    public enum State: Sendable, Equatable {
        /// Not closed by that day (open, in progress, or closed on a later day).
        case open
        /// Closed (on a known day) before that day, which was still before its due date.
        case closedBeforeDue(closed: CalendarDate)
    }

    /// The earlier post-mortem's id.
    public var earlierID: String
    /// The later post-mortem's id.
    public var laterID: String
    /// The later post-mortem's file.
    public var laterFile: String
    /// Their similarity.
    public var score: Double
    /// The earlier post-mortem's action (`INC-2025-031/PA-2`).
    public var actionKey: String
    /// Its due date.
    public var due: CalendarDate?
    /// Its closing day, when known.
    public var closed: CalendarDate?
    /// The day the later incident started.
    public var started: CalendarDate
    /// Where the action stood that day.
    public var state: State

    /// Days past the due date on the day the later incident started (0 when not past).
    public var daysOverdue: Int {
        guard state == .open, let due, due < started else { return 0 }
        return started.daysSinceEpoch - due.daysSinceEpoch
    }

    /// The sentence shown on the later post-mortem's page and by `check` and `audit`:
    /// `recurred while INC-2025-031/PA-2 was open, 160 days overdue`.
    public var sentence: String {
        switch state {
        case .open:
            var text = "recurred while \(actionKey) was open"
            if let due {
                if due < started {
                    text += ", \(Plural.count(daysOverdue, "day")) overdue"
                } else if due == started {
                    text += ", due that day"
                } else {
                    text += ", due \(Plural.count(due.daysSinceEpoch - started.daysSinceEpoch, "day")) later"
                }
            } else {
                text += ", with no due date"
            }
            if let closed { text += " (closed on \(closed))" }
            return text
        case .closedBeforeDue(let closed):
            return "recurred before \(actionKey) was due (\(due?.description ?? "")), though it was closed on \(closed)"
        }
    }
}

/// Finds recurrences (`docs/recurrence.md`).
public enum RecurrenceFinder {
    /// Most similar earlier incidents looked at per post-mortem.
    public static let candidates = 20

    /// The recurrences of the post-mortem at `later`, whose similar post-mortems (at or above
    /// the threshold, any order) are `similar`; positions index `postmortems`. Sorted by
    /// earlier incident (newest first) and then action order.
    public static func recurrences(of later: Int, in postmortems: [Postmortem], similar: [SimilarMatch],
                                   settings: RecurrenceSettings) -> [Recurrence] {
        // Read in place, as below: a copy of a post-mortem retains every field.
        found(of: later, in: postmortems, similar: similar, settings: settings).map { found in
            Recurrence(earlierID: postmortems[found.earlier].id, laterID: postmortems[later].id, laterFile: postmortems[later].file,
                       score: found.score, actionKey: postmortems[found.earlier].actionTables[found.table].actions[found.row].key,
                       due: found.due, closed: found.closed, started: found.started, state: found.state)
        }
    }

    /// A recurrence by position: the earlier post-mortem's in `postmortems`, and its action's
    /// table and row there. The site keeps recurrences this way (`SiteSimilarity.Recurred`)
    /// rather than as `Recurrence`s, whose four strings (the action key made for each) take
    /// some 270 bytes of memory a recurrence where positions and day numbers take 56.
    struct Found {
        let earlier: Int
        let table: Int
        let row: Int
        let score: Double
        let due: CalendarDate?
        let closed: CalendarDate?
        let started: CalendarDate
        let state: Recurrence.State
    }

    /// `recurrences(of:in:similar:settings:)` by position, in the same order.
    static func found(of later: Int, in postmortems: [Postmortem], similar: [SimilarMatch],
                      settings: RecurrenceSettings) -> [Found] {
        guard let started = startDay(postmortems[later]), let laterStart = startInstant(postmortems[later]) else { return [] }
        var found: [(instant: Double, recurrences: [Found])] = []
        for match in similar where match.score >= settings.threshold && match.position != later {
            // Read in place: a copy of a post-mortem retains every field, for each of 20 matches.
            guard let earlierStart = startInstant(postmortems[match.position]), earlierStart < laterStart,
                  let recorded = postmortems[match.position].date ?? startDay(postmortems[match.position]), recorded <= started else { continue }
            var list: [Found] = []
            for (tableIndex, table) in postmortems[match.position].actionTables.enumerated() {
                // By index, not `for action in`: each element the loop hands out is a copy that
                // retains every field, for each action of each of 20 matches.
                let actions = table.actions
                for index in actions.indices {
                    guard let status = actions[index].status else { continue }
                    let closed = settings.closeDates.isEmpty ? actions[index].closed : settings.closeDates[actions[index].key] ?? actions[index].closed
                    guard let state = state(status: status, due: actions[index].due, closed: closed, on: started) else { continue }
                    list.append(Found(earlier: match.position, table: tableIndex, row: index, score: match.score,
                                      due: actions[index].due, closed: closed, started: started, state: state))
                }
            }
            if !list.isEmpty { found.append((earlierStart, list)) }
        }
        return found.sorted { $0.instant > $1.instant }.flatMap(\.recurrences)
    }

    /// Every recurrence among `postmortems`, with `index` made from them in the same order:
    /// later post-mortems by file.
    public static func all(in postmortems: [Postmortem], index: SimilarityIndex, settings: RecurrenceSettings) -> [Recurrence] {
        let lists = parallelMap(Array(postmortems.indices)) { position in
            recurrences(of: position, in: postmortems, similar: index.similar(to: position, limit: candidates, minimumScore: settings.threshold, withReasons: false),
                        settings: settings)
        }
        return lists.flatMap { $0 }
    }

    /// The day a post-mortem's incident started: `started` in its own offset, else `date`.
    public static func startDay(_ pm: Postmortem) -> CalendarDate? {
        pm.started?.localDate ?? pm.date
    }

    /// When it started, in seconds since 1970: `started`, else the start of `date` in UTC.
    static func startInstant(_ pm: Postmortem) -> Double? {
        if let started = pm.started { return started.epochSeconds }
        return pm.date.map { Double($0.daysSinceEpoch) * 86_400 }
    }

    /// Where an action of this status, due day and close day stood on `day`, when that makes a
    /// recurrence; nil when it does not (closed by then and not before its due date, or closed
    /// on an unknown day).
    static func state(status: ActionStatus, due: CalendarDate?, closed: CalendarDate?, on day: CalendarDate) -> Recurrence.State? {
        if status.isOpen { return .open }
        guard let closed else { return nil }
        if day < closed { return .open }
        if status == .done, let due, day < due { return .closedBeforeDue(closed: closed) }
        return nil
    }
}
