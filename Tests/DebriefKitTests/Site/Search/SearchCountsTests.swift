@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// What each document gave the search index, kept in `search.bin`: read back exactly, refused
/// when damaged or forged, used for a document only under the key of what it is now.
final class SearchCountsTests: XCTestCase {
    private let key = CacheKey(bytes: Array(repeating: 7, count: 32))

    private func entry(_ key: UInt64, terms: [UInt32], frequencies: [Float], length: Float, words: [UInt32]) -> SearchCounts.Entry {
        SearchCounts.Entry(key: key, terms: terms, frequencies: frequencies, length: length, words: words)
    }

    /// The example repo copied into a new folder and built once, with this test's cache key.
    private func builtCopy() throws -> (root: URL, site: MemorySiteWriter, options: BuildOptions) {
        let folder = try SiteFixture.temporaryFolder(self)
        let root = try SiteFixture.copy(SiteFixture.example, into: folder)
        let site = MemorySiteWriter()
        let options = BuildOptions(root: root, asOf: SiteFixture.asOf, cacheKey: key)
        _ = try SiteBuilder(options: options, writer: site).build()
        return (root, site, options)
    }

    func testCountsComeBackExactlyAsWritten() throws {
        var writer = SearchCounts.Writer()
        let first = entry(42, terms: [0, 2, 1], frequencies: [1, 16, 0.5], length: 27.25, words: [1])
        // Whole numbers take the short form up to 2^24; anything else keeps its bits.
        let second = entry(UInt64.max, terms: [3, 0], frequencies: [16_777_216, 1e-3], length: 0, words: [])
        writer.append("postmortems/a.md", first)
        writer.append("sops/b.md", second)
        let counts = try SearchCounts(file: writer.sealed(strings: ["alpha", "beta", "gamma", "delta"], key: key), key: key)
        XCTAssertEqual(counts.strings, ["alpha", "beta", "gamma", "delta"])
        XCTAssertEqual(counts.count, 2)
        XCTAssertEqual(counts.entry(for: "postmortems/a.md", key: 42), first)
        XCTAssertEqual(counts.entry(for: "sops/b.md", key: UInt64.max), second)
        XCTAssertEqual(counts.key(for: "sops/b.md"), UInt64.max)
        // Another key is another document's text: its counts are not these.
        XCTAssertNil(counts.entry(for: "postmortems/a.md", key: 43))
        XCTAssertNil(counts.entry(for: "postmortems/c.md", key: 42))
    }

    /// The search index reads its postings back from the writer: every entry, in the order it
    /// was appended, exactly (a document appended twice comes twice).
    func testTheWriterGivesItsEntriesBackInOrder() throws {
        var writer = SearchCounts.Writer()
        let entries = [
            entry(9, terms: [2, 0], frequencies: [6, 0.125], length: 6.125, words: [2]),
            entry(UInt64.max, terms: [], frequencies: [], length: 0, words: []),
            entry(1, terms: [1, 3, 0], frequencies: [16_777_216, 3, 1], length: 16_777_220, words: [3, 1]),
        ]
        for (position, entry) in entries.enumerated() { writer.append("postmortems/\(position % 2).md", entry) }
        var read: [SearchCounts.Entry] = []
        try writer.forEachEntry(strings: 4) { read.append($0) }
        XCTAssertEqual(read, entries)
        // A number past the table the entries are said to be into is refused.
        XCTAssertThrowsError(try writer.forEachEntry(strings: 3) { _ in })
        try SearchCounts.Writer().forEachEntry(strings: 0) { _ in XCTFail("no entries") }
    }

    func testADamagedOrForeignFileIsRefused() throws {
        var writer = SearchCounts.Writer()
        writer.append("postmortems/a.md", entry(1, terms: [0], frequencies: [3], length: 3, words: [0]))
        let bytes = writer.sealed(strings: ["alpha"], key: key)
        XCTAssertNoThrow(try SearchCounts(file: bytes, key: key))
        XCTAssertThrowsError(try SearchCounts(file: bytes, key: CacheKey(bytes: Array(repeating: 8, count: 32))), "sealed with another key")
        var flipped = bytes
        flipped[BuildCache.header(.search).count + 2] ^= 1
        XCTAssertThrowsError(try SearchCounts(file: flipped, key: key), "a changed byte breaks the seal")
        XCTAssertThrowsError(try SearchCounts(file: Array(bytes.prefix(20)), key: key), "truncated")
        // Another cache file, sealed with the same key, is not a search file.
        let records = BuildCache.encode(records: [], key: key)
        XCTAssertThrowsError(try SearchCounts(file: records, key: key))
    }

    func testAnEntryNamingAStringTheFileDoesNotHoldIsNotUsed() throws {
        var writer = SearchCounts.Writer()
        writer.append("postmortems/a.md", entry(1, terms: [0, 5], frequencies: [1, 1], length: 2, words: []))
        writer.append("postmortems/b.md", entry(2, terms: [0], frequencies: [1], length: 1, words: [9]))
        let counts = try SearchCounts(file: writer.sealed(strings: ["alpha"], key: key), key: key)
        XCTAssertNil(counts.entry(for: "postmortems/a.md", key: 1))
        XCTAssertNil(counts.entry(for: "postmortems/b.md", key: 2))
    }

    /// A rebuild takes the counts of unchanged documents from `search.bin` and counts changed
    /// ones again: shown by planting a word in both documents' cached counts, which the index
    /// then has for the unchanged document only.
    func testARebuildTakesTheCountsOfUnchangedDocumentsAndCountsChangedOnesAgain() throws {
        let (root, site, options) = try builtCopy()
        let unchanged = "postmortems/2026-03-14-payment-timeouts.md"
        let changed = "postmortems/2026-05-06-stale-search-results.md"
        let counts = try SearchCounts(file: try XCTUnwrap(site.read(BuildCache.searchPath)), key: key)
        XCTAssertEqual(counts.count, 10, "every document has counts")

        var planted = SearchCounts.Writer()
        planted.append(unchanged, entry(try XCTUnwrap(counts.key(for: unchanged)), terms: [0], frequencies: [1], length: 1, words: []))
        planted.append(changed, entry(try XCTUnwrap(counts.key(for: changed)), terms: [1], frequencies: [1], length: 1, words: []))
        try site.write(SitePage(path: BuildCache.searchPath, bytes: planted.sealed(strings: ["plantedone", "plantedtwo"], key: key)))

        let file = root.appendingPathComponent(changed)
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "## Impact\n", with: "## Impact\n\nA zebracorn line added after the review.\n")
            .write(to: file, atomically: false, encoding: .utf8)
        _ = try SiteBuilder(options: options, writer: site).build()

        let index = try SearchIndexTests.Index(site)
        XCTAssertEqual(index.pages("plantedone"), ["postmortems/2026-03-14-payment-timeouts.html"], "the unchanged document's cached counts")
        XCTAssertEqual(index.pages("plantedtwo"), [], "the changed document's old counts are not used")
        XCTAssertEqual(index.pages("zebracorn"), ["postmortems/2026-05-06-stale-search-results.html"])
        XCTAssertFalse(index.pages("newsletter").contains("postmortems/2026-03-14-payment-timeouts.html"),
                       "the unchanged document was not analyzed again")
        // Documents absent from the planted file were analyzed: their words are all there.
        XCTAssertFalse(index.pages("failover").isEmpty)

        // The file written by that build holds every document again, under its own key.
        let again = try SearchCounts(file: try XCTUnwrap(site.read(BuildCache.searchPath)), key: key)
        XCTAssertEqual(again.count, 10)
        XCTAssertNotEqual(again.key(for: changed), counts.key(for: changed))
        XCTAssertEqual(again.key(for: unchanged), counts.key(for: unchanged))
    }

    /// A cached entry is the repo's to shape: one that names a term twice gives its document
    /// one posting of that term, with the weight of the first, as a document analyzed now would.
    func testACachedEntryNamingATermTwiceGivesOnePostingWithTheFirstWeight() throws {
        let (root, site, options) = try builtCopy()
        let planted = "postmortems/2026-03-14-payment-timeouts.md"
        let counts = try SearchCounts(file: try XCTUnwrap(site.read(BuildCache.searchPath)), key: key)
        var writer = SearchCounts.Writer()
        writer.append(planted, entry(try XCTUnwrap(counts.key(for: planted)), terms: [0, 1, 0], frequencies: [30, 1, 0.5], length: 1, words: []))
        try site.write(SitePage(path: BuildCache.searchPath, bytes: writer.sealed(strings: ["plantedword", "otherword"], key: key)))
        // Another document changes, so the site is built again from the planted counts.
        let file = root.appendingPathComponent("sops/load-balancer-failover.md")
        try (try String(contentsOf: file, encoding: .utf8) + "\nOne more line.\n").write(to: file, atomically: false, encoding: .utf8)
        _ = try SiteBuilder(options: options, writer: site).build()

        let index = try SearchIndexTests.Index(site)
        let postings = try XCTUnwrap(index.postings["plantedword"])
        XCTAssertEqual(postings.count, 1)
        // 30 / (30 + norm) with the planted length of 1, far below the average: the top level;
        // the second, 0.5, would be a low one.
        XCTAssertEqual(postings.values.first, 63)
        XCTAssertEqual(index.pages("plantedword"), ["postmortems/2026-03-14-payment-timeouts.html"])
    }

    /// A search file that does not open is said in a note and every document is counted.
    func testADamagedSearchFileIsSaidAndEveryDocumentIsCounted() throws {
        let folder = try SiteFixture.temporaryFolder(self)
        let root = try SiteFixture.copy(SiteFixture.example, into: folder)
        let site = MemorySiteWriter()
        let options = BuildOptions(root: root, asOf: SiteFixture.asOf, cacheKey: key)
        let (_, full) = try SiteFixture.build(root)
        _ = try SiteBuilder(options: options, writer: site).build()
        try site.write(SitePage(path: BuildCache.searchPath, bytes: Array("garbage".utf8)))
        let file = root.appendingPathComponent("sops/load-balancer-failover.md")
        try (try String(contentsOf: file, encoding: .utf8) + "\nOne more line.\n").write(to: file, atomically: false, encoding: .utf8)
        let report = try SiteBuilder(options: options, writer: site).build()
        XCTAssertTrue(report.notes.contains { $0.contains("search.bin was not used") }, "\(report.notes)")
        let (_, fresh) = try SiteFixture.build(root)
        for (path, bytes) in fresh.pages where path.hasPrefix("search/t/") || path.hasSuffix("words.js") {
            XCTAssertEqual(site.pages[path], bytes, path)
        }
        XCTAssertNotEqual(full.pages.count, 0)
    }
}
