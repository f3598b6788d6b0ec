@testable import DebriefKit
import XCTest

final class FrontMatterTests: XCTestCase {
    func test_splitsYAMLAndBody() {
        let split = FrontMatter.split("---\nid: INC-1\ntitle: T\n---\n# Body\n")
        XCTAssertEqual(split, FrontMatter(kind: .present, yaml: "id: INC-1\ntitle: T\n", yamlFirstLine: 2, body: "# Body\n", bodyFirstLine: 5))
    }

    func test_noFrontMatterKeepsTheWholeText() {
        let text = "# Title\n\n---\nnot: front matter\n---\n"
        XCTAssertEqual(FrontMatter.split(text), FrontMatter(kind: .absent, yaml: "", yamlFirstLine: 1, body: text, bodyFirstLine: 1))
    }

    func test_emptyTextHasNoFrontMatter() {
        XCTAssertEqual(FrontMatter.split("").kind, .absent)
    }

    func test_openingLineMustBeExactlyThreeDashes() {
        XCTAssertEqual(FrontMatter.split("----\nid: x\n----\n").kind, .absent)
        XCTAssertEqual(FrontMatter.split(" ---\nid: x\n---\n").kind, .absent)
        XCTAssertEqual(FrontMatter.split("--- \nid: x\n---\n").kind, .present, "trailing spaces are accepted")
    }

    func test_unterminated() {
        let text = "---\nid: INC-1\ntitle: T\n\n# Body\n"
        XCTAssertEqual(FrontMatter.split(text), FrontMatter(kind: .unterminated, yaml: "id: INC-1\ntitle: T\n\n# Body\n", yamlFirstLine: 2, body: text, bodyFirstLine: 1))
    }

    func test_onlyAnOpeningLineIsUnterminated() {
        XCTAssertEqual(FrontMatter.split("---").kind, .unterminated)
        XCTAssertEqual(FrontMatter.split("---\n").kind, .unterminated)
    }

    func test_dotsCloseToo() {
        let split = FrontMatter.split("---\nid: INC-1\n...\nBody\n")
        XCTAssertEqual(split.kind, .present)
        XCTAssertEqual(split.yaml, "id: INC-1\n")
        XCTAssertEqual(split.body, "Body\n")
        XCTAssertEqual(split.bodyFirstLine, 4)
    }

    func test_dotsDoNotOpen() {
        XCTAssertEqual(FrontMatter.split("...\nid: x\n...\n").kind, .absent)
    }

    func test_emptyFrontMatter() {
        let split = FrontMatter.split("---\n---\nBody\n")
        XCTAssertEqual(split, FrontMatter(kind: .present, yaml: "", yamlFirstLine: 2, body: "Body\n", bodyFirstLine: 3))
    }

    func test_closingLineAtEndOfFileWithoutNewline() {
        let split = FrontMatter.split("---\nid: x\n---")
        XCTAssertEqual(split.kind, .present)
        XCTAssertEqual(split.yaml, "id: x\n")
        XCTAssertEqual(split.body, "")
        XCTAssertEqual(split.bodyFirstLine, 4)
    }

    func test_CRLF() {
        let split = FrontMatter.split("---\r\nid: INC-1\r\n---\r\n# Body\r\n")
        XCTAssertEqual(split.kind, .present)
        XCTAssertEqual(split.yaml, "id: INC-1\r\n")
        XCTAssertEqual(split.body, "# Body\r\n")
        XCTAssertEqual(split.bodyFirstLine, 4)
    }

    func test_BOMIsStrippedBySourceTextFirst() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\nid: INC-1\r\n---\r\nBody\r\n".utf8)
        let source = try SourceText.decode(path: "a.md", bytes: bytes).get()
        XCTAssertTrue(source.hasBOM)
        let split = FrontMatter.split(source.text)
        XCTAssertEqual(split.kind, .present)
        XCTAssertEqual(split.yaml, "id: INC-1\r\n")
        XCTAssertEqual(split.bodyFirstLine, 4)
    }

    func test_aThematicBreakLaterInTheBodyIsNotAClosingLine() {
        let split = FrontMatter.split("---\nid: x\n---\nText\n\n---\n\nMore\n")
        XCTAssertEqual(split.body, "Text\n\n---\n\nMore\n")
    }
}
