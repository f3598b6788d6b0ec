@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The output folder and its cache are as untrusted as the documents: a committed `_site/` or
/// `.debrief-cache/` must not make `build` write, read or delete anything outside the site, or
/// put the wrong body on a page.
final class SiteOutputTrustTests: XCTestCase {
    private let files = FileManager.default

    private func build(_ root: URL, into output: URL? = nil, allowErrors: Bool = false) throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(root: root, output: output, allowErrors: allowErrors, asOf: SiteFixture.asOf)).build()
    }

    /// A repo copy, an empty folder beside it that must stay untouched, and a site built once.
    private func repoWithSite() throws -> (repo: URL, site: URL, elsewhere: URL) {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        try? files.removeItem(at: repo.appendingPathComponent("_site"))
        let elsewhere = temp.appendingPathComponent("elsewhere")
        try files.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try "keep me\n".write(to: elsewhere.appendingPathComponent("authorized_keys"), atomically: true, encoding: .utf8)
        try "body { }\n".write(to: elsewhere.appendingPathComponent("site.css"), atomically: true, encoding: .utf8)
        let site = repo.appendingPathComponent("_site")
        _ = try build(repo)
        return (repo, site, elsewhere)
    }

    private func assertUntouched(_ elsewhere: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try files.contentsOfDirectory(atPath: elsewhere.path).sorted(), ["authorized_keys", "site.css"], file: file, line: line)
        XCTAssertEqual(try String(contentsOf: elsewhere.appendingPathComponent("authorized_keys"), encoding: .utf8), "keep me\n", file: file, line: line)
        XCTAssertEqual(try String(contentsOf: elsewhere.appendingPathComponent("site.css"), encoding: .utf8), "body { }\n", file: file, line: line)
    }

    // MARK: - Item 1: links in the output folder

    func test_item1_symlinkedFolderInOutputIsRefusedNotWrittenThrough() throws {
        let (repo, site, elsewhere) = try repoWithSite()
        try files.removeItem(at: site.appendingPathComponent("assets"))
        try files.createSymbolicLink(at: site.appendingPathComponent("assets"), withDestinationURL: elsewhere)
        XCTAssertThrowsError(try build(repo)) { error in
            XCTAssertTrue("\(error)".contains("assets is a symbolic link"), "\(error)")
        }
        try assertUntouched(elsewhere)
    }

    func test_item1_symlinkedFileAndFIFOInOutputAreRefused() throws {
        let (repo, site, elsewhere) = try repoWithSite()
        let page = site.appendingPathComponent("index.html")
        try files.removeItem(at: page)
        try files.createSymbolicLink(at: page, withDestinationURL: elsewhere.appendingPathComponent("authorized_keys"))
        XCTAssertThrowsError(try build(repo)) { XCTAssertTrue("\($0)".contains("index.html is a symbolic link"), "\($0)") }
        try files.removeItem(at: page)
        XCTAssertEqual(mkfifo(site.appendingPathComponent("pipe.html").path, 0o644), 0)
        XCTAssertThrowsError(try build(repo)) { XCTAssertTrue("\($0)".contains("pipe.html is a FIFO"), "\($0)") }
        try assertUntouched(elsewhere)
    }

    func test_item1_cachedPageListCannotDeleteThroughALink() throws {
        let (repo, site, elsewhere) = try repoWithSite()
        // A cache that lists `evil/authorized_keys` as a page, and `evil` a link to elsewhere:
        // the link is refused before any removal.
        var index = try XCTUnwrap(try? CacheFiles.index(in: site))
        index.pages["evil/authorized_keys"] = .init(outputHash: 1, key: 1)
        try CacheFiles.write(index, in: site)
        try files.createSymbolicLink(at: site.appendingPathComponent("evil"), withDestinationURL: elsewhere)
        XCTAssertThrowsError(try build(repo))
        try assertUntouched(elsewhere)

        // Without the link, the listed page is removed only inside the site (by a build that
        // has something to do).
        try files.removeItem(at: site.appendingPathComponent("evil"))
        try files.createDirectory(at: site.appendingPathComponent("evil"), withIntermediateDirectories: true)
        try "x".write(to: site.appendingPathComponent("evil/authorized_keys"), atomically: true, encoding: .utf8)
        try appendParagraph(to: repo.appendingPathComponent("sops/cache-flush.md"))
        _ = try build(repo)
        XCTAssertFalse(files.fileExists(atPath: site.appendingPathComponent("evil").path))
        try assertUntouched(elsewhere)
    }

    func test_item1_cacheNamingPathsOutsideTheSiteIsDiscarded() throws {
        let (repo, site, elsewhere) = try repoWithSite()
        for hostile in ["../elsewhere/authorized_keys", "/etc/passwd", "a//b", "./x", "a/../../elsewhere/site.css"] {
            var index = try CacheFiles.index(in: site)
            index.pages = [hostile: .init(outputHash: 1, key: 1)]
            try CacheFiles.write(index, in: site)
            let report = try build(repo)
            XCTAssertTrue(report.built)
            XCTAssertTrue(report.notes.contains { $0.contains("index.bin was not used") && $0.contains("it names the page") }, "\(hostile): \(report.notes)")
            try assertUntouched(elsewhere)
        }
    }

    func test_item1_outputFolderNamedInConfigMustNotBeALink() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        try? files.removeItem(at: repo.appendingPathComponent("_site"))
        let elsewhere = temp.appendingPathComponent("elsewhere")
        try files.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try files.createSymbolicLink(at: repo.appendingPathComponent("_site"), withDestinationURL: elsewhere)
        // The repo named the folder, so it is the repo's error (DB003), and not even
        // --allow-errors writes through the link.
        for allowErrors in [false, true] {
            let report = try build(repo, allowErrors: allowErrors)
            XCTAssertFalse(report.built)
            XCTAssertTrue(report.diagnostics.contains { $0.code == .configInvalidValue && $0.message.contains("_site is a symbolic link") },
                          "\(report.diagnostics)")
        }
        XCTAssertEqual(try files.contentsOfDirectory(atPath: elsewhere.path), [])
    }

    func test_item1_outputInsideADocumentFolderOrTheRootIsRefused() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        for output in ["postmortems/site", "sops", ".", "postmortems/.."] {
            XCTAssertThrowsError(try build(repo, into: repo.appendingPathComponent(output).standardizedFileURL), output) { error in
                XCTAssertTrue("\(error)".contains("refusing to build into"), "\(error)")
            }
        }
        XCTAssertFalse(files.fileExists(atPath: repo.appendingPathComponent("postmortems/site").path))
    }

    // MARK: - Item 6: the wrong body on a page

    func test_item6_bodyStoreGrownByAnInterruptedBuildStillGivesEveryPageItsOwnBody() throws {
        let (repo, site, _) = try repoWithSite()
        // An interrupted build appended bodies that no index records.
        let store = site.appendingPathComponent(".debrief-cache/bodies.bin")
        let handle = try FileHandle(forWritingTo: store)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0x41, count: 4_321))
        try handle.close()
        // Change two documents so their new bodies are appended.
        for name in ["postmortems/2026-03-14-payment-timeouts.md", "sops/cache-flush.md"] {
            let url = repo.appendingPathComponent(name)
            guard files.fileExists(atPath: url.path) else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            try (text + "\nA new closing paragraph for \(name).\n").write(to: url, atomically: false, encoding: .utf8)
        }
        _ = try build(repo)
        try assertSameAsColdBuild(repo, site)
    }

    func test_item6_tamperedBodyStoreIsNeverShown() throws {
        let (repo, site, _) = try repoWithSite()
        let store = site.appendingPathComponent(".debrief-cache/bodies.bin")
        var bytes = try Data(contentsOf: store)
        // Reverse the bytes after the header: every stored body is now someone else's bytes.
        bytes = bytes.prefix(16) + Data(bytes.dropFirst(16).reversed())
        try bytes.write(to: store)
        // Touch every document so records are reused, and change the dashboard's inputs so
        // pages are rendered again.
        let report = try SiteBuilder(options: BuildOptions(root: repo, asOf: CalendarDate("2026-12-24"))).build()
        XCTAssertTrue(report.notes.contains { $0.contains("did not match") }, "\(report.notes)")
        XCTAssertEqual(report.documentsParsed, report.documentCount, "every document is read again")
        let cold = try SiteFixture.temporaryFolder(self).appendingPathComponent("cold")
        _ = try SiteBuilder(options: BuildOptions(root: repo, output: cold, asOf: CalendarDate("2026-12-24"))).build()
        try assertSameSite(site, cold)
    }

    // MARK: - Item 8: the cache cannot change what a page says

    /// Each edit appends a body to the store until most of it is dead and it is rewritten;
    /// bodies of unchanged documents must then be read where they are in the new store.
    func test_item8_editsThatRewriteTheBodyStoreKeepEveryPageRight() throws {
        let (repo, site, _) = try repoWithSite()
        let postmortem = repo.appendingPathComponent("postmortems/2026-03-14-payment-timeouts.md")
        let original = try String(contentsOf: postmortem, encoding: .utf8)
        let store = site.appendingPathComponent(".debrief-cache/bodies.bin")
        var sizes: [Int] = []
        for round in 1...10 {
            let filler = String(repeating: "The spring newsletter round \(round) said more. ", count: 400)
            try (original + "\n\(filler)\n").write(to: postmortem, atomically: false, encoding: .utf8)
            // A new as-of day renders every page with overdue marks again, bodies of unchanged
            // documents included.
            let asOf = CalendarDate("2026-12-\(10 + round)")
            _ = try SiteBuilder(options: BuildOptions(root: repo, asOf: asOf)).build()
            sizes.append(try Data(contentsOf: store).count)
            let cold = try SiteFixture.temporaryFolder(self).appendingPathComponent("cold")
            _ = try SiteBuilder(options: BuildOptions(root: repo, output: cold, asOf: asOf)).build()
            try assertSameSite(site, cold)
        }
        XCTAssertTrue(zip(sizes, sizes.dropFirst()).contains { $1 < $0 }, "the store was rewritten at least once: \(sizes)")
    }

    func test_item8_damagedCacheFilesAreDiscardedWithANote() throws {
        let (repo, site, _) = try repoWithSite()
        for name in ["index.bin", "records.bin", "search.bin", "similarity.bin"] {
            let url = site.appendingPathComponent(".debrief-cache/" + name)
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count / 2] ^= 0x5A
            try bytes.write(to: url)
            try appendParagraph(to: repo.appendingPathComponent("sops/cache-flush.md"))
            let report = try build(repo)
            XCTAssertTrue(report.built)
            XCTAssertTrue(report.notes.contains { $0.contains("\(name) was not used (its seal does not match") }, "\(report.notes)")
            try assertSameAsColdBuild(repo, site)
        }
        // A cache file replaced by a link, or truncated to nothing.
        let records = site.appendingPathComponent(".debrief-cache/records.bin")
        try Data().write(to: records)
        try appendParagraph(to: repo.appendingPathComponent("sops/cache-flush.md"))
        let report = try build(repo, allowErrors: false)
        XCTAssertTrue(report.built)
        try assertSameAsColdBuild(repo, site)
    }

    /// The records are saved on a thread of their own while the plan is made: when that fails,
    /// the build fails with its error before any page is written, and a build after it that
    /// can write gives a cold build's site.
    func test_item8_aRecordsFileThatCannotBeWrittenStopsTheBuildBeforeAnyPage() throws {
        let root = try SiteFixture.copy(SiteFixture.example, into: try SiteFixture.temporaryFolder(self))
        let memory = MemorySiteWriter()
        let writer = RefusingWriter(memory, refusing: BuildCache.recordsPath)
        XCTAssertThrowsError(try SiteBuilder(options: BuildOptions(root: root, asOf: SiteFixture.asOf), writer: writer).build()) { error in
            XCTAssertEqual((error as? FileIOError)?.description.contains("records.bin"), true, "\(error)")
        }
        XCTAssertFalse(memory.pages.keys.contains { $0.hasSuffix(".html") }, "no page is written: \(memory.pages.keys.sorted().prefix(5))")
        writer.refusing = nil
        _ = try SiteBuilder(options: BuildOptions(root: root, asOf: SiteFixture.asOf), writer: writer).build()
        let (_, cold) = try SiteFixture.build(root)
        for (path, bytes) in cold.pages where !SiteLayout.isInternal(path) { XCTAssertEqual(memory.pages[path], bytes, path) }
    }

    // MARK: - Helpers

    private func appendParagraph(to url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        try (text + "\nOne more paragraph.\n").write(to: url, atomically: false, encoding: .utf8)
    }

    private func assertSameAsColdBuild(_ repo: URL, _ site: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let cold = try SiteFixture.temporaryFolder(self).appendingPathComponent("cold")
        _ = try build(repo, into: cold)
        try assertSameSite(site, cold, file: file, line: line)
    }
}

/// Reading and writing a site's cache index from tests, through the kit's own codec and the
/// user's key (as a build does: the tests forge what only the user could write).
enum CacheFiles {
    static func index(in site: URL) throws -> BuildCache.Index {
        try BuildCache.decodeIndex(Array(try Data(contentsOf: site.appendingPathComponent(BuildCache.indexPath))), key: CacheKey.load().key)
    }

    static func write(_ index: BuildCache.Index, in site: URL) throws {
        try Data(BuildCache.encode(index, key: CacheKey.load().key)).write(to: site.appendingPathComponent(BuildCache.indexPath))
    }
}

/// A site in memory whose writes of one path fail, as a full disk or a read-only file would.
private final class RefusingWriter: SiteWriter, @unchecked Sendable {
    let base: MemorySiteWriter
    private let lock = NSLock()
    private var _refusing: String?
    var refusing: String? {
        get { lock.withLock { _refusing } }
        set { lock.withLock { _refusing = newValue } }
    }

    init(_ base: MemorySiteWriter, refusing: String) {
        self.base = base
        _refusing = refusing
    }

    var location: String { base.location }
    func inspect() throws -> OutputState { try base.inspect() }
    func read(_ path: String) -> [UInt8]? { base.read(path) }
    func read(_ path: String, offset: Int, length: Int) -> [UInt8]? { base.read(path, offset: offset, length: length) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func size(_ path: String) -> Int? { base.size(path) }
    func write(_ page: SitePage) throws {
        if page.path == refusing { throw FileIOError(path: page.path, operation: "write", code: ENOSPC) }
        try base.write(page)
    }
    /// Refuses the file's staging copy too (`records.bin.new` for `records.bin`).
    func append(_ bytes: [UInt8], to path: String) throws -> Int {
        if let refusing, path.hasPrefix(refusing) { throw FileIOError(path: path, operation: "write", code: ENOSPC) }
        return try base.append(bytes, to: path)
    }
    func rename(_ path: String, to destination: String) throws {
        if destination == refusing { throw FileIOError(path: destination, operation: "rename", code: ENOSPC) }
        try base.rename(path, to: destination)
    }
    func remove(_ path: String) throws { try base.remove(path) }
}
