@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// What each post-mortem's text gave the similarity index, kept in `similarity.bin`: read back
/// exactly, used only under the key of the text as it is now, refused when damaged or forged,
/// and an index made from cached analyses finds what a fresh one does.
final class SimilarityFeaturesTests: XCTestCase {
    private let key = CacheKey(bytes: Array(repeating: 7, count: 32))

    /// Documents whose analyses have every shape: title words counted twice, compounds and their
    /// parts, a term first seen in another form than a pair names it (`Pools` then `pool`),
    /// services and tags, non-ASCII words, and a document with nothing to analyze.
    private static let documents: [SimilarityDocument] = [
        SimilarityDocument(id: "INC-1", title: "Checkout 502 after failover", text: "The connection pool was exhausted after the failover.\nPools ran dry; the pool recovered.",
                           services: ["checkout", " Payments "], tags: ["database"]),
        SimilarityDocument(id: "INC-2", title: "pg_basebackup stalled", text: "The pg_basebackup run held the WAL; Straße café outage in Zürich.",
                           services: [], tags: ["storage", "storage"]),
        SimilarityDocument(id: "INC-3", title: "", text: "", services: [], tags: []),
        SimilarityDocument(id: "INC-4", title: "Connection pool exhausted", text: "Connection pools exhausted again after a failover of the primary.",
                           services: ["Checkout"], tags: []),
    ]
    private static let files = documents.map { "postmortems/\($0.id.lowercased()).md" }

    /// A copy of the example, built once into memory with the test's cache key.
    private func builtExample() throws -> (root: URL, site: MemorySiteWriter, options: BuildOptions) {
        let root = try SiteFixture.copy(SiteFixture.example, into: try SiteFixture.temporaryFolder(self))
        let site = MemorySiteWriter()
        let options = BuildOptions(root: root, asOf: SiteFixture.asOf, cacheKey: key)
        _ = try SiteBuilder(options: options, writer: site).build()
        return (root, site, options)
    }

    private func written(_ documents: [SimilarityDocument] = documents, files: [String] = files) throws -> SimilarityFeatures {
        let (_, next, analyzed) = SimilarityFeatures().index(documents, files: files)
        XCTAssertEqual(analyzed, documents.count, "nothing cached: every document is analyzed")
        return try SimilarityFeatures(file: next.sealed(key: key), key: key)
    }

    func testAnalysesComeBackExactlyAsMade() throws {
        let features = try written()
        XCTAssertEqual(features.count, Self.documents.count)
        for (document, file) in zip(Self.documents, Self.files) {
            let fresh = SimilarityIndex.analyze(document)
            XCTAssertEqual(features.analyzed(for: file, key: SimilarityFeatures.key(document)), fresh, file)
        }
        // The shapes the encoding shortens are all there: a label that is not its term, and a
        // pair whose label is not its words' first labels.
        let first = SimilarityIndex.analyze(Self.documents[0])
        XCTAssertTrue(first.single.contains { $0.label != $0.key && $0.kind == .term })
        XCTAssertTrue(first.pairs.contains { pair in pair.label != first.single[pair.first].label + " " + first.single[pair.second].label },
                      "\(first.pairs.map(\.label))")
        XCTAssertTrue(first.single.contains { $0.kind == .service } && first.single.contains { $0.kind == .tag })
    }

    func testAnEntryIsUsedOnlyUnderTheKeyOfTheTextAsItIsNow() throws {
        let features = try written()
        var edited = Self.documents
        edited[1].text += " One more sentence."
        edited[3].services = ["search"]
        edited[0].title = "Checkout 503 after failover"
        for (position, document) in edited.enumerated() {
            let key = SimilarityFeatures.key(document)
            XCTAssertEqual(key == SimilarityFeatures.key(Self.documents[position]), position == 2, "document \(position)")
            XCTAssertEqual(features.key(for: Self.files[position]), SimilarityFeatures.key(Self.documents[position]))
        }
        let (_, _, analyzed) = features.index(edited, files: Self.files)
        XCTAssertEqual(analyzed, 3, "the three edited documents, and only they, are analyzed again")
        // Another file with the same text has no entry of its own.
        XCTAssertNil(features.analyzed(for: "postmortems/other.md", key: SimilarityFeatures.key(Self.documents[0])))
    }

    /// An index made from the cache is the index made afresh: every document's similar ones,
    /// scores and reasons, on the fixture of known families.
    func testAnIndexFromCachedAnalysesFindsWhatAFreshOneDoes() throws {
        let (postmortems, fresh, _) = try SimilarityIndexTests.families()
        let documents = postmortems.map(SimilarityDocument.init)
        let files = postmortems.map(\.file)
        let features = try written(documents, files: files)
        let (cached, next, analyzed) = features.index(documents, files: files)
        XCTAssertEqual(analyzed, 0, "every analysis comes from the file")
        XCTAssertEqual(cached.ids, fresh.ids)
        let limit = 8
        XCTAssertEqual(cached.similarForAll(limit: limit, minimumScore: 0), fresh.similarForAll(limit: limit, minimumScore: 0))
        XCTAssertEqual(cached.similar(toText: "connection pool exhausted after failover"), fresh.similar(toText: "connection pool exhausted after failover"))
        // The file written again is the file read.
        let again = try SimilarityFeatures(file: next.sealed(key: key), key: key)
        for (document, file) in zip(documents, files) {
            let documentKey = SimilarityFeatures.key(document)
            XCTAssertEqual(again.analyzed(for: file, key: documentKey), features.analyzed(for: file, key: documentKey), file)
        }
    }

    func testADamagedOrForeignFileIsRefused() throws {
        let (_, next, _) = SimilarityFeatures().index(Self.documents, files: Self.files)
        let bytes = next.sealed(key: key)
        XCTAssertNoThrow(try SimilarityFeatures(file: bytes, key: key))
        XCTAssertThrowsError(try SimilarityFeatures(file: bytes, key: CacheKey(bytes: Array(repeating: 8, count: 32))), "sealed with another key")
        var flipped = bytes
        flipped[BuildCache.header(.similarity).count + 3] ^= 1
        XCTAssertThrowsError(try SimilarityFeatures(file: flipped, key: key), "a changed byte breaks the seal")
        XCTAssertThrowsError(try SimilarityFeatures(file: Array(bytes.prefix(20)), key: key), "truncated")
        // Another cache file with entries, sealed with the same key, is not a similarity file.
        XCTAssertThrowsError(try SimilarityFeatures(file: SearchCounts.Writer().sealed(strings: [], key: key), key: key))
    }

    /// Entries that decode to what no analysis makes are not used: the document is analyzed
    /// again. Each is written by hand, as a forger with the key would.
    func testAnEntryNoAnalysisMakesIsNotUsed() throws {
        func entry(_ body: (inout BinaryWriter) -> Void) throws -> SimilarityIndex.Analyzed? {
            var file = KeyedEntries.Writer()
            file.append("postmortems/a.md", key: 1, body)
            let features = try SimilarityFeatures(file: file.sealed(.similarity, strings: ["pool", "connection"], key: key), key: key)
            return features.analyzed(for: "postmortems/a.md", key: 1)
        }
        /// Two terms and a pair of them, with the given pair places, kind, count and label.
        func twoTerms(first: UInt64 = 1, second: UInt64 = 0, kind: UInt64 = 0, count: Float = 1, string: UInt64 = 0, label: UInt64 = 0)
            -> (inout BinaryWriter) -> Void {
            { writer in
                writer.writeCount(2)
                for (number, kind) in [(string, kind), (1, 0)] {
                    writer.write(number)
                    writer.write(kind)
                    writer.write(UInt64(0))
                    writer.write(frequency: count)
                }
                writer.writeCount(1)
                writer.write(first)
                writer.write(second)
                writer.write(label)
                writer.write(frequency: 1)
            }
        }
        let sound = try XCTUnwrap(try entry(twoTerms()))
        XCTAssertEqual(sound.single.map(\.key), ["pool", "connection"])
        XCTAssertEqual([sound.pairs[0].first, sound.pairs[0].second], [1, 0], "connection, then pool")
        XCTAssertEqual(sound.pairs[0].label, "connection pool", "the usual label: its words' labels")
        XCTAssertEqual(try entry(twoTerms(label: 2))?.pairs[0].label, "connection", "a label of its own, by number")
        XCTAssertNil(try entry(twoTerms(first: 2)), "a pair place past the features")
        XCTAssertNil(try entry(twoTerms(second: .max)), "a pair place past the features")
        XCTAssertNil(try entry(twoTerms(kind: 2)), "a pair joining a service")
        XCTAssertNil(try entry(twoTerms(kind: 9)), "a kind that does not exist")
        XCTAssertNil(try entry(twoTerms(kind: 256 + 0)), "a kind past a byte")
        XCTAssertNil(try entry(twoTerms(count: 0)), "a count below 1, whose logarithm no weight can take")
        XCTAssertNil(try entry(twoTerms(string: 2)), "a string the table does not hold")
        XCTAssertNil(try entry(twoTerms(label: 3)), "a label the table does not hold")
        XCTAssertNil(try entry { writer in
            twoTerms()(&writer)
            writer.write(UInt64(0))
        }, "bytes after the entry")
    }

    /// A rebuild takes the analyses of unchanged post-mortems from `similarity.bin` and
    /// analyzes changed ones again: shown by planting one rare word in the cached analyses of
    /// two unchanged post-mortems, which then share it as their reason, and in a changed one,
    /// whose planted analysis is not used.
    func testARebuildTakesTheAnalysesOfUnchangedPostmortemsAndAnalyzesChangedOnesAgain() throws {
        let (root, site, options) = try builtExample()
        let features = try SimilarityFeatures(file: try XCTUnwrap(site.read(BuildCache.similarityPath)), key: key)
        let first = "postmortems/2026-01-22-login-failures-after-key-rotation.md", second = "postmortems/2026-03-14-payment-timeouts.md"
        let changed = "postmortems/2026-07-19-checkout-502-during-lb-failover.md"
        XCTAssertTrue([first, second, changed].allSatisfy { features.key(for: $0) != nil }, "every post-mortem has an entry")

        var planted = KeyedEntries.Writer()
        for file in [first, second, changed] {
            planted.append(file, key: try XCTUnwrap(features.key(for: file))) { writer in
                writer.writeCount(1)
                writer.write(UInt64(0))
                writer.write(UInt64(SimilarityIndex.Kind.term.rawValue))
                writer.write(UInt64(0))
                writer.write(frequency: 3)
                writer.writeCount(0)
            }
        }
        try site.write(SitePage(path: BuildCache.similarityPath, bytes: planted.sealed(.similarity, strings: ["zebracorn"], key: key)))
        let file = root.appendingPathComponent(changed)
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "## Summary\n", with: "## Summary\n\nA line added after the review.\n")
            .write(to: file, atomically: false, encoding: .utf8)
        _ = try SiteBuilder(options: options, writer: site).build()

        let page = { (file: String) -> String in
            String(decoding: site.pages[file.replacingOccurrences(of: ".md", with: ".html")] ?? [], as: UTF8.self)
        }
        XCTAssertTrue(page(first).contains("shared terms: zebracorn"), "the unchanged post-mortems' cached analyses")
        XCTAssertTrue(page(second).contains("shared terms: zebracorn"))
        XCTAssertFalse(page(changed).contains("zebracorn"), "the changed post-mortem's old analysis is not used")
        XCTAssertTrue(page(changed).contains("shared terms:"), "it was analyzed again and is compared by its own words")

        // The file written by that build holds every post-mortem again, under its own key.
        let again = try SimilarityFeatures(file: try XCTUnwrap(site.read(BuildCache.similarityPath)), key: key)
        XCTAssertEqual(again.count, features.count)
        XCTAssertNotEqual(again.key(for: changed), features.key(for: changed))
        XCTAssertEqual(again.key(for: first), features.key(for: first))
    }

    /// A similarity file that does not open is said in a note, and every post-mortem is
    /// analyzed: the pages are those of a fresh build.
    func testADamagedSimilarityFileIsSaidAndEveryPostmortemIsAnalyzed() throws {
        let (root, site, options) = try builtExample()
        try site.write(SitePage(path: BuildCache.similarityPath, bytes: Array("garbage".utf8)))
        let file = root.appendingPathComponent("sops/load-balancer-failover.md")
        try (try String(contentsOf: file, encoding: .utf8) + "\nOne more line.\n").write(to: file, atomically: false, encoding: .utf8)
        let report = try SiteBuilder(options: options, writer: site).build()
        XCTAssertTrue(report.notes.contains { $0.contains("similarity.bin was not used") }, "\(report.notes)")
        let (_, fresh) = try SiteFixture.build(root)
        let postmortemPages = fresh.pages.keys.filter { $0.hasPrefix("postmortems/") && $0.hasSuffix(".html") }
        XCTAssertFalse(postmortemPages.isEmpty)
        for path in postmortemPages { XCTAssertEqual(site.pages[path], fresh.pages[path], path) }
    }
}
