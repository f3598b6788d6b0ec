/// What each document gave the search index: its weighted terms, its length and the words it
/// offers for "did you mean" suggestions, with its terms as numbers into one table of strings.
///
/// A build keeps them in the build cache's `search.bin` (a `KeyedEntries` file), each under the
/// hash of everything it was counted from (`SearchIndexFiles.countKey`): the next build
/// analyzes again only the documents whose searchable text or metadata changed. The index
/// itself (every BM25 weight depends on the average length) is still made from all of them.
struct SearchCounts: Sendable {
    /// One document's counts.
    struct Entry: Sendable, Equatable {
        /// The hash of what they were counted from; an entry is used only when it is the
        /// document's hash in this build.
        var key: UInt64
        /// Numbers into the table of strings, each term once.
        var terms: [UInt32]
        /// The weighted frequency of each term, in the same order.
        var frequencies: [Float]
        /// The document's weighted length.
        var length: Float
        /// Numbers into the table of strings: the words as written that suggestions may offer.
        var words: [UInt32]
    }

    private let file: KeyedEntries

    /// No counts: every document is analyzed.
    init() {
        file = KeyedEntries()
    }

    /// The counts of a `search.bin`; throws `BuildCache.Unusable` when the file is damaged,
    /// from another version, or sealed with another key.
    init(file bytes: [UInt8], key: CacheKey) throws {
        file = try KeyedEntries(file: bytes, kind: .search, key: key)
    }

    /// The terms and words the entries name.
    var strings: [String] { file.strings }

    /// How many documents have counts.
    var count: Int { file.count }

    /// The key the counts of `file` were made under, or nil when there are none.
    func key(for document: String) -> UInt64? {
        file.key(for: document)
    }

    /// The counts of `document` when they were made under `key`, or nil.
    func entry(for document: String, key: UInt64) -> Entry? {
        file.entry(for: document, key: key) { reader in try Self.decode(&reader, key: key) }
    }

    /// One entry, as `Writer.append` wrote it.
    private static func decode(_ reader: inout KeyedEntries.Reader, key: UInt64) throws -> Entry {
        var entry = Entry(key: key, terms: [], frequencies: [], length: 0, words: [])
        let termCount = try reader.count()
        entry.terms.reserveCapacity(termCount)
        entry.frequencies.reserveCapacity(termCount)
        for _ in 0..<termCount {
            entry.terms.append(try reader.string())
            entry.frequencies.append(try reader.bytes.frequency())
        }
        entry.length = try reader.bytes.frequency()
        let wordCount = try reader.count()
        entry.words.reserveCapacity(wordCount)
        for _ in 0..<wordCount { entry.words.append(try reader.string()) }
        return entry
    }

    /// Writes the counts of a build as they are made, then the file.
    struct Writer {
        private var file: KeyedEntries.Writer

        init(capacity: Int = 0) {
            file = KeyedEntries.Writer(capacity: capacity)
        }

        /// Adds the counts of `document`, whose numbers are into the `strings` `sealed` is
        /// given. A frequency that is a whole number below 2^24 (every one, with today's field
        /// weights) takes one or two bytes; any other keeps its exact bits.
        mutating func append(_ document: String, _ entry: Entry) {
            file.append(document, key: entry.key) { writer in
                writer.writeCount(entry.terms.count)
                for (term, frequency) in zip(entry.terms, entry.frequencies) {
                    writer.write(UInt64(term))
                    writer.write(frequency: frequency)
                }
                writer.write(frequency: entry.length)
                writer.writeCount(entry.words.count)
                for word in entry.words { writer.write(UInt64(word)) }
            }
        }

        /// Every entry in the order it was appended, as it reads back from the file (frequencies
        /// are kept exactly); `strings` is the size of the table of strings their numbers are into.
        /// The search index reads its postings from here rather than keeping a second copy.
        func forEachEntry(strings: Int, _ body: (Entry) throws -> Void) throws {
            try file.forEach(strings: strings) { key, reader in try body(try SearchCounts.decode(&reader, key: key)) }
        }

        /// The whole `search.bin`.
        func sealed(strings: [String], key: CacheKey) -> [UInt8] {
            file.sealed(.search, strings: strings, key: key)
        }
    }
}

extension BuildCache {
    static let searchPath = SiteLayout.cacheFolder + "/search.bin"
}

extension BinaryWriter {
    /// A non-negative whole number below 2^24 as itself (shifted, low bit 0); any other value
    /// as its bits (low bit 1).
    mutating func write(frequency value: Float) {
        if value >= 0, value < 16_777_216, value.rounded(.towardZero) == value {
            write(UInt64(value) << 1)
        } else {
            write(UInt64(value.bitPattern) << 1 | 1)
        }
    }
}

extension BinaryReader {
    /// A frequency written by `write(frequency:)`; refused when it is not a finite number at
    /// least 0, which no count is.
    mutating func frequency() throws -> Float {
        let raw = try uint64()
        if raw & 1 == 0 {
            guard raw >> 1 < 16_777_216 else { throw Malformed() }
            return Float(raw >> 1)
        }
        guard raw >> 1 <= UInt64(UInt32.max) else { throw Malformed() }
        let value = Float(bitPattern: UInt32(raw >> 1))
        guard value.isFinite, value >= 0 else { throw Malformed() }
        return value
    }
}
