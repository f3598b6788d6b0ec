@testable import DebriefKit
import XCTest

final class ActionTableParserTests: XCTestCase {
    private func table(_ markdown: String, status: String = "final") -> ActionTable? {
        readPostmortem(frontMatter().replacingOccurrences(of: "status: final", with: "status: \(status)") + "## Preventive Actions\n\n" + markdown).0.actionTables.first
    }

    func test_columnsFoundByNameWithAliasesInAnyOrder() throws {
        let parsed = try XCTUnwrap(table("""
            | Status | Action Item | Assignee | Due Date | # | Runbook | Bug | Kind | Notes |
            |--------|-------------|----------|----------|---|---------|-----|------|-------|
            | todo | Add a canary | @dana | 2026-04-01 | A1 | cache-flush | OPS-1 | detect | free text |
            """))
        XCTAssertEqual(parsed.columns, ["Status", "Action", "Owner", "Due", "ID", "SOP", "Ticket", "Type", nil])
        XCTAssertEqual(parsed.missingColumns, [])
        let action = try XCTUnwrap(parsed.actions.first)
        XCTAssertEqual(action.key, "INC-1/A1")
        XCTAssertEqual(action.action, "Add a canary")
        XCTAssertEqual(action.owner, "dana", "the @ is dropped")
        XCTAssertEqual(action.due?.description, "2026-04-01")
        XCTAssertEqual(action.status, .open)
        XCTAssertEqual(action.sops, [SOPReference(written: "cache-flush", sopID: "cache-flush")])
        XCTAssertEqual(action.ticket, "OPS-1")
        XCTAssertEqual(action.type, "detect")
        XCTAssertEqual(action.location, SourceLocation(file: "postmortems/a.md", line: 12, column: 1))
        XCTAssertEqual(action.cellLocations["Due"], SourceLocation(file: "postmortems/a.md", line: 12, column: 33))
    }

    func test_headerNamesAreCaseInsensitive() throws {
        let parsed = try XCTUnwrap(table("| id | ACTION | owner | DUE | status |\n|-|-|-|-|-|\n| A1 | x | y | 2026-04-01 | open |\n"))
        XCTAssertEqual(parsed.missingColumns, [])
    }

    func test_missingRequiredColumns() throws {
        let parsed = try XCTUnwrap(table("| ID | Description |\n|----|-------------|\n| A1 | x |\n"))
        XCTAssertEqual(parsed.missingColumns, ["Owner", "Due", "Status"])
        XCTAssertEqual(parsed.actions.first?.action, "x")
    }

    func test_statusAliases() {
        let expected: [(String, ActionStatus?)] = [
            ("open", .open), ("todo", .open), ("To Do", .open),
            ("in-progress", .inProgress), ("In Progress", .inProgress), ("in_progress", .inProgress), ("WIP", .inProgress),
            ("done", .done), ("closed", .done), ("Fixed", .done), ("completed", .done),
            ("wont-do", .wontDo), ("wontfix", .wontDo), ("won't do", .wontDo), ("Won\u{2019}t do", .wontDo), ("won't fix", .wontDo),
            ("blocked", nil), ("", nil),
        ]
        for (cell, status) in expected {
            XCTAssertEqual(ActionStatus(cell: cell), status, cell)
        }
        XCTAssertTrue(ActionStatus.inProgress.isOpen)
        XCTAssertFalse(ActionStatus.wontDo.isOpen)
    }

    func test_SOPCellsWithLinksBareIdsAndPaths() throws {
        let parsed = try XCTUnwrap(table("""
            | ID | Action | Owner | Due | Status | SOP |
            |----|--------|-------|-----|--------|-----|
            | A1 | a | o | 2026-04-01 | open | [Restore](../sops/db/database-restore.md), cache-flush |
            | A2 | a | o | 2026-04-01 | open | sops/cache-flush.md, db/database-restore.md |
            | A3 | a | o | 2026-04-01 | open | [Wiki](https://wiki.example.com/x), [Other](../README.md) |
            | A4 | a | o | 2026-04-01 | open | — |
            | A5 | a | o | 2026-04-01 | open | n/a |
            """))
        XCTAssertEqual(parsed.actions.map(\.sops), [
            [SOPReference(written: "../sops/db/database-restore.md", sopID: "db/database-restore"),
             SOPReference(written: "cache-flush", sopID: "cache-flush")],
            [SOPReference(written: "sops/cache-flush.md", sopID: "cache-flush"),
             SOPReference(written: "db/database-restore.md", sopID: "db/database-restore")],
            [SOPReference(written: "https://wiki.example.com/x", sopID: nil), SOPReference(written: "../README.md", sopID: nil)],
            [],
            [],
        ])
    }

    func test_blankRowsAreSkippedAndBlankCellsAreEmpty() throws {
        let parsed = try XCTUnwrap(table("""
            | ID | Action | Owner | Due | Status | Ticket | Type |
            |----|--------|-------|-----|--------|--------|------|
            |    |        |       |     |        |        |      |
            | A1 | a | @@o | | done | - | none |
            """))
        XCTAssertEqual(parsed.actions.count, 1)
        let action = try XCTUnwrap(parsed.actions.first)
        XCTAssertEqual(action.owner, "o")
        XCTAssertEqual(action.dueText, "")
        XCTAssertNil(action.due)
        XCTAssertNil(action.ticket)
        XCTAssertNil(action.type)
    }

    func test_shortRowsLeaveCellsEmpty() throws {
        let parsed = try XCTUnwrap(table("| ID | Action | Owner | Due | Status |\n|-|-|-|-|-|\n| A1 | a |\n"))
        XCTAssertEqual(parsed.actions.first?.owner, "")
        XCTAssertEqual(parsed.actions.first?.statusText, "")
    }

    func test_onlyTheFirstTableIsRead() throws {
        let parsed = try XCTUnwrap(table("| ID | Action | Owner | Due | Status |\n|-|-|-|-|-|\n| A1 | a | o | 2026-04-01 | open |\n\n| ID | Action |\n|-|-|\n| B1 | b |\n"))
        XCTAssertEqual(parsed.actions.map(\.id), ["A1"])
    }

    func test_noTable() {
        XCTAssertNil(table("- Add a canary\n"))
    }

    func test_overdue() throws {
        let parsed = try XCTUnwrap(table("""
            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | A1 | a | o | 2026-04-01 | open |
            | A2 | a | o | 2026-04-01 | done |
            | A3 | a | o | 2026-05-01 | in-progress |
            """))
        let today = try XCTUnwrap(CalendarDate("2026-04-11"))
        XCTAssertEqual(parsed.actions.map { $0.isOverdue(asOf: today) }, [true, false, false])
        XCTAssertEqual(parsed.actions.map { $0.daysOverdue(asOf: today) }, [10, 0, 0])
    }

    // MARK: - Every table in the section

    func test_item1_tablesUnderSubheadingsAreAllReadWithTheSubheadingAsType() {
        let (pm, diagnostics) = readPostmortem(frontMatter() + """
            ## Action Items

            ### Prevention

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | PA-1 | Add a canary stage | lena | 2026-05-01 | open |

            ### Detection

            | ID | Action | Owner | Due | Status | Type |
            |----|--------|-------|-----|--------|------|
            | PA-2 | Alert on login errors | omar | 2026-05-15 | open | detect |
            | PA-3 | Page on canary failures | omar | 2026-05-15 | open | |

            - Also rehearse the failover.
            """)
        XCTAssertEqual(pm.actionTables.count, 2)
        XCTAssertEqual(pm.actions.map(\.key), ["INC-1/PA-1", "INC-1/PA-2", "INC-1/PA-3"])
        XCTAssertEqual(pm.actions.map(\.type), ["Prevention", "detect", nil], "a Type column wins over the subheading, even when empty")
        XCTAssertEqual(diagnostics.map(\.code), [.actionsListNotRead])
        XCTAssertEqual(diagnostics.first?.location.line, 23)
    }

    // MARK: - Task lists

    func test_item3_taskListItemsAreActions() {
        let (pm, diagnostics) = readPostmortem(frontMatter() + """
            ## Action Items

            - [ ] PA-3 Rehearse failover quarterly (@lena, due 2026-05-15, OPS-1304, sop: cache-flush)
            - [x] PA-4 Alert on pool saturation (owner: @omar, due: 2026-04-01, #812)
            - [ ] PA-5 Page the database team (@dana, due 2026-06-01, status: in-progress, type: detect)
            - [ ] Write down the restore steps (see the wiki)
            """)
        XCTAssertEqual(diagnostics.map(\.message), [])
        let actions = pm.actions
        XCTAssertEqual(actions.map(\.id), ["PA-3", "PA-4", "PA-5", ""])
        XCTAssertEqual(actions.map(\.action), ["Rehearse failover quarterly", "Alert on pool saturation", "Page the database team",
                                               "Write down the restore steps (see the wiki)"])
        XCTAssertEqual(actions.map(\.owner), ["lena", "omar", "dana", ""])
        XCTAssertEqual(actions.map { $0.due?.description ?? "-" }, ["2026-05-15", "2026-04-01", "2026-06-01", "-"])
        XCTAssertEqual(actions.map(\.status), [.open, .done, .inProgress, .open])
        XCTAssertEqual(actions.map { $0.ticket ?? "-" }, ["OPS-1304", "#812", "-", "-"])
        XCTAssertEqual(actions.map { $0.type ?? "-" }, ["-", "-", "detect", "-"])
        XCTAssertEqual(actions.first?.sopIDs, ["cache-flush"])
        XCTAssertEqual(actions.map(\.location.line), [10, 11, 12, 13])
    }

    func test_nestedTaskItemsAreActionsAndAPlainItemAboveThemIsTheirType() {
        let (pm, diagnostics) = readPostmortem(frontMatter() + """
            ## Action Items

            - [ ] PA-1 Parent (@lena, due 2026-05-15)
              - [ ] PA-2 Child (@omar, due 2026-06-15)
                - [x] PA-3 Grandchild (@omar, due 2026-06-01)
              - a note on the parent, not an action
            - Detection:
              - [ ] PA-4 Alert on errors (@dana, due 2026-07-01)
            """)
        XCTAssertEqual(diagnostics.map(\.message), [])
        XCTAssertEqual(pm.actions.map(\.id), ["PA-1", "PA-2", "PA-3", "PA-4"])
        XCTAssertEqual(pm.actions.map(\.status), [.open, .open, .done, .open])
        XCTAssertEqual(pm.actions.map { $0.type ?? "-" }, ["-", "-", "-", "Detection"])
        XCTAssertEqual(pm.actions.map(\.location.line), [10, 11, 12, 15])
    }

    func test_fieldsGivenTwiceOrNotReadAreReported() {
        let (pm, diagnostics) = readPostmortem(frontMatter() + """
            ## Action Items

            - [ ] PA-1 Rotate keys (@lena, due 2026-05-15, due 2026-09-01)
            - [ ] PA-2 Pair on it (@lena, @omar, due 2026-05-15)
            - [ ] PA-3 Track it (@lena, due 2026-05-15, JIRA: OPS-9, priority: P1, blocked)
            - [ ] PA-4 Same owner twice is fine (@lena, owner: lena, due 2026-05-15, OPS-1, OPS-2)
            """)
        XCTAssertEqual(diagnostics.map { "\($0.location.line) \($0.code.rawValue) \($0.message)" }, [
            "10 DB077 action PA-1 gives its due date twice ('2026-05-15', then '2026-09-01'); an action has one due date: keep the one that holds",
            "11 DB077 action PA-2 gives its owner twice ('lena', then 'omar'); an action has one owner: keep the one that holds",
            "12 DB078 'priority: P1', 'blocked' in the fields of action PA-3 are not read; the fields are @owner, due YYYY-MM-DD, status:, type:, sop:, ticket: or a ticket id (OPS-1304, #812)",
        ])
        XCTAssertEqual(pm.actions.map { $0.ticket ?? "-" }, ["-", "-", "OPS-9", "OPS-1, OPS-2"], "no ticket is lost")
        XCTAssertEqual(pm.actions.map(\.action), ["Rotate keys", "Pair on it", "Track it", "Same owner twice is fine"])
    }

    func test_onlyIDShapedFirstWordsAreIDs() {
        for (word, isID) in [("PA-3", true), ("AI_12", true), ("ACT.4", true), ("3", true), ("3.", true), ("PA-3a", false),
                             ("S3", false), ("2FA", false), ("IPv6", false), ("-3", false), ("PA-", false), ("v1.2.3", false), ("PM-AI-3", true)] {
            XCTAssertEqual(ActionTableParser.isTaskID(word), isID, word)
        }
        let (pm, _) = readPostmortem(frontMatter() + """
            ## Action Items

            - [ ] S3 bucket policy review (@lena, due 2026-05-15)
            """)
        XCTAssertEqual(pm.actions.map(\.id), [""])
        XCTAssertEqual(pm.actions.map(\.action), ["S3 bucket policy review"])
    }

    func test_shortIDsAreIDsWhenAnotherActionSharesTheirLetters() {
        let (pm, _) = readPostmortem(frontMatter() + """
            ## Action Items

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | A7 | Fix the cron | dana | 2026-05-01 | open |

            - [ ] A8 Review the runbook (@lena, due 2026-05-15)
            - [ ] S3 bucket policy review (@lena, due 2026-05-15)
            - [ ] AI1 Add alerts (@lena, due 2026-05-15)
            - [ ] AI2 Tune alerts (@lena, due 2026-05-15)
            """)
        XCTAssertEqual(pm.actions.map(\.id), ["A7", "A8", "", "AI1", "AI2"])
        XCTAssertEqual(pm.actions[2].action, "S3 bucket policy review")
    }

    func test_idsWithAColonOrParenthesisAndADashAfterThem() {
        let (pm, diagnostics) = readPostmortem(frontMatter() + """
            ## Action Items

            - [ ] PA-7: colon id (@lena, due 2026-05-15)
            - [ ] **PA-8** bold id (@lena, due 2026-05-15)
            - [ ] 3) numbered (@lena, due 2026-05-15)
            - [ ] PA-10 — dash (@lena, due 2026-05-15)
            """)
        XCTAssertEqual(diagnostics.map(\.message), [])
        XCTAssertEqual(pm.actions.map(\.id), ["PA-7", "PA-8", "3", "PA-10"])
        XCTAssertEqual(pm.actions.map(\.action), ["colon id", "bold id", "numbered", "dash"])
    }

    func test_anActionsTableOutsideTheActionsSectionIsReported() {
        let (pm, diagnostics) = readPostmortem(frontMatter() + """
            ## Follow-up

            ### Action Items

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | A1 | one | lena | 2026-05-01 | open |

            ### Detection

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | A2 | two | lena | 2026-05-01 | open |

            ## Appendix

            | Metric | Value |
            |--------|-------|
            | p99 | 2 s |
            """)
        XCTAssertEqual(pm.actions.map(\.id), ["A1"])
        XCTAssertEqual(diagnostics.filter { $0.code == .actionsTableOutsideSection }.map(\.location.line), [18], "the Detection table, not the metrics one")
    }
}
