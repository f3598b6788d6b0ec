@testable import DebriefKit
import XCTest

final class ChangeWatcherTests: XCTestCase {
    func testNoticesAddedChangedAndRemovedFilesInWatchedFoldersOnly() throws {
        let root = try makeTemporaryFolder()
        try write("---\nid: A\n---\n", to: "postmortems/a.md", under: root)
        var watcher = ChangeWatcher(root: root)
        XCTAssertFalse(watcher.poll())

        try write("---\nid: A2\n---\n", to: "postmortems/a.md", under: root)
        XCTAssertTrue(watcher.poll(), "size changed")
        XCTAssertFalse(watcher.poll())

        try write("# SOP\n", to: "sops/db/restore.md", under: root)
        XCTAssertTrue(watcher.poll(), "added in a sub-folder")

        try write("<p>{{title}}</p>", to: "templates/head.mustache", under: root)
        XCTAssertTrue(watcher.poll(), "template added")

        try FileManager.default.removeItem(at: root.appendingPathComponent("sops/db/restore.md"))
        XCTAssertTrue(watcher.poll(), "removed")

        try write("notes", to: "README.md", under: root)
        try write("<html>", to: "_site/index.html", under: root)
        try write("x", to: "postmortems/.hidden.swp", under: root)
        XCTAssertFalse(watcher.poll(), "files outside the watched folders and hidden files do not count")
    }

    func testSameSizeEditIsSeenByItsModificationTime() throws {
        let root = try makeTemporaryFolder()
        try write("aaaa", to: "postmortems/a.md", under: root)
        var watcher = ChangeWatcher(root: root)
        let path = root.appendingPathComponent("postmortems/a.md").path
        try write("bbbb", to: "postmortems/a.md", under: root)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: path)
        XCTAssertTrue(watcher.poll())
    }

    func testConfigChangeMovesTheWatchToTheNewFolders() throws {
        let root = try makeTemporaryFolder()
        var watcher = ChangeWatcher(root: root)
        try write("postmortems: incidents\n", to: "debrief.yml", under: root)
        XCTAssertTrue(watcher.poll())
        try write("x", to: "incidents/a.md", under: root)
        XCTAssertTrue(watcher.poll(), "the configured folder is watched")
        try write("x", to: "postmortems/a.md", under: root)
        XCTAssertFalse(watcher.poll(), "the default folder no longer is")
    }
}
