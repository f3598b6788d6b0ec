@testable import DebriefKit
import XCTest

/// The index's action entries read their action from the post-mortem's tables by table and
/// row; what each shows must be its own action's, across tables.
final class SiteIndexTests: XCTestCase {
    static let twoTables = frontMatter() + """

        ## Preventive Actions

        ### Detection

        | ID | Action | Owner | Due | Status | Ticket |
        |----|--------|-------|-----|--------|--------|
        | PA-1 | Add an alert | @dana | 2026-04-01 | open | [OPS-1](https://t.example/OPS-1) |

        ### Prevention

        | ID | Action | Owner | Due | Status | Ticket |
        |----|--------|-------|-----|--------|--------|
        | PA-2 | Raise the pool | @marco | 2026-03-01 | in progress | https://t.example/OPS-2 |
        | PA-3 | Cap the retries | @li | 2026-04-03 | done | [OPS-3](https://t.example/OPS-3) |
        """

    func testEveryEntryShowsItsOwnActionAcrossTables() throws {
        let (pm, _) = readPostmortem(Self.twoTables)
        XCTAssertEqual(pm.actionTables.map(\.actions.count), [1, 2])
        let document = SiteDocument.make(pm, diagnostics: [], signature: nil, contentHash: 0, layout: testLayout).slimmedForPages()
        let index = SiteIndex(documents: [document], config: Config(), layout: testLayout, asOf: try XCTUnwrap(CalendarDate("2026-03-20")))
        let byID = Dictionary(uniqueKeysWithValues: index.actions.map { ($0.action.id, $0) })
        XCTAssertEqual(Set(byID.keys), ["PA-1", "PA-2", "PA-3"])
        XCTAssertEqual(byID["PA-1"]?.action.action, "Add an alert")
        XCTAssertEqual(byID["PA-2"]?.action.owner, "marco")
        XCTAssertEqual(byID["PA-3"]?.action.action, "Cap the retries")
        XCTAssertEqual(byID["PA-1"]?.ticketURL, "https://t.example/OPS-1")
        XCTAssertEqual(byID["PA-2"]?.ticketURL, "https://t.example/OPS-2")
        XCTAssertEqual(byID["PA-3"]?.ticketURL, "https://t.example/OPS-3")
        XCTAssertEqual(byID["PA-2"]?.status, .inProgress)
        XCTAssertEqual(byID["PA-3"]?.status, .done)
        XCTAssertEqual(byID["PA-2"]?.isOverdue, true)
        XCTAssertEqual(byID["PA-1"]?.isOverdue, false)
        XCTAssertEqual(index.actions.map(\.untracked), [false, false, false])
        // Overdue first: the order the action pages show.
        XCTAssertEqual(index.actions.first?.action.id, "PA-2")
    }
}
