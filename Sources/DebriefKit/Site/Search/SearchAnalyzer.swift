/// How text becomes search terms, on both sides of the index: the build runs this code over
/// every document, and `assets/search.js` runs the same steps over the query and over the text
/// it highlights. `Tests/DebriefKitTests/Fixtures/Search/analysis.txt` holds words with the
/// terms both must give; a unit test checks this side and the browser test checks the script.
///
/// 1. Fold: compatibility decomposition (NFKD), combining marks removed, lower case
///    (`Ünïcode` and `unicode` are one word).
/// 2. Split into words: runs of letters and digits. Letters and digits joined by single `_`,
///    `.` or `-` (`pg_basebackup`, `us-east-1`, `INC-2024-031`, `api.example.com`) are one
///    compound word, every shorter run of two or more of its parts (of three at most when it
///    has more than six), *and* each part: the whole identifier, a piece of it and each word
///    find it.
/// 3. Stem each plain word of letters `a`-`z` with steps 1a, 1b, 1c and 5a of Porter's
///    algorithm (plurals, `-ed`, `-ing`, final `y`, final `e`): `timeouts` → `timeout`,
///    `deleted`, `deletes` → `delet`, `policies` → `polici`, `restore`, `restoring` →
///    `restor`. Nothing stronger: `deployment` stays itself.
enum SearchAnalyzer {
    /// Longest word indexed, in UTF-16 code units (the script's string unit); longer runs are
    /// cut, identically on both sides.
    static let maxWordLength = 40

    /// A word the analyzer found: its stemmed term, whether it is the compound of the parts
    /// that follow it, and the text as folded (before stemming), for suggestions.
    struct Word: Equatable {
        var term: String
        var folded: String
        var isCompound: Bool
    }

    /// Calls `body` with each word of `text`, in order: a compound, then its parts.
    static func words(in text: String, _ body: (Word) -> Void) {
        // Words never span white space, so the text is taken a run of non-space bytes at a
        // time: ASCII runs (most of any post-mortem) on bytes, the others through Unicode folding.
        var text = text
        text.withUTF8 { buffer in
            var start = 0
            var ascii = true
            // One splitter for the whole text, so its buffers are made once, not per word.
            var splitter = ASCIIWords()
            for index in 0...buffer.count {
                let byte: UInt8 = index == buffer.count ? 0x20 : buffer[index]
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                    if index > start {
                        let run = UnsafeBufferPointer(rebasing: buffer[start..<index])
                        if ascii { splitter.split(run, body) } else { unicodeWords(String(decoding: run, as: UTF8.self), body) }
                    }
                    start = index + 1
                    ascii = true
                } else if byte >= 0x80 {
                    ascii = false
                }
            }
        }
    }

    /// `words(in:)` for runs of ASCII bytes: folding is lower-casing. A value changed through
    /// `mutating` methods (checked at compile time, where captured local variables were checked
    /// at run time on every byte), whose buffers serve every run of a text; each run leaves it
    /// empty again.
    private struct ASCIIWords {
        var parts: [String] = []
        var connectors: [Unicode.Scalar] = []
        var current: [UInt8] = []
        var pendingConnector: UInt8?

        mutating func split(_ run: UnsafeBufferPointer<UInt8>, _ body: (Word) -> Void) {
            for var byte in run {
                let isUpper = byte >= 0x41 && byte <= 0x5A
                if isUpper { byte += 0x20 }
                if isUpper || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    if let connector = pendingConnector {
                        connectors.append(Unicode.Scalar(connector))
                        pendingConnector = nil
                        parts.append(String(decoding: current, as: UTF8.self))
                        current.removeAll(keepingCapacity: true)
                    }
                    current.append(byte)
                } else if byte == 0x5F || byte == 0x2E || byte == 0x2D, !current.isEmpty, pendingConnector == nil {
                    pendingConnector = byte
                } else {
                    endWord(body)
                }
            }
            endWord(body)
        }

        private mutating func endWord(_ body: (Word) -> Void) {
            pendingConnector = nil
            if parts.isEmpty {
                // One plain word, the common case: no compound, folded and stemmed from bytes.
                guard !current.isEmpty else { return }
                if current.count > maxWordLength { current.removeSubrange(maxWordLength...) }
                let folded = String(decoding: current, as: UTF8.self)
                var isLetters = current.count > 2
                for byte in current where byte < 0x61 { isLetters = false }
                if isLetters { stem(&current) }
                body(Word(term: isLetters ? String(decoding: current, as: UTF8.self) : folded, folded: folded, isCompound: false))
                current.removeAll(keepingCapacity: true)
                return
            }
            if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
            emit(parts, connectors: connectors, body)
            parts.removeAll(keepingCapacity: true)
            connectors.removeAll(keepingCapacity: true)
        }
    }

    /// `words(in:)` for text with non-ASCII characters.
    private static func unicodeWords(_ text: String, _ body: (Word) -> Void) {
        // A run of punctuation only (the `·` the search text puts between a table's cells) has
        // no words: answered without Foundation's decomposition, a tenth of counting a body.
        if text.unicodeScalars.allSatisfy(wordless.contains) { return }
        let folded = fold(text)
        var scalars = folded.unicodeScalars.makeIterator()
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var pendingConnector: Unicode.Scalar?
        var connectors: [Unicode.Scalar] = []
        func endPart() {
            if !current.isEmpty { parts.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        func endWord() {
            endPart()
            pendingConnector = nil
            guard !parts.isEmpty else { return }
            emit(parts, connectors: connectors, body)
            parts = []
            connectors = []
        }
        while let scalar = scalars.next() {
            if isWordScalar(scalar) {
                if let connector = pendingConnector {
                    connectors.append(connector)
                    pendingConnector = nil
                    endPart()
                }
                current.append(scalar)
            } else if scalar == "_" || scalar == "." || scalar == "-", !current.isEmpty, pendingConnector == nil {
                pendingConnector = scalar
            } else {
                endWord()
            }
        }
        endWord()
    }

    /// Punctuation and symbols common in rendered post-mortems that folding leaves without a
    /// letter or digit, each a starter (combining class 0), so a run made of them folds to no
    /// word whatever their order (a test checks each against `fold` and `isWordScalar`).
    static let wordless: Set<Unicode.Scalar> = [
        "\u{A0}", "\u{A7}", "\u{A9}", "\u{AB}", "\u{AE}", "\u{B0}", "\u{B7}", "\u{BB}", "\u{D7}",
        "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2018}", "\u{2019}",
        "\u{201C}", "\u{201D}", "\u{2020}", "\u{2022}", "\u{2026}", "\u{2032}", "\u{2039}", "\u{203A}",
        "\u{2190}", "\u{2191}", "\u{2192}", "\u{2193}", "\u{2194}", "\u{21D2}", "\u{2212}", "\u{2248}",
        "\u{2260}", "\u{2264}", "\u{2265}", "\u{2713}", "\u{2717}", "\u{25B2}", "\u{25BC}",
    ]

    /// Most parts a compound may have for all its shorter runs to be words too; a longer one
    /// gets its runs of two and three parts.
    static let maxCompoundParts = 6

    private static func emit(_ parts: [String], connectors: [Unicode.Scalar], _ body: (Word) -> Void) {
        func compound(_ range: Range<Int>) {
            var text = parts[range.lowerBound]
            for index in (range.lowerBound + 1)..<range.upperBound {
                text.unicodeScalars.append(connectors[index - 1])
                text += parts[index]
            }
            let clipped = clip(text)
            body(Word(term: clipped, folded: clipped, isCompound: true))
        }
        let count = parts.count
        if count > 1 {
            // The whole, then every shorter run of two parts or more (`pg_basebackup` in
            // `pg_basebackup.log`), longest first from each start.
            compound(0..<count)
            // Longer compounds (host names, Java packages) get their runs of two and three parts.
            let longest = count <= maxCompoundParts ? count : 3
            for start in 0..<count {
                for end in stride(from: min(count, start + longest), through: start + 2, by: -1) where !(start == 0 && end == count) {
                    compound(start..<end)
                }
            }
        }
        for part in parts {
            let clipped = clip(part)
            body(Word(term: stem(clipped), folded: clipped, isCompound: false))
        }
    }

    /// The terms of `text`, in order (compounds before their parts).
    static func terms(in text: String) -> [String] {
        var terms: [String] = []
        words(in: text) { terms.append($0.term) }
        return terms
    }

    /// Letters and digits: Unicode general categories L* and N*, the script's `[\p{L}\p{N}]`.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// NFKD, without combining marks, lower case, final sigma as sigma (the script's
    /// `toLowerCase` writes `ς` at the end of a word, Swift's never). ASCII text is only
    /// lower-cased.
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(scalar)
            }
        }
        var lowered = String.UnicodeScalarView()
        for scalar in String(out).lowercased().unicodeScalars { lowered.append(scalar == "\u{03C2}" ? "\u{03C3}" : scalar) }
        return String(lowered)
    }

    /// At most `maxWordLength` UTF-16 code units, never splitting a surrogate pair.
    static func clip(_ word: String) -> String {
        guard word.utf16.count > maxWordLength else { return word }
        var out = String.UnicodeScalarView()
        var length = 0
        for scalar in word.unicodeScalars {
            let width = scalar.value > 0xFFFF ? 2 : 1
            if length + width > maxWordLength { break }
            out.append(scalar)
            length += width
        }
        return String(out)
    }

    // MARK: - Porter steps 1a, 1b, 1c, 5a

    /// The word stemmed by steps 1a-1c and 5a of Porter (1980), for words of `a`-`z` longer
    /// than two letters; any other word as it is.
    static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `stem(_:)` in place, for a word of `a`-`z` longer than two letters.
    static func stem(_ w: inout [UInt8]) {
        // Step 1a.
        if w.ends(with: "sses") { w.removeLast(2) }
        else if w.ends(with: "ies") { w.removeLast(2) }
        else if w.ends(with: "ss") {}
        else if w.ends(with: "s") { w.removeLast() }
        // Step 1b.
        var extra = false
        if w.ends(with: "eed") {
            if measure(w, upTo: w.count - 3) > 0 { w.removeLast() }
        } else if w.ends(with: "ed"), hasVowel(w, upTo: w.count - 2) {
            w.removeLast(2)
            extra = true
        } else if w.ends(with: "ing"), hasVowel(w, upTo: w.count - 3) {
            w.removeLast(3)
            extra = true
        }
        if extra {
            let n = w.count
            if w.ends(with: "at") || w.ends(with: "bl") || w.ends(with: "iz") {
                w.append(0x65)
            } else if n >= 2, w[n - 1] == w[n - 2], isConsonant(w, n - 1), w[n - 1] != 0x6C, w[n - 1] != 0x73, w[n - 1] != 0x7A {
                w.removeLast()
            } else if measure(w, upTo: n) == 1, endsCVC(w, upTo: n) {
                w.append(0x65)
            }
        }
        // Step 1c.
        if w.last == 0x79, hasVowel(w, upTo: w.count - 1) { w[w.count - 1] = 0x69 }
        // Step 5a: a final e after a long enough stem (`restore`, `restoring` → `restor`).
        if w.last == 0x65 {
            let m = measure(w, upTo: w.count - 1)
            if m > 1 || (m == 1 && !endsCVC(w, upTo: w.count - 1)) { w.removeLast() }
        }
    }

    private static func isConsonant(_ w: [UInt8], _ i: Int) -> Bool {
        switch w[i] {
        case 0x61, 0x65, 0x69, 0x6F, 0x75: return false
        case 0x79: return i == 0 ? true : !isConsonant(w, i - 1)
        default: return true
        }
    }

    /// Porter's m of `w[..<end]`: the number of vowel-consonant sequences.
    private static func measure(_ w: [UInt8], upTo end: Int) -> Int {
        var m = 0
        var i = 0
        while i < end, isConsonant(w, i) { i += 1 }
        while i < end {
            while i < end, !isConsonant(w, i) { i += 1 }
            guard i < end else { break }
            while i < end, isConsonant(w, i) { i += 1 }
            m += 1
        }
        return m
    }

    private static func hasVowel(_ w: [UInt8], upTo end: Int) -> Bool {
        var i = 0
        while i < end {
            if !isConsonant(w, i) { return true }
            i += 1
        }
        return false
    }

    /// `w[..<end]` ends consonant-vowel-consonant, the last not `w`, `x` or `y`.
    private static func endsCVC(_ w: [UInt8], upTo n: Int) -> Bool {
        guard n >= 3, isConsonant(w, n - 1), !isConsonant(w, n - 2), isConsonant(w, n - 3) else { return false }
        return w[n - 1] != 0x77 && w[n - 1] != 0x78 && w[n - 1] != 0x79
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard count >= length else { return false }
        let start = suffix.utf8Start
        for offset in 0..<length where self[count - length + offset] != start[offset] { return false }
        return true
    }
}
