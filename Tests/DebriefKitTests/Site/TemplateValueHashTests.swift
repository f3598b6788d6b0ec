@testable import DebriefKit
import XCTest

/// A page model's stable hash decides whether its page is rendered again: it must not depend on
/// how a dictionary happens to order its keys, and it must change with any key or value.
final class TemplateValueHashTests: XCTestCase {
    private func hash(_ value: TemplateValue) -> UInt64 {
        var hasher = StableHasher(seed: 42)
        value.hash(into: &hasher)
        return hasher.finalize()
    }

    private let row: TemplateValue = .object(["id": .string("PA-1"), "open": .bool(true), "days": .int(3)])

    func testAnObjectHashesTheSameWhateverOrderItsKeysWereAddedIn() {
        let keys = (0..<40).map { "key\($0)" }
        var forward: [String: TemplateValue] = [:]
        for (number, key) in keys.enumerated() { forward[key] = .int(number) }
        var backward: [String: TemplateValue] = [:]
        for (number, key) in keys.enumerated().reversed() { backward[key] = .int(number) }
        // Grown and shrunk, so its storage (and iteration order) differs from the others'.
        var regrown: [String: TemplateValue] = [:]
        for number in 0..<500 { regrown["x\(number)"] = .bool(true) }
        for number in 0..<500 { regrown["x\(number)"] = nil }
        for (number, key) in keys.enumerated().shuffled() { regrown[key] = .int(number) }
        XCTAssertEqual(hash(.object(forward)), hash(.object(backward)))
        XCTAssertEqual(hash(.object(forward)), hash(.object(regrown)))
    }

    func testEveryChangeToAKeyOrValueChangesTheHash() {
        let base: TemplateValue = .object(["title": .string("A"), "summary": .string("B"), "rows": .list([row, row])])
        let variants: [TemplateValue] = [
            .object(["title": .string("B"), "summary": .string("A"), "rows": .list([row, row])]),  // values swapped
            .object(["title": .string("A"), "summaries": .string("B"), "rows": .list([row, row])]),  // key renamed
            .object(["title": .string("A"), "summary": .string("B"), "rows": .list([row])]),  // a row fewer
            .object(["title": .string("A"), "summary": .string("B")]),  // a key fewer
            .object(["title": .string("A"), "summary": .html("B"), "rows": .list([row, row])]),  // text became HTML
            .object(["title": .string("A"), "summary": .string("B"), "rows": .list([row, .object(["id": .string("PA-1"), "open": .bool(false), "days": .int(3)])])]),
            .object(["title": .string("A"), "summary": .string("B"), "rows": .list([row, .object(["id": .string("PA-1"), "open": .bool(true), "day": .int(3)])])]),
            .object(["title": .string("A"), "summary": .string("B"), "rows": .object(["0": row, "1": row])]),
            .object(["title": .object(["summary": .string("B")]), "rows": .list([row, row])]),  // nesting moved
        ]
        let hashes = Set(([base] + variants).map(hash))
        XCTAssertEqual(hashes.count, variants.count + 1, "two different models hash alike")
    }

    func testTheSameKeysAndValuesInTwoObjectsDoNotCancelOut() {
        // Summing the pairs' hashes must not let a pair repeated in a nested object vanish.
        let once: TemplateValue = .object(["a": .object(["k": .string("v")])])
        let twice: TemplateValue = .object(["a": .object(["k": .string("v")]), "b": .object(["k": .string("v")])])
        XCTAssertNotEqual(hash(once), hash(twice))
        XCTAssertNotEqual(hash(.object([:])), hash(.list([])))
    }
}
