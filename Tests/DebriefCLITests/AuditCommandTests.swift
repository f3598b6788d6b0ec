import Foundation
import XCTest

/// `debrief audit` end to end on the example repo (as of 2026-11-27: six overdue actions, one
/// stale SOP), every format, the filters and the exit codes.
final class AuditCommandTests: XCTestCase {
    let example = DebriefBinary.packageRoot.appendingPathComponent("docs/example").path
    var placeholders: [String: String] { [example: "docs/example"] }

    func testEveryFormat() throws {
        for format in ["table", "json", "csv", "markdown", "github"] {
            let run = try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--format", format],
                                           matches: "audit-example-\(format)", placeholders: placeholders)
            XCTAssertEqual(run.exitCode, 0, format)
        }
    }

    func testAllStatuses() throws {
        try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--all"], matches: "audit-example-all", placeholders: placeholders)
    }

    func testOverdueForOneOwner() throws {
        try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--overdue", "--owner", "@Marco"],
                             matches: "audit-example-overdue-marco", placeholders: placeholders)
    }

    func testSOPFilterInMarkdown() throws {
        try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--all", "--sop", "db/database-restore", "--format", "markdown"],
                             matches: "audit-example-sop-markdown", placeholders: placeholders)
    }

    func testServiceAndSeverityCombine() throws {
        try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--all", "--service", "Checkout", "--severity", "sev2", "--format", "csv"],
                             matches: "audit-example-checkout-sev2-csv", placeholders: placeholders)
    }

    func testFailOnOverdue() throws {
        let failing = try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--fail-on-overdue", "--format", "github"],
                                           matches: "audit-example-fail-on-overdue", placeholders: placeholders)
        XCTAssertEqual(failing.exitCode, 1)
        // Dana's open actions are due after the day: nothing overdue is listed, exit 0.
        let passing = try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--fail-on-overdue", "--owner", "dana"],
                                           matches: "audit-example-fail-on-overdue-dana", placeholders: placeholders)
        XCTAssertEqual(passing.exitCode, 0)
    }

    func testDueOnTheDayIsNotOverdue() throws {
        let run = try DebriefBinary.run(["audit", "--root", example, "--as-of", "2026-11-27", "--owner", "jonas", "--format", "json"])
        XCTAssertTrue(run.stdout.contains("\"key\" : \"INC-2026-005/PA-2\""), run.stdout)
        XCTAssertTrue(run.stdout.contains("\"overdue\" : false"), run.stdout)
        let dayAfter = try DebriefBinary.run(["audit", "--root", example, "--as-of", "2026-11-28", "--owner", "jonas", "--fail-on-overdue"])
        XCTAssertEqual(dayAfter.exitCode, 1)
    }

    func testBadAsOfIsAOneLineUsageError() throws {
        try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-13-01"], matches: "audit-bad-as-of", placeholders: placeholders)
        try Golden.assertRun(["audit", "--root", example, "--as-of", "27.11.2026"], matches: "audit-bad-as-of-format", placeholders: placeholders)
    }

    /// A typo in a filter would list nothing and let `--fail-on-overdue` pass for ever.
    func testUnknownSOPOrSeverityIsAOneLineUsageError() throws {
        try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--sop", "db/databse-restore", "--fail-on-overdue"],
                             matches: "audit-unknown-sop", placeholders: placeholders)
        try Golden.assertRun(["audit", "--root", example, "--as-of", "2026-11-27", "--severity", "SEV5", "--fail-on-overdue"],
                             matches: "audit-unknown-severity", placeholders: placeholders)
    }

    /// With `debrief.yml` in error the audit could read the wrong folders and pass a CI gate
    /// while reading nothing, so it stops and says why.
    func testErrorsInTheConfigStopTheAudit() throws {
        let repo = try scratchCopy(of: URL(fileURLWithPath: example), in: self)
        let config = repo.appendingPathComponent("debrief.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try (text + "postmortem: incidents\n").write(to: config, atomically: true, encoding: .utf8)
        try Golden.assertRun(["audit", "--root", repo.path, "--as-of", "2026-11-27", "--fail-on-overdue"],
                             matches: "audit-config-errors", placeholders: [repo.path: "<repo>"])
    }

    func testUnknownFormatIsAUsageError() throws {
        let run = try DebriefBinary.run(["audit", "--root", example, "--format", "xml"])
        XCTAssertEqual(run.exitCode, 2)
        XCTAssertEqual(run.stdout, "")
    }

    func testMissingRootIsAnEnvironmentError() throws {
        try Golden.assertRun(["audit", "--root", "/nonexistent/debrief-repo", "--as-of", "2026-11-27"], matches: "audit-missing-root")
    }
}
