@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The index files of a built site, read back the way `assets/search.js` reads them.
final class SearchIndexTests: XCTestCase {
    /// A site's search index, decoded.
    struct Index {
        var meta: [String: Any]
        /// term → [document number: weight level]
        var postings: [String: [Int: Int]]
        /// Shard number → its terms, in file order.
        var shards: [Int: [String]]
        var documents: [Int: [String: Any]]

        init(_ site: MemorySiteWriter) throws {
            let metaText = site.page("search/meta.js")
            meta = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Self.argument(metaText, of: "debriefSearch.meta(").utf8)) as? [String: Any])
            postings = [:]
            shards = [:]
            documents = [:]
            let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_")
            let digit = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
            for (path, bytes) in site.pages where path.hasPrefix("search/t/") {
                let number = try XCTUnwrap(Int(path.dropFirst("search/t/".count).dropLast(3)))
                let text = String(decoding: bytes, as: UTF8.self)
                let prefix = "debriefSearch.terms(\(number),"
                let quoted = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Self.argument(text, of: prefix).utf8), options: .fragmentsAllowed) as? String)
                var terms: [String] = []
                for line in quoted.split(separator: "\n") {
                    let parts = line.split(separator: "\t", maxSplits: 1)
                    let term = String(parts[0])
                    terms.append(term)
                    var docs: [Int: Int] = [:]
                    var number = -1
                    var characters = Array(parts[1])[...]
                    while !characters.isEmpty {
                        var gap = 0, shift = 0
                        while let first = characters.popFirst(), let value = digit[first] {
                            gap += (value & 31) << shift
                            shift += 5
                            if value < 32 { break }
                        }
                        number += gap
                        docs[number] = digit[characters.popFirst() ?? "?"] ?? -1
                    }
                    postings[term] = docs
                }
                shards[number] = terms
            }
            for (path, bytes) in site.pages where path.hasPrefix("search/d/") {
                let number = try XCTUnwrap(Int(path.dropFirst("search/d/".count).dropLast(3)))
                documents[number] = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try Self.document(bytes, number: number).utf8)) as? [String: Any])
            }
        }

        /// A document file's JSON: base64 of raw DEFLATE between `debriefSearch.doc(N,"` and `");`.
        static func document(_ bytes: [UInt8], number: Int) throws -> String {
            let packed = argument(String(decoding: bytes, as: UTF8.self), of: "debriefSearch.doc(\(number),\"").dropLast()
            let deflated = try XCTUnwrap(Data(base64Encoded: String(packed)), "not base64")
            return String(decoding: try XCTUnwrap(Deflate.decompress(Array(deflated)), "not raw DEFLATE"), as: UTF8.self)
        }

        /// The JSON between `prefix` and the closing `);`.
        static func argument(_ script: String, of prefix: String) -> String {
            XCTAssertTrue(script.hasPrefix(prefix), String(script.prefix(80)))
            XCTAssertTrue(script.hasSuffix(");\n"))
            return String(script.dropFirst(prefix.count).dropLast(3))
        }

        /// The pages of the documents holding `term`.
        func pages(_ term: String) -> Set<String> {
            Set((postings[term] ?? [:]).keys.compactMap { documents[$0]?["u"] as? String })
        }
    }

    func testEveryDocumentIsNumberedAndEveryTermIsInItsShard() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        let index = try Index(site)
        XCTAssertEqual(index.meta["documents"] as? Int, 10)
        XCTAssertEqual(index.meta["postmortems"] as? Int, 6)
        XCTAssertEqual(index.meta["sops"] as? Int, 4)
        XCTAssertEqual(Set(index.documents.keys), Set(0..<10))
        // Post-mortems oldest first, then SOPs.
        XCTAssertEqual(index.documents[0]?["i"] as? String, "INC-2026-001")
        XCTAssertEqual(index.documents[5]?["i"] as? String, "INC-2026-006")
        XCTAssertEqual(index.documents[6]?["k"] as? String, "sop")
        // The meta file names each shard's first term; terms are sorted across shards.
        let firsts = try XCTUnwrap(index.meta["shards"] as? [String])
        XCTAssertEqual(firsts.count, index.shards.count)
        var all: [String] = []
        for number in 0..<firsts.count {
            let terms = try XCTUnwrap(index.shards[number])
            XCTAssertEqual(terms.first, firsts[number])
            all += terms
        }
        XCTAssertEqual(all, all.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        XCTAssertEqual(Set(all).count, all.count)
    }

    /// Terms are sorted in UTF-16 order (the script's `<`), which is not UTF-8's once a term has
    /// a character beyond U+FFFF: its surrogates sort below U+E000-U+FFFF.
    func testTermsAreInUTF16OrderWithAndWithoutCharactersBeyondTheBasicPlane() {
        let basic = ["zeta", "alpha", "\u{FF21}wide", "\u{E000}private", "é", "e", "", "alphabet", "Zeta", "\u{7FF}", "\u{800}"]
        let astral = basic + ["\u{1F600}face", "\u{10000}linear"]
        for names in [basic, astral] {
            let sorted = SearchIndexFiles.utf16Sorted(Array(names.indices), names).map { names[$0] }
            XCTAssertEqual(sorted, names.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        }
        let mixed = SearchIndexFiles.utf16Sorted(Array(astral.indices), astral).map { astral[$0] }
        XCTAssertLessThan(try XCTUnwrap(mixed.firstIndex(of: "\u{1F600}face")), try XCTUnwrap(mixed.firstIndex(of: "\u{E000}private")))
        XCTAssertEqual(SearchIndexFiles.utf16Sorted([2, 0], ["b", "x", "a"]), [2, 0])
    }

    func testTheWholeBodyIsIndexedNotOnlyTheSummary() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        let index = try Index(site)
        let payments = "postmortems/2026-03-14-payment-timeouts.html"
        // From the Root Cause, the Timeline table and the actions table of the payments incident.
        for term in ["newsletter", "autoscal", "pgbouncer", "ops-1304"] {
            XCTAssertTrue(index.pages(term).contains(payments), "\(term): \(index.pages(term))")
        }
        // The fragment carries the text by section, with anchors for the result links.
        let number = try XCTUnwrap(index.documents.first { $0.value["u"] as? String == payments }?.key)
        let sections = try XCTUnwrap(index.documents[number]?["x"] as? [[Any]])
        XCTAssertTrue(sections.contains { ($0[0] as? String) == "timeline" && (($0[3] as? String) ?? "").contains(" · ") })
        // Title words weigh more than body words: the title's document ranks on its word.
        let title = try XCTUnwrap(index.postings["exhaustion"]?[number])
        let body = try XCTUnwrap(index.postings["newsletter"]?[number])
        XCTAssertGreaterThan(title, 40)
        XCTAssertGreaterThan(title, body)
    }

    func testFiltersAreTermsOfTheRightDocuments() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        let index = try Index(site)
        XCTAssertEqual(index.pages("severity:sev1"), ["postmortems/2026-03-14-payment-timeouts.html"])
        XCTAssertEqual(index.pages("is:sop").count, 4)
        XCTAssertEqual(index.pages("is:postmortem").count, 6)
        XCTAssertEqual(index.pages("year:2026").count, 6)
        XCTAssertEqual(index.pages("status:review"), ["postmortems/2026-05-06-stale-search-results.html"])
        XCTAssertTrue(index.pages("service:payments").contains("postmortems/2026-03-14-payment-timeouts.html"))
        // is:overdue holds exactly the post-mortems with an overdue action on the build's day.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(site.page("api/postmortems.json").utf8)) as? [[String: Any]])
        let asOf = try XCTUnwrap(SiteFixture.asOf).description
        let overdue = Set(json.filter { pm in
            (pm["actions"] as? [[String: Any]] ?? []).contains { action in
                let open = ["open", "in-progress"].contains(action["status"] as? String ?? "")
                return open && (action["untracked"] as? Bool) != true && (action["due"] as? String).map { $0 < asOf } == true
            }
        }.compactMap { $0["url"] as? String })
        XCTAssertFalse(overdue.isEmpty)
        XCTAssertEqual(index.pages("is:overdue"), overdue)
    }

    func testANewNewestPostmortemLeavesTheOtherDocumentFilesAsTheyWere() throws {
        let folder = try SiteFixture.temporaryFolder(self)
        let root = try SiteFixture.copy(SiteFixture.example, into: folder)
        let (_, before) = try SiteFixture.build(root)
        let source = try String(contentsOf: root.appendingPathComponent("postmortems/2026-09-03-partner-api-throttled.md"), encoding: .utf8)
        let newer = source.replacingOccurrences(of: "INC-2026-005", with: "INC-2026-099")
            .replacingOccurrences(of: "date: 2026-09-03", with: "date: 2026-11-29")
        try newer.write(to: root.appendingPathComponent("postmortems/2026-11-29-newer.md"), atomically: true, encoding: .utf8)
        let (_, after) = try SiteFixture.build(root)
        // Post-mortems 0-5 keep their numbers and bytes; the new one is 6; the SOPs move up one.
        for number in 0..<6 {
            XCTAssertEqual(before.pages["search/d/\(number).js"], after.pages["search/d/\(number).js"], "document \(number)")
        }
        XCTAssertEqual(try Index(after).documents[6]?["i"] as? String, "INC-2026-099")
        XCTAssertEqual(after.pages.keys.filter { $0.hasPrefix("search/d/") }.count, 11)
    }

    func testSuggestionWordsAreTheCommonestWordsAsWritten() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.example)
        let text = site.page("search/words.js")
        let quoted = Index.argument(text, of: "debriefSearch.words(")
        let words = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String).split(separator: " ")
        XCTAssertTrue(words.contains("checkout"))
        XCTAssertTrue(words.contains("replica"))
        XCTAssertFalse(words.contains("replic"), "words as written, not stems")
        XCTAssertFalse(words.contains { $0.unicodeScalars.contains { ("A"..."Z").contains($0) } }, "folded")
    }

    func testHostileTextIsDataThatCannotCloseAScript() throws {
        let (_, site) = try SiteFixture.build(SiteFixture.repo("site-escaping"))
        let index = try Index(site)
        let hostile = try XCTUnwrap(index.documents.values.first { ($0["u"] as? String)?.contains("hostile.html") == true })
        XCTAssertEqual(hostile["t"] as? String, "<script>alert(1)</script>", "the title as written, for textContent")
        for (path, bytes) in site.pages where path.hasPrefix("search/") {
            XCTAssertFalse(String(decoding: bytes, as: UTF8.self).contains("</"), "\(path) can never close a script element")
        }
    }
}

extension SearchIndexTests {
    /// Each ASCII character separates the words of a filter value exactly when Unicode calls it
    /// white space, a control or a format character, as for every other character.
    func testEveryASCIISeparatorOfAFilterValueIsOneByUnicodeProperties() {
        for value in UInt8(0)..<0x80 {
            let scalar = Unicode.Scalar(value)
            let separates = scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
            let folded = SearchAnalyzer.fold(String(scalar))
            let expected = separates ? "a-b" : "a\(folded)b"
            XCTAssertEqual(SearchCorpus.filterValue("a\(String(scalar))b"), expected, "U+\(String(value, radix: 16))")
        }
    }

    func testAFilterValueWithALineBreakCannotBreakAnIndexLine() throws {
        XCTAssertEqual(SearchCorpus.filterValue("checkout\nweb"), "checkout-web")
        XCTAssertEqual(SearchCorpus.filterValue(" @Dana  Smith\u{2028}"), "dana-smith")
        let folder = try SiteFixture.temporaryFolder(self)
        let root = try SiteFixture.copy(TestPaths.fixtures("DebriefCLITests").appendingPathComponent("search-repo"), into: folder)
        let file = root.appendingPathComponent("postmortems/2023-05-15-cache-stampede.md")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "services: [checkout]", with: "services: [\"checkout\\nweb\"]")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let (report, site) = try SiteFixture.build(root)
        XCTAssertTrue(report.built)
        let index = try Index(site)
        XCTAssertEqual(index.pages("service:checkout-web"), ["postmortems/2023-05-15-cache-stampede.html"])
        XCTAssertEqual(index.pages("service:edge"), ["postmortems/2019-07-02-cpu-exhaustion-waf-rule.html"])
        // Every term is where the page's binary search looks for it.
        for (number, terms) in index.shards {
            XCTAssertEqual(terms, terms.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }, "shard \(number)")
        }
    }

    func testAVeryLongDocumentSaysItsTextWasCut() throws {
        let folder = try SiteFixture.temporaryFolder(self)
        let root = try SiteFixture.copy(TestPaths.fixtures("DebriefCLITests").appendingPathComponent("search-repo"), into: folder)
        let file = root.appendingPathComponent("postmortems/2023-05-15-cache-stampede.md")
        let filler = String(repeating: "Filler line about nothing in particular, repeated to pass the limit.\n\n", count: 1_200)
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "## Root Cause\n", with: "## Root Cause\n\n" + filler + "The quokka stampede happened.\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let (_, site) = try SiteFixture.build(root)
        let index = try Index(site)
        XCTAssertEqual(index.pages("quokka"), ["postmortems/2023-05-15-cache-stampede.html"], "every word is indexed")
        let document = try XCTUnwrap(index.documents.values.first { $0["i"] as? String == "INC-2023-006" })
        XCTAssertEqual(document["c"] as? Int, 1)
        let other = try XCTUnwrap(index.documents.values.first { $0["i"] as? String == "INC-2024-007" })
        XCTAssertNil(other["c"])
    }
}
