@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The analyzer the index and the search page share. `Fixtures/Search/analysis.txt` holds
/// inputs with the terms they must give; the browser test runs the page's analyzer over the
/// same file, so the two sides cannot drift apart. Rerun with `DEBRIEF_RECORD=1` to rewrite
/// the file after a deliberate change, and review its diff.
final class SearchAnalyzerTests: XCTestCase {
    static var fixture: URL { TestPaths.fixtures("DebriefKitTests").appendingPathComponent("Search/analysis.txt") }

    /// Inputs of the fixture, one per line; the expected terms follow a tab.
    static let inputs = [
        "caresses", "ponies", "ties", "caress", "cats", "feed", "agreed", "plastered", "bled", "motoring", "sing",
        "conflated", "troubled", "sized", "hopping", "tanned", "falling", "hissing", "fizzed", "failing", "filing",
        "happy", "sky", "timeouts", "timed", "deleted", "deletes", "policies", "policy", "restore", "restoring",
        "restored", "deployment", "deploying", "Ünïcode café", "naïve résumé", "ﬁle", "Straße",
        "pg_basebackup", "us-east-1", "INC-2024-031", "api.example.com", "a..b", "-leading trailing-",
        "/usr/bin/pg_basebackup.log", "14:32 UTC", "502 Bad Gateway", "p99", "HTTP/2",
        "a.b.c.d.e.f.g", "Transit Gateway", "soft deletes", "regular expression", "Orchestrator",
        String(repeating: "x", count: 45), "日本語のテキスト", "emoji 🚀 launch",
        "ΟΔΟΣ ΣΑΣ-ΣΑΣ", "ip-10-0-1-23.eu-west-1.compute.internal", "https://status.example.com/incidents/42",
    ]

    func testAnalysisMatchesTheSharedFixture() throws {
        let actual = Self.inputs.map { input in input + "\t" + SearchAnalyzer.terms(in: input).joined(separator: " ") }.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["DEBRIEF_RECORD"] == "1" {
            try actual.write(to: Self.fixture, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.fixture, encoding: .utf8)
        XCTAssertEqual(actual, expected)
    }

    func testPorterStepOneExamples() {
        // Porter (1980), step 1 examples, followed by step 5a where it applies.
        let cases = ["caresses": "caress", "ponies": "poni", "ties": "ti", "caress": "caress", "cats": "cat",
                     "feed": "feed", "plastered": "plaster", "bled": "bled", "motoring": "motor", "sing": "sing",
                     "conflated": "conflat", "troubled": "troubl", "sized": "size", "hopping": "hop", "tanned": "tan",
                     "falling": "fall", "hissing": "hiss", "fizzed": "fizz", "failing": "fail", "filing": "file",
                     "happy": "happi", "sky": "sky"]
        for (word, stem) in cases {
            XCTAssertEqual(SearchAnalyzer.stem(word), stem, word)
        }
    }

    func testFormsOfOneWordShareATerm() {
        for group in [["timeout", "timeouts"], ["delete", "deleted", "deletes", "deleting"], ["policy", "policies"],
                      ["restore", "restored", "restoring", "restores"], ["deploy", "deployed", "deploying", "deploys"]] {
            XCTAssertEqual(Set(group.map(SearchAnalyzer.stem)).count, 1, "\(group) → \(group.map(SearchAnalyzer.stem))")
        }
        XCTAssertNotEqual(SearchAnalyzer.stem("deployment"), SearchAnalyzer.stem("deploy"), "no derivational stemming")
    }

    func testCompoundsAreWholeAndInPieces() {
        XCTAssertEqual(SearchAnalyzer.terms(in: "pg_basebackup.log"),
                       ["pg_basebackup.log", "pg_basebackup", "basebackup.log", "pg", "basebackup", "log"])
        XCTAssertEqual(SearchAnalyzer.terms(in: "INC-2024-031"), ["inc-2024-031", "inc-2024", "2024-031", "inc", "2024", "031"])
        // More than six parts: the whole, the runs of two and three parts, and the parts.
        XCTAssertEqual(SearchAnalyzer.terms(in: "a.b.c.d.e.f.g"),
                       ["a.b.c.d.e.f.g", "a.b.c", "a.b", "b.c.d", "b.c", "c.d.e", "c.d", "d.e.f", "d.e", "e.f.g", "e.f", "f.g",
                        "a", "b", "c", "d", "e", "f", "g"])
    }

    func testFoldingRemovesAccentsAndCase() {
        XCTAssertEqual(SearchAnalyzer.terms(in: "Café NAÏVE"), ["cafe", "naiv"])
        XCTAssertEqual(SearchAnalyzer.fold("ﬁle Straße"), "file straße")
    }

    func testLongWordsAreCutIdentically() {
        XCTAssertEqual(SearchAnalyzer.terms(in: String(repeating: "z", count: 60)), [String(repeating: "z", count: 40)])
        // A surrogate pair is never split: 39 units and an emoji-like letter would make 41.
        let word = String(repeating: "z", count: 39) + "𝒜"
        XCTAssertEqual(SearchAnalyzer.clip(word), String(repeating: "z", count: 39))
    }

    /// The runs skipped without folding are exactly runs that folding leaves without a word.
    func testPunctuationRunsSkippedWithoutFoldingFoldToNoWord() {
        for scalar in SearchAnalyzer.wordless {
            XCTAssertEqual(scalar.properties.canonicalCombiningClass, .notReordered, "U+\(String(scalar.value, radix: 16))")
            XCTAssertFalse(SearchAnalyzer.fold(String(scalar)).unicodeScalars.contains(where: SearchAnalyzer.isWordScalar),
                           "U+\(String(scalar.value, radix: 16)) folds to a letter or digit")
        }
        var random = SplitMix64(seed: 3)
        let scalars = Array(SearchAnalyzer.wordless)
        for _ in 0..<2_000 {
            var run = String.UnicodeScalarView()
            for _ in 0..<(1 + Int(random.next() % 6)) { run.append(scalars[Int(random.next() % UInt64(scalars.count))]) }
            XCTAssertFalse(SearchAnalyzer.fold(String(run)).unicodeScalars.contains(where: SearchAnalyzer.isWordScalar), String(run))
            XCTAssertEqual(SearchAnalyzer.terms(in: "a " + String(run) + " b"), ["a", "b"])
        }
        // A run that mixes them with letters is still read: the letters are words.
        XCTAssertEqual(SearchAnalyzer.terms(in: "·Ünïcode· —x—"), SearchAnalyzer.terms(in: "Unicode x"))
        XCTAssertEqual(SearchAnalyzer.terms(in: "18:08 · Started ™"), SearchAnalyzer.terms(in: "18:08 Started") + ["tm"])
    }
}
