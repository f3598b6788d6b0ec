import XCTest
@testable import DebriefKit

/// `JSON.encode(_:splicing:)` against `JSON.encode` of the whole: byte for byte the same.
final class JSONSpliceTests: XCTestCase {
    private struct Item: Encodable, Sendable {
        var name: String
        var count: Int
        var score: Double
        var note: String?
        var tags: [String]
        var empty: [Int]
        var nested: [String: [Int]]

        enum CodingKeys: String, CodingKey { case name, count, score, note, tags, empty, nested, zLast = "z_last" }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(count, forKey: .count)
            try container.encode(score, forKey: .score)
            try container.encode(note, forKey: .note)
            try container.encode(tags, forKey: .tags)
            try container.encode(empty, forKey: .empty)
            try container.encode(nested, forKey: .nested)
            try container.encode(true, forKey: .zLast)
        }
    }

    private struct Document: Encodable {
        var actions: [Item]
        var asOf: String
        var recurrences: [Item]
        var summary: [String: Int]
        var trailing: [Item]

        enum CodingKeys: String, CodingKey { case actions, asOf = "as_of", recurrences, summary, trailing }
    }

    private func items(_ count: Int, seed: Int) -> [Item] {
        (0..<count).map { index in
            Item(name: "item \(index) \"quoted\"\nline two\t/slash é 🚒 \u{1}", count: index * seed - 500,
                 score: Double(index) / 7 + 0.001, note: index % 3 == 0 ? nil : "n\(index)",
                 tags: index % 5 == 0 ? [] : ["a", "b\(index)"], empty: [], nested: index % 4 == 0 ? [:] : ["x": [index, -index]])
        }
    }

    func test_splicedArraysAreTheBytesOfTheWhole() {
        // Across chunk boundaries (512 a chunk), one element, and none.
        for (actionCount, recurrenceCount) in [(0, 0), (1, 0), (0, 1), (511, 512), (513, 1_100), (2, 1_025)] {
            let actions = items(actionCount, seed: 3)
            let recurrences = items(recurrenceCount, seed: 5)
            let trailing = items(2, seed: 7)
            let whole = Document(actions: actions, asOf: "2026-12-01", recurrences: recurrences, summary: ["open": 1, "done": 2],
                                 trailing: trailing)
            let shell = Document(actions: [], asOf: "2026-12-01", recurrences: [], summary: ["open": 1, "done": 2], trailing: trailing)
            let spliced = JSON.encode(shell, splicing: [
                JSON.Splice(key: "actions", items: Array(actions.indices)) { actions[$0] },
                JSON.Splice(key: "recurrences", items: recurrences) { $0 },
            ])
            XCTAssertEqual(spliced, JSON.encode(whole), "\(actionCount) actions, \(recurrenceCount) recurrences")
        }
    }
}
