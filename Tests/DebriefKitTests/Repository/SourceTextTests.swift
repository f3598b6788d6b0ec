import DebriefKit
import XCTest

final class SourceTextTests: XCTestCase {
    private func problem(_ bytes: [UInt8]) -> SourceText.DecodingProblem? {
        if case .failure(let problem) = SourceText.decode(path: "x.md", bytes: bytes) { return problem }
        return nil
    }

    func test_decodesUTF8AndStripsTheBOM() throws {
        let plain = try SourceText.decode(path: "x.md", bytes: Array("héllo\n".utf8)).get()
        XCTAssertEqual(plain.text, "héllo\n")
        XCTAssertFalse(plain.hasBOM)
        let bom = try SourceText.decode(path: "x.md", bytes: [0xEF, 0xBB, 0xBF] + Array("héllo\n".utf8)).get()
        XCTAssertEqual(bom.text, "héllo\n")
        XCTAssertTrue(bom.hasBOM)
    }

    func test_emptyAndWhitespaceOnlyAreEmpty() {
        XCTAssertEqual(problem([]), .empty)
        XCTAssertEqual(problem([0xEF, 0xBB, 0xBF]), .empty)
        XCTAssertEqual(problem(Array(" \r\n\t\n".utf8)), .empty)
    }

    /// Found by the document fuzzer: cmark and libyaml end a line at a lone `\r` (CommonMark's
    /// and YAML's line endings are `\n`, `\r\n` and `\r`), so a line index that ended lines
    /// only at `\n` put every block after one on the wrong line, past the end of the file.
    func test_fuzz_aLoneCarriageReturnEndsALineAsInCommonMark() throws {
        let source = SourceText(path: "a.md", text: "a\rb\r\nc\nd")
        XCTAssertEqual(source.lineCount, 4)
        XCTAssertEqual((1...4).map { String(source.line($0)) }, ["a", "b", "c", "d"])
        XCTAssertEqual(problem(Array("a\rb\r\nc".utf8) + [0xFF]), .invalidUTF8(line: 3, column: 2))

        let text = "---\nid: INC-1\ntitle: T\ndate: 2026-03-14\nseverity: SEV2\nstatus: final\n---\n\r## Timeline\r\r- 10:00 Alert\n- 10:05 Page\n"
        let (pm, diagnostics) = readPostmortem(text)
        let decoded = try SourceText.decode(path: "postmortems/a.md", bytes: Array(text.utf8)).get()
        XCTAssertEqual(pm.timeline.map(\.location.line), [11, 12])
        for entry in pm.timeline { XCTAssertTrue(decoded.line(entry.location.line).contains(entry.timeText), entry.timeText) }
        XCTAssertTrue(diagnostics.allSatisfy { $0.location.line <= decoded.lineCount }, "\(diagnostics)")
    }

    func test_invalidUTF8ReportsLineAndByteColumnOfTheFirstBadByte() {
        XCTAssertEqual(problem([0xFF]), .invalidUTF8(line: 1, column: 1))
        XCTAssertEqual(problem(Array("ab\ncd\né".utf8) + [0xFF]), .invalidUTF8(line: 3, column: 3), "é is two bytes")
        XCTAssertEqual(problem([0xEF, 0xBB, 0xBF] + Array("ab".utf8) + [0xC3]), .invalidUTF8(line: 1, column: 3), "columns count after the BOM")
    }

    func test_rejectsEveryKindOfMalformedSequence() {
        let cases: [(String, [UInt8])] = [
            ("lone continuation byte", [0x80]),
            ("overlong two-byte NUL", [0xC0, 0x80]),
            ("overlong three-byte", [0xE0, 0x80, 0x80]),
            ("UTF-16 surrogate", [0xED, 0xA0, 0x80]),
            ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
            ("F5 lead byte", [0xF5, 0x80, 0x80, 0x80]),
            ("truncated at the end", [0xE2, 0x86]),
            ("bad third byte", [0xE2, 0x86, 0x41]),
        ]
        for (name, bytes) in cases {
            XCTAssertEqual(problem(Array("x".utf8) + bytes), .invalidUTF8(line: 1, column: 2), name)
        }
    }

    func test_acceptsTheEdgesOfValidUTF8() {
        let valid: [[UInt8]] = [[0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
                                [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF]]
        for bytes in valid {
            XCTAssertNil(problem(Array("x".utf8) + bytes), "\(bytes)")
        }
    }

    func test_byteColumnsBecomeScalarColumns() {
        let source = SourceText(path: "x.md", text: "first\naé😀b\n")
        // a=1 byte, é=2, 😀=4: 'b' starts at byte column 8 and is the 4th scalar.
        XCTAssertEqual(source.location(line: 2, byteColumn: 8), SourceLocation(file: "x.md", line: 2, column: 4))
        XCTAssertEqual(source.location(line: 2, byteColumn: 1), SourceLocation(file: "x.md", line: 2, column: 1))
        XCTAssertEqual(source.location(line: 2, byteColumn: 99), SourceLocation(file: "x.md", line: 2, column: 6), "clamped to the line")
        XCTAssertEqual(source.location(line: 9, byteColumn: 3), SourceLocation(file: "x.md", line: 9, column: 1))
    }

    func test_utf8OffsetsBecomeLineAndColumn() {
        let source = SourceText(path: "x.md", text: "ab\nçd\nlast")
        XCTAssertEqual(source.location(utf8Offset: 0), SourceLocation(file: "x.md", line: 1, column: 1))
        XCTAssertEqual(source.location(utf8Offset: 3), SourceLocation(file: "x.md", line: 2, column: 1))
        XCTAssertEqual(source.location(utf8Offset: 5), SourceLocation(file: "x.md", line: 2, column: 2), "after the two bytes of ç")
        XCTAssertEqual(source.location(utf8Offset: 7), SourceLocation(file: "x.md", line: 3, column: 1))
    }

    func test_linesWithoutTheirEndings() {
        let source = SourceText(path: "x.md", text: "one\r\ntwo\nthree")
        XCTAssertEqual(source.lineCount, 3)
        XCTAssertEqual(source.line(1), "one")
        XCTAssertEqual(source.line(2), "two")
        XCTAssertEqual(source.line(3), "three")
        XCTAssertEqual(source.line(4), "")
    }
}
