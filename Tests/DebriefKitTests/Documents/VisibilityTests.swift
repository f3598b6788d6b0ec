@testable import DebriefKit
import XCTest

/// Item 1: what a document marks internal (`visibility`, `<!-- internal -->` blocks, sections
/// whose heading ends in `(internal)` or that `internal_sections` names), the diagnostics of
/// markers that do not pair, and the public text cut from it.
final class VisibilityTests: XCTestCase {
    private func read(_ body: String, extra: String = "", config: Config = Config()) -> (Postmortem, [Diagnostic], PublicPlan) {
        let layout = RepositoryLayout(config: config, postmortemFiles: ["postmortems/a.md"], sopFiles: [])
        return PostmortemReader(layout: layout).readWithPlan(SourceText(path: "postmortems/a.md", text: frontMatter(extra) + body))
    }

    /// Front matter takes 7 lines, so the body's first line is file line 8.
    private func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location.line):\($0.code.rawValue)" }.sorted()
    }

    // MARK: - Markers

    func test_item1_pairedBlockIsCutMarkersIncluded() {
        let (_, diagnostics, plan) = read("## Summary\n\nPublic.\n\n<!-- internal -->\nSecret.\n<!-- /internal -->\n\nMore.\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, [])
        XCTAssertEqual(plan.cuts, [5...7])
        XCTAssertTrue(plan.isPublished)
    }

    func test_item1_unclosedBlockIsAnErrorAtItsOpeningLine() {
        let (_, diagnostics, plan) = read("## Summary\n\nPublic.\n\n<!-- internal -->\nSecret to the end.\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, ["12:DB036"])
        XCTAssertFalse(plan.markersSound)
        XCTAssertFalse(plan.isPublished)
    }

    func test_item1_nestedBlockIsAnErrorAtTheInnerOpening() {
        let (_, diagnostics, plan) = read("## Summary\n\n<!-- internal -->\nA.\n\n<!-- internal -->\nB.\n<!-- /internal -->\n<!-- /internal -->\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, ["13:DB037"])
        XCTAssertFalse(plan.isPublished)
    }

    func test_item1_closingWithoutOpeningIsAnError() {
        let (_, diagnostics, _) = read("## Summary\n\nText.\n\n<!-- /internal -->\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, ["12:DB038"])
    }

    func test_item1_closingInAnotherListItemIsAnError() {
        let body = "## Summary\n\n- one\n\n  <!-- internal -->\n\n  secret\n\n- two\n\n  <!-- /internal -->\n"
        let (_, diagnostics, plan) = read(body)
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, ["18:DB038"])
        XCTAssertFalse(plan.isPublished)
    }

    func test_item1_markerInsideAParagraphIsAnError() {
        let (_, diagnostics, plan) = read("## Summary\n\nText <!-- internal --> secret <!-- /internal --> more.\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, ["10:DB039", "10:DB039"])
        XCTAssertFalse(plan.isPublished)
    }

    func test_item1_markerSharingItsHTMLBlockIsAnError() {
        let (_, diagnostics, _) = read("## Summary\n\n<div>\n<!-- internal -->\n</div>\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, ["10:DB039"])
    }

    func test_item1_internalHeadingInsideAQuoteIsAnError() {
        let (_, diagnostics, plan) = read("## Summary\n\n> ### Notes (internal)\n>\n> Secret.\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, ["10:DB039"])
        XCTAssertFalse(plan.isPublished)
    }

    func test_item1_markerInACodeBlockIsText() {
        let (_, diagnostics, plan) = read("## Summary\n\n```\n<!-- internal -->\n```\n")
        XCTAssertEqual(codes(diagnostics).filter { $0.contains("DB03") }, [])
        XCTAssertEqual(plan.cuts, [])
    }

    // MARK: - Visibility

    func test_item1_unknownVisibilityIsAnErrorAndTheDocumentStaysInternal() {
        let (_, diagnostics, plan) = read("## Summary\n\nText.\n", extra: "visibility: pubic\n")
        let found = diagnostics.filter { $0.code == .visibilityInvalid }
        XCTAssertEqual(found.map(\.location.line), [7])
        XCTAssertEqual(found.first?.notes.first?.message, "did you mean 'public'?")
        XCTAssertEqual(plan.visibility, .internal)
        XCTAssertFalse(plan.isPublished)
    }

    func test_item1_visibilityIsAKnownFieldOfPostmortemsAndSOPs() {
        let (_, diagnostics, plan) = read("## Summary\n\nText.\n", extra: "visibility: internal\n")
        XCTAssertEqual(diagnostics.filter { $0.code == .unknownField || $0.code == .visibilityInvalid }.count, 0)
        XCTAssertEqual(plan.visibility, .internal)
        let layout = RepositoryLayout(config: Config(), postmortemFiles: [], sopFiles: ["sops/a.md"])
        let (_, sopDiagnostics, sopPlan) = SOPReader(layout: layout).readWithPlan(
            SourceText(path: "sops/a.md", text: "---\nvisibility: internal\n---\n# A\n\nText.\n"))
        XCTAssertEqual(sopDiagnostics.map(\.code), [])
        XCTAssertEqual(sopPlan.visibility, .internal)
    }

    // MARK: - Sections

    func test_item1_headingEndingInInternalCutsItsSubsectionsAndNothingAfter() {
        let body = "## Summary\n\nText.\n\n## Escalation (internal)\n\nSecret.\n\n### Contacts\n\nPhone.\n\n## Timeline\n\n- 09:00 Start\n"
        let (pm, _, plan) = read(body)
        XCTAssertEqual(plan.cuts, [5...12])
        // The section keeps its canonical reading for check: `(internal)` is a remark.
        XCTAssertEqual(pm.sections.map(\.name), ["Summary", "Escalation (internal)", "Timeline"])
    }

    func test_item1_internalSuffixDoesNotChangeWhichSectionAHeadingIs() {
        let (pm, diagnostics, plan) = read("## Summary\n\nText.\n\n## Timeline (internal)\n\n- 09:00 Start\n")
        XCTAssertEqual(pm.sections.map(\.name), ["Summary", "Timeline"])
        XCTAssertEqual(pm.timeline.count, 1)
        XCTAssertFalse(diagnostics.contains { $0.code == .missingSection && $0.message.contains("Timeline") })
        XCTAssertEqual(plan.cuts, [5...8])
    }

    func test_item1_internalSectionsOfTheConfigAreCutByCanonicalName() throws {
        let (config, configDiagnostics) = Config.parse("internal_sections: [Lessons Learned]\n")
        XCTAssertEqual(configDiagnostics.map(\.code), [])
        let (_, _, plan) = read("## Summary\n\nText.\n\n## Lessons learned\n\nA lesson.\n\n## Timeline\n\n- 09:00 Start\n", config: config)
        XCTAssertEqual(plan.cuts, [5...8])
    }

    func test_item1_unknownInternalSectionIsAConfigErrorWithASuggestion() {
        let (config, diagnostics) = Config.parse("internal_sections: [Lessons Lerned]\n")
        XCTAssertEqual(diagnostics.map(\.code), [.configInvalidValue])
        XCTAssertEqual(diagnostics.first?.location.line, 1)
        XCTAssertEqual(diagnostics.first?.notes.first?.message, "did you mean 'Lessons Learned'?")
        XCTAssertEqual(config.internalSections, [])
    }

    func test_item1_publicOptionsAreReadAndCheckedWithDefaultsOff() {
        XCTAssertEqual(Config().publicOptions, PublicOptions())
        XCTAssertEqual(PublicOptions().actions, .summary)
        let (config, diagnostics) = Config.parse("public:\n  owners: true\n  actions: full\n  fields: [cost]\n")
        XCTAssertEqual(diagnostics.map(\.code), [])
        XCTAssertTrue(config.publicOptions.owners)
        XCTAssertFalse(config.publicOptions.authors)
        XCTAssertEqual(config.publicOptions.actions, .full)
        XCTAssertEqual(config.publicOptions.fields, ["cost"])
        let (_, bad) = Config.parse("public:\n  owner: true\n  actions: some\n")
        XCTAssertEqual(bad.map(\.code), [.configUnknownKey, .configInvalidValue])
        XCTAssertEqual(bad.first?.notes.first?.message, "did you mean 'owners'?")
    }

    // MARK: - Public text

    func test_item1_publicTextBlanksCutLinesAndRewritesActionsWithShownColumnsOnly() {
        let body = """
        ## Summary

        Text.

        <!-- internal -->
        Secret.
        <!-- /internal -->

        ## Preventive Actions

        | ID | Action | Owner | Due | Status | Ticket |
        |----|--------|-------|-----|--------|--------|
        | PA-1 | Add a canary | @dana | 2026-04-01 | open | OPS-1 |

        """
        let text = frontMatter() + body
        let (pm, _, plan) = read(body)
        let cut = PublicText.apply(plan, to: text, actions: pm.actionTables, options: PublicOptions(), publishedSOP: { _ in true })
        XCTAssertFalse(cut.contains("Secret"))
        XCTAssertFalse(cut.contains("internal"))
        XCTAssertFalse(cut.contains("dana"), cut)
        XCTAssertFalse(cut.contains("2026-04-01"))
        XCTAssertFalse(cut.contains("OPS-1"))
        XCTAssertTrue(cut.contains("| ID | Action | Status |\n| --- | --- | --- |\n| PA-1 | Add a canary | open |"))
        // Lines before the cut keep their numbers.
        XCTAssertEqual(cut.split(separator: "\n", omittingEmptySubsequences: false)[9], "Text.")
        var full = PublicOptions()
        full.actions = .full
        full.owners = true
        let shown = PublicText.apply(plan, to: text, actions: pm.actionTables, options: full, publishedSOP: { _ in true })
        XCTAssertTrue(shown.contains("| ID | Action | Owner | Due | Status | Ticket | Type |"))
        XCTAssertTrue(shown.contains("| PA-1 | Add a canary | dana | 2026-04-01 | open | OPS-1 |  |"))
        var none = PublicOptions()
        none.actions = .none
        let without = PublicText.apply(plan, to: text, actions: pm.actionTables, options: none, publishedSOP: { _ in true })
        XCTAssertFalse(without.contains("Preventive Actions"))
        XCTAssertFalse(without.contains("canary"))
    }

    func test_item1_publicTextCutsBodiesWithCRLFLineEndings() {
        let text = frontMatter().replacingOccurrences(of: "\n", with: "\r\n")
            + "## Summary\r\n\r\nText.\r\n\r\n<!-- internal -->\r\nSecret.\r\n<!-- /internal -->\r\n\r\nMore.\r\n"
        let layout = RepositoryLayout(config: Config(), postmortemFiles: ["postmortems/a.md"], sopFiles: [])
        let (pm, _, plan) = PostmortemReader(layout: layout).readWithPlan(SourceText(path: "postmortems/a.md", text: text))
        let cut = PublicText.apply(plan, to: text, actions: pm.actionTables, options: PublicOptions(), publishedSOP: { _ in true })
        XCTAssertFalse(cut.contains("Secret"))
        XCTAssertTrue(cut.contains("Text.\r\n"))
        XCTAssertTrue(cut.contains("More.\r\n"))
        XCTAssertTrue(cut.hasPrefix(frontMatter().replacingOccurrences(of: "\n", with: "\r\n")))
    }

    func test_item1_unpublishedLinksKeepOnlyTheirText() {
        let html = "<p>See <a href=\"debrief-unpublished:\" title=\"x\">the <em>old</em> one</a> and <a href=\"b.html\">b</a>.</p>"
        XCTAssertEqual(UnpublishedLinks.strip(html), "<p>See the <em>old</em> one and <a href=\"b.html\">b</a>.</p>")
    }
}
