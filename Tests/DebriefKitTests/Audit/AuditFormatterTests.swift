@testable import DebriefKit
import XCTest

final class AuditFormatterTests: XCTestCase {
    func report(_ query: AuditQuery) throws -> AuditReport {
        AuditReport(base: try RepositoryLoader().load(root: SyncFixtures.directory.appendingPathComponent("Audit/audit-repo")), query: query)
    }

    let asOf = CalendarDate(year: 2026, month: 4, day: 10)!

    func testJSONWritesNullForAnAbsentTicketAndDue() throws {
        let json = AuditFormatter(format: .json).format(try report(AuditQuery(asOf: asOf, owner: "lena")))
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let actions = try XCTUnwrap(decoded["actions"] as? [[String: Any]])
        let b1 = try XCTUnwrap(actions.first { $0["key"] as? String == "INC-B/B1" })
        XCTAssertTrue(b1["ticket"] is NSNull)
        XCTAssertTrue(b1["due"] is NSNull)
        XCTAssertEqual(Set(b1.keys), ["key", "postmortem", "id", "action", "owner", "due", "status", "overdue", "days_overdue",
                                      "untracked", "before_baseline", "sops", "ticket", "severity", "file", "line"])
        XCTAssertEqual(b1["line"] as? Int, 20)
        XCTAssertEqual(decoded["as_of"] as? String, "2026-04-10")
        let summary = try XCTUnwrap(decoded["summary"] as? [String: Int])
        XCTAssertEqual(summary, ["total": 3, "open": 3, "overdue": 1, "done": 0, "wont_do": 0, "untracked": 0, "before_baseline": 0])
        XCTAssertTrue(decoded["gate_since"] is NSNull)
    }

    func testCSVQuotesCommasAndQuotes() throws {
        let csv = AuditFormatter(format: .csv).format(try report(AuditQuery(asOf: asOf, owner: "max")))
        XCTAssertEqual(csv, """
            key,postmortem,id,status,owner,due,overdue,days_overdue,action,sops,ticket,severity,file,line,untracked,before_baseline,recurrences
            INC-B/B2,INC-B,B2,open,Max,2026-04-01,true,9,"Fix ""flaky"" retries, then re-enable them",runbook;db/restore,,SEV3,postmortems/2026-03-10-search-slow.md,21,false,false,

            """)
    }

    func testGitHubWarnsOnTheRowOfEachOverdueAction() throws {
        let out = AuditFormatter(format: .github).format(try report(AuditQuery(asOf: asOf)))
        XCTAssertEqual(out, """
            ::warning file=postmortems/2026-02-01-payments-down.md,line=39::INC-A/A1 is 40 days overdue (owner Lena)
            ::warning file=postmortems/2026-03-10-search-slow.md,line=21::INC-B/B2 is 9 days overdue (owner Max)
            ::warning file=postmortems/2026-03-10-search-slow.md,line=22::INC-B/B3 is 1 day overdue (owner ana)

            """)
    }

    func testTableColoursOnlyWhenAsked() throws {
        let report = try report(AuditQuery(asOf: asOf))
        XCTAssertFalse(AuditFormatter(format: .table).format(report).contains("\u{1B}["))
        let coloured = AuditFormatter(format: .table, colored: true).format(report)
        XCTAssertTrue(coloured.contains("\u{1B}[31m! INC-A/A1"), coloured)
    }

    func testMarkdownEscapesCellsAndListsStaleSOPs() throws {
        let out = AuditFormatter(format: .markdown).format(try report(AuditQuery(asOf: asOf, sop: "runbook")))
        XCTAssertEqual(out, """
            | Key | Status | Owner | Due | Days overdue | Action | SOPs |
            | --- | --- | --- | --- | ---: | --- | --- |
            | INC-A/A1 | open | Lena | 2026-03-01 | **40** | Alert 30 days before a certificate expires | runbook |
            | INC-B/B2 | open | Max | 2026-04-01 | **9** | Fix "flaky" retries, then re-enable them | runbook, db/restore |

            2 actions listed, 2 overdue, as of 2026-04-10 (3 actions in all: 2 open, 1 done, 0 won't do)

            ### Stale SOPs

            - runbook, last reviewed 2026-01-20: INC-A (started 2026-02-01), INC-B (started 2026-03-10)

            """)
    }

    // MARK: - Hostile cells

    /// One overdue action whose cells hold what a hostile author can write in a post-mortem.
    private func hostileReport() throws -> AuditReport {
        var report = try report(AuditQuery(asOf: asOf, owner: "max"))
        XCTAssertEqual(report.actions.count, 1)
        report.actions[0].action.postmortemID = "=HYPERLINK(\"https://evil.example\",\"x\")"
        report.actions[0].action.owner = "@SUM(1+1)\u{1B}[2J"
        report.actions[0].action.action = "a | b\n| forged | row \u{1B}]8;;https://evil.example\u{7}link\u{1B}]8;;\u{7}\u{0}\u{202E}fdp.exe"
        report.actions[0].action.ticket = "-2+3"
        report.actions[0].action.dueText = "+1\t2"
        report.actions[0].severity = "\tSEV3"
        return report
    }

    func test_item13_tableShowsControlCharacters() throws {
        let out = AuditFormatter(format: .table).format(try hostileReport())
        XCTAssertFalse(out.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" }, out)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[1], "! =HYPERLINK(\"https://evil.example\",\"x\")/B2  open    @SUM(1+1)\\u{1B}[2J  +1\\t2             9  a | b | forged | row \\u{1B}]8;;https://evil.examp…  runbook, db/restore")
        XCTAssertEqual(lines[2], "", "one line per action")
    }

    func test_item13_markdownCellsCannotBreakTheTable() throws {
        let out = AuditFormatter(format: .markdown).format(try hostileReport())
        XCTAssertFalse(out.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" }, out)
        let row = try XCTUnwrap(out.split(separator: "\n").dropFirst(2).first)
        XCTAssertEqual(row, #"| =HYPERLINK("https://evil.example","x")/B2 | open | @SUM(1+1)\\u{1B}\[2J | +1\\t2 | **9** | a \| b\\n\| forged \| row \\u{1B}\]8;;https://evil.example\\u{7}link\\u{1B}\]8;;\\u{7}\\u{0}\\u{202E}fdp.exe | runbook, db/restore |"#)
        // Seven cells, as many as the header has: no pipe got through unescaped.
        XCTAssertEqual(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count, 8)
    }

    func test_item13_csvNeutralisesFormulaCells() throws {
        let out = AuditFormatter(format: .csv).format(try hostileReport())
        let line = try XCTUnwrap(out.split(separator: "\n", maxSplits: 1).last)
        XCTAssertTrue(line.hasPrefix(#""'=HYPERLINK(""https://evil.example"",""x"")/B2","'=HYPERLINK(""https://evil.example"",""x"")",B2,open,'@SUM(1+1)"# + "\u{1B}[2J,'+1\t2,true,9,"), String(line))
        XCTAssertTrue(line.hasSuffix(",runbook;db/restore,'-2+3,'\tSEV3,postmortems/2026-03-10-search-slow.md,21,false,false,\n"), String(line))
        // CSV is data: control characters stay as they are (quoted when they break lines); numbers
        // debrief computes are left as numbers.
        XCTAssertTrue(line.contains(",true,9,"))
    }

    func test_item13_githubWarningsShowControlCharacters() throws {
        let out = AuditFormatter(format: .github).format(try hostileReport())
        XCTAssertEqual(out, #"::warning file=postmortems/2026-03-10-search-slow.md,line=21::=HYPERLINK("https://evil.example","x")/B2 is 9 days overdue (owner @SUM(1+1)\u{1B}[2J)"# + "\n")
    }
}
