import DebriefTestSupport
import Foundation
import XCTest

/// Hostile files never crash and never hang `debrief check` or `render`: each gets a clear
/// diagnostic or works. Files are made at run time so the repo carries no 5 MB fixture.
final class HostileInputTests: CLITestCase {
    private static let config = "required_sections: [Summary]\n"
    private static let frontMatter = "---\nid: INC-1\ntitle: T\ndate: 2026-03-14\nseverity: SEV2\nstatus: final\n---\n"

    /// A repo holding one post-mortem with `contents`.
    private func repo(_ contents: some DataProtocol) throws -> URL {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data(Self.config.utf8), to: "debrief.yml", under: root)
        try writeFile(contents, to: "postmortems/hostile.md", under: root)
        return root
    }

    private func check(_ contents: some DataProtocol, file: StaticString = #filePath, line: UInt = #line) throws -> RunResult {
        try debrief(["check"], in: repo(contents), file: file, line: line)
    }

    func test_zeroByteFile() throws {
        let result = try check(Data())
        XCTAssertEqual(result.stdout, "postmortems/hostile.md:1:1: error: [DB010] file is empty\n1 error, 0 warnings in 2 files\n")
        XCTAssertEqual(result.exitCode, 1)
    }

    func test_invalidUTF8() throws {
        let result = try check(Data(Self.frontMatter.utf8) + Data("## Summary\n\nna".utf8) + [0xC3, 0x28] + Data("ve\n".utf8))
        XCTAssertEqual(result.stdout, "postmortems/hostile.md:10:3: error: [DB011] file is not valid UTF-8 (first bad byte here); save it as UTF-8\n1 error, 0 warnings in 2 files\n")
        XCTAssertEqual(result.exitCode, 1)
    }

    func test_fiveMegabyteFile() throws {
        let paragraph = String(repeating: "Lorem ipsum ~~dolor~~ sit www.example.com amet. ", count: 20) + "\n\n"
        let body = String(repeating: paragraph, count: 5 * 1024 * 1024 / paragraph.utf8.count + 1)
        let contents = Data((Self.frontMatter + "## Summary\n\n" + body).utf8)
        XCTAssertGreaterThan(contents.count, 5 * 1024 * 1024)
        let result = try check(contents)
        XCTAssertEqual(result.stdout, "0 errors, 0 warnings in 2 files\n")
        XCTAssertEqual(result.exitCode, 0)
        let root = try repo(contents)
        let rendered = try debrief(["render", root.appendingPathComponent("postmortems/hostile.md").path])
        XCTAssertEqual(rendered.exitCode, 0)
        XCTAssertGreaterThan(rendered.stdoutData.count, 5 * 1024 * 1024)
    }

    func test_deeplyNestedYAML() throws {
        let result = try check(Data(("---\nid: INC-1\ntags: " + String(repeating: "[", count: 100_000) + "\n---\n## Summary\n\nx\n").utf8))
        XCTAssertEqual(result.stdout, "postmortems/hostile.md:3:1: error: [DB014] YAML is nested more than 64 levels deep\n1 error, 0 warnings in 2 files\n")
        XCTAssertEqual(result.exitCode, 1)
    }

    func test_deeplyNestedYAMLInTheConfig() throws {
        let root = try repo(Data((Self.frontMatter + "## Summary\n\nx\n").utf8))
        try writeFile(Data(("severities: " + String(repeating: "- ", count: 100_000) + "x\n").utf8), to: "debrief.yml", under: root)
        let result = try debrief(["check"], in: root)
        // The config falls back to its defaults, so the seven default sections are required.
        XCTAssertTrue(result.stdout.hasPrefix("debrief.yml:1:1: error: [DB001] YAML is nested more than 64 levels deep\n"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("\n7 errors, 0 warnings in 2 files\n"), result.stdout)
        XCTAssertEqual(result.exitCode, 1)
    }

    func test_deeplyNestedBlockQuotes() throws {
        let result = try check(Data((Self.frontMatter + "## Summary\n\n" + String(repeating: ">", count: 100_000) + " deep\n").utf8))
        XCTAssertEqual(result.stdout, "0 errors, 0 warnings in 2 files\n")
        XCTAssertEqual(result.exitCode, 0)
    }

    func test_deeplyNestedLists() throws {
        let result = try check(Data((Self.frontMatter + "## Summary\n\n" + String(repeating: "- ", count: 100_000) + "x\n").utf8))
        XCTAssertEqual(result.stdout, "0 errors, 0 warnings in 2 files\n")
        XCTAssertEqual(result.exitCode, 0)
    }

    func test_tableWith10000Rows() throws {
        let rows = (0..<10_000).map { "| A\($0) | Action \($0) | @owner | 2026-04-01 | open |" }.joined(separator: "\n")
        let body = "## Summary\n\nx\n\n## Preventive Actions\n\n| ID | Action | Owner | Due | Status |\n|---|---|---|---|---|\n" + rows + "\n"
        let result = try check(Data((Self.frontMatter + body).utf8))
        XCTAssertEqual(result.stdout, "0 errors, 0 warnings in 2 files\n")
        XCTAssertEqual(result.exitCode, 0)
        let broken = try check(Data((Self.frontMatter + body.replacingOccurrences(of: "| A9999 |", with: "| A1 |")).utf8))
        XCTAssertEqual(broken.stdout, "postmortems/hostile.md:10015:3: error: [DB064] action ID 'A1' is used twice in this post-mortem\npostmortems/hostile.md:17:3: note: first used here\n1 error, 0 warnings in 2 files\n")
    }

    func test_binaryGarbage() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let result = try check(Data([0x41, 0x0A, 0xFF] + bytes))
        XCTAssertEqual(result.stdout, "postmortems/hostile.md:2:1: error: [DB011] file is not valid UTF-8 (first bad byte here); save it as UTF-8\n1 error, 0 warnings in 2 files\n")
    }
}
