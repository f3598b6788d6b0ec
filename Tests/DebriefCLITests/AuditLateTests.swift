import DebriefTestSupport
import Foundation
import XCTest

/// `debrief audit --late` and `--fail-on-late` end to end on `Fixtures/history-repo` as of
/// 2026-12-01: INC-2026-061 (SEV1, in review, resolved on Friday 2026-11-20, 5bd → 2026-11-27)
/// is the one post-mortem late now, 4 days; INC-2024-077 was published 7 days late;
/// INC-2026-050 is final without an approved day; INC-2026-063 is pending; a SEV3 and an
/// unresolved one have no deadline.
final class AuditLateTests: CLITestCase {
    private var repo: String { SiteTree.fixture("history-repo").path }
    private let asOf = ["--as-of", "2026-12-01"]

    func test_item2_lateTableListsTheLateOneWithItsDaysLate() throws {
        let run = try debrief(["audit", "--root", repo, "--late"] + asOf)
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
              ID            SEVERITY  STATUS  STATE    RESOLVED    DEADLINE          DAYS LATE  TITLE
            ! INC-2026-061  SEV1      review  overdue  2026-11-20  2026-11-27 (5bd)          4  Checkout payments timed out

            1 post-mortem listed, 1 late, as of 2026-12-01 (5 post-mortems with a deadline: 1 pending, 1 on time, 1 published late, 1 final without an approved day)

            """)
    }

    func test_item2_lateWithAllListsEveryDeadline() throws {
        let run = try debrief(["audit", "--root", repo, "--late", "--all", "--format", "csv"] + asOf)
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").map(String.init), [
            "id,title,severity,status,state,resolved,deadline,publish_within,final,days_late,file,line",
            "INC-2026-061,Checkout payments timed out,SEV1,review,overdue,2026-11-20,2026-11-27,5bd,,4,postmortems/2026-11-20-checkout-payments-timeout.md,6",
            "INC-2023-041,Checkout down during database failover,SEV1,final,on-time,2023-12-08,2023-12-15,5bd,2023-12-11,0,postmortems/2023-12-05-checkout-db-failover.md,6",
            "INC-2024-077,Checkout 502s after a deploy,SEV2,final,published-late,2024-12-03,2024-12-13,10d,2024-12-20,7,postmortems/2024-12-03-checkout-502.md,6",
            "INC-2026-050,Checkout coupons rejected,SEV2,final,final-day-unknown,2026-10-01,2026-10-11,10d,,0,postmortems/2026-10-01-checkout-final-no-approved.md,6",
            "INC-2026-063,Search returned nothing,SEV2,draft,pending,2026-11-28,2026-12-08,10d,,0,postmortems/2026-11-28-search-outage.md,6",
        ])
    }

    func test_item2_lateInEveryFormat() throws {
        let json = try debrief(["audit", "--root", repo, "--late", "--format", "json"] + asOf)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let listed = try XCTUnwrap(object["postmortems"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["id"] as? String }, ["INC-2026-061"])
        XCTAssertEqual(listed.first?["days_late"] as? Int, 4)
        XCTAssertEqual(listed.first?["deadline"] as? String, "2026-11-27")
        XCTAssertTrue(listed.first?.keys.contains("final") ?? false, "an absent final day is null, not a missing key")
        XCTAssertEqual(object["summary"] as? [String: Int], ["with_deadline": 5, "pending": 1, "late": 1, "on_time": 1, "published_late": 1, "final_day_unknown": 1])

        let github = try debrief(["audit", "--root", repo, "--late", "--format", "github"] + asOf)
        XCTAssertEqual(github.stdout, "::warning file=postmortems/2026-11-20-checkout-payments-timeout.md,line=6::INC-2026-061 (SEV1, review) is 4 days past its publishing deadline 2026-11-27 (5 business days from resolved 2026-11-20)\n")

        let markdown = try debrief(["audit", "--root", repo, "--late", "--format", "markdown"] + asOf)
        XCTAssertTrue(markdown.stdout.hasPrefix("| ID | Severity | Status | State | Resolved | Deadline | Days late | Title |\n| --- |"), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("| INC-2026-061 | SEV1 | review | overdue | 2026-11-20 | 2026-11-27 (5bd) | **4** | Checkout payments timed out |"), markdown.stdout)

        let text = try debrief(["audit", "--root", repo, "--late", "--format", "text"] + asOf)
        XCTAssertTrue(text.stdout.contains("! INC-2026-061"), text.stdout)
    }

    func test_item2_failOnLateGatesTheBuild() throws {
        let failing = try debrief(["audit", "--root", repo, "--late", "--fail-on-late", "--format", "github"] + asOf)
        XCTAssertEqual(failing.exitCode, 1)
        // On its deadline day it is not late yet.
        let passing = try debrief(["audit", "--root", repo, "--fail-on-late"] + ["--as-of", "2026-11-27"])
        XCTAssertEqual(passing.exitCode, 0, passing.stdout + passing.stderr)
        // The severity filter applies to post-mortems: no SEV2 is late.
        let sev2 = try debrief(["audit", "--root", repo, "--fail-on-late", "--severity", "SEV2"] + asOf)
        XCTAssertEqual(sev2.exitCode, 0, sev2.stdout + sev2.stderr)
        // Without --late, the action listing names the late post-mortem and the gate still holds.
        let actions = try debrief(["audit", "--root", repo, "--fail-on-late"] + asOf)
        XCTAssertEqual(actions.exitCode, 1)
        XCTAssertTrue(actions.stdout.contains("Late post-mortems (past their publishing deadline; see 'debrief audit --late'):\n"), actions.stdout)
        let json = try debrief(["audit", "--root", repo, "--format", "json"] + asOf)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        XCTAssertEqual((object["late_postmortems"] as? [[String: Any]])?.map { $0["id"] as? String }, ["INC-2026-061"])
    }

    func test_item2_lateRefusesActionFilters() throws {
        let run = try debrief(["audit", "--root", repo, "--late", "--owner", "lena"] + asOf)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertTrue(run.stderr.contains("--late lists post-mortems"), run.stderr)
    }

    func test_item2_badPublishWithinRefusesTheAudit() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try Data("publish_within:\n  SEV1: 5\n".utf8).write(to: root.appendingPathComponent("debrief.yml"))
        let run = try debrief(["audit", "--root", root.path, "--late"] + asOf)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertTrue(run.stderr.contains("1 error in debrief.yml"), run.stderr)
        let check = try debrief(["check", "--root", root.path])
        XCTAssertTrue(check.stdout.contains("debrief.yml:2:9: error: [DB049] the deadline of SEV1 must be calendar days ('5d') or business days ('5bd'), up to 366, not '5'"), check.stdout)
    }
}
