import DebriefTestSupport
import Foundation
import XCTest

final class CheckCommandTests: CLITestCase {
    // MARK: - Formats

    func test_cleanRepoExitsZero() throws {
        try assertTranscript(["check"], in: fixture("clean-repo"), golden: "check-clean")
    }

    func test_textFormat() throws {
        try assertTranscript(["check"], in: fixture("findings-repo"), golden: "check-findings-text")
    }

    func test_jsonFormat() throws {
        let root = try fixture("findings-repo")
        try assertTranscript(["check", "--format", "json"], in: root, golden: "check-findings-json")
        let result = try debrief(["check", "--format", "json"], in: root)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["diagnostics", "errors", "warnings"])
        let first = try XCTUnwrap((object["diagnostics"] as? [[String: Any]])?.first)
        XCTAssertEqual(Set(first.keys), ["file", "line", "column", "severity", "code", "message"])
    }

    func test_githubFormat() throws {
        try assertTranscript(["check", "--format", "github"], in: fixture("findings-repo"), golden: "check-findings-github")
    }

    func test_cleanRepoInJSONAndGitHubFormats() throws {
        let root = try fixture("clean-repo")
        let json = try debrief(["check", "--format", "json"], in: root)
        XCTAssertEqual(json.stdout, "{\n  \"diagnostics\" : [\n\n  ],\n  \"errors\" : 0,\n  \"warnings\" : 0\n}\n")
        XCTAssertEqual(json.exitCode, 0)
        let github = try debrief(["check", "--format", "github"], in: root)
        XCTAssertEqual(github.stdout, "")
        XCTAssertEqual(github.exitCode, 0)
    }

    // MARK: - Exit codes

    func test_warningsPassUnlessStrict() throws {
        let root = try fixture("warnings-only-repo")
        try assertTranscript(["check"], in: root, golden: "check-warnings")
        try assertTranscript(["check", "--strict"], in: root, golden: "check-warnings-strict")
    }

    func test_missingRootExitsTwo() throws {
        try assertTranscript(["check", "--root", "no/such/folder"], in: fixture("clean-repo"), golden: "check-missing-root")
    }

    func test_badFormatExitsTwo() throws {
        try assertTranscript(["check", "--format", "xml"], in: fixture("clean-repo"), golden: "check-bad-format")
    }

    func test_configThatIsAFolderIsADiagnostic() throws {
        // Not a regular file: the author's mistake, reported at the file, not a broken environment.
        let root = try fixture("clean-repo")
        try FileManager.default.removeItem(at: root.appendingPathComponent("debrief.yml"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("debrief.yml"), withIntermediateDirectories: false)
        let result = try debrief(["check", "--root", "."], in: root)
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertTrue(result.stdout.hasPrefix("debrief.yml:1:1: error: [DB017] a folder is not a regular file and is not read; replace it with a regular file or remove it\n"), result.stdout)
        XCTAssertEqual(result.stderr, "")
    }

    func test_danglingLinkIsADiagnosticForEveryCommandThatRefusesErrors() throws {
        // A link to nowhere is in the repo (git stores links): the author's to fix, at the link.
        let root = try fixture("clean-repo")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("postmortems/gone.md").path, withDestinationPath: "nowhere.md")
        let diagnostic = "postmortems/gone.md:1:1: error: [DB018] symbolic link leads to nothing and is not read; fix or remove the link\n"
        for command in [["check"], ["build", "--output", "site"], ["sync", "--check"]] {
            let result = try debrief(command + ["--root", "."], in: root)
            XCTAssertEqual(result.exitCode, 1, "\(command): \(result.stdout)\(result.stderr)")
            XCTAssertTrue((result.stdout + result.stderr).hasPrefix(diagnostic), "\(command): \(result.stdout)\(result.stderr)")
        }
    }

    func test_unknownConfigKey() throws {
        try assertTranscript(["check"], in: fixture("unknown-config-key-repo"), golden: "check-unknown-config-key")
    }

    // MARK: - Root

    func test_rootIsFoundFromASubfolder() throws {
        let root = try fixture("findings-repo")
        let fromRoot = try debrief(["check"], in: root)
        let fromSubfolder = try debrief(["check"], in: root.appendingPathComponent("postmortems/2026"))
        XCTAssertEqual(fromSubfolder.stdout, fromRoot.stdout, "paths stay relative to the root")
        XCTAssertEqual(fromSubfolder.exitCode, 1)
        let explicit = try debrief(["check", "--root", "../.."], in: root.appendingPathComponent("postmortems/2026"))
        XCTAssertEqual(explicit.stdout, fromRoot.stdout)
    }

    func test_withoutConfigTheWorkingDirectoryIsTheRoot() throws {
        let root = try fixture("clean-repo")
        try FileManager.default.removeItem(at: root.appendingPathComponent("debrief.yml"))
        let result = try debrief(["check"], in: root.appendingPathComponent("sops"))
        XCTAssertEqual(result.stdout, "0 errors, 0 warnings in 0 files\n", "sops/ itself holds no postmortems/ or sops/ folder")
        XCTAssertEqual(result.exitCode, 0)
    }

    func test_checkWritesNothing() throws {
        let root = try fixture("findings-repo")
        let before = files(under: root)
        try debrief(["check", "--format", "json"], in: root)
        XCTAssertEqual(files(under: root), before)
    }

    func test_CRLFAndBOMCopyOfTheExampleChecksLikeTheExample() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        let example = TestPaths.exampleRepo
        // Only the repo's own files: a site built into docs/example/_site by the Quick start is not input.
        for relative in files(under: example) where relative == "debrief.yml" || (relative.hasSuffix(".md") && !relative.hasPrefix("_site/")) {
            let source = example.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let text = try String(contentsOf: source, encoding: .utf8)
            try writeFile([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), to: relative, under: root)
        }
        let converted = try debrief(["check"], in: root)
        let original = try debrief(["check", "--root", example.path])
        XCTAssertEqual(converted.stdout, original.stdout)
        XCTAssertEqual(converted.stdout, """
            postmortems/2026-07-19-checkout-502-during-lb-failover.md:44:1: warning: [DB055] timeline entry '2026-07-07 14:20' is read as \
            2026-07-07T12:20:00Z, more than a day before the incident started (2026-07-19T06:14:00+02:00); unless it is a lead-up entry, check its day
            postmortems/2026-11-18-orders-missing-after-replica-restore.md:92:1: warning: [DB041] section 'Lessons Learned' is empty
            0 errors, 2 warnings in 11 files

            """)
        XCTAssertEqual(converted.exitCode, 0)
    }

    // MARK: - Hostile text

    func test_item13_hostileKeysAndCellsReachNoTerminalOrSpreadsheet() throws {
        let root = try fixture("clean-repo")
        let file = root.appendingPathComponent("postmortems/2026/2026-03-14-checkout.md")
        var text = try String(contentsOf: file, encoding: .utf8)
        // A YAML key with a line break, ESC[2J, an OSC 8 link, NUL and a bidi override.
        text = text.replacingOccurrences(of: "status: final\n", with: #"""
            status: final
            "x\npostmortems/forged.md:1:1: error: [DB001] forged\e[2J\e]8;;https://evil.example\alink\e]8;;\a\0\u202Etxt.exe": 1

            """#)
        text = text.replacingOccurrences(of: "| @dana |", with: "| =HYPERLINK(\"https://evil.example\") \u{1B}[2J |")
        try Data(text.utf8).write(to: file)

        let check = try debrief(["check"], in: root)
        XCTAssertEqual(check.stdout, """
            postmortems/2026/2026-03-14-checkout.md:7:1: warning: [DB022] unknown field 'x\\npostmortems/forged.md:1:1: error: [DB001] forged\\u{1B}[2J\\u{1B}]8;;https://evil.example\\u{7}link\\u{1B}]8;;\\u{7}\\u{0}\\u{202E}txt.exe'
            0 errors, 1 warning in 3 files

            """)
        let github = try debrief(["check", "--format", "github"], in: root)
        XCTAssertEqual(github.stdout.split(separator: "\n").count, 1, github.stdout)
        XCTAssertFalse(github.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 || $0.value == 0x202E })

        let table = try debrief(["audit", "--as-of", "2026-05-01", "--format", "table"], in: root)
        XCTAssertTrue(table.stdout.contains(#"=HYPERLINK("https://evil.example") \u{1B}[2J"#), table.stdout)
        XCTAssertFalse(table.stdout.unicodeScalars.contains { $0.value == 0x1B })
        let csv = try debrief(["audit", "--as-of", "2026-05-01", "--format", "csv"], in: root)
        XCTAssertTrue(csv.stdout.contains(#",open,"'=HYPERLINK(""https://evil.example"") "#), csv.stdout)
    }
}
