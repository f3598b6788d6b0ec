@testable import DebriefKit
import DebriefTestSupport
import XCTest

/// Item 1: a post-mortem marked `imported: true` keeps its legacy actions without owner or due
/// date as untracked: shown, counted apart, never overdue, never an error.
final class UntrackedActionTests: XCTestCase {
    private func loadFixture(_ name: String) throws -> KnowledgeBase {
        let fixture = try FixtureRepo(copying: TestPaths.fixtures("DebriefKitTests").appendingPathComponent(name), testCase: self)
        return try RepositoryLoader().load(root: fixture.root)
    }

    func test_item1_importedPostmortemKeepsActionsWithoutOwnerOrDueAsUntracked() throws {
        let base = try loadFixture("action-untracked-imported")
        let pm = try XCTUnwrap(base.postmortems.first)
        XCTAssertTrue(pm.imported)
        let byID = Dictionary(uniqueKeysWithValues: pm.actions.map { ($0.id, $0) })
        // Open or in progress, with a placeholder or nothing in Owner or Due: untracked.
        for id in ["A1", "A2", "A4", "A5", "A6", "A8"] {
            XCTAssertEqual(byID[id]?.untracked, true, id)
        }
        // Done is simply done; a real owner and a (bad) due date is tracked.
        for id in ["A3", "A7", "A9"] {
            XCTAssertEqual(byID[id]?.untracked, false, id)
        }
        // A placeholder is nobody: no owner page for 'TBD'.
        XCTAssertEqual(byID["A1"]?.owner, "")
        XCTAssertEqual(byID["A4"]?.owner, "")
        XCTAssertEqual(byID["A5"]?.owner, "tomas")
        // Due 2019-06-01 and open, seven years on: untracked, so never overdue.
        let day = CalendarDate(year: 2026, month: 11, day: 30)!
        XCTAssertEqual(byID["A6"]?.due?.description, "2019-06-01")
        XCTAssertEqual(byID["A6"]?.isOverdue(asOf: day), false)
    }

    func test_item1_untrackedActionsAreCountedApartInTheAudit() throws {
        let base = try loadFixture("action-untracked-imported")
        let report = AuditReport(base: base, query: AuditQuery(asOf: CalendarDate(year: 2026, month: 11, day: 30)!))
        XCTAssertEqual(report.summary.untracked, 6)
        XCTAssertEqual(report.summary.overdue, 0)
        XCTAssertFalse(report.hasOverdue, "an untracked action never fails --fail-on-overdue")
        XCTAssertEqual(report.actions.filter(\.isUntracked).map(\.action.id).sorted(), ["A1", "A2", "A4", "A5", "A6", "A8"])
        let json = AuditFormatter(format: .json).format(report)
        XCTAssertTrue(json.contains("\"untracked\" : 6"), json)
        XCTAssertTrue(json.contains("\"untracked\" : true"), json)
        let text = AuditFormatter(format: .table).format(report)
        XCTAssertTrue(text.contains("open (untracked)"), text)
        XCTAssertTrue(text.contains("6 untracked"), text)
        let markdown = AuditFormatter(format: .markdown).format(report)
        XCTAssertTrue(markdown.contains("| open (untracked) |"), markdown)
        XCTAssertTrue(markdown.contains("6 untracked"), markdown)
    }

    func test_item1_placeholdersAreUntrackedOnlyInImportedPostmortems() throws {
        // The same words in an ordinary post-mortem are errors that say how to import.
        let (pm, _) = readPostmortem(frontMatter() + "## Preventive Actions\n\n| ID | Action | Owner | Due | Status |\n|-|-|-|-|-|\n| A1 | a | TBD | n/a | open |\n")
        XCTAssertFalse(pm.imported)
        XCTAssertEqual(pm.actions.first?.untracked, false)
        XCTAssertEqual(pm.actions.first?.owner, "TBD")
    }
}
