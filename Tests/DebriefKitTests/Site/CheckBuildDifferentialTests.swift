import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// `build` runs exactly `check`'s rules on exactly the same inputs: over every rule fixture (and
/// mutations of them), a build reports the diagnostics `check` reports and refuses exactly when
/// `check` finds errors; a cached rebuild after touching another file reports them again, and
/// makes the same pages as a cold build.
final class CheckBuildDifferentialTests: XCTestCase {
    /// Every fixture repo of the rule tests (one folder per case).
    private static var fixtureRepos: [URL] {
        let folder = TestPaths.fixtures("DebriefKitTests")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { $0.first?.isLowercase == true }.map { folder.appendingPathComponent($0) }
            + [TestPaths.exampleRepo]
    }

    /// What `debrief check` reports for `root`.
    private func check(_ root: URL) throws -> [String] {
        let base = try RepositoryLoader().load(root: root)
        return Validator.standard.validate(base).map(Self.line)
    }

    private static func line(_ diagnostic: Diagnostic) -> String {
        let location = diagnostic.location
        let notes = diagnostic.notes.map { " [\($0.message)]" }.joined()
        return "\(location.file):\(location.line):\(location.column): \(diagnostic.severity) \(diagnostic.code.rawValue) \(diagnostic.message)\(notes)"
    }


    func test_item5_buildRefusesExactlyWhenCheckFails() throws {
        XCTAssertGreaterThan(Self.fixtureRepos.count, 50)
        for repo in Self.fixtureRepos {
            let name = repo.lastPathComponent
            let copy = try FixtureRepo(copying: repo, testCase: self).root
            try assertBuildAgreesWithCheck(copy, name: name)
        }
    }

    /// Check and build read the same documents the same way, and a cached rebuild after another
    /// file is touched says and makes exactly what the cold build did.
    private func assertBuildAgreesWithCheck(_ repo: URL, name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try check(repo)
        let errors = expected.filter { $0.contains(": error ") }.count
        let writer = MemorySiteWriter()
        let (cold, _) = try SiteFixture.build(repo, writer: writer)
        XCTAssertEqual(cold.diagnostics.map(Self.line), expected, "\(name): build and check differ", file: file, line: line)
        XCTAssertEqual(cold.built, errors == 0, "\(name): build must refuse exactly when check finds errors", file: file, line: line)

        // Touch every document (same bytes, new modification time) and rebuild from the cache.
        let (allowed, allowedWriter) = try SiteFixture.build(repo, allowErrors: true)
        for document in try markdownFiles(repo) {
            let path = repo.appendingPathComponent(document).path
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            try bytes.write(to: URL(fileURLWithPath: path))
            let cached = try SiteFixture.build(repo, allowErrors: true, writer: allowedWriter).0
            XCTAssertEqual(cached.diagnostics.map(Self.line), allowed.diagnostics.map(Self.line),
                           "\(name): a cached rebuild after touching \(document) reports other diagnostics", file: file, line: line)
            let fresh = try SiteFixture.build(repo, allowErrors: true).1
            XCTAssertEqual(allowedWriter.pages.keys.sorted(), fresh.pages.keys.sorted(), "\(name): pages differ", file: file, line: line)
            for (path, bytes) in fresh.pages where allowedWriter.pages[path] != bytes {
                XCTFail("\(name): \(path) differs from a cold build after touching \(document)", file: file, line: line)
            }
            break
        }
    }

    private func markdownFiles(_ repo: URL) throws -> [String] {
        let walker = FileManager.default.enumerator(atPath: repo.path)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".md"), !relative.hasPrefix("_site") { files.append(relative) }
        }
        return files.sorted()
    }

    /// A `related` list's items are located one by one (`FieldLocation.items`); a cached rebuild
    /// once lost them and moved DB031 from the item to the value's start.
    func test_item7_aCachedRebuildReportsExactlyTheColdDiagnostics() throws {
        let repo = try FixtureRepo(copying: SiteFixture.repo("unknown-related-block-list"), testCase: self).root
        let expected = try check(repo)
        XCTAssertTrue(expected.contains { $0.contains("DB031") }, "\(expected)")
        let writer = MemorySiteWriter()
        let cold = try SiteFixture.build(repo, allowErrors: true, writer: writer).0
        XCTAssertEqual(cold.diagnostics.map(Self.line), expected)
        // Another file changes; the post-mortem's record comes from the cache.
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("sops"), withIntermediateDirectories: true)
        try "# Restart\n\nSteps.\n".write(to: repo.appendingPathComponent("sops/restart.md"), atomically: true, encoding: .utf8)
        let cached = try SiteFixture.build(repo, allowErrors: true, writer: writer).0
        XCTAssertLessThan(cached.documentsParsed, cached.documentCount, "the post-mortem came from the cache")
        XCTAssertEqual(cached.diagnostics.map(Self.line), try check(repo))
    }

    func test_item5_overlappingFoldersAreAConfigError() throws {
        for (postmortems, sops) in [("sops", "sops"), (".", "."), ("docs", "docs/sops"), ("docs/pm", "docs")] {
            let temp = try SiteFixture.temporaryFolder(self)
            let repo = try SiteFixture.copy(SiteFixture.repo("clean-minimal"), into: temp)
            let config = repo.appendingPathComponent("debrief.yml")
            try "postmortems: \(postmortems)\nsops: \(sops)\n".write(to: config, atomically: true, encoding: .utf8)
            let diagnostics = try check(repo)
            XCTAssertTrue(diagnostics.contains { $0.hasPrefix("debrief.yml:") && $0.contains("DB003") },
                          "postmortems: \(postmortems), sops: \(sops) gives \(diagnostics)")
            XCTAssertFalse(diagnostics.contains { $0.hasPrefix("/") }, "no path starts with a slash: \(diagnostics)")
            try assertBuildAgreesWithCheck(repo, name: "\(postmortems)|\(sops)")
        }
    }

    /// A repo template that does not parse, is not a regular file or is too large fails the
    /// build, so it fails `check` with the same diagnostics.
    func test_review_brokenRepoTemplatesFailCheckAsTheyFailBuild() throws {
        let cases: [(String, (URL) throws -> Void)] = [
            ("DB080", { repo in try "{{#pages}}unclosed\n".write(to: repo.appendingPathComponent("templates/postmortem.mustache"), atomically: true, encoding: .utf8) }),
            ("DB017", { repo in XCTAssertEqual(mkfifo(repo.appendingPathComponent("templates/sop.mustache").path, 0o644), 0) }),
            ("DB016", { repo in
                try "required_sections: [Summary]\nmax_file_size: 1 KiB\n".write(to: repo.appendingPathComponent("debrief.yml"), atomically: true, encoding: .utf8)
                try String(repeating: "x", count: 2048).write(to: repo.appendingPathComponent("templates/dashboard.mustache"), atomically: true, encoding: .utf8)
            }),
        ]
        for (code, breakIt) in cases {
            let temp = try SiteFixture.temporaryFolder(self)
            let repo = try SiteFixture.copy(SiteFixture.repo("clean-minimal"), into: temp)
            try FileManager.default.createDirectory(at: repo.appendingPathComponent("templates"), withIntermediateDirectories: true)
            try breakIt(repo)
            let diagnostics = try check(repo)
            XCTAssertTrue(diagnostics.contains { $0.hasPrefix("templates/") && $0.contains("error \(code)") }, "\(code): \(diagnostics)")
            try assertBuildAgreesWithCheck(repo, name: code)
        }
    }

    /// An `output` folder that is a link, or no folder, is a DB003 at the value for both.
    func test_review_unwritableOutputFolderIsAConfigErrorForCheckAndBuild() throws {
        for (output, make) in [("lnk", "link"), ("deep/lnk/site", "link"), ("file", "file")] {
            let temp = try SiteFixture.temporaryFolder(self)
            let repo = try SiteFixture.copy(SiteFixture.repo("clean-minimal"), into: temp)
            try "required_sections: [Summary]\noutput: \(output)\n".write(to: repo.appendingPathComponent("debrief.yml"), atomically: true, encoding: .utf8)
            let elsewhere = temp.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
            if make == "link" {
                let link = repo.appendingPathComponent(output == "lnk" ? "lnk" : "deep/lnk")
                try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
            } else {
                try "x".write(to: repo.appendingPathComponent(output), atomically: true, encoding: .utf8)
            }
            let diagnostics = try check(repo)
            let prefix = "debrief.yml:2:9: error DB003 'output' (\(output)) must be "
            XCTAssertEqual(diagnostics.filter { $0.hasPrefix(prefix) }.count, 1, "\(output): \(diagnostics)")
            try assertBuildAgreesWithCheck(repo, name: output)
        }
    }

    func test_item5_deadLinkInsideSyncBlockIsReportedByBuildToo() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.repo("clean-minimal"), into: temp)
        let sops = repo.appendingPathComponent("sops")
        try FileManager.default.createDirectory(at: sops, withIntermediateDirectories: true)
        try """
        # Restart the cache

        Steps.

        ## Preventive actions

        <!-- debrief:actions:begin -->
        See [the missing runbook](missing.md).
        <!-- debrief:actions:end -->

        """.write(to: sops.appendingPathComponent("restart-cache.md"), atomically: true, encoding: .utf8)
        let diagnostics = try check(repo)
        XCTAssertTrue(diagnostics.contains { $0.contains("DB070") }, "check reports the dead link: \(diagnostics)")
        try assertBuildAgreesWithCheck(repo, name: "sync-block-link")
    }

    func test_item5_aLeftoverSyncFileIsReportedByABuildThatHasNothingElseToDo() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        try? FileManager.default.removeItem(at: repo.appendingPathComponent("_site"))
        let output = temp.appendingPathComponent("site")
        let options = BuildOptions(root: repo, output: output, asOf: SiteFixture.asOf)
        XCTAssertFalse(try SiteBuilder(options: options).build().diagnostics.contains { $0.code == .syncLeftoverTemporary })
        try "half a sync".write(to: repo.appendingPathComponent("sops/.cache-flush.md.debrief-A1b2C3"), atomically: true, encoding: .utf8)
        let expected = try check(repo)
        XCTAssertTrue(expected.contains { $0.contains("DB094") }, "\(expected)")
        XCTAssertEqual(try SiteBuilder(options: options).build().diagnostics.map(Self.line), expected)
    }

    func test_item5_aLinkedFileThatAppearsChangesTheReportOfABuildWithNothingElseToDo() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: temp)
        try? FileManager.default.removeItem(at: repo.appendingPathComponent("_site"))
        let sop = repo.appendingPathComponent("sops/cache-flush.md")
        try (try String(contentsOf: sop, encoding: .utf8) + "\nSee [the diagram](diagram.png).\n").write(to: sop, atomically: true, encoding: .utf8)
        let options = BuildOptions(root: repo, output: temp.appendingPathComponent("site"), asOf: SiteFixture.asOf)
        let before = try SiteBuilder(options: options).build().diagnostics.map(Self.line)
        XCTAssertEqual(before, try check(repo))
        XCTAssertTrue(before.contains { $0.contains("DB072") }, "\(before)")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: repo.appendingPathComponent("sops/diagram.png"))
        let after = try SiteBuilder(options: options).build().diagnostics.map(Self.line)
        XCTAssertEqual(after, try check(repo))
        XCTAssertFalse(after.contains { $0.contains("DB072") }, "\(after)")
    }

    func test_item12_anSOPSyncCouldNeverSettleIsReportedByCheckAndBuild() throws {
        let temp = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.repo("clean-minimal"), into: temp)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("sops"), withIntermediateDirectories: true)
        try "# Drain the queue\n\n1. Stop the consumers.\n\n```sh\nqueuectl drain\n".write(
            to: repo.appendingPathComponent("sops/queue-drain.md"), atomically: true, encoding: .utf8)
        let expected = try check(repo)
        XCTAssertEqual(expected.filter { $0.contains("DB093") }.count, 1, "\(expected)")
        XCTAssertTrue(expected.contains { $0.hasPrefix("sops/queue-drain.md:5:1: warning DB093 this code block is never closed") }, "\(expected)")
        try assertBuildAgreesWithCheck(repo, name: "unclosed-fence-sop")
    }

    /// Mutations of the fixtures (lines dropped, doubled, swapped) must not make build and
    /// check disagree either.
    func test_item5_mutatedFixturesAgree() throws {
        var generator = SplitMix64(seed: 0x5EED_0005)
        let repos = Self.fixtureRepos.filter { !$0.lastPathComponent.hasPrefix("config") }
        for round in 0..<40 {
            let source = repos[Int(generator.next() % UInt64(repos.count))]
            let repo = try FixtureRepo(copying: source, testCase: self).root
            let documents = try markdownFiles(repo)
            guard !documents.isEmpty else { continue }
            let target = repo.appendingPathComponent(documents[Int(generator.next() % UInt64(documents.count))])
            var lines = try Data(contentsOf: target).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            for _ in 0..<3 where lines.count > 1 {
                let at = Int(generator.next() % UInt64(lines.count))
                switch generator.next() % 3 {
                case 0: lines.remove(at: at)
                case 1: lines.insert(lines[at], at: at)
                default: lines.swapAt(at, Int(generator.next() % UInt64(lines.count)))
                }
            }
            try Data(lines.joined(separator: [UInt8(ascii: "\n")])).write(to: target)
            try assertBuildAgreesWithCheck(repo, name: "mutation \(round) of \(source.lastPathComponent)")
        }
    }
}
