import DebriefTestSupport
import Foundation
import XCTest

/// The output folder named in `debrief.yml` is the repo's to choose, so a bad one is the
/// repo's error (DB003, exit 1) for `check` and `build` alike; a bad `--output` is the
/// caller's (exit 2).
extension RepositoryReadTests {
    func test_review_symlinkedOutputInConfigIsDB003ForCheckAndBuild() throws {
        let root = try repo(config: Self.config + "output: lnk\n")
        let elsewhere = try FixtureRepo.temporaryDirectory(testCase: self)
        try link("lnk", to: elsewhere.path, in: root)
        let expected = "debrief.yml:2:9: error: [DB003] 'output' (lnk) must be a real folder inside the repository, but lnk is a symbolic link; remove the link, or build with --output\n"
        let check = try debrief(["check"], in: root)
        XCTAssertTrue(check.stdout.contains(expected), check.stdout + check.stderr)
        XCTAssertEqual(check.exitCode, 1)
        for arguments in [["build"], ["build", "--allow-errors"]] {
            let build = try debrief(arguments, in: root)
            XCTAssertTrue(build.stderr.contains(expected), build.stdout + build.stderr)
            XCTAssertEqual(build.exitCode, 1, build.stdout + build.stderr)
        }
        XCTAssertEqual(try fileManager.contentsOfDirectory(atPath: elsewhere.path), [], "nothing is written through the link")
    }

    func test_review_outputInsideDocumentsInConfigIsDB003ForCheckAndBuild() throws {
        let root = try repo(config: Self.config + "output: postmortems/site\n")
        let check = try debrief(["check"], in: root)
        XCTAssertTrue(check.stdout.contains("debrief.yml:2:9: error: [DB003] 'output' (postmortems/site) and 'postmortems' (postmortems) must be separate folders"), check.stdout)
        XCTAssertEqual(check.exitCode, 1)
        let build = try debrief(["build", "--allow-errors"], in: root)
        XCTAssertTrue(build.stderr.contains("[DB003] 'output' (postmortems/site)"), build.stderr)
        XCTAssertEqual(build.exitCode, 1, build.stderr)
        XCTAssertFalse(fileManager.fileExists(atPath: root.appendingPathComponent("postmortems/site").path))
        let explicit = try debrief(["build", "--output", "postmortems/x"], in: root)
        XCTAssertEqual(explicit.exitCode, 2, explicit.stderr)
    }
}
