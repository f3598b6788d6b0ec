@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The cache codec writes and reads every record type field by field; these tests make a
/// forgotten field impossible to miss. Random records fill every stored property (checked by
/// reflection: a property that is never filled fails `test_item8_generatorFillsEveryStoredProperty`,
/// so a field added to the model must be added here), and each record must come back from
/// the codec with the same deep description (`describe`), which covers every stored property,
/// private ones included.
final class BuildCacheRoundTripTests: XCTestCase {
    static let key = CacheKey(bytes: Array(0..<32))

    /// Stored properties a cached record never holds, with the reason.
    static let notCached: [String: String] = [
        "content.postmortem.body": "the Markdown is dropped once read (SiteDocument.finish)",
        "content.postmortem.bodyHTML": "the rendered body lives in the body store",
        "content.postmortem.richBlocks.blocks": "marked in the rendered body, which lives in the body store",
        "content.postmortem.richBlocks.tables": "marked in the rendered body, which lives in the body store",
        "content.postmortem.richBlocks.lists": "marked in the rendered body, which lives in the body store",
        "content.sop.body": "the Markdown is dropped once read (SiteDocument.finish)",
        "content.sop.bodyHTML": "the rendered body lives in the body store",
        "content.postmortem.sections[].blocks": "blocks are dropped once read; hasContent stays",
    ]

    func test_item8_everyRecordSurvivesTheCodec() throws {
        var random = SplitMix64(seed: 0xCAC4E)
        for round in 0..<300 {
            let records = (0..<4).map { _ in RandomRecord.document(&random) }
            let decoded = try BuildCache.decodeRecords(BuildCache.encode(records: records, key: Self.key), key: Self.key)
            XCTAssertEqual(decoded.count, records.count)
            for (original, back) in zip(records, decoded) where Self.describe(original) != Self.describe(back) {
                XCTFail("round \(round): \(original.file) changed in the cache:\n" + Self.firstDifference(Self.describe(original), Self.describe(back)))
                return
            }
        }
    }

    /// `records.bin` is encoded and sealed in pieces of `recordsBatch` records: across the seams
    /// it is the file the whole-file seal describes, and every record comes back in order.
    func testRecordsEncodedInPiecesAreOneSealedFile() throws {
        var random = SplitMix64(seed: 0x5EA4)
        let records = (0..<(2 * BuildCache.recordsBatch + 3)).map { _ in RandomRecord.document(&random) }
        var pieces: [[UInt8]] = []
        BuildCache.encode(records: records, key: Self.key) { pieces.append($0) }
        XCTAssertEqual(pieces.count, 1 + 2 * 3 + 1, "the header, three batches each after its frame, the seal")
        let file = pieces.flatMap { $0 }
        XCTAssertEqual(Array(file.suffix(BuildCache.sealLength)), Self.key.seal(file.dropLast(BuildCache.sealLength)))
        let decoded = try BuildCache.decodeRecords(file, key: Self.key)
        XCTAssertEqual(decoded.map(\.file), records.map(\.file))
        for (original, back) in zip(records, decoded) where Self.describe(original) != Self.describe(back) {
            XCTFail("\(original.file) changed in the cache:\n" + Self.firstDifference(Self.describe(original), Self.describe(back)))
            return
        }
    }

    /// A batch's frame (how many records, how many bytes) is read before the batch is decoded
    /// on another core: a frame that does not match its records, even in a file sealed with the
    /// right key, makes the file unusable, never records cut or run together.
    func testAFrameThatDoesNotMatchItsRecordsIsRefused() throws {
        var random = SplitMix64(seed: 0xF4A3)
        let records = (0..<3).map { _ in RandomRecord.document(&random) }
        var body = BinaryWriter()
        for record in records { body.write(record) }
        func file(total: Int, frames: [(count: Int, length: Int)], bodies: [[UInt8]]) -> [UInt8] {
            var payload = BinaryWriter()
            payload.append(raw: BuildCache.header(.records))
            payload.writeCount(total)
            for (frame, bytes) in zip(frames, bodies) {
                payload.writeCount(frame.count)
                payload.writeCount(frame.length)
                payload.append(raw: bytes)
            }
            return payload.bytes + Self.key.seal(payload.bytes)
        }
        let all = body.bytes
        let good = try BuildCache.decodeRecords(file(total: 3, frames: [(3, all.count)], bodies: [all]), key: Self.key)
        XCTAssertEqual(good.map(\.file), records.map(\.file))
        let forged: [(String, [UInt8])] = [
            ("an empty batch", file(total: 3, frames: [(0, 0), (3, all.count)], bodies: [[], all])),
            ("more records than the file", file(total: 2, frames: [(3, all.count)], bodies: [all])),
            ("fewer records than the file", file(total: 4, frames: [(3, all.count)], bodies: [all])),
            ("a length that cuts the last record", file(total: 3, frames: [(3, all.count - 1)], bodies: [Array(all.dropLast())])),
            ("a batch longer than its records", file(total: 3, frames: [(3, all.count + 1)], bodies: [all + [0]])),
            ("a batch that counts one record less", file(total: 3, frames: [(2, all.count), (1, 0)], bodies: [all, []])),
        ]
        for (name, bytes) in forged {
            XCTAssertThrowsError(try BuildCache.decodeRecords(bytes, key: Self.key), name)
        }
    }

    func test_item8_everyIndexSurvivesTheCodec() throws {
        var random = SplitMix64(seed: 0x1DE7)
        for _ in 0..<200 {
            let index = RandomRecord.index(&random)
            let back = try BuildCache.decodeIndex(BuildCache.encode(index, key: Self.key), key: Self.key)
            XCTAssertEqual(Self.describe(index), Self.describe(back))
        }
    }

    func test_item8_generatorFillsEveryStoredProperty() {
        var random = SplitMix64(seed: 7)
        var filled: [String: Bool] = [:]
        for _ in 0..<300 {
            Self.collect(RandomRecord.document(&random), path: "", into: &filled)
            Self.collect(RandomRecord.index(&random), path: "index", into: &filled)
        }
        let never = filled.filter { !$0.value && Self.notCached[$0.key] == nil }.keys.sorted()
        XCTAssertEqual(never, [], "stored properties the random records never fill: add them to RandomRecord (and to the codec)")
        XCTAssertGreaterThan(filled.count, 60)
    }

    func test_item8_anyChangedByteIsDetected() throws {
        var random = SplitMix64(seed: 99)
        let bytes = BuildCache.encode(records: (0..<3).map { _ in RandomRecord.document(&random) }, key: Self.key)
        for _ in 0..<200 {
            var damaged = bytes
            let at = Int(random.next() % UInt64(bytes.count))
            damaged[at] ^= UInt8(1 + random.next() % 255)
            XCTAssertThrowsError(try BuildCache.decodeRecords(damaged, key: Self.key))
        }
        XCTAssertThrowsError(try BuildCache.decodeRecords(Array(bytes.dropLast(1)), key: Self.key))
        XCTAssertThrowsError(try BuildCache.decodeRecords(bytes, key: CacheKey(bytes: Array(repeating: 7, count: 32))), "another key")
        XCTAssertThrowsError(try BuildCache.decodeIndex(bytes, key: Self.key), "a records file is no index")
    }

    // MARK: - Reflection

    /// A deep description of every stored property (private ones included), with dictionary
    /// entries sorted so two equal dictionaries read the same.
    static func describe(_ value: Any, indent: String = "") -> String {
        let mirror = Mirror(reflecting: value)
        let typeName = String(reflecting: type(of: value))
        if mirror.children.isEmpty || typeName.hasPrefix("Foundation") {
            return indent + typeName + " " + String(reflecting: value) + "\n"
        }
        var entries = mirror.children.map { child in
            indent + (child.label ?? "-") + ":\n" + describe(child.value, indent: indent + "  ")
        }
        if mirror.displayStyle == .dictionary || mirror.displayStyle == .set { entries.sort() }
        return indent + typeName + "\n" + entries.joined()
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n"), right = b.split(separator: "\n")
        for (index, (x, y)) in zip(left, right).enumerated() where x != y {
            return "line \(index + 1):\n- \(x)\n+ \(y)"
        }
        return "lengths differ"
    }

    /// Marks, for every stored property path under `value`, whether it held a non-empty value.
    static func collect(_ value: Any, path: String, into filled: inout [String: Bool]) {
        let mirror = Mirror(reflecting: value)
        let typeName = String(reflecting: type(of: value))
        if typeName.hasPrefix("Foundation") { return }
        switch mirror.displayStyle {
        case .optional:
            if let child = mirror.children.first {
                mark(path, true, &filled)
                collect(child.value, path: path, into: &filled)
            } else {
                mark(path, false, &filled)
            }
        case .collection, .set:
            mark(path, !mirror.children.isEmpty, &filled)
            for child in mirror.children { collect(child.value, path: path + "[]", into: &filled) }
        case .dictionary:
            mark(path, !mirror.children.isEmpty, &filled)
            for child in mirror.children {
                for part in Mirror(reflecting: child.value).children {
                    collect(part.value, path: path + "[]." + (part.label ?? "?"), into: &filled)
                }
            }
        case .enum:
            if let child = mirror.children.first {
                collect(child.value, path: path + "." + (child.label ?? "?"), into: &filled)
            }
        case .struct, .tuple, .class:
            for child in mirror.children {
                let label = child.label.map { $0.hasPrefix(".") ? "_" + $0.dropFirst() : $0 } ?? "?"
                collect(child.value, path: path.isEmpty ? label : path + "." + label, into: &filled)
            }
        default:
            let isFilled: Bool
            switch value {
            case let text as String: isFilled = !text.isEmpty
            case let number as Int: isFilled = number != 0
            case let number as UInt64: isFilled = number != 0
            case let number as Int64: isFilled = number != 0
            case let number as Double: isFilled = number != 0
            case let flag as Bool: isFilled = flag
            default: isFilled = true
            }
            mark(path, isFilled, &filled)
        }
    }

    private static func mark(_ path: String, _ isFilled: Bool, _ filled: inout [String: Bool]) {
        filled[path] = (filled[path] ?? false) || isFilled
    }
}

/// Random cache records with every stored property filled some of the time.
enum RandomRecord {
    static func document(_ random: inout SplitMix64) -> SiteDocument {
        let file = (random.next() % 2 == 0 ? "postmortems/" : "sops/") + word(&random) + ".md"
        let content: SiteDocument.Content
        switch random.next() % 5 {
        case 0: content = .unreadable
        case 1, 2: content = .sop(sop(file, &random))
        default: content = .postmortem(postmortem(file, &random))
        }
        let body: SiteDocument.Body = random.next() % 4 == 0 ? .none : .stored(offset: int(&random), length: int(&random))
        return SiteDocument(
            file: file, signature: maybe(&random) { signature(&$0) }, contentHash: random.next(), content: content,
            diagnostics: list(&random) { diagnostic(file, &$0) },
            headings: list(&random) { SiteDocument.Heading(level: int(&$0), text: text(&$0), anchor: word(&$0)) },
            excerpt: text(&random),
            documentLinks: list(&random) { SiteDocument.DocumentLink(file: word(&$0) + ".md", existed: $0.next() % 2 == 0) },
            linkedFiles: list(&random) { "files/" + word(&$0) + ".png" }, body: body, bodyHash: random.next(),
            ticketURLs: list(&random) { random in maybe(&random) { "https://t.example/" + word(&$0) } })
    }

    static func postmortem(_ file: String, _ random: inout SplitMix64) -> Postmortem {
        var pm = Postmortem(file: file, slug: word(&random), id: "INC-\(int(&random))", title: text(&random),
                            date: maybe(&random) { date(&$0) }, severity: word(&random), statusText: word(&random),
                            body: "", bodyFirstLine: int(&random), hasFrontMatter: random.next() % 2 == 0)
        pm.services = list(&random) { word(&$0) }
        pm.tags = list(&random) { word(&$0) }
        pm.authors = list(&random) { word(&$0) }
        pm.commander = maybe(&random) { word(&$0) }
        pm.timezone = maybe(&random) { random in TimeZoneSpec(["UTC", "+02:00", "Europe/Berlin", "-05:30"][Int(random.next() % 4)]) } ?? nil
        pm.started = maybe(&random) { timestamp(&$0) }
        pm.detected = maybe(&random) { timestamp(&$0) }
        pm.mitigated = maybe(&random) { timestamp(&$0) }
        pm.resolved = maybe(&random) { timestamp(&$0) }
        pm.related = list(&random) { "INC-\(int(&$0))" }
        pm.reviewers = list(&random) { word(&$0) }
        pm.approvedBy = list(&random) { word(&$0) }
        pm.approved = maybe(&random) { date(&$0) }
        pm.customFields = list(&random) { random in CustomFieldValue(key: word(&random), values: list(&random) { text(&$0) }) }
        pm.fields = list(&random) { random in
            var field = FieldLocation(key: word(&random), keyLocation: location(file, &random), valueLocation: location(file, &random))
            field.valueIsScalar = random.next() % 2 == 0
            field.valueIsEmpty = random.next() % 2 == 0
            field.items = list(&random) { (text: word(&$0), location: location(file, &$0)) }
            return field
        }
        pm.sections = list(&random) { random in
            let at = location(file, &random)
            let standIn = MarkdownBlock(kind: .paragraph, line: at.line, column: 1, endLine: at.line, text: "x", links: [], children: [], literal: "")
            return Section(heading: text(&random), name: word(&random), location: at, level: 1 + int(&random) % 6,
                           blocks: random.next() % 2 == 0 ? [standIn] : []).withoutBlocks
        }
        pm.outline = list(&random) { random in
            OutlineHeading(text: text(&random), level: 1 + int(&random) % 6, location: location(file, &random))
        }
        pm.timeline = list(&random) { random in
            var entry = TimelineEntry(timeText: word(&random), time: maybe(&random) { timestamp(&$0) }, event: text(&random), location: location(file, &random),
                                      clockChange: maybe(&random) { random in
                                          TimelineEntry.ClockChange(zone: word(&random), date: date(&random), secondOfDay: Double(int(&random)) + 0.5,
                                                                    offsetBefore: int(&random) - 50_000, offsetAfter: int(&random) - 50_000)
                                      })
            entry.end = maybe(&random) { timestamp(&$0) }
            entry.approximate = random.next() % 2 == 0
            entry.dayOnly = random.next() % 2 == 0
            entry.diagnosed = random.next() % 2 == 0
            entry.fix = maybe(&random) { word(&$0) }
            entry.endClockChange = maybe(&random) { random in
                TimelineEntry.ClockChange(zone: word(&random), date: date(&random), secondOfDay: Double(int(&random)) + 0.5,
                                          offsetBefore: int(&random) - 50_000, offsetAfter: int(&random) - 50_000)
            }
            return entry
        }
        pm.actionTables = list(&random) { random in
            ActionTable(location: location(file, &random), columns: list(&random) { random in maybe(&random) { word(&$0) } },
                        missingColumns: list(&random) { word(&$0) }, actions: list(&random) { action(file, &$0) })
        }
        pm.heading = maybe(&random) { text(&$0) }
        pm.links = list(&random) { (destination: word(&$0), location: location(file, &$0)) }
        pm.imported = random.next() % 2 == 0
        pm.similarityText = text(&random)
        return pm
    }

    static func action(_ file: String, _ random: inout SplitMix64) -> PreventiveAction {
        var cells = CellLocations()
        for _ in 0..<Int(random.next() % 3) { cells[word(&random)] = location(file, &random) }
        var action = PreventiveAction(
            postmortemID: "INC-\(int(&random))", postmortemFile: file, id: word(&random), action: text(&random), owner: word(&random),
            dueText: word(&random), due: maybe(&random) { date(&$0) }, statusText: word(&random),
            status: maybe(&random) { ActionStatus.allCases[Int($0.next() % 4)] },
            sops: list(&random) { SOPReference(written: word(&$0), sopID: maybe(&$0) { word(&$0) }) },
            ticket: maybe(&random) { word(&$0) }, type: maybe(&random) { word(&$0) },
            location: location(file, &random), cellLocations: cells, untracked: random.next() % 2 == 0)
        action.closed = maybe(&random) { date(&$0) }
        return action
    }

    static func sop(_ file: String, _ random: inout SplitMix64) -> SOP {
        var sop = SOP(file: file, id: word(&random), title: text(&random), owner: maybe(&random) { word(&$0) },
                      lastReviewed: maybe(&random) { date(&$0) }, body: "", bodyFirstLine: int(&random))
        sop.links = list(&random) { (destination: word(&$0), location: location(file, &$0)) }
        return sop
    }

    static func index(_ random: inout SplitMix64) -> BuildCache.Index {
        var index = BuildCache.Index()
        index.complete = random.next() % 2 == 0
        index.siteFingerprint = random.next()
        index.parseFingerprint = random.next()
        for _ in 0..<Int(random.next() % 4) {
            index.inputs[word(&random) + ".md"] = .init(signature: maybe(&random) { signature(&$0) }, contentHash: random.next())
        }
        for _ in 0..<Int(random.next() % 3) {
            index.linkedFiles["notes/" + word(&random) + ".png"] = .init(signature: maybe(&random) { signature(&$0) })
        }
        index.diagnostics = list(&random) { diagnostic(word(&$0) + ".md", &$0) }
        for _ in 0..<Int(random.next() % 4) {
            index.pages["postmortems/" + word(&random) + ".html"] = .init(outputHash: random.next(), key: random.next())
        }
        return index
    }

    // MARK: - Leaves

    static func diagnostic(_ file: String, _ random: inout SplitMix64) -> Diagnostic {
        Diagnostic(random.next() % 2 == 0 ? .error : .warning, DiagnosticCode.allCases[Int(random.next() % UInt64(DiagnosticCode.allCases.count))],
                   at: location(file, &random), text(&random),
                   notes: list(&random) { Diagnostic.Note(text(&$0), at: maybe(&$0) { location(file, &$0) }) },
                   fix: maybe(&random) { text(&$0) })
    }

    static func location(_ file: String, _ random: inout SplitMix64) -> SourceLocation {
        let file = random.next() % 4 == 0 ? "other/" + word(&random) + ".md" : file
        return random.next() % 8 == 0 ? SourceLocation(file: file) : SourceLocation(file: file, line: 1 + int(&random), column: 1 + int(&random))
    }

    static func signature(_ random: inout SplitMix64) -> FileSignature {
        FileSignature(size: Int64(int(&random)), modified: Int64(bitPattern: random.next()), changed: Int64(bitPattern: random.next()),
                      inode: random.next(), isRegular: random.next() % 2 == 0)
    }

    static func timestamp(_ random: inout SplitMix64) -> Timestamp {
        Timestamp(epochSeconds: Double(Int(random.next() % 4_000_000_000)) + (random.next() % 2 == 0 ? 0.5 : 0),
                  offsetSeconds: Int(random.next() % 57_600) - 28_800)
    }

    static func date(_ random: inout SplitMix64) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int(random.next() % 40_000) - 10_000)
    }

    static func int(_ random: inout SplitMix64) -> Int { Int(random.next() % 100_000) }

    static func word(_ random: inout SplitMix64) -> String {
        let pieces = ["db", "checkout", "ünïcode", "日本", "a-b", "x_y", "😀", "INC", "sev1", "🇩🇪", "tab\there", "new\nline"]
        return (0...Int(random.next() % 3)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined(separator: "-")
    }

    static func text(_ random: inout SplitMix64) -> String {
        (0...Int(random.next() % 6)).map { _ in word(&random) }.joined(separator: " ")
    }

    static func maybe<T>(_ random: inout SplitMix64, _ make: (inout SplitMix64) -> T) -> T? {
        random.next() % 3 == 0 ? nil : make(&random)
    }

    static func list<T>(_ random: inout SplitMix64, _ make: (inout SplitMix64) -> T) -> [T] {
        (0..<Int(random.next() % 4)).map { _ in make(&random) }
    }
}
