import DebriefKit
import DebriefTestSupport
import XCTest

final class RepositoryLoaderTests: XCTestCase {
    func test_findRootPrefersExplicitThenNearestConfigThenWorkingDirectory() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("title: x\n".utf8), to: "repo/debrief.yml", under: root)
        try writeFile(Data(), to: "repo/postmortems/2026/.keep", under: root)
        try writeFile(Data(), to: "bare/sub/.keep", under: root)
        let repo = root.appendingPathComponent("repo")

        let nested = repo.appendingPathComponent("postmortems/2026").path
        XCTAssertEqual(try RepositoryLoader.findRoot(explicit: nil, workingDirectory: nested).path, repo.path)
        let bare = root.appendingPathComponent("bare/sub").path
        XCTAssertEqual(try RepositoryLoader.findRoot(explicit: nil, workingDirectory: bare).path, bare)
        XCTAssertEqual(try RepositoryLoader.findRoot(explicit: "../..", workingDirectory: nested).path, repo.path)
        XCTAssertThrowsError(try RepositoryLoader.findRoot(explicit: "missing", workingDirectory: root.path)) { error in
            XCTAssertEqual("\(error)", "root missing is not a directory")
        }
    }

    func test_markdownFilesAreFoundRecursivelySortedAndHiddenOnesSkipped() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        for file in ["postmortems/b.md", "postmortems/2026/a.md", "postmortems/notes.txt", "postmortems/.draft.md", "postmortems/.hidden/c.md"] {
            try writeFile(Data("x".utf8), to: file, under: root)
        }
        XCTAssertEqual(try RepositoryLoader.markdownFiles(root: root, folder: "postmortems"), ["postmortems/2026/a.md", "postmortems/b.md"])
        XCTAssertEqual(try RepositoryLoader.markdownFiles(root: root, folder: "sops"), [])
    }

    func test_fileCountIncludesTheConfig() throws {
        let base = try RepositoryLoader().load(root: TestPaths.exampleRepo)
        XCTAssertEqual(base.fileCount, 11)
        XCTAssertEqual(base.config.title, try RepositoryLoader.loadConfig(root: TestPaths.exampleRepo).0.title)
    }
}
