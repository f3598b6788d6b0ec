import DebriefKit
import XCTest

final class SuggestionTests: XCTestCase {
    private let keys = ["id", "title", "date", "severity", "status", "services", "tags", "authors", "timezone", "related"]

    func test_closeTyposAreSuggested() {
        XCTAssertEqual(Suggestion.closest(to: "severty", in: keys), "severity")
        XCTAssertEqual(Suggestion.closest(to: "titel", in: keys), "title", "a transposition is one edit")
        XCTAssertEqual(Suggestion.closest(to: "Status", in: keys), "status", "case does not count")
        XCTAssertEqual(Suggestion.closest(to: "time_zone", in: keys), "timezone")
    }

    func test_farWordsAreNot() {
        XCTAssertNil(Suggestion.closest(to: "colour", in: keys))
        XCTAssertNil(Suggestion.closest(to: "x", in: keys))
        XCTAssertNil(Suggestion.closest(to: "anything", in: []))
    }

    func test_editDistance() {
        XCTAssertEqual(Suggestion.editDistance("", "abc"), 3)
        XCTAssertEqual(Suggestion.editDistance("abc", ""), 3)
        XCTAssertEqual(Suggestion.editDistance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestion.editDistance("ab", "ba"), 1)
        XCTAssertEqual(Suggestion.editDistance("é", "e"), 1)
    }
}
