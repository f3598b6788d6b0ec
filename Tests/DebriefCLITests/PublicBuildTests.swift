@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// `debrief build --public` and `debrief render --public` on `Fixtures/public-repo`, where every
/// internal place holds a marker word ending in `zk` that starts with `i`, and every public
/// place one that starts with `p` (items 2 and 3).
final class PublicBuildTests: CLITestCase {
    /// A marker in each internal place of the fixture: front matter fields, an internal block
    /// (in the body, in the timeline, in an SOP), an internal section and its subsection, a
    /// section `internal_sections` names, an internal post-mortem (title, body, id, file name,
    /// its tag, service, action and owner), an internal SOP (title, body, file name), an action
    /// owner, due date and ticket, an SOP's owner, a declared field, and the addresses of
    /// `repo_url` and of `tickets:` (the company's code browser and tracker).
    static let internalMarkers = [
        "iauthorzk", "icommanderzk", "icostzk", "iblockzk", "itimelinezk", "isectionzk", "isectionbodyzk", "isubsectionzk",
        "iconfsectionzk", "ipmtitlezk", "ipmbodyzk", "INC-2026-777", "islugzk", "itagzk", "iservicezk", "ipmactionzk",
        "ipmownerzk", "isoptitlezk", "isopbodyzk", "isopslugzk", "iownerzk", "2031-07-19", "iticketzk", "isopownerzk",
        "isopblockzk", "irepozk", "itrackerzk",
    ]
    /// A marker in each public place.
    static let publicMarkers = [
        "pheadlinezk", "psummaryzk", "pimpactzk", "pafterzk", "ptimelinezk", "pactionzk", "ptagzk", "pservicezk",
        "psoptitlezk", "psopbodyzk",
    ]

    @discardableResult
    private func build(_ repo: URL, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        let result = try debrief(["build", "--root", repo.path, "--as-of", "2026-06-15"] + extra, file: file, line: line)
        XCTAssertEqual(result.exitCode, 0, result.stderr, file: file, line: line)
        return result
    }

    /// Every file of a built site as text, search documents inflated (as the golden test does).
    private func siteText(_ folder: URL) throws -> [String: String] {
        let files = SiteTree.inflatingSearchDocuments(try SiteTree.files(in: folder))
        return files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: - Item 3: the proof

    func test_item3_noInternalMarkerInAnyFileOfThePublicSiteAndEveryPublicMarkerInOne() throws {
        let repo = try fixture("public-repo")
        try build(repo, ["--public", "--base-url", "https://status.example.com/history/"])
        let site = repo.appendingPathComponent("_site-public")
        let files = try siteText(site)
        XCTAssertNotNil(files["index.html"])
        XCTAssertNotNil(files["feed.xml"])
        XCTAssertNotNil(files["sitemap.xml"])
        XCTAssertNotNil(files["api/postmortems.json"])
        XCTAssertTrue(files.keys.contains { $0.hasPrefix("search/d/") }, files.keys.sorted().joined(separator: " "))
        for marker in Self.internalMarkers {
            let leaks = files.filter { $0.key.contains(marker) || $0.value.contains(marker) }.keys.sorted()
            XCTAssertEqual(leaks, [], "internal marker \(marker) is in the public site")
        }
        for marker in Self.publicMarkers {
            XCTAssertTrue(files.values.contains { $0.contains(marker) }, "public marker \(marker) is missing from the public site")
        }
        // The search index has the public text (decoded), so an empty index cannot pass the test.
        let search = files.filter { $0.key.hasPrefix("search/") }.values.joined()
        for marker in ["psummaryzk", "pimpactzk", "psopbodyzk"] {
            XCTAssertTrue(search.contains(marker), "\(marker) is not in the search index")
        }
        // An SOP link is internal by default: the public SOP has its page (and is listed), no
        // action links to it.
        XCTAssertNotNil(files["sops/plinkedsopzk.html"])
        for path in ["postmortems/2026/2026-03-14-checkout.html", "actions.html", "api/postmortems.json"] {
            let text = try XCTUnwrap(files[path], path)
            XCTAssertFalse(text.contains("plinkedsopzk.html") || text.contains("\"sops\":[\"plinkedsopzk"), "\(path) links an action to its SOP")
        }
        XCTAssertFalse(try XCTUnwrap(files["api/postmortems.json"]).contains("plinkedsopzk"))
        XCTAssertFalse(try XCTUnwrap(files["postmortems/2026/2026-03-14-checkout.html"]).contains("plinkedsopzk"))
    }

    func test_item3_theDefaultBuildStillShowsEveryMarker() throws {
        let repo = try fixture("public-repo")
        try build(repo)
        let files = try siteText(repo.appendingPathComponent("_site"))
        for marker in Self.internalMarkers + Self.publicMarkers {
            XCTAssertTrue(files.contains { $0.key.contains(marker) || $0.value.contains(marker) }, "\(marker) is missing from the internal site")
        }
    }

    /// Two public post-mortems alike in their public text and sharing a rare word only in their
    /// internal blocks: the public site's similar incidents come from the public text, so that
    /// word is no reason there (the internal site shows it, so the check can fail); reviewers,
    /// approvers and the publishing deadline stay off the public site.
    func test_item3_similarIncidentsAndTheReviewRecordComeFromThePublicTextAlone() throws {
        let repo = try fixture("public-repo")
        let config = repo.appendingPathComponent("debrief.yml")
        try (try String(contentsOf: config, encoding: .utf8) + "publish_within: {SEV2: 1d}\n").write(to: config, atomically: true, encoding: .utf8)
        for (number, day) in [(10, "01"), (11, "08")] {
            let text = """
                ---
                id: INC-2026-0\(number)
                title: Checkout cache stampede \(number)
                date: 2026-04-\(day)
                severity: SEV2
                status: final
                services: [pservicezk]
                reviewers: ["@ireviewerzk"]
                approved_by: ["@iapproverzk"]
                approved: 2026-04-\(day)
                started: 2026-04-\(day)T10:00:00+00:00
                resolved: 2026-04-\(day)T11:00:00+00:00
                ---
                ## Summary

                The checkout cache expired at once and the database saturated under the stampede.

                <!-- internal -->
                The isimilarzk flag of the isimilarzk cache was off.
                <!-- /internal -->

                ## Timeline

                - 10:00 Started

                ## Preventive Actions

                | ID | Action | Owner | Due | Status |
                |----|--------|-------|-----|--------|
                | PA-1 | Jitter the cache expiry | @max | 2026-05-01 | open |

                """
            try text.write(to: repo.appendingPathComponent("postmortems/2026/2026-04-\(day)-cache.md"), atomically: true, encoding: .utf8)
        }
        try build(repo)
        let internalAPI = try XCTUnwrap(try siteText(repo.appendingPathComponent("_site"))["api/postmortems.json"])
        XCTAssertTrue(internalAPI.contains("isimilarzk"), "the internal site's reasons name the shared internal word")
        XCTAssertTrue(internalAPI.contains("ireviewerzk"))
        try build(repo, ["--public"])
        let files = try siteText(repo.appendingPathComponent("_site-public"))
        for marker in ["isimilarzk", "ireviewerzk", "iapproverzk", "Publish by", "publish_within"] {
            let leaks = files.filter { $0.value.contains(marker) }.keys.sorted()
            XCTAssertEqual(leaks, [], "\(marker) is in the public site")
        }
        let api = try XCTUnwrap(files["api/postmortems.json"])
        XCTAssertTrue(api.contains("\"similar\":[{\"id\":\"INC-2026-010\""), api)
    }

    // MARK: - Item 2

    func test_item2_publicPagesLeaveOutInternalDocumentsAndLinksToThem() throws {
        let repo = try fixture("public-repo")
        try build(repo, ["--public"])
        let site = repo.appendingPathComponent("_site-public")
        let files = try siteText(site)
        XCTAssertNil(files["postmortems/2026/2026-03-02-islugzk.html"])
        XCTAssertNil(files["sops/isopslugzk.html"])
        let page = try XCTUnwrap(files["postmortems/2026/2026-03-14-checkout.html"])
        // The link to the internal post-mortem keeps its words and loses its target.
        XCTAssertTrue(page.contains("See also the earlier incident."), page)
        XCTAssertFalse(page.contains("Escalation"))
        XCTAssertFalse(page.contains("Lessons Learned"))
        XCTAssertFalse(page.contains("View source"))
        // The tracker shows the public columns; one API row per public post-mortem.
        XCTAssertTrue(page.contains("Add a canary stage pactionzk"))
        let api = try XCTUnwrap(files["api/postmortems.json"])
        XCTAssertEqual(api.components(separatedBy: "\"id\":\"INC-").count - 1, 1, api)
        XCTAssertTrue(api.contains("\"owner\":\"\""), api)
        XCTAssertEqual(try XCTUnwrap(files[SiteLayout.markerFile]), SiteLayout.publicMarkerText)
    }

    func test_item2_publicOptionsOptEachFieldIn() throws {
        let repo = try fixture("public-repo")
        let config = repo.appendingPathComponent("debrief.yml")
        let text = try String(contentsOf: config, encoding: .utf8)
            + "public: {owners: true, commanders: true, authors: true, sops: true, actions: full, fields: [cost]}\n"
        try text.write(to: config, atomically: true, encoding: .utf8)
        try build(repo, ["--public"])
        let files = try siteText(repo.appendingPathComponent("_site-public"))
        let page = try XCTUnwrap(files["postmortems/2026/2026-03-14-checkout.html"])
        for shown in ["iauthorzk", "icommanderzk", "icostzk", "iownerzk", "2031-07-19", "iticketzk", "plinkedsopzk.html"] {
            XCTAssertTrue(page.contains(shown), "\(shown) is opted in but not shown")
        }
        XCTAssertTrue(try XCTUnwrap(files["sops/plinkedsopzk.html"]).contains("isopownerzk"))
        // Opting in shows fields, never internal documents, blocks or sections.
        for marker in ["iblockzk", "isectionzk", "iconfsectionzk", "ipmtitlezk", "isopslugzk", "isoptitlezk", "isopblockzk"] {
            XCTAssertFalse(files.contains { $0.key.contains(marker) || $0.value.contains(marker) }, "\(marker) leaked")
        }
    }

    func test_item2_actionsNoneCutsTheSectionAndTheTracker() throws {
        let repo = try fixture("public-repo")
        let config = repo.appendingPathComponent("debrief.yml")
        try (try String(contentsOf: config, encoding: .utf8) + "public: {actions: none}\n").write(to: config, atomically: true, encoding: .utf8)
        try build(repo, ["--public"])
        let files = try siteText(repo.appendingPathComponent("_site-public"))
        XCTAssertFalse(files.values.contains { $0.contains("pactionzk") })
        XCTAssertTrue(try XCTUnwrap(files["api/postmortems.json"]).contains("\"actions\":[]"))
    }

    func test_item2_publicAndInternalSitesNeverShareAFolder() throws {
        let repo = try fixture("public-repo")
        try build(repo)
        let intoInternal = try debrief(["build", "--root", repo.path, "--public", "--output", repo.appendingPathComponent("_site").path])
        XCTAssertEqual(intoInternal.exitCode, 2)
        XCTAssertTrue(intoInternal.stderr.contains("refusing to build the public site into"), intoInternal.stderr)
        try build(repo, ["--public"])
        let intoPublic = try debrief(["build", "--root", repo.path, "--output", repo.appendingPathComponent("_site-public").path])
        XCTAssertEqual(intoPublic.exitCode, 2)
        XCTAssertTrue(intoPublic.stderr.contains("it holds the public site"), intoPublic.stderr)
        // A second public build reuses nothing cached and writes the same site.
        let again = try build(repo, ["--public"])
        XCTAssertTrue(again.stdout.contains("into _site-public/") || again.stdout.contains("_site-public"), again.stdout)
    }

    func test_item2_unbalancedMarkersStopThePublicBuildAndAllowErrorsLeavesTheDocumentOut() throws {
        let repo = try fixture("public-repo")
        let file = repo.appendingPathComponent("postmortems/2026/2026-03-14-checkout.md")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "<!-- /internal -->\n\nPayments", with: "\nPayments")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let refused = try debrief(["build", "--root", repo.path, "--public", "--as-of", "2026-06-15"])
        XCTAssertEqual(refused.exitCode, 1)
        XCTAssertTrue(refused.stderr.contains("postmortems/2026/2026-03-14-checkout.md:28:1: error: [DB036]"), refused.stderr)
        try build(repo, ["--public", "--allow-errors"])
        let files = try siteText(repo.appendingPathComponent("_site-public"))
        XCTAssertNil(files["postmortems/2026/2026-03-14-checkout.html"])
        XCTAssertFalse(files.values.contains { $0.contains("iblockzk") || $0.contains("pheadlinezk") })
    }

    func test_item2_checkFindingsDoNotDependOnVisibility() throws {
        let repo = try fixture("public-repo")
        let marked = try debrief(["check", "--root", repo.path])
        XCTAssertEqual(marked.exitCode, 0, marked.stdout + marked.stderr)
        for path in ["postmortems/2026/2026-03-02-islugzk.md", "sops/isopslugzk.md"] {
            let file = repo.appendingPathComponent(path)
            let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "visibility: internal\n", with: "")
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let unmarked = try debrief(["check", "--root", repo.path])
        XCTAssertEqual(unmarked.stdout, marked.stdout)
        XCTAssertEqual(unmarked.exitCode, marked.exitCode)
    }

    func test_item2_renderPublicPrintsThePublicBody() throws {
        let repo = try fixture("public-repo")
        let result = try debrief(["render", "--public", "postmortems/2026/2026-03-14-checkout.md"], in: repo)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("pimpactzk"))
        XCTAssertTrue(result.stdout.contains("pafterzk"))
        for marker in ["iblockzk", "itimelinezk", "isectionzk", "iconfsectionzk", "iownerzk", "islugzk", "iticketzk"] {
            XCTAssertFalse(result.stdout.contains(marker), "\(marker) in render --public")
        }
        let internalOne = try debrief(["render", "--public", "sops/isopslugzk.md"], in: repo)
        XCTAssertEqual(internalOne.exitCode, 0)
        XCTAssertEqual(internalOne.stdout, "")
        XCTAssertTrue(internalOne.stderr.contains("sops/isopslugzk.md is not on the public site: it is internal"), internalOne.stderr)
    }
}
