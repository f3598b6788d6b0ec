import DebriefTestSupport
import Foundation
import XCTest

/// The worst of the timelines a reviewer found read at the wrong instant while `check` stayed
/// quiet, end to end: what `build` puts in `api/postmortems.json` and what `check` says.
final class TimelineMisreadEndToEndTests: CLITestCase {
    private struct Built {
        var timeline: [[String: Any]]
        var diagnostics: [[String: Any]]

        var instants: [String] { timeline.map { ($0["at"] as? String) ?? "null" } }
        var ends: [String] { timeline.map { ($0["end"] as? String) ?? "null" } }
        var codes: [String] { diagnostics.map { "\($0["line"] ?? 0) \($0["code"] ?? "")" } }
    }

    /// Writes a repo with one post-mortem, builds it and checks it.
    private func run(_ postmortem: String) throws -> Built {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("title: T\nrequired_sections: [Timeline]\n".utf8), to: "repo/debrief.yml", under: root)
        try writeFile(Data(postmortem.utf8), to: "repo/postmortems/incident.md", under: root)
        let repo = root.appendingPathComponent("repo")
        try debrief(["build", "--root", repo.path, "--allow-errors", "--output", root.appendingPathComponent("site").path])
        let data = try Data(contentsOf: root.appendingPathComponent("site/api/postmortems.json"))
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let check = try debrief(["check", "--root", repo.path, "--format", "json"])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: check.stdoutData) as? [String: Any])
        return Built(timeline: all.first?["timeline"] as? [[String: Any]] ?? [], diagnostics: report["diagnostics"] as? [[String: Any]] ?? [])
    }

    /// A European team's list, `- TIME: event`, with offsets.
    func test_finding1_offsetsBeforeAColonAreRead() throws {
        let built = try run("""
            ---
            id: INC-1
            title: Replication stall
            date: 2026-07-19
            severity: SEV2
            status: final
            ---
            ## Timeline

            - 2026-07-19T06:14:00+02:00: Replication lag alert fired.
            - 06:20+02:00: On-call acknowledged.
            - 01:31 GMT-03:00: The São Paulo team joined.

            **06:45 UTC+2:** Replica promoted.
            """)
        XCTAssertEqual(built.instants, ["2026-07-19T04:14:00Z", "2026-07-19T04:20:00Z", "2026-07-19T04:31:00Z", "2026-07-19T04:45:00Z"])
        XCTAssertEqual(built.ends, ["null", "null", "null", "null"])
        XCTAssertEqual(built.timeline.map { $0["text"] as? String ?? "" },
                       ["Replication lag alert fired.", "On-call acknowledged.", "The São Paulo team joined.", "Replica promoted."])
        XCTAssertEqual(built.codes, [])
    }

    /// A maintenance window across midnight, in a list and a table.
    func test_finding2_compactSpansAcrossMidnightAreSpans() throws {
        let built = try run("""
            ---
            id: INC-2
            title: Failover overran
            date: 2026-03-14
            severity: SEV2
            status: final
            started: 2026-03-14T23:45:00Z
            resolved: 2026-03-15T02:00:00Z
            ---
            ## Timeline

            - 23:45-00:30 — Planned failover.

            | Time | Event |
            |------|-------|
            | 00:30-02:00 | Failover overran |
            """)
        XCTAssertEqual(built.instants, ["2026-03-14T23:45:00Z", "2026-03-15T00:30:00Z"])
        XCTAssertEqual(built.ends, ["2026-03-15T00:30:00Z", "2026-03-15T02:00:00Z"])
        XCTAssertEqual(built.codes, [])
    }

    /// A Los Angeles team quoting the UTC alert time, then its own clock.
    func test_finding10_datedEntryInUTCDoesNotMoveTheLocalDay() throws {
        let built = try run("""
            ---
            id: INC-3
            title: Queue backlog
            date: 2026-03-14
            severity: SEV2
            status: final
            timezone: America/Los_Angeles
            resolved: 2026-03-15T03:00:00Z
            ---
            ## Timeline

            - 2026-03-15 01:00 UTC: Backlog alert fired.
            - 18:30: Acknowledged.
            - 19:10: Consumers scaled up.
            """)
        XCTAssertEqual(built.instants, ["2026-03-15T01:00:00Z", "2026-03-15T01:30:00Z", "2026-03-15T02:10:00Z"])
        XCTAssertEqual(built.codes, [])
    }

    /// Without `started`, a lead-up deploy the day before: the bare time after it is reported at
    /// its own line, and the outage entry after it is not blamed.
    func test_finding11_bareTimeAfterALeadUpIsReportedAtItsLine() throws {
        let built = try run("""
            ---
            id: INC-4
            title: Global edge outage
            date: 2021-06-08
            severity: SEV1
            status: final
            ---
            ## Timeline

            - 2021-06-07 14:00 — A deploy shipped a latent bug.
            - 15:00 — The canary passed.
            - 2021-06-08 09:47 — A customer configuration triggered the bug.
            - 09:48 — Errors across the network.
            """)
        XCTAssertEqual(built.instants, ["2021-06-07T14:00:00Z", "null", "2021-06-08T09:47:00Z", "2021-06-08T09:48:00Z"])
        XCTAssertEqual(built.codes, ["11 DB059"])
        let error = try XCTUnwrap(built.diagnostics.first)
        XCTAssertEqual(error["fix"] as? String, "2021-06-07 15:00 or 2021-06-08 15:00")
    }

    /// Fastly-shaped, without `started`: the deploy weeks before the date does not pull the
    /// outage's bare times back to its day.
    func test_item4_leadUpWeeksBeforeTheDateLeavesTheBareTimesOnTheDate() throws {
        let built = try run("""
            ---
            id: INC-4
            title: Global edge outage
            date: 2021-06-08
            severity: SEV1
            status: final
            ---
            ## Timeline

            - 2021-05-12 00:00 — A deploy shipped a latent bug.
            - 9:47 AM — A customer configuration triggered the bug.
            - 10:36 — Traffic recovered.
            """)
        XCTAssertEqual(built.instants, ["2021-05-12T00:00:00Z", "2021-06-08T09:47:00Z", "2021-06-08T10:36:00Z"])
        XCTAssertEqual(built.codes, [])
    }

    /// Event text whose first word looks like an offset or a zone is text: the time stays in
    /// the post-mortem's zone and the text is kept whole.
    func test_item1_eventTextThatStartsLikeAnOffsetOrAZoneIsKept() throws {
        let built = try run("""
            ---
            id: INC-9
            title: Pager storm
            date: 2026-07-19
            timezone: UTC
            severity: SEV2
            status: final
            ---
            ## Timeline

            - 09:00 +1 more pager
            - 09:10 -5% traffic
            - 09:20 -2 nodes lost
            - 09:40 EST-based customers hit
            - 09:50 Z-index bug found
            - 10:10 PT-BR locale broken
            - 10:11 AST parser crashed
            - 10:14: -1 replica
            - 10:20 UTC-based cron fired
            """)
        XCTAssertEqual(built.instants, ["2026-07-19T09:00:00Z", "2026-07-19T09:10:00Z", "2026-07-19T09:20:00Z", "2026-07-19T09:40:00Z",
                                        "2026-07-19T09:50:00Z", "2026-07-19T10:10:00Z", "2026-07-19T10:11:00Z", "2026-07-19T10:14:00Z",
                                        "2026-07-19T10:20:00Z"])
        XCTAssertEqual(built.timeline.map { $0["text"] as? String ?? "" },
                       ["+1 more pager", "-5% traffic", "-2 nodes lost", "EST-based customers hit", "Z-index bug found",
                        "PT-BR locale broken", "AST parser crashed", "-1 replica", "UTC-based cron fired"])
        XCTAssertEqual(built.codes, [])
    }

    /// A January incident whose timeline starts in December.
    func test_finding4_decemberLeadUpInAJanuaryIncidentIsTheDecemberBefore() throws {
        let built = try run("""
            ---
            id: INC-5
            title: Certificate expiry
            date: 2026-01-05
            severity: SEV2
            status: final
            ---
            ## Timeline

            ### December 20

            - 10:00 — The renewal job was disabled.

            ### January 5

            - 09:00 — The certificate expired.
            - 09:20 — Renewed by hand.
            """)
        XCTAssertEqual(built.instants, ["2025-12-20T10:00:00Z", "2026-01-05T09:00:00Z", "2026-01-05T09:20:00Z"])
        XCTAssertEqual(built.codes, [])
    }
}
