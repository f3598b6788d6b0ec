import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// `debrief check --format sarif`: valid SARIF 2.1.0 (checked with the official schema), results
/// where the text format puts them, and fingerprints that survive lines inserted above.
final class CheckSARIFTests: CLITestCase {
    private static let searchFile = "postmortems/2026/2026-04-02-search.md"

    func test_item1_sarifGolden() throws {
        try assertTranscript(["check", "--format", "sarif"], in: fixture("findings-repo"), golden: "check-findings-sarif")
    }

    func test_item1_sarifValidatesAgainstTheOfficialSchema() throws {
        let validator = try Self.schemaValidator()
        for (name, exitCode) in [("findings-repo", 1), ("clean-repo", 0), ("warnings-only-repo", 0)] {
            let result = try debrief(["check", "--format", "sarif"], in: fixture(name))
            XCTAssertEqual(result.exitCode, Int32(exitCode), name)
            let log = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("\(name).sarif")
            try result.stdoutData.write(to: log)
            let check = try ProcessRunner.run(validator.executable, validator.arguments + [
                "--schemafile", Self.schema.path, log.path,
            ], timeout: 120)
            XCTAssertEqual(check.exitCode, 0, "\(name): \(check.stdout)\(check.stderr)")
        }
    }

    func test_item1_sarifStrictFailsOnWarningsLikeTheOtherFormats() throws {
        let result = try debrief(["check", "--format", "sarif", "--strict"], in: fixture("warnings-only-repo"))
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stderr, "")
    }

    func test_item1_sarifResultsCarryRuleLevelAndLocation() throws {
        let run = try Self.run(debrief(["check", "--format", "sarif"], in: fixture("findings-repo")).stdoutData)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "debrief")
        XCTAssertEqual(driver["version"] as? String, DebriefVersion.string)
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.compactMap { $0["id"] as? String }, DiagnosticCode.allCases.map(\.rawValue))
        let brokenLinkRule = try XCTUnwrap(rules.first { $0["id"] as? String == "DB070" })
        XCTAssertEqual(brokenLinkRule["name"] as? String, "brokenLink")
        XCTAssertEqual(brokenLinkRule["helpUri"] as? String, DebriefProject.diagnosticsPage + "#db070")
        XCTAssertEqual((brokenLinkRule["defaultConfiguration"] as? [String: Any])?["level"] as? String, "error")
        XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints")

        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 13)
        let link = try XCTUnwrap(results.first { $0["ruleId"] as? String == "DB070" })
        XCTAssertEqual(link["level"] as? String, "error")
        XCTAssertEqual((link["message"] as? [String: Any])?["text"] as? String,
                       "link to '../../sops/reindex.md' points at sops/reindex.md, which does not exist")
        XCTAssertEqual(rules[try XCTUnwrap(link["ruleIndex"] as? Int)]["id"] as? String, "DB070")
        let place = try Self.place(link)
        XCTAssertEqual(place.uri, Self.searchFile)
        XCTAssertEqual(place.base, "%SRCROOT%")
        XCTAssertEqual(place.line, 11)
        XCTAssertEqual(place.column, 1)

        let unknownField = try XCTUnwrap(results.first { $0["ruleId"] as? String == "DB022" })
        XCTAssertEqual(unknownField["level"] as? String, "warning")
        XCTAssertEqual(try Self.place(unknownField).line, 5)

        // An empty file is a finding about the whole file: no region at all.
        let empty = try XCTUnwrap(results.first { $0["ruleId"] as? String == "DB010" })
        XCTAssertEqual(try Self.place(empty).uri, "postmortems/empty.md")
        XCTAssertNil(try Self.physical(empty)["region"])

        // The first use of a duplicate id is a related location.
        let duplicate = try XCTUnwrap(results.first { $0["ruleId"] as? String == "DB024" })
        let related = try XCTUnwrap((duplicate["relatedLocations"] as? [[String: Any]])?.first)
        let relatedPlace = try XCTUnwrap(related["physicalLocation"] as? [String: Any])
        XCTAssertEqual((relatedPlace["artifactLocation"] as? [String: Any])?["uri"] as? String, "postmortems/2026/2026-03-14-checkout.md")
        XCTAssertEqual((relatedPlace["region"] as? [String: Any])?["startLine"] as? Int, 2)
    }

    func test_item1_sarifFingerprintSurvivesLinesInsertedAbove() throws {
        let root = try fixture("findings-repo")
        let before = try Self.fingerprints(debrief(["check", "--format", "sarif"], in: root).stdoutData)
        XCTAssertEqual(before.count, 13)
        XCTAssertEqual(Set(before.map(\.fingerprint)).count, 13, "every finding has a fingerprint of its own")

        let url = root.appendingPathComponent(Self.searchFile)
        var text = try String(contentsOf: url, encoding: .utf8)
        let summary = try XCTUnwrap(text.range(of: "## Summary"))
        text.insert(contentsOf: "<!-- Reviewed again. -->\n\n<!-- Twice. -->\n\n", at: summary.lowerBound)
        try Data(text.utf8).write(to: url)
        let after = try Self.fingerprints(debrief(["check", "--format", "sarif"], in: root).stdoutData)

        XCTAssertEqual(after.map(\.fingerprint).sorted(), before.map(\.fingerprint).sorted())
        let link = { (list: [Finding]) in list.first { $0.rule == "DB070" } }
        XCTAssertEqual(try XCTUnwrap(link(before)).line, 11)
        XCTAssertEqual(try XCTUnwrap(link(after)).line, 15, "the finding moved down four lines")
        XCTAssertEqual(link(after)?.fingerprint, link(before)?.fingerprint)

        // A finding about something else is a new finding.
        try Data(text.replacingOccurrences(of: "sops/reindex.md", with: "sops/rebuild.md").utf8).write(to: url)
        let renamed = try Self.fingerprints(debrief(["check", "--format", "sarif"], in: root).stdoutData)
        XCTAssertNotEqual(link(renamed)?.fingerprint, link(before)?.fingerprint)
        XCTAssertEqual(Set(renamed.map(\.fingerprint)).subtracting(before.map(\.fingerprint)).count, 1)
    }

    func test_item1_sarifFingerprintsOfIdenticalFindingsAreNumberedInFileOrder() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("required_sections: [Summary]\n".utf8), to: "debrief.yml", under: root)
        try writeFile(Data("""
            ---
            id: INC-1
            title: Twice the same link
            date: 2026-03-14
            severity: SEV2
            status: final
            ---

            ## Summary

            See [the runbook](../sops/gone.md).

            And again [the runbook](../sops/gone.md).

            """.utf8), to: "postmortems/a b#1.md", under: root)
        let findings = try Self.fingerprints(debrief(["check", "--format", "sarif"], in: root).stdoutData)
        XCTAssertEqual(findings.map(\.rule), ["DB070", "DB070"])
        XCTAssertEqual(findings.map(\.line), [11, 13])
        let hashes = findings.map { $0.fingerprint.split(separator: ":").map(String.init) }
        XCTAssertEqual(hashes.map(\.count), [2, 2])
        XCTAssertEqual(hashes[0][0], hashes[1][0])
        XCTAssertEqual(hashes.map { $0[1] }, ["1", "2"])
        XCTAssertEqual(hashes[0][0].count, 32)
        let run = try Self.run(debrief(["check", "--format", "sarif"], in: root).stdoutData)
        let first = try XCTUnwrap((run["results"] as? [[String: Any]])?.first)
        XCTAssertEqual(try Self.place(first).uri, "postmortems/a%20b%231.md")
    }
}

// MARK: - Reading the log

private extension CheckSARIFTests {
    struct Finding {
        var rule: String
        var line: Int?
        var fingerprint: String
    }

    static let schema = TestPaths.packageRoot.appendingPathComponent("Tests/SARIFSchema/sarif-schema-2.1.0.json")

    /// `check-jsonschema` on the path, else as a Python module; skips when neither is installed.
    static func schemaValidator() throws -> (executable: URL, arguments: [String]) {
        if let tool = TestPaths.onPath("check-jsonschema") { return (tool, []) }
        if let python = TestPaths.onPath("python3"),
           (try? ProcessRunner.run(python, ["-c", "import check_jsonschema"], timeout: 60))?.exitCode == 0 {
            return (python, ["-m", "check_jsonschema"])
        }
        throw XCTSkip("check-jsonschema is not installed (pip install check-jsonschema, or Tests/bootstrap.sh --test)")
    }

    static func run(_ data: Data) throws -> [String: Any] {
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        return try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
    }

    static func physical(_ result: [String: Any]) throws -> [String: Any] {
        let location = try XCTUnwrap((result["locations"] as? [[String: Any]])?.first)
        return try XCTUnwrap(location["physicalLocation"] as? [String: Any])
    }

    static func place(_ result: [String: Any]) throws -> (uri: String?, base: String?, line: Int?, column: Int?) {
        let physical = try physical(result)
        let artifact = physical["artifactLocation"] as? [String: Any]
        let region = physical["region"] as? [String: Any]
        return (artifact?["uri"] as? String, artifact?["uriBaseId"] as? String, region?["startLine"] as? Int, region?["startColumn"] as? Int)
    }

    static func fingerprints(_ data: Data) throws -> [Finding] {
        let results = try XCTUnwrap(run(data)["results"] as? [[String: Any]])
        return try results.map { result in
            let fingerprint = try XCTUnwrap((result["partialFingerprints"] as? [String: String])?[SARIFLog.fingerprintKey])
            return Finding(rule: result["ruleId"] as? String ?? "", line: try place(result).line, fingerprint: fingerprint)
        }
    }
}
