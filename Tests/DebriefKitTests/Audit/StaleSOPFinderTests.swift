@testable import DebriefKit
import XCTest

final class StaleSOPFinderTests: XCTestCase {
    func testStaleWhenALinkedIncidentStartedAfterTheReview() throws {
        let base = try RepositoryLoader().load(root: SyncFixtures.directory.appendingPathComponent("Audit/audit-repo"))
        let stale = StaleSOPFinder.find(in: base)
        // runbook: named by actions of INC-A (started 2026-02-01 local time, dated 02-02) and INC-B.
        // linked-in-text: only linked from INC-B's text. db/restore: reviewed the day INC-B began.
        // unlinked: no incident. never-reviewed: no date to compare.
        XCTAssertEqual(stale.map(\.sopID), ["linked-in-text", "runbook"])
        let runbook = try XCTUnwrap(stale.last)
        XCTAssertEqual(runbook.lastReviewed.description, "2026-01-20")
        XCTAssertEqual(runbook.incidents.map(\.id), ["INC-A", "INC-B"])
        XCTAssertEqual(runbook.incidents.map(\.started.description), ["2026-02-01", "2026-03-10"])
    }

    func testOnlyTheAskedSOP() throws {
        let base = try RepositoryLoader().load(root: SyncFixtures.directory.appendingPathComponent("Audit/audit-repo"))
        XCTAssertEqual(StaleSOPFinder.find(in: base, sopID: "runbook").map(\.sopID), ["runbook"])
        XCTAssertEqual(StaleSOPFinder.find(in: base, sopID: "db/restore").map(\.sopID), [])
    }
}
