import Foundation

/// The site's full-text search index, as script files that `assets/search.js` loads with
/// `<script src>` (so it works from `file://` and under the Content-Security-Policy):
///
/// - `search/meta.js`: the number of documents and the first term of each term shard;
/// - `search/t/N.js`: term shards, terms in UTF-16 order, each with its postings: for every
///   document holding the term, the gap from the previous document number and a BM25 weight;
/// - `search/words.js`: the most common words as written, for "did you mean" suggestions;
/// - `search/d/N.js` (made by `SearchFragment` at render time): document N's title, metadata,
///   actions and text by section, for the result list and its snippets.
///
/// A one-word query loads the meta file, one term shard and the documents it shows.
/// `docs/search.md` describes the ranking; `docs/performance.md` its sizes at 10,000
/// post-mortems.
enum SearchIndexFiles {
    static let folder = "search"
    /// A term shard is closed once it passes this many bytes (a term's postings are never split).
    static let shardBytes = 16 * 1024
    /// How many words `words.js` suggests from.
    static let suggestionWords = 6_000
    /// BM25 parameters.
    static let k1 = 1.2, b = 0.75
    /// Field weights (BM25F-style: a word in a title counts as six in the body).
    static let idWeight: Float = 10, titleWeight: Float = 6, metaWeight: Float = 4, headingWeight: Float = 3, bodyWeight: Float = 1

    /// The 64 characters postings are written in: digits 0-31 end a number, 32-63 continue it.
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    /// How many documents are analyzed at once before their words join the postings: bounds
    /// what is held per document (each one's terms as counted, some 20 KB) to one batch.
    static let batchSize = 128

    /// The index files, from every document's body. A
    /// document whose entry in `cached` has its `countKey` is not analyzed again: its counts
    /// are taken from there, and its body is not read. Throws when a stored body no longer
    /// matches its record (the cache changed during the build).
    ///
    /// `saveCounts` is given what each document gave (for the cache's `search.bin`) and the
    /// strings they name as soon as every document is in, and they are let go before the
    /// postings are grouped by term: the two are the largest things made here.
    static func make(_ corpus: SearchCorpus, bodies: BodyStore, cached: SearchCounts = SearchCounts(),
                     saveCounts: (SearchCounts.Writer, [String]) throws -> Void = { _, _ in }) throws
        -> [(path: String, bytes: [UInt8])] {
        // Every term and word is numbered once. The postings are kept as they come, document by
        // document, and grouped by term once every document is in (`Postings`).
        var numbers: [String: UInt32] = [:]
        var names: [String] = []
        var wordCounts: [Int] = []
        var postings = Postings()
        func number(_ term: String) -> UInt32 {
            if let known = numbers[term] { return known }
            let new = UInt32(names.count)
            numbers[term] = new
            names.append(term)
            wordCounts.append(0)
            postings.addTerm()
            return new
        }
        // A cached string is looked up once, the first time an entry names it.
        var renumbered = [UInt32](repeating: .max, count: cached.strings.count)
        func number(cached old: UInt32) -> UInt32 {
            let position = Int(old)
            if renumbered[position] == .max { renumbered[position] = number(cached.strings[position]) }
            return renumbered[position]
        }
        var counts = SearchCounts.Writer(capacity: 1_024 * corpus.documents.count)
        var lengths: [Float] = []
        lengths.reserveCapacity(corpus.documents.count)
        var start = 0
        while start < corpus.documents.count {
            let batch = Array(corpus.documents[start..<min(start + batchSize, corpus.documents.count)])
            // A document's counts: the cached ones under its key, else its body analyzed now.
            let counted = try parallelMapThrowing(batch) { document -> (key: UInt64, reused: SearchCounts.Entry?, tally: Tally?) in
                let key = countKey(document)
                if let old = cached.entry(for: document.site.file, key: key) { return (key, old, nil) }
                let sections = SearchSections.of(html: try bodies.requiredHTML(of: document.site), headings: document.site.headings)
                return (key, nil, count(document, sections: sections))
            }
            for (document, counted) in zip(batch, counted) {
                let entry: SearchCounts.Entry
                if let old = counted.reused {
                    entry = SearchCounts.Entry(key: old.key, terms: old.terms.map { number(cached: $0) }, frequencies: old.frequencies,
                                               length: old.length, words: old.words.map { number(cached: $0) })
                } else if let new = counted.tally {
                    entry = SearchCounts.Entry(key: counted.key, terms: new.terms.map { number($0.term) },
                                               frequencies: new.terms.map(\.frequency),
                                               length: new.length, words: new.terms.compactMap(\.word).map { number($0) })
                } else {
                    continue
                }
                postings.add(Int32(document.number), terms: entry.terms, filters: document.filters.map { number($0) })
                for word in entry.words { wordCounts[Int(word)] += 1 }
                lengths.append(entry.length)
                counts.append(document.site.file, entry)
            }
            start += batch.count
        }
        try saveCounts(counts, names)
        let average = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Float(lengths.count))
        let norms = lengths.map { Float(k1) * (1 - Float(b) + Float(b) * $0 / average) }
        let grouped = try postings.grouped(norms: norms, from: counts, strings: names.count)
        counts = SearchCounts.Writer(capacity: 0)

        var files: [(path: String, bytes: [UInt8])] = []
        var firstTerms: [String] = []
        var shard = ""
        func closeShard() {
            guard !shard.isEmpty else { return }
            let number = files.count
            files.append(("\(folder)/t/\(number).js", Array("debriefSearch.terms(\(number),\(quoted(shard)));\n".utf8)))
            shard = ""
        }
        // UTF-16 order, the order of the script's `<`. A string that is only a suggested word
        // has no postings and no line.
        let ordered = utf16Sorted(names.indices.filter { grouped.count(of: $0) > 0 }, names)
        for term in ordered where !names[term].utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            if shard.isEmpty { firstTerms.append(names[term]) }
            shard += names[term] + "\t" + String(decoding: grouped.encoded(term), as: UTF8.self) + "\n"
            if shard.utf8.count >= shardBytes { closeShard() }
        }
        closeShard()

        let common = names.indices.filter { wordCounts[$0] > 0 }
            .sorted { wordCounts[$0] != wordCounts[$1] ? wordCounts[$0] > wordCounts[$1] : names[$0] < names[$1] }
        let words = common.prefix(suggestionWords).map { names[$0] }.joined(separator: " ")
        files.append(("\(folder)/words.js", Array("debriefSearch.words(\(quoted(words)));\n".utf8)))

        let postmortems = corpus.documents.filter { $0.kind == "pm" }.count
        let meta = JSONText.render(.object([
            ("version", .number(1)),
            ("documents", .number(Double(corpus.documents.count))),
            ("postmortems", .number(Double(postmortems))),
            ("sops", .number(Double(corpus.documents.count - postmortems))),
            ("shards", .array(firstTerms.map { .string($0) })),
        ]), indent: nil, script: true)
        files.append(("\(folder)/meta.js", Array("debriefSearch.meta(\(meta));\n".utf8)))
        return files
    }

    /// `terms` in the UTF-16 order of their `names`, without making a key for each: UTF-8's
    /// byte order is the order of code points, which is UTF-16's while no name has a character
    /// beyond U+FFFF (whose surrogates sort below U+E000-U+FFFF in UTF-16).
    static func utf16Sorted(_ terms: [Int], _ names: [String]) -> [Int] {
        if names.contains(where: { $0.utf8.contains { $0 >= 0xF0 } }) {
            return terms.map { (key: Array(names[$0].utf16), term: $0) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.term)
        }
        return terms.sorted { left, right in
            var a = names[left], b = names[right]
            return a.withUTF8 { a in b.withUTF8 { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            } }
        }
    }

    /// The hash of everything `count` reads of a document (and of the binary that counts): two
    /// builds that give a document the same key give it the same counts.
    static func countKey(_ document: SearchCorpus.Document) -> UInt64 {
        var hasher = StableHasher(seed: 0x5EA2C)
        hasher.combine(SiteBuilder.binaryIdentity)
        hasher.combine(document.id)
        hasher.combine(document.title)
        hasher.combine(document.severity)
        for list in [document.services, document.tags, document.people] {
            hasher.combine(list.count)
            for value in list { hasher.combine(value) }
        }
        hasher.combine(document.site.body.isNone)
        hasher.combine(document.site.bodyHash)
        hasher.combine(document.site.headings.count)
        for heading in document.site.headings {
            hasher.combine(heading.level)
            hasher.combine(heading.text)
            hasher.combine(heading.anchor)
        }
        return hasher.finalize()
    }

    /// What one document contributes, as analyzed in this build.
    private static func count(_ document: SearchCorpus.Document, sections: [SearchSection]) -> Tally {
        var tally = Tally()
        tally.add(document.id, idWeight, suggest: false)
        tally.add(document.title, titleWeight)
        for value in [document.severity] + document.services + document.tags + document.people { tally.add(value, metaWeight) }
        for section in sections {
            tally.add(section.heading, headingWeight)
            tally.add(section.text, bodyWeight)
        }
        return tally
    }

    /// One document's terms as they are counted. Its state is a value changed through
    /// `mutating` methods, not local variables captured by closures: those were checked for
    /// exclusive access at run time on every word, a tenth of the analysis.
    private struct Tally {
        /// A term's weighted frequency, and the first word as written that gave it (for
        /// suggestions; nil for compounds, ids and numbers). Kept in the order terms first
        /// appear, so the counts (and `search.bin`) are the same from one build to the next.
        struct Term {
            var term: String
            var frequency: Float = 0
            var word: String?
        }
        var terms: [Term] = []
        var positions: [String: Int] = [:]
        var length: Float = 0

        mutating func add(_ text: String, _ weight: Float, suggest: Bool = true) {
            SearchAnalyzer.words(in: text) { word in record(word, weight, suggest: suggest) }
        }

        private mutating func record(_ word: SearchAnalyzer.Word, _ weight: Float, suggest: Bool) {
            if !word.isCompound { length += weight }
            // One lookup per word.
            let position: Int
            if let known = positions[word.term] {
                position = known
            } else {
                position = terms.count
                positions[word.term] = position
                terms.append(Term(term: word.term))
            }
            terms[position].frequency += weight
            if suggest, terms[position].word == nil, !word.isCompound, word.folded.utf8.count >= 3,
               !word.folded.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
                terms[position].word = word.folded
            }
        }
    }

    /// Every posting of the index: each term's documents with the term's weighted frequency
    /// in each (-1 for a filter, which has no weight). As documents come, only how many
    /// documents hold each term is kept, with each document's filters; the terms and
    /// frequencies are read again from the counts written for the cache (`SearchCounts.Writer`)
    /// when the postings are grouped by term into two arrays of exactly their size. At 10,000
    /// post-mortems that is 2.4 million postings of 124,000 terms, most of them in one document
    /// (ids, tickets): a second copy of them as they came took 19 MB.
    private struct Postings {
        /// Per term: how many documents hold it, and the last that did.
        private var counts: [Int32] = []
        private var lastDocument: [Int32] = []
        private var total = 0
        /// Each document's number and where its filters end in `filterTerms`, in the order the
        /// documents came (the order of the counts' entries).
        private var documents: [(number: Int32, filtersEnd: Int)] = []
        private var filterTerms: [UInt32] = []

        /// Numbers the next term.
        mutating func addTerm() {
            counts.append(0)
            lastDocument.append(-1)
        }

        /// Counts the postings of document `number`: its counted `terms`, then its `filters`,
        /// each term once (the first is kept). Documents come in ascending numbers, each after
        /// its entry was appended to the counts.
        mutating func add(_ number: Int32, terms: [UInt32], filters: [UInt32]) {
            for term in terms { count(term, in: number) }
            for filter in filters { count(filter, in: number) }
            filterTerms.append(contentsOf: filters)
            documents.append((number, filterTerms.count))
        }

        private mutating func count(_ term: UInt32, in number: Int32) {
            let position = Int(term)
            guard lastDocument[position] < number else { return }
            lastDocument[position] = number
            counts[position] += 1
            total += 1
        }

        /// The postings grouped by term, each term's in ascending document numbers, with the
        /// weight level of each (`Grouped.level`): every document's terms and frequencies are
        /// read from `written` (whose string numbers are below `strings`), in the order `add`
        /// was given them, and its filters from here.
        consuming func grouped(norms: [Float], from written: SearchCounts.Writer, strings: Int) throws -> Grouped {
            var starts = [Int](repeating: 0, count: counts.count + 1)
            for term in counts.indices { starts[term + 1] = starts[term] + Int(counts[term]) }
            var filling = Filling(next: starts, last: [Int32](repeating: -1, count: counts.count),
                                  documents: [Int32](repeating: 0, count: total), levels: [UInt8](repeating: 0, count: total))
            lastDocument = []
            var read = 0, filtersStart = 0
            try written.forEachEntry(strings: strings) { entry in
                guard read < documents.count else { throw BinaryReader.Malformed() }
                let (number, filtersEnd) = documents[read]
                read += 1
                let norm = norms[Int(number)]
                for (term, frequency) in zip(entry.terms, entry.frequencies) { filling.place(term, number, frequency, norm: norm) }
                for filter in filterTerms[filtersStart..<filtersEnd] { filling.place(filter, number, -1, norm: norm) }
                filtersStart = filtersEnd
            }
            // Every document counted has been placed, and every posting with it.
            precondition(read == documents.count && filling.next.indices.dropLast().allSatisfy { filling.next[$0] == starts[$0 + 1] },
                         "the counts read back are not the postings counted")
            return Grouped(starts: starts, documents: filling.documents, levels: filling.levels)
        }

        /// The grouped arrays as they are filled: where each term's next posting goes, and
        /// the last document placed in each (so a term twice in one document is placed once,
        /// as it was counted).
        private struct Filling {
            var next: [Int]
            var last: [Int32]
            var documents: [Int32]
            var levels: [UInt8]

            mutating func place(_ term: UInt32, _ number: Int32, _ frequency: Float, norm: Float) {
                let position = Int(term)
                guard last[position] < number else { return }
                last[position] = number
                let slot = next[position]
                next[position] = slot + 1
                documents[slot] = number
                levels[slot] = Grouped.level(frequency, norm: norm)
            }
        }
    }

    /// The postings of each term, one after the other.
    private struct Grouped {
        /// Where each term's postings start (and, one past the last term, where they end).
        let starts: [Int]
        let documents: [Int32]
        /// The weight level of each posting: a byte where its frequency took four.
        let levels: [UInt8]

        /// The BM25 weight without idf of a term's weighted `frequency` in a document, given
        /// the document's length `norm`, normalised to 0-1 and quantized to 64 levels; 0 for a
        /// filter (frequency -1).
        static func level(_ frequency: Float, norm: Float) -> UInt8 {
            guard frequency > 0 else { return 0 }
            let weight = frequency / (frequency + norm)
            return UInt8(min(63, Int(weight * 64)))
        }

        /// How many documents hold `term`.
        func count(of term: Int) -> Int {
            starts[term + 1] - starts[term]
        }

        /// `term`'s postings: the gap from the previous document in base-32 digits of
        /// `alphabet` (32-63 continue a number), then the BM25 weight without idf, normalised
        /// to 0-1 and quantized to 64 levels.
        func encoded(_ term: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count(of: term) * 3)
            var last = -1
            for posting in starts[term]..<starts[term + 1] {
                let number = Int(documents[posting])
                var gap = number - last
                while gap >= 32 {
                    bytes.append(alphabet[32 + (gap & 31)])
                    gap >>= 5
                }
                bytes.append(alphabet[gap])
                bytes.append(alphabet[Int(levels[posting])])
                last = number
            }
            return bytes
        }
    }

    static func quoted(_ text: String) -> String {
        JSONText.render(.string(text), indent: nil, script: true)
    }
}
