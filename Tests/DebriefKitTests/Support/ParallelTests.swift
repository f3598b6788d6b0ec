@testable import DebriefKit
import Foundation
import XCTest

/// `parallelMap` keeps order and keeps nothing: once the caller drops what it returned, every
/// result is released (a large build's documents and pages are most of its memory).
final class ParallelTests: XCTestCase {
    private final class Counted: Sendable {
        static let alive = Counter()
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.alive.add(1)
        }
        deinit { Self.alive.add(-1) }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add(_ delta: Int) { lock.withLock { count += delta } }
        var value: Int { lock.withLock { count } }
    }

    func test_item2_parallelMapReleasesEveryResult() {
        let before = Counted.alive.value
        do {
            let mapped = parallelMap(Array(0..<1_000)) { Counted($0 * 2) }
            XCTAssertEqual(mapped.map(\.value), (0..<1_000).map { $0 * 2 })
            XCTAssertEqual(Counted.alive.value - before, 1_000)
        }
        XCTAssertEqual(Counted.alive.value - before, 0, "results outlive the array parallelMap returned")
    }

    func test_item2_parallelMapThrowingReleasesEveryResult() throws {
        let before = Counted.alive.value
        do {
            let mapped = try parallelMapThrowing(Array(0..<500)) { Counted($0) }
            XCTAssertEqual(mapped.count, 500)
        }
        XCTAssertEqual(Counted.alive.value - before, 0)
    }
}
