import DebriefTestSupport
@testable import DebriefKit
import XCTest

/// `audit` and `similar` read post-mortems with `ReadingScope.actions`: what they use must be
/// what a full reading gives.
final class ReadingScopeTests: XCTestCase {
    func testTheActionsScopeReadsWhatTheAuditUsesAsAFullReadingDoes() throws {
        let full = try RepositoryLoader().load(root: TestPaths.exampleRepo)
        let lean = try RepositoryLoader(scope: .actions).load(root: TestPaths.exampleRepo)
        XCTAssertEqual(lean.postmortems.count, full.postmortems.count)
        XCTAssertGreaterThan(full.postmortems.flatMap(\.timeline).count, 0)
        for (lean, full) in zip(lean.postmortems, full.postmortems) {
            XCTAssertEqual(lean.id, full.id)
            XCTAssertEqual(lean.actions.map(\.key), full.actions.map(\.key))
            XCTAssertEqual(lean.actions.map(\.sopIDs), full.actions.map(\.sopIDs))
            XCTAssertEqual(lean.actions.map(\.status), full.actions.map(\.status))
            XCTAssertEqual(lean.links.map(\.destination), full.links.map(\.destination))
            XCTAssertEqual(lean.similarityText, full.similarityText)
            XCTAssertEqual(lean.sections.map(\.name), full.sections.map(\.name))
            XCTAssertEqual(lean.started, full.started)
            // What it leaves out: the timeline.
            XCTAssertEqual(lean.timeline.count, 0)
        }
        XCTAssertEqual(StaleSOPFinder.find(in: lean).map(\.sopID), StaleSOPFinder.find(in: full).map(\.sopID))
    }
}
