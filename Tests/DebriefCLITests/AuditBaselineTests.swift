import DebriefTestSupport
import Foundation
import XCTest

/// Item 2: a baseline for the CI gate. A team that imports years of history turns on
/// `audit --fail-on-overdue` on day one; actions that were already overdue before the baseline
/// are listed as such and do not fail it, while a new overdue action does.
final class AuditBaselineTests: CLITestCase {
    private func repo(config: String) throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(config.utf8), to: "debrief.yml", under: root)
        try writeFile(Data(Self.postmortem(id: "INC-2024-001", date: "2024-02-10", due: "2024-03-01").utf8),
                      to: "postmortems/2024/2024-02-10-old.md", under: root)
        return root
    }

    static func postmortem(id: String, date: String, due: String) -> String {
        """
        ---
        id: \(id)
        title: Something broke
        date: \(date)
        severity: SEV2
        status: final
        ---
        ## Summary

        It broke.

        ## Preventive Actions

        | ID | Action | Owner | Due | Status |
        |----|--------|-------|-----|--------|
        | PA-1 | Add a canary | @dana | \(due) | open |

        """
    }

    func test_item2_oldOverdueActionBeforeTheConfiguredBaselinePassesTheGateAndIsListed() throws {
        let root = try repo(config: "required_sections: [Summary]\ngate_since: 2026-06-01\n")
        let run = try debrief(["audit", "--root", root.path, "--as-of", "2026-11-30", "--fail-on-overdue"])
        XCTAssertEqual(run.exitCode, 0, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("INC-2024-001/PA-1"), run.stdout)
        XCTAssertTrue(run.stdout.contains("before baseline"), run.stdout)
        XCTAssertTrue(run.stdout.contains("1 overdue (1 before the baseline 2026-06-01)"), run.stdout)
        let json = try debrief(["audit", "--root", root.path, "--as-of", "2026-11-30", "--format", "json"])
        XCTAssertTrue(json.stdout.contains("\"before_baseline\" : true"), json.stdout)
        XCTAssertTrue(json.stdout.contains("\"gate_since\" : \"2026-06-01\""), json.stdout)
    }

    func test_item2_newOverdueActionStillFailsTheGate() throws {
        let root = try repo(config: "required_sections: [Summary]\ngate_since: 2026-06-01\n")
        try writeFile(Data(Self.postmortem(id: "INC-2026-007", date: "2026-08-02", due: "2026-09-01").utf8),
                      to: "postmortems/2026/2026-08-02-new.md", under: root)
        let run = try debrief(["audit", "--root", root.path, "--as-of", "2026-11-30", "--fail-on-overdue", "--format", "github"])
        XCTAssertEqual(run.exitCode, 1, run.stdout + run.stderr)
        XCTAssertTrue(run.stdout.contains("::warning file=postmortems/2026/2026-08-02-new.md,line=16::INC-2026-007/PA-1 is 90 days overdue"), run.stdout)
        XCTAssertTrue(run.stdout.contains("::notice file=postmortems/2024/2024-02-10-old.md,line=16::INC-2024-001/PA-1"), run.stdout)
    }

    func test_item2_gateSinceOnTheCommandLineOverridesTheConfiguration() throws {
        let root = try repo(config: "required_sections: [Summary]\n")
        let without = try debrief(["audit", "--root", root.path, "--as-of", "2026-11-30", "--fail-on-overdue"])
        XCTAssertEqual(without.exitCode, 1, without.stdout)
        let with = try debrief(["audit", "--root", root.path, "--as-of", "2026-11-30", "--fail-on-overdue", "--gate-since", "2026-06-01"])
        XCTAssertEqual(with.exitCode, 0, with.stdout + with.stderr)
        // An earlier baseline on the command line brings the old action back under the gate.
        let configured = try repo(config: "required_sections: [Summary]\ngate_since: 2026-06-01\n")
        let earlier = try debrief(["audit", "--root", configured.path, "--as-of", "2026-11-30", "--fail-on-overdue", "--gate-since", "2024-01-01"])
        XCTAssertEqual(earlier.exitCode, 1, earlier.stdout)
        let bad = try debrief(["audit", "--root", root.path, "--gate-since", "June"])
        XCTAssertEqual(bad.exitCode, 2)
        XCTAssertEqual(bad.stderr, "debrief: error: --gate-since must be a date written YYYY-MM-DD, not 'June'\n")
    }

    func test_item2_aBadGateSinceInTheConfigurationIsAnErrorAtItsLine() throws {
        let root = try repo(config: "required_sections: [Summary]\ngate_since: last June\n")
        let run = try debrief(["check", "--root", root.path])
        XCTAssertEqual(run.exitCode, 1)
        XCTAssertTrue(run.stdout.contains("debrief.yml:2:13: error: [DB003] 'gate_since' must be a date written YYYY-MM-DD, not 'last June'"), run.stdout)
    }
}
