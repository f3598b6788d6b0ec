import DebriefTestSupport
import Foundation
import XCTest

/// `debrief import` run as a user would: documents shaped like a Google Docs export, a
/// Confluence export and the SRE book's, Atlassian's and PagerDuty's templates (our words, their
/// shapes) become post-mortems whose bytes are golden and which `check` accepts.
final class ImportCommandTests: CLITestCase {
    /// The aliases a repo importing Atlassian and PagerDuty documents adds for their headings.
    static let config = """
        title: Imported
        section_aliases:
          incident summary: Summary
          overview: Summary
          follow-up tasks: Preventive Actions

        """

    private func repo(config: String = ImportCommandTests.config) throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("kb")
        try writeFile(Data(config.utf8), to: "debrief.yml", under: root)
        return root
    }

    private func input(_ fixture: String, into root: URL, as name: String? = nil) throws -> String {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("import/" + fixture))
        let relative = "old/" + (name ?? fixture)
        try writeFile(data, to: relative, under: root)
        return relative
    }

    private func checkErrors(_ root: URL, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let check = try debrief(["check", "--format", "json"], in: root)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: check.stdoutData) as? [String: Any], file: file, line: line)
        let diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
        return diagnostics.filter { $0["severity"] as? String == "error" }.map { "\($0["line"] ?? 0) \($0["code"] ?? "") \($0["message"] ?? "")" }
    }

    /// Imports one fixture; compares the report and the file written with their golden files;
    /// `check` must find no error in the result.
    private func assertImport(_ fixture: String, golden: String, output: String, arguments: [String] = [], errors: [String] = [],
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let root = try repo()
        let path = try input(fixture, into: root)
        let run = try assertTranscript(["import", path] + arguments, in: root, golden: golden, file: file, line: line)
        XCTAssertEqual(run.exitCode, 0, run.stdout, file: file, line: line)
        let written = try String(contentsOf: root.appendingPathComponent(output), encoding: .utf8)
        Golden.assertMatches(written, golden: Self.golden.appendingPathComponent(golden + ".md"), file: file, line: line)
        XCTAssertEqual(try checkErrors(root), errors, file: file, line: line)
    }

    // MARK: - Templates and exports

    func test_import_googleDocsExport() throws {
        try assertImport("google-docs-export.md", golden: "import-google-docs",
                         output: "postmortems/2021-06-08-edge-network-outage-after-a-customer-configuration-change.md")
    }

    func test_import_confluenceExportOfTheAtlassianTemplate() throws {
        try assertImport("confluence-export.md", golden: "import-confluence",
                         output: "postmortems/2022-04-05-site-access-lost-for-some-customers.md")
    }

    func test_import_sreBookTemplate() throws {
        // The one time the importer will not guess ('16:00 IST') is the one error check reports,
        // at the line the import report named.
        try assertImport("sre-book.md", golden: "import-sre-book",
                         output: "postmortems/2015-10-21-shakespeare-sonnet-postmortem-incident-465.md",
                         errors: ["58 DB056 timeline time '16:00 IST' has the zone 'IST', which names more than one zone (India +05:30, "
                                  + "Ireland, summer +01:00, Israel +02:00); write the offset instead: 16:00+05:30 or 16:00+01:00 or 16:00+02:00"])
    }

    func test_import_pagerDutyTemplate() throws {
        try assertImport("pagerduty.md", golden: "import-pagerduty",
                         output: "postmortems/2024-03-02-checkout-payments-failing-after-a-certificate-expiry.md")
    }

    // MARK: - Files

    func test_import_severalFilesGetConsecutiveIDsAndJSONReport() throws {
        let root = try repo()
        let one = try input("google-docs-export.md", into: root)
        let two = try input("google-docs-export.md", into: root, as: "again.md")
        let run = try debrief(["import", one, two, "--date", "2021-06-09", "--format", "json", "--dry-run"], in: root)
        // Same title and day: the second would land on the first's file.
        XCTAssertEqual(run.exitCode, 1, run.stdout)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        let files = try XCTUnwrap(report["files"] as? [[String: Any]])
        XCTAssertEqual(files.first?["id"] as? String, "INC-2021-001")
        XCTAssertEqual(files.first?["output"] as? String, "postmortems/2021-06-09-edge-network-outage-after-a-customer-configuration-change.md")
        XCTAssertEqual(files.first?["written"] as? Bool, false)
        XCTAssertNil(files.last?["output"])
        XCTAssertEqual(report["refused"] as? Int, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("postmortems").path))

        let three = try input("pagerduty.md", into: root)
        let written = try debrief(["import", one, three], in: root)
        XCTAssertEqual(written.exitCode, 0, written.stdout)
        XCTAssertTrue(written.stdout.contains("(INC-2021-001)\n"), written.stdout)
        XCTAssertTrue(written.stdout.contains("(INC-2024-001)\n"), written.stdout)
    }

    func test_import_neverOverwritesAndStillImportsTheOthers() throws {
        let root = try repo()
        let path = try input("pagerduty.md", into: root)
        let other = try input("sre-book.md", into: root)
        let target = "postmortems/2024-03-02-checkout-payments-failing-after-a-certificate-expiry.md"
        try writeFile(Data("mine\n".utf8), to: target, under: root)
        let run = try debrief(["import", path, other], in: root)
        XCTAssertEqual(run.exitCode, 1)
        XCTAssertTrue(run.stdout.hasPrefix("old/pagerduty.md: error: \(target) already exists; nothing was written"), run.stdout)
        XCTAssertTrue(run.stdout.hasSuffix("imported 1 of 2 files, 1 refused, 2 warnings\n"), run.stdout)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent(target), encoding: .utf8), "mine\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("postmortems/2015-10-21-shakespeare-sonnet-postmortem-incident-465.md").path))
        XCTAssertEqual(files(under: root.appendingPathComponent("postmortems")).filter { $0.contains(".debrief-") }, [])
    }

    func test_import_nonRegularInputsAreRefusedWithoutBlocking() throws {
        let root = try repo()
        let fifo = root.appendingPathComponent("pipe.md").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.md").path, withDestinationPath: fifo)
        let run = try debrief(["import", "pipe.md", "link.md", "/dev/zero", "missing.md"], in: root, timeout: 30)
        XCTAssertEqual(run.exitCode, 1)
        XCTAssertEqual(run.stdout, """
            pipe.md: error: a named pipe (FIFO) is not a regular file; nothing was read
            link.md: error: a named pipe (FIFO) is not a regular file; nothing was read
            /dev/zero: error: a character device is not a regular file; nothing was read
            missing.md: error: no such file
            imported 0 of 4 files, 4 refused, 0 warnings

            """)
    }

    func test_import_bomAndCRLFInputReadsAsItsLFForm() throws {
        let root = try repo()
        let lf = try String(contentsOf: Self.fixtures.appendingPathComponent("import/pagerduty.md"), encoding: .utf8)
        let crlf = "\u{FEFF}" + lf.replacingOccurrences(of: "\n", with: "\r\n")
        try writeFile(Data(crlf.utf8), to: "old/crlf.md", under: root)
        let run = try debrief(["import", "old/crlf.md", "--output", "out"], in: root)
        XCTAssertEqual(run.exitCode, 0, run.stdout)
        let written = try String(contentsOf: root.appendingPathComponent("out/2024-03-02-checkout-payments-failing-after-a-certificate-expiry.md"), encoding: .utf8)
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("import-pagerduty.md"), encoding: .utf8)
        XCTAssertEqual(written, expected)
    }

    func test_import_invalidUTF8AndOversizedInputsAreRefused() throws {
        let root = try repo(config: "max_file_size: 1 KiB\n")
        try writeFile(Data("# T\n\nDate: 2024-01-01\n\u{FF}".utf8) + Data([0xFF]), to: "bad.md", under: root)
        try writeFile(Data(String(repeating: "x", count: 2000).utf8), to: "big.md", under: root)
        let run = try debrief(["import", "bad.md", "big.md"], in: root)
        XCTAssertEqual(run.exitCode, 1)
        XCTAssertTrue(run.stdout.contains("bad.md:4: error: not UTF-8 (byte column 3)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("big.md: error: the file is 2.0 KiB, larger than the 1 KiB limit"), run.stdout)
    }

    func test_import_noDateRefusesTheFileUnlessDateIsGiven() throws {
        let root = try repo()
        try writeFile(Data("# Undated\n\n## Summary\n\nSomething.\n".utf8), to: "undated.md", under: root)
        let refused = try debrief(["import", "undated.md"], in: root)
        XCTAssertEqual(refused.exitCode, 1)
        XCTAssertTrue(refused.stdout.contains("undated.md: error: no date found"), refused.stdout)
        let given = try debrief(["import", "undated.md", "--date", "2020-02-02", "--id", "OLD-7"], in: root)
        XCTAssertEqual(given.exitCode, 0, given.stdout)
        XCTAssertTrue(given.stdout.hasPrefix("undated.md: wrote postmortems/2020-02-02-undated.md (OLD-7)\n"), given.stdout)
    }

    func test_import_usageMistakesExit2() throws {
        let root = try repo()
        XCTAssertEqual(try debrief(["import", "a.md", "b.md", "--id", "X-1"], in: root).exitCode, 2)
        XCTAssertEqual(try debrief(["import", "a.md", "--date", "yesterday"], in: root).exitCode, 2)
        XCTAssertEqual(try debrief(["import", "a.md", "--status", "closed"], in: root).exitCode, 2)
    }
}
