@testable import DebriefKit
import XCTest

/// Import never loses or misplaces what was written: nested items stay under their action, raw
/// HTML is not edited, metadata it cannot put in the front matter stays in the body, a second
/// heading for a section keeps its wording, and due dates without a year are read.
final class ImportKeepsWhatItCannotMapTests: XCTestCase {
    private let importer = PostmortemImporter(config: Config())

    private func body(_ document: ImportedDocument) -> String {
        document.body.map(\.text).joined(separator: "\n")
    }

    // MARK: - Nested items

    func test_item1_nestedItemsStayUnderTheirAction() {
        let document = importer.read("""
            # T

            Date: 2025-03-04

            ## Action Items

            - Fix the thing @omar due 2025-04-05
              - sub detail one
              - sub detail two

              A paragraph about the fix.
            1. Rotate keys @lena due 2025-04-06
              2. step b
               3. step c
            - Last one @kim due 2025-04-07
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Preventive Actions

            - [ ] PA-1 Fix the thing (@omar, due 2025-04-05)
              - sub detail one
              - sub detail two

              A paragraph about the fix.
            - [ ] PA-2 Rotate keys (@lena, due 2025-04-06)
              2. step b
               3. step c
            - [ ] PA-3 Last one (@kim, due 2025-04-07)
            """)
    }

    func test_item1_anIndentedActionListKeepsItsDetailsRelative() {
        let document = importer.read("""
            # T

            Date: 2025-03-04

            ## Action Items

              - Fix @omar due 2025-04-05
                - detail
              - Second @lena due 2025-04-06
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Preventive Actions

            - [ ] PA-1 Fix (@omar, due 2025-04-05)
              - detail
            - [ ] PA-2 Second (@lena, due 2025-04-06)
            """)
    }

    // MARK: - HTML blocks

    func test_item2_rawHTMLBlocksAreKeptExactly() {
        let document = importer.read("""
            # T

            Date: 2025-03-04

            ## Summary

            <div>
            ## Root Cause in html
            Severity: SEV1
            </div>

            <!--
            # Action Items
            -->
            <details>
            ### Timeline
            </details>

            ## Root Cause

            Text.
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Summary

            <div>
            ## Root Cause in html
            Severity: SEV1
            </div>

            <!--
            # Action Items
            -->
            <details>
            ### Timeline
            </details>

            ## Root Cause

            Text.
            """)
        XCTAssertNil(document.severity)
    }

    func test_item2_htmlBlockStartConditions() {
        for line in ["<div>", "<DIV class=\"x\">", "</table>", "<details open>", "<!-- c", "<?php", "<!DOCTYPE html>",
                     "<![CDATA[", "<script>", "<pre", "<my-widget data-x=\"1\">", "</span>", "   <p>"] {
            XCTAssertNotNil(HTMLBlock.start(line, afterParagraph: false), line)
        }
        for line in ["<span>text</span>", "<notatag", "    <div>", "a <div>", "<", "<a href=\"x\">link", "<https://example.com>",
                     "<mailto:a@b.c>"] {
            XCTAssertNil(HTMLBlock.start(line, afterParagraph: false), line)
        }
        XCTAssertNil(HTMLBlock.start("<span>", afterParagraph: true))
        XCTAssertNotNil(HTMLBlock.start("<div>", afterParagraph: true))
    }

    // MARK: - Metadata

    func test_item3_aDateWithATimeAndZoneBecomesStarted() {
        let document = importer.read("# T\n\nDate: 2025-03-04 23:30 PST\n\n## Summary\n\nText.\n", name: "x.md")
        XCTAssertEqual(document.date, CalendarDate(year: 2025, month: 3, day: 4))
        XCTAssertEqual(document.started, "2025-03-04T23:30:00-08:00")
        XCTAssertEqual(body(document), "## Summary\n\nText.")
        let text = importer.render(document, id: "INC-1", status: "draft", file: "postmortems/x.md").text
        XCTAssertTrue(text.contains("\nstarted: 2025-03-04T23:30:00-08:00\n"), text)
    }

    func test_item3_metadataLinesNotWhollyReadStayInTheBody() {
        let document = importer.read("""
            # Real title

            Title: Another title
            Date: 2025-03-04 (detected 2025-03-06)
            Date: 2025-03-05
            Incident date: March 4-5, 2025
            Started: ignored
            IC: @bob (primary), @carol (secondary)
            Severity: Gigantic
            Date: 2025-03-04 23:30
            Timezone: Mars/Olympus

            ## Summary

            Text.
            """, name: "x.md")
        XCTAssertEqual(document.title, "Real title")
        XCTAssertEqual(document.date, CalendarDate(year: 2025, month: 3, day: 4))
        XCTAssertEqual(document.commander, "bob")
        XCTAssertNil(document.started)
        XCTAssertEqual(body(document), """
            Title: Another title
            Date: 2025-03-04 (detected 2025-03-06)
            Date: 2025-03-05
            Incident date: March 4-5, 2025
            Started: ignored
            IC: @bob (primary), @carol (secondary)
            Severity: Gigantic
            Date: 2025-03-04 23:30
            Timezone: Mars/Olympus

            ## Summary

            Text.
            """)
        func note(_ line: Int) -> String { document.notes.filter { $0.line == line }.map(\.message).joined(separator: " | ") }
        XCTAssertTrue(note(3).contains("kept in the body"), note(3))
        XCTAssertTrue(note(4).contains("kept in the body"), note(4))
        XCTAssertTrue(note(5).contains("a second date"), note(5))
        XCTAssertTrue(note(6).contains("kept in the body"), note(6))
        XCTAssertTrue(note(8).contains("commander 'bob'"), note(8))
        XCTAssertTrue(note(10).contains("kept in the body"), note(10))
    }

    func test_item3_aFrontMatterTitleReplacedByTheHeadingIsReported() {
        let document = importer.read("---\ntitle: A\ndate: 2025-03-04\n---\n\n# Real title\n\n## Summary\n\nText.\n", name: "x.md")
        XCTAssertEqual(document.title, "Real title")
        let note = document.notes.first { $0.line == 2 }
        XCTAssertEqual(note?.message, "'title' line not used; the title is the heading's, 'Real title'")
    }

    func test_item3_aMetadataTableWithARowNotWhollyReadIsKept() {
        let table = "| **Date** | 2025-03-04 (detected 2025-03-06) |\n|---|---|\n| **Severity** | SEV1 |"
        let document = importer.read(table + "\n\n## Summary\n\nText.\n", name: "site.md")
        XCTAssertEqual(document.severity, "SEV1")
        XCTAssertEqual(body(document), table + "\n\n## Summary\n\nText.")
    }

    // MARK: - Second headings

    func test_item4_aSecondHeadingForASectionKeepsItsWording() {
        let document = importer.read("""
            # T

            Date: 2025-03-04

            ## Root Cause

            A.

            ## Root Causes

            B.

            ## Action Items

            - Fix @omar due 2025-04-05

            ## Follow-ups

            - Later @lena due 2025-05-05
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Root Cause

            A.

            ## Root Causes

            B.

            ## Preventive Actions

            - [ ] PA-1 Fix (@omar, due 2025-04-05)

            ## Follow-ups

            - [ ] PA-2 Later (@lena, due 2025-05-05)
            """)
        let second = document.notes.first { $0.line == 17 }
        XCTAssertEqual(second?.severity, .warning)
        XCTAssertEqual(second?.message, "a second 'Preventive Actions' section ('Follow-ups'); kept as written; merge the two by hand")
        XCTAssertEqual(document.notes.first { $0.line == 9 }?.message,
                       "a second 'Root Cause' section ('Root Causes'); kept as written; merge the two by hand")
    }

    // MARK: - Due dates without a year

    func test_item5_aDueDateWithoutAYearTakesTheNearestYear() {
        let document = importer.read("""
            # T

            Date: 2025-12-20

            ## Action Items

            - Fix the thing @omar by Apr 5
            - Rotate keys (owner: @lena, due Jan 10)
            - Audit @kim before March 1
            - Review (@ana, by Nov 2)
            """, name: "x.md")
        XCTAssertEqual(body(document), """
            ## Preventive Actions

            - [ ] PA-1 Fix the thing (@omar, due 2026-04-05)
            - [ ] PA-2 Rotate keys (@lena, due 2026-01-10)
            - [ ] PA-3 Audit (@kim, due 2026-03-01)
            - [ ] PA-4 Review (@ana, due 2025-11-02)
            """)
        XCTAssertFalse(document.hasUntrackedActions)
    }

    func test_item5_withoutAnIncidentDateADueDateWithoutAYearIsReported() {
        let document = importer.read("# T\n\n## Action Items\n\n- Rotate keys (owner: @lena, due Jan 10)\n", name: "x.md")
        XCTAssertEqual(body(document), "## Preventive Actions\n\n- [ ] PA-1 Rotate keys (due Jan 10) (@lena)")
        XCTAssertTrue(document.notes.contains { $0.message.contains("due date 'Jan 10' has no year") }, "\(document.notes)")
    }

    func test_aFirstWordThatIsNoMarkedIDStaysInTheAction() {
        XCTAssertEqual(ImportedAction.droppingOldID("S3 bucket policy review"), "S3 bucket policy review")
        XCTAssertEqual(ImportedAction.droppingOldID("EC2 instance profile audit"), "EC2 instance profile audit")
        XCTAssertEqual(ImportedAction.droppingOldID("3 more replicas for the cluster"), "3 more replicas for the cluster")
        XCTAssertEqual(ImportedAction.droppingOldID("AI-3: Do X"), "Do X")
        XCTAssertEqual(ImportedAction.droppingOldID("PA-3 Do X"), "Do X")
        XCTAssertEqual(ImportedAction.droppingOldID("#3. Do X"), "Do X")
        XCTAssertEqual(ImportedAction.droppingOldID("A1: Do X"), "Do X")
    }

    func test_indentedCodeIsCopiedExactlyAndNeverReadAsMetadata() {
        let document = importer.read("""
            # Config push

            Date: 2024-05-01

            Paste of the alert:

                Date: 2020-01-01
                Severity: SEV1
                Summary: disk full on db-3

            ## Summary

            Text.
            """, name: "x.md")
        XCTAssertEqual(document.date?.description, "2024-05-01")
        XCTAssertNil(document.severity)
        XCTAssertTrue(body(document).contains("    Date: 2020-01-01\n    Severity: SEV1\n    Summary: disk full on db-3\n"), body(document))
        XCTAssertEqual(body(document).components(separatedBy: "## Summary").count, 2, "no section made from the code")
    }
}
