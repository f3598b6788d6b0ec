import DebriefTestSupport
import Foundation
import XCTest

/// `debrief similar`, the recurrences of `audit` and `check`, and both on the built site. The
/// fixture `recurrence-repo`: INC-2025-031 (checkout, connection pool exhausted after a failover)
/// has PA-1 closed on 2025-09-20, PA-2 open and due 2025-10-01, PA-3 done with no closing day;
/// INC-2026-007, a draft that started 2026-03-10, tells the same cause in other words, so it
/// recurs INC-2025-031 through PA-2, 160 days overdue, and through nothing else. Two DNS
/// incidents are alike but the earlier one's action closed before the later one started; the
/// mobile incident names INC-2025-044 in `related`.
final class SimilarCommandTests: CLITestCase {
    func test_item1_similarByIdInBothFormats() throws {
        let root = try fixture("recurrence-repo")
        try assertTranscript(["similar", "INC-2026-007"], in: root, golden: "similar-id-table")
        let run = try assertTranscript(["similar", "INC-2026-007", "--format", "json"], in: root, golden: "similar-id-json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let similar = try XCTUnwrap(object["similar"] as? [[String: Any]])
        XCTAssertEqual(similar.first?["id"] as? String, "INC-2025-031")
        let reasons = try XCTUnwrap(similar.first?["reasons"] as? [String])
        XCTAssertEqual(reasons.first, "same service: checkout")
        XCTAssertTrue(reasons.contains { $0.hasPrefix("shared terms: ") && $0.contains("connection pool") }, "\(reasons)")
        XCTAssertGreaterThan(similar.first?["score"] as? Double ?? 0, 0.3)
    }

    func test_item1_similarByTextInBothFormats() throws {
        let root = try fixture("recurrence-repo")
        let table = try assertTranscript(["similar", "--text", "checkout 502 after failover"], in: root, golden: "similar-text-table")
        XCTAssertEqual(table.exitCode, 0)
        XCTAssertTrue(table.stdout.contains("INC-2025-031"))
        let run = try assertTranscript(["similar", "--text", "checkout 502 after failover", "--format", "json"], in: root, golden: "similar-text-json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        XCTAssertEqual(object["text"] as? String, "checkout 502 after failover")
        let ids = (object["similar"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(Array(ids.prefix(2)).sorted(), ["INC-2025-031", "INC-2026-007"])
    }

    func test_item1_relatedIsLeftOutOfTheComputedList() throws {
        let root = try fixture("recurrence-repo")
        let run = try debrief(["similar", "INC-2025-044", "--format", "json"], in: root)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let ids = (object["similar"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertEqual(ids.first, "INC-2025-020")
        XCTAssertFalse(ids.contains("INC-2026-003"))
        XCTAssertEqual(object["related"] as? [String], ["INC-2026-003"])
    }

    func test_item1_similarUsageErrors() throws {
        let root = try fixture("recurrence-repo")
        let unknown = try debrief(["similar", "INC-2026-070"], in: root)
        XCTAssertEqual(unknown.exitCode, 2)
        XCTAssertEqual(unknown.stderr, "debrief: error: no post-mortem has the id 'INC-2026-070' (did you mean 'INC-2026-007'?)\n")
        let neither = try debrief(["similar"], in: root)
        XCTAssertEqual(neither.exitCode, 2)
        XCTAssertTrue(neither.stderr.contains("name a post-mortem's id, or give --text"), neither.stderr)
        let both = try debrief(["similar", "INC-2026-007", "--text", "pool"], in: root)
        XCTAssertEqual(both.exitCode, 2)
    }

    func test_item2_checkWarnsWhileTheLaterOneIsADraft() throws {
        let root = try fixture("recurrence-repo")
        let run = try debrief(["check"], in: root)
        XCTAssertEqual(run.exitCode, 0, run.stdout)
        let warnings = run.stdout.split(separator: "\n").filter { $0.contains("[DB032]") }
        XCTAssertEqual(warnings, [
            "postmortems/2026-03-10-checkout-again.md:9:10: warning: [DB032] recurrence of INC-2025-031 (similarity "
                + Self.score(run.stdout) + "): this incident recurred while INC-2025-031/PA-2 was open, 160 days overdue; "
                + "say in the post-mortem why the action did not prevent it, and add INC-2025-031 to 'related'",
        ])
        // Final, it is no longer the author's warning: the site and audit show it.
        let file = root.appendingPathComponent("postmortems/2026-03-10-checkout-again.md")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "status: draft", with: "status: final")
        try text.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertFalse(try debrief(["check"], in: root).stdout.contains("DB032"))
    }

    /// The score the warning printed (two decimals), so the test pins the rest of the line.
    static func score(_ output: String) -> String {
        guard let range = output.range(of: "(similarity ") else { return "?" }
        return String(output[range.upperBound...].prefix(4))
    }

    func test_item2_auditListsRecurrencesInEveryFormat() throws {
        let root = try fixture("recurrence-repo")
        let asOf = ["--as-of", "2026-03-20"]
        let table = try debrief(["audit"] + asOf, in: root)
        XCTAssertTrue(table.stdout.contains("Recurrences (a similar incident started while an earlier one's action was open):\n"
            + "  INC-2026-007 (started 2026-03-10) recurs INC-2025-031, similarity "), table.stdout)
        XCTAssertTrue(table.stdout.contains(": recurred while INC-2025-031/PA-2 was open, 160 days overdue\n"), table.stdout)
        XCTAssertEqual(table.stdout.components(separatedBy: " recurs ").count, 2, "one recurrence only")

        let json = try debrief(["audit", "--format", "json"] + asOf, in: root)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        let recurrences = try XCTUnwrap(object["recurrences"] as? [[String: Any]])
        XCTAssertEqual(recurrences.count, 1)
        XCTAssertEqual(recurrences[0]["postmortem"] as? String, "INC-2026-007")
        XCTAssertEqual(recurrences[0]["recurs"] as? String, "INC-2025-031")
        XCTAssertEqual(recurrences[0]["action"] as? String, "INC-2025-031/PA-2")
        XCTAssertEqual(recurrences[0]["state"] as? String, "open")
        XCTAssertEqual(recurrences[0]["days_overdue"] as? Int, 160)
        XCTAssertEqual(recurrences[0]["started"] as? String, "2026-03-10")
        XCTAssertTrue(recurrences[0]["closed"] is NSNull)

        let markdown = try debrief(["audit", "--format", "markdown"] + asOf, in: root)
        XCTAssertTrue(markdown.stdout.contains("\n### Recurrences\n\n- INC-2026-007 (started 2026-03-10) recurs INC-2025-031"), markdown.stdout)

        let csv = try debrief(["audit", "--format", "csv", "--all"] + asOf, in: root)
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasSuffix(",before_baseline,recurrences") == true)
        XCTAssertTrue(lines.contains { $0.hasPrefix("INC-2025-031/PA-2,") && $0.hasSuffix(",INC-2026-007") }, csv.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("INC-2025-031/PA-1,") && $0.hasSuffix(",false,") }, csv.stdout)

        let github = try debrief(["audit", "--format", "github"] + asOf, in: root)
        XCTAssertTrue(github.stdout.contains("::warning file=postmortems/2026-03-10-checkout-again.md::INC-2026-007 (started 2026-03-10) recurs INC-2025-031"),
                      github.stdout)

        // A filter that leaves out the action leaves out the recurrence.
        let other = try debrief(["audit", "--format", "json", "--owner", "dana"] + asOf, in: root)
        let filtered = try XCTUnwrap(JSONSerialization.jsonObject(with: other.stdoutData) as? [String: Any])
        XCTAssertEqual((filtered["recurrences"] as? [Any])?.count, 0)
    }

    func test_item2_siteShowsSimilarIncidentsAndRecurrences() throws {
        let root = try fixture("recurrence-repo")
        let output = root.appendingPathComponent("_site")
        let build = try debrief(["build", "--as-of", "2026-03-20"], in: root)
        XCTAssertEqual(build.exitCode, 0, build.stdout + build.stderr)
        let data = try Data(contentsOf: output.appendingPathComponent("api/postmortems.json"))
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let later = try XCTUnwrap(list.first { $0["id"] as? String == "INC-2026-007" })
        let similar = try XCTUnwrap(later["similar"] as? [[String: Any]])
        XCTAssertEqual(similar.first?["id"] as? String, "INC-2025-031")
        XCTAssertEqual(Set(similar.first?.keys.map { $0 } ?? []), ["id", "score", "reasons"])
        let recurrences = try XCTUnwrap(later["recurrences"] as? [[String: Any]])
        XCTAssertEqual(recurrences.first?["message"] as? String, "recurred while INC-2025-031/PA-2 was open, 160 days overdue")
        let mobile = try XCTUnwrap(list.first { $0["id"] as? String == "INC-2026-003" })
        XCTAssertFalse((mobile["similar"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == "INC-2025-044" },
                       "a related post-mortem is not repeated among the computed ones")

        let page = try String(contentsOf: output.appendingPathComponent("postmortems/2026-03-10-checkout-again.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<h2 id=\"debrief-similar\">Similar incidents (computed)</h2>"))
        XCTAssertTrue(page.contains("recurred while INC-2025-031/PA-2 was open, 160 days overdue."), page)
        XCTAssertTrue(page.contains("same service: checkout; shared terms: "), page)
        let dashboard = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(dashboard.contains("<h2 id=\"dash-recurrences\">Recent recurrences</h2>"))
        XCTAssertTrue(dashboard.contains("recurred while INC-2025-031/PA-2 was open, 160 days overdue"))
        let earlier = try String(contentsOf: output.appendingPathComponent("postmortems/2025-09-01-checkout-pool.html"), encoding: .utf8)
        XCTAssertFalse(earlier.contains("debrief-recurrence"), "the earlier incident recurs nothing")
    }
}
