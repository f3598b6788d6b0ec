@testable import DebriefKit
import XCTest

final class YAMLScalarTests: XCTestCase {
    /// Strings that break naive YAML: indicators, comments, quotes, escapes, look-alike types.
    static let tricky = [
        "Checkout: down again", "Checkout #1 outage", "\"quoted\" title", "it's 'single'", "back\\slash",
        "- leading dash", "? question", "[not a list]", "{not: a map}", "&anchor", "*alias", "!tag", "|literal",
        ">folded", "%directive", "@mention", "`tick`", "true", "No", "null", "~", "123", "1.5", "0x1F", "2026-03-14",
        " leading space", "trailing space ", "tab\there", "line\nbreak", "Grüße aus Köln", "データベース障害",
        "🔥🔥", "a: b # c", "ends with colon:", "\u{7}bell", "nbsp\u{A0}inside", "line\u{2028}separator", "",
    ]

    func testQuotedReadsBackAsTheSameString() throws {
        for text in Self.tricky {
            XCTAssertEqual(try readBack(YAMLScalar.quoted(text)), text, "quoted: \(YAMLScalar.quoted(text))")
        }
    }

    func testDoubleQuotedReadsBackAsTheSameString() throws {
        for text in Self.tricky {
            XCTAssertEqual(try readBack(YAMLScalar.doubleQuoted(text)), text, "double-quoted: \(YAMLScalar.doubleQuoted(text))")
        }
    }

    func testQuotedInAFlowListReadsBackItemByItem() throws {
        let items = ["SEV1", "a, b", "[x]", "plain words"]
        let yaml = "k: [" + items.map(YAMLScalar.quoted).joined(separator: ", ") + "]\n"
        guard case .mapping(let mapping, _) = YAMLReader.read(yaml, file: "t.yml", firstLine: 1),
              case .sequence(let sequence)? = mapping.first?.value else { return XCTFail("not a list: \(yaml)") }
        XCTAssertEqual(sequence.compactMap(\.scalarText), items)
    }

    func testPlainWordsStayUnquoted() {
        XCTAssertEqual(YAMLScalar.quoted("Checkout unavailable"), "Checkout unavailable")
        XCTAssertEqual(YAMLScalar.quoted("_site"), "_site")
        XCTAssertEqual(YAMLScalar.quoted("Grüße"), "Grüße")
    }

    func testWordsOtherYAMLReadersTakeForBooleansNumbersOrNullAreQuoted() {
        for text in ["true", "No", "null", "~", "123", "1.5", "2026-03-14", ".inf"] {
            XCTAssertEqual(YAMLScalar.quoted(text), "\"" + text + "\"")
        }
    }

    func testDoubleQuotedEscapesQuoteBackslashAndControlCharacters() {
        XCTAssertEqual(YAMLScalar.doubleQuoted("say \"hi\"\\\n\u{1}"), #""say \"hi\"\\\n\u0001""#)
    }

    private func readBack(_ scalar: String) throws -> String? {
        switch YAMLReader.read("k: " + scalar + "\n", file: "t.yml", firstLine: 1) {
        case .mapping(let mapping, _):
            guard let value = mapping.first?.value, !value.isNull || scalar.hasPrefix("\"") else { return nil }
            return value.scalarText
        default:
            return nil
        }
    }
}
