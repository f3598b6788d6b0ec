import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// A repo's `templates/` folder overrides the built-in theme file by file.
final class SiteTemplateTests: XCTestCase {
    func testRepoTemplateReplacesTheBuiltInOne() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.repo("site-template-override"))
        XCTAssertTrue(report.built)
        let page = site.page("postmortems/one.html")
        XCTAssertTrue(page.hasPrefix("<!doctype html>\n<title>INC-9</title>\n<p class=\"custom\">Custom page for Overridden page (SEV4) at ../</p>\n"))
        XCTAssertTrue(page.contains("<p>Body text.</p>"))
        // Templates that are not overridden still come from the theme; extra assets are copied.
        XCTAssertTrue(site.page("index.html").contains("<link rel=\"stylesheet\" href=\"assets/debrief.css\">"))
        XCTAssertEqual(site.page("assets/extra.css"), "body { color: rebeccapurple; }\n")
        XCTAssertNotNil(site.pages["assets/debrief.css"])
    }

    func testSymbolicLinksInTemplatesAreNeverFollowed() throws {
        // A pull request must not be able to publish a file from outside the repo (a CI
        // runner's credentials) by linking it into templates/, as with linked files.
        let folder = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.repo("site-template-override"), into: folder)
        let outside = folder.appendingPathComponent("outside")
        try writeFile(Data("secret\n".utf8), to: "credentials", under: outside)
        try writeFile(Data("<p>from outside</p>\n".utf8), to: "foot.mustache", under: outside)
        let fileManager = FileManager.default
        try fileManager.createSymbolicLink(atPath: repo.path + "/templates/assets/leak.txt", withDestinationPath: outside.path + "/credentials")
        try fileManager.createSymbolicLink(atPath: repo.path + "/templates/assets/dir", withDestinationPath: outside.path)
        try fileManager.createSymbolicLink(atPath: repo.path + "/templates/foot.mustache", withDestinationPath: outside.path + "/foot.mustache")

        let (report, site) = try SiteFixture.build(repo)
        XCTAssertTrue(report.built, "\(report.diagnostics)")
        XCTAssertEqual(site.pages.keys.filter { $0.hasPrefix("assets/") }.sorted(),
                       ["assets/debrief.css", "assets/debrief.js", "assets/extra.css", "assets/favicon.svg"])
        XCTAssertFalse(site.page("index.html").contains("from outside"), "the built-in foot is used")
    }

    func testBrokenTemplateIsAnErrorAtItsLine() throws {
        let (report, _) = try SiteFixture.build(SiteFixture.repo("site-bad-template"))
        XCTAssertFalse(report.built)
        let problem = try XCTUnwrap(report.diagnostics.first { $0.code == .templateSyntax })
        XCTAssertEqual(problem.location, SourceLocation(file: "templates/sop.mustache", line: 4, column: 1), "the end, where the section should close")
        XCTAssertEqual(problem.severity, .error)
        XCTAssertEqual(problem.message, "template cannot be parsed: a section opened with {{#name}} or {{^name}} is never closed with {{/name}}; the built-in template is used instead")
        let (allowed, site) = try SiteFixture.build(SiteFixture.repo("site-bad-template"), allowErrors: true)
        XCTAssertTrue(allowed.built)
        XCTAssertTrue(site.page("sops.html").contains("<h1>Standard operating procedures</h1>"), "the built-in template stands in")
    }
}
