import DebriefTestSupport
import Foundation
import XCTest

/// Post-mortems written the way public ones are (the words are ours, the shapes theirs), read
/// end to end: what `build` puts in `api/postmortems.json` and what `check` says.
final class RealPostmortemTests: CLITestCase {
    private struct Built {
        var timeline: [[String: Any]]
        var actions: [[String: Any]]
        var diagnostics: [[String: Any]]
        var audit: String
    }

    /// Writes a repo with one post-mortem, builds it and checks it.
    private func run(_ postmortem: String, config: String = "title: T\nrequired_sections: [Timeline]\n") throws -> Built {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(config.utf8), to: "repo/debrief.yml", under: root)
        try writeFile(Data(postmortem.utf8), to: "repo/postmortems/incident.md", under: root)
        let repo = root.appendingPathComponent("repo")
        try debrief(["build", "--root", repo.path, "--allow-errors", "--output", root.appendingPathComponent("site").path])
        let data = try Data(contentsOf: root.appendingPathComponent("site/api/postmortems.json"))
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let pm = try XCTUnwrap(all.first)
        let check = try debrief(["check", "--root", repo.path, "--format", "json"])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: check.stdoutData) as? [String: Any])
        let audit = try debrief(["audit", "--root", repo.path, "--as-of", "2026-04-01"])
        return Built(timeline: pm["timeline"] as? [[String: Any]] ?? [], actions: pm["actions"] as? [[String: Any]] ?? [],
                     diagnostics: report["diagnostics"] as? [[String: Any]] ?? [], audit: audit.stdout)
    }

    private func instants(_ built: Built) -> [String] {
        built.timeline.map { ($0["at"] as? String) ?? "null" }
    }

    private func codes(_ built: Built) -> [String] {
        built.diagnostics.map { "\($0["line"] ?? 0) \($0["code"] ?? "")" }
    }

    // MARK: - Never wrong in silence

    /// Shaped like Fastly's 2021-06-08 report: the deploy weeks before comes first, dated; the
    /// outage's times are bare. They are 8 June, not 12 May.
    func test_item1_datedLeadUpEntryDoesNotDragLaterBareTimes() throws {
        let built = try run("""
            ---
            id: INC-1
            title: Global edge outage
            date: 2021-06-08
            severity: SEV1
            status: final
            started: 2021-06-08T09:47:00Z
            resolved: 2021-06-08T10:36:00Z
            ---
            ## Timeline

            - 2021-05-12 00:00 — A deploy shipped a latent bug in request handling.
            - 09:47 — A customer pushed a valid configuration that triggered the bug.
            - 09:48 — Monitoring saw errors across the network.
            - 10:27 — Engineers found the configuration that triggered it.
            - 10:36 — Services recovered.
            """)
        XCTAssertEqual(instants(built), ["2021-05-12T00:00:00Z", "2021-06-08T09:47:00Z", "2021-06-08T09:48:00Z",
                                         "2021-06-08T10:27:00Z", "2021-06-08T10:36:00Z"])
        let warning = try XCTUnwrap(built.diagnostics.first { $0["code"] as? String == "DB055" })
        XCTAssertEqual(warning["line"] as? Int, 12)
        XCTAssertEqual(warning["severity"] as? String, "warning")
        let message = try XCTUnwrap(warning["message"] as? String)
        XCTAssertTrue(message.contains("'2021-05-12 00:00'") && message.contains("2021-05-12T00:00:00Z") && message.contains("2021-06-08T09:47:00Z"), message)
    }

    /// Shaped like the S3 and GitHub reports: times carry their zone, in lists and tables.
    func test_item1_zoneLabelsAreReadInListsAndTables() throws {
        let built = try run("""
            ---
            id: INC-2
            title: Storage outage
            date: 2017-02-28
            severity: SEV1
            status: final
            ---
            ## Timeline

            - 9:37 AM PST: A command meant to remove a few servers removed more.
            - 17:40 UTC — The index subsystem restarted.

            | Time | Event |
            |------|-------|
            | 18:52 (UTC) | Replication between sites stopped |
            | 20:02 CET | Status page updated |
            | 19:10Z | Writes paused |
            | 21:20+02:00 | Engineers paged in Berlin |
            | 11:30 PST | Reads restored |
            | 2345 UTC | All clear |
            """)
        XCTAssertEqual(instants(built), ["2017-02-28T17:37:00Z", "2017-02-28T17:40:00Z", "2017-02-28T18:52:00Z", "2017-02-28T19:02:00Z",
                                         "2017-02-28T19:10:00Z", "2017-02-28T19:20:00Z", "2017-02-28T19:30:00Z", "2017-02-28T23:45:00Z"])
        XCTAssertEqual(built.timeline.map { $0["text"] as? String ?? "" }, [
            "A command meant to remove a few servers removed more.", "The index subsystem restarted.",
            "Replication between sites stopped", "Status page updated", "Writes paused", "Engineers paged in Berlin", "Reads restored", "All clear",
        ])
        XCTAssertEqual(codes(built), [])
    }

    /// `IST` is India, Ireland or Israel: an error asking for the offset, in text and as a fix.
    func test_item1_ambiguousZoneIsAnErrorWithAFix() throws {
        let built = try run("""
            ---
            id: INC-3
            title: Payments outage
            date: 2022-03-02
            severity: SEV2
            status: final
            ---
            ## Timeline

            - 14:02 IST — Payments failed.
            """)
        let error = try XCTUnwrap(built.diagnostics.first { $0["code"] as? String == "DB056" })
        XCTAssertEqual(error["line"] as? Int, 10)
        XCTAssertEqual(error["severity"] as? String, "error")
        XCTAssertEqual(error["fix"] as? String, "14:02+05:30 or 14:02+01:00 or 14:02+02:00")
        XCTAssertTrue((error["message"] as? String ?? "").contains("write the offset instead: 14:02+05:30"))
        XCTAssertEqual(instants(built), ["null"])
    }

    /// Shaped like the GitLab 2017-01-31 report: the timeline split under day headings.
    func test_item1_dayHeadingsGiveTheirDayToTheTimesUnderThem() throws {
        let built = try run("""
            ---
            id: INC-4
            title: Database replica lost
            date: 2017-01-31
            severity: SEV1
            status: final
            ---
            ## Timeline

            ### 31 January

            - 23:00 — The replica was removed by mistake.
            - 23:27 — The removal was noticed.

            ### 1 February

            - 00:14 — Restoring from the staging copy began.
            - 18:14 — Restore complete.
            """)
        XCTAssertEqual(instants(built), ["2017-01-31T23:00:00Z", "2017-01-31T23:27:00Z", "2017-02-01T00:14:00Z", "2017-02-01T18:14:00Z"])
        XCTAssertEqual(codes(built).filter { !$0.hasSuffix("DB055") }, [])
    }

    /// A template that splits actions under `### Prevention` and `### Detection`: every table
    /// reaches the API and `audit`; an ID used in both is an error.
    func test_item1_actionsSplitOverSubheadingTablesAllReachTheTracker() throws {
        let built = try run("""
            ---
            id: INC-5
            title: Login outage
            date: 2026-03-14
            severity: SEV2
            status: final
            ---
            ## Timeline

            - 09:00 — Logins failed.

            ## Action Items

            ### Prevention

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | PA-1 | Add a canary stage | lena | 2026-05-01 | open |

            ### Detection

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | PA-2 | Alert on login errors | omar | 2026-05-15 | open |
            | PA-1 | Page on canary failures | omar | 2026-05-15 | open |
            """, config: "title: T\nrequired_sections: [Timeline, Preventive Actions]\n")
        XCTAssertEqual(built.actions.map { $0["id"] as? String ?? "" }, ["PA-1", "PA-2", "PA-1"])
        XCTAssertTrue(built.audit.contains("INC-5/PA-1") && built.audit.contains("INC-5/PA-2") && built.audit.contains("Alert on login errors"), built.audit)
        let duplicate = try XCTUnwrap(built.diagnostics.first { $0["code"] as? String == "DB064" })
        XCTAssertEqual(duplicate["line"] as? Int, 25)
    }

    /// Prose with times that is no entry is reported; a final post-mortem whose Timeline has no
    /// readable entry is an error.
    func test_item1_unreadTimelineContentIsReported() throws {
        let built = try run("""
            ---
            id: INC-6
            title: Cache outage
            date: 2026-03-14
            severity: SEV2
            status: final
            ---
            ## Timeline

            The cache filled at about 17:20 and the site slowed down until the evening.
            """)
        XCTAssertEqual(codes(built), ["8 DB052", "10 DB057"])
        XCTAssertEqual(built.diagnostics.first?["severity"] as? String, "error")
    }

    /// `1402` alone in a list is no time (it could be a count); the message and `fix` say `14:02`.
    func test_item2_fourDigitsInAListGetAFixIt() throws {
        let built = try run("""
            ---
            id: INC-7
            title: Queue outage
            date: 2026-03-14
            severity: SEV2
            status: final
            ---
            ## Timeline

            - 13:50 — Queue depth rose.
            - 1402 — Consumers restarted.
            """)
        let error = try XCTUnwrap(built.diagnostics.first { $0["code"] as? String == "DB050" })
        XCTAssertEqual(error["line"] as? Int, 11)
        XCTAssertEqual(error["fix"] as? String, "14:02")
        XCTAssertEqual(error["message"] as? String,
                       "timeline time '1402' cannot be read: four digits are a time only with a zone label or in a table's time column; write 14:02")
        XCTAssertEqual(instants(built), ["2026-03-14T13:50:00Z", "null"])
    }

    /// A task list is an actions section: each item reaches the API and `audit`, with the same
    /// diagnostics at its line as a table row.
    func test_item3_taskListActionsGetTheTableRowDiagnosticsAtTheirLine() throws {
        let built = try run("""
            ---
            id: INC-8
            title: Failover outage
            date: 2026-03-14
            severity: SEV2
            status: final
            ---
            ## Timeline

            - 09:00 — Failover failed.

            ## Action Items

            - [ ] PA-3 Rehearse failover quarterly (@lena, due 2026-05-15, OPS-1304)
            - [x] PA-4 Fix the health check (@omar, due 2026-03-20)
            - [ ] PA-5 Write the runbook (due 2026-06-01)
            - [ ] PA-3 Page on failover errors (@lena, due 2026-05-15)
            """, config: "title: T\nrequired_sections: [Timeline, Preventive Actions]\n")
        XCTAssertEqual(built.actions.map { $0["key"] as? String ?? "" }, ["INC-8/PA-3", "INC-8/PA-4", "INC-8/PA-5", "INC-8/PA-3"])
        XCTAssertEqual(built.actions.map { $0["status"] as? String ?? "" }, ["open", "done", "open", "open"])
        XCTAssertEqual(codes(built), ["16 DB066", "17 DB064"])
        XCTAssertEqual(built.diagnostics.first?["message"] as? String,
                       "action PA-5 has no owner; if this post-mortem was imported from older records, 'imported: true' in its front matter keeps such an action as untracked")
        XCTAssertTrue(built.audit.contains("Rehearse failover quarterly"), built.audit)
    }
}
