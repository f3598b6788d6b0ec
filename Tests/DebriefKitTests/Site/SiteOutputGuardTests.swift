import DebriefKit
import Foundation
import XCTest

/// `build` writes only into a new folder, an empty one, or one it built before, and deletes
/// only files it recorded writing.
final class SiteOutputGuardTests: XCTestCase {
    func testRefusesANonEmptyFolderWithoutTheMarker() throws {
        let home = try SiteFixture.temporaryFolder(self)
        let precious = home.appendingPathComponent("notes.txt")
        try Data("do not delete".utf8).write(to: precious)
        let options = BuildOptions(root: SiteFixture.example, output: home, asOf: SiteFixture.asOf)
        XCTAssertThrowsError(try SiteBuilder(options: options).build()) { error in
            let message = (error as? EnvironmentError)?.description ?? ""
            XCTAssertTrue(message.hasPrefix("refusing to build into \(home.standardizedFileURL.path): the folder is not empty"), message)
            XCTAssertFalse(message.contains("\n"))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.path), ["notes.txt"])
        XCTAssertEqual(FileManager.default.contents(atPath: precious.path), Data("do not delete".utf8))
    }

    func testWritesIntoAnEmptyOrNewFolderAndMarksIt() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        for output in [temp, temp.appendingPathComponent("new/nested/site")] {
            let report = try SiteBuilder(options: BuildOptions(root: SiteFixture.example, output: output, asOf: SiteFixture.asOf)).build()
            XCTAssertTrue(report.built)
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(".debrief-site").path))
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        }
    }

    func testKeepsFilesItDidNotWriteInAFolderItBuilt() throws {
        let output = try SiteFixture.temporaryFolder(self)
        _ = try SiteBuilder(options: BuildOptions(root: SiteFixture.example, output: output, asOf: SiteFixture.asOf)).build()
        let extra = output.appendingPathComponent("CNAME")
        try Data("kb.example.com\n".utf8).write(to: extra)
        let repo = try SiteFixture.copy(SiteFixture.example, into: try SiteFixture.temporaryFolder(self))
        try FileManager.default.removeItem(at: repo.appendingPathComponent("postmortems/2026-05-06-stale-search-results.md"))
        let report = try SiteBuilder(options: BuildOptions(root: repo, output: output, allowErrors: true, asOf: SiteFixture.asOf)).build()
        XCTAssertGreaterThan(report.pagesRemoved, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: extra.path), "a file debrief did not write survives")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("postmortems/2026-05-06-stale-search-results.html").path))
    }

    func testRemovalIsLimitedToSafePaths() {
        XCTAssertTrue(SiteLayout.isRemovable("postmortems/a.html"))
        for path in ["", "/etc/passwd", "../outside.html", "a/../../b", "./x", ".debrief-site", ".debrief-cache/index.bin", "a//b"] {
            XCTAssertFalse(SiteLayout.isRemovable(path), path)
        }
    }
}
