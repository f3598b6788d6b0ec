import DebriefKit
import Foundation
import XCTest

/// Action lists longer than a thousand continue on numbered pages.
final class SitePaginationTests: XCTestCase {
    /// A repo of `count` post-mortems with `actions` actions each.
    private func largeRepo(postmortems count: Int, actions: Int) throws -> URL {
        let root = try SiteFixture.temporaryFolder(self)
        try "required_sections: [Summary]\n".write(to: root.appendingPathComponent("debrief.yml"), atomically: false, encoding: .utf8)
        let folder = root.appendingPathComponent("postmortems")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for number in 1...count {
            var text = """
            ---
            id: INC-\(number)
            title: Incident \(number)
            date: 2026-01-\(String(format: "%02d", number % 28 + 1))
            severity: SEV3
            status: final
            services: [svc-\(number % 3)]
            ---

            ## Summary

            Something broke.

            ## Preventive Actions

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|

            """
            for action in 1...actions {
                text += "| PA-\(action) | Fix part \(action) | @owner\(action % 4) | 2026-06-01 | \(action % 2 == 0 ? "done" : "open") |\n"
            }
            try text.write(to: folder.appendingPathComponent("inc-\(number).md"), atomically: false, encoding: .utf8)
        }
        return root
    }

    func testLongActionListsArePaginated() throws {
        let repo = try largeRepo(postmortems: 210, actions: 5)
        let (report, site) = try SiteFixture.build(repo)
        XCTAssertTrue(report.built, "\(report.diagnostics.prefix(3))")
        // 1,050 actions: two pages of every action.
        let first = site.page("actions.html")
        let second = site.page("actions/2.html")
        XCTAssertNil(site.pages["actions/3.html"])
        XCTAssertEqual(first.components(separatedBy: "<small class=\"action-key\">").count - 1, 1_000)
        XCTAssertEqual(second.components(separatedBy: "<small class=\"action-key\">").count - 1, 50)
        XCTAssertTrue(first.contains("<a href=\"actions/2.html\" rel=\"next\">Next page</a>"))
        XCTAssertTrue(second.contains("<a href=\"../actions.html\" rel=\"prev\">Previous page</a>"))
        XCTAssertTrue(second.contains("Actions 1001–1050 of 1050, page 2 of 2."))
        // The filters work over the data files, so they sit on the first page only.
        XCTAssertTrue(first.contains("id=\"action-filters\""))
        XCTAssertFalse(second.contains("id=\"action-filters\""))
    }
}
