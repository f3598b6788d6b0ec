@testable import DebriefKit
import XCTest

final class SlugTests: XCTestCase {
    func testEnglishTitleBecomesLowerCaseHyphenatedWords() {
        XCTAssertEqual(Slug.make("Checkout unavailable during the Spring Promotion"), "checkout-unavailable-during-the-spring-promotion")
    }

    func testPunctuationAndRunsOfSeparatorsCollapseToOneHyphen() {
        XCTAssertEqual(Slug.make("  API: 502s -- (again) / #2!  "), "api-502s-again-2")
    }

    func testApostrophesAreDroppedNotTurnedIntoHyphens() {
        XCTAssertEqual(Slug.make("Don't restart what isn’t broken"), "dont-restart-what-isnt-broken")
    }

    func testGermanIsTransliterated() {
        XCTAssertEqual(Slug.make("Größere Störung über Nacht"), "grossere-storung-uber-nacht")
    }

    func testJapaneseIsTransliterated() {
        let slug = Slug.make("データベース障害")
        XCTAssertEqual(slug, "detabesu-zhang-hai")
    }

    func testCyrillicAndGreekAreTransliterated() {
        XCTAssertEqual(Slug.make("Отказ базы данных"), "otkaz-bazy-dannyh")
        XCTAssertEqual(Slug.make("Ωmega Δelta"), "omega-delta")
    }

    func testEmojiOnlyTitleGivesAnEmptySlugForTheCallerToReplace() {
        XCTAssertEqual(Slug.make("🔥🔥🔥"), "")
        XCTAssertEqual(Slug.make("🔥 Fire 🔥"), "fire")
    }

    func testLongTitleIsCutAtAWordBoundaryWithinTheLimit() {
        let title = "The payment service returned timeouts for every customer in the European region for an hour"
        let slug = Slug.make(title)
        XCTAssertLessThanOrEqual(slug.count, 60)
        XCTAssertEqual(slug, "the-payment-service-returned-timeouts-for-every-customer-in")
        XCTAssertFalse(slug.hasSuffix("-"))
    }

    func testOneLongWordIsCutHard() {
        let slug = Slug.make(String(repeating: "a", count: 100))
        XCTAssertEqual(slug, String(repeating: "a", count: 60))
    }

    func testSlugIsAlwaysASCIILowerCaseAlphanumericAndHyphens() {
        for title in ["Ça coûte 5 € — vraiment?", "中文标题 with English", "ÆØÅ æøå", "İstanbul ılık", "x\ny\tz"] {
            let slug = Slug.make(title)
            XCTAssertFalse(slug.isEmpty, title)
            XCTAssertTrue(slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, slug)
            XCTAssertFalse(slug.hasPrefix("-") || slug.hasSuffix("-") || slug.contains("--"), slug)
        }
    }
}
