/// Reads and writes the build cache (`BuildCache`) in the output folder: the one place that
/// knows its files, their order of writing, and what to do when one of them is off (discard
/// it, say so in a note, and build that part afresh).
struct BuildCacheStore: Sendable {
    let writer: any SiteWriter
    /// Seals and opens the cache files.
    let key: CacheKey

    /// Notes for the person building: which cache files were discarded, and why.
    private(set) var notes: [String] = []

    init(writer: any SiteWriter, key: CacheKey) {
        self.writer = writer
        self.key = key
    }

    // MARK: - Reading

    /// The index of the last build, or nil when there is none or it cannot be used.
    mutating func loadIndex() -> BuildCache.Index? {
        guard let bytes = writer.read(BuildCache.indexPath) else {
            if writer.exists(BuildCache.indexPath) { discard(BuildCache.indexPath, because: "it cannot be read") }
            return nil
        }
        do {
            return try BuildCache.decodeIndex(bytes, key: key)
        } catch {
            discard(BuildCache.indexPath, because: "\(error)")
            return nil
        }
    }

    /// The cached record of every document, by file, whose body (when it has one) is in the
    /// body store with the hash the record says. Records of another parse fingerprint are not
    /// read at all.
    mutating func loadRecords(parseFingerprint: UInt64, previous: BuildCache.Index?) -> [String: SiteDocument] {
        guard let previous, previous.parseFingerprint == parseFingerprint,
              let bytes = writer.read(BuildCache.recordsPath) else { return [:] }
        let records: [SiteDocument]
        do {
            records = try BuildCache.decodeRecords(bytes, key: key)
        } catch {
            discard(BuildCache.recordsPath, because: "\(error)")
            return [:]
        }
        let storeIsSound = !records.contains { $0.body.isStored } || bodyStoreHeaderIsSound()
        if !storeIsSound { discard(BuildCache.bodiesPath, because: "it is not a body store of this version") }
        let bodies = BodyStore(writer: writer)
        let sound = parallelMap(records) { record in !record.body.isStored || (storeIsSound && bodies.holds(record)) }
        var result: [String: SiteDocument] = [:]
        var damaged = 0
        for (record, ok) in zip(records, sound) {
            if ok { result[record.file] = record } else if storeIsSound { damaged += 1 }
        }
        if damaged > 0 {
            notes.append("\(damaged) cached bod\(damaged == 1 ? "y" : "ies") did not match \(damaged == 1 ? "its" : "their") hash; \(damaged == 1 ? "that document is" : "those documents are") read again")
        }
        return result
    }

    /// What each document gave the last build's search index, or empty counts when there are
    /// none or they cannot be used (then every document is analyzed).
    mutating func loadSearchCounts() -> SearchCounts {
        load(BuildCache.searchPath, SearchCounts.init(file:key:)) ?? SearchCounts()
    }

    /// What each post-mortem's text gave the last build's similarity index, or no entries when
    /// there are none or they cannot be used (then every post-mortem is analyzed).
    mutating func loadSimilarityFeatures() -> SimilarityFeatures {
        load(BuildCache.similarityPath, SimilarityFeatures.init(file:key:)) ?? SimilarityFeatures()
    }

    /// The cache file at `path` opened by `open`, or nil when there is none or it cannot be
    /// used (then it is discarded with a note).
    private mutating func load<T>(_ path: String, _ open: ([UInt8], CacheKey) throws -> T) -> T? {
        guard let bytes = writer.read(path) else { return nil }
        do {
            return try open(bytes, key)
        } catch {
            discard(path, because: "\(error)")
            return nil
        }
    }

    private func bodyStoreHeaderIsSound() -> Bool {
        let header = BuildCache.header(.bodies)
        return writer.read(BuildCache.bodiesPath, offset: 0, length: header.count) == header
    }

    /// Adds a note for the person building.
    mutating func note(_ text: String) {
        notes.append(text)
    }

    private mutating func discard(_ path: String, because reason: String) {
        notes.append("the build cache's \(path.split(separator: "/").last ?? "") was not used (\(reason)); building that part afresh")
    }

    // MARK: - Writing

    /// Records, before any page is written, that the pages of `previous` and every path in
    /// `planned` may change: a build killed from here on leaves an index that makes the next
    /// build check every page and remove the ones it does not make.
    func beginWriting(previous: BuildCache.Index?, planned: [String], fingerprints: (parse: UInt64, site: UInt64)) throws {
        var journal = BuildCache.Index()
        journal.complete = false
        journal.parseFingerprint = fingerprints.parse
        journal.siteFingerprint = fingerprints.site
        for path in (previous?.pages.keys).map(Array.init) ?? [] { journal.pages[path] = .init(outputHash: 0, key: 0) }
        for path in planned where SiteLayout.isRemovable(path) { journal.pages[path] = .init(outputHash: 0, key: 0) }
        try writer.write(SitePage(path: BuildCache.indexPath, bytes: BuildCache.encode(journal, key: key)))
    }

    /// Puts the bodies rendered in this build into the body store and returns, for every
    /// document, where its body is stored. New bodies are appended at the store's real end;
    /// when most of the store is no longer used (or it is missing or damaged), a new one is
    /// written beside it and renamed into place. The caller gives each document its stored
    /// location in place of the body in memory: pages and search read bodies back from the
    /// store, checked against their digests (`BodyStore`).
    func storeBodies(_ documents: [SiteDocument]) throws -> [SiteDocument.Body] {
        let live = documents.reduce(0) { $0 + $1.body.storedLength }
        let header = BuildCache.header(.bodies)
        let size = writer.size(BuildCache.bodiesPath) ?? 0
        let appendable = size >= header.count && bodyStoreHeaderIsSound() && live * 2 >= size
        let target = appendable ? BuildCache.bodiesPath : BuildCache.bodiesPath + ".new"
        if !appendable {
            try writer.remove(target)
            _ = try writer.append(header, to: target)
        }
        let bodies = BodyStore(writer: writer)
        var result: [SiteDocument.Body] = []
        result.reserveCapacity(documents.count)
        var buffer: [UInt8] = []
        var pending: [(position: Int, start: Int, length: Int)] = []
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let offset = try writer.append(buffer, to: target)
            for entry in pending { result[entry.position] = .stored(offset: offset + entry.start, length: entry.length) }
            buffer.removeAll(keepingCapacity: true)
            pending.removeAll(keepingCapacity: true)
        }
        for document in documents {
            switch document.body {
            case .none:
                result.append(.none)
            case .stored where appendable:
                result.append(document.body)
            case .rendered, .stored:
                let bytes: [UInt8]
                if case .rendered(let rendered) = document.body {
                    bytes = rendered.bytes
                } else if let html = bodies.html(of: document) {
                    bytes = Array(html.utf8)
                } else {
                    throw EnvironmentError("the build cache changed while debrief was building: the stored body of \(document.file) no longer matches; build again")
                }
                pending.append((result.count, buffer.count, bytes.count))
                result.append(.none)
                buffer += bytes
                if buffer.count >= 4 << 20 { try flush() }
            }
        }
        try flush()
        if !appendable { try writer.rename(target, to: BuildCache.bodiesPath) }
        return result
    }

    /// Saves the records; each keeps the body location `storeBodies` gave it. The file is
    /// written beside the old one as it is encoded, then renamed into place.
    func saveRecords(_ documents: [SiteDocument]) throws {
        let staging = BuildCache.recordsPath + ".new"
        try writer.remove(staging)
        try BuildCache.encode(records: documents, key: key) { _ = try writer.append($0, to: staging) }
        try writer.rename(staging, to: BuildCache.recordsPath)
    }

    /// Saves what each document gave this build's search index.
    func saveSearchCounts(_ counts: SearchCounts.Writer, strings: [String]) throws {
        try writer.write(SitePage(path: BuildCache.searchPath, bytes: counts.sealed(strings: strings, key: key)))
    }

    /// Saves what each post-mortem's text gave this build's similarity index.
    func saveSimilarityFeatures(_ features: SimilarityFeatures.Writer) throws {
        try writer.write(SitePage(path: BuildCache.similarityPath, bytes: features.sealed(key: key)))
    }

    /// Saves the index of a finished build.
    func saveIndex(_ index: BuildCache.Index) throws {
        try writer.write(SitePage(path: BuildCache.indexPath, bytes: BuildCache.encode(index, key: key)))
    }
}

extension SiteDocument.Body {
    /// Bytes in the body store (0 for a body in memory or none).
    var storedLength: Int {
        if case .stored(_, let length) = self { return length }
        return 0
    }

    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    var isStored: Bool {
        if case .stored = self { return true }
        return false
    }
}
