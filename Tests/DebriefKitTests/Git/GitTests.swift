import DebriefTestSupport
import Foundation
import XCTest
@testable import DebriefKit

final class GitTests: XCTestCase {
    func testAFolderOutsideAnyRepositoryIsAnEnvironmentError() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        XCTAssertThrowsError(try Git(at: folder.path)) { error in
            let message = (error as? EnvironmentError)?.description ?? ""
            XCTAssertTrue(message.contains("is not inside a git repository"), message)
        }
    }

    func testAMissingGitIsAnEnvironmentErrorNamingIt() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        setenv("DEBRIEF_GIT", folder.appendingPathComponent("no-git-here").path, 1)
        defer { unsetenv("DEBRIEF_GIT") }
        XCTAssertThrowsError(try Git(at: folder.path)) { error in
            let message = (error as? EnvironmentError)?.description ?? ""
            XCTAssertEqual(message, "DEBRIEF_GIT names '\(folder.appendingPathComponent("no-git-here").path)', which is not an executable file; "
                           + "point it at git, or unset it to use the git on PATH")
        }
    }

    func testRunsInTheTopLevelAndBoundsWhatItReads() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        let sub = folder.appendingPathComponent("postmortems")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Self.git(["init", "-q", folder.path])
        let git = try Git(at: sub.path)
        XCTAssertEqual(URL(fileURLWithPath: git.topLevel).resolvingSymlinksInPath().path,
                       folder.resolvingSymlinksInPath().path)
        XCTAssertEqual(String(decoding: try git.output(["rev-parse", "--is-inside-work-tree"]), as: UTF8.self), "true\n")
        XCTAssertThrowsError(try git.output(["version"], limit: 4)) { error in
            XCTAssertTrue("\(error)".contains("wrote more than"), "\(error)")
        }
        XCTAssertThrowsError(try git.output(["rev-parse", "no-such-revision"])) { error in
            XCTAssertTrue("\(error)".contains("git rev-parse failed: "), "\(error)")
        }
    }

    static func git(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
