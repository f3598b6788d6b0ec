import DebriefTestSupport
import Foundation
import XCTest

/// `debrief build` killed at random moments (kill -9), with documents changing between the
/// runs, followed by one normal build: the site is exactly what a full build of the final
/// documents makes, file for file, with nothing left over.
final class BuildKillTests: CLITestCase {
    func test_item8_killedBuildsThenANormalBuildGiveAFullBuildsOutput() throws {
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let repo = temp.appendingPathComponent("repo")
        let generated = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/env"),
                                              ["python3", TestPaths.packageRoot.appendingPathComponent("Tests/Benchmark/generate.py").path,
                                               "40", repo.path])
        XCTAssertEqual(generated.exitCode, 0, generated.stderr)
        let arguments = ["build", "--root", repo.path, "--as-of", "2026-12-01"]

        // How long one full build takes here, so the kills land throughout it.
        let started = Date()
        XCTAssertEqual(try debrief(arguments).exitCode, 0)
        let fullBuild = Date().timeIntervalSince(started)

        var random = SystemRandomNumberGenerator()
        let postmortems = (FileManager.default.enumerator(atPath: repo.appendingPathComponent("postmortems").path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertEqual(postmortems.count, 40)
        // Until eight builds were killed midway (a build that finishes first is fine too).
        var kills = 0
        var round = -1
        while kills < 8, round < 40 {
            round += 1
            // Change the documents between some runs: an edit, a removal, a new post-mortem.
            let victim = repo.appendingPathComponent("postmortems").appendingPathComponent(postmortems[round * 7 % postmortems.count])
            switch round % 4 {
            case 0 where FileManager.default.fileExists(atPath: victim.path):
                let text = try String(contentsOf: victim, encoding: .utf8)
                try (text + "\nEdited in round \(round).\n").write(to: victim, atomically: false, encoding: .utf8)
            case 1 where FileManager.default.fileExists(atPath: victim.path):
                try FileManager.default.removeItem(at: victim)
            case 2:
                let source = repo.appendingPathComponent("postmortems").appendingPathComponent(postmortems[0])
                let text = try String(contentsOf: source, encoding: .utf8)
                    .replacingOccurrences(of: "id: ", with: "id: NEW\(round)-", options: [], range: nil)
                try text.write(to: source.deletingLastPathComponent().appendingPathComponent("new-\(round).md"), atomically: false, encoding: .utf8)
            default:
                break
            }
            let process = Process()
            process.executableURL = TestPaths.debriefBinary
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(Double.random(in: 0...(0.8 * fullBuild), using: &random) * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        XCTAssertEqual(kills, 8, "builds are killed midway")

        let final = try debrief(arguments)
        XCTAssertEqual(final.exitCode, 0, final.stderr)
        let cold = temp.appendingPathComponent("cold")
        XCTAssertEqual(try debrief(arguments + ["--output", cold.path]).exitCode, 0)
        let site = try Self.files(repo.appendingPathComponent("_site"))
        let expected = try Self.files(cold)
        XCTAssertEqual(site.keys.sorted(), expected.keys.sorted(), "the same files, nothing left over")
        for (path, bytes) in expected where site[path] != bytes {
            XCTFail("\(path) differs from a full build")
        }
    }

    /// Every file under `folder` except debrief's cache, by path.
    static func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            guard !relative.hasPrefix(".debrief-cache") else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.path + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: folder.path + "/" + relative)
            }
        }
        return result
    }
}
