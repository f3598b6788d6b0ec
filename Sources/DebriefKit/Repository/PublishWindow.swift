import Yams

/// How long a post-mortem of one severity may take from `resolved` to `final`: a
/// `publish_within` entry of `debrief.yml` (`SEV1: 5bd`). See `docs/format.md`, "Publishing
/// deadlines", for the syntax and the day arithmetic, and `PublishingDeadline` for its use.
public struct PublishWindow: Sendable, Equatable, CustomStringConvertible {
    /// How many days.
    public var count: Int
    /// Whether they are business days (Monday to Friday) rather than calendar days.
    public var businessDays: Bool

    /// Creates a window.
    public init(count: Int, businessDays: Bool) {
        self.count = count
        self.businessDays = businessDays
    }

    /// The longest window: a year of calendar days, or of business days.
    public static let maxCount = 366

    /// `5d`, `5 days`, `1 day`, `5bd`, `5 business days`, with any case and spaces; nil for
    /// anything else (a bare number too: which kind of day it means must be written).
    public init?(_ text: String) {
        let trimmed = text.trimmed.lowercased()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 3, let count = Int(digits), count <= Self.maxCount else { return nil }
        let unit = trimmed.dropFirst(digits.count).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch unit {
        case "d", "day", "days": businessDays = false
        case "bd", "business day", "business days": businessDays = true
        default: return nil
        }
        self.count = count
    }

    /// As `debrief.yml` writes it: `5d`, `5bd`.
    public var description: String { "\(count)\(businessDays ? "bd" : "d")" }

    /// In words: `5 business days`, `1 day`.
    public var words: String { businessDays ? Plural.count(count, "business day") : Plural.count(count, "day") }

    /// The last day a post-mortem resolved on `resolvedDay` is on time: `count` calendar days
    /// later, or the `count`-th Monday-to-Friday day after it (the resolve day itself never
    /// counts, so `1bd` from a Friday, a Saturday or a Sunday is the Monday). `0d` and `0bd`
    /// are the resolve day.
    public func deadline(resolvedOn resolvedDay: CalendarDate) -> CalendarDate {
        guard businessDays else { return CalendarDate(daysSinceEpoch: resolvedDay.daysSinceEpoch + count) }
        var day = resolvedDay.daysSinceEpoch
        var counted = 0
        while counted < count {
            day += 1
            if CalendarDate(daysSinceEpoch: day).isWeekday { counted += 1 }
        }
        return CalendarDate(daysSinceEpoch: day)
    }
}

extension CalendarDate {
    /// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
    public var weekdayIndex: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    /// Monday to Friday.
    public var isWeekday: Bool { weekdayIndex < 5 }
}

extension Config {
    /// Reads `publish_within`: a mapping from severity to a `PublishWindow`. An entry that is no
    /// window, or names a severity not in `severities`, is DB049 where it is, and left out.
    static func publishWithin(_ value: Node, locator: YAMLLocator, at: SourceLocation, severities: [String],
                              into bag: inout DiagnosticBag) -> [String: PublishWindow] {
        guard case .mapping(let mapping) = value else {
            bag.error(.invalidPublishWithin, at: at, "'publish_within' must map severities to deadlines, e.g. 'SEV1: 5bd' on the next line, indented")
            return [:]
        }
        var windows: [String: PublishWindow] = [:]
        for (keyNode, entry) in mapping {
            let severity = keyNode.scalarText ?? ""
            guard severities.contains(severity) else {
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: severity, in: severities) { notes.append(.init("did you mean '\(close)'?")) }
                bag.error(.invalidPublishWithin, at: locator.location(of: keyNode),
                          "'publish_within' names '\(severity)', which is not one of the severities (\(severities.joined(separator: ", ")))",
                          notes: notes)
                continue
            }
            guard let text = entry.scalarText, !entry.isNull, let window = PublishWindow(text) else {
                let shown = entry.scalarText.map { "'\($0)'" } ?? entry.kindName
                bag.error(.invalidPublishWithin, at: locator.location(of: entry),
                          "the deadline of \(severity) must be calendar days ('5d') or business days ('5bd'), up to \(PublishWindow.maxCount), not \(shown)")
                continue
            }
            if windows[severity] != nil {
                bag.error(.invalidPublishWithin, at: locator.location(of: keyNode), "'publish_within' gives \(severity) twice")
                continue
            }
            windows[severity] = window
        }
        return windows
    }
}
