@testable import DebriefKit
import XCTest

/// One fixture per edge case: `Fixtures/SOPSync/<case>.md` spliced with `block` must give
/// `<case>.expected.md` byte for byte, or the named diagnostic with the file untouched.
final class BlockSplicerTests: XCTestCase {
    let block = "\n| Status | Key |\n| --- | --- |\n| open | INC-1/PA-1 |\n\n"

    func testNoBlockAppendsSectionAfterOneBlankLine() throws { try assertSplice("no-block") }

    func testStaleBlockIsReplacedAndTheRestKept() throws { try assertSplice("stale-block") }

    func testCRLFFileGetsCRLFLines() throws { try assertSplice("crlf") }

    func testByteOrderMarkStays() throws { try assertSplice("bom") }

    func testMarkersInCodeFencesAreText() throws { try assertSplice("markers-in-code-fence") }

    func testNoTrailingNewlineGetsOneBeforeTheSection() throws { try assertSplice("no-trailing-newline") }

    func testMissingEnd() throws {
        try assertRejected("missing-end", code: .syncMissingEnd, line: 5, column: 3)
    }

    func testReversedMarkers() throws {
        try assertRejected("reversed-markers", code: .syncEndBeforeBegin, line: 3, column: 1)
    }

    func testTwoBlocks() throws {
        let diagnostic = try assertRejected("two-blocks", code: .syncMultipleBlocks, line: 9, column: 2)
        XCTAssertEqual(diagnostic?.notes.first?.location, SourceLocation(file: "sops/two-blocks.md", line: 3, column: 1))
    }

    /// Found by the document fuzzer: an LF added after a final lone CR makes a CRLF, so a file
    /// with no LF before it got LF lines from the first sync and CRLF lines from every later one.
    func test_fuzz_aFileEndingInALoneCarriageReturnSettlesAfterOneSync() throws {
        for text in ["\r", "Steps\r", "# Restart\rStep one.\r", "\u{FEFF}Steps\r", "Steps\r\nMore\r"] {
            let bytes = Array(text.utf8)
            let once = try splice(bytes, name: "lone-cr")
            XCTAssertEqual(Array(once.prefix(bytes.count)), bytes, text.debugDescription)
            XCTAssertEqual(try splice(once, name: "lone-cr"), once, text.debugDescription)
        }
    }

    func testSplicingTwiceIsANoOp() throws {
        for name in ["no-block", "stale-block", "crlf", "bom", "markers-in-code-fence", "no-trailing-newline"] {
            let once = try splice(try SyncFixtures.bytes("SOPSync/\(name).md"), name: name)
            XCTAssertEqual(try splice(once, name: name), once, name)
        }
    }

    func testEmptyFileGetsOnlyTheSection() throws {
        let out = try splice([], name: "empty")
        XCTAssertEqual(String(decoding: out, as: UTF8.self),
                       "## Preventive actions\n\n<!-- debrief:actions:begin -->\n\(block)<!-- debrief:actions:end -->\n")
    }

    func testBlockWithoutFinalNewlineGetsOne() throws {
        let input = Array("# A\n<!-- debrief:actions:begin -->\nold\n<!-- debrief:actions:end -->\n".utf8)
        guard case .spliced(let out) = BlockSplicer.splice(input, block: "new", file: "sops/a.md") else { return XCTFail("rejected") }
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "# A\n<!-- debrief:actions:begin -->\nnew\n<!-- debrief:actions:end -->\n")
    }
}

private extension BlockSplicerTests {
    func splice(_ bytes: [UInt8], name: String) throws -> [UInt8] {
        switch BlockSplicer.splice(bytes, block: block, file: "sops/\(name).md") {
        case .spliced(let out): return out
        case .rejected(let diagnostic):
            XCTFail("\(name): unexpected \(diagnostic.code.rawValue) \(diagnostic.message)")
            throw CocoaError(.fileReadCorruptFile)
        }
    }

    func assertSplice(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let input = try SyncFixtures.bytes("SOPSync/\(name).md")
        let expected = try SyncFixtures.bytes("SOPSync/\(name).expected.md")
        let out = try splice(input, name: name)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), String(decoding: expected, as: UTF8.self), file: file, line: line)
        XCTAssertEqual(out, expected, "bytes differ", file: file, line: line)
    }

    @discardableResult
    func assertRejected(_ name: String, code: DiagnosticCode, line: Int, column: Int,
                        file: StaticString = #filePath, testLine: UInt = #line) throws -> Diagnostic? {
        let input = try SyncFixtures.bytes("SOPSync/\(name).md")
        guard case .rejected(let diagnostic) = BlockSplicer.splice(input, block: block, file: "sops/\(name).md") else {
            XCTFail("\(name) was spliced; expected \(code.rawValue)", file: file, line: testLine)
            return nil
        }
        XCTAssertEqual(diagnostic.code, code, file: file, line: testLine)
        XCTAssertEqual(diagnostic.severity, .error, file: file, line: testLine)
        XCTAssertEqual(diagnostic.location, SourceLocation(file: "sops/\(name).md", line: line, column: column), file: file, line: testLine)
        return diagnostic
    }
}
