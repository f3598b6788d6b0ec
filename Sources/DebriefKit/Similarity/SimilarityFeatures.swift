import Dispatch

/// What each post-mortem's text gave the similarity index (`SimilarityIndex.Analyzed`: its
/// terms, services and tags with their counts, and its pairs of adjacent words), with every
/// term and label as a number into one table of strings.
///
/// A build keeps them in the build cache's `similarity.bin` (a `KeyedEntries` file), each under
/// the hash of everything the analysis reads (`key(_:)`): the next build analyzes again only
/// the post-mortems whose title, compared sections, services or tags changed. The index itself
/// (every weight depends on how many documents hold a feature) is still made from all of them,
/// so a cached rebuild finds exactly the similar incidents a fresh one does.
struct SimilarityFeatures: Sendable {
    private let file: KeyedEntries

    /// No entries: every post-mortem is analyzed.
    init() {
        file = KeyedEntries()
    }

    /// The entries of a `similarity.bin`; throws `BuildCache.Unusable` when the file is damaged,
    /// from another version, or sealed with another key.
    init(file bytes: [UInt8], key: CacheKey) throws {
        file = try KeyedEntries(file: bytes, kind: .similarity, key: key)
    }

    /// How many post-mortems have an entry.
    var count: Int { file.count }

    /// The key the entry of `file` was made under, or nil when there is none.
    func key(for document: String) -> UInt64? {
        file.key(for: document)
    }

    /// The hash of everything `SimilarityIndex.analyze` reads of a document (and of the binary
    /// that analyzes it).
    static func key(_ document: SimilarityDocument) -> UInt64 {
        var hasher = StableHasher(seed: 0x51_1A)
        hasher.combine(SiteBuilder.binaryIdentity)
        hasher.combine(document.title)
        hasher.combine(document.text)
        for list in [document.services, document.tags] {
            hasher.combine(list.count)
            for value in list { hasher.combine(value) }
        }
        return hasher.finalize()
    }

    /// The similarity index of `documents`, the post-mortems of `files` (one each, in the same
    /// order), and the file that keeps their analyses for the next build. A document is
    /// analyzed only when this file has no entry for it under its key now; how many were is
    /// `analyzedCount`.
    func index(_ documents: [SimilarityDocument], files: [String]) -> (index: SimilarityIndex, next: Writer, analyzedCount: Int) {
        precondition(documents.count == files.count, "one file per document")
        var builder = SimilarityIndex.Builder(documentCount: documents.count)
        // The file is encoded on a queue of its own while the index numbers the same analyses
        // (both in document order), a batch at a time: what is held is the batches the queue
        // has not encoded yet (encoding a batch takes less than analyzing the next), never every
        // analysis. A serial queue is given a thread of its own even while `parallelMap` keeps
        // the global pool busy.
        let encoder = Encoder()
        var analyzedCount = 0
        var start = 0
        while start < documents.count {
            let positions = Array(start..<min(start + SimilarityIndex.batchSize, documents.count))
            // Each key is hashed from the whole compared text, so on all cores with the analyses.
            let found = parallelMap(positions) { position -> (analysis: SimilarityIndex.Analyzed, key: UInt64, fresh: Bool) in
                let key = Self.key(documents[position])
                if let cached = analyzed(for: files[position], key: key) { return (cached, key, false) }
                return (SimilarityIndex.analyze(documents[position]), key, true)
            }
            let batch = zip(positions, found).map { (file: files[$0], key: $1.key, analysis: $1.analysis) }
            encoder.queue.async { for entry in batch { encoder.writer.append(entry.file, key: entry.key, entry.analysis) } }
            for entry in found {
                builder.add(entry.analysis)
                if entry.fresh { analyzedCount += 1 }
            }
            start += positions.count
        }
        let index = SimilarityIndex(ids: documents.map(\.id), builder: builder)
        return (index, encoder.queue.sync { encoder.writer }, analyzedCount)
    }

    /// The writer of the next `similarity.bin`, touched only on its own serial queue.
    private final class Encoder: @unchecked Sendable {
        let queue = DispatchQueue(label: "debrief.similarity-features")
        var writer = Writer()
    }

    /// The analysis of `document` when it was made under `key`, or nil when there is none or
    /// it does not decode (a place or kind out of range, a string the table does not hold).
    func analyzed(for document: String, key: UInt64) -> SimilarityIndex.Analyzed? {
        let strings = file.strings
        return file.entry(for: document, key: key) { reader in
            let singleCount = try reader.count()
            var single: [SimilarityIndex.Analyzed.Feature] = []
            single.reserveCapacity(singleCount)
            for _ in 0..<singleCount {
                let key = strings[Int(try reader.string())]
                guard let kind = SimilarityIndex.Kind(rawValue: UInt8(clamping: try reader.bytes.uint64())) else {
                    throw BinaryReader.Malformed()
                }
                let label = try Self.label(&reader, strings: strings, or: key)
                single.append(.init(key: key, kind: kind, label: label, count: try Self.count(&reader)))
            }
            let pairCount = try reader.count()
            var pairs: [SimilarityIndex.Analyzed.Pair] = []
            pairs.reserveCapacity(pairCount)
            for _ in 0..<pairCount {
                let first = try reader.bytes.uint64(), second = try reader.bytes.uint64()
                // A pair joins two words of the same document.
                guard first < UInt64(single.count), second < UInt64(single.count),
                      single[Int(first)].kind == .term, single[Int(second)].kind == .term else { throw BinaryReader.Malformed() }
                let label = try Self.label(&reader, strings: strings,
                                           or: single[Int(first)].label + " " + single[Int(second)].label)
                pairs.append(.init(first: Int(first), second: Int(second), label: label, count: try Self.count(&reader)))
            }
            return SimilarityIndex.Analyzed(single: single, pairs: pairs)
        }
    }

    /// A count, which analysis never leaves below 1 (a weight's logarithm is taken).
    private static func count(_ reader: inout KeyedEntries.Reader) throws -> Float {
        let count = try reader.bytes.frequency()
        guard count > 0 else { throw BinaryReader.Malformed() }
        return count
    }

    /// A label written by `Writer.label`: 0 for the usual one, else a string number plus 1.
    private static func label(_ reader: inout KeyedEntries.Reader, strings: [String], or usual: @autoclosure () -> String) throws -> String {
        let raw = try reader.bytes.uint64()
        guard raw > 0 else { return usual() }
        guard raw - 1 < UInt64(strings.count) else { throw BinaryReader.Malformed() }
        return strings[Int(raw - 1)]
    }

    /// Writes the analyses of a build, then the file.
    struct Writer: Sendable {
        private var file = KeyedEntries.Writer()
        private var numbers: [String: UInt32] = [:]
        private var strings: [String] = []

        init() {}

        /// Adds the analysis of `document`, made under `key`.
        mutating func append(_ document: String, key: UInt64, _ analyzed: SimilarityIndex.Analyzed) {
            // Strings are numbered before the entry is written, as `KeyedEntries` writes it in one go.
            var single: [(key: UInt32, kind: UInt8, label: UInt64, count: Float)] = []
            single.reserveCapacity(analyzed.single.count)
            for feature in analyzed.single {
                single.append((number(feature.key), feature.kind.rawValue, label(feature.label, usual: feature.key), feature.count))
            }
            var pairs: [(first: Int, second: Int, label: UInt64, count: Float)] = []
            pairs.reserveCapacity(analyzed.pairs.count)
            for pair in analyzed.pairs {
                let usual = Self.joins(pair.label, analyzed.single[pair.first].label, analyzed.single[pair.second].label)
                pairs.append((pair.first, pair.second, usual ? 0 : UInt64(number(pair.label)) + 1, pair.count))
            }
            file.append(document, key: key) { writer in
                writer.writeCount(single.count)
                for feature in single {
                    writer.write(UInt64(feature.key))
                    writer.write(UInt64(feature.kind))
                    writer.write(feature.label)
                    writer.write(frequency: feature.count)
                }
                writer.writeCount(pairs.count)
                for pair in pairs {
                    writer.write(UInt64(pair.first))
                    writer.write(UInt64(pair.second))
                    writer.write(pair.label)
                    writer.write(frequency: pair.count)
                }
            }
        }

        /// The whole `similarity.bin`.
        func sealed(key: CacheKey) -> [UInt8] {
            file.sealed(.similarity, strings: strings, key: key)
        }

        private mutating func number(_ string: String) -> UInt32 {
            if let known = numbers[string] { return known }
            let new = UInt32(strings.count)
            numbers[string] = new
            strings.append(string)
            return new
        }

        /// 0 when `label` is `usual` (a term's label is most often the term itself), else its
        /// string number plus 1.
        private mutating func label(_ label: String, usual: String) -> UInt64 {
            label.utf8.elementsEqual(usual.utf8) ? 0 : UInt64(number(label)) + 1
        }

        /// Whether `label` is `first`, a space and `second`, byte for byte (as a pair's label
        /// most often is: the labels its two words were first seen with).
        static func joins(_ label: String, _ first: String, _ second: String) -> Bool {
            let whole = label.utf8, head = first.utf8, tail = second.utf8
            guard whole.count == head.count + 1 + tail.count, whole.starts(with: head) else { return false }
            let rest = whole.dropFirst(head.count)
            return rest.first == 0x20 && rest.dropFirst().elementsEqual(tail)
        }
    }
}

extension BuildCache {
    static let similarityPath = SiteLayout.cacheFolder + "/similarity.bin"
}
