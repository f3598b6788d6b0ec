@testable import DebriefKit
import Foundation
import XCTest

/// The JSON the site publishes: what `JSONText.quote` writes must be what JSON and JavaScript
/// read back, byte for byte the same text, for any string.
final class JSONTextTests: XCTestCase {
    private func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONText.quote(text, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func testEscapesExactlyWhatJSONAndJavaScriptNeed() {
        XCTAssertEqual(quoted("a\"b\\c\nd\re\tf\u{1}g\u{1F}h\u{2028}i\u{2029}j</k é 🚒"), #""a\"b\\c\nd\re\tf\u0001g\u001fh\u2028i\u2029j</k é 🚒""#)
    }

    func testAnyTextRoundTripsThroughAJSONParser() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1F}", "\u{7F}", "é", "\u{301}",
                                "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "€", "🚒", "</", "script>", "\u{E2}", "\u{80}"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            let out = quoted(text)
            XCTAssertFalse(out.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0.value < 0x20 }, out)
            let decoded = try JSONSerialization.jsonObject(with: Data(out.utf8), options: .fragmentsAllowed) as? String
            XCTAssertEqual(decoded, text)
        }
    }

    func testAScriptValueCannotCloseItsElementAndReadsBackTheSame() throws {
        let value = JSONText.Value.object([("k</script>", .array([.string("a</b"), .string("<"), .string("/"), .number(1.5), .bool(true), .null])),
                                           ("empty", .object([])), ("list", .array([]))])
        let text = JSONText.render(value, indent: nil, script: true)
        XCTAssertEqual(text, #"{"k<\/script>":["a<\/b","<","/",1.5,true,null],"empty":{},"list":[]}"#)
        XCTAssertEqual(JSONText.bytes(value, indent: nil, script: true), Array(text.utf8))
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual((decoded["k</script>"] as? [Any])?.first as? String, "a</b")
        XCTAssertEqual(JSONText.render(.object([("a", .array([.number(1)]))]), indent: 2), "{\n  \"a\": [\n    1\n  ]\n}")
    }
}
