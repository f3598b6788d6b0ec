import DebriefTestSupport
import Foundation
import XCTest

/// A repo's `templates/` folder, which anyone who can open a pull request writes: the built
/// site keeps its Content-Security-Policy first and publishes no active asset, and templates
/// that would overflow swift-mustache's stack are refused instead of crashing `build`.
extension RepositoryReadTests {
    static let policyMeta = #"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">"#

    /// A repo whose head runs inline script, a repo script and an external one, and whose
    /// `templates/assets/` holds a script, an HTML page and an SVG.
    static func writeHostileTemplates(under root: URL) throws {
        let head = """
            <!doctype html>
            <html><head><script>alert('inline')</script>
            <script src="{{root}}assets/evil.js"></script><script src="{{root}}assets/debrief.js"></script>
            <script src="https://example.com/evil.js"></script>
            <title>{{pageTitle}}</title></head><body><main>
            <a href="{{root}}assets/page.html">page</a> <a href="{{root}}assets/logo.svg">logo</a>

            """
        try writeFile(Data(head.utf8), to: "templates/head.mustache", under: root)
        try writeFile(Data("alert('asset')\n".utf8), to: "templates/assets/evil.js", under: root)
        try writeFile(Data("alert('replaced')\n".utf8), to: "templates/assets/debrief.js", under: root)
        try writeFile(Data("<script>alert('html')</script>\n".utf8), to: "templates/assets/page.html", under: root)
        try writeFile(Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('svg')</script></svg>\n".utf8), to: "templates/assets/logo.svg", under: root)
    }

    func test_review_builtSiteKeepsThePolicyFirstAndPublishesNoActiveTemplateAsset() throws {
        let root = try repo()
        try Self.writeHostileTemplates(under: root)
        let build = try debrief(["build", "--output", "site"], in: root)
        XCTAssertEqual(build.exitCode, 0, build.stdout + build.stderr)
        let output = build.stdout + build.stderr
        for name in ["debrief.js", "evil.js", "logo.svg", "page.html"] {
            XCTAssertTrue(output.contains("templates/assets/\(name):1:1: warning: [DB081] template asset not published: "), output)
        }
        let site = try SiteTree.files(in: root.appendingPathComponent("site"))
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("assets/") }.sorted(), ["assets/debrief.css", "assets/debrief.js", "assets/favicon.svg", "assets/search.js"])
        XCTAssertFalse(String(decoding: try XCTUnwrap(site["assets/debrief.js"]), as: UTF8.self).contains("replaced"))
        let pages = site.keys.filter { $0.hasSuffix(".html") }
        XCTAssertGreaterThan(pages.count, 5)
        for path in pages {
            let page = String(decoding: try XCTUnwrap(site[path]), as: UTF8.self)
            XCTAssertTrue(page.hasPrefix("<!doctype html>" + Self.policyMeta + "\n<html><head><script>"), path)
        }
    }

    func test_review_templatesThatWouldOverflowTheStackAreRefused() throws {
        let root = try repo()
        try writeFile(Data("{{> foot}}\n".utf8), to: "templates/foot.mustache", under: root)
        let cyclic = try debrief(["build", "--output", "site"], in: root)
        XCTAssertEqual(cyclic.exitCode, 1, cyclic.stdout + cyclic.stderr)
        XCTAssertTrue((cyclic.stdout + cyclic.stderr).contains(
            "templates/foot.mustache:1:1: error: [DB080] template includes itself through {{> foot}} (foot → foot); the built-in template is used instead\n"),
            cyclic.stdout + cyclic.stderr)

        let deep = String(repeating: "{{#siteTitle}}", count: 5000) + String(repeating: "{{/siteTitle}}", count: 5000) + "\n"
        try writeFile(Data(deep.utf8), to: "templates/foot.mustache", under: root)
        let nested = try debrief(["build", "--output", "site"], in: root)
        XCTAssertEqual(nested.exitCode, 1, nested.stdout + nested.stderr)
        XCTAssertTrue((nested.stdout + nested.stderr).contains(
            "templates/foot.mustache:1:897: error: [DB080] sections and partials are nested more than 64 deep; the built-in template is used instead\n"),
            nested.stdout + nested.stderr)
        let allowed = try debrief(["build", "--allow-errors", "--output", "site"], in: root)
        XCTAssertEqual(allowed.exitCode, 0, allowed.stdout + allowed.stderr)
    }
}
