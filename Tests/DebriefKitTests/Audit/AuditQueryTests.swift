@testable import DebriefKit
import XCTest

/// Queries over `Fixtures/Audit/audit-repo` as of 2026-04-10.
final class AuditQueryTests: XCTestCase {
    static let base = Result { try RepositoryLoader().load(root: SyncFixtures.directory.appendingPathComponent("Audit/audit-repo")) }
    let asOf = CalendarDate(year: 2026, month: 4, day: 10)!

    func testDefaultListsOpenAndInProgressByDueDateNoDueLast() throws {
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf)), ["INC-A/A1", "INC-B/B2", "INC-B/B3", "INC-A/A2", "INC-B/B1"])
    }

    func testAllListsEveryStatus() throws {
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, statuses: nil)),
                       ["INC-A/A3", "INC-A/A4", "INC-A/A1", "INC-B/B2", "INC-B/B3", "INC-A/A2", "INC-B/B1"])
    }

    func testOverdueIsOpenAndDueBeforeTheDayNotOnIt() throws {
        let report = try AuditReport(base: Self.base.get(), query: AuditQuery(asOf: asOf, overdueOnly: true))
        XCTAssertEqual(report.actions.map(\.action.key), ["INC-A/A1", "INC-B/B2", "INC-B/B3"])
        XCTAssertEqual(report.actions.map(\.daysOverdue), [40, 9, 1])
        XCTAssertTrue(report.hasOverdue)
        // --all does not widen --overdue to closed actions.
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, statuses: nil, overdueOnly: true)), ["INC-A/A1", "INC-B/B2", "INC-B/B3"])
    }

    func testOwnerIgnoresAtSignAndCase() throws {
        for owner in ["lena", "@LENA", "Lena"] {
            XCTAssertEqual(try keys(AuditQuery(asOf: asOf, owner: owner)), ["INC-A/A1", "INC-A/A2", "INC-B/B1"], owner)
        }
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, owner: "le")), [])
    }

    func testServiceAndSeverityAreCaseInsensitive() throws {
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, service: "checkout")), ["INC-A/A1", "INC-A/A2"])
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, severity: "sev3")), ["INC-B/B2", "INC-B/B3", "INC-B/B1"])
    }

    func testSOPFilterAcceptsIdPathOrFile() throws {
        for sop in ["db/restore", "sops/db/restore.md", "db/restore.md"] {
            XCTAssertEqual(try keys(AuditQuery(asOf: asOf, sop: sop)), ["INC-B/B2", "INC-B/B1"], sop)
        }
    }

    func testFiltersCombine() throws {
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, overdueOnly: true, owner: "max", severity: "SEV3", sop: "runbook")), ["INC-B/B2"])
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, owner: "max", service: "payments")), [])
        XCTAssertEqual(try keys(AuditQuery(asOf: asOf, statuses: nil, owner: "max", service: "payments")), ["INC-A/A3", "INC-A/A4"])
    }

    func testSummaryCountsEveryActionPassingTheFiltersWhateverItsStatus() throws {
        let all = try AuditReport(base: Self.base.get(), query: AuditQuery(asOf: asOf, overdueOnly: true))
        XCTAssertEqual(all.summary, AuditSummary(total: 7, open: 5, overdue: 3, done: 1, wontDo: 1))
        let max = try AuditReport(base: Self.base.get(), query: AuditQuery(asOf: asOf, owner: "@max"))
        XCTAssertEqual(max.actions.map(\.action.key), ["INC-B/B2"])
        XCTAssertEqual(max.summary, AuditSummary(total: 3, open: 1, overdue: 1, done: 1, wontDo: 1))
    }

    func testNothingIsOverdueTheDayBeforeTheFirstDueDate() throws {
        let report = try AuditReport(base: Self.base.get(), query: AuditQuery(asOf: CalendarDate(year: 2026, month: 3, day: 1)!))
        XCTAssertFalse(report.hasOverdue)
        XCTAssertEqual(report.summary.overdue, 0)
    }
}

private extension AuditQueryTests {
    func keys(_ query: AuditQuery) throws -> [String] {
        try AuditReport(base: Self.base.get(), query: query).actions.map(\.action.key)
    }
}
