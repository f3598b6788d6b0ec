@testable import DebriefKit
import XCTest

final class DocumentSlugTests: XCTestCase {
    func testEnglishTitleBecomesLowerCaseHyphenatedWords() {
        XCTAssertEqual(DocumentSlug.make("Checkout unavailable during the Spring Promotion"), "checkout-unavailable-during-the-spring-promotion")
    }

    func testPunctuationAndRunsOfSeparatorsCollapseToOneHyphen() {
        XCTAssertEqual(DocumentSlug.make("  API: 502s -- (again) / #2!  "), "api-502s-again-2")
    }

    func testApostrophesAreDroppedNotTurnedIntoHyphens() {
        XCTAssertEqual(DocumentSlug.make("Don't restart what isn’t broken"), "dont-restart-what-isnt-broken")
    }

    func testInvisibleFormatCharactersJoinTheirWord() {
        XCTAssertEqual(DocumentSlug.make("Zahlungsausfall bei \u{00AD}Über\u{00AD}weisungen"), "zahlungsausfall-bei-uberweisungen")
        XCTAssertEqual(DocumentSlug.make("Cache\u{200B}flush"), "cacheflush")
    }

    func testGermanIsTransliterated() {
        XCTAssertEqual(DocumentSlug.make("Größere Störung über Nacht"), "grossere-storung-uber-nacht")
    }

    func testJapaneseIsTransliterated() {
        let slug = DocumentSlug.make("データベース障害")
        XCTAssertEqual(slug, "detabesu-zhang-hai")
    }

    func testCyrillicAndGreekAreTransliterated() {
        XCTAssertEqual(DocumentSlug.make("Отказ базы данных"), "otkaz-bazy-dannyh")
        XCTAssertEqual(DocumentSlug.make("Ωmega Δelta"), "omega-delta")
    }

    func testEmojiOnlyTitleGivesAnEmptySlugForTheCallerToReplace() {
        XCTAssertEqual(DocumentSlug.make("🔥🔥🔥"), "")
        XCTAssertEqual(DocumentSlug.make("🔥 Fire 🔥"), "fire")
    }

    func testLongTitleIsCutAtAWordBoundaryWithinTheLimit() {
        let title = "The payment service returned timeouts for every customer in the European region for an hour"
        let slug = DocumentSlug.make(title)
        XCTAssertLessThanOrEqual(slug.count, 60)
        XCTAssertEqual(slug, "the-payment-service-returned-timeouts-for-every-customer-in")
        XCTAssertFalse(slug.hasSuffix("-"))
    }

    func testOneLongWordIsCutHard() {
        let slug = DocumentSlug.make(String(repeating: "a", count: 100))
        XCTAssertEqual(slug, String(repeating: "a", count: 60))
    }

    func testSlugIsAlwaysASCIILowerCaseAlphanumericAndHyphens() {
        for title in ["Ça coûte 5 € — vraiment?", "中文标题 with English", "ÆØÅ æøå", "İstanbul ılık", "x\ny\tz"] {
            let slug = DocumentSlug.make(title)
            XCTAssertFalse(slug.isEmpty, title)
            XCTAssertTrue(slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }, slug)
            XCTAssertFalse(slug.hasPrefix("-") || slug.hasSuffix("-") || slug.contains("--"), slug)
        }
    }
}
