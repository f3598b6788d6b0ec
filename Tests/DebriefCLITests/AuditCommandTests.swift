import DebriefTestSupport
import Foundation
import XCTest

/// `debrief audit` end to end on the example repo (as of 2026-11-27: six overdue actions, one
/// stale SOP), every format, the filters and the exit codes.
final class AuditCommandTests: CLITestCase {
    /// Run from the package root, so the command reads as written in the docs.
    let example = "docs/example"
    let packageRoot = TestPaths.packageRoot

    func testEveryFormat() throws {
        for format in ["table", "json", "csv", "markdown", "github"] {
            let run = try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--format", format],
                                           in: packageRoot, golden: "audit-example-\(format)")
            XCTAssertEqual(run.exitCode, 0, format)
        }
    }

    func testAllStatuses() throws {
        try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--all"], in: packageRoot, golden: "audit-example-all")
    }

    func testOverdueForOneOwner() throws {
        try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--overdue", "--owner", "@Marco"],
                             in: packageRoot, golden: "audit-example-overdue-marco")
    }

    func testSOPFilterInMarkdown() throws {
        try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--all", "--sop", "db/database-restore", "--format", "markdown"],
                             in: packageRoot, golden: "audit-example-sop-markdown")
    }

    func testServiceAndSeverityCombine() throws {
        try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--all", "--service", "Checkout", "--severity", "sev2", "--format", "csv"],
                             in: packageRoot, golden: "audit-example-checkout-sev2-csv")
    }

    func testFailOnOverdue() throws {
        let failing = try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--fail-on-overdue", "--format", "github"],
                                           in: packageRoot, golden: "audit-example-fail-on-overdue")
        XCTAssertEqual(failing.exitCode, 1)
        // Dana's open actions are due after the day: nothing overdue is listed, exit 0.
        let passing = try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--fail-on-overdue", "--owner", "dana"],
                                           in: packageRoot, golden: "audit-example-fail-on-overdue-dana")
        XCTAssertEqual(passing.exitCode, 0)
    }

    func testDueOnTheDayIsNotOverdue() throws {
        let run = try debrief(["audit", "--root", example, "--as-of", "2026-11-27", "--owner", "jonas", "--format", "json"], in: packageRoot)
        XCTAssertTrue(run.stdout.contains("\"key\" : \"INC-2026-005/PA-2\""), run.stdout)
        XCTAssertTrue(run.stdout.contains("\"overdue\" : false"), run.stdout)
        let dayAfter = try debrief(["audit", "--root", example, "--as-of", "2026-11-28", "--owner", "jonas", "--fail-on-overdue"], in: packageRoot)
        XCTAssertEqual(dayAfter.exitCode, 1)
    }

    func testBadAsOfIsAOneLineUsageError() throws {
        try assertTranscript(["audit", "--root", example, "--as-of", "2026-13-01"], in: packageRoot, golden: "audit-bad-as-of")
        try assertTranscript(["audit", "--root", example, "--as-of", "27.11.2026"], in: packageRoot, golden: "audit-bad-as-of-format")
    }

    /// A typo in a filter would list nothing and let `--fail-on-overdue` pass for ever.
    func testUnknownSOPOrSeverityIsAOneLineUsageError() throws {
        try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--sop", "db/databse-restore", "--fail-on-overdue"],
                             in: packageRoot, golden: "audit-unknown-sop")
        try assertTranscript(["audit", "--root", example, "--as-of", "2026-11-27", "--severity", "SEV5", "--fail-on-overdue"],
                             in: packageRoot, golden: "audit-unknown-severity")
    }

    /// With `debrief.yml` in error the audit could read the wrong folders and pass a CI gate
    /// while reading nothing, so it stops and says why.
    func testErrorsInTheConfigStopTheAudit() throws {
        let repo = try FixtureRepo(copying: TestPaths.exampleRepo, testCase: self).root
        let config = repo.appendingPathComponent("debrief.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try (text + "postmortem: incidents\n").write(to: config, atomically: true, encoding: .utf8)
        try assertTranscript(["audit", "--root", repo.path, "--as-of", "2026-11-27", "--fail-on-overdue"],
                             golden: "audit-config-errors", placeholders: [repo.path: "<repo>"])
    }

    func testUnknownFormatIsAUsageError() throws {
        let run = try debrief(["audit", "--root", example, "--format", "xml"], in: packageRoot)
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertEqual(run.stdout, "")
    }

    func testMissingRootIsAnEnvironmentError() throws {
        try assertTranscript(["audit", "--root", "/nonexistent/debrief-repo", "--as-of", "2026-11-27"], in: packageRoot, golden: "audit-missing-root")
    }
}
