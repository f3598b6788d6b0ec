/// The lifecycle of a post-mortem document.
public enum PostmortemStatus: String, Sendable, CaseIterable, Codable {
    /// Being written; missing parts are warnings.
    case draft
    /// Ready for review; complete.
    case review
    /// Reviewed and closed.
    case final
}

/// A section of a document, by its canonical name after aliasing: a heading at the configured
/// `section_level` (2 by default), or a standard section written at another level.
public struct Section: Sendable {
    /// The heading as written.
    public var heading: String
    /// The canonical name (`Action Items` → `Preventive Actions`).
    public var name: String
    /// Where the heading is.
    public var location: SourceLocation
    /// The heading's level (`##` is 2).
    public var level: Int
    /// The blocks under the heading, up to the next heading of its level or above, or the next
    /// section's heading. Readers use them and then
    /// drop them, so a loaded repo of thousands of documents does not keep every block tree.
    /// Set once, by the initialiser: a section is built from all its blocks at once, because
    /// recomputing `hasContent` on every change made appending block by block quadratic.
    public private(set) var blocks: [MarkdownBlock]
    /// Whether the section holds anything but comments and white space.
    public private(set) var hasContent: Bool

    /// Creates a section.
    public init(heading: String, name: String, location: SourceLocation, level: Int = 2, blocks: [MarkdownBlock]) {
        self.heading = heading
        self.name = name
        self.location = location
        self.level = level
        self.blocks = blocks
        self.hasContent = blocks.contains { $0.hasContent }
    }

    /// The same section without its blocks (its content flag kept).
    public var withoutBlocks: Section {
        var copy = self
        copy.blocks = []
        return copy
    }
}

/// A heading of a document's body (outside lists and quotes), whether or not it starts a section.
public struct OutlineHeading: Sendable, Equatable {
    /// The heading's text as written.
    public var text: String
    /// Its level (`###` is 3).
    public var level: Int
    /// Where it is.
    public var location: SourceLocation

    /// Creates a heading.
    public init(text: String, level: Int, location: SourceLocation) {
        self.text = text
        self.level = level
        self.location = location
    }

    /// The heading as Markdown writes it: `### Root Cuase`.
    public var markdown: String { String(repeating: "#", count: max(1, level)) + " " + text }
}

/// One line of an incident's timeline.
public struct TimelineEntry: Sendable {
    /// The time as written.
    public var timeText: String
    /// The instant, when the time could be read.
    public var time: Timestamp?
    /// What happened.
    public var event: String
    /// Where the entry is.
    public var location: SourceLocation
    /// Set when the time is a wall-clock time the zone's clocks skipped (then `time` is nil) or
    /// showed twice (then `time` is the first) that day.
    public var clockChange: ClockChange? {
        get { clockChanges?.start }
        set { clockChanges = ClockChanges.of(start: newValue, end: endClockChange) }
    }
    /// The end of a span (`14:32–14:40`).
    public var end: Timestamp?
    /// Whether the time was marked approximate (`~17:20`, `17:20 (approx.)`).
    public var approximate = false
    /// Whether the entry names a day and no time (`2022-04-14`, `April 14`); `time` is the
    /// start of that day.
    public var dayOnly = false
    /// Whether reading the time already reported why it has no instant (an ambiguous zone or
    /// date), so the timeline rule need not report it again.
    public var diagnosed = false
    /// The form to write when the time cannot be read but what was meant can be made out
    /// (`Jan 4 by 06:00` → `2021-01-04 06:00`).
    public var fix: String?
    /// Set when the end of a span is a wall-clock time the zone's clocks skipped (then `end` is
    /// nil) or showed twice (then `end` is the first).
    public var endClockChange: ClockChange? {
        get { clockChanges?.end }
        set { clockChanges = ClockChanges.of(start: clockChange, end: newValue) }
    }

    /// Both clock changes, out of line: almost no entry has one, and kept inline they were
    /// half the size of every entry (a large site keeps over a hundred thousand entries).
    private var clockChanges: ClockChanges?

    /// An immutable box, so copies of an entry share it; a change makes a new one.
    private final class ClockChanges: Sendable {
        let start: ClockChange?
        let end: ClockChange?

        private init(start: ClockChange?, end: ClockChange?) {
            self.start = start
            self.end = end
        }

        /// The box for these changes, or nil when there are none.
        static func of(start: ClockChange?, end: ClockChange?) -> ClockChanges? {
            start == nil && end == nil ? nil : ClockChanges(start: start, end: end)
        }
    }

    /// A wall-clock time that a change of the zone's clocks makes missing or double.
    public struct ClockChange: Sendable, Equatable {
        /// The zone as written.
        public var zone: String
        /// The day of the time.
        public var date: CalendarDate
        /// The time as seconds into the day.
        public var secondOfDay: Double
        /// The offsets (seconds east of UTC) before and after the change.
        public var offsetBefore: Int
        /// The offset after the change.
        public var offsetAfter: Int

        /// Creates a description of a clock change.
        public init(zone: String, date: CalendarDate, secondOfDay: Double, offsetBefore: Int, offsetAfter: Int) {
            self.zone = zone
            self.date = date
            self.secondOfDay = secondOfDay
            self.offsetBefore = offsetBefore
            self.offsetAfter = offsetAfter
        }

        /// Whether the clocks skipped the time (sprang forward) rather than showed it twice.
        public var isGap: Bool { offsetAfter > offsetBefore }
    }

    /// Creates an entry.
    public init(timeText: String, time: Timestamp?, event: String, location: SourceLocation, clockChange: ClockChange? = nil) {
        self.timeText = timeText
        self.time = time
        self.event = event
        self.location = location
        self.clockChanges = ClockChanges.of(start: clockChange, end: nil)
    }
}

/// Time to detect, mitigate and resolve, in seconds from `started`.
public struct IncidentMetrics: Sendable, Equatable, Codable {
    /// detected − started.
    public var timeToDetect: Double?
    /// mitigated − started.
    public var timeToMitigate: Double?
    /// resolved − started.
    public var timeToResolve: Double?

    enum CodingKeys: String, CodingKey {
        case timeToDetect = "time_to_detect"
        case timeToMitigate = "time_to_mitigate"
        case timeToResolve = "time_to_resolve"
    }

    /// Encodes absent values as `null` rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeToDetect, forKey: .timeToDetect)
        try container.encode(timeToMitigate, forKey: .timeToMitigate)
        try container.encode(timeToResolve, forKey: .timeToResolve)
    }
}

/// A post-mortem as read from `postmortems/**/*.md`. Fields that could not be read are nil or
/// empty; what was wrong is in the diagnostics collected while reading.
public struct Postmortem: Sendable {
    /// Path relative to the repository root.
    public var file: String
    /// Path under the post-mortem folder, without `.md` (`2026/03-14-checkout`).
    public var slug: String
    /// The `id` field (empty when missing).
    public var id: String
    /// The `title` field (empty when missing).
    public var title: String
    /// The `date` field.
    public var date: CalendarDate?
    /// The `severity` field as written.
    public var severity: String
    /// The `status` field as written.
    public var statusText: String
    /// The `status` field, when it is a known status.
    public var status: PostmortemStatus? { PostmortemStatus(rawValue: statusText.lowercased()) }
    /// Affected services.
    public var services: [String] = []
    /// Free-form tags.
    public var tags: [String] = []
    /// Who wrote it.
    public var authors: [String] = []
    /// The incident commander.
    public var commander: String?
    /// The timezone of timeline times.
    public var timezone: TimeZoneSpec?
    /// When the incident started.
    public var started: Timestamp?
    /// When it was detected.
    public var detected: Timestamp?
    /// When it was mitigated.
    public var mitigated: Timestamp?
    /// When it was resolved.
    public var resolved: Timestamp?
    /// Ids of related post-mortems.
    public var related: [String] = []
    /// Who reviewed it (`reviewers`), as written.
    public var reviewers: [String] = []
    /// Who approved it (`approved_by`), as written.
    public var approvedBy: [String] = []
    /// The day it was approved (`approved`): the day it became final, for the publishing
    /// deadline (`publish_within`, see `PublishingDeadline`).
    public var approved: CalendarDate?
    /// Front matter keys as written, with where each key and its value sit.
    public var fields: [FieldLocation] = []
    /// The values of the fields `debrief.yml` declares, in declared order; a field the
    /// post-mortem leaves out or empty is not here.
    public var customFields: [CustomFieldValue] = []
    /// Sections in order (see `Section`).
    public var sections: [Section] = []
    /// Every heading of the body, in order, for suggesting a heading close to a missing section.
    public var outline: [OutlineHeading] = []
    /// Timeline entries in document order.
    public var timeline: [TimelineEntry] = []
    /// The preventive actions tables, in order (a template may split them under subheadings).
    public var actionTables: [ActionTable] = []
    /// The Markdown body (front matter removed).
    public var body: String
    /// The 1-based file line where the body starts.
    public var bodyFirstLine: Int
    /// The first H1, if the body starts with one.
    public var heading: String?
    /// Every link destination with its file location.
    public var links: [(destination: String, location: SourceLocation)] = []
    /// The body rendered to HTML for the site, when rendering was asked for.
    public var bodyHTML: String?
    /// The body's timeline and actions blocks the site shows as rich views, found with
    /// `bodyHTML` (empty without it).
    public var richBlocks = RichBlocks()
    /// Whether the front matter block was found and read as a mapping.
    public var hasFrontMatter: Bool
    /// `imported: true`: converted from older records, so actions without an owner or a due
    /// date are kept as untracked rather than reported.
    public var imported = false
    /// The plain text of the sections similar incidents are compared by (`SimilarityText.sections`),
    /// kept when the reader drops the blocks; the site drops it once similarity is computed.
    public var similarityText = ""

    /// The preventive actions of every table (empty without one). With one table (nearly every
    /// post-mortem) this is that table's array itself, not a copy of each action.
    public var actions: [PreventiveAction] {
        switch actionTables.count {
        case 0: return []
        case 1: return actionTables[0].actions
        default: return actionTables.flatMap(\.actions)
        }
    }

    /// Whether missing parts are only warnings.
    public var isDraft: Bool { status == .draft }

    /// Time to detect, mitigate and resolve.
    public var metrics: IncidentMetrics {
        func since(_ end: Timestamp?) -> Double? {
            guard let start = started, let end else { return nil }
            return end.epochSeconds - start.epochSeconds
        }
        return IncidentMetrics(timeToDetect: since(detected), timeToMitigate: since(mitigated), timeToResolve: since(resolved))
    }

    /// The section with a canonical name, if present.
    public func section(_ name: String) -> Section? {
        sections.first { $0.name == name } ?? sections.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Where a front matter key's value sits, or the top of the file.
    public func location(of key: String) -> SourceLocation {
        fields.first { $0.key == key }?.valueLocation ?? SourceLocation(file: file, line: 1)
    }

    /// Where the first item `text` of the list under `key` sits, or where the value does.
    public func location(of key: String, item text: String) -> SourceLocation {
        guard let field = fields.first(where: { $0.key == key }) else { return location(of: key) }
        return field.items.first { $0.text == text }?.location ?? field.valueLocation
    }

    /// Where a front matter key sits, or the top of the file.
    public func keyLocation(of key: String) -> SourceLocation {
        fields.first { $0.key == key }?.keyLocation ?? SourceLocation(file: file, line: 1)
    }
}

/// A front matter key with the places of the key and of its value.
public struct FieldLocation: Sendable {
    /// The key as written.
    public var key: String
    /// Where the key is.
    public var keyLocation: SourceLocation
    /// Where the value is.
    public var valueLocation: SourceLocation
    /// Whether the value is a single value (or null) rather than a list or mapping.
    public var valueIsScalar: Bool = true
    /// Whether the value is null, blank or an empty list or mapping.
    public var valueIsEmpty: Bool = false
    /// For a list, each single-valued item (trimmed) with where it is.
    public var items: [(text: String, location: SourceLocation)] = []
}
