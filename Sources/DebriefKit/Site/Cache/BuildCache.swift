/// The build cache, kept in the output folder under `.debrief-cache/`. It is input like the
/// documents (anyone who can commit to the repo can commit a cache), so nothing in it is
/// trusted: every file starts with a magic number, the format version and its kind, and ends
/// with an HMAC-SHA256 under the user's `CacheKey`, which lives outside the repository; one that
/// does not open cleanly is discarded (the build says so in a note and starts afresh); paths
/// in it are checked before use; every body is checked against its SHA-256 digest.
///
/// - `index.bin`: the fingerprints of the last build, every input file's signature and content
///   hash, the diagnostics, and the manifest of pages written (path, output hash, page key).
///   A build with nothing changed reads only this file. While a build writes, the index says
///   `complete: false` and lists every page the old or the new site may have, so a build killed
///   midway is followed by one that checks every page and removes what it no longer makes.
/// - `records.bin`: one `SiteDocument` per input file, so unchanged documents skip YAML and
///   cmark-gfm.
/// - `bodies.bin`: rendered bodies, appended to; records point into it by offset, length and
///   hash. It is rewritten when more than half of it is no longer used.
/// - `search.bin`: what each document gave the search index (`SearchCounts`), under the hash of
///   what it was counted from, so a rebuild analyzes only the documents that changed.
/// - `similarity.bin`: what each post-mortem's text gave the similarity index
///   (`SimilarityFeatures`), likewise under the hash of what it was analyzed from.
///
/// The encoding is `BinaryWriter`'s. Each record type has its writer and reader side by side
/// below; `BuildCacheRoundTripTests` fills every stored property of every record type with
/// random values and requires them back unchanged, so a field added to the model and not to
/// the codec fails the tests instead of changing what a cached rebuild reports.
enum BuildCache {
    static let indexPath = SiteLayout.cacheFolder + "/index.bin"
    static let recordsPath = SiteLayout.cacheFolder + "/records.bin"
    static let bodiesPath = SiteLayout.cacheFolder + "/bodies.bin"
    /// Bumped whenever the encoding or what goes into a record changes.
    static let formatVersion: UInt64 = 10
    static let magic: UInt64 = 0x4445_4252_4945_4643 // "DEBRIEFC"

    /// What a cache file holds, written into its header.
    enum Kind: UInt64 {
        case index = 1
        case records = 2
        case bodies = 3
        case history = 4
        case search = 5
        case similarity = 6
    }

    /// One page written by the last build.
    struct PageEntry: Sendable, Equatable {
        /// The hash of the bytes written.
        var outputHash: UInt64
        /// The hash of everything the page was made from.
        var key: UInt64
    }

    /// An input file as the last build saw it.
    struct InputFile: Sendable, Equatable {
        var signature: FileSignature?
        var contentHash: UInt64
    }

    /// A file a document links to, as the last build saw it.
    struct LinkedFile: Sendable, Equatable {
        /// Its signature, or nil when it did not exist.
        var signature: FileSignature?
    }

    /// What a build with nothing changed needs.
    struct Index: Sendable {
        /// False while a build is writing: the pages may be anything, only their paths count.
        var complete = true
        var siteFingerprint: UInt64 = 0
        var parseFingerprint: UInt64 = 0
        /// Every document, by path.
        var inputs: [String: InputFile] = [:]
        /// Every repo file a document links to (copied into `files/` or refused), with its
        /// signature then (nil when it did not exist): any change to one is a change of input.
        var linkedFiles: [String: LinkedFile] = [:]
        /// The diagnostics of the last build, sorted for output.
        var diagnostics: [Diagnostic] = []
        /// Every page written, by path.
        var pages: [String: PageEntry] = [:]
    }

    /// Why a cache file was not used.
    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    // MARK: - Sealing

    /// The header every cache file starts with.
    static func header(_ kind: Kind) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(magic)
        writer.write(formatVersion)
        writer.write(kind.rawValue)
        return writer.bytes
    }

    /// Bytes of the seal at the end of every cache file.
    static let sealLength = 32

    /// A whole cache file: the header, the payload and the HMAC of both under `key`.
    static func seal(_ kind: Kind, key: CacheKey, capacity: Int = 0, _ payload: (inout BinaryWriter) -> Void) -> [UInt8] {
        var writer = BinaryWriter(capacity: capacity + 64)
        writer.append(raw: header(kind))
        payload(&writer)
        var bytes = writer.bytes
        bytes += key.seal(bytes)
        return bytes
    }

    /// A reader over a sealed file's payload, or why the file cannot be used.
    static func open(_ bytes: [UInt8], as kind: Kind, key: CacheKey) throws -> BinaryReader {
        let head = header(kind)
        guard bytes.count >= head.count + sealLength else { throw Unusable(description: "it is truncated") }
        guard Array(bytes[0..<head.count]) == head else {
            throw Unusable(description: "it is from another version of debrief or not a cache file")
        }
        let payloadEnd = bytes.count - sealLength
        guard key.seal(bytes[0..<payloadEnd]) == Array(bytes[payloadEnd...]) else {
            throw Unusable(description: "its seal does not match: it was changed, or written with another cache key")
        }
        return BinaryReader(bytes, position: head.count, end: payloadEnd)
    }

    // MARK: - Index

    static func encode(_ index: Index, key: CacheKey) -> [UInt8] {
        seal(.index, key: key, capacity: 64 * index.pages.count + 64 * index.inputs.count) { writer in
            writer.currentFile = "\u{0}"
            writer.write(index.complete)
            writer.write(index.siteFingerprint)
            writer.write(index.parseFingerprint)
            writer.write(index.inputs.keys.sorted()) { writer, path in
                writer.write(path)
                let input = index.inputs[path] ?? InputFile(signature: nil, contentHash: 0)
                writer.write(optional: input.signature) { $0.write($1) }
                writer.write(input.contentHash)
            }
            writer.write(index.linkedFiles.keys.sorted()) { writer, path in
                writer.write(path)
                writer.write(optional: index.linkedFiles[path]?.signature) { $0.write($1) }
            }
            writer.write(index.diagnostics) { $0.write($1) }
            writer.write(index.pages.keys.sorted()) { writer, path in
                writer.write(path)
                let entry = index.pages[path] ?? PageEntry(outputHash: 0, key: 0)
                writer.write(entry.outputHash)
                writer.write(entry.key)
            }
        }
    }

    /// The index in `bytes`; throws `Unusable` when it is damaged, from another version, or
    /// names a path that is not a plain relative path (a page outside the site, say).
    static func decodeIndex(_ bytes: [UInt8], key: CacheKey) throws -> Index {
        var reader = try open(bytes, as: .index, key: key)
        reader.currentFile = "\u{0}"
        do {
            var index = Index()
            index.complete = try reader.bool()
            index.siteFingerprint = try reader.uint64()
            index.parseFingerprint = try reader.uint64()
            let inputCount = try reader.count()
            index.inputs.reserveCapacity(inputCount)
            for _ in 0..<inputCount {
                let path = try reader.string()
                let signature = try reader.optional { try $0.signature() }
                index.inputs[path] = InputFile(signature: signature, contentHash: try reader.uint64())
            }
            let copiedCount = try reader.count()
            for _ in 0..<copiedCount {
                let path = try reader.string()
                guard SiteLayout.isPlainRelativePath(path) else { throw Unusable(description: "it names the file '\(path)'") }
                index.linkedFiles[path] = LinkedFile(signature: try reader.optional { try $0.signature() })
            }
            index.diagnostics = try reader.array { try $0.diagnostic() }
            let pageCount = try reader.count()
            index.pages.reserveCapacity(pageCount)
            for _ in 0..<pageCount {
                let path = try reader.string()
                guard SiteLayout.isRemovable(path) else { throw Unusable(description: "it names the page '\(path)'") }
                index.pages[path] = PageEntry(outputHash: try reader.uint64(), key: try reader.uint64())
            }
            guard reader.isAtEnd else { throw Unusable(description: "it has bytes after its end") }
            return index
        } catch is BinaryReader.Malformed {
            throw Unusable(description: "it does not decode")
        }
    }

    // MARK: - Records

    /// The whole of `records.bin`: the pieces `encode(records:key:emit:)` gives, joined.
    static func encode(records: [SiteDocument], key: CacheKey) -> [UInt8] {
        var file: [UInt8] = []
        encode(records: records, key: key) { file += $0 }
        return file
    }

    /// How many records are encoded into one piece of `records.bin`.
    static let recordsBatch = 512

    /// `records.bin` in consecutive pieces, given to `emit` in order: the header, the records a
    /// batch at a time, and last the seal, so a caller that writes each piece as it comes never
    /// holds the whole file (some 60 MB at ten thousand documents, and twice that while it grew).
    static func encode(records: [SiteDocument], key: CacheKey, emit: ([UInt8]) throws -> Void) rethrows {
        var sealer = key.sealer()
        func piece(_ bytes: [UInt8]) throws {
            sealer.update(bytes)
            try emit(bytes)
        }
        var head = BinaryWriter()
        head.append(raw: header(.records))
        head.writeCount(records.count)
        try piece(head.bytes)
        var start = 0
        while start < records.count {
            let end = min(start + recordsBatch, records.count)
            var writer = BinaryWriter(capacity: 8_192 * (end - start))
            for record in records[start..<end] { writer.write(record) }
            // Each batch says how many records it holds and how long it is, so a reader can
            // find every batch first and decode them all at once.
            var frame = BinaryWriter()
            frame.writeCount(end - start)
            frame.writeCount(writer.bytes.count)
            try piece(frame.bytes)
            try piece(writer.bytes)
            start = end
        }
        try emit(sealer.finalize())
    }

    static func decodeRecords(_ bytes: [UInt8], key: CacheKey) throws -> [SiteDocument] {
        var reader = try open(bytes, as: .records, key: key)
        do {
            // The batches are found one after the other, then decoded on all cores.
            let total = try reader.count()
            var batches: [(start: Int, end: Int, count: Int)] = []
            var found = 0
            while found < total {
                let count = try reader.count()
                guard count > 0, count <= total - found else { throw BinaryReader.Malformed() }
                let length = try reader.count()
                batches.append((reader.position, reader.position + length, count))
                try reader.skip(length)
                found += count
            }
            guard reader.isAtEnd else { throw Unusable(description: "it has bytes after its end") }
            let decoded = try parallelMapThrowing(batches) { batch -> [SiteDocument] in
                var reader = BinaryReader(bytes, position: batch.start, end: batch.end)
                var records: [SiteDocument] = []
                records.reserveCapacity(batch.count)
                for _ in 0..<batch.count { records.append(try reader.siteDocument()) }
                guard reader.isAtEnd else { throw BinaryReader.Malformed() }
                return records
            }
            return decoded.flatMap { $0 }
        } catch is BinaryReader.Malformed {
            throw Unusable(description: "it does not decode")
        }
    }
}

// MARK: - Encoding the model

extension BinaryWriter {
    mutating func write(_ signature: FileSignature) {
        write(Int(signature.size))
        write(Int(signature.modified))
        write(Int(signature.changed))
        write(signature.inode)
        write(signature.isRegular)
    }

    mutating func write(_ location: SourceLocation) {
        if location.file == currentFile {
            write(false)
        } else {
            write(true)
            write(location.file)
        }
        // Line 0, which no place in a file has, stands for a location that names the whole file.
        write(location.isWholeFile ? 0 : location.line)
        write(location.column)
    }

    mutating func write(_ diagnostic: Diagnostic) {
        write(diagnostic.severity.rawValue)
        write(diagnostic.code.rawValue)
        write(diagnostic.location)
        write(diagnostic.message)
        write(diagnostic.notes) { writer, note in
            writer.write(note.message)
            writer.write(optional: note.location) { $0.write($1) }
        }
        write(diagnostic.fix)
    }

    mutating func write(_ date: CalendarDate?) {
        write(date?.daysSinceEpoch ?? Int.min)
    }

    mutating func write(_ timestamp: Timestamp?) {
        write(optional: timestamp) { writer, value in
            writer.write(value.epochSeconds)
            writer.write(value.offsetSeconds)
        }
    }

    mutating func write(_ section: Section) {
        write(section.heading)
        write(section.name)
        write(section.location)
        write(section.level)
        write(section.hasContent)
    }

    mutating func write(_ action: PreventiveAction) {
        write(action.postmortemID)
        write(action.postmortemFile)
        write(action.id)
        write(action.action)
        write(action.owner)
        write(action.dueText)
        write(action.due)
        write(action.statusText)
        write(action.status?.rawValue)
        write(action.sops) { writer, reference in
            writer.write(reference.written)
            writer.write(reference.sopID)
        }
        write(action.ticket)
        write(action.type)
        write(action.location)
        write(action.cellLocations.keys.sorted()) { writer, key in
            writer.write(key)
            writer.write(action.cellLocations[key] ?? action.location)
        }
        write(action.untracked)
        write(action.closed)
    }

    mutating func write(_ links: [(destination: String, location: SourceLocation)]) {
        writeCount(links.count)
        for link in links {
            write(link.destination)
            write(link.location)
        }
    }

    mutating func write(_ pm: Postmortem) {
        write(pm.file)
        write(pm.slug)
        write(pm.id)
        write(pm.title)
        write(pm.date)
        write(pm.severity)
        write(pm.statusText)
        write(pm.services)
        write(pm.tags)
        write(pm.authors)
        write(pm.commander)
        write(pm.timezone?.description)
        write(pm.started)
        write(pm.detected)
        write(pm.mitigated)
        write(pm.resolved)
        write(pm.related)
        write(pm.reviewers)
        write(pm.approvedBy)
        write(pm.approved)
        write(pm.customFields) { writer, field in
            writer.write(field.key)
            writer.write(field.values)
        }
        write(pm.fields) { writer, field in
            writer.write(field.key)
            writer.write(field.keyLocation)
            writer.write(field.valueLocation)
            writer.write(field.valueIsScalar)
            writer.write(field.valueIsEmpty)
            writer.writeCount(field.items.count)
            for item in field.items {
                writer.write(item.text)
                writer.write(item.location)
            }
        }
        write(pm.sections) { $0.write($1) }
        write(pm.outline) { writer, heading in
            writer.write(heading.text)
            writer.write(heading.level)
            writer.write(heading.location)
        }
        write(pm.timeline) { writer, entry in
            writer.write(entry.timeText)
            writer.write(entry.time)
            writer.write(entry.event)
            writer.write(entry.location)
            let writeChange = { (writer: inout BinaryWriter, change: TimelineEntry.ClockChange) in
                writer.write(change.zone)
                writer.write(change.date)
                writer.write(change.secondOfDay)
                writer.write(change.offsetBefore)
                writer.write(change.offsetAfter)
            }
            writer.write(optional: entry.clockChange, writeChange)
            writer.write(entry.end)
            writer.write(entry.approximate)
            writer.write(entry.dayOnly)
            writer.write(entry.diagnosed)
            writer.write(entry.fix)
            writer.write(optional: entry.endClockChange, writeChange)
        }
        write(pm.actionTables) { writer, table in
            writer.write(table.location)
            writer.write(table.columns) { $0.write($1) }
            writer.write(table.missingColumns)
            writer.write(table.actions) { $0.write($1) }
        }
        write(pm.bodyFirstLine)
        write(pm.heading)
        write(pm.links)
        write(pm.hasFrontMatter)
        write(pm.imported)
        write(pm.similarityText)
    }

    mutating func write(_ sop: SOP) {
        write(sop.file)
        write(sop.id)
        write(sop.title)
        write(sop.owner)
        write(sop.lastReviewed)
        write(sop.bodyFirstLine)
        write(sop.links)
    }

    mutating func write(_ document: SiteDocument) {
        write(document.file)
        currentFile = document.file
        write(optional: document.signature) { $0.write($1) }
        write(document.contentHash)
        switch document.content {
        case .postmortem(let pm):
            write(0)
            write(pm)
        case .sop(let sop):
            write(1)
            write(sop)
        case .unreadable:
            write(2)
        }
        write(document.diagnostics) { $0.write($1) }
        write(document.headings) { writer, heading in
            writer.write(heading.level)
            writer.write(heading.text)
            writer.write(heading.anchor)
        }
        write(document.excerpt)
        write(document.documentLinks) { writer, link in
            writer.write(link.file)
            writer.write(link.existed)
        }
        write(document.linkedFiles)
        write(document.ticketURLs) { $0.write($1) }
        switch document.body {
        case .stored(let offset, let length):
            write(true)
            write(offset)
            write(length)
        case .rendered, .none:
            write(false)
        }
        write(document.bodyHash)
    }
}

// MARK: - Decoding the model

extension BinaryReader {
    mutating func signature() throws -> FileSignature {
        FileSignature(size: Int64(try int()), modified: Int64(try int()), changed: Int64(try int()),
                      inode: try uint64(), isRegular: try bool())
    }

    mutating func location() throws -> SourceLocation {
        let file = try bool() ? try string() : currentFile
        let line = try int()
        let column = try int()
        return line == 0 ? SourceLocation(file: file) : SourceLocation(file: file, line: line, column: column)
    }

    mutating func diagnostic() throws -> Diagnostic {
        guard let severity = Severity(rawValue: try string()), let code = DiagnosticCode(rawValue: try string()) else {
            throw Malformed()
        }
        let location = try location()
        let message = try string()
        let notes = try array { reader in
            Diagnostic.Note(try reader.string(), at: try reader.optional { try $0.location() })
        }
        let fix = try optionalString()
        return Diagnostic(severity, code, at: location, message, notes: notes, fix: fix)
    }

    mutating func date() throws -> CalendarDate? {
        let days = try int()
        return days == Int.min ? nil : CalendarDate(daysSinceEpoch: days)
    }

    mutating func timestamp() throws -> Timestamp? {
        try optional { Timestamp(epochSeconds: try $0.double(), offsetSeconds: try $0.int()) }
    }

    mutating func section() throws -> Section {
        let heading = try string()
        let name = try string()
        let location = try location()
        let level = try int()
        let hasContent = try bool()
        // A stand-in block sets the content flag, which `withoutBlocks` keeps.
        let standIn = MarkdownBlock(kind: .paragraph, line: location.line, column: 1, endLine: location.line,
                                    text: "…", links: [], children: [], literal: "")
        return Section(heading: heading, name: name, location: location, level: level, blocks: hasContent ? [standIn] : []).withoutBlocks
    }

    mutating func action() throws -> PreventiveAction {
        let postmortemID = try string()
        let postmortemFile = try string()
        let id = try string()
        let action = try string()
        let owner = try string()
        let dueText = try string()
        let due = try date()
        let statusText = try string()
        let statusRaw = try optionalString()
        let status = try statusRaw.map { raw in
            guard let status = ActionStatus(rawValue: raw) else { throw Malformed() }
            return status
        }
        let sops = try array { reader in
            SOPReference(written: try reader.string(), sopID: try reader.optionalString())
        }
        let ticket = try optionalString()
        let type = try optionalString()
        let location = try location()
        var cells = CellLocations()
        let cellCount = try count()
        for _ in 0..<cellCount {
            let key = try string()
            cells[key] = try self.location()
        }
        var read = PreventiveAction(postmortemID: postmortemID, postmortemFile: postmortemFile, id: id, action: action, owner: owner,
                                    dueText: dueText, due: due, statusText: statusText,
                                    status: status, sops: sops, ticket: ticket, type: type,
                                    location: location, cellLocations: cells, untracked: try bool())
        read.closed = try date()
        return read
    }

    mutating func links() throws -> [(destination: String, location: SourceLocation)] {
        let n = try count()
        var result: [(destination: String, location: SourceLocation)] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append((try string(), try location())) }
        return result
    }

    mutating func postmortem() throws -> Postmortem {
        let file = try string()
        let slug = try string()
        var pm = Postmortem(file: file, slug: slug, id: try string(), title: try string(), date: try date(),
                            severity: try string(), statusText: try string(), body: "", bodyFirstLine: 1, hasFrontMatter: false)
        pm.services = try strings()
        pm.tags = try strings()
        pm.authors = try strings()
        pm.commander = try optionalString()
        pm.timezone = try optionalString().flatMap(TimeZoneSpec.init)
        pm.started = try timestamp()
        pm.detected = try timestamp()
        pm.mitigated = try timestamp()
        pm.resolved = try timestamp()
        pm.related = try strings()
        pm.reviewers = try strings()
        pm.approvedBy = try strings()
        pm.approved = try date()
        pm.customFields = try array { reader in CustomFieldValue(key: try reader.string(), values: try reader.strings()) }
        pm.fields = try array { reader in
            var field = FieldLocation(key: try reader.string(), keyLocation: try reader.location(), valueLocation: try reader.location())
            field.valueIsScalar = try reader.bool()
            field.valueIsEmpty = try reader.bool()
            field.items = try reader.array { reader in (text: try reader.string(), location: try reader.location()) }
            return field
        }
        pm.sections = try array { try $0.section() }
        pm.outline = try array { reader in
            OutlineHeading(text: try reader.string(), level: try reader.int(), location: try reader.location())
        }
        pm.timeline = try array { reader in
            let readChange = { (reader: inout BinaryReader) throws -> TimelineEntry.ClockChange in
                TimelineEntry.ClockChange(zone: try reader.string(), date: try reader.date() ?? CalendarDate(daysSinceEpoch: 0),
                                          secondOfDay: try reader.double(), offsetBefore: try reader.int(), offsetAfter: try reader.int())
            }
            var entry = TimelineEntry(timeText: try reader.string(), time: try reader.timestamp(), event: try reader.string(), location: try reader.location(),
                                      clockChange: try reader.optional(readChange))
            entry.end = try reader.timestamp()
            entry.approximate = try reader.bool()
            entry.dayOnly = try reader.bool()
            entry.diagnosed = try reader.bool()
            entry.fix = try reader.optionalString()
            entry.endClockChange = try reader.optional(readChange)
            return entry
        }
        pm.actionTables = try array { reader in
            ActionTable(location: try reader.location(), columns: try reader.array { try $0.optionalString() },
                        missingColumns: try reader.strings(), actions: try reader.array { try $0.action() })
        }
        pm.bodyFirstLine = try int()
        pm.heading = try optionalString()
        pm.links = try links()
        pm.hasFrontMatter = try bool()
        pm.imported = try bool()
        pm.similarityText = try string()
        return pm
    }

    mutating func sop() throws -> SOP {
        let file = try string()
        let id = try string()
        let title = try string()
        let owner = try optionalString()
        let lastReviewed = try date()
        let bodyFirstLine = try int()
        return SOP(file: file, id: id, title: title, owner: owner, lastReviewed: lastReviewed, body: "",
                   bodyFirstLine: bodyFirstLine, links: try links(), bodyHTML: nil)
    }

    mutating func siteDocument() throws -> SiteDocument {
        let file = try string()
        currentFile = file
        let signature = try optional { try $0.signature() }
        let contentHash = try uint64()
        let content: SiteDocument.Content
        switch try int() {
        case 0: content = .postmortem(try postmortem())
        case 1: content = .sop(try sop())
        case 2: content = .unreadable
        default: throw Malformed()
        }
        let diagnostics = try array { try $0.diagnostic() }
        let headings = try array { reader in
            SiteDocument.Heading(level: try reader.int(), text: try reader.string(), anchor: try reader.string())
        }
        let excerpt = try string()
        let documentLinks = try array { reader in
            SiteDocument.DocumentLink(file: try reader.string(), existed: try reader.bool())
        }
        let linkedFiles = try strings()
        guard linkedFiles.allSatisfy(SiteLayout.isPlainRelativePath) else { throw Malformed() }
        let ticketURLs = try array { try $0.optionalString() }
        let body: SiteDocument.Body = try bool() ? .stored(offset: try int(), length: try int()) : .none
        return SiteDocument(file: file, signature: signature, contentHash: contentHash, content: content,
                            diagnostics: diagnostics, headings: headings, excerpt: excerpt,
                            documentLinks: documentLinks, linkedFiles: linkedFiles, body: body, bodyHash: try uint64(),
                            ticketURLs: ticketURLs)
    }
}
