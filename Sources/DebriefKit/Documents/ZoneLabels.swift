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

    /// The meaning of `label` (any case for the abbreviations; `UTC+2`, `GMT-05:00` too).
    public static func meaning(of label: String) -> Meaning? {
        let upper = label.uppercased()
        if let known = table[upper] { return known }
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
        let digits = chars.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), [1, 2, 4].contains(digits.count),
              chars.dropFirst().filter({ $0 == ":" }).count <= 1 else { return nil }
        let value = digits.compactMap { $0.wholeNumberValue }
        let hours = digits.count == 4 ? value[0] * 10 + value[1] : value.reduce(0) { $0 * 10 + $1 }
        let minutes = digits.count == 4 ? value[2] * 10 + value[3] : 0
        if chars.contains(":"), digits.count != 4 { return nil }
        guard hours <= 14, minutes <= 59 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "+" ? seconds : -seconds
    }
}
