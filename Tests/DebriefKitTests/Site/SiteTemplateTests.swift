@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// A repo's `templates/` folder overrides the built-in theme file by file.
final class SiteTemplateTests: XCTestCase {
    func testRepoTemplateReplacesTheBuiltInOne() throws {
        let (report, site) = try SiteFixture.build(SiteFixture.repo("site-template-override"))
        XCTAssertTrue(report.built)
        let page = site.page("postmortems/one.html")
        // The site's Content-Security-Policy comes first on a page a repo template made.
        XCTAssertTrue(page.hasPrefix("<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'\">\n<title>INC-9</title>\n<p class=\"custom\">Custom page for Overridden page (SEV4) at ../</p>\n"))
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
                       ["assets/debrief.css", "assets/debrief.js", "assets/extra.css", "assets/favicon.svg", "assets/search.js"])
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

    // MARK: - Review: templates cannot put script on the site

    private func overrideRepo(_ files: [String: String], config: String = "required_sections: [Summary]\n") throws -> URL {
        let folder = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.repo("site-template-override"), into: folder)
        try Data(config.utf8).write(to: repo.appendingPathComponent("debrief.yml"))
        for (path, text) in files {
            try writeFile(Data(text.utf8), to: path, under: repo.appendingPathComponent("templates"))
        }
        return repo
    }

    func test_review_repoAssetsArePublishedOnlyFromThePassiveList() throws {
        let files = ["assets/evil.js": "alert(1)\n", "assets/page.html": "<script>alert(1)</script>\n",
                     "assets/logo.svg": "<svg onload=\"alert(1)\"/>\n", "assets/debrief.js": "alert('replaced')\n",
                     "assets/Font.WOFF2": "font\n", "assets/logo.png": "png\n", "assets/extra.xml": "<x/>\n"]
        let (report, site) = try SiteFixture.build(try overrideRepo(files))
        XCTAssertTrue(report.built, "a left-out asset is a warning: \(report.diagnostics)")
        XCTAssertEqual(site.pages.keys.filter { $0.hasPrefix("assets/") }.sorted(),
                       ["assets/Font.WOFF2", "assets/debrief.css", "assets/debrief.js", "assets/extra.css", "assets/favicon.svg", "assets/logo.png",
                        "assets/search.js"])
        XCTAssertFalse(site.page("assets/debrief.js").contains("replaced"), "the theme's own script stays")
        let left = report.diagnostics.filter { $0.code == .templateAssetNotPublished }
        XCTAssertEqual(left.map(\.location.file), ["templates/assets/debrief.js", "templates/assets/evil.js", "templates/assets/extra.xml",
                                                   "templates/assets/logo.svg", "templates/assets/page.html"])
        XCTAssertEqual(left.map(\.severity), Array(repeating: .warning, count: 5))
        XCTAssertEqual(left.first?.message,
                       "template asset not published: a .js file may run script on the site; only style sheets, images other than SVG, fonts, text and JSON are published unless debrief.yml sets 'unsafe_html: true'")

        let (unsafe, unsafeSite) = try SiteFixture.build(try overrideRepo(files, config: "required_sections: [Summary]\nunsafe_html: true\n"))
        XCTAssertTrue(unsafe.built)
        XCTAssertEqual(unsafeSite.page("assets/evil.js"), "alert(1)\n")
        XCTAssertEqual(unsafe.diagnostics.filter { $0.code == .templateAssetNotPublished }, [])
    }

    func test_review_overriddenTemplateCannotRemoveTheContentSecurityPolicy() throws {
        let meta = #"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">"#
        let files = ["head.mustache": "<!DOCTYPE html>\n<html><head><script>alert(1)</script><script src=\"{{root}}assets/evil.js\"></script>\n",
                     "sops.mustache": "<script>alert(2)</script>\n<!doctype html><p>SOPs</p>\n",
                     "action-row.mustache": "<tr><td><script>alert(3)</script></td></tr>\n"]
        let (report, site) = try SiteFixture.build(try overrideRepo(files))
        XCTAssertTrue(report.built, "\(report.diagnostics)")
        XCTAssertTrue(site.page("index.html").hasPrefix("<!DOCTYPE html>" + meta + "\n<html><head><script>"), site.page("index.html"))
        XCTAssertTrue(site.page("sops.html").hasPrefix(meta + "<script>alert(2)</script>"), "no doctype first: the policy comes first")
        XCTAssertTrue(site.page("postmortems/one.html").hasPrefix("<!doctype html>" + meta + "\n<title>INC-9</title>"))
        for (path, _) in site.pages where path.hasSuffix(".html") {
            let page = site.page(path)
            let policy = try XCTUnwrap(page.range(of: meta), path)
            XCTAssertLessThan(policy.lowerBound, page.range(of: "<script")?.lowerBound ?? page.endIndex, path)
        }
        XCTAssertFalse(site.page("feed.xml").contains("Content-Security-Policy"), "only HTML pages")
    }

    func test_review_xmlTemplatesAreReplacedOnlyWithUnsafeHTML() throws {
        // No meta tag puts a policy on an XML document, and a browser runs XHTML script in it.
        let feed = "<feed><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script></feed>\n"
        let files = ["feed.mustache": feed, "sitemap.mustache": feed]
        let (report, site) = try SiteFixture.build(try overrideRepo(files), baseURL: "https://kb.example/")
        XCTAssertTrue(report.built)
        XCTAssertFalse(site.page("feed.xml").contains("script"))
        XCTAssertFalse(site.page("sitemap.xml").contains("script"))
        let left = report.diagnostics.filter { $0.code == .templateAssetNotPublished }
        XCTAssertEqual(left.map(\.location.file), ["templates/feed.mustache", "templates/sitemap.mustache"])
        XCTAssertEqual(left.first?.message,
                       "template not used: it writes XML, where a browser runs script that no Content-Security-Policy stops; the built-in template is used unless debrief.yml sets 'unsafe_html: true'")
        let (_, unsafeSite) = try SiteFixture.build(try overrideRepo(files, config: "required_sections: [Summary]\nunsafe_html: true\n"))
        XCTAssertEqual(unsafeSite.page("feed.xml"), feed)
    }

    func test_review_partialCyclesAreErrorsNotCrashes() throws {
        let (report, _) = try SiteFixture.build(try overrideRepo(["foot.mustache": "<p>x</p>\n{{> foot}}\n"]))
        XCTAssertFalse(report.built)
        let problem = try XCTUnwrap(report.diagnostics.first { $0.code == .templateSyntax })
        XCTAssertEqual(problem.location, SourceLocation(file: "templates/foot.mustache", line: 2, column: 1))
        XCTAssertEqual(problem.message, "template includes itself through {{> foot}} (foot → foot); the built-in template is used instead")

        // A cycle through the theme's own templates: sop (theme) → head (repo) → extra (repo) → head.
        let cycle = try overrideRepo(["head.mustache": "<!doctype html>\n{{> extra}}\n", "extra.mustache": "{{#siteTitle}}\n{{> head}}\n{{/siteTitle}}\n"])
        let (cyclic, _) = try SiteFixture.build(cycle)
        XCTAssertFalse(cyclic.built)
        XCTAssertEqual(cyclic.diagnostics.filter { $0.code == .templateSyntax }.map(\.location),
                       [SourceLocation(file: "templates/extra.mustache", line: 2, column: 1)])
        let (allowed, site) = try SiteFixture.build(cycle, allowErrors: true)
        XCTAssertTrue(allowed.built)
        XCTAssertTrue(site.page("sops.html").hasPrefix("<!doctype html>"))
    }

    func test_review_deepNestingAndDynamicPartialsAreErrorsNotCrashes() throws {
        let deep = String(repeating: "{{#siteTitle}}", count: 5000) + "x" + String(repeating: "{{/siteTitle}}", count: 5000) + "\n"
        let (report, site) = try SiteFixture.build(try overrideRepo(["foot.mustache": "\n" + deep]), allowErrors: true)
        XCTAssertTrue(report.built)
        let problem = try XCTUnwrap(report.diagnostics.first { $0.code == .templateSyntax })
        XCTAssertEqual(problem.location, SourceLocation(file: "templates/foot.mustache", line: 2, column: 897), "the 65th section")
        XCTAssertEqual(problem.message, "sections and partials are nested more than 64 deep; the built-in template is used instead")
        XCTAssertTrue(site.page("index.html").contains("</html>"), "the built-in foot")

        // Nesting counts through partials: 40 sections that include 40 more.
        let outer = String(repeating: "{{#siteTitle}}", count: 40) + "\n{{> inner}}\n" + String(repeating: "{{/siteTitle}}", count: 40) + "\n"
        let inner = String(repeating: "{{#siteTitle}}", count: 40) + String(repeating: "{{/siteTitle}}", count: 40) + "\n"
        let (chained, _) = try SiteFixture.build(try overrideRepo(["foot.mustache": outer, "inner.mustache": inner]))
        XCTAssertFalse(chained.built)
        XCTAssertEqual(chained.diagnostics.filter { $0.code == .templateSyntax }.map(\.location),
                       [SourceLocation(file: "templates/foot.mustache", line: 2, column: 1)])

        // A partial named by data, or new delimiters, would hide what a template includes.
        let (dynamic, _) = try SiteFixture.build(try overrideRepo(["foot.mustache": "{{>*siteTitle}}\n", "head.mustache": "{{=<% %>=}}\n"]))
        XCTAssertEqual(dynamic.diagnostics.filter { $0.code == .templateSyntax }.map(\.message),
                       ["templates cannot name a partial by a value ({{>*name}}); the built-in template is used instead",
                        "templates cannot change the tag delimiters ({{=…=}}); the built-in template is used instead"])
    }

    func test_review_theThemeWritesTheSamePolicyTheRendererInserts() throws {
        let head = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Templates/head.mustache"), encoding: .utf8)
        XCTAssertTrue(head.contains("\n" + ContentSecurityPolicy.meta + "\n"))
    }
}
