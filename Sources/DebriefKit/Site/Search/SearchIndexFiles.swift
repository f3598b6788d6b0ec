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

    /// What one document contributes.
    private struct Counted: Sendable {
        var terms: [(String, Float)]
        var length: Float
        var words: [String]
    }

    /// How many documents are analyzed at once before their words join the postings: bounds
    /// what is held per document to one batch.
    static let batchSize = 512

    /// The index files, from every document's body. Throws when a stored body no longer
    /// matches its record (the cache changed during the build).
    static func make(_ corpus: SearchCorpus, bodies: BodyStore) throws -> [(path: String, bytes: [UInt8])] {
        // Postings keep raw frequencies until every length is known, in two flat arrays per term,
        // in partitions of the words that are filled side by side.
        let partitions = (0..<partitionCount).map { _ in Partition() }
        var lengths: [Float] = []
        lengths.reserveCapacity(corpus.documents.count)
        var start = 0
        while start < corpus.documents.count {
            let batch = Array(corpus.documents[start..<min(start + batchSize, corpus.documents.count)])
            let counted = try parallelMapThrowing(batch) { document -> Counted in
                let sections = SearchSections.of(html: try bodies.requiredHTML(of: document.site), headings: document.site.headings)
                return count(document, sections: sections)
            }
            let pairs = Array(zip(batch, counted))
            _ = parallelMap(Array(partitions.indices)) { index in
                let partition = partitions[index]
                for (document, counts) in pairs {
                    let number = Int32(document.number)
                    for (term, frequency) in counts.terms where Self.partition(of: term) == index {
                        partition.postings[term, default: Posting()].append(number, frequency)
                    }
                    for filter in document.filters where Self.partition(of: filter) == index {
                        partition.postings[filter, default: Posting()].append(number, -1)
                    }
                    for word in counts.words where Self.partition(of: word) == index { partition.wordCounts[word, default: 0] += 1 }
                }
            }
            lengths += counted.map(\.length)
            start += batch.count
        }
        func postings(_ term: String) -> Posting? { partitions[partition(of: term)].postings[term] }
        let average = lengths.isEmpty ? 1 : max(1, lengths.reduce(0, +) / Float(lengths.count))
        let norms = lengths.map { Float(k1) * (1 - Float(b) + Float(b) * $0 / average) }

        var files: [(path: String, bytes: [UInt8])] = []
        var firstTerms: [String] = []
        var shard = ""
        func closeShard() {
            guard !shard.isEmpty else { return }
            let number = files.count
            files.append(("\(folder)/t/\(number).js", Array("debriefSearch.terms(\(number),\(quoted(shard)));\n".utf8)))
            shard = ""
        }
        // UTF-16 order, the order of the script's `<`; keys made once, compared as arrays.
        let ordered = partitions.flatMap(\.postings.keys).map { (key: Array($0.utf16), term: $0) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        for term in ordered.map(\.term) where !term.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            if shard.isEmpty { firstTerms.append(term) }
            shard += term + "\t" + String(decoding: postings(term)?.encoded(norms: norms) ?? [], as: UTF8.self) + "\n"
            if shard.utf8.count >= shardBytes { closeShard() }
        }
        closeShard()

        let common = partitions.flatMap(\.wordCounts).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let words = common.prefix(suggestionWords).map(\.key).joined(separator: " ")
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

    private static func count(_ document: SearchCorpus.Document, sections: [SearchSection]) -> Counted {
        /// A term's weighted frequency, and the first word as written that gave it (for
        /// suggestions; nil for compounds, ids and numbers).
        struct Tally {
            var frequency: Float = 0
            var word: String?
        }
        var tallies: [String: Tally] = [:]
        var length: Float = 0
        func add(_ text: String, _ weight: Float, suggest: Bool = true) {
            SearchAnalyzer.words(in: text) { word in
                if !word.isCompound { length += weight }
                // One lookup per word: the tally is changed in place.
                func tally(_ entry: inout Tally) {
                    entry.frequency += weight
                    if suggest, entry.word == nil, !word.isCompound, word.folded.utf8.count >= 3,
                       !word.folded.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
                        entry.word = word.folded
                    }
                }
                tally(&tallies[word.term, default: Tally()])
            }
        }
        add(document.id, idWeight, suggest: false)
        add(document.title, titleWeight)
        for value in [document.severity] + document.services + document.tags + document.people { add(value, metaWeight) }
        for section in sections {
            add(section.heading, headingWeight)
            add(section.text, bodyWeight)
        }
        return Counted(terms: tallies.map { ($0.key, $0.value.frequency) }, length: length, words: tallies.values.compactMap(\.word))
    }

    /// How many partitions of the words are filled at once, each by one thread.
    static let partitionCount = 4

    /// Which partition a word is in: cheap, from its bytes.
    static func partition(of term: String) -> Int {
        let utf8 = term.utf8
        return Int((utf8.first ?? 0) ^ (utf8.last ?? 0) ^ UInt8(truncatingIfNeeded: utf8.count)) % partitionCount
    }

    /// One partition's postings and suggestion counts. A class, so that the thread filling it
    /// changes it in place; only that thread touches it while a batch is merged.
    private final class Partition: @unchecked Sendable {
        var postings: [String: Posting] = [:]
        var wordCounts: [String: Int] = [:]
    }

    /// A term's postings: document numbers ascending, with the word's weighted frequency in
    /// each (-1 for a filter, which has no weight).
    private struct Posting {
        var documents: [Int32] = []
        var frequencies: [Float] = []

        mutating func append(_ number: Int32, _ frequency: Float) {
            guard documents.last.map({ $0 < number }) ?? true else { return }
            documents.append(number)
            frequencies.append(frequency)
        }

        /// Gap from the previous document in base-32 digits of `alphabet` (32-63 continue a
        /// number), then the BM25 weight without idf, normalised to 0-1 and quantized to 64
        /// levels.
        func encoded(norms: [Float]) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(documents.count * 3)
            var last = -1
            for (number, frequency) in zip(documents, frequencies) {
                var gap = Int(number) - last
                while gap >= 32 {
                    bytes.append(alphabet[32 + (gap & 31)])
                    gap >>= 5
                }
                bytes.append(alphabet[gap])
                var level = 0
                if frequency > 0 {
                    let weight = frequency / (frequency + norms[Int(number)])
                    level = min(63, Int(weight * 64))
                }
                bytes.append(alphabet[level])
                last = Int(number)
            }
            return bytes
        }
    }

    static func quoted(_ text: String) -> String {
        JSONText.render(.string(text), indent: nil, script: true)
    }
}
