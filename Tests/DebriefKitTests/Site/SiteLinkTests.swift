import DebriefKit
import Foundation
import XCTest

/// Links between documents become links between pages; other repo files are copied into
/// `files/`.
final class SiteLinkTests: XCTestCase {
    func testLinksBetweenDocumentsAreRewrittenWithTheirAnchors() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.repo("site-links"))
        XCTAssertTrue(report.built, "\(report.diagnostics)")
        let first = site.page("postmortems/2026/first.html")
        XCTAssertTrue(first.contains("<a href=\"../../sops/db/restore.html#steps\">the restore SOP</a>"))
        XCTAssertTrue(first.contains("<a href=\"../../postmortems/2026/second.html#summary\">the other incident</a>"))
        XCTAssertTrue(first.contains("<a href=\"https://example.com/x.md\">an outside page</a>"))
        XCTAssertTrue(first.contains("<a href=\"#summary\">this page's impact</a>"))
        let sop = site.page("sops/db/restore.html")
        XCTAssertTrue(sop.contains("<a href=\"../../postmortems/2026/first.html\">the first incident</a>"))
        XCTAssertTrue(site.page("postmortems/2026/second.html").contains("<a href=\"../../postmortems/2026/first.html\">the first one</a>"))
    }

    func testLinkedFilesAreCopiedAndMissingOnesAreNot() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.repo("site-links"))
        let first = site.page("postmortems/2026/first.html")
        XCTAssertTrue(first.contains("<a href=\"../../files/docs/img/diagram.png\">a diagram</a>"))
        XCTAssertTrue(first.contains("<img src=\"../../files/docs/img/diagram.png\" alt=\"the diagram inline\" />"))
        XCTAssertEqual(site.pages["files/docs/img/diagram.png"],
                       FileManager.default.contents(atPath: SiteFixture.repo("site-links").appendingPathComponent("docs/img/diagram.png").path).map { Array($0) })
        XCTAssertNil(site.pages["files/docs/missing.png"])
        XCTAssertEqual(site.pages.keys.filter { $0.hasPrefix("files/") }, ["files/docs/img/diagram.png"])
    }

    func testActionsLinkToTheSOPsTheyNameAndTheSOPListsThem() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.repo("site-links"))
        let sop = site.page("sops/db/restore.html")
        XCTAssertTrue(sop.contains("Rehearse the restore"))
        XCTAssertTrue(sop.contains("<a href=\"../../postmortems/2026/first.html\">INC-A</a>"))
        // The incident started after the SOP's last review.
        XCTAssertTrue(sop.contains("<span class=\"badge stale\">Needs review</span>"))
        let first = site.page("postmortems/2026/first.html")
        XCTAssertTrue(first.contains("<a href=\"../../sops/db/restore.html\">Restore the database</a>"))
        XCTAssertEqual(first.components(separatedBy: "sops/db/restore.html\">Restore the database").count - 1, 1,
                       "a link and a bare id naming the same SOP show it once")
    }

    func testRelatedPostmortemsAreListedBothWays() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.repo("site-links"))
        XCTAssertTrue(site.page("postmortems/2026/first.html").contains("id=\"debrief-related\""))
        let second = site.page("postmortems/2026/second.html")
        XCTAssertTrue(second.contains("id=\"debrief-related\""))
        XCTAssertTrue(second.contains("<a class=\"pm-item-title\" href=\"../../postmortems/2026/first.html\">First incident</a>"))
    }
}
