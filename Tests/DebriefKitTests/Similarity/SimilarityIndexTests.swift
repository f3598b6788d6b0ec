@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// Similar incidents: the quality on a fixture of known families, the reasons, and the
/// exclusions. `Fixtures/Similarity/families` holds 36 post-mortems: ten families of three
/// (`fNN-…`: one cause told in different words, with different services and tags) and six
/// singletons (`sNN-…`), whose services and tags overlap the families' as noise.
final class SimilarityIndexTests: XCTestCase {
    static let familiesRoot = TestPaths.fixtures("DebriefKitTests").appendingPathComponent("Similarity/families")

    /// The fixture's post-mortems, their index and each one's family (nil for a singleton).
    static func families() throws -> (postmortems: [Postmortem], index: SimilarityIndex, family: [String?]) {
        let base = try RepositoryLoader().load(root: familiesRoot)
        let family: [String?] = base.postmortems.map { pm in
            let name = URL(fileURLWithPath: pm.file).lastPathComponent
            return name.hasPrefix("f") ? String(name.prefix(3)) : nil
        }
        return (base.postmortems, SimilarityIndex(base.postmortems.map(SimilarityDocument.init)), family)
    }

    func test_item1_familyMembersRankFirst() throws {
        let (postmortems, index, family) = try Self.families()
        XCTAssertGreaterThanOrEqual(postmortems.count, 30)
        var hitsAtOne = 0, members = 0
        var precisionAtThree = 0.0
        var misses: [String] = []
        for position in postmortems.indices {
            guard let own = family[position] else { continue }
            members += 1
            let found = index.similar(to: position, limit: 3, minimumScore: 0)
            if found.first.map({ family[$0.position] == own }) == true {
                hitsAtOne += 1
            } else {
                misses.append("\(postmortems[position].id) → \(found.first?.id ?? "nothing")")
            }
            // Of the three first results, the share that are family members, out of as many as
            // there can be (a family of three has two others).
            let relevant = found.count { family[$0.position] == own }
            let possible = min(3, family.count { $0 == own } - 1)
            precisionAtThree += Double(relevant) / Double(possible)
        }
        let atOne = Double(hitsAtOne) / Double(members)
        let atThree = precisionAtThree / Double(members)
        print(String(format: "similarity on %d family members: precision@1 = %.3f, precision@3 = %.3f; misses: %@",
                     members, atOne, atThree, misses.joined(separator: ", ")))
        XCTAssertGreaterThanOrEqual(atOne, 0.7, "misses: \(misses)")
        XCTAssertGreaterThanOrEqual(atThree, 0.6)
    }

    /// The recurrence threshold (`RecurrenceSettings.defaultThreshold`) must keep most family
    /// pairs and almost no pair of different causes: printed, so a change of weighting shows
    /// what it does to both.
    func test_item2_thresholdSeparatesFamiliesFromOthers() throws {
        let (postmortems, index, family) = try Self.families()
        var same: [Double] = [], different: [Double] = []
        for first in postmortems.indices {
            for second in postmortems.indices where second > first {
                let score = index.score(first, second)
                if let own = family[first], family[second] == own { same.append(score) } else { different.append(score) }
            }
        }
        let threshold = RecurrenceSettings.defaultThreshold
        let kept = Double(same.count { $0 >= threshold }) / Double(same.count)
        let falsePairs = different.count { $0 >= threshold }
        same.sort()
        different.sort()
        print(String(format: "threshold %.2f keeps %.0f%% of %d family pairs (median %.3f, lowest %.3f); %d of %d other pairs reach it (highest %.3f)",
                     threshold, kept * 100, same.count, same[same.count / 2], same[0], falsePairs, different.count, different.last ?? 0))
        for candidate in [0.08, 0.10, 0.12, 0.15, 0.20] {
            print(String(format: "  at %.2f: %d of %d family pairs, %d of %d other pairs", candidate, same.count { $0 >= candidate }, same.count,
                         different.count { $0 >= candidate }, different.count))
        }
        XCTAssertGreaterThanOrEqual(kept, 0.5)
        XCTAssertLessThanOrEqual(Double(falsePairs) / Double(different.count), 0.005)
    }

    /// Documents of everyday words, so that `the` and `after` are as common as in a real repository.
    static let filler = (0..<12).map { number in
        SimilarityDocument(id: "INC-F\(number)", title: "The incident of the week \(number)", text: "It was after the deploy and the alert was late.",
                           services: [], tags: [])
    }

    func test_item1_reasonsNameTheServiceAndThePhrase() {
        let index = SimilarityIndex(Self.filler + [
            SimilarityDocument(id: "INC-1", title: "Checkout 502 after failover", text: "The connection pool was exhausted after the failover.",
                               services: ["checkout"], tags: ["database"]),
            SimilarityDocument(id: "INC-2", title: "Checkout errors", text: "Again the connection pool ran dry after a failover of the primary.",
                               services: ["Checkout", "payments"], tags: ["network"]),
            SimilarityDocument(id: "INC-3", title: "Search slow", text: "A reindex made queries slow.", services: ["search"], tags: ["database"]),
        ])
        let found = index.similar(to: Self.filler.count)
        XCTAssertEqual(found.first?.id, "INC-2")
        let reasons = found.first?.reasons ?? []
        XCTAssertEqual(reasons.first, "same service: checkout")
        let terms = reasons.first { $0.hasPrefix("shared terms: ") } ?? ""
        XCTAssertTrue(terms.contains("connection pool"), terms)
        XCTAssertTrue(terms.contains("failover"), terms)
        // A phrase stands for its words: `pool` is not named again on its own.
        XCTAssertFalse(terms.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "pool" }, terms)
    }

    func test_item1_compoundIsNamedWhole() {
        let index = SimilarityIndex(Self.filler + [
            SimilarityDocument(id: "A", title: "Backups failed", text: "pg_basebackup stopped with a timeout.", services: [], tags: []),
            SimilarityDocument(id: "B", title: "Replica rebuild slow", text: "The pg_basebackup of the replica hung.", services: [], tags: []),
            SimilarityDocument(id: "C", title: "Unrelated", text: "The mobile app crashed on launch.", services: [], tags: []),
        ])
        let found = index.similar(to: Self.filler.count)
        XCTAssertEqual(found.first?.id, "B")
        let terms = found.first?.reasons.first { $0.hasPrefix("shared terms: ") } ?? ""
        XCTAssertTrue(terms.hasPrefix("shared terms: pg_basebackup"), terms)
    }

    func test_item1_excludedAndSelfNeverListed() throws {
        let (postmortems, index, _) = try Self.families()
        let first = try XCTUnwrap(postmortems.firstIndex { $0.id == "INC-2025-001" })
        let best = try XCTUnwrap(index.similar(to: first).first)
        let without = index.similar(to: first, excluding: [best.position])
        XCTAssertFalse(without.contains { $0.position == best.position || $0.position == first })
        XCTAssertEqual(without.count, index.similar(to: first).count, "the list fills up from the next ones")
    }

    func test_item1_freeTextFindsTheFamily() throws {
        let (postmortems, index, _) = try Self.families()
        let found = index.similar(toText: "checkout 502 because the database connection pool was exhausted")
        XCTAssertEqual(found.first.map { postmortems[$0.position].id }, "INC-2025-001")
        XCTAssertTrue(found.first?.reasons.contains("same service: checkout") == true, "\(found.first?.reasons ?? [])")
        XCTAssertEqual(index.similar(toText: "zzzz qqqq"), [])
    }

    func test_item1_commonWordsAloneMakeNoMatch() {
        // Ten documents sharing only stop-like words: none is similar to another.
        let documents = (0..<10).map { number in
            SimilarityDocument(id: "INC-\(number)", title: "the incident of the day", text: "It was a problem with the thing \(number)x\(number).",
                               services: [], tags: [])
        }
        XCTAssertEqual(SimilarityIndex(documents).similar(to: 0), [])
    }

    func test_item1_similarForAllMatchesOneByOne() throws {
        let (postmortems, index, _) = try Self.families()
        let all = index.similarForAll()
        for position in postmortems.indices {
            XCTAssertEqual(all[position], index.similar(to: position))
        }
    }

    /// Phrases across batches: the index is made 512 documents at a time, each document's words
    /// numbered as it comes. A pair of selective words becomes a phrase labelled as the first
    /// document wrote it, in whichever batch that was; a pair with a word as common as a stop
    /// word is no phrase; a text query finds the phrase by its two words.
    func testPhrasesAcrossBatchesKeepTheFirstLabelAndSkipCommonWords() {
        let filler = (0..<(SimilarityIndex.batchSize + 100)).map { number in
            SimilarityDocument(id: "F-\(number)", title: "Routine \(number)", text: "the routine note \(number)", services: [], tags: [])
        }
        let first = SimilarityDocument(id: "A", title: "Outage", text: "Connection Pools drained. The replica lagged.", services: [], tags: [])
        let second = SimilarityDocument(id: "B", title: "Outage again", text: "connection pool drained. The replica lagged.", services: [], tags: [])
        // `A` in the first batch, `B` in the second.
        let documents = [first] + filler + [second]
        let index = SimilarityIndex(documents)
        let reasons = index.reasons(between: 0, and: documents.count - 1)
        let terms = reasons.last.map { $0.dropFirst("shared terms: ".count).components(separatedBy: ", ") } ?? []
        XCTAssertTrue(terms.contains("connection pools"), "the label of `A`, in the first batch: \(terms)")
        XCTAssertFalse(index.labels.contains("the replica"), "`the` is in every document: no phrase")
        XCTAssertTrue(index.labels.contains("replica lagged"))
        let found = index.similar(toText: "connection pool", minimumScore: 0)
        XCTAssertEqual(Set(found.prefix(2).map(\.id)), ["A", "B"])
        XCTAssertEqual(found.first?.reasons.last?.contains("connection pools"), true, "the phrase, found by its words")
    }
}
