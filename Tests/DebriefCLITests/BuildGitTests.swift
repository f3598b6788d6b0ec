@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// `debrief build --git` end to end, on real repositories made here with fixed dates: the
/// due-date slips on the action rows (pages and the actions page's data), the time to close on
/// the dashboard, and the errors and notes when the history cannot be read.
final class BuildGitTests: CLITestCase {
    private let file = "postmortems/2026-01-10-outage.md"

    /// PA-1's due date moved later twice (+14 and +28 days); PA-2 was closed 30 days after it was
    /// first recorded.
    private func repo() throws -> HistoryRepo {
        let kb = try HistoryRepo(testCase: self)
        func pm(_ due: String, _ status: String) -> String {
            HistoryRepo.postmortem(id: "INC-2026-007", rows: [("PA-1", "Add alert", due, "open"), ("PA-2", "Fix retry", "2026-02-10", status)])
        }
        try kb.commit(["debrief.yml": "required_sections: [Summary]\n", file: pm("2026-02-01", "open")], message: "Record the outage", date: "2026-01-12")
        try kb.commit([file: pm("2026-02-15", "open")], message: "Move PA-1", date: "2026-01-30")
        try kb.commit([file: pm("2026-03-15", "open")], message: "Move PA-1 again", date: "2026-02-09")
        try kb.commit([file: pm("2026-03-15", "done")], message: "Close PA-2", date: "2026-02-11")
        return kb
    }

    private func build(_ kb: HistoryRepo, _ extra: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (RunResult, [String: String]) {
        let site = kb.root.appendingPathComponent("_site")
        let result = try debrief(["build", "--root", kb.root.path, "--as-of", "2026-02-20"] + extra, file: file, line: line)
        XCTAssertEqual(result.exitCode, 0, result.stderr, file: file, line: line)
        let files = try SiteTree.files(in: site).mapValues { String(decoding: $0, as: UTF8.self) }
        return (result, files)
    }

    func test_item2_slipsOnTheRowsAndTheTimeToCloseOnTheDashboard() throws {
        let kb = try repo()
        let (_, files) = try build(kb, ["--git"])
        let page = try XCTUnwrap(files["postmortems/2026-01-10-outage.html"])
        XCTAssertEqual(page.components(separatedBy: "<small class=\"slip-note\">due moved 2x, +42 days</small>").count - 1, 1, page)
        XCTAssertEqual(page.components(separatedBy: "slip-note").count - 1, 1, "only PA-1 slipped")
        let shards = files.filter { $0.key.hasPrefix("actions-data/") && $0.key != "actions-data/meta.js" }.values.joined()
        XCTAssertTrue(shards.contains(#""due moved 2x, +42 days""#), shards)
        let dashboard = try XCTUnwrap(files["index.html"])
        XCTAssertTrue(dashboard.contains("<title id=\"chart-ttc-title\">Time to close an action by severity: median and 90th percentile</title>"), dashboard)
        let month = Format.duration(30 * 86_400)
        XCTAssertTrue(dashboard.contains("SEV2: median \(month), 90th percentile \(month), 1 action."), dashboard)
    }

    func test_item2_withoutGitNoSlipsAndNoClosingDays() throws {
        let kb = try repo()
        let (_, files) = try build(kb, [])
        XCTAssertFalse(files.contains { !$0.key.hasPrefix("assets/") && ($0.value.contains("slip-note\">") || $0.value.contains("due moved")) })
        XCTAssertTrue(try XCTUnwrap(files["index.html"]).contains("No closed action has a known closing day yet: build with --git, or give the actions table a Closed column."))
    }

    func test_item2_aFolderOutsideGitOrGitWithPublicIsAnError() throws {
        let plain = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(HistoryRepo.postmortem(id: "INC-2026-001", rows: []).utf8), to: "postmortems/2026-01-10-a.md", under: plain)
        let outside = try debrief(["build", "--root", plain.path, "--git"])
        XCTAssertEqual(outside.exitCode, 2, outside.stderr)
        XCTAssertTrue(outside.stderr.contains("is not inside a git repository"), outside.stderr)
        let kb = try repo()
        let withPublic = try debrief(["build", "--root", kb.root.path, "--git", "--public"])
        XCTAssertEqual(withPublic.exitCode, 2, withPublic.stderr)
        XCTAssertTrue(withPublic.stderr.contains("--git cannot be used with --public"), withPublic.stderr)
    }

    func test_item2_aShallowCloneSaysSoAndShowsNoSlips() throws {
        let kb = try repo()
        let clone = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("clone")
        try kb.run(["clone", "-q", "--depth", "1", "file://" + kb.root.path, clone.path])
        let shallow = HistoryRepo(at: clone)
        let (result, files) = try build(shallow, ["--git"])
        XCTAssertTrue(result.stderr.contains("debrief: note: the git history is a shallow clone, so no due-date slips or closing days were read"), result.stderr)
        XCTAssertFalse(files.contains { !$0.key.hasPrefix("assets/") && $0.value.contains("due moved") })
    }

    func test_item2_aNewCommitRebuildsWhatTheHistoryChanged() throws {
        let kb = try repo()
        _ = try build(kb, ["--git"])
        // The same file content, committed again after a round trip: the history now has a third slip.
        let text = try String(contentsOf: kb.root.appendingPathComponent(file), encoding: .utf8)
        try kb.commit([file: text.replacingOccurrences(of: "2026-03-15 | open", with: "2026-04-01 | open")], message: "Move PA-1 a third time",
                      date: "2026-02-12")
        try kb.commit([file: text], message: "Move PA-1 back", date: "2026-02-13")
        let (_, files) = try build(kb, ["--git"])
        XCTAssertTrue(try XCTUnwrap(files["postmortems/2026-01-10-outage.html"]).contains("due moved 3x, +59 days"))
    }
}
