/// The zone labels a timeline time may carry (`17:40 UTC`, `11:37 PST`, `(UTC)`, `+02:00`),
/// documented in `docs/format.md`. An abbreviation names a fixed offset, except the generic
/// US forms (`PT`, `ET`, …), which follow the zone's clocks that day; one that names more than
/// one zone in common use is never guessed.
public enum ZoneLabels {
    /// What a label means.
    public enum Meaning: Sendable, Equatable {
        /// A fixed offset from UTC, in seconds east.
        case offset(Int)
        /// An IANA zone, whose offset depends on the day.
        case zone(String)
        /// More than one zone in common use; each reading as (offset in seconds, where).
        case ambiguous([(Int, String)])

        public static func == (lhs: Meaning, rhs: Meaning) -> Bool {
            switch (lhs, rhs) {
            case (.offset(let a), .offset(let b)): return a == b
            case (.zone(let a), .zone(let b)): return a == b
            case (.ambiguous(let a), .ambiguous(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
            default: return false
            }
        }
    }

    private static func hours(_ h: Double) -> Meaning { .offset(Int(h * 3600)) }

    /// Upper-case abbreviation → meaning.
    public static let table: [String: Meaning] = [
        "UTC": .offset(0), "GMT": .offset(0), "Z": .offset(0), "UT": .offset(0), "WET": .offset(0),
        "WEST": hours(1), "BST": hours(1), "CET": hours(1), "CEST": hours(2), "MET": hours(1), "MEST": hours(2),
        "EET": hours(2), "EEST": hours(3), "MSK": hours(3),
        "PST": hours(-8), "PDT": hours(-7), "MST": hours(-7), "MDT": hours(-6), "CDT": hours(-5),
        "EST": hours(-5), "EDT": hours(-4), "AKST": hours(-9), "AKDT": hours(-8), "HST": hours(-10),
        "PT": .zone("America/Los_Angeles"), "MT": .zone("America/Denver"), "CT": .zone("America/Chicago"), "ET": .zone("America/New_York"),
        "JST": hours(9), "KST": hours(9), "SGT": hours(8), "HKT": hours(8), "AWST": hours(8),
        "ACST": hours(9.5), "ACDT": hours(10.5), "AEST": hours(10), "AEDT": hours(11),
        "NZST": hours(12), "NZDT": hours(13), "BRT": hours(-3),
        "IST": .ambiguous([(19_800, "India"), (3600, "Ireland, summer"), (7200, "Israel")]),
        "CST": .ambiguous([(-21_600, "US Central"), (28_800, "China"), (-18_000, "Cuba")]),
        "AST": .ambiguous([(-14_400, "Atlantic"), (10_800, "Arabia")]),
    ]

    /// Zone names written out, longest first so `Pacific Daylight Time` is not read as
    /// `Pacific`. `Pacific`, `Eastern`, … alone are the US zones, following their clocks that day.
    public static let names: [(String, Meaning)] = [
        ("central european summer time", hours(2)), ("central european time", hours(1)),
        ("coordinated universal time", .offset(0)), ("greenwich mean time", .offset(0)), ("british summer time", hours(1)),
        ("pacific standard time", hours(-8)), ("pacific daylight time", hours(-7)),
        ("mountain standard time", hours(-7)), ("mountain daylight time", hours(-6)),
        ("central standard time", hours(-6)), ("central daylight time", hours(-5)),
        ("eastern standard time", hours(-5)), ("eastern daylight time", hours(-4)),
        ("pacific time", .zone("America/Los_Angeles")), ("mountain time", .zone("America/Denver")),
        ("central time", .zone("America/Chicago")), ("eastern time", .zone("America/New_York")),
        ("pacific", .zone("America/Los_Angeles")), ("mountain", .zone("America/Denver")),
        ("central", .zone("America/Chicago")), ("eastern", .zone("America/New_York")),
    ]

    /// Abbreviations read in lower case too (`10:00 pst`): those that are no English word, so
    /// `10:00 met the vendor` keeps its event.
    /// Ambiguous abbreviations that are also common words in an event's text (`AST`, a syntax
    /// tree): followed by another word they are text. The others (`IST`, `CST`) stay zones.
    public static let alsoCommonWords: Set<String> = ["AST"]

    /// (`est` is not among them: in lower case it is an estimate far more often than a zone.)
    public static let anyCase: Set<String> = [
        "utc", "gmt", "pst", "pdt", "mst", "mdt", "cdt", "edt", "akst", "akdt", "hst", "cet", "cest", "eet", "eest",
        "bst", "msk", "jst", "kst", "sgt", "hkt", "awst", "acst", "acdt", "aest", "aedt", "nzst", "nzdt", "brt", "ist", "cst",
    ]

    /// The meaning of `label` (any case for the abbreviations and names; `UTC+2`, `GMT-05:00` too).
    public static func meaning(of label: String) -> Meaning? {
        let upper = label.uppercased()
        if let known = table[upper] { return known }
        let lower = label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let named = names.first(where: { $0.0 == lower }) { return named.1 }
        for base in ["UTC", "GMT"] where upper.hasPrefix(base) {
            let rest = String(upper.dropFirst(base.count))
            if let offset = offset(rest) { return .offset(offset) }
        }
        return nil
    }

    /// `+02:00`, `-0500`, `+2`, `+05:30` as seconds east of UTC.
    public static func offset(_ text: String) -> Int? {
        let chars = Array(text)
        guard let sign = chars.first, sign == "+" || sign == "-" || sign == "−" else { return nil }
        let body = Array(chars.dropFirst())
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, body.filter({ $0 != ":" }).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let hours: Int, minutes: Int
        if parts.count == 2 {
            // `+5:30` and `+05:30`.
            guard (1...2).contains(parts[0].count), parts[1].count == 2,
                  let h = Int(String(parts[0])), let m = Int(String(parts[1])) else { return nil }
            (hours, minutes) = (h, m)
        } else {
            // `+2`, `+02`, `+0530`.
            guard [1, 2, 4].contains(body.count), let value = Int(String(body)) else { return nil }
            (hours, minutes) = body.count == 4 ? (value / 100, value % 100) : (value, 0)
        }
        // Real offsets run from -12:00 to +14:00.
        guard minutes <= 59, hours * 60 + minutes <= (sign == "+" ? 14 * 60 : 12 * 60) else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "+" ? seconds : -seconds
    }
}
