@testable import DebriefKit
import XCTest

final class ManagedBlockTests: XCTestCase {
    let begin = ManagedBlock.beginMarker
    let end = ManagedBlock.endMarker

    func testFindsTheBlockAndItsContentRange() {
        let text = "# A\n\(begin)\nold\nlines\n\(end)\ntail\n"
        guard case .found(let block) = locate(text) else { return XCTFail("no block") }
        XCTAssertEqual(slice(text, block.content), "old\nlines\n")
        XCTAssertEqual(block.begin, SourceLocation(file: "sops/a.md", line: 2, column: 1))
        XCTAssertEqual(block.end, SourceLocation(file: "sops/a.md", line: 5, column: 1))
    }

    func testEmptyBlock() {
        let text = "\(begin)\n\(end)"
        guard case .found(let block) = locate(text) else { return XCTFail("no block") }
        XCTAssertTrue(block.content.isEmpty)
    }

    func testMarkersMayHaveTrailingSpaceAndThreeSpacesOfIndent() {
        let text = "   \(begin) \t\n\(end)  \r\n"
        guard case .found(let block) = locate(text) else { return XCTFail("no block") }
        XCTAssertEqual(block.begin.column, 4)
    }

    func testMarkerWithOtherTextOnTheLineIsText() {
        XCTAssertEqual(locate("See \(begin)\n\(begin) here\n"), .none)
    }

    func testFourSpacesOfIndentIsCodeNotAMarker() {
        XCTAssertEqual(locate("    \(begin)\n"), .none)
    }

    func testCRLFMarkers() {
        let text = "a\r\n\(begin)\r\nold\r\n\(end)\r\n"
        guard case .found(let block) = locate(text) else { return XCTFail("no block") }
        XCTAssertEqual(slice(text, block.content), "old\r\n")
    }

    func testMarkerOnTheFirstLineAfterAByteOrderMark() {
        let text = "\u{FEFF}\(begin)\n\(end)\n"
        guard case .found(let block) = locate(text) else { return XCTFail("no block") }
        XCTAssertEqual(block.begin, SourceLocation(file: "sops/a.md", line: 1, column: 1))
    }

    func testShorterClosingFenceDoesNotCloseALongerOne() {
        XCTAssertEqual(locate("~~~~\n\(begin)\n~~~\n\(end)\n~~~~\n"), .none)
    }

    func testClosingFenceMustBeTheSameCharacter() {
        XCTAssertEqual(locate("```\n~~~\n\(begin)\n```\n"), .none)
    }

    func testClosingFenceWithTextAfterItDoesNotClose() {
        XCTAssertEqual(locate("```\n``` not a close\n\(begin)\n```\n"), .none)
    }

    func testUnclosedFenceHidesTheRestOfTheFile() {
        XCTAssertEqual(locate("```sh\n\(begin)\n"), .none)
    }

    func testBacktickInfoStringWithABacktickIsNotAFence() {
        let text = "``` a`b\n\(begin)\n\(end)\n"
        guard case .found = locate(text) else { return XCTFail("expected a block") }
    }

    func testFenceIndentedFourSpacesIsNotAFence() {
        let text = "    ```\n\(begin)\n\(end)\n"
        guard case .found = locate(text) else { return XCTFail("expected a block") }
    }

    func testBlockAfterAClosedFenceIsFound() {
        let text = "```\n\(begin)\n```\n\(begin)\nx\n\(end)\n"
        guard case .found(let block) = locate(text) else { return XCTFail("no block") }
        XCTAssertEqual(block.begin.line, 4)
    }

    func testBeginAfterBeginIsMissingEndAtTheFirst() {
        guard case .broken(let diagnostic) = locate("\(begin)\n\(begin)\n\(end)\n") else { return XCTFail("not broken") }
        XCTAssertEqual(diagnostic.code, .syncMissingEnd)
        XCTAssertEqual(diagnostic.location.line, 1)
        XCTAssertEqual(diagnostic.notes.first?.location?.line, 2)
    }

    func testEndAfterACompleteBlockHasNoBegin() {
        guard case .broken(let diagnostic) = locate("\(begin)\n\(end)\n\(end)\n") else { return XCTFail("not broken") }
        XCTAssertEqual(diagnostic.code, .syncEndBeforeBegin)
        XCTAssertEqual(diagnostic.location.line, 3)
    }

    func testLineEndingStyleFollowsTheFirstLineEnding() {
        XCTAssertEqual(LineEnding.of(Array("a\r\nb\n".utf8)), .crlf)
        XCTAssertEqual(LineEnding.of(Array("a\nb\r\n".utf8)), .lf)
        XCTAssertEqual(LineEnding.of(Array("no line ending".utf8)), .lf)
        XCTAssertEqual(LineEnding.of([]), .lf)
        XCTAssertEqual(LineEnding.crlf.apply(to: "a\nb\n"), Array("a\r\nb\r\n".utf8))
    }
}

private extension ManagedBlockTests {
    func locate(_ text: String) -> ManagedBlock.Search {
        ManagedBlock.locate(in: Array(text.utf8), file: "sops/a.md")
    }

    func slice(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }
}
