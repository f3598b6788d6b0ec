@testable import DebriefKit
import DebriefTestSupport
import XCTest

/// One mapping step of `debrief import` per test: metadata lines, severities, headings and
/// their levels, action items, timeline times.
final class ImportMappingTests: XCTestCase {
    private let importer = PostmortemImporter(config: Config())

    private func body(_ document: ImportedDocument) -> String {
        document.body.map(\.text).joined(separator: "\n")
    }

    // MARK: - Metadata

    func test_import_metadataLinesFillTheFrontMatterAndLeaveTheBody() {
        let document = importer.read("""
            # Checkout down
            **Date:** March 2, 2024
            - *Severity:* SEV2
            **Services**: checkout, payments and search
            Authors: @dana; omar
            Incident commander: @lena
            Timezone: PST

            ## Summary

            It broke.
            """, name: "x.md")
        XCTAssertEqual(document.title, "Checkout down")
        XCTAssertEqual(document.date, CalendarDate(year: 2024, month: 3, day: 2))
        XCTAssertEqual(document.severity, "SEV2")
        XCTAssertEqual(document.services, ["checkout", "payments", "search"])
        XCTAssertEqual(document.authors, ["dana", "omar"])
        XCTAssertEqual(document.commander, "lena")
        XCTAssertEqual(document.timezone, "-08:00")
        XCTAssertEqual(body(document), "## Summary\n\nIt broke.")
    }

    func test_import_aMetadataTableIsReadAndDropped() {
        let document = importer.read("""
            | **Incident date** | 2022-04-05 |
            |---|---|
            | **Severity** | SEV1 |

            ## Summary

            Text.
            """, name: "site-access.md")
        XCTAssertEqual(document.date, CalendarDate(year: 2022, month: 4, day: 5))
        XCTAssertEqual(document.severity, "SEV1")
        XCTAssertEqual(document.title, "Site access")
        XCTAssertEqual(body(document), "## Summary\n\nText.")
    }

    func test_import_severityIsMappedOnlyWhenUnambiguous() {
        let severities = ["SEV1", "SEV2", "SEV3", "SEV4"]
        XCTAssertEqual(MetadataValue.severity("sev-2", among: severities), "SEV2")
        XCTAssertEqual(MetadataValue.severity("P1", among: severities), "SEV1")
        XCTAssertEqual(MetadataValue.severity("Sev 3 (minor)", among: severities), "SEV3")
        XCTAssertNil(MetadataValue.severity("High", among: severities))
        XCTAssertNil(MetadataValue.severity("P0", among: severities))
        XCTAssertEqual(MetadataValue.severity("High", among: ["critical", "high", "low"]), "high")
        XCTAssertNil(MetadataValue.severity("i", among: ["critical", "high", "low"]))
        let document = importer.read("# T\n\nDate: 2024-01-02\nSeverity: High\n", name: "x.md")
        XCTAssertNil(document.severity)
        XCTAssertEqual(document.notes.first { $0.severity == .warning }?.line, 4)
    }

    func test_import_dateIsTheFirstDateInTheTextWhenNoDateLineGivesOne() {
        let document = importer.read("# T\n\nOn 1 Feb 2017 the database was deleted.\n", name: "x.md")
        XCTAssertEqual(document.date, CalendarDate(year: 2017, month: 2, day: 1))
        XCTAssertEqual(document.notes.first?.line, 3)
        XCTAssertEqual(importer.read("# T\n\nDate: 01/02/2017\n", name: "x.md").date, nil)
        XCTAssertEqual(importer.read("# T\n", name: "x.md", date: CalendarDate(year: 2020, month: 1, day: 1)).date,
                       CalendarDate(year: 2020, month: 1, day: 1))
    }

    // MARK: - Headings

    func test_import_headingsAreNamedCanonicallyAtLevelTwo() {
        let document = importer.read("""
            # Title

            # Action items:

            ## Details

            # Root causes

            ### Impact

            Text.
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Preventive Actions

            ### Details

            ## Root Cause

            ## Impact

            Text.
            """)
    }

    func test_import_sreBookLabelLinesOpenSections() {
        let document = importer.read("""
            # Sonnet++ (incident #465)

            Date: 2015-10-21

            Summary: Search down for 66 minutes.

            Root Causes: Cascading failure.
            """, name: "x.md")
        XCTAssertEqual(body(document), "## Summary\n\nSearch down for 66 minutes.\n\n## Root Cause\n\nCascading failure.")
    }

    func test_import_codeBlocksAreKeptExactly() {
        let text = "# T\n\n## Summary\n\n```\n# not a heading\n\n\nDate: 2020-01-01\n```\n"
        XCTAssertEqual(body(importer.read(text, name: "x.md")), "## Summary\n\n```\n# not a heading\n\n\nDate: 2020-01-01\n```")
    }

    // MARK: - Actions

    func test_import_actionBulletsBecomeTaskItemsWithFreshIDs() {
        let document = importer.read("""
            # T

            ## Action Items

            - AI-7: Add a canary (owner: @nina, due 2021-07-01, OPS-12)
            * [x] Fuzz the handler @omar by 2021-07-15
              over every configuration
            1. Rotate keys (in progress, due: Jan 5, 2026)
            TODO: Write the notice
              - a detail
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Preventive Actions

            - [ ] PA-1 Add a canary (@nina, due 2021-07-01, ticket: OPS-12)
            - [x] PA-2 Fuzz the handler @omar by 2021-07-15 over every configuration (@omar, due 2021-07-15)
            - [ ] PA-3 Rotate keys (due 2026-01-05, status: in-progress)
            - [ ] PA-4 Write the notice
              - a detail
            """)
        XCTAssertTrue(document.hasUntrackedActions)
    }

    func test_import_actionTableWithoutDebriefColumnsBecomesTaskItems() {
        let document = importer.read("""
            # T

            ## Follow-up actions

            | Task | Owner | Due date | Jira |
            |---|---|---|---|
            | Soft-delete sites | @lena | 2022-06-30 | OPS-1201 |
            | Check ids | TBD | | OPS-1202 |
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Preventive Actions

            - [ ] PA-1 Soft-delete sites (@lena, due 2022-06-30, ticket: OPS-1201)
            - [ ] PA-2 Check ids (ticket: OPS-1202)
            """)
        XCTAssertTrue(document.hasUntrackedActions)
    }

    func test_import_aTableAlreadyInDebriefsShapeIsKept() {
        let table = "| ID | Action | Owner | Due | Status |\n|---|---|---|---|---|\n| PA-1 | Do | @a | 2026-01-01 | open |"
        XCTAssertEqual(body(importer.read("# T\n\n## Preventive Actions\n\n" + table + "\n", name: "x.md")), "## Preventive Actions\n\n" + table)
    }

    // MARK: - Timeline

    func test_import_timelineTimesAreWrittenInTheirNormalForm() {
        let document = importer.read("""
            # T

            Date: 2024-03-02

            ## Timeline

            - 6:00 a.m. PST — Expired.
            - approx. 6:04am — Alert.
            - 06:10–06:41 (UTC) — Failing.
            - Mar 3 10:00Z — Follow-up.
            - 16:00 IST — Ambiguous.
            """, name: "x.md")
        let rendered = importer.render(document, id: "INC-1", status: "draft", file: "postmortems/x.md")
        XCTAssertTrue(rendered.text.hasSuffix("""
            ## Timeline

            - 06:00 PST — Expired.
            - ~06:04 — Alert.
            - 06:10-06:41 UTC — Failing.
            - 2024-03-03 10:00 UTC — Follow-up.
            - 16:00 IST — Ambiguous.

            """), rendered.text)
        let ambiguous = rendered.notes.first { $0.message.contains("IST") }
        XCTAssertEqual(ambiguous?.line, 11)
        XCTAssertEqual(ambiguous?.severity, .warning)
        XCTAssertTrue(ambiguous?.message.contains("16:00+05:30 or 16:00+01:00") == true, ambiguous?.message ?? "")
    }

    /// The forms of the table in docs/import.md, each written as the table says.
    func test_import_everyDocumentedTimeFormIsWrittenAsDocumented() {
        let forms = [
            ("9:37 AM", "09:37"), ("6.57am", "06:57"), ("22:52 (UTC)", "22:52 UTC"), ("23:00Z", "23:00 UTC"),
            ("23:02 +0200", "23:02+02:00"), ("approx. 23:20", "~23:20"), ("23:20 (approx.)", "~23:20"),
            ("23:32–23:40", "23:32-23:40"), ("Feb 1 23:45", "2017-02-01 23:45"), ("1 Feb 2017 23:46", "2017-02-01 23:46"),
            ("2017/02/01 23:47", "2017-02-01 23:47"), ("February 2", "2017-02-02"),
        ]
        let timeline = forms.map { "- \($0.0) — event" }.joined(separator: "\n")
        let document = importer.read("# T\n\nDate: 2017-02-01\n\n## Timeline\n\n" + timeline + "\n", name: "x.md")
        let text = importer.render(document, id: "INC-1", status: "draft", file: "postmortems/x.md").text
        let written = forms.map { "- \($0.1) — event" }.joined(separator: "\n")
        XCTAssertTrue(text.hasSuffix("## Timeline\n\n" + written + "\n"), text)
    }

    func test_import_frontMatterIsSafeYAML() {
        var document = importer.read("# Checkout: down \"again\" #2\n\nDate: 2024-01-02\nServices: a: b, [c]\n", name: "x.md")
        document.hasUntrackedActions = true
        let text = importer.render(document, id: "INC-2024-001", status: "draft", file: "postmortems/x.md").text
        XCTAssertTrue(text.hasPrefix("""
            ---
            id: INC-2024-001
            title: "Checkout: down \\"again\\" #2"
            date: 2024-01-02
            status: draft
            services:
              - "a: b"
              - "[c]"
            imported: true
            ---

            """), text)
    }

    func test_import_crlfAndLoneCRAreLineEnds() {
        XCTAssertEqual(PostmortemImporter.lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"])
    }
}

/// Importing costs time in proportion to the document, whatever its shape.
final class ImportLinearScalingTests: XCTestCase {
    private let importer = PostmortemImporter(config: Config())

    func test_import_aLongActionItemIsReadInLinearTime() {
        assertLinear("an action item of many lines", startingAt: 250, maxN: 250) { n in
            "# T\n\nDate: 2024-01-01\n\n## Action Items\n\n- Do it\n" + String(repeating: "  by the team and by then due soon\n", count: n)
        } run: { text in
            XCTAssertEqual(self.importer.read(text, name: "x.md").body.count, 3)
        }
    }

    func test_import_manyMetadataLinesAndEntriesAreReadInLinearTime() {
        assertLinear("metadata lines and timeline entries", startingAt: 100, maxN: 100) { n in
            "# T\n\n" + String(repeating: "Note: a line\n", count: n) + "Date: 2024-01-01\n\n## Timeline\n\n"
                + String(repeating: "- 9:37 AM PST — something\n", count: n)
        } run: { text in
            let document = self.importer.read(text, name: "x.md")
            _ = self.importer.render(document, id: "INC-1", status: "draft", file: "postmortems/x.md")
        }
    }
}
