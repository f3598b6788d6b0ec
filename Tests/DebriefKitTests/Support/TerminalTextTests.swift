import DebriefKit
import XCTest

final class TerminalTextTests: XCTestCase {
    func test_item13_controlCharactersAreWrittenOut() {
        XCTAssertEqual(TerminalText.escape("a\nb\rc\td"), "a\\nb\\rc\\td")
        XCTAssertEqual(TerminalText.escape("\u{1B}[2J"), "\\u{1B}[2J")
        XCTAssertEqual(TerminalText.escape("\u{1B}]8;;https://evil.example\u{7}click\u{1B}]8;;\u{7}"),
                       "\\u{1B}]8;;https://evil.example\\u{7}click\\u{1B}]8;;\\u{7}")
        XCTAssertEqual(TerminalText.escape("a\u{0}b\u{7F}c\u{9B}d\u{85}"), "a\\u{0}b\\u{7F}c\\u{9B}d\\u{85}")
        XCTAssertEqual(TerminalText.escape("\u{202E}gnp.exe\u{202C} \u{2066}x\u{2069} \u{2028}"), "\\u{202E}gnp.exe\\u{202C} \\u{2066}x\\u{2069} \\u{2028}")
        XCTAssertEqual(TerminalText.escape("a\r\nb"), "a\\r\\nb")
    }

    func test_ordinaryTextIsKept() {
        for text in ["", "unknown field 'severty'", "café – naïve 日本語 👩🏽‍💻", "C:\\path\\n", "=HYPERLINK(\"x\")", "\u{200F}"] {
            XCTAssertEqual(TerminalText.escape(text), text)
        }
    }

    func test_lineBreaksCanBeKeptForFormatsThatEscapeThem() {
        XCTAssertEqual(TerminalText.escape("a\nb\r\u{1B}c", keepingLineBreaks: true), "a\nb\r\\u{1B}c")
    }
}
