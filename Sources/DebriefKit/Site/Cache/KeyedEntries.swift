/// A build cache file of one entry per document, each under the hash of what it was made from,
/// with one table of strings the entries name by number (`search.bin`, `similarity.bin`).
///
/// The file is sealed like every cache file (`BuildCache.seal`) and read as bytes, with where
/// each document's entry starts; an entry is decoded only when a document asks for it under its
/// key, so a rebuild holds the file once and not ten thousand decoded entries besides. Each
/// entry is length-prefixed, so finding the entries does not decode them.
struct KeyedEntries: Sendable {
    /// The strings the entries name.
    let strings: [String]
    private let bytes: [UInt8]
    /// Where each document's entry starts and ends, by the document's file, with its key.
    private let entries: [String: (key: UInt64, start: Int, end: Int)]

    /// No entries.
    init() {
        strings = []
        bytes = []
        entries = [:]
    }

    /// The entries of a file of `kind`; throws `BuildCache.Unusable` when it is damaged, from
    /// another version, or sealed with another key.
    init(file: [UInt8], kind: BuildCache.Kind, key: CacheKey) throws {
        var reader = try BuildCache.open(file, as: kind, key: key)
        do {
            strings = try reader.strings()
            var entries: [String: (key: UInt64, start: Int, end: Int)] = [:]
            let count = try reader.count()
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let file = try reader.string()
                let entryKey = try reader.uint64()
                let length = try reader.count()
                entries[file] = (entryKey, reader.position, reader.position + length)
                _ = try reader.raw(count: length)
            }
            guard reader.isAtEnd else { throw BuildCache.Unusable(description: "it has bytes after its end") }
            self.entries = entries
            bytes = file
        } catch is BinaryReader.Malformed {
            throw BuildCache.Unusable(description: "it does not decode")
        }
    }

    /// How many documents have an entry.
    var count: Int { entries.count }

    /// The key the entry of `file` was made under, or nil when there is none.
    func key(for file: String) -> UInt64? {
        entries[file]?.key
    }

    /// The entry of `file` when it was made under `key`, decoded by `decode` (which reads
    /// string numbers with `string(_:)`), or nil when there is none or it does not decode.
    func entry<T>(for file: String, key: UInt64, _ decode: (inout Reader) throws -> T) -> T? {
        guard let found = entries[file], found.key == key else { return nil }
        var reader = Reader(bytes: BinaryReader(bytes, position: found.start, end: found.end), limit: UInt64(strings.count))
        guard let value = try? decode(&reader), reader.bytes.isAtEnd else { return nil }
        return value
    }

    /// Reads one entry.
    struct Reader {
        var bytes: BinaryReader
        let limit: UInt64

        /// A number into the table of strings; throws when the table has no such string.
        mutating func string() throws -> UInt32 {
            let number = try bytes.uint64()
            guard number < limit else { throw BinaryReader.Malformed() }
            return UInt32(number)
        }

        /// A count of what follows, refused when it cannot fit in the entry.
        mutating func count() throws -> Int {
            try bytes.count()
        }
    }

    /// Writes the entries of a build as they are made, then the file.
    struct Writer {
        private var entries = BinaryWriter()
        private var count = 0

        init(capacity: Int = 0) {
            entries = BinaryWriter(capacity: capacity)
        }

        /// Adds the entry of `file`, made under `key`, written by `body` (string numbers are
        /// into the `strings` that `sealed` is given).
        mutating func append(_ file: String, key: UInt64, _ body: (inout BinaryWriter) -> Void) {
            count += 1
            var entry = BinaryWriter()
            body(&entry)
            entries.write(file)
            entries.write(key)
            entries.writeCount(entry.bytes.count)
            entries.append(raw: entry.bytes)
        }

        /// Each entry in the order it was added, with its key, read by `body` (string numbers
        /// below `strings`, the size of the table `sealed` will be given).
        func forEach(strings: Int, _ body: (UInt64, inout Reader) throws -> Void) throws {
            var walker = BinaryReader(entries.bytes)
            for _ in 0..<count {
                _ = try walker.string()
                let key = try walker.uint64()
                let length = try walker.count()
                var reader = Reader(bytes: BinaryReader(entries.bytes, position: walker.position, end: walker.position + length),
                                    limit: UInt64(strings))
                try body(key, &reader)
                guard reader.bytes.isAtEnd else { throw BinaryReader.Malformed() }
                _ = try walker.raw(count: length)
            }
        }

        /// The whole file.
        func sealed(_ kind: BuildCache.Kind, strings: [String], key: CacheKey) -> [UInt8] {
            BuildCache.seal(kind, key: key, capacity: entries.bytes.count + 16 * strings.count) { writer in
                writer.write(strings)
                writer.writeCount(count)
                writer.append(raw: entries.bytes)
            }
        }
    }
}
