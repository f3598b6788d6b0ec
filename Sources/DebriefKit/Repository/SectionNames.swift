/// How headings are compared with section names: what a heading's decoration (numbering,
/// emphasis, punctuation, a trailing remark in parentheses) is, and the aliases built in for the
/// popular post-mortem templates. `docs/format.md` (Sections) lists both.
public enum SectionNames {
    /// The sections debrief knows by default, in their canonical names: the default
    /// `required_sections`, and what a section alias may name besides the configured ones.
    public static let standard = ["Summary", "Impact", "Timeline", "Root Cause", "Resolution", "Preventive Actions", "Lessons Learned"]

    /// The templates built-in aliases come from, as `docs/format.md` names them.
    public enum Template: String, Sendable, CaseIterable {
        /// The example post-mortem of Google's *Site Reliability Engineering* book.
        case sreBook = "Google SRE book"
        /// PagerDuty's post-mortem template.
        case pagerDuty = "PagerDuty"
        /// Atlassian's incident handbook template.
        case atlassian = "Atlassian"
        /// Microsoft Azure's post-incident reviews (PIR).
        case azure = "Azure PIR"
        /// The template of Limoncelli et al., *The Practice of Cloud System Administration*.
        case limoncelli = "Limoncelli"
        /// Wording common across teams, in no one template.
        case common = "common"
    }

    /// One built-in alias: a heading as a template writes it and the section it counts as.
    public struct Alias: Sendable {
        /// The heading as the template writes it.
        public let heading: String
        /// The canonical section it counts as.
        public let section: String
        /// Where the heading comes from.
        public let templates: [Template]
        /// Whether it counts only when the document has no other heading for the section (PagerDuty
        /// writes `What Happened` beside its `Overview`; Azure's `What happened?` is the summary).
        public let unlessTaken: Bool

        init(_ heading: String, _ section: String, _ templates: [Template], unlessTaken: Bool = false) {
            self.heading = heading
            self.section = section
            self.templates = templates
            self.unlessTaken = unlessTaken
        }
    }

    /// Every built-in alias. A heading maps only where its meaning is the section's; headings
    /// with no counterpart (Trigger, Detection, Response, Five whys …) are optional sections of
    /// their own. `Contributing factors` is one: post-mortems write it beside their Root Cause
    /// as often as instead of it, and as an alias the pair was a duplicate section.
    public static let builtInAliases: [Alias] = [
        Alias("Incident summary", "Summary", [.atlassian]),
        Alias("Executive summary", "Summary", [.limoncelli]),
        Alias("Overview", "Summary", [.pagerDuty]),
        Alias("What happened?", "Summary", [.azure, .pagerDuty], unlessTaken: true),
        Alias("Summary of impact", "Impact", [.common]),
        Alias("Customer impact", "Impact", [.common]),
        Alias("Affected users", "Impact", [.limoncelli]),
        Alias("Root Causes", "Root Cause", [.sreBook]),
        Alias("Root Cause(s)", "Root Cause", [.pagerDuty]),
        Alias("Root cause analysis", "Root Cause", [.common]),
        Alias("What went wrong and why?", "Root Cause", [.azure]),
        Alias("Recovery", "Resolution", [.atlassian]),
        Alias("How did we respond?", "Resolution", [.azure]),
        Alias("Stabilization steps", "Resolution", [.limoncelli]),
        Alias("Incident timeline", "Timeline", [.common]),
        Alias("Action Items", "Preventive Actions", [.sreBook, .pagerDuty, .limoncelli]),
        Alias("Follow-up tasks", "Preventive Actions", [.atlassian]),
        Alias("Follow-ups", "Preventive Actions", [.pagerDuty, .common]),
        Alias("Followups", "Preventive Actions", [.common]),
        Alias("Follow-up actions", "Preventive Actions", [.common]),
        Alias("Corrective actions", "Preventive Actions", [.common]),
        Alias("Future prevention steps", "Preventive Actions", [.limoncelli]),
        Alias("How are we making incidents like this less likely or less impactful?", "Preventive Actions", [.azure]),
        Alias("Lessons", "Lessons Learned", [.common]),
        Alias("Lessons learnt", "Lessons Learned", [.common]),
        Alias("How'd we do?", "Lessons Learned", [.pagerDuty]),
    ]

    /// The built-in aliases as `Config.sectionAliases` holds them: heading key → section.
    static let builtInAliasMap: [String: String] = Dictionary(
        builtInAliases.map { (key($0.heading), $0.section) }, uniquingKeysWith: { first, _ in first })

    /// Keys of the aliases that count only when the section is not otherwise taken.
    static let unlessTakenAliases: [String: String] = Dictionary(
        builtInAliases.filter(\.unlessTaken).map { (key($0.heading), $0.section) }, uniquingKeysWith: { first, _ in first })

    // MARK: - Keys

    /// The key a heading is compared by: emphasis, a trailing remark in parentheses
    /// (`(optional)`, `(UTC)`, `(s)`) and punctuation dropped, `&` read as `and`, apostrophes
    /// removed, case and runs of spaces ignored. Numbering is kept; `keys(_:)` also tries
    /// without it. `**Root Cause(s):**` → `root cause`.
    public static func key(_ heading: String) -> String {
        words(undecorated(Substring(heading)))
    }

    /// The keys to look a heading up by, in order: as written, then without its numbering
    /// (`1. Summary`, `1) Summary`, `IV - Root Causes`, `A. Timeline`), so `5 Whys` can still be
    /// an alias of its own.
    public static func keys(_ heading: String) -> [String] {
        let text = undecorated(Substring(heading))
        let whole = words(text)
        guard let unnumbered = droppingNumbering(text) else { return [whole] }
        let rest = words(undecorated(unnumbered))
        return rest.isEmpty || rest == whole ? [whole] : [whole, rest]
    }

    /// Emphasis, code and heading marks around a heading's words.
    private static let decoration: Set<Character> = ["*", "_", "`", "~", "#"]

    /// The heading without emphasis around it and without a trailing remark in parentheses.
    private static func undecorated(_ heading: Substring) -> Substring {
        var text = heading.drop { $0.isWhitespace || decoration.contains($0) }
        while let last = text.last, last.isWhitespace || decoration.contains(last) { text = text.dropLast() }
        // At most two remarks: `Timeline (UTC) (optional)`.
        for _ in 0..<2 {
            guard text.hasSuffix(")"), let open = text.lastIndex(of: "(") else { break }
            let before = text[..<open]
            guard before.contains(where: { $0.isLetter || $0.isNumber }) else { break }
            text = before
            while let last = text.last, last.isWhitespace || decoration.contains(last) { text = text.dropLast() }
        }
        return text
    }

    /// The text after a leading number (`1.`, `1)`, `1.2`, `1 -`, `(1)`), Roman numeral
    /// (`IV.`, `IV -`) or single letter (`A.`, `a)`), or nil when it starts with none. A number
    /// followed by anything but a separator and space (`2022-04-14`, `14:32`) is no numbering.
    static func droppingNumbering(_ text: Substring) -> Substring? {
        var rest = text
        var bracketed = false
        if rest.first == "(" {
            rest = rest.dropFirst()
            bracketed = true
        }
        let token = rest.prefix { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." }
        guard !token.isEmpty else { return nil }
        var core = token
        let endsWithDot = core.last == "."
        while core.last == "." { core = core.dropLast() }
        let isNumber = !core.isEmpty && core.allSatisfy { $0 == "." || $0.isNumber } && core.first?.isNumber == true
        let isRoman = romanNumerals.contains(String(core).uppercased())
        let isLetter = core.count == 1 && core.first?.isLetter == true
        guard isNumber || isRoman || isLetter else { return nil }
        rest = rest.dropFirst(token.count)
        var separated = endsWithDot
        if bracketed {
            guard rest.first == ")" else { return nil }
            rest = rest.dropFirst()
            separated = true
        } else if !separated, let next = rest.first, next == ")" || next == ":" {
            rest = rest.dropFirst()
            separated = true
        }
        let spaces = rest.prefix { $0 == " " || $0 == "\t" }
        guard !spaces.isEmpty else { return nil }
        rest = rest.dropFirst(spaces.count)
        if !separated, let dash = rest.first, "-–—:".contains(dash) {
            let after = rest.dropFirst()
            guard after.first == " " || after.first == "\t" else { return nil }
            rest = after
            separated = true
        }
        // A bare Roman numeral or letter before a word is a word (`I think`, `A timeline`).
        guard separated || isNumber else { return nil }
        let result = rest.drop { $0 == " " || $0 == "\t" }
        return result.isEmpty ? nil : result
    }

    /// I to L: section numbers, not the words made of the same letters (`MILD`, `CD`).
    private static let romanNumerals: Set<String> = {
        let tens = ["", "X", "XX", "XXX", "XL", "L"]
        let ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
        var all: Set<String> = []
        for ten in tens {
            for one in ones where !(ten + one).isEmpty { all.insert(ten + one) }
        }
        return all
    }()

    /// Lower-case words of `text` joined by single spaces; apostrophes vanish, `&` is `and`,
    /// every other non-alphanumeric character separates words.
    private static func words(_ text: Substring) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? asciiWords(text.utf8) : unicodeWords(text)
    }

    /// `words` of ASCII text, byte by byte: in ASCII the letters are `A`–`Z` and `a`–`z` and the
    /// numbers `0`–`9`, so the result is the same without a Unicode property lookup per character.
    static func asciiWords(_ text: Substring.UTF8View) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var pendingSpace = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
            case UInt8(ascii: "'"):
                continue
            case UInt8(ascii: "&"):
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: "and".utf8)
                pendingSpace = true
            default:
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `words` through `Character`: the path of every heading with a non-ASCII character, and
    /// what `asciiWords` is tested against.
    static func unicodeWords(_ text: Substring) -> String {
        var out = ""
        var pendingSpace = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(character)
            } else if character == "'" || character == "\u{2019}" || character == "\u{02BC}" {
                continue
            } else if character == "&" {
                if !out.isEmpty { out.append(" ") }
                out.append("and")
                pendingSpace = true
            } else {
                pendingSpace = true
            }
        }
        return out
    }
}
