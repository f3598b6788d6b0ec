@testable import DebriefKit
import DebriefTestSupport
import XCTest

final class PreviewSiteTests: XCTestCase {
    /// A build whose result the test decides.
    final class FakeBuild: @unchecked Sendable {
        private let lock = NSLock()
        private var _result: Result<PreviewBuild, EnvironmentError> = .success(.built(warnings: []))
        private var _title = "First"
        var result: Result<PreviewBuild, EnvironmentError> {
            get { lock.withLock { _result } }
            set { lock.withLock { _result = newValue } }
        }
        var title: String {
            get { lock.withLock { _title } }
            set { lock.withLock { _title = newValue } }
        }

        func build(_ output: URL) throws -> PreviewBuild {
            let outcome = try result.get()
            if case .built = outcome {
                try FileManager.default.createDirectory(at: output.appendingPathComponent("assets"), withIntermediateDirectories: true)
                try Data("<!doctype html><html><head><title>\(title)</title></head><body>\(title)</body></html>".utf8)
                    .write(to: output.appendingPathComponent("index.html"))
                try Data("body{}".utf8).write(to: output.appendingPathComponent("assets/site.css"))
            }
            return outcome
        }
    }

    private func makeSite() throws -> (PreviewSite, FakeBuild) {
        let fake = FakeBuild()
        return (PreviewSite(workspace: try FixtureRepo.temporaryDirectory(testCase: self), builder: { try fake.build($0) }), fake)
    }

    private func text(_ response: PreviewResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    private let error = Diagnostic(.error, .unknownSeverity, at: SourceLocation(file: "postmortems/a.md", line: 5, column: 11),
                                   "unknown severity '<script>'")

    func testPagesComeFromTheBuildWithTheLiveReloadMarker() throws {
        let (site, _) = try makeSite()
        site.rebuild()
        let page = site.respond(to: "/")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.contentType, "text/html; charset=utf-8")
        XCTAssertEqual(text(page), "<!doctype html><html><head><title>First</title>\(LiveReload(version: 1).meta)\n</head><body>First</body></html>")
        let css = site.respond(to: "/assets/site.css")
        XCTAssertEqual(css.contentType, "text/css; charset=utf-8")
        XCTAssertEqual(text(css), "body{}")
    }

    func testVersionCountsFinishedBuilds() throws {
        let (site, fake) = try makeSite()
        XCTAssertEqual(text(site.respond(to: PreviewSite.versionPath)), "0")
        site.rebuild()
        fake.title = "Second"
        site.rebuild()
        XCTAssertEqual(text(site.respond(to: PreviewSite.versionPath + "?t=1")), "2")
        XCTAssertTrue(text(site.respond(to: "/index.html")).contains("<body>Second</body>"))
    }

    func testBuildsAlternateBetweenTwoFolders() throws {
        let (site, fake) = try makeSite()
        site.rebuild()
        fake.title = "Second"
        site.rebuild()
        fake.title = "Third"
        site.rebuild()
        let folders = try FileManager.default.contentsOfDirectory(atPath: site.workspace.path).sorted()
        XCTAssertEqual(folders, ["site-a", "site-b"])
        XCTAssertTrue(text(site.respond(to: "/")).contains("Third"))
    }

    func testErrorsReplaceEveryPageButAssetsStayServed() throws {
        let (site, fake) = try makeSite()
        site.rebuild()
        fake.result = .success(.failed(errors: [error], warnings: []))
        XCTAssertEqual(site.rebuild(), .failed(errors: [error], warnings: []))
        for path in ["/", "/index.html", "/postmortems/a.html", "/sops/"] {
            let page = site.respond(to: path)
            XCTAssertEqual(page.status, 500, path)
            XCTAssertTrue(text(page).contains("<pre>postmortems/a.md:5:11: error: [DB025] unknown severity &#39;&lt;script&gt;&#39;</pre>"), text(page))
            XCTAssertTrue(text(page).contains("<meta name=\"debrief-live-reload\" content=\"/__debrief/version?build=2\">"))
            XCTAssertFalse(text(page).contains("<script>"))
        }
        XCTAssertEqual(text(site.respond(to: "/assets/site.css")), "body{}")
    }

    func testFixingTheErrorsBringsTheSiteBack() throws {
        let (site, fake) = try makeSite()
        fake.result = .success(.failed(errors: [error], warnings: []))
        site.rebuild()
        XCTAssertEqual(site.respond(to: "/").status, 500)
        XCTAssertEqual(site.respond(to: "/assets/site.css").status, 404, "no good build yet")
        fake.result = .success(.built(warnings: []))
        site.rebuild()
        XCTAssertEqual(site.respond(to: "/").status, 200)
    }

    func testBrokenBuildShowsItsReasonAndDoesNotThrow() throws {
        let (site, fake) = try makeSite()
        fake.result = .failure(EnvironmentError("cannot read debrief.yml & <friends>"))
        XCTAssertEqual(site.rebuild(), .broken("cannot read debrief.yml & <friends>"))
        let page = site.respond(to: "/")
        XCTAssertEqual(page.status, 500)
        XCTAssertTrue(text(page).contains("cannot read debrief.yml &amp; &lt;friends&gt;"))
    }

    func testBeforeTheFirstBuildPagesSayBuilding() throws {
        let (site, _) = try makeSite()
        let page = site.respond(to: "/")
        XCTAssertEqual(page.status, 503)
        XCTAssertTrue(text(page).contains(LiveReload(version: 0).meta))
    }

    func testTraversalAndUnknownPathsAre404() throws {
        let (site, _) = try makeSite()
        site.rebuild()
        for path in ["/../Package.swift", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd", "/missing.html", "/__debrief/../index.html",
                     "/__debrief/assets/../../x", "/__debrief/nothing.js"] {
            XCTAssertEqual(site.respond(to: path).status, 404, path)
        }
    }

    func testServesTheThemeScriptForItsOwnPages() throws {
        let (site, _) = try makeSite()
        let script = site.respond(to: "/__debrief/assets/debrief.js")
        XCTAssertEqual(script.status, 200)
        XCTAssertEqual(script.contentType, "text/javascript; charset=utf-8")
        XCTAssertTrue(text(script).contains("debrief-live-reload"))
    }

    func testTheSitesMarkerIsStampedWithItsBuildAndOthersAreLeftAlone() {
        let reload = LiveReload(version: 7)
        XCTAssertEqual(reload.inject("<head><meta name=\"debrief-live-reload\" content=\"/__debrief/version\"></head>"),
                       "<head><meta name=\"debrief-live-reload\" content=\"/__debrief/version?build=7\"></head>")
        XCTAssertEqual(reload.inject("<HEAD></HEAD>"), "<HEAD><meta name=\"debrief-live-reload\" content=\"/__debrief/version?build=7\">\n</HEAD>")
        let own = "<head><meta name=\"debrief-live-reload\" content=\"/elsewhere\"></head>"
        XCTAssertEqual(reload.inject(own), own)
        XCTAssertEqual(reload.inject("<p>no head</p>"), "<p>no head</p>")
    }

    func testVersionAnswerIsSteadyForTheCurrentBuildAndChangesEveryTimeForAnOlderOne() throws {
        let (site, _) = try makeSite()
        site.rebuild()
        site.rebuild()
        let current = (0..<3).map { _ in text(site.respond(to: "/__debrief/version?build=2")) }
        XCTAssertEqual(current, ["2", "2", "2"])
        // A page from build 1 that polls for the first time after build 2: its first and second
        // answers differ, so it reloads.
        let stale = (0..<3).map { _ in text(site.respond(to: "/__debrief/version?build=1")) }
        XCTAssertEqual(Set(stale).count, 3, "\(stale)")
        XCTAssertTrue(stale.allSatisfy { $0.hasPrefix("2.") })
        XCTAssertEqual(text(site.respond(to: "/__debrief/version")), "2")
    }
}
