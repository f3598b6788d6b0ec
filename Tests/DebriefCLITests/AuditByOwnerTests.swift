import DebriefTestSupport
import Foundation
import XCTest

/// `debrief audit --by-owner`: one section per owner (sorted, no owner last), overdue actions
/// first with their days overdue, untracked ones apart, links to the site under `base_url`.
/// The fixture, as of 2026-06-01: ana has one overdue, one open and one untracked action;
/// `@Ben` and `ben` are one owner; carl and zoe have one overdue each; a `TBD` owner is none.
final class AuditByOwnerTests: CLITestCase {
    private let asOf = ["--as-of", "2026-06-01"]

    func test_item2_ownerDigestGoldenInEveryFormat() throws {
        let root = try fixture("owner-digest-repo")
        for format in ["markdown", "text", "json"] {
            let run = try assertTranscript(["audit", "--by-owner", "--format", format] + asOf, in: root, golden: "audit-by-owner-\(format)")
            XCTAssertEqual(run.exitCode, 0, format)
        }
        // The default format is the text one.
        let plain = try debrief(["audit", "--by-owner"] + asOf, in: root)
        let text = try debrief(["audit", "--by-owner", "--format", "text"] + asOf, in: root)
        XCTAssertEqual(plain.stdout, text.stdout)
    }

    func test_item2_ownersSortedOverdueFirstUntrackedApart() throws {
        let root = try fixture("owner-digest-repo")
        let run = try debrief(["audit", "--by-owner", "--format", "json"] + asOf, in: root)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let owners = try XCTUnwrap(object["owners"] as? [[String: Any]])
        XCTAssertEqual(owners.map { $0["owner"] as? String ?? "-" }, ["ana", "ben", "carl", "zoe", "-"])
        let keys = { (owner: [String: Any], group: String) in
            (owner[group] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        }
        XCTAssertEqual(keys(owners[0], "overdue"), ["INC-2026-010/PA-1"])
        XCTAssertEqual(keys(owners[0], "open"), ["INC-2026-010/PA-5"])
        XCTAssertEqual(keys(owners[0], "untracked"), ["INC-2025-001/PA-1"])
        XCTAssertEqual(keys(owners[1], "overdue"), ["INC-2026-010/PA-4"])
        XCTAssertEqual(keys(owners[1], "open"), ["INC-2026-010/PA-2"])
        XCTAssertEqual(keys(owners[4], "untracked"), ["INC-2025-001/PA-2"])
        let overdue = try XCTUnwrap((owners[0]["overdue"] as? [[String: Any]])?.first)
        XCTAssertEqual(overdue["days_overdue"] as? Int, 22)
        XCTAssertEqual(overdue["url"] as? String, "https://kb.example.com/incidents/postmortems/2026-05-01-cache.html")
        XCTAssertEqual((owners[2]["overdue"] as? [[String: Any]])?.first?["days_overdue"] as? Int, 457)
    }

    func test_item2_overdueActionsOfOneOwnerMostOverdueFirst() throws {
        let root = try fixture("owner-digest-repo")
        let url = root.appendingPathComponent("postmortems/2026-05-01-cache.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        // Make @ana's open action overdue by more days than her other overdue one.
        try Data(text.replacingOccurrences(of: "| 2026-06-15 |", with: "| 2026-04-02 |").utf8).write(to: url)
        let run = try debrief(["audit", "--by-owner"] + asOf, in: root)
        XCTAssertTrue(run.stdout.hasPrefix("""
            ana: 2 overdue, 1 untracked
              overdue    INC-2026-010/PA-5  due 2026-04-02, 60 days overdue  Jitter the expiry  https://kb.example.com/incidents/postmortems/2026-05-01-cache.html
              overdue    INC-2026-010/PA-1  due 2026-05-10, 22 days overdue  Alert on cache hit rate  https://kb.example.com/incidents/postmortems/2026-05-01-cache.html

            """), run.stdout)
    }

    func test_item2_withoutBaseURLThereAreNoLinks() throws {
        let root = try fixture("owner-digest-repo")
        try Data("title: Owner digest\nrequired_sections: [Summary]\n".utf8).write(to: root.appendingPathComponent("debrief.yml"))
        let markdown = try debrief(["audit", "--by-owner", "--format", "markdown"] + asOf, in: root)
        XCTAssertEqual(markdown.exitCode, 0)
        XCTAssertFalse(markdown.stdout.contains("]("), markdown.stdout)
        XCTAssertTrue(markdown.stdout.contains("- **22 days overdue**, due 2026-05-10: INC-2026-010/PA-1 Alert on cache hit rate\n"), markdown.stdout)
        let json = try debrief(["audit", "--by-owner", "--format", "json"] + asOf, in: root)
        XCTAssertTrue(json.stdout.contains("\"url\" : null"), json.stdout)
    }

    func test_item2_filtersAndTheGateApply() throws {
        let root = try fixture("owner-digest-repo")
        let ana = try debrief(["audit", "--by-owner", "--owner", "ana"] + asOf, in: root)
        XCTAssertTrue(ana.stdout.hasPrefix("ana: 1 overdue, 1 open, 1 untracked\n"), ana.stdout)
        XCTAssertTrue(ana.stdout.hasSuffix("\n\n1 owner, 1 overdue, 1 open, 1 untracked, as of 2026-06-01\n"), ana.stdout)
        let gate = try debrief(["audit", "--by-owner", "--fail-on-overdue"] + asOf, in: root)
        XCTAssertEqual(gate.exitCode, 1)
        // Carl's action is due before the baseline: still listed as overdue, marked, and not failing the gate.
        let baseline = try debrief(["audit", "--by-owner", "--owner", "carl", "--fail-on-overdue", "--gate-since", "2026-01-01"] + asOf, in: root)
        XCTAssertEqual(baseline.exitCode, 0)
        XCTAssertTrue(baseline.stdout.contains("  overdue    INC-2025-001/PA-3  due 2025-03-01, 457 days overdue (before the baseline)  Retire the old host"), baseline.stdout)
        let markdown = try debrief(["audit", "--by-owner", "--owner", "carl", "--format", "markdown", "--gate-since", "2026-01-01"] + asOf, in: root)
        XCTAssertTrue(markdown.stdout.contains("\n- due 2025-03-01, 457 days overdue (before the baseline): [INC-2025-001/PA-3]("), markdown.stdout)
        let nothing = try debrief(["audit", "--by-owner", "--overdue", "--owner", "ana", "--as-of", "2026-05-01"], in: root)
        XCTAssertEqual(nothing.exitCode, 0)
        XCTAssertEqual(nothing.stdout, "0 owners, 0 overdue, 0 open, as of 2026-05-01\n")
    }

    func test_item2_formatsTheDigestHasNoneOfAreUsageErrors() throws {
        let root = try fixture("owner-digest-repo")
        for arguments in [["--format", "csv"], ["--format", "github"], ["--all"]] {
            let run = try debrief(["audit", "--by-owner"] + arguments + asOf, in: root)
            XCTAssertEqual(run.exitCode, 2, arguments.joined(separator: " "))
            XCTAssertEqual(run.stdout, "")
            XCTAssertTrue(run.stderr.contains("--by-owner"), run.stderr)
        }
    }

    func test_item2_repositoryTextReachesNoTerminal() throws {
        let root = try fixture("owner-digest-repo")
        let url = root.appendingPathComponent("postmortems/2026-05-01-cache.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "| Jitter the expiry | @ana |", with: "| Jitter \u{202E}the expiry | @an\u{1B}[2Ja |").utf8).write(to: url)
        for format in ["text", "markdown"] {
            let run = try debrief(["audit", "--by-owner", "--format", format] + asOf, in: root)
            XCTAssertFalse(run.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" }, format)
            // Written out; in Markdown the backslash is escaped too, so that it shows.
            let slash = format == "markdown" ? "\\\\" : "\\"
            XCTAssertTrue(run.stdout.contains("an\(slash)u{1B}"), run.stdout)
            XCTAssertTrue(run.stdout.contains("Jitter \(slash)u{202E}the expiry"), run.stdout)
        }
    }
}
