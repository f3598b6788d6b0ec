@testable import DebriefKit
import XCTest

final class AtomicFileWriterTests: XCTestCase {
    struct Interrupted: Error {}

    func testReplacesContentAndKeepsTheMode() throws {
        let directory = try SyncFixtures.scratchDirectory(in: self)
        let path = directory.appendingPathComponent("a.md").path
        try FileIO.write(Array("old\n".utf8), to: path)
        chmod(path, 0o640)
        try AtomicFileWriter().write(Array("new\n".utf8), to: path)
        XCTAssertEqual(FileIO.read(path), Array("new\n".utf8))
        XCTAssertEqual(try mode(path), 0o640)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["a.md"])
    }

    func testFollowsASymbolicLink() throws {
        let directory = try SyncFixtures.scratchDirectory(in: self)
        let target = directory.appendingPathComponent("target.md").path
        let link = directory.appendingPathComponent("link.md").path
        try FileIO.write(Array("old\n".utf8), to: target)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.md")
        try AtomicFileWriter().write(Array("new\n".utf8), to: link)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "target.md")
        XCTAssertEqual(FileIO.read(target), Array("new\n".utf8))
    }

    /// A read-only file is a person's way of saying "do not change this": it is refused, even for
    /// a user (root) whom the system would let replace it.
    func testRefusesAReadOnlyFile() throws {
        let directory = try SyncFixtures.scratchDirectory(in: self)
        let path = directory.appendingPathComponent("sop.md").path
        try FileIO.write(Array("old\n".utf8), to: path)
        chmod(path, 0o444)
        XCTAssertThrowsError(try AtomicFileWriter().write(Array("new\n".utf8), to: path)) { error in
            XCTAssertEqual((error as? FileIOError)?.code, EACCES, "\(error)")
        }
        XCTAssertEqual(FileIO.read(path), Array("old\n".utf8))
        XCTAssertEqual(try mode(path), 0o444)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["sop.md"])
    }

    /// Stopping the write before each of its steps leaves the old file, and no temporary file.
    func testInterruptedAtAnyStepLeavesTheOldFile() throws {
        let directory = try SyncFixtures.scratchDirectory(in: self)
        let path = directory.appendingPathComponent("sop.md").path
        let old = Array("# Old\n\nold content that is long enough for several chunks\n".utf8)
        let new = Array("# New\n\nnew content, also long enough for several chunks of seven\n".utf8)
        let steps = StepLog()
        try FileIO.write(old, to: path)
        try AtomicFileWriter(chunkSize: 7) { steps.append($0) }.write(new, to: path)
        let all = steps.all
        XCTAssertEqual(all.first, .createTemporary)
        XCTAssertEqual(all.suffix(2), [.synchronize, .rename])
        XCTAssertEqual(all.count, 2 + (new.count + 6) / 7 + 1)

        for stop in all {
            try FileIO.write(old, to: path)
            let writer = AtomicFileWriter(chunkSize: 7) { step in if step == stop { throw Interrupted() } }
            XCTAssertThrowsError(try writer.write(new, to: path), "\(stop)")
            XCTAssertEqual(FileIO.read(path), old, "after stopping before \(stop)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["sop.md"], "temporary file left after \(stop)")
        }
    }

    /// A sync stopped anywhere leaves every SOP either as it was or as a complete sync writes it.
    func testSyncInterruptedAtAnyPointLeavesEachSOPOldOrNew() throws {
        let reference = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
        let plan = try SyncPlan(base: try RepositoryLoader().load(root: reference))
        let expected = Dictionary(uniqueKeysWithValues: plan.updates.map { ($0.file, (old: $0.old, new: $0.new)) })
        let steps = StepLog()
        try plan.apply(with: AtomicFileWriter(chunkSize: 64) { steps.append($0) })
        let total = steps.all.count
        XCTAssertGreaterThan(total, 3 * 4)

        for stopAt in 0..<total {
            let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
            let plan = try SyncPlan(base: try RepositoryLoader().load(root: root))
            let counter = StepLog()
            let writer = AtomicFileWriter(chunkSize: 64) { step in
                if counter.append(step) == stopAt { throw Interrupted() }
            }
            XCTAssertThrowsError(try plan.apply(with: writer))
            var newCount = 0
            for (file, contents) in expected {
                let now = FileIO.read(root.appendingPathComponent(file).path)
                XCTAssertTrue(now == contents.old || now == contents.new, "\(file) is half-written after \(stopAt) steps")
                if now == contents.new { newCount += 1 }
            }
            // The interrupted file stays old; the others are still written.
            XCTAssertLessThan(newCount, expected.count)
            let leftovers = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.contains(".debrief-") }
            XCTAssertEqual(leftovers, [], "temporary files left after \(stopAt) steps")
        }
    }
}

/// Records writer steps from a `@Sendable` closure.
final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var steps: [AtomicFileWriter.Step] = []

    /// Adds a step and returns its 0-based index.
    @discardableResult
    func append(_ step: AtomicFileWriter.Step) -> Int {
        lock.withLock {
            steps.append(step)
            return steps.count - 1
        }
    }

    var all: [AtomicFileWriter.Step] { lock.withLock { steps } }
}

private func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
}
