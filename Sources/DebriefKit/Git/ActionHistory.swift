/// One commit as the action history names it.
public struct HistoryCommit: Sendable, Hashable, Codable {
    /// The full object name.
    public var sha: String
    /// Seconds since 1970 of the committer date.
    public var timestamp: Int64
    /// The first line of the message (empty when the scan did not ask for it).
    public var subject: String

    /// Creates a commit.
    public init(sha: String, timestamp: Int64, subject: String = "") {
        self.sha = sha
        self.timestamp = timestamp
        self.subject = subject
    }

    /// The UTC calendar day of the committer date: when the change reached this history (a
    /// rebase or a cherry-pick moves it, unlike the author date, which can be weeks older than
    /// the day a branch landed), in one zone whatever the machine's, so two runs agree.
    public var date: CalendarDate {
        CalendarDate(daysSinceEpoch: Int((timestamp >= 0 ? timestamp : timestamp - 86_399) / 86_400))
    }

    /// The first 7 characters of the object name.
    public var shortSHA: String { String(sha.prefix(7)) }
}

/// A due date as one version of a table wrote it.
public struct DueChange: Sendable, Hashable, Codable {
    /// The commit that changed it.
    public var commit: HistoryCommit
    /// The cell before, as written.
    public var fromText: String
    /// The cell after, as written.
    public var toText: String

    /// The date before, when it could be read.
    public var from: CalendarDate? { CalendarDate(fromText) }
    /// The date after, when it could be read.
    public var to: CalendarDate? { CalendarDate(toText) }

    /// Days moved (later is positive), or nil unless both cells are dates.
    public var days: Int? {
        guard let from, let to else { return nil }
        return to.daysSinceEpoch - from.daysSinceEpoch
    }

    /// Whether this change moved a due date later: a slip. Setting a first date, or moving one
    /// earlier, is no slip.
    public var isSlip: Bool { (days ?? 0) > 0 }
}

/// A status as one version of a table wrote it.
public struct StatusChange: Sendable, Hashable, Codable {
    /// The commit that changed it.
    public var commit: HistoryCommit
    /// The status before (nil when it could not be read).
    public var from: ActionStatus?
    /// The status after (nil when it could not be read).
    public var to: ActionStatus?
}

/// What the history says about one action.
public struct ActionRecord: Sendable, Codable {
    /// The action's key as its newest version writes it (`INC-2026-007/PA-3`).
    public var key: String
    /// Keys the row had before its ID or its post-mortem's id changed, oldest first.
    public var formerKeys: [String] = []
    /// The commit that first recorded the row.
    public var firstRecorded: HistoryCommit
    /// The due cell of the first version that had one, as written.
    public var firstDueText: String?
    /// Every change of the due cell, oldest first.
    public var dueChanges: [DueChange] = []
    /// Every change of the status, oldest first.
    public var statusChanges: [StatusChange] = []
    /// The commit that set the status to done or wont-do, unless a later one reopened it.
    public var closed: HistoryCommit?
    /// The commit that removed the row (or deleted its post-mortem), when it is gone.
    public var removed: HistoryCommit?

    /// The UTC day the row was first recorded (the committer date of `firstRecorded`).
    public var firstRecordedOn: CalendarDate { firstRecorded.date }

    /// The UTC day the status went to done or wont-do (and stayed there), or nil when open.
    public var closedOn: CalendarDate? { closed?.date }

    /// The first due date recorded, when it was a date.
    public var firstDue: CalendarDate? { firstDueText.flatMap(CalendarDate.init) }

    /// The changes that moved the due date later.
    public var slips: [DueChange] { dueChanges.filter(\.isSlip) }

    /// Total days the slips moved the due date.
    public var daysSlipped: Int { slips.reduce(0) { $0 + ($1.days ?? 0) } }
}

/// Why the history of a repository could not be read in full.
public enum HistoryGap: String, Sendable, Codable {
    /// A shallow clone: commits before its boundary are missing, so first records, slips and
    /// closing dates would be wrong. Nothing is reported from it.
    case shallow
    /// More commits than the scan reads (`ActionHistoryReader.maxCommits`); the oldest are left out.
    case truncated
}

/// How a history was read with a `HistoryCacheStore`.
public enum HistoryCacheUse: Sendable, Equatable {
    /// No cache was asked for, or there was none yet: the whole history was read.
    case none
    /// The cached state was used: it was `commitsBehind` first-parent commits behind `HEAD`,
    /// and `commitsAfter` of them touched post-mortems and were read.
    case reused(commitsAfter: Int, commitsBehind: Int)
    /// There was a cache, for another state of things (other settings, a rewritten history):
    /// the whole history was read, and the cache replaced.
    case stale(String)
    /// There was a cache file that could not be used (damaged, from another version, sealed
    /// with another key): the whole history was read, and the file replaced.
    case unusable(String)
}

/// The history of every preventive action in a knowledge repo, read once from git by
/// `ActionHistoryReader`: when each was first recorded, each change of its due date and status,
/// when it closed, and the commits whose trailers name it. Keys compare case-insensitively.
public struct ActionHistory: Sendable {
    /// Records by lower-cased key (former keys included, pointing at the same record).
    var records: [String: ActionRecord]
    /// Why the history is incomplete, or nil when it is whole. With `.shallow` there are no records.
    public var gap: HistoryGap?
    /// The commit the history ends at (`HEAD`), or nil in a repository without commits.
    public var head: String?
    /// How many commits touching post-mortems were read.
    public var commitsRead: Int
    /// Every action key the knowledge repo's commit trailers name, oldest commit first.
    public var references: [TrailerReference]
    /// Whether a cached state was used.
    public var cacheUse = HistoryCacheUse.none

    /// Creates a history.
    public init(records: [ActionRecord] = [], gap: HistoryGap? = nil, head: String? = nil, commitsRead: Int = 0,
                references: [TrailerReference] = []) {
        var byKey: [String: ActionRecord] = [:]
        for record in records {
            for key in [record.key] + record.formerKeys { byKey[key.lowercased()] = record }
        }
        self.records = byKey
        self.gap = gap
        self.head = head
        self.commitsRead = commitsRead
        self.references = references
    }

    /// The commits whose trailers name the action `key` or one of its former keys.
    public func references(to key: String) -> [TrailerReference] {
        let keys = Set(([key] + (record(for: key)?.formerKeys ?? [])).map { $0.lowercased() })
        return references.filter { keys.contains($0.key.lowercased()) }
    }

    /// Whether the history reaches the first commit (not a shallow clone, not cut short).
    public var isComplete: Bool { gap == nil }

    /// The record of the action `key` (case-insensitive; a former key finds it too).
    public func record(for key: String) -> ActionRecord? {
        records[key.lowercased()]
    }

    /// The UTC day the action `key` was closed (its status set to done or wont-do and not
    /// reopened since), or nil when it is open, unknown, or the history is a shallow clone.
    public func closedOn(_ key: String) -> CalendarDate? {
        record(for: key)?.closed?.date
    }

    /// The closing day of every action of `base` that the history knows to be closed, by key:
    /// what the recurrence rules take as each action's closing day (`docs/recurrence.md`).
    public func closingDays(in base: KnowledgeBase) -> [String: CalendarDate] {
        var days: [String: CalendarDate] = [:]
        for postmortem in base.postmortems {
            for action in postmortem.actions {
                if let day = closedOn(action.key) { days[action.key] = day }
            }
        }
        return days
    }

    /// The UTC day the action `key` was first recorded in its table.
    public func firstRecordedOn(_ key: String) -> CalendarDate? {
        record(for: key)?.firstRecorded.date
    }

    /// Every record once, by key.
    public var allRecords: [ActionRecord] {
        var seen: Set<String> = []
        return records.values.filter { seen.insert($0.key.lowercased()).inserted }.sorted { $0.key < $1.key }
    }
}
