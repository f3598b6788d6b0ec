@testable import DebriefKit
import DebriefTestSupport
import XCTest

final class ScaffoldTests: XCTestCase {
    let day = CalendarDate(year: 2026, month: 3, day: 14)!
    let examplePostmortem = "postmortems/2026-03-14-example-checkout-errors-after-a-configuration-push.md"
    let exampleSOP = "sops/roll-back-a-configuration-change.md"

    func testEmptyFolderGetsEveryFile() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("new/kb")
        let report = try Scaffold(today: day).apply(root: root)
        XCTAssertEqual(report.created, ["debrief.yml", examplePostmortem, exampleSOP, ".github/workflows/debrief.yml", ".gitignore"])
        XCTAssertTrue(report.updated.isEmpty)
        XCTAssertTrue(report.skipped.isEmpty)
        XCTAssertEqual(try text(".gitignore", under: root), "# The site debrief build writes.\n/_site/\n")
    }

    func testResultHasNoDiagnosticsAtAll() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        _ = try Scaffold(today: day).apply(root: root)
        let base = try RepositoryLoader().load(root: root)
        XCTAssertEqual(Validator.standard.validate(base), [])
        XCTAssertEqual(base.postmortems.map(\.id), ["INC-2026-001"])
        XCTAssertEqual(base.postmortems.first?.actions.compactMap { $0.sops.first?.sopID }, ["roll-back-a-configuration-change"])
        XCTAssertEqual(base.postmortems.first?.actions.map(\.status), [.done, .done], "no open action can ever be overdue")
        XCTAssertEqual(try SyncPlan(base: base).outOfDate.map(\.file), [], "the example SOP already lists its action")
        XCTAssertTrue(try text(exampleSOP, under: root).contains("| done | INC-2026-001/PA-1 |"))
    }

    func testConfigShowsEveryKnownKeyAndParsesToTheDefaults() throws {
        let text = ScaffoldFiles.config(Config())
        let (config, diagnostics) = Config.parse(text)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(config, Config())
        for key in Config.knownKeys {
            XCTAssertTrue(text.contains("\n\(key): ") || text.contains("\n\(key):\n") || text.contains("\n# \(key): ") || text.contains("\n# \(key):\n"), "\(key) is not shown")
        }
    }

    func testExistingFilesAreSkippedAndNeverChanged() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "title: Ours\n", to: "debrief.yml", under: root)
        try writeFile(utf8: "name: ours\n", to: ".github/workflows/debrief.yml", under: root)
        try writeFile(utf8: "node_modules", to: ".gitignore", under: root)
        let report = try Scaffold(today: day).apply(root: root)
        XCTAssertEqual(report.created, [examplePostmortem, exampleSOP])
        XCTAssertEqual(report.skipped.map(\.file), ["debrief.yml", ".github/workflows/debrief.yml"])
        XCTAssertEqual(report.skipped.map(\.reason), ["exists", "exists"])
        XCTAssertEqual(report.updated.map(\.file), [".gitignore"])
        XCTAssertEqual(try text("debrief.yml", under: root), "title: Ours\n")
        XCTAssertEqual(try text(".github/workflows/debrief.yml", under: root), "name: ours\n")
        XCTAssertEqual(try text(".gitignore", under: root), "node_modules\n/_site/\n")
    }

    func testGitignoreThatIgnoresTheSiteAlreadyIsLeftAlone() throws {
        for line in ["_site", "_site/", "/_site", "/_site/"] {
            let root = try FixtureRepo.temporaryDirectory(testCase: self)
            try writeFile(utf8: "*.log\n\(line)\n", to: ".gitignore", under: root)
            let report = try Scaffold(today: day).apply(root: root)
            XCTAssertEqual(report.skipped.map(\.file), [".gitignore"], line)
            XCTAssertEqual(try text(".gitignore", under: root), "*.log\n\(line)\n")
        }
    }

    func testSecondRunSkipsEverything() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        _ = try Scaffold(today: day).apply(root: root)
        let again = try Scaffold(today: CalendarDate(year: 2026, month: 3, day: 15)!).apply(root: root)
        XCTAssertEqual(again.created, [])
        XCTAssertEqual(again.updated.count, 0)
        XCTAssertEqual(again.skipped.map(\.file), ["debrief.yml", "postmortems/2026-03-15-example-checkout-errors-after-a-configuration-push.md",
                                                   exampleSOP, ".github/workflows/debrief.yml", ".gitignore"])
    }

    func testRepoWithDocumentsGetsNoExamples() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "# Restore\n", to: "sops/restore.md", under: root)
        let report = try Scaffold(today: day).apply(root: root)
        XCTAssertFalse(report.created.contains(examplePostmortem))
        XCTAssertEqual(report.skipped.first { $0.file == examplePostmortem }?.reason, "the repo already has post-mortems or SOPs")
    }

    func testExamplesFitAnExistingConfiguration() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: """
        postmortems: docs/incidents
        sops: runbooks
        output: public
        severities: [P1, P2, P3]
        required_sections: [Summary, Impact, Timeline, Root Cause, Resolution, Preventive Actions, Lessons Learned, Follow-up Review]
        id_format: "{year}-{seq:2}"
        """, to: "debrief.yml", under: root)
        let report = try Scaffold(today: day).apply(root: root)
        XCTAssertEqual(report.created, ["docs/incidents/2026-03-14-example-checkout-errors-after-a-configuration-push.md",
                                        "runbooks/roll-back-a-configuration-change.md", ".github/workflows/debrief.yml", ".gitignore"])
        XCTAssertEqual(try text(".gitignore", under: root), "# The site debrief build writes.\n/public/\n")
        XCTAssertTrue(try text(".github/workflows/debrief.yml", under: root).contains("path: public\n"))
        let base = try RepositoryLoader().load(root: root)
        XCTAssertEqual(Validator.standard.validate(base), [])
        XCTAssertEqual(base.postmortems.first?.id, "2026-01")
        XCTAssertEqual(base.postmortems.first?.severity, "P2")
    }

    func testWorkflowRunsTheChecksAndPublishesOnlyFromTheDefaultBranch() {
        let workflow = ScaffoldFiles.workflow(output: "_site")
        for step in ["debrief check --format github", "debrief sync --check", "debrief audit --fail-on-overdue --format github",
                     "command: build", "actions/upload-pages-artifact@", "actions/deploy-pages@", "github/codeql-action/upload-sarif@",
                     "command: diff", "uses: your-org/debrief/.github/actions/debrief@v\(DebriefVersion.string)"] {
            XCTAssertTrue(workflow.contains(step), step)
        }
        let order = ["args: --format sarif", "upload-sarif", "check --format github", "sync --check", "command: diff", "audit --fail-on-overdue",
                     "command: build", "upload-pages-artifact", "deploy-pages"]
            .compactMap { workflow.range(of: $0)?.lowerBound }
        XCTAssertEqual(order.count, 9)
        XCTAssertEqual(order, order.sorted())
        XCTAssertEqual(workflow.components(separatedBy: "github.ref_name == github.event.repository.default_branch").count - 1, 1)
        XCTAssertEqual(workflow.components(separatedBy: "if: github.event_name == 'pull_request'").count - 1, 2)
        XCTAssertFalse(workflow.contains("\t"), "YAML forbids tabs for indentation")
    }
}
