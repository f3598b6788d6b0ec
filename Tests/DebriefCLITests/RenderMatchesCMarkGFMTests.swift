import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// `debrief render` must print what Debian's `cmark-gfm` prints with the same flags, byte for
/// byte: the site defaults are `-e table -e strikethrough -e autolink -e tagfilter -e tasklist`,
/// `--bare` is no extension, `--unsafe` is `--unsafe`.
final class RenderMatchesCMarkGFMTests: CLITestCase {
    private static let siteFlags = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"]

    /// (debrief render flags, cmark-gfm flags)
    private static let variants: [([String], [String])] = [
        ([], siteFlags),
        (["--unsafe"], siteFlags + ["--unsafe"]),
        (["--bare"], []),
        (["--bare", "--unsafe"], ["--unsafe"]),
    ]

    private func cmarkGFM() throws -> URL {
        guard let url = TestPaths.onPath("cmark-gfm") else {
            throw XCTSkip("the cmark-gfm command is not installed (apt-get install cmark-gfm, or Tests/bootstrap.sh --test)")
        }
        return url
    }

    private func assertSame(_ markdown: Data, label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let cmark = try cmarkGFM()
        for (ours, theirs) in Self.variants {
            let expected = try ProcessRunner.run(cmark, theirs, stdin: markdown)
            let actual = try debrief(["render"] + ours, stdin: markdown)
            XCTAssertEqual(actual.exitCode, 0, label, file: file, line: line)
            if actual.stdoutData != expected.stdoutData {
                XCTFail("\(label) with \(ours): debrief render differs from cmark-gfm \(theirs.joined(separator: " "))\n"
                        + DebriefTestSupport.Golden.firstDifference(expected.stdout, actual.stdout), file: file, line: line)
            }
        }
    }

    func test_exampleRepoDocuments() throws {
        _ = try cmarkGFM()
        let example = TestPaths.exampleRepo
        let documents = files(under: example).filter { $0.hasSuffix(".md") }
        XCTAssertEqual(documents.count, 10)
        for relative in documents {
            let text = try String(contentsOf: example.appendingPathComponent(relative), encoding: .utf8)
            // render strips front matter; cmark-gfm would render it, so both get the body.
            let split = FrontMatter.split(text)
            try assertSame(Data(split.body.utf8), label: relative)
            // A whole file with front matter through render equals its body through cmark-gfm.
            let whole = try debrief(["render", example.appendingPathComponent(relative).path])
            let body = try ProcessRunner.run(try cmarkGFM(), Self.siteFlags, stdin: Data(split.body.utf8))
            XCTAssertEqual(whole.stdout, body.stdout, relative)
        }
    }

    func test_aSampleOfSpecExamples() throws {
        _ = try cmarkGFM()
        let examples = try SpecExamples.load("gfm-spec.txt")
        XCTAssertEqual(examples.count, 673)
        // Every 12th example, and every one naming an extension: 75 documents, four ways each.
        for example in examples where example.tag != "disabled" && (example.number % 12 == 0 || !example.tag.isEmpty) {
            try assertSame(Data(example.markdown.utf8), label: "gfm-spec.txt example \(example.number)")
        }
    }

    func test_hostileDocuments() throws {
        _ = try cmarkGFM()
        try assertSame(Data((String(repeating: ">", count: 100_000) + " deep\n").utf8), label: "100,000 >")
        try assertSame(Data((String(repeating: "- ", count: 100_000) + "x\n").utf8), label: "100,000 nested lists")
        let rows = (0..<10_000).map { "| \($0) | ~~x~~ www.example.com |" }.joined(separator: "\n")
        try assertSame(Data(("| a | b |\n|---|---|\n" + rows + "\n").utf8), label: "10,000 table rows")
    }
}
