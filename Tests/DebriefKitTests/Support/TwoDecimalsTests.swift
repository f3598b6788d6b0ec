import Foundation
@testable import DebriefKit
import XCTest

/// Scores are written with two decimals exactly as `String(format: "%.2f")` writes them.
final class TwoDecimalsTests: XCTestCase {
    func testTwoDecimalsAreWhatPrintfWrites() {
        var values: [Double] = [0, 1, 0.005, 0.015, 0.125, 0.135, 0.615, 0.995, 0.9999, 0.05, 0.1, 0.5, 12.345, 99.995, 100.005,
                                1e11, 5e12, -0.5, -0.004, -0.0, .nan, .infinity, 0.004999999, 0.00500001, 1.0 / 3, 2.0 / 3]
        var generator = SplitMix64(seed: 11)
        for _ in 0..<20_000 { values.append(Double(generator.next() % 1_000_000_001) / 1_000_000_000) }
        for _ in 0..<2_000 { values.append(Double(generator.next() % 100_001) / 1000) }
        for step in 0...1000 { values.append(Double(step) / 1000) }
        for value in values {
            XCTAssertEqual(value.twoDecimals, String(format: "%.2f", value), "\(value)")
        }
    }
}
