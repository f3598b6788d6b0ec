import DebriefTestSupport
import Foundation
import XCTest

/// Item 3 end to end: `tickets:` turns ids into links in Ticket cells and in post-mortem and
/// SOP bodies, and into full addresses in `api/postmortems.json`; a rebuild after the
/// patterns change shows the new addresses.
final class TicketLinkTests: CLITestCase {
    static let config = #"""
        required_sections: [Summary]
        tickets:
          - {pattern: "OPS-(\\d+)", url: "https://jira.example.com/browse/OPS-$1"}
          - {pattern: "#(\\d+)", url: "https://github.com/acme/app/issues/$1"}

        """#

    static let postmortem = """
        ---
        id: INC-2026-001
        title: Checkout down
        date: 2026-03-14
        severity: SEV2
        status: final
        ---
        ## Summary

        Checkout failed; see OPS-1304 and #77, not `OPS-9` in code.

        ## Preventive Actions

        | ID | Action | Owner | Due | Status | Ticket |
        |----|--------|-------|-----|--------|--------|
        | PA-1 | Add a canary | @dana | 2026-04-01 | open | OPS-1304 |
        | PA-2 | Alert on 5xx | @dana | 2026-04-01 | open | [B-9](https://bugs.example.com/9) |

        - [ ] PA-3 Rehearse failover (@lena, due 2026-05-15, #88)

        """

    static let sop = """
        ---
        title: Rollback
        owner: "@dana"
        last_reviewed: 2026-01-10
        ---
        # Rollback

        Follow OPS-12 before rolling back.

        """

    private func makeRepo() throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(Self.config.utf8), to: "debrief.yml", under: root)
        try writeFile(Data(Self.postmortem.utf8), to: "postmortems/2026-03-14-checkout.md", under: root)
        try writeFile(Data(Self.sop.utf8), to: "sops/rollback.md", under: root)
        return root
    }

    private func read(_ path: String, in root: URL) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func test_item3_ticketIdsBecomeLinksOnTheSiteAndAddressesInTheAPI() throws {
        let root = try makeRepo()
        let check = try debrief(["check", "--root", root.path])
        XCTAssertEqual(check.exitCode, 0, check.stdout)
        let build = try debrief(["build", "--root", root.path, "--as-of", "2026-03-20"])
        XCTAssertEqual(build.exitCode, 0, build.stderr)
        let page = try read("_site/postmortems/2026-03-14-checkout.html", in: root)
        XCTAssertTrue(page.contains(#"see <a class="ticket" href="https://jira.example.com/browse/OPS-1304">OPS-1304</a> and <a class="ticket" href="https://github.com/acme/app/issues/77">#77</a>"#), page)
        XCTAssertTrue(page.contains("<code>OPS-9</code>"), page)
        // Ticket cells: the pattern's address, and a Markdown link kept as written.
        XCTAssertTrue(page.contains(#"<a href="https://jira.example.com/browse/OPS-1304">OPS-1304</a></td>"#), page)
        XCTAssertTrue(page.contains(#"<a href="https://bugs.example.com/9">B-9</a></td>"#), page)
        XCTAssertTrue(page.contains(#"<a href="https://github.com/acme/app/issues/88">#88</a></td>"#), page)
        let sop = try read("_site/sops/rollback.html", in: root)
        XCTAssertTrue(sop.contains(#"Follow <a class="ticket" href="https://jira.example.com/browse/OPS-12">OPS-12</a> before"#), sop)
        let api = try read("_site/api/postmortems.json", in: root)
        XCTAssertTrue(api.contains(#""ticket":"OPS-1304","ticket_url":"https://jira.example.com/browse/OPS-1304""#), api)
        XCTAssertTrue(api.contains(#""ticket_url":"https://bugs.example.com/9""#), api)
        XCTAssertTrue(api.contains(##""ticket":"#88","ticket_url":"https://github.com/acme/app/issues/88""##), api)
    }

    func test_item3_changingThePatternsRebuildsTheCachedBodies() throws {
        let root = try makeRepo()
        XCTAssertEqual(try debrief(["build", "--root", root.path, "--as-of", "2026-03-20"]).exitCode, 0)
        let moved = Self.config.replacingOccurrences(of: "jira.example.com", with: "tracker.example.org")
        try writeFile(Data(moved.utf8), to: "debrief.yml", under: root)
        XCTAssertEqual(try debrief(["build", "--root", root.path, "--as-of", "2026-03-20"]).exitCode, 0)
        let page = try read("_site/postmortems/2026-03-14-checkout.html", in: root)
        XCTAssertTrue(page.contains(#"href="https://tracker.example.org/browse/OPS-1304">OPS-1304</a> and"#), page)
        XCTAssertFalse(page.contains("jira.example.com"), page)
        let sop = try read("_site/sops/rollback.html", in: root)
        XCTAssertTrue(sop.contains("https://tracker.example.org/browse/OPS-12"), sop)
    }
}
