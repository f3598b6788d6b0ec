/// What each document gave the search index: its weighted terms, its length and the words it
/// offers for "did you mean" suggestions, with its terms as numbers into one table of strings.
///
/// A build keeps them in the build cache's `search.bin`, each under the hash of everything it was
/// counted from (`SearchIndexFiles.countKey`): the next build analyzes again only the documents
/// whose searchable text or metadata changed. The index itself (every BM25 weight depends on the
/// average length) is still made from all of them. The file is read as bytes, with where each
/// document's entry starts; an entry is decoded only when a document asks for it, so a rebuild
/// holds the file once and not ten thousand arrays besides.
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

    /// The terms and words the entries name.
    let strings: [String]
    private let bytes: [UInt8]
    private let end: Int
    /// Where each document's entry starts, by the document's file, with its key.
    private let starts: [String: (key: UInt64, position: Int)]

    /// No counts: every document is analyzed.
    init() {
        strings = []
        bytes = []
        end = 0
        starts = [:]
    }

    /// The counts of a `search.bin`; throws `BuildCache.Unusable` when the file is damaged,
    /// from another version, or sealed with another key.
    init(file: [UInt8], key: CacheKey) throws {
        var reader = try BuildCache.open(file, as: .search, key: key)
        do {
            strings = try reader.strings()
            var starts: [String: (key: UInt64, position: Int)] = [:]
            let count = try reader.count()
            starts.reserveCapacity(count)
            for _ in 0..<count {
                let file = try reader.string()
                let key = try reader.uint64()
                starts[file] = (key, reader.position)
                try Self.skipEntry(&reader)
            }
            guard reader.isAtEnd else { throw BuildCache.Unusable(description: "it has bytes after its end") }
            self.starts = starts
            bytes = file
            end = file.count - BuildCache.sealLength
        } catch is BinaryReader.Malformed {
            throw BuildCache.Unusable(description: "it does not decode")
        }
    }

    /// How many documents have counts.
    var count: Int { starts.count }

    /// The key the counts of `file` were made under, or nil when there are none.
    func key(for file: String) -> UInt64? {
        starts[file]?.key
    }

    /// The counts of `file` when they were made under `key`, or nil.
    func entry(for file: String, key: UInt64) -> Entry? {
        guard let start = starts[file], start.key == key else { return nil }
        var reader = BinaryReader(bytes, position: start.position, end: end)
        let limit = UInt64(strings.count)
        func string() throws -> UInt32 {
            let number = try reader.uint64()
            guard number < limit else { throw BinaryReader.Malformed() }
            return UInt32(number)
        }
        do {
            var entry = Entry(key: key, terms: [], frequencies: [], length: 0, words: [])
            let termCount = try reader.count()
            entry.terms.reserveCapacity(termCount)
            entry.frequencies.reserveCapacity(termCount)
            for _ in 0..<termCount {
                entry.terms.append(try string())
                entry.frequencies.append(try reader.frequency())
            }
            entry.length = try reader.frequency()
            let wordCount = try reader.count()
            entry.words.reserveCapacity(wordCount)
            for _ in 0..<wordCount { entry.words.append(try string()) }
            return entry
        } catch {
            return nil
        }
    }

    private static func skipEntry(_ reader: inout BinaryReader) throws {
        let termCount = try reader.count()
        for _ in 0..<termCount {
            _ = try reader.uint64()
            _ = try reader.frequency()
        }
        _ = try reader.frequency()
        let wordCount = try reader.count()
        for _ in 0..<wordCount { _ = try reader.uint64() }
    }

    /// Writes the entries of a build as they are made, then the file.
    struct Writer {
        private var entries = BinaryWriter()
        private var count = 0

        init(capacity: Int = 0) {
            entries = BinaryWriter(capacity: capacity)
        }

        /// Adds the counts of `file`, whose numbers are into the `strings` `sealed` is given.
        /// A frequency that is a whole number below 2^24 (every one, with today's field
        /// weights) takes one or two bytes; any other keeps its exact bits.
        mutating func append(_ file: String, _ entry: Entry) {
            count += 1
            entries.write(file)
            entries.write(entry.key)
            entries.writeCount(entry.terms.count)
            for (term, frequency) in zip(entry.terms, entry.frequencies) {
                entries.write(UInt64(term))
                entries.write(frequency: frequency)
            }
            entries.write(frequency: entry.length)
            entries.writeCount(entry.words.count)
            for word in entry.words { entries.write(UInt64(word)) }
        }

        /// The whole `search.bin`.
        func sealed(strings: [String], key: CacheKey) -> [UInt8] {
            BuildCache.seal(.search, key: key, capacity: entries.bytes.count + 16 * strings.count) { writer in
                writer.write(strings)
                writer.writeCount(count)
                writer.append(raw: entries.bytes)
            }
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
