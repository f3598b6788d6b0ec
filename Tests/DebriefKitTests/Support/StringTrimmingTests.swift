@testable import DebriefKit
import Foundation
import XCTest

/// The trimming helpers give exactly what Foundation's `trimmingCharacters(in:)` gives.
final class StringTrimmingTests: XCTestCase {
    private let edges = ["", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", " ", "\t", "\u{A0}", "\u{2027}", "\u{202A}",
                         "\u{09}\n", "\n\u{2029}\n", "\u{1680}", "\u{2003}", "\u{202F}", "\u{3000}", "\u{200B}", "\u{FEFF}", " \t\u{3000}"]
    private let middles = ["", "a", "<p>x</p>\n<p>y</p>", "\n", " mid dle ", "é\u{301}", "\u{2028}x\u{2028}", "😀",
                           "\u{301}x\u{301}", "\u{200D}👩\u{200D}", "\u{1F1E6}\u{1F1E8}"]

    /// Every text made of an edge, a middle and an edge, trimmed both ways.
    private func assertSame(_ ours: (String) -> String, _ foundation: CharacterSet, file: StaticString = #filePath, line: UInt = #line) {
        for head in edges {
            for middle in middles {
                for tail in edges {
                    let text = head + middle + tail
                    XCTAssertEqual(ours(text), text.trimmingCharacters(in: foundation), text.debugDescription, file: file, line: line)
                }
            }
        }
    }

    func testLineBreaksAreTrimmedAsFoundationTrimsNewlines() {
        assertSame(\.trimmedLineBreaks, .newlines)
    }

    func testWhiteSpaceIsTrimmedAsFoundationTrimsWhitespacesAndNewlines() {
        assertSame(\.trimmed, .whitespacesAndNewlines)
    }

    func testSpacesAreTrimmedAsFoundationTrimsWhitespaces() {
        assertSame(\.trimmedSpaces, .whitespaces)
    }

    /// The scalar tests agree with Foundation's sets on every scalar, not only the samples.
    func testScalarClassesAreFoundationsSets() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            XCTAssertEqual(scalar.isSpace, CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
            XCTAssertEqual(scalar.isLineBreak, CharacterSet.newlines.contains(scalar), "U+\(String(value, radix: 16))")
            XCTAssertEqual(scalar.isWhiteSpace, CharacterSet.whitespacesAndNewlines.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }
}
