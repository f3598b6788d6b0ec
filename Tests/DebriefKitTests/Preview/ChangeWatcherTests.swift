@testable import DebriefKit
import DebriefTestSupport
import XCTest

final class ChangeWatcherTests: XCTestCase {
    func testNoticesAddedChangedAndRemovedFilesInWatchedFoldersOnly() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "---\nid: A\n---\n", to: "postmortems/a.md", under: root)
        var watcher = ChangeWatcher(root: root)
        XCTAssertFalse(watcher.poll())

        try writeFile(utf8: "---\nid: A2\n---\n", to: "postmortems/a.md", under: root)
        XCTAssertTrue(watcher.poll(), "size changed")
        XCTAssertFalse(watcher.poll())

        try writeFile(utf8: "# SOP\n", to: "sops/db/restore.md", under: root)
        XCTAssertTrue(watcher.poll(), "added in a sub-folder")

        try writeFile(utf8: "<p>{{title}}</p>", to: "templates/head.mustache", under: root)
        XCTAssertTrue(watcher.poll(), "template added")

        try FileManager.default.removeItem(at: root.appendingPathComponent("sops/db/restore.md"))
        XCTAssertTrue(watcher.poll(), "removed")

        try writeFile(utf8: "notes", to: "README.md", under: root)
        try writeFile(utf8: "<html>", to: "_site/index.html", under: root)
        try writeFile(utf8: "x", to: "postmortems/.hidden.swp", under: root)
        XCTAssertFalse(watcher.poll(), "files outside the watched folders and hidden files do not count")
    }

    func testSameSizeEditIsSeenByItsModificationTime() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "aaaa", to: "postmortems/a.md", under: root)
        var watcher = ChangeWatcher(root: root)
        let path = root.appendingPathComponent("postmortems/a.md").path
        try writeFile(utf8: "bbbb", to: "postmortems/a.md", under: root)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        XCTAssertTrue(watcher.poll())
    }

    func testConfigChangeMovesTheWatchToTheNewFolders() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        var watcher = ChangeWatcher(root: root)
        try writeFile(utf8: "postmortems: incidents\n", to: "debrief.yml", under: root)
        XCTAssertTrue(watcher.poll())
        try writeFile(utf8: "x", to: "incidents/a.md", under: root)
        XCTAssertTrue(watcher.poll(), "the configured folder is watched")
        try writeFile(utf8: "x", to: "postmortems/a.md", under: root)
        XCTAssertFalse(watcher.poll(), "the default folder no longer is")
    }
}
