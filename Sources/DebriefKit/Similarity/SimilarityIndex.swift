import Foundation

/// A post-mortem as similar incidents compare it: its title, the text of its Summary, Root Cause
/// and Trigger (`SimilarityText`), its services and its tags.
public struct SimilarityDocument: Sendable {
    /// The post-mortem's id.
    public var id: String
    /// Its title.
    public var title: String
    /// The plain text of the compared sections.
    public var text: String
    /// Affected services as written.
    public var services: [String]
    /// Tags as written.
    public var tags: [String]

    /// Creates a document.
    public init(id: String, title: String, text: String, services: [String], tags: [String]) {
        self.id = id
        self.title = title
        self.text = text
        self.services = services
        self.tags = tags
    }

    /// The document of a post-mortem as read.
    public init(_ pm: Postmortem) {
        self.init(id: pm.id, title: pm.title, text: pm.similarityText, services: pm.services, tags: pm.tags)
    }
}

/// One similar post-mortem: where it is in the index, its id, the score (cosine, 0 to 1) and
/// why ("same service: checkout", "shared terms: connection pool, failover").
public struct SimilarMatch: Sendable, Equatable {
    /// Index of the match in the documents the index was made from.
    public var position: Int
    /// Its id.
    public var id: String
    /// Cosine similarity of the two weighted vectors, 0 to 1.
    public var score: Double
    /// Why, most telling first: shared services, shared tags, the highest-weighted shared terms.
    public var reasons: [String]

    /// Creates a match.
    public init(position: Int, id: String, score: Double, reasons: [String]) {
        self.position = position
        self.id = id
        self.score = score
        self.reasons = reasons
    }
}

/// Similar incidents, by TF-IDF weighting and cosine similarity (`docs/recurrence.md` gives the
/// formula and the limits). Each document becomes a vector of features: the search analyzer's
/// terms (`SearchAnalyzer`: stemmed words and whole compounds such as `pg_basebackup`), pairs
/// of adjacent words (`connection pool`), and one feature per service and per tag. A feature
/// `t` of document `d` weighs
///
///     w(t, d) = (1 + ln tf(t, d)) × ln((N + 1) / df(t))
///
/// times 0.5 for a phrase, a service or a tag (`phraseWeight`, `fieldWeight`), where `tf` counts
/// title words twice, `N` is the number of documents and `df(t)` the number holding `t`; each
/// vector is scaled to length 1, so the score of two documents is the dot product of their
/// vectors, between 0 and 1.
///
/// Candidates come from an inverted index over the features: a document is compared exactly
/// only with the documents that share one of its selective features (rarest first, up to
/// `postingBudget` postings). Stop-like features, held by more than `stopFraction` of the
/// documents (and more than `minimumStopCount`), find no candidates and form no word pairs;
/// they still count in the exact score, where their low weight keeps them quiet.
public final class SimilarityIndex: Sendable {
    /// How many results a post-mortem shows.
    public static let defaultLimit = 5
    /// Results below this score are not shown: they share little more than common words.
    public static let minimumScore = 0.05
    /// A feature held by more than this share of the documents is stop-like.
    public static let stopFraction = 0.1
    /// ... and by more than this many (a small repository has no stop words by share alone).
    public static let minimumStopCount = 8
    /// Most postings visited to find one document's candidates.
    public static let postingBudget = 6_000
    /// Most candidates scored exactly per document, beyond the results asked for.
    public static let candidatePool = 40
    /// Most shared terms a reason names.
    public static let reasonTerms = 4

    /// A feature of a vector: its id and weight.
    struct Entry: Sendable {
        var feature: Int32
        var weight: Float
    }

    /// A document holding a feature, with the feature's weight in it.
    struct Posting: Sendable {
        var document: Int32
        var weight: Float
    }

    /// What a feature is, for the reasons.
    enum Kind: UInt8, Sendable {
        case term, phrase, service, tag
    }

    /// The documents' ids, in the order given.
    public let ids: [String]
    let vectors: [[Entry]]
    let postings: [[Posting]]
    let kinds: [Kind]
    /// How each feature is shown: the text as first written (folded), the service or tag as named.
    let labels: [String]
    /// The words of a phrase (feature ids of its two terms), for not naming them twice.
    let phraseParts: [Int32: (Int32, Int32)]
    /// The terms, services and tags, by key.
    let features: [String: Int32]
    /// The phrases, by their two terms (`Builder.pairKey`).
    let phrases: [UInt64: Int32]
    /// How many documents hold each feature.
    let frequency: [Int32]
    let stopLimit: Int
    let documentCount: Int

    /// How many documents are analyzed at once before their features are numbered: bounds
    /// what is held of each document's words to one batch.
    static let batchSize = 512

    /// Analyzes `documents` on all cores, a batch at a time, and indexes them.
    public convenience init(_ documents: [SimilarityDocument]) {
        var builder = Builder(documentCount: documents.count)
        var start = 0
        while start < documents.count {
            let batch = Array(documents[start..<min(start + Self.batchSize, documents.count)])
            for analyzed in parallelMap(batch, Self.analyze) { builder.add(analyzed) }
            start += batch.count
        }
        self.init(ids: documents.map(\.id), builder: builder)
    }

    /// The analyses of the documents, taken one at a time in document order: each document's
    /// features are numbered as it comes, so what is kept of it is a row of numbers, not its
    /// strings. Features are numbered in document order, so the index does not depend on hashing.
    struct Builder {
        let documentCount: Int
        /// Features held by more documents than this are stop-like.
        let stopLimit: Int
        fileprivate var features: [String: Int32] = [:]
        fileprivate var kinds: [Kind] = []
        fileprivate var labels: [String] = []
        fileprivate var frequency: [Int32] = []
        /// Each document's terms, services and tags with their counts, in its own order.
        fileprivate var rows: [[(Int32, Float)]] = []
        /// Each document's pairs of adjacent words that may still turn out selective.
        fileprivate var pairs: [[(first: Int32, second: Int32, count: Float)]] = []
        /// The label of each such pair in the first document that has it, which a phrase shows.
        fileprivate var pairLabels: [UInt64: String] = [:]

        /// A builder for `documentCount` documents.
        init(documentCount: Int) {
            self.documentCount = documentCount
            stopLimit = max(SimilarityIndex.minimumStopCount, Int(Double(documentCount) * SimilarityIndex.stopFraction))
            rows.reserveCapacity(documentCount)
            pairs.reserveCapacity(documentCount)
        }

        /// The key of a pair of terms.
        static func pairKey(_ first: Int32, _ second: Int32) -> UInt64 {
            UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
        }

        fileprivate mutating func number(_ key: String, _ kind: Kind, _ label: String) -> Int32 {
            if let id = features[key] { return id }
            let id = Int32(kinds.count)
            features[key] = id
            kinds.append(kind)
            labels.append(label)
            frequency.append(0)
            return id
        }

        /// Adds the next document.
        mutating func add(_ document: Analyzed) {
            var row: [(Int32, Float)] = []
            row.reserveCapacity(document.single.count)
            for feature in document.single {
                let id = number(feature.key, feature.kind, feature.label)
                frequency[Int(id)] += 1
                row.append((id, feature.count))
            }
            // A pair names its words by their places in `single`, the first entries of the row.
            // One with a word already held by too many documents never becomes a phrase (counts
            // only grow), so it is dropped now.
            var kept: [(first: Int32, second: Int32, count: Float)] = []
            for pair in document.pairs {
                let first = row[pair.first].0, second = row[pair.second].0
                guard Int(frequency[Int(first)]) <= stopLimit, Int(frequency[Int(second)]) <= stopLimit else { continue }
                let key = Self.pairKey(first, second)
                if pairLabels[key] == nil { pairLabels[key] = pair.label }
                kept.append((first, second, pair.count))
            }
            rows.append(row)
            pairs.append(kept)
        }
    }

    /// Indexes the documents `builder` was given (`analyze`, or their entries in the build
    /// cache's `similarity.bin`), one per id, in the same order.
    init(ids: [String], builder: consuming Builder) {
        var builder = builder
        // The stop-word limit was set from the count the builder was made for.
        precondition(ids.count == builder.rows.count && ids.count == builder.documentCount, "one analysis per document")
        self.ids = ids
        let count = ids.count
        documentCount = count
        let stopLimit = builder.stopLimit
        self.stopLimit = stopLimit

        // Word pairs of two selective words only: `the pool` says nothing `pool` does not.
        var phrases: [UInt64: Int32] = [:]
        var phraseParts: [Int32: (Int32, Int32)] = [:]
        for position in builder.rows.indices {
            for pair in builder.pairs[position] {
                guard Int(builder.frequency[Int(pair.first)]) <= stopLimit, Int(builder.frequency[Int(pair.second)]) <= stopLimit else { continue }
                let key = Builder.pairKey(pair.first, pair.second)
                let id: Int32
                if let known = phrases[key] {
                    id = known
                } else {
                    id = Int32(builder.kinds.count)
                    phrases[key] = id
                    phraseParts[id] = (pair.first, pair.second)
                    builder.kinds.append(.phrase)
                    builder.labels.append(builder.pairLabels[key] ?? "")
                    builder.frequency.append(0)
                }
                builder.frequency[Int(id)] += 1
                builder.rows[position].append((id, pair.count))
            }
            builder.pairs[position] = []
        }
        builder.pairLabels = [:]
        let kinds = builder.kinds, frequency = builder.frequency

        // Weights, scaled to length 1.
        let total = Float(count + 1)
        let idf = frequency.map { log(total / Float(max(1, $0))) }
        let vectors: [[Entry]] = parallelMap(builder.rows) { row in
            var entries = row.map { entry -> Entry in
                let scale: Float = switch kinds[Int(entry.0)] { case .phrase: Self.phraseWeight; case .service, .tag: Self.fieldWeight; case .term: 1 }
                return Entry(feature: entry.0, weight: (1 + log(entry.1)) * idf[Int(entry.0)] * scale)
            }
            let norm = entries.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
            if norm > 0 { for index in entries.indices { entries[index].weight /= norm } }
            entries.sort { $0.feature < $1.feature }
            return entries
        }
        builder.rows = []
        var postings = [[Posting]](repeating: [], count: kinds.count)
        for (document, vector) in vectors.enumerated() {
            for entry in vector where Int(frequency[Int(entry.feature)]) <= stopLimit {
                postings[Int(entry.feature)].append(Posting(document: Int32(document), weight: entry.weight))
            }
        }
        self.features = builder.features
        self.phrases = phrases
        self.frequency = frequency
        self.kinds = kinds
        self.labels = builder.labels
        self.phraseParts = phraseParts
        self.vectors = vectors
        self.postings = postings
    }

    /// How many documents the index holds.
    public var count: Int { documentCount }

    // MARK: - Queries

    /// The documents most similar to the one at `position`, best first (ties by id), at most
    /// `limit`, none below `minimumScore`, none in `excluding`.
    /// With `withReasons` false their `reasons` are left empty, for a caller that shows none.
    public func similar(to position: Int, limit: Int = SimilarityIndex.defaultLimit, minimumScore: Double = SimilarityIndex.minimumScore,
                        withReasons: Bool = true, excluding: Set<Int> = []) -> [SimilarMatch] {
        guard vectors.indices.contains(position) else { return [] }
        var scratch = Scratch(count: documentCount)
        return matches(for: vectors[position], skipping: excluding.union([position]), limit: limit, minimumScore: minimumScore,
                       withReasons: withReasons, scratch: &scratch)
    }

    /// The documents most similar to a text, such as the first lines of a post-mortem not yet
    /// written. A word of the text that names a service or tag of the repository also counts as
    /// that service or tag.
    public func similar(toText text: String, limit: Int = SimilarityIndex.defaultLimit,
                        minimumScore: Double = SimilarityIndex.minimumScore) -> [SimilarMatch] {
        let document = Self.analyze(SimilarityDocument(id: "", title: "", text: text, services: [], tags: []))
        var counts: [Int32: Float] = [:]
        for feature in document.single {
            if let id = features[feature.key] { counts[id, default: 0] += feature.count }
            for kind in [Kind.service, .tag] {
                if let id = features[Self.key(kind, feature.label)] { counts[id, default: 0] += 1 }
            }
        }
        for pair in document.pairs {
            if let first = features[document.single[pair.first].key], let second = features[document.single[pair.second].key],
               let id = phrases[Builder.pairKey(first, second)] {
                counts[id, default: 0] += pair.count
            }
        }
        let total = Float(documentCount + 1)
        var vector = counts.map { id, count in
            Entry(feature: id, weight: (1 + log(count)) * log(total / Float(max(1, frequency[Int(id)]))))
        }
        let norm = vector.reduce(Float(0)) { $0 + $1.weight * $1.weight }.squareRoot()
        if norm > 0 { for index in vector.indices { vector[index].weight /= norm } }
        vector.sort { $0.feature < $1.feature }
        var scratch = Scratch(count: documentCount)
        return matches(for: vector, skipping: [], limit: limit, minimumScore: minimumScore, scratch: &scratch)
    }

    /// The similar documents of every document, on all cores: `excluding(position)` names the
    /// documents a position's list leaves out (its explicit `related` ones).
    /// `withReasons` as for `similar(to:)`.
    public func similarForAll(limit: Int = SimilarityIndex.defaultLimit, minimumScore: Double = SimilarityIndex.minimumScore,
                              withReasons: Bool = true, excluding: @Sendable (Int) -> Set<Int> = { _ in [] }) -> [[SimilarMatch]] {
        // In chunks, so each chunk reuses one accumulator of the index's size.
        let chunk = 64
        let starts = Array(stride(from: 0, to: documentCount, by: chunk))
        return parallelMap(starts) { start -> [[SimilarMatch]] in
            var scratch = Scratch(count: documentCount)
            return (start..<min(documentCount, start + chunk)).map { position in
                matches(for: vectors[position], skipping: excluding(position).union([position]), limit: limit,
                        minimumScore: minimumScore, withReasons: withReasons, scratch: &scratch)
            }
        }.flatMap { $0 }
    }

    /// Why the documents at two positions are close, as `SimilarMatch.reasons` says (for a
    /// caller that asked `similarForAll` for none and shows only a few).
    public func reasons(between first: Int, and second: Int) -> [String] {
        reasons(vectors[first], vectors[second])
    }

    /// The exact score of two documents.
    public func score(_ first: Int, _ second: Int) -> Double {
        Double(Self.dot(vectors[first], vectors[second]))
    }

    // MARK: - Scoring

    /// A dense accumulator and the positions it touched.
    struct Scratch {
        var scores: [Float]
        var touched: [Int32] = []

        init(count: Int) {
            scores = [Float](repeating: 0, count: count)
        }
    }

    private func matches(for vector: [Entry], skipping: Set<Int>, limit: Int, minimumScore: Double, withReasons: Bool = true,
                         scratch: inout Scratch) -> [SimilarMatch] {
        // Candidates: documents sharing a selective feature, rarest features first.
        let selective = vector.filter { !postings[Int($0.feature)].isEmpty }
            .sorted { postings[Int($0.feature)].count < postings[Int($1.feature)].count }
        var visited = 0
        for entry in selective {
            let list = postings[Int(entry.feature)]
            if visited > 0, visited + list.count > Self.postingBudget { break }
            visited += list.count
            for posting in list {
                let document = Int(posting.document)
                if scratch.scores[document] == 0 { scratch.touched.append(posting.document) }
                scratch.scores[document] += entry.weight * posting.weight
            }
        }
        // The best `keep` by partial score (then position), kept in order as they come: the same
        // as sorting all the touched ones and taking a prefix, without sorting thousands.
        // The skipped ones are dropped after the walk, which keeps as many more (a set lookup
        // for each of thousands of documents touched cost more than the rest of the walk).
        let wanted = limit + Self.candidatePool
        let keep = wanted + skipping.count
        var candidates: [(document: Int, partial: Float)] = []
        candidates.reserveCapacity(keep + 1)
        for document in scratch.touched {
            let position = Int(document)
            let partial = scratch.scores[position]
            scratch.scores[position] = 0
            if candidates.count == keep, let last = candidates.last,
               partial < last.partial || (partial == last.partial && position > last.document) { continue }
            var low = 0, high = candidates.count
            while low < high {
                let middle = (low + high) / 2
                let other = candidates[middle]
                if other.partial > partial || (other.partial == partial && other.document < position) { low = middle + 1 } else { high = middle }
            }
            candidates.insert((position, partial), at: low)
            if candidates.count > keep { candidates.removeLast() }
        }
        scratch.touched.removeAll(keepingCapacity: true)
        if !skipping.isEmpty { candidates.removeAll { skipping.contains($0.document) } }
        if candidates.count > wanted { candidates.removeLast(candidates.count - wanted) }
        var scored = candidates.map { candidate in
            (document: candidate.document, score: Double(Self.dot(vector, vectors[candidate.document])))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : ids[$0.document] < ids[$1.document] }
        return scored.prefix(limit).filter { $0.score >= minimumScore }.map { found in
            SimilarMatch(position: found.document, id: ids[found.document], score: found.score,
                         reasons: withReasons ? reasons(vector, vectors[found.document]) : [])
        }
    }

    static func dot(_ first: [Entry], _ second: [Entry]) -> Float {
        var sum: Float = 0
        var i = 0, j = 0
        while i < first.count, j < second.count {
            let a = first[i].feature, b = second[j].feature
            if a == b {
                sum += first[i].weight * second[j].weight
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return min(1, sum)
    }

    /// Why two vectors are close: every shared service and tag, then the shared terms and
    /// phrases that add most to the score, a phrase standing for its words.
    func reasons(_ first: [Entry], _ second: [Entry]) -> [String] {
        var shared: [(feature: Int32, contribution: Float)] = []
        var i = 0, j = 0
        while i < first.count, j < second.count {
            let a = first[i].feature, b = second[j].feature
            if a == b {
                shared.append((a, first[i].weight * second[j].weight))
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        // A phrase ranks by what it and its words add together, so it comes before its words
        // and stands for them. `shared` is in feature order: a word's share is found by halving.
        func contribution(_ feature: Int32) -> Float {
            var low = 0, high = shared.count
            while low < high {
                let middle = (low + high) / 2
                if shared[middle].feature < feature { low = middle + 1 } else { high = middle }
            }
            return low < shared.count && shared[low].feature == feature ? shared[low].contribution : 0
        }
        let ranked = shared.map { feature, own -> (feature: Int32, rank: Float) in
            guard kinds[Int(feature)] == .phrase, let (left, right) = phraseParts[feature] else { return (feature, own) }
            return (feature, own + contribution(left) + contribution(right))
        }.sorted { $0.rank != $1.rank ? $0.rank > $1.rank : $0.feature < $1.feature }
        var services: [String] = [], tags: [String] = []
        // The terms named so far, each with the words of its label, split once.
        var chosen: [(feature: Int32, label: String, words: [Substring])] = []
        for (feature, _) in ranked {
            switch kinds[Int(feature)] {
            case .service: services.append(labels[Int(feature)])
            case .tag: tags.append(labels[Int(feature)])
            case .phrase, .term:
                guard chosen.count < Self.reasonTerms else { continue }
                // A phrase or an identifier already named stands for its words.
                let label = labels[Int(feature)]
                let covered = chosen.contains { named in
                    if let (left, right) = phraseParts[named.feature], left == feature || right == feature { return true }
                    return named.label != label && named.words.contains { $0 == label }
                }
                if !covered { chosen.append((feature, label, label.split { !$0.isLetter && !$0.isNumber })) }
            }
        }
        var reasons: [String] = []
        if !services.isEmpty { reasons.append((services.count == 1 ? "same service: " : "same services: ") + services.sorted().joined(separator: ", ")) }
        if !tags.isEmpty { reasons.append((tags.count == 1 ? "same tag: " : "same tags: ") + tags.sorted().joined(separator: ", ")) }
        if !chosen.isEmpty { reasons.append("shared terms: " + chosen.map(\.label).joined(separator: ", ")) }
        return reasons
    }

    // MARK: - Analysis

    /// A document's features before numbering.
    struct Analyzed: Sendable, Equatable {
        struct Feature: Sendable, Equatable {
            var key: String
            var kind: Kind
            var label: String
            var count: Float
        }

        struct Pair: Sendable, Equatable {
            /// The places of its two words (terms) in `single`.
            var first: Int
            var second: Int
            var label: String
            var count: Float
        }

        /// Terms, compounds, services and tags.
        var single: [Feature]
        /// Adjacent plain words, kept only when both turn out selective.
        var pairs: [Pair]
    }

    /// How often a title word counts against a word of the text.
    static let titleWeight: Float = 2
    /// The weight of a phrase against that of a word: pairs of words are mostly unique to one
    /// document, and at full weight they dilute every vector (on the families fixture, precision
    /// at 1 goes from 0.90 at 1 to 0.97 at 0.5).
    static let phraseWeight: Float = 0.5
    /// The weight of a service or tag against that of a word: the services of one cause differ
    /// as often as not, and one service has many causes.
    static let fieldWeight: Float = 0.5

    static func key(_ kind: Kind, _ name: String) -> String {
        switch kind {
        case .service: "\u{1}s:" + SearchAnalyzer.fold(name.trimmed)
        case .tag: "\u{1}t:" + SearchAnalyzer.fold(name.trimmed)
        case .term, .phrase: name
        }
    }

    static func analyze(_ document: SimilarityDocument) -> Analyzed {
        var features = FeatureCounter()
        features.read(document.title, weight: titleWeight)
        // Line by line, so no pair spans two paragraphs.
        for line in document.text.split(separator: "\n") { features.read(String(line), weight: 1) }
        for service in document.services where !service.trimmed.isEmpty {
            features.addOnce(key(.service, service), .service, service.trimmed)
        }
        for tag in document.tags where !tag.trimmed.isEmpty {
            features.addOnce(key(.tag, tag), .tag, tag.trimmed)
        }
        return Analyzed(single: features.single, pairs: features.pairs)
    }

    /// A document's features as they are counted. Its state is a value changed through
    /// `mutating` methods, not local variables captured by closures, which were checked for
    /// exclusive access at run time on every word.
    ///
    /// Each word is looked up once, by its term, for its position in `single` (which keeps
    /// first-seen order); a pair is then keyed by the two positions packed in one integer, never
    /// by its strings, and kept in `pairs` in first-seen order too.
    private struct FeatureCounter {
        var single: [Analyzed.Feature] = []
        var singlePosition: [String: Int] = [:]
        var pairs: [Analyzed.Pair] = []
        var pairPosition: [UInt64: Int] = [:]
        /// The word before, for a pair, and its position in `single`.
        var previous: (word: SearchAnalyzer.Word, position: Int)?
        /// The parts of a compound still to come: they make no pairs (`pg basebackup` is the
        /// compound `pg_basebackup` again).
        var partsLeft = 0

        @discardableResult
        mutating func add(_ key: String, _ kind: Kind, _ label: String, _ weight: Float) -> Int {
            if let position = singlePosition[key] {
                single[position].count += weight
                return position
            }
            singlePosition[key] = single.count
            single.append(Analyzed.Feature(key: key, kind: kind, label: label, count: weight))
            return single.count - 1
        }

        /// A service or tag counts once, whatever the word counts say.
        mutating func addOnce(_ key: String, _ kind: Kind, _ label: String) {
            if singlePosition[key] == nil { add(key, kind, label, 1) }
        }

        mutating func read(_ text: String, weight: Float) {
            previous = nil
            partsLeft = 0
            SearchAnalyzer.words(in: text) { word in take(word, weight: weight) }
        }

        private mutating func take(_ word: SearchAnalyzer.Word, weight: Float) {
            if word.isCompound {
                add(word.term, .term, word.folded, weight)
                if partsLeft == 0 { partsLeft = word.folded.split { !$0.isLetter && !$0.isNumber }.count }
                previous = nil
                return
            }
            if partsLeft > 0 {
                partsLeft -= 1
                if word.term.utf8.count > 1 { add(word.term, .term, word.folded, weight) }
                return
            }
            // A lone letter is what an apostrophe or an initial leaves (`acquirer's`).
            if word.term.utf8.count == 1, let byte = word.term.utf8.first, byte >= 0x61, byte <= 0x7A {
                previous = nil
                return
            }
            let position = add(word.term, .term, word.folded, weight)
            if let before = previous {
                let key = UInt64(UInt32(truncatingIfNeeded: before.position)) << 32 | UInt64(UInt32(truncatingIfNeeded: position))
                if let index = pairPosition[key] {
                    pairs[index].count += weight
                } else {
                    pairPosition[key] = pairs.count
                    pairs.append(Analyzed.Pair(first: before.position, second: position, label: before.word.folded + " " + word.folded, count: weight))
                }
            }
            previous = (word, position)
        }
    }
}
