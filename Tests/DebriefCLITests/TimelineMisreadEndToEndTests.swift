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

    /// Fastly-shaped, without `started`: the bare time after the lead-up deploy is reported at
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

            - 2021-05-12 14:00 — A deploy shipped a latent bug.
            - 15:00 — The canary passed.
            - 2021-06-08 09:47 — A customer configuration triggered the bug.
            - 09:48 — Errors across the network.
            """)
        XCTAssertEqual(built.instants, ["2021-05-12T14:00:00Z", "null", "2021-06-08T09:47:00Z", "2021-06-08T09:48:00Z"])
        XCTAssertEqual(built.codes, ["11 DB059"])
        let error = try XCTUnwrap(built.diagnostics.first)
        XCTAssertEqual(error["fix"] as? String, "2021-05-12 15:00 or 2021-06-08 15:00")
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
