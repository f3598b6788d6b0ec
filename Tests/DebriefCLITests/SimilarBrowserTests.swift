import DebriefTestSupport
import Foundation
import XCTest

/// The similar incidents and recurrence parts of the pages in headless Chromium, from `file://`
/// under the site's Content-Security-Policy (`Tests/Browser/similar_test.py`); skips when a tool
/// is missing (`Tests/bootstrap.sh --test` installs them).
final class SimilarBrowserTests: XCTestCase {
    func test_item2_similarAndRecurrencePartsInABrowser() throws {
        guard let python = TestPaths.onPath("python3") else { throw XCTSkip("python3 is not installed") }
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = TestPaths.fixtures("DebriefCLITests").appendingPathComponent("recurrence-repo")
        let site = temp.appendingPathComponent("site")
        let build = try ProcessRunner.debrief(["build", "--root", repo.path, "--output", site.path, "--as-of", "2026-03-20"], in: temp)
        XCTAssertEqual(build.exitCode, 0, build.stderr)
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/Browser/similar_test.py")
        let result = try ProcessRunner.run(python, [script.path, site.path, "postmortems/2026-03-10-checkout-again.html", "INC-2025-031"],
                                           in: TestPaths.packageRoot)
        if result.exitCode == 77 { throw XCTSkip(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
        XCTAssertEqual(result.exitCode, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "ok\n")
    }
}
