import DebriefTestSupport
import Foundation
import XCTest

/// Sections as real templates name them, end to end: headings with numbering and punctuation,
/// the templates' own names, sections at another level, "did you mean", a post-mortem's own
/// `section_aliases`, and whole post-mortems in the shapes of the Google SRE book, PagerDuty and
/// Atlassian templates checked with only the defaults.
final class SectionTemplateTests: CLITestCase {
    private struct Checked {
        var repo: URL
        var diagnostics: [[String: Any]]

        /// `line code` for each diagnostic, in output order.
        var codes: [String] { diagnostics.map { "\($0["line"] ?? 0) \($0["code"] ?? "")" } }

        func message(_ code: String) -> String {
            diagnostics.first { $0["code"] as? String == code }?["message"] as? String ?? ""
        }
    }

    /// Writes a repo with one post-mortem (and `config` as debrief.yml, when given) and checks it.
    private func check(_ postmortem: String, config: String? = nil) throws -> Checked {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        if let config { try writeFile(Data(config.utf8), to: "repo/debrief.yml", under: root) }
        try writeFile(Data(postmortem.utf8), to: "repo/postmortems/incident.md", under: root)
        let repo = root.appendingPathComponent("repo")
        let result = try debrief(["check", "--root", repo.path, "--format", "json"])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any], result.stderr)
        return Checked(repo: repo, diagnostics: report["diagnostics"] as? [[String: Any]] ?? [])
    }

    /// The 1-based line of the first line of `text` that is exactly `wanted`.
    private func line(of wanted: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex(of: wanted) ?? -1) + 1
    }

    /// Builds the repo and returns one file of the site as text.
    private func built(_ checked: Checked, file: String) throws -> String {
        let site = checked.repo.deletingLastPathComponent().appendingPathComponent("site")
        try debrief(["build", "--root", checked.repo.path, "--allow-errors", "--output", site.path])
        return try String(contentsOf: site.appendingPathComponent(file), encoding: .utf8)
    }

    private static let frontMatter = """
        ---
        id: INC-2026-001
        title: Checkout outage
        date: 2026-03-14
        severity: SEV2
        status: final
        ---

        """

    private static let timeline = """
        | Time | Event |
        |------|-------|
        | 09:12 | Errors rise |

        """

    private static let actions = """
        | ID | Action | Owner | Due | Status |
        |----|--------|-------|-----|--------|
        | PA-1 | Add an alert | lena | 2026-04-01 | open |

        """

    // MARK: - Item 1: numbering and punctuation

    func test_item1_numberedAndPunctuatedHeadingsNameTheirSections() throws {
        let checked = try check(Self.frontMatter + """
            # Checkout outage

            ## 1. Summary:

            Checkout returned errors for ten minutes after a bad deploy.

            ## 2) Impact

            About 4% of orders failed.

            ## III. Timeline

            \(Self.timeline)
            ## IV - Root Causes

            A timeout set in seconds was read as milliseconds.

            ## A. Resolution

            The deploy was rolled back.

            ## **6. Action Items**

            \(Self.actions)
            ## Lessons Learned (optional)

            Units belong in names.
            """)
        XCTAssertEqual(checked.codes, [])
        // The heading reads on the site as written; the summary still comes from it.
        let page = try built(checked, file: "postmortems/incident.html")
        XCTAssertTrue(page.contains("1. Summary:"), "the heading's text is unchanged")
        XCTAssertTrue(page.contains("IV - Root Causes"))
        let search = try built(checked, file: "feed.xml")
        XCTAssertTrue(search.contains("Checkout returned errors for ten minutes after a bad deploy."), search)
    }

    // MARK: - Item 2: the templates' own names

    func test_item2_templateHeadingsCountAsTheirSections() throws {
        // Atlassian's summary and recovery, Azure's root cause and prevention, PagerDuty's
        // lessons, Limoncelli's impact; Trigger and Five whys are optional sections of their own.
        let checked = try check(Self.frontMatter + """
            ## Incident summary

            Checkout returned errors for ten minutes.

            ## Affected users

            Shoppers in Europe.

            ## Timeline

            \(Self.timeline)
            ## What went wrong and why?

            A timeout was read in the wrong unit.

            ## Trigger

            A deploy.

            ## Recovery

            The deploy was rolled back.

            ## Five whys

            1. Why did checkout fail? Its calls timed out.

            ## How are we making incidents like this less likely or less impactful?

            \(Self.actions)
            ## How'd we do?

            Rolling back was quick.
            """)
        XCTAssertEqual(checked.codes, [])
    }

    func test_item2_whatHappenedIsTheSummaryOnlyWithoutAnother() throws {
        // Azure: "What happened?" is the summary.
        let azure = try check(Self.frontMatter + "## What happened?\n\nCheckout failed.\n", config: "required_sections: [Summary]\n")
        XCTAssertEqual(azure.codes, [])
        // PagerDuty writes it beside its Overview: then it is a section of its own, not a second Summary.
        let pagerDuty = try check(Self.frontMatter + "## Overview\n\nCheckout failed.\n\n## What Happened\n\nA deploy.\n",
                                  config: "required_sections: [Summary]\n")
        XCTAssertEqual(pagerDuty.codes, [])
    }

    func test_item2_aRequiredSectionNamedAsAnAliasIsFound() throws {
        // `required_sections: [Root Causes]` is met by `## Root Causes`, `## 1. Root cause` or `## Root cause analysis`.
        for heading in ["Root Causes", "1. Root cause", "Root cause analysis"] {
            let checked = try check(Self.frontMatter + "## \(heading)\n\nA timeout.\n", config: "required_sections: [Root Causes, Action Items]\n")
            XCTAssertEqual(checked.codes, ["8 DB040"], heading)
            XCTAssertTrue(checked.message("DB040").contains("'Action Items' is missing"), checked.message("DB040"))
        }
    }

    // MARK: - Item 3: another level

    func test_item3_sectionAtAnotherLevelIsReadWithAWarning() throws {
        let text = Self.frontMatter + """
            # Checkout outage

            ## Summary

            Checkout returned errors for ten minutes.

            ### Impact

            About 4% of orders failed.

            ### Root Causes

            A timeout was read in the wrong unit.

            ### Trigger

            A deploy at 09:10.

            ## Timeline

            \(Self.timeline)
            ## Action Items

            ### Prevention

            \(Self.actions)
            """
        let checked = try check(text, config: "required_sections: [Summary, Impact, Root Cause, Timeline, Preventive Actions]\n")
        XCTAssertEqual(checked.codes, ["\(line(of: "### Impact", in: text)) DB043", "\(line(of: "### Root Causes", in: text)) DB043"])
        XCTAssertEqual(checked.diagnostics.map { $0["severity"] as? String ?? "" }, ["warning", "warning"])
        let message = checked.message("DB043")
        XCTAssertTrue(message.contains("level 3") && message.contains("'### Impact'") && message.contains("'## Impact'")
                          && message.contains("section_level: any"), message)
        // The summary on the site is the Summary's own paragraph, not Impact's.
        let search = try built(checked, file: "feed.xml")
        XCTAssertTrue(search.contains("Checkout returned errors for ten minutes."), search)
    }

    func test_item3_sectionLevelAnyAcceptsSilently() throws {
        let body = Self.frontMatter + "## Summary\n\nCheckout failed.\n\n### Impact\n\nOrders failed.\n"
        let quiet = try check(body, config: "required_sections: [Summary, Impact]\nsection_level: any\n")
        XCTAssertEqual(quiet.codes, [])
        let numbered = try check(body, config: "required_sections: [Summary, Impact]\nsection_level: 3\n")
        XCTAssertEqual(numbered.codes, ["8 DB043"], "level-3 sections: the level-2 Summary is the one at another level")
        let wrong = try check(body, config: "required_sections: [Summary, Impact]\nsection_level: deep\n")
        XCTAssertEqual(wrong.codes, ["2 DB003", "12 DB043"], "an unreadable level leaves the default, level 2")
        XCTAssertTrue(wrong.message("DB003").contains("'section_level' must be a heading level from 1 to 6 or 'any'"), wrong.message("DB003"))
    }

    func test_item3_everyReaderSeesTheSameSectionAtAnotherLevel() throws {
        // A timeline and actions written under `###` are read as they are under `##`.
        let text = Self.frontMatter + """
            # Checkout outage

            ## Summary

            Checkout failed.

            ### Timeline

            #### 14 March

            - 09:12 Errors rise

            ### Action Items

            #### Prevention

            \(Self.actions)
            """
        let checked = try check(text, config: "required_sections: [Summary, Timeline, Preventive Actions]\n")
        XCTAssertEqual(checked.codes, ["\(line(of: "### Timeline", in: text)) DB043", "\(line(of: "### Action Items", in: text)) DB043"])
        let api = try built(checked, file: "api/postmortems.json")
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(api.utf8)) as? [[String: Any]])
        let timeline = try XCTUnwrap(all.first?["timeline"] as? [[String: Any]])
        XCTAssertEqual(timeline.map { $0["at"] as? String ?? "" }, ["2026-03-14T09:12:00Z"])
        let actions = try XCTUnwrap(all.first?["actions"] as? [[String: Any]])
        XCTAssertEqual(actions.map { $0["id"] as? String ?? "" }, ["PA-1"])
    }

    // MARK: - Item 4: did you mean

    func test_item4_missingSectionNamesTheClosestHeading() throws {
        let checked = try check(Self.frontMatter + """
            ## Summary

            Checkout failed.

            ## Root Cuase

            A timeout was read in the wrong unit.

            ## What we learned

            Units belong in names.

            ## Appendix

            Graphs.
            """, config: "required_sections: [Summary, Root Cause, Lessons Learned, Resolution]\n")
        XCTAssertEqual(checked.codes, ["8 DB040", "8 DB040", "8 DB040"])
        let messages = checked.diagnostics.map { $0["message"] as? String ?? "" }
        func message(_ section: String) -> String { messages.first { $0.contains("'\(section)' is missing") } ?? "" }
        XCTAssertTrue(message("Root Cause").contains("did you mean '## Root Cuase'") && message("Root Cause").contains("incident.md:12:1"), message("Root Cause"))
        XCTAssertTrue(message("Lessons Learned").contains("did you mean '## What we learned'") && message("Lessons Learned").contains("incident.md:16:1"),
                      message("Lessons Learned"))
        XCTAssertTrue(!message("Resolution").isEmpty && !message("Resolution").contains("did you mean"), message("Resolution"))
        // In the text format the suggestion is a note at the heading's own line.
        let text = try debrief(["check", "--root", checked.repo.path])
        XCTAssertTrue(text.stdout.contains("postmortems/incident.md:12:1: note: did you mean '## Root Cuase'?"), text.stdout)
    }

    // MARK: - Item 5: a post-mortem's own aliases

    func test_item5_frontMatterAliasesMapThatDocumentOnly() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("required_sections: [Summary, Root Cause]\n".utf8), to: "repo/debrief.yml", under: root)
        let legacy = """
            ---
            id: INC-2019-001
            title: Legacy outage
            date: 2019-05-02
            severity: SEV2
            status: final
            section_aliases:
              Background: Root Cause
            ---
            ## Summary

            The queue stalled.

            ## Background

            A disk filled up.
            """
        let other = legacy.replacingOccurrences(of: "INC-2019-001", with: "INC-2019-002")
            .replacingOccurrences(of: "section_aliases:\n  Background: Root Cause\n", with: "")
        try writeFile(Data(legacy.utf8), to: "repo/postmortems/legacy.md", under: root)
        try writeFile(Data(other.utf8), to: "repo/postmortems/other.md", under: root)
        let result = try debrief(["check", "--root", root.appendingPathComponent("repo").path, "--format", "json"])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
        XCTAssertEqual(diagnostics.map { "\($0["file"] ?? ""):\($0["line"] ?? 0) \($0["code"] ?? "")" },
                       ["postmortems/other.md:8 DB040"], "the alias holds for the document that declares it, and is no unknown field")
    }

    func test_item5_frontMatterAliasesAreValidated() throws {
        let checked = try check("""
            ---
            id: INC-2019-001
            title: Legacy outage
            date: 2019-05-02
            severity: SEV2
            status: final
            section_aliases:
              Background: Root Casue
              Notes: [Lessons Learned]
            ---
            ## Summary

            The queue stalled.
            """, config: "required_sections: [Summary]\n")
        XCTAssertEqual(checked.codes, ["8 DB044", "9 DB021"])
        XCTAssertTrue(checked.message("DB044").contains("'Root Casue', which is no section") && checked.message("DB044").contains("did you mean 'Root Cause'?"),
                      checked.message("DB044"))
        let list = try check(Self.frontMatter.replacingOccurrences(of: "status: final\n", with: "status: final\nsection_aliases: [Background]\n")
                                 + "## Summary\n\nx\n", config: "required_sections: [Summary]\n")
        XCTAssertEqual(list.codes, ["7 DB021"])
        XCTAssertTrue(list.message("DB021").contains("'section_aliases' must be a mapping"), list.message("DB021"))
    }

    func test_item5_configAliasTargetsAreValidatedToo() throws {
        let checked = try check(Self.frontMatter + "## Summary\n\nx\n", config: "required_sections: [Summary]\nsection_aliases:\n  Why: Root Casue\n")
        XCTAssertEqual(checked.codes, ["3 DB003"])
        XCTAssertTrue(checked.message("DB003").contains("did you mean 'Root Cause'?"), checked.message("DB003"))
    }

    // MARK: - Item 6: the templates' shapes with the defaults

    func test_item6_templateShapedPostmortemsCheckWithTheDefaults() throws {
        let repo = try fixture("template-shapes")
        let result = try debrief(["check", "--root", repo.path, "--format", "json"])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
        let found = diagnostics.map { "\($0["file"] ?? ""):\($0["line"] ?? 0):\($0["code"] ?? "") \($0["severity"] ?? "")" }
        XCTAssertEqual(found, [
            // SRE book: Impact, Root Causes and Resolution under `###`, read, with the level named.
            "postmortems/2015-10-21-sre-book-shape.md:17:DB043 warning",
            "postmortems/2015-10-21-sre-book-shape.md:21:DB043 warning",
            "postmortems/2015-10-21-sre-book-shape.md:31:DB043 warning",
            // PagerDuty: nothing. Atlassian: the lessons are not written yet (truly missing content).
            "postmortems/2026-02-11-atlassian-shape.md:78:DB041 error",
        ], diagnostics.map { "\($0["line"] ?? 0) \($0["message"] ?? "")" }.joined(separator: "\n"))
    }

    // MARK: - Fix round: how far a section reaches, which heading takes a name, a second heading

    /// The post-mortem of `api/postmortems.json` after a build.
    private func api(_ checked: Checked) throws -> [String: Any] {
        let api = try built(checked, file: "api/postmortems.json")
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(api.utf8)) as? [[String: Any]])
        return try XCTUnwrap(all.first)
    }

    private func times(_ pm: [String: Any]) -> [String] {
        (pm["timeline"] as? [[String: Any]] ?? []).map { $0["at"] as? String ?? "" }
    }

    func test_fix1_dayHeadingAtTheTimelinesLevelIsPartOfIt() throws {
        let text = Self.frontMatter + """
            ## Summary

            Checkout failed.

            ## Timeline

            - 09:00 alert fired

            ## March 15

            - 09:30 next day thing

            ## Root Cause

            A timeout.

            """
        let checked = try check(text, config: "required_sections: [Summary, Timeline, Root Cause]\n")
        XCTAssertEqual(checked.codes, [])
        XCTAssertEqual(times(try api(checked)), ["2026-03-14T09:00:00Z", "2026-03-15T09:30:00Z"])
    }

    func test_fix1_everyDayAtTheTimelinesLevel() throws {
        // Days written `Day 1`, a weekday with a date, or a date, each at the Timeline's own level.
        for days in [("Day 1", "Day 2"), ("Saturday, March 14, 2026", "Sunday, March 15, 2026"), ("2026-03-14", "2026-03-15")] {
            let text = Self.frontMatter + """
                ## Timeline

                ## \(days.0)

                - 09:00 alert fired

                ## \(days.1)

                - 09:30 next day thing

                ## Root Cause

                A timeout.

                """
            let checked = try check(text, config: "required_sections: [Timeline, Root Cause]\n")
            XCTAssertEqual(checked.codes, [], days.0)
            let pm = try api(checked)
            XCTAssertEqual((pm["timeline"] as? [[String: Any]] ?? []).map { $0["text"] as? String ?? "" }, ["alert fired", "next day thing"], days.0)
            if days.0 != "Day 1" {
                XCTAssertEqual(times(pm), ["2026-03-14T09:00:00Z", "2026-03-15T09:30:00Z"], days.0)
            }
        }
    }

    func test_fix1_dayHeadingAfterAnAliasedTimelineAtAnotherLevel() throws {
        let text = Self.frontMatter.replacingOccurrences(of: "status: final\n", with: "status: final\nsection_aliases: {Chronology: Timeline}\n") + """
            ## Background

            Some context.

            ### Chronology

            ### 2026-03-14

            - 09:00 alert fired

            ### 2026-03-15

            - 10:00 next day thing

            ## Root Cause

            A timeout.

            """
        let checked = try check(text, config: "required_sections: [Timeline, Root Cause]\n")
        XCTAssertEqual(checked.codes, ["\(line(of: "### Chronology", in: text)) DB043"])
        XCTAssertEqual(times(try api(checked)), ["2026-03-14T09:00:00Z", "2026-03-15T10:00:00Z"])
    }

    func test_fix2_aNestedOverviewDoesNotTakeTheSummaryFromWhatHappened() throws {
        let text = Self.frontMatter + """
            ## What happened?

            Checkout failed for ten minutes.

            ## Root Cause

            ### Overview

            A timeout was read in the wrong unit.

            ## Timeline

            ### Overview

            - 09:12 Errors rise

            """
        let checked = try check(text, config: "required_sections: [Summary, Root Cause, Timeline]\n")
        XCTAssertEqual(checked.codes, [])
        let search = try built(checked, file: "feed.xml")
        XCTAssertTrue(search.contains("Checkout failed for ten minutes.") && !search.contains("A timeout was read"), search)
    }

    func test_fix2_whatHappenedStillGivesWayToAnOverviewThatIsASection() throws {
        // A promoted `### Overview` (no other Summary) wins over a nested `What happened?` too.
        let text = Self.frontMatter + "# Checkout outage\n\n### Overview\n\nCheckout failed.\n\n#### What happened?\n\nA deploy.\n"
        let checked = try check(text, config: "required_sections: [Summary]\nsection_level: any\n")
        XCTAssertEqual(checked.codes, [])
        let search = try built(checked, file: "feed.xml")
        XCTAssertTrue(search.contains("Checkout failed.") && !search.contains("A deploy."), search)
    }

    func test_fix3_everyPreventiveActionsSectionIsRead() throws {
        let text = Self.frontMatter + """
            ## Action Items

            \(Self.actions)
            ## Follow-ups

            | ID | Action | Owner | Due | Status |
            |----|--------|-------|-----|--------|
            | PA-2 | Add a runbook | sam | soon | open |
            | PA-1 | Again | sam | 2026-04-01 | open |

            """
        let checked = try check(text, config: "required_sections: [Preventive Actions]\n")
        XCTAssertEqual(checked.codes, ["\(line(of: "## Follow-ups", in: text)) DB042", "\(line(of: "| PA-2 | Add a runbook | sam | soon | open |", in: text)) DB063",
                                       "\(line(of: "| PA-1 | Again | sam | 2026-04-01 | open |", in: text)) DB064"])
        XCTAssertTrue(checked.message("DB042").contains("both are read as one"), checked.message("DB042"))
        let actions = try XCTUnwrap(try api(checked)["actions"] as? [[String: Any]])
        XCTAssertEqual(actions.map { $0["id"] as? String ?? "" }, ["PA-1", "PA-2", "PA-1"])
    }

    func test_fix3_everyTimelineSectionIsRead() throws {
        let text = Self.frontMatter + "## Timeline\n\n- 09:00 alert fired\n\n## Incident timeline\n\n- 09:30 rollback\n"
        let checked = try check(text, config: "required_sections: [Timeline]\n")
        XCTAssertEqual(checked.codes, ["\(line(of: "## Incident timeline", in: text)) DB042"])
        XCTAssertEqual(times(try api(checked)), ["2026-03-14T09:00:00Z", "2026-03-14T09:30:00Z"])
        // An empty first heading with the entries under the second is no empty section.
        let split = try check(Self.frontMatter + "## Timeline\n\n## Incident timeline\n\n- 09:30 rollback\n", config: "required_sections: [Timeline]\n")
        XCTAssertEqual(split.codes, ["10 DB042"])
        // Read as one, the two are checked as one: no entries in either is DB052, no table in either DB060.
        let noEntries = try check(Self.frontMatter + "## Timeline\n\n## Incident timeline\n\nNothing timed.\n\n## Action Items\n\n## Follow-ups\n\nLater.\n",
                                  config: "required_sections: [Timeline]\n")
        XCTAssertEqual(noEntries.codes, ["8 DB052", "10 DB042", "14 DB060", "16 DB042"])
    }

    func test_fix3_aSecondSummarySaysWhichOneTheSiteUses() throws {
        let text = Self.frontMatter + "## Summary\n\nCheckout failed.\n\n## Summary\n\nMore.\n"
        let checked = try check(text, config: "required_sections: [Summary]\n")
        XCTAssertEqual(checked.codes, ["12 DB042"])
        XCTAssertTrue(checked.message("DB042").contains("only the first is the site's summary and is checked for content"), checked.message("DB042"))
    }

    func test_fix3_contributingFactorsIsASectionBesideRootCause() throws {
        let text = Self.frontMatter + "## Root Cause\n\nA timeout.\n\n## Contributing factors\n\nNo alert on the queue.\n"
        let checked = try check(text, config: "required_sections: [Root Cause]\n")
        XCTAssertEqual(checked.codes, [])
    }
}
