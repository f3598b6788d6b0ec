import DebriefTestSupport
import Foundation
import XCTest

final class RenderCommandTests: CLITestCase {
    private var document: URL { Self.fixtures.appendingPathComponent("render/document.md") }

    func test_renderAFileWithTheSiteDefaults() throws {
        try assertTranscript(["render", "document.md"], in: Self.fixtures.appendingPathComponent("render"), golden: "render-default")
    }

    func test_standardInputWithoutAnArgumentAndWithADash() throws {
        let input = try Data(contentsOf: document)
        let fromFile = try debrief(["render", document.path])
        for arguments in [["render"], ["render", "-"]] {
            let fromStdin = try debrief(arguments, stdin: input)
            XCTAssertEqual(fromStdin.stdout, fromFile.stdout, arguments.joined(separator: " "))
            XCTAssertEqual(fromStdin.exitCode, 0)
            XCTAssertEqual(fromStdin.stderr, "")
        }
    }

    func test_bare() throws {
        try assertTranscript(["render", "--bare", "document.md"], in: Self.fixtures.appendingPathComponent("render"), golden: "render-bare")
    }

    func test_bareWithOneExtension() throws {
        try assertTranscript(["render", "--bare", "-e", "table", "document.md"], in: Self.fixtures.appendingPathComponent("render"), golden: "render-bare-table")
    }

    func test_unsafe() throws {
        try assertTranscript(["render", "--unsafe", "document.md"], in: Self.fixtures.appendingPathComponent("render"), golden: "render-unsafe")
    }

    /// 10,000 columns took cmark-gfm seconds; the table is rendered as text, fast, with DB100 at
    /// its delimiter row (the file line, front matter counted) and exit code 1.
    func test_item10_renderBoundsAWideTable() throws {
        let wide = "|" + String(repeating: "a|", count: 10_000) + "\n|" + String(repeating: "-|", count: 10_000) + "\n"
        let input = "---\ntitle: T\n---\n# Wide\n\n" + wide + "\n| x |\n|---|\n"
        let result = try debrief(["render"], stdin: Data(input.utf8), timeout: 20)
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stderr, "<stdin>:7:1: error: [DB100] this table has 10000 columns, more than the 256 debrief reads; it is read and shown as text (split the table, or make it narrower)\n")
        XCTAssertTrue(result.stdout.hasPrefix("<h1>Wide</h1>\n<p>|a|a|"))
        XCTAssertTrue(result.stdout.hasSuffix("<table>\n<thead>\n<tr>\n<th>x</th>\n</tr>\n</thead>\n</table>\n"))
    }

    func test_noFrontMatter() throws {
        let result = try debrief(["render", Self.fixtures.appendingPathComponent("render/no-front-matter.md").path])
        XCTAssertEqual(result.stdout, "<h2>Just Markdown</h2>\n<p><em><strong>bold italic</strong></em> and <code>code</code></p>\n")
    }

    func test_unknownExtensionExitsTwo() throws {
        try assertTranscript(["render", "-e", "footnotes", "document.md"], in: Self.fixtures.appendingPathComponent("render"), golden: "render-unknown-extension")
    }

    func test_missingFileExitsTwo() throws {
        let result = try debrief(["render", "no-such-file.md"], in: Self.fixtures)
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "debrief: error: cannot read no-such-file.md\n")
    }

    func test_emptyInputRendersNothing() throws {
        let result = try debrief(["render"], stdin: Data())
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "")
    }

    func test_invalidUTF8IsADiagnosticNotMojibake() throws {
        let result = try debrief(["render"], stdin: Data("# Title\nCaf".utf8 + [0xE9] + Data(" au lait\n".utf8)))
        XCTAssertEqual(result.exitCode, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "<stdin>:2:4: error: [DB011] input is not valid UTF-8 (first bad byte here); save it as UTF-8\n")
    }

    func test_BOMAndCRLF() throws {
        let result = try debrief(["render"], stdin: Data([0xEF, 0xBB, 0xBF] + Array("---\r\nid: x\r\n---\r\n# Title\r\n".utf8)))
        XCTAssertEqual(result.stdout, "<h1>Title</h1>\n")
    }
}
