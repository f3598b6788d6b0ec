@testable import DebriefKit
import Foundation
import XCTest

/// The trimming helpers give exactly what Foundation's `trimmingCharacters(in:)` gives.
final class StringTrimmingTests: XCTestCase {
    private let edges = ["", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", " ", "\t", "\u{A0}", "\u{2027}", "\u{202A}",
                         "\u{09}\n", "\n\u{2029}\n"]
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
}
