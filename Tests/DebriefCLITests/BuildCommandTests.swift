import DebriefTestSupport
import Foundation
import XCTest

/// `debrief build` end to end: the real binary on fixture repos.
final class BuildCommandTests: XCTestCase {
    func testGoldenSite() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = SiteTree.fixture("site-golden/repo")
        let result = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", "site", "--as-of", "2026-06-15"], in: temp)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stdout, "Built 40 pages into site/ (index: site/index.html)\n")
        XCTAssertTrue(result.stderr.hasSuffix("0 errors, 4 warnings in 6 files\n"), result.stderr)
        // The theme's assets are copied as they are; the golden tree holds what the build makes.
        let site = try SiteTree.files(in: temp.appendingPathComponent("site"), excluding: [".debrief-cache", "assets/"])
        try SiteTree.assertTree(SiteTree.inflatingSearchDocuments(site), matches: SiteTree.fixture("site-golden/expected"))
        let assets = try SiteTree.files(in: temp.appendingPathComponent("site/assets"))
        XCTAssertEqual(assets, try SiteTree.files(in: TestPaths.packageRoot.appendingPathComponent("Templates/assets")))
    }

    func test_item1_noFilterPagesAndEveryActionOnceInTheList() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = SiteTree.fixture("site-golden/repo")
        let result = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", "site", "--as-of", "2026-06-15"], in: temp)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let site = try SiteTree.files(in: temp.appendingPathComponent("site"), excluding: [".debrief-cache"])
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("actions") }.sorted(), ["actions-data/0.js", "actions-data/meta.js", "actions.html"],
                       "no page per status, owner or service")
        let api = try XCTUnwrap(JSONSerialization.jsonObject(with: try XCTUnwrap(site["api/postmortems.json"])) as? [[String: Any]])
        let keys = api.flatMap { ($0["actions"] as? [[String: Any]]) ?? [] }.compactMap { $0["key"] as? String }
        XCTAssertFalse(keys.isEmpty)
        let list = String(decoding: try XCTUnwrap(site["actions.html"]), as: UTF8.self)
        let listed = list.components(separatedBy: "<small class=\"action-key\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        XCTAssertEqual(listed.sorted(), keys.sorted(), "every action exactly once")
    }

    func test_declaredFieldsReachThePageAndTheAPI() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = SiteTree.fixture("site-golden/repo")
        let result = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", "site", "--as-of", "2026-06-15"], in: temp)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let site = try SiteTree.files(in: temp.appendingPathComponent("site"), excluding: [".debrief-cache"])
        let api = try XCTUnwrap(JSONSerialization.jsonObject(with: try XCTUnwrap(site["api/postmortems.json"])) as? [[String: Any]])
        let fields = Dictionary(uniqueKeysWithValues: api.map { ($0["id"] as? String ?? "", $0["fields"] as? [String: Any] ?? [:]) })
        XCTAssertEqual(fields["INC-100"]?["reviewers"] as? [String], ["@fay", "@gus"])
        XCTAssertEqual(fields["INC-100"]?["jira_epic"] as? String, "OPS-1290")
        XCTAssertEqual(fields["INC-100"]?["approved"] as? String, "2026-02-20")
        XCTAssertEqual(fields["INC-101"]?.count, 0, "a post-mortem that sets none has an empty object")
        let page = String(decoding: try XCTUnwrap(site["postmortems/2026-02-10-dns-outage.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<dt>Jira epic</dt><dd>OPS-1290</dd>"), "the declared label, not the key")
        XCTAssertTrue(page.contains("<dt>Reviewers</dt><dd><ul class=\"inline-list comma-list\"><li>@fay</li><li>@gus</li></ul></dd>"))
    }

    func testExampleBuildsAndSaysWhereTheSiteIs() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let example = TestPaths.exampleRepo
        let result = try ProcessRunner.debrief(["build", "--root", example.path, "--output", "out/site"], in: temp)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Built "), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix(" pages into out/site/ (index: out/site/index.html)\n"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: temp.appendingPathComponent("out/site/index.html").path))
        // The second build finds nothing to do.
        let again = try ProcessRunner.debrief(["build", "--root", example.path, "--output", "out/site"], in: temp)
        XCTAssertEqual(again.exitCode, 0)
        XCTAssertTrue(again.stdout.contains("; 0 written, "), again.stdout)
    }

    func testRefusesAFolderItDidNotBuild() throws {
        let home = try FixtureRepo.temporaryDirectory(testCase: self)
        try Data("keep me".utf8).write(to: home.appendingPathComponent(".bashrc"))
        let example = TestPaths.exampleRepo
        let result = try ProcessRunner.debrief(["build", "--root", example.path, "--output", home.path], in: home)
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "debrief: error: refusing to build into \(home.standardizedFileURL.path): the folder is not empty and was not built by debrief (it has no .debrief-site file); choose a new or empty folder with --output\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.path), [".bashrc"])
    }

    func testCheckErrorsStopTheBuild() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = TestPaths.packageRoot.appendingPathComponent("Tests/DebriefKitTests/Fixtures/site-check-errors")
        let result = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", "site"], in: temp)
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("postmortems/broken.md:2:1: error: [DB020]") || result.stderr.contains("error: [DB020]"), result.stderr)
        XCTAssertTrue(result.stderr.hasSuffix("debrief: not building the site: check found 2 errors (use --allow-errors to build anyway)\n"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp.appendingPathComponent("site").path))

        let allowed = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", "site", "--allow-errors"], in: temp)
        XCTAssertEqual(allowed.exitCode, 0, allowed.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: temp.appendingPathComponent("site/postmortems/broken.html").path))
    }

    func testBadAsOfIsAUsageError() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let result = try ProcessRunner.debrief(["build", "--as-of", "tomorrow"], in: temp)
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertTrue(result.stderr.contains("--as-of must be a date written YYYY-MM-DD, not 'tomorrow'"), result.stderr)
    }

    /// `build` and `audit` share `--as-of`: a bad day is the same one line and exit 2 for both,
    /// not an argument-parser usage screen for one of them.
    func test_asOf_aBadDayIsTheSameOneLineErrorForBuildAndAudit() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let expected = "debrief: error: --as-of must be a date written YYYY-MM-DD, not '2026-02-30'\n"
        for command in ["build", "audit"] {
            let result = try ProcessRunner.debrief([command, "--as-of", "2026-02-30"], in: temp)
            XCTAssertEqual(result.exitCode, 2, command)
            XCTAssertEqual(result.stderr, expected, command)
            XCTAssertEqual(result.stdout, "", command)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temp.path), [], "nothing is written")
    }

    func testBaseURLThatIsNoWebAddressOrRootPathIsAUsageError() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = SiteTree.fixture("site-golden/repo")
        let result = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", "site", "--base-url", "javascript:alert(1)//"], in: temp)
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertTrue(result.stderr.contains("--base-url must be an http(s) address or a path starting with '/', not 'javascript:alert(1)//'"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp.appendingPathComponent("site").path))
    }

    func testBaseURLOption() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = SiteTree.fixture("site-golden/repo")
        let result = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", "site", "--base-url", "https://kb.example.com/x",
                                           "--as-of", "2026-06-15"], in: temp)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let sitemap = try String(contentsOf: temp.appendingPathComponent("site/sitemap.xml"), encoding: .utf8)
        XCTAssertTrue(sitemap.contains("<loc>https://kb.example.com/x/postmortems/2026-02-10-dns-outage.html</loc><lastmod>2026-02-10</lastmod>"))
    }
}
