@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The site's "Needs review" mark and `debrief audit`'s stale SOPs come from one rule, so they
/// judge the same SOP the same way and name the same day.
final class StaleSOPAgreementTests: XCTestCase {
    /// `runbook` was reviewed on 2026-02-01. INC-A started at 23:30 on 2026-02-01 (local time) and
    /// is dated 2026-02-02: it started on the review day, so it does not count. INC-B started on
    /// 2026-03-09 and is dated 2026-03-10. The SOP is stale since the day INC-B started.
    func test_staleSOP_siteAndAuditAgreeOnTheSOPAndTheDay() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("---\nid: runbook\ntitle: Runbook\nlast_reviewed: 2026-02-01\n---\n\n# Runbook\n\nSteps.\n".utf8),
                      to: "sops/runbook.md", under: root)
        try writeFile(Data(Self.postmortem(id: "INC-A", date: "2026-02-02", started: "2026-02-01T23:30:00-05:00").utf8),
                      to: "postmortems/2026-02-02-a.md", under: root)
        try writeFile(Data(Self.postmortem(id: "INC-B", date: "2026-03-10", started: "2026-03-09T22:00:00-08:00").utf8),
                      to: "postmortems/2026-03-10-b.md", under: root)

        let audit = StaleSOPFinder.find(in: try RepositoryLoader().load(root: root))
        XCTAssertEqual(audit.map(\.sopID), ["runbook"])
        XCTAssertEqual(audit.first?.incidents.map(\.id), ["INC-B"])
        XCTAssertEqual(audit.first?.incidents.map(\.started.description), ["2026-03-09"])

        let options = BuildOptions(root: root, baseURL: nil, allowErrors: true, asOf: CalendarDate("2026-12-01"))
        let writer = MemorySiteWriter()
        _ = try SiteBuilder(options: options, writer: writer).build()
        let page = try XCTUnwrap(writer.text("sops/runbook.html"))
        XCTAssertTrue(page.contains("An incident on <time datetime=\"2026-03-09\">2026-03-09</time> touched this SOP"),
                      "the SOP page must name the day the audit names")
        XCTAssertTrue(try XCTUnwrap(writer.text("sops.html")).contains("Needs review</span></td>"))
    }

    private static func postmortem(id: String, date: String, started: String) -> String {
        """
        ---
        id: \(id)
        title: Incident \(id)
        date: \(date)
        severity: SEV2
        status: final
        started: \(started)
        ---

        # Incident \(id)

        ## Summary

        Something broke.

        ## Impact

        Some users.

        ## Timeline

        - 10:00 It broke.

        ## Root Cause

        A cause.

        ## Preventive Actions

        | ID | Action | Owner | Due | Status | SOP | Ticket |
        |----|--------|-------|-----|--------|-----|--------|
        | PA-1 | Review the runbook | @lena | 2026-12-31 | open | runbook | |

        """
    }
}
