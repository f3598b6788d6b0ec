import DebriefKit
import DebriefTestSupport
import XCTest

final class SyncTemporaryFileTests: XCTestCase {
    func test_item14_onlyTheWritersOwnNamesMatch() {
        for name in [".queue-restart.md.debrief-Q7x2Lp", ".a.debrief-000000", ".x.y.md.debrief-ABCDEF"] {
            XCTAssertTrue(SyncTemporaryFile.matches(name), name)
        }
        for name in [".x.debrief-notours", "x.debrief-ABCDEF", ".debrief-ABCDEF", "..debrief-ABCDEF", ".x.debrief-ABC12!", ".x.debrief-ABCDE",
                     ".x.debrief-ABCDEFG", ".x.md.debrief-ABCDEF.bak", ".x.md.debrief_ABCDEF", ".x.md.debrief-ÄBCDEF", "queue-restart.md"] {
            XCTAssertFalse(SyncTemporaryFile.matches(name), name)
        }
    }

    func test_item14_theWriterNamesItsTemporaryFilesSoTheyMatch() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let target = root.appendingPathComponent("sop.md").path
        let box = NamesSeen()
        let writer = AtomicFileWriter { step in
            if step == .rename {
                let names = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0 != "sop.md" }
                box.lock.withLock { box.names = names }
            }
        }
        try writer.write(Array("text\n".utf8), to: target)
        let seen = box.lock.withLock { box.names }
        XCTAssertEqual(seen.count, 1)
        XCTAssertTrue(seen.allSatisfy(SyncTemporaryFile.matches), "\(seen)")
    }

    func test_item14_removesOnlyOldRegularFilesOfTheExactShape() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sops/deep"), withIntermediateDirectories: true)
        let now = Date()
        for (name, age) in [("sops/.a.md.debrief-OLD001", 3601.0), ("sops/deep/.b.md.debrief-OLD002", 7200), ("sops/.c.md.debrief-NEW001", 3500),
                            ("sops/.x.debrief-notours", 7200), ("sops/x.debrief-ABCDEF", 7200)] {
            let path = root.appendingPathComponent(name).path
            XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-age)], ofItemAtPath: path)
        }
        let found = SyncTemporaryFile.find(root: root, folders: ["sops", "sops"])
        XCTAssertEqual(found, ["sops/.a.md.debrief-OLD001", "sops/.c.md.debrief-NEW001", "sops/deep/.b.md.debrief-OLD002"])
        // A name passed in that is not of the shape is not removed either.
        let removed = SyncTemporaryFile.removeStale(root: root, files: found + ["sops/.x.debrief-notours", "sops/x.debrief-ABCDEF"], now: now)
        XCTAssertEqual(removed, ["sops/.a.md.debrief-OLD001", "sops/deep/.b.md.debrief-OLD002"])
        XCTAssertEqual(SyncTemporaryFile.find(root: root, folders: ["sops"]), ["sops/.c.md.debrief-NEW001"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("sops/.x.debrief-notours").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("sops/x.debrief-ABCDEF").path))
    }
}

/// What the writer's folder held just before the rename.
private final class NamesSeen: @unchecked Sendable {
    let lock = NSLock()
    var names: [String] = []
}
