/// The pattern of new post-mortem ids (`id_format` in `debrief.yml`, default
/// `INC-{year}-{seq:3}`): `{year}` is the incident's four-digit year, `{seq}` a sequence number
/// and `{seq:N}` one zero-padded to N digits. Any other text, braces included, is literal.
public struct IDFormat: Sendable, Equatable {
    /// One piece of the pattern.
    enum Token: Equatable {
        case literal(String)
        case year
        case seq(width: Int)
    }

    /// The pattern as written.
    public let pattern: String
    let tokens: [Token]

    /// Reads a pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        self.tokens = Self.tokenize(pattern)
    }

    /// The id with `year` and `seq` filled in.
    public func id(year: Int, seq: Int) -> String {
        tokens.map { token in
            switch token {
            case .literal(let text): return text
            case .year: return Self.padded(year, to: 4)
            case .seq(let width): return Self.padded(seq, to: width)
            }
        }.joined()
    }

    /// The sequence number of `id` when it follows the pattern for `year`, else nil.
    public func sequence(of id: String, year: Int) -> Int? {
        var expected: [Token] = []
        for token in tokens {
            switch token {
            case .year: expected.append(.literal(Self.padded(year, to: 4)))
            default: expected.append(token)
            }
        }
        return Self.match(Substring(id), expected[...], seq: nil)
    }

    /// The next id for `year`: one past the highest sequence number among `existing` ids of
    /// that year (1 when there is none), skipping numbers whose id is taken anyway.
    public func next(after existing: some Sequence<String>, year: Int) -> String {
        let taken = Set(existing)
        let highest = taken.compactMap { sequence(of: $0, year: year) }.max() ?? 0
        var seq = highest + 1
        while taken.contains(id(year: year, seq: seq)) { seq += 1 }
        return id(year: year, seq: seq)
    }

    // MARK: - Private

    private static func tokenize(_ pattern: String) -> [Token] {
        var tokens: [Token] = []
        var literal = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            let token: Token?
            if name == "year" {
                token = .year
            } else if name == "seq" {
                token = .seq(width: 1)
            } else if name.hasPrefix("seq:"), let width = Int(name.dropFirst(4)), (1...12).contains(width) {
                token = .seq(width: width)
            } else {
                token = nil
            }
            if let token {
                if !literal.isEmpty { tokens.append(.literal(literal)) }
                literal = ""
                tokens.append(token)
            } else {
                literal += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        return tokens
    }

    /// Matches `text` against `tokens`, backtracking over the digits a sequence takes; every
    /// sequence token must read the same number.
    private static func match(_ text: Substring, _ tokens: ArraySlice<Token>, seq: Int?) -> Int? {
        guard let token = tokens.first else { return text.isEmpty ? seq : nil }
        let rest = tokens.dropFirst()
        switch token {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return nil }
            return match(text.dropFirst(literal.count), rest, seq: seq)
        case .year:
            // Replaced by the year's digits before matching.
            return nil
        case .seq:
            // Any number of digits: a hand-written `INC-2026-7` still counts as 7.
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            var length = digits.count
            while length >= 1 {
                if let value = Int(digits.prefix(length)), seq == nil || seq == value,
                   let found = match(text.dropFirst(length), rest, seq: value) {
                    return found
                }
                length -= 1
            }
            return nil
        }
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
