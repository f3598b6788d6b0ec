import DebriefKit
import Foundation
import XCTest

/// A build reuses what the last one made: nothing changed means nothing is parsed, rendered or
/// written; a change gives exactly the site a full build gives.
final class SiteIncrementalTests: XCTestCase {
    private func build(_ root: URL, into output: URL, asOf: String = "2026-12-01") throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(root: root, output: output, asOf: CalendarDate(asOf))).build()
    }

    func testSecondBuildWithNothingChangedDoesNothing() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let output = temp.appendingPathComponent("site")
        let first = try build(SiteFixture.example, into: output)
        XCTAssertEqual(first.documentsParsed, 10)
        XCTAssertEqual(first.pagesUnchanged, 0)
        let second = try build(SiteFixture.example, into: output)
        XCTAssertTrue(second.built)
        XCTAssertEqual(second.documentsParsed, 0)
        XCTAssertEqual(second.pagesWritten, 0)
        XCTAssertEqual(second.pagesUnchanged, first.pageCount)
        XCTAssertEqual(second.diagnostics, first.diagnostics, "the diagnostics come back from the cache")
    }

    func testChangingOneFileGivesWhatAFullBuildGives() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        let output = temp.appendingPathComponent("site")
        _ = try build(repo, into: output)

        // Retitle an SOP: its page, the pages of actions naming it and the listings change.
        let sopFile = repo.appendingPathComponent("sops/load-balancer-failover.md")
        let text = try String(contentsOf: sopFile, encoding: .utf8)
        try text.replacingOccurrences(of: "title: Load Balancer Failover", with: "title: Load Balancer Failover (v2)")
            .write(to: sopFile, atomically: false, encoding: .utf8)
        let incremental = try build(repo, into: output)
        XCTAssertEqual(incremental.documentsParsed, 1)
        XCTAssertGreaterThan(incremental.pagesUnchanged, 0)
        XCTAssertGreaterThan(incremental.pagesWritten, 0)

        let full = temp.appendingPathComponent("full")
        let fresh = try build(repo, into: full)
        XCTAssertEqual(fresh.documentsParsed, 10)
        try assertSameSite(output, full)
        XCTAssertEqual(incremental.diagnostics, fresh.diagnostics)
    }

    func testRemovingAndAddingDocumentsMatchesAFullBuild() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        let output = temp.appendingPathComponent("site")
        _ = try build(repo, into: output)

        // Removing an SOP breaks links to it (errors), so build with them allowed; removing a
        // post-mortem drops its page; a new post-mortem adds one.
        let removed = "postmortems/2026-05-06-stale-search-results.md"
        let moved = repo.appendingPathComponent("postmortems/2027-01-01-copy.md")
        try FileManager.default.moveItem(at: repo.appendingPathComponent(removed), to: moved)
        let text = try String(contentsOf: moved, encoding: .utf8).replacingOccurrences(of: "id: INC-2026-003", with: "id: INC-2027-001")
        try text.write(to: moved, atomically: false, encoding: .utf8)
        let incremental = try SiteBuilder(options: BuildOptions(root: repo, output: output, allowErrors: true, asOf: CalendarDate("2026-12-01"))).build()
        XCTAssertGreaterThan(incremental.pagesRemoved, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("postmortems/2026-05-06-stale-search-results.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("postmortems/2027-01-01-copy.html").path))

        let full = temp.appendingPathComponent("full")
        let fresh = try SiteBuilder(options: BuildOptions(root: repo, output: full, allowErrors: true, asOf: CalendarDate("2026-12-01"))).build()
        try assertSameSite(output, full)
        XCTAssertEqual(incremental.diagnostics, fresh.diagnostics)
    }

    func testANewDayRendersOverdueMarksAgainWithoutParsing() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let output = temp.appendingPathComponent("site")
        _ = try build(SiteFixture.example, into: output)
        let nextDay = try build(SiteFixture.example, into: output, asOf: "2026-12-02")
        XCTAssertEqual(nextDay.documentsParsed, 0)
        XCTAssertGreaterThan(nextDay.pagesWritten, 0)
        let full = temp.appendingPathComponent("full")
        _ = try build(SiteFixture.example, into: full, asOf: "2026-12-02")
        try assertSameSite(output, full)
    }

    func testADamagedCacheIsIgnored() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let output = temp.appendingPathComponent("site")
        _ = try build(SiteFixture.example, into: output)
        for name in ["index.bin", "records.bin", "bodies.bin"] {
            try Data("garbage".utf8).write(to: output.appendingPathComponent(".debrief-cache/\(name)"))
        }
        let again = try build(SiteFixture.example, into: output)
        XCTAssertEqual(again.documentsParsed, 10)
        let full = temp.appendingPathComponent("full")
        _ = try build(SiteFixture.example, into: full)
        try assertSameSite(output, full)
    }

    func test_item3_oneBodyChangedGivesWhatAFullBuildGives() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        let output = temp.appendingPathComponent("site")
        let first = try build(repo, into: output)

        // One body line of one post-mortem: its page changes, nothing else the pages show.
        let file = repo.appendingPathComponent("postmortems/2026-03-14-payment-timeouts.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "## Impact\n", with: "## Impact\n\nA line added after the review.\n")
        XCTAssertNotEqual(changed, text)
        try changed.write(to: file, atomically: false, encoding: .utf8)
        let incremental = try build(repo, into: output)
        XCTAssertEqual(incremental.documentsParsed, 1)
        // Its page and its search document; the word shards and suggestions whose bytes
        // changed (every BM25 weight depends on the average document length); nothing else.
        // (`search/t/*`, `words.js`, and `meta.js` when a shard's first word moves).
        let searchIndexFiles = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("search/t").path).count + 2
        XCTAssertGreaterThanOrEqual(incremental.pagesWritten, 2)
        XCTAssertLessThanOrEqual(incremental.pagesWritten, 2 + searchIndexFiles, "only the post-mortem's own page and search files")
        XCTAssertEqual(incremental.pagesWritten + incremental.pagesUnchanged, first.pageCount)

        let full = temp.appendingPathComponent("full")
        let fresh = try build(repo, into: full)
        try assertSameSite(output, full)
        XCTAssertEqual(incremental.diagnostics, fresh.diagnostics)

        // And again from that build: the cache the incremental build left is as good as a full one's.
        try text.write(to: file, atomically: false, encoding: .utf8)
        _ = try build(repo, into: output)
        let back = temp.appendingPathComponent("back")
        _ = try build(repo, into: back)
        try assertSameSite(output, back)
    }
}
