@testable import DebriefKit
import DebriefTestSupport
import XCTest

final class DrafterTests: XCTestCase {
    let day = CalendarDate(year: 2026, month: 3, day: 14)!

    private func drafter(_ root: URL) throws -> Drafter {
        Drafter(base: try RepositoryLoader().load(root: root))
    }

    /// Writes the draft and reads the repo back: the diagnostics `check` would give that file.
    private func writeAndCheck(_ draft: Draft, root: URL) throws -> (KnowledgeBase, [Diagnostic]) {
        try NewFileWriter.create(draft.file, text: draft.text, root: root)
        let base = try RepositoryLoader().load(root: root)
        return (base, Validator.standard.validate(base).filter { $0.location.file == draft.file })
    }

    func testPostmortemDraftHasNextIdLastSeverityAndDatedFileName() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let draft = try drafter(root).postmortem(PostmortemRequest(title: "Checkout unavailable during the spring promotion"), today: day)
        XCTAssertEqual(draft.file, "postmortems/2026-03-14-checkout-unavailable-during-the-spring-promotion.md")
        XCTAssertEqual(draft.id, "INC-2026-001")
        XCTAssertTrue(draft.text.hasPrefix("---\nid: INC-2026-001\ntitle: \"Checkout unavailable during the spring promotion\"\ndate: 2026-03-14\nseverity: SEV4\nstatus: draft\nservices: []\n"), draft.text)
    }

    func testWrittenDraftHasNoErrorsOnlyWarningsForEmptySections() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let draft = try drafter(root).postmortem(PostmortemRequest(title: "Payments down", services: ["payments", "api: gateway"]), today: day)
        let (base, diagnostics) = try writeAndCheck(draft, root: root)
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }, [])
        XCTAssertFalse(diagnostics.isEmpty, "a draft's empty sections are warnings")
        XCTAssertEqual(base.postmortems.first?.services, ["payments", "api: gateway"])
        XCTAssertEqual(base.postmortems.first?.statusText, "draft")
    }

    func testSecondDraftGetsTheNextId() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let first = try drafter(root).postmortem(PostmortemRequest(title: "One"), today: day)
        try NewFileWriter.create(first.file, text: first.text, root: root)
        let second = try drafter(root).postmortem(PostmortemRequest(title: "Two"), today: day)
        XCTAssertEqual([first.id, second.id], ["INC-2026-001", "INC-2026-002"])
    }

    func testSequenceIsPerYearOfTheIncidentDate() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "---\nid: INC-2026-041\ntitle: x\ndate: 2026-01-01\nseverity: SEV1\nstatus: draft\n---\n", to: "postmortems/a.md", under: root)
        let draft = try drafter(root).postmortem(PostmortemRequest(title: "Old one", date: CalendarDate(year: 2025, month: 12, day: 30)), today: day)
        XCTAssertEqual(draft.id, "INC-2025-001")
        XCTAssertEqual(draft.file, "postmortems/2025-12-30-old-one.md")
    }

    func testIdFormatFromConfigIsUsed() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "id_format: \"PM-{seq:4}\"\n", to: "debrief.yml", under: root)
        try writeFile(utf8: "---\nid: PM-0009\ntitle: x\ndate: 2026-01-01\nseverity: SEV1\nstatus: draft\n---\n", to: "postmortems/a.md", under: root)
        XCTAssertEqual(try drafter(root).postmortem(PostmortemRequest(title: "t"), today: day).id, "PM-0010")
    }

    func testExplicitIdIsUsedAndAnExistingOneRefused() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "---\nid: INC-2026-001\ntitle: x\ndate: 2026-01-01\nseverity: SEV1\nstatus: draft\n---\n", to: "postmortems/a.md", under: root)
        XCTAssertEqual(try drafter(root).postmortem(PostmortemRequest(title: "t", id: "OPS-77"), today: day).id, "OPS-77")
        XCTAssertThrowsError(try drafter(root).postmortem(PostmortemRequest(title: "t", id: "INC-2026-001"), today: day)) { error in
            XCTAssertEqual(error as? AuthoringError, .idExists(id: "INC-2026-001", file: "postmortems/a.md"))
            XCTAssertEqual((error as? AuthoringError)?.isConflict, true)
        }
    }

    func testInvalidIdAndUnknownSeverityAreRefusedAsUsage() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        XCTAssertThrowsError(try drafter(root).postmortem(PostmortemRequest(title: "t", id: "../x"), today: day)) { error in
            XCTAssertEqual(error as? AuthoringError, .invalidID("../x"))
            XCTAssertEqual((error as? AuthoringError)?.isConflict, false)
        }
        XCTAssertThrowsError(try drafter(root).postmortem(PostmortemRequest(title: "t", severity: "P1"), today: day)) { error in
            XCTAssertEqual(error as? AuthoringError, .unknownSeverity("P1", allowed: ["SEV1", "SEV2", "SEV3", "SEV4"]))
        }
        XCTAssertThrowsError(try drafter(root).postmortem(PostmortemRequest(title: " \n\t "), today: day)) { error in
            XCTAssertEqual(error as? AuthoringError, .emptyTitle)
        }
    }

    func testSeverityIsMatchedCaseInsensitivelyAndWrittenAsConfigured() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let draft = try drafter(root).postmortem(PostmortemRequest(title: "t", severity: "sev1"), today: day)
        XCTAssertTrue(draft.text.contains("\nseverity: SEV1\n"))
    }

    func testExistingFileIsNeverOverwritten() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "mine\n", to: "postmortems/2026-03-14-same-title.md", under: root)
        XCTAssertThrowsError(try drafter(root).postmortem(PostmortemRequest(title: "Same title"), today: day)) { error in
            XCTAssertEqual(error as? AuthoringError, .fileExists("postmortems/2026-03-14-same-title.md"))
        }
        XCTAssertThrowsError(try NewFileWriter.create("postmortems/2026-03-14-same-title.md", text: "new", root: root)) { error in
            XCTAssertEqual(error as? AuthoringError, .fileExists("postmortems/2026-03-14-same-title.md"))
        }
        XCTAssertEqual(try text("postmortems/2026-03-14-same-title.md", under: root), "mine\n")
    }

    func testTitlesThatAreHardForYAMLReadBackExactly() throws {
        let titles = ["Checkout: down \"again\" #1", "'quoted' & <b>bold</b>", "- starts with a dash", "true", "2026-03-14",
                      "back\\slash: C:\\temp", "Größere Störung über Nacht", "データベース障害", "🔥🔥🔥", "@here *alias* !tag"]
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        for (index, title) in titles.enumerated() {
            let draft = try drafter(root).postmortem(PostmortemRequest(title: title, date: CalendarDate(year: 2026, month: 3, day: index + 1)), today: day)
            let (base, diagnostics) = try writeAndCheck(draft, root: root)
            XCTAssertEqual(diagnostics.filter { $0.severity == .error }, [], title)
            XCTAssertEqual(base.postmortems.first { $0.file == draft.file }?.title, title)
        }
    }

    func testUnicodeTitlesGiveASCIIFileNamesAndEmojiFallsBackToTheId() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let german = try drafter(root).postmortem(PostmortemRequest(title: "Größere Störung"), today: day)
        let japanese = try drafter(root).postmortem(PostmortemRequest(title: "データベース障害"), today: day)
        let emoji = try drafter(root).postmortem(PostmortemRequest(title: "🔥🔥🔥", id: "INC-2026-009"), today: day)
        XCTAssertEqual(german.file, "postmortems/2026-03-14-grossere-storung.md")
        XCTAssertEqual(japanese.file, "postmortems/2026-03-14-detabesu-zhang-hai.md")
        XCTAssertEqual(emoji.file, "postmortems/2026-03-14-inc-2026-009.md")
    }

    func testRepoTemplateOverridesTheBuiltInOne() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "---\nid: {{{id}}}\ntitle: {{{titleYAML}}}\ndate: {{{date}}}\nseverity: {{{severity}}}\nstatus: draft\n---\n\nOurs.\n",
                  to: "templates/postmortem.md", under: root)
        let draft = try drafter(root).postmortem(PostmortemRequest(title: "t"), today: day)
        XCTAssertEqual(draft.text, "---\nid: INC-2026-001\ntitle: \"t\"\ndate: 2026-03-14\nseverity: SEV4\nstatus: draft\n---\n\nOurs.\n")
    }

    func testBrokenRepoTemplateIsReported() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "{{#open}}never closed\n", to: "templates/sop.md", under: root)
        XCTAssertThrowsError(try drafter(root).sop(title: "t", today: day)) { error in
            guard case .templateInvalid(let file, _)? = error as? AuthoringError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "templates/sop.md")
        }
    }

    func testSOPDraftIsNamedAfterItsTitleAndPassesCheck() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let draft = try drafter(root).sop(title: "Load balancer failover", today: day)
        XCTAssertEqual(draft.file, "sops/load-balancer-failover.md")
        XCTAssertTrue(draft.text.hasPrefix("---\ntitle: \"Load balancer failover\"\n"), draft.text)
        let (base, diagnostics) = try writeAndCheck(draft, root: root)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(base.sops.first?.title, "Load balancer failover")
        XCTAssertEqual(base.sops.first?.lastReviewed, day)
    }

    func testEmojiSOPTitlesGetNumberedFallbackNames() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let first = try drafter(root).sop(title: "🔥", today: day)
        try NewFileWriter.create(first.file, text: first.text, root: root)
        let second = try drafter(root).sop(title: "🧯", today: day)
        XCTAssertEqual([first.file, second.file], ["sops/sop.md", "sops/sop-2.md"])
    }

    func testConfiguredFoldersAreUsed() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(utf8: "postmortems: incidents/reports\nsops: runbooks\n", to: "debrief.yml", under: root)
        XCTAssertEqual(try drafter(root).postmortem(PostmortemRequest(title: "x"), today: day).file, "incidents/reports/2026-03-14-x.md")
        XCTAssertEqual(try drafter(root).sop(title: "y", today: day).file, "runbooks/y.md")
    }
}
