import DebriefTestSupport
import Foundation
import XCTest

/// Item 1 end to end: an imported post-mortem's untracked actions pass `check`, are marked on
/// the site, counted on the dashboard and flagged in the API, and never fail the audit gate.
final class UntrackedActionSiteTests: CLITestCase {
    static let postmortem = """
        ---
        id: INC-2019-004
        title: Search index corrupted
        date: 2019-05-02
        severity: SEV2
        status: final
        imported: true
        ---
        ## Summary

        The index broke.

        ## Action Items

        | ID | Action | Owner | Due | Status |
        |----|--------|-------|-----|--------|
        | A1 | Add index checksums | TBD | n/a | open |
        | A2 | Document the rebuild | N/A | - | done |
        | A3 | Page on replica lag | @dana | 2019-06-01 | open |

        """

    func test_item1_untrackedActionsAreMarkedOnTheSiteAndNeverFailTheGate() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("required_sections: [Summary]\n".utf8), to: "debrief.yml", under: root)
        try writeFile(Data(Self.postmortem.utf8), to: "postmortems/2019-05-02-index.md", under: root)
        let check = try debrief(["check", "--root", root.path])
        XCTAssertEqual(check.exitCode, 0, check.stdout)
        let build = try debrief(["build", "--root", root.path, "--as-of", "2026-11-30"])
        XCTAssertEqual(build.exitCode, 0, build.stderr)
        let page = try String(contentsOf: root.appendingPathComponent("_site/postmortems/2019-05-02-index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains(#"<span class="badge status-open">Open</span> <span class="badge untracked">Untracked</span></td><td>Add index checksums"#), page)
        XCTAssertEqual(page.components(separatedBy: "badge untracked").count - 1, 1, "the done one and the tracked one are not marked")
        let dashboard = try String(contentsOf: root.appendingPathComponent("_site/index.html"), encoding: .utf8)
        XCTAssertTrue(dashboard.contains(#"<span class="stat-value">1</span> <span class="stat-label">untracked actions</span>"#), dashboard)
        let api = try String(contentsOf: root.appendingPathComponent("_site/api/postmortems.json"), encoding: .utf8)
        XCTAssertTrue(api.contains(#""imported":true"#), api)
        XCTAssertTrue(api.contains(#""key":"INC-2019-004/A1","id":"A1","action":"Add index checksums","owner":"","due":null,"status":"open","sops":[],"ticket":null,"ticket_url":null,"untracked":true"#), api)
        // A3 is tracked and seven years overdue: the only thing that fails the gate.
        let audit = try debrief(["audit", "--root", root.path, "--as-of", "2026-11-30", "--fail-on-overdue"])
        XCTAssertEqual(audit.exitCode, 1)
        XCTAssertTrue(audit.stdout.contains("open (untracked)"), audit.stdout)
        XCTAssertTrue(audit.stdout.contains("2 actions listed, 1 overdue"), audit.stdout)
        XCTAssertTrue(audit.stdout.contains("1 untracked)"), audit.stdout)
        let owners = try debrief(["audit", "--root", root.path, "--as-of", "2026-11-30", "--fail-on-overdue", "--owner", "TBD"])
        XCTAssertEqual(owners.exitCode, 0, "a placeholder owner is nobody")
        XCTAssertTrue(owners.stdout.hasPrefix("0 actions listed"), owners.stdout)
    }
}
