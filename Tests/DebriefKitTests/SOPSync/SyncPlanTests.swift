@testable import DebriefKit
import XCTest

final class SyncPlanTests: XCTestCase {
    func testPlanCoversNamedSOPsAndRetiredBlocksOnly() throws {
        let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
        let plan = try SyncPlan(base: try RepositoryLoader().load(root: root))
        XCTAssertEqual(plan.updates.map(\.file), ["sops/ops/disk-full.md", "sops/queue-restart.md", "sops/retired.md"])
        XCTAssertEqual(plan.outOfDate.map(\.file), plan.updates.map(\.file))
        XCTAssertEqual(plan.diagnostics.map(\.code), [.syncMissingEnd])
        XCTAssertEqual(plan.diagnostics.first?.location, SourceLocation(file: "sops/broken.md", line: 3, column: 1))
    }

    func testAnActionNamingAnSOPTwiceIsListedOnce() throws {
        let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
        let plan = try SyncPlan(base: try RepositoryLoader().load(root: root))
        let text = try XCTUnwrap(plan.updates.first { $0.file == "sops/queue-restart.md" }).newText
        XCTAssertEqual(text.components(separatedBy: "INC-2026-010/PA-1").count - 1, 1, text)
        XCTAssertTrue(text.hasPrefix("# Queue restart\n\n1. Stop the consumers.\n2. Start them again.\n\n## Preventive actions\n\n<!-- debrief:actions:begin -->\n"), text)
        XCTAssertTrue(text.contains("| open | INC-2026-010/PA-1 | Add a prefetch check to the restart SOP | lena | 2026-02-01 | [Orders queue stuck after broker upgrade](../postmortems/2026-01-10-queue-stuck.md) |"), text)
    }

    func testRetiredBlockSaysNoActionNamesTheSOP() throws {
        let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
        let plan = try SyncPlan(base: try RepositoryLoader().load(root: root))
        let text = try XCTUnwrap(plan.updates.first { $0.file == "sops/retired.md" }).newText
        XCTAssertEqual(text, """
            # Retired

            Nobody names this one any more.

            <!-- debrief:actions:begin -->

            No preventive action names this SOP any more. _Written by `debrief sync`._

            <!-- debrief:actions:end -->

            """)
    }

    func testCRLFSOPKeepsCRLFAndTheLinesAroundTheBlock() throws {
        let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
        let plan = try SyncPlan(base: try RepositoryLoader().load(root: root))
        let text = try XCTUnwrap(plan.updates.first { $0.file == "sops/ops/disk-full.md" }).newText
        XCTAssertTrue(text.hasPrefix("# Disk full\r\n\r\nFree space on the broker.\r\n\r\n<!-- debrief:actions:begin -->\r\n\r\n"), text)
        XCTAssertTrue(text.hasSuffix("\r\n\r\n<!-- debrief:actions:end -->\r\n\r\nKeep this line.\r\n"), text)
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "a bare LF in a CRLF file")
        XCTAssertTrue(text.contains("| done | INC-2026-010/PA-2 |"))
    }

    func testApplyWritesOnceAndASecondSyncChangesNothing() throws {
        let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
        let untouched = try SyncFixtures.bytes("SOPSync/sync-repo/sops/untouched.md")
        let broken = try SyncFixtures.bytes("SOPSync/sync-repo/sops/broken.md")
        let written = try SyncPlan(base: try RepositoryLoader().load(root: root)).apply()
        XCTAssertEqual(written, ["sops/ops/disk-full.md", "sops/queue-restart.md", "sops/retired.md"])
        XCTAssertEqual(FileIO.read(root.appendingPathComponent("sops/untouched.md").path), untouched)
        XCTAssertEqual(FileIO.read(root.appendingPathComponent("sops/broken.md").path), broken)

        let inodes = try written.map { try inode(root.appendingPathComponent($0).path) }
        let second = try SyncPlan(base: try RepositoryLoader().load(root: root))
        XCTAssertEqual(second.outOfDate, [])
        let refusingWriter = AtomicFileWriter { _ in throw CocoaError(.fileWriteNoPermission) }
        XCTAssertEqual(try second.apply(with: refusingWriter), [], "an unchanged file must not be written")
        XCTAssertEqual(try written.map { try inode(root.appendingPathComponent($0).path) }, inodes)
    }

    /// A file that cannot be written is reported and left as it was; the others are still written.
    func testAFileThatCannotBeWrittenDoesNotStopTheOthers() throws {
        let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
        let readOnly = root.appendingPathComponent("sops/queue-restart.md").path
        let old = FileIO.read(readOnly)
        chmod(readOnly, 0o444)
        let plan = try SyncPlan(base: try RepositoryLoader().load(root: root))
        XCTAssertThrowsError(try plan.apply()) { error in
            guard let failure = error as? SyncPlan.WriteFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(failure.written, ["sops/ops/disk-full.md", "sops/retired.md"])
            XCTAssertEqual(failure.failures.map(\.file), ["sops/queue-restart.md"])
            XCTAssertEqual(failure.failures.map(\.reason), ["Permission denied"])
        }
        XCTAssertEqual(FileIO.read(readOnly), old)
        XCTAssertEqual(try SyncPlan(base: try RepositoryLoader().load(root: root)).outOfDate.map(\.file), ["sops/queue-restart.md"])
    }

    func testErrorsInPostmortemsBlockTheSyncButErrorsInSOPsDoNot() throws {
        let base = try RepositoryLoader().load(root: SyncFixtures.directory.appendingPathComponent("SOPSync/sync-refused"))
        let blocking = SyncPlan.blockingDiagnostics(base)
        XCTAssertEqual(blocking.map(\.code), [.actionBadStatus])
        XCTAssertEqual(blocking.first?.location.file, "postmortems/2026-01-10-queue-stuck.md")
        XCTAssertEqual(SyncPlan.blockingDiagnostics(try RepositoryLoader().load(root: SyncFixtures.directory.appendingPathComponent("SOPSync/sync-repo"))), [])
    }
}

extension SyncPlan.Update {
    /// The new content as text, for assertions.
    var newText: String { String(decoding: new, as: UTF8.self) }
}

func inode(_ path: String) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
}
