@testable import DebriefKit
import XCTest

/// Whether a link has a scheme decides whether it is checked as a file in the repo: the byte
/// reading of ASCII links must answer exactly as the reading by characters does.
final class LinkSchemeTests: XCTestCase {
    /// The reading by characters (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
    private func byCharacters(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    func testKnownLinks() {
        XCTAssertTrue(RepositoryLayout.hasScheme("https://example.com"))
        XCTAssertTrue(RepositoryLayout.hasScheme("mailto:oncall@example.com"))
        XCTAssertTrue(RepositoryLayout.hasScheme("git+ssh://host/repo"))
        XCTAssertTrue(RepositoryLayout.hasScheme("JavaScript:alert(1)"))
        XCTAssertFalse(RepositoryLayout.hasScheme("../sops/redis.md"))
        XCTAssertFalse(RepositoryLayout.hasScheme("runbook.md#step:2"))
        XCTAssertFalse(RepositoryLayout.hasScheme(":foo"))
        XCTAssertFalse(RepositoryLayout.hasScheme("1http://x"))
        XCTAssertFalse(RepositoryLayout.hasScheme(""))
    }

    func testBytesAnswerAsCharactersDo() {
        let pieces = ["h", "T", "p", "1", "+", "-", ".", ":", "/", "#", " ", "\r\n", "\r", "é", "e\u{301}", ":\u{301}", "\u{301}",
                      "ï", "٣", "😀", "_", "%3A", "\u{200D}", "x"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<50_000 {
            var link = ""
            for _ in 0..<(Int(random.next() % 7)) { link += pieces[Int(random.next() % UInt64(pieces.count))] }
            XCTAssertEqual(RepositoryLayout.hasScheme(link), byCharacters(link), link.debugDescription)
        }
    }
}
