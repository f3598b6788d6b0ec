import Foundation

/// One entry of `tickets:` in `debrief.yml`: a regular expression for a ticket id and the
/// address it links to, with `$1`…`$9` (or `$0`, the whole id) replaced by what it captured.
public struct TicketPattern: Sendable, Equatable {
    /// The regular expression, matched against a whole token (`OPS-(\d+)`).
    public var pattern: String
    /// The address, `http(s)://` only (`https://jira.example.com/browse/OPS-$1`).
    public var url: String

    /// Creates an entry (not checked: `problem` says what is wrong with it).
    public init(pattern: String, url: String) {
        self.pattern = pattern
        self.url = url
    }

    /// The most entries `tickets:` may have.
    public static let maxCount = 10
    /// The longest pattern, in characters.
    public static let maxPatternLength = 100
    /// The most repeating quantifiers (`*`, `+`, `{n,}`, `{n,m}`) a pattern may hold.
    public static let maxRepeats = 2

    /// Why this entry cannot be used (`'pattern' is empty`), or nil.
    ///
    /// The repo may be untrusted (a pull request's CI), so a pattern is kept to what cannot
    /// backtrack badly on the short tokens it is matched against: no quantified group (`(a+)+`),
    /// no back-reference or look-around, at most `maxRepeats` repeating quantifiers, at most
    /// `maxPatternLength` characters; and it must not match the empty token.
    public func problem() -> String? {
        guard !pattern.isEmpty else { return "'pattern' is empty" }
        guard pattern.count <= Self.maxPatternLength else {
            return "'pattern' is longer than \(Self.maxPatternLength) characters"
        }
        if let construct = Self.unsafeConstruct(in: pattern) { return "'pattern' \(construct): '\(pattern)'" }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: "^(?:" + pattern + ")$")
        } catch {
            return "'pattern' is not a regular expression: '\(pattern)'"
        }
        if regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil {
            return "'pattern' matches the empty text: '\(pattern)'"
        }
        guard Config.isWebAddress(url) else { return "'url' must be an http(s) address, not '\(url)'" }
        for group in Self.placeholders(in: url) where group > regex.numberOfCaptureGroups {
            return "'url' uses $\(group), but the pattern has \(Plural.count(regex.numberOfCaptureGroups, "group"))"
        }
        return nil
    }

    /// The `$N` placeholders of a URL template.
    static func placeholders(in url: String) -> [Int] {
        let chars = Array(url)
        var found: [Int] = []
        for index in chars.indices.dropLast() where chars[index] == "$" {
            if let digit = chars[index + 1].wholeNumberValue, chars[index + 1].isASCII { found.append(digit) }
        }
        return found
    }

    /// The first construct of `pattern` that could make matching slow or is not supported, or nil.
    static func unsafeConstruct(in pattern: String) -> String? {
        let chars = Array(pattern)
        var index = 0
        var inClass = false
        var afterGroup = false
        var repeats = 0
        while index < chars.count {
            let char = chars[index]
            if char == "\\" {
                guard index + 1 < chars.count else { return "ends in a lone backslash" }
                let next = chars[index + 1]
                if !inClass, next.isASCIIDigit && next != "0" || next == "k" {
                    return "uses a back-reference (\\\(next)), which is not supported"
                }
                index += 2
                afterGroup = false
                continue
            }
            if inClass {
                if char == "]" { inClass = false }
                index += 1
                continue
            }
            switch char {
            case "[":
                inClass = true
                // A `]` right after `[` or `[^` is a literal member.
                if index + 1 < chars.count, chars[index + 1] == "^" { index += 1 }
                if index + 1 < chars.count, chars[index + 1] == "]" { index += 1 }
                afterGroup = false
            case "(":
                let rest = String(chars[index..<min(chars.count, index + 4)])
                if rest.hasPrefix("(?=") || rest.hasPrefix("(?!") || rest.hasPrefix("(?<=") || rest.hasPrefix("(?<!") {
                    return "uses a look-around, which is not supported"
                }
                afterGroup = false
            case ")":
                afterGroup = true
                index += 1
                continue
            case "*", "+", "{":
                if afterGroup { return "repeats a group ('\(char)' after ')'), which can take exponential time; repeat single characters or classes only" }
                if char == "{" {
                    guard let close = chars[index...].firstIndex(of: "}") else { break }
                    let inner = String(chars[(index + 1)..<close])
                    let bounds = inner.split(separator: ",", omittingEmptySubsequences: false)
                    if bounds.count > 1 || (Int(inner) ?? 0) > 1 { repeats += 1 }
                    index = close
                } else {
                    repeats += 1
                }
                if repeats > TicketPattern.maxRepeats {
                    return "has more than \(TicketPattern.maxRepeats) repeating quantifiers (*, +, {n,m})"
                }
            default:
                break
            }
            afterGroup = false
            index += 1
        }
        return nil
    }
}

/// Turns ticket ids into addresses by the repo's `tickets:` patterns. A pattern is matched
/// against a whole token: a run of letters, digits and `-_/#.` (a trailing `.` dropped), at
/// most `maxTokenLength` characters long. The first pattern that matches wins.
public struct TicketLinker: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable once made and documented as safe to use
    // from several threads.
    private struct Entry {
        var regex: NSRegularExpression
        /// The literal text every match starts with (`OPS-`, `#`), to skip most tokens cheaply.
        var prefix: String
        var url: String
    }

    private let entries: [Entry]
    /// The first bytes a match can start with, or nil when a pattern has no literal prefix.
    private let firstBytes: Set<UInt8>?

    /// The longest token a pattern is tried on.
    public static let maxTokenLength = 32

    /// A linker for the usable patterns of `patterns` (the others are reported by `Config`).
    public init(_ patterns: [TicketPattern]) {
        entries = patterns.prefix(TicketPattern.maxCount).compactMap { entry in
            guard entry.problem() == nil, let regex = try? NSRegularExpression(pattern: "^(?:" + entry.pattern + ")$") else { return nil }
            return Entry(regex: regex, prefix: Self.literalPrefix(entry.pattern), url: entry.url)
        }
        let prefixes = entries.map(\.prefix)
        firstBytes = prefixes.contains("") ? nil : Set(prefixes.compactMap(\.utf8.first))
    }

    /// Whether a token starting with `byte` may be an id: a cheap test before `url(for:)`.
    public func mayStart(with byte: UInt8) -> Bool {
        firstBytes?.contains(byte) ?? true
    }

    /// Whether no pattern is configured.
    public var isEmpty: Bool { entries.isEmpty }

    /// The address of `text` when the whole of it (trimmed) is a ticket id, or nil.
    public func url(for text: String) -> String? {
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, token.count <= Self.maxTokenLength else { return nil }
        for entry in entries where token.hasPrefix(entry.prefix) {
            let range = NSRange(token.startIndex..., in: token)
            guard let match = entry.regex.firstMatch(in: token, range: range) else { continue }
            let address = Self.expand(entry.url, match: match, in: token)
            // The template is a checked http(s) address and captures are percent-encoded, so
            // this holds; checked again because the href goes straight into pages.
            return Config.isWebAddress(address) ? address : nil
        }
        return nil
    }

    /// `url` with each `$N` replaced by group N of `match`, percent-encoded.
    private static func expand(_ url: String, match: NSTextCheckingResult, in token: String) -> String {
        var out = ""
        let chars = Array(url)
        var index = 0
        while index < chars.count {
            if chars[index] == "$", index + 1 < chars.count, chars[index + 1].isASCII, let group = chars[index + 1].wholeNumberValue {
                let range = group < match.numberOfRanges ? match.range(at: group) : NSRange(location: NSNotFound, length: 0)
                if range.location != NSNotFound, let swiftRange = Range(range, in: token) {
                    out += percentEncoded(String(token[swiftRange]))
                }
                index += 2
                continue
            }
            out.append(chars[index])
            index += 1
        }
        return out
    }

    /// Everything but ASCII letters, digits and `-._~` percent-encoded.
    private static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// The literal characters a pattern starts with, up to its first special character (and
    /// without the last one when a quantifier may follow it).
    static func literalPrefix(_ pattern: String) -> String {
        var prefix = ""
        let chars = Array(pattern)
        var index = 0
        while index < chars.count {
            let char = chars[index]
            if "[](){}.*+?^$|".contains(char) { break }
            if char == "\\" {
                guard index + 1 < chars.count else { break }
                let next = chars[index + 1]
                // `\d`, `\w`, `\s`, `\b`… are classes; an escaped punctuation mark is itself.
                if next.isLetter || next.isNumber { break }
                prefix.append(next)
                index += 2
                continue
            }
            prefix.append(char)
            index += 1
        }
        if index < chars.count, "*?{".contains(chars[index]), !prefix.isEmpty { prefix.removeLast() }
        if pattern.hasPrefix("(?i)") { return "" }
        return prefix
    }
}
