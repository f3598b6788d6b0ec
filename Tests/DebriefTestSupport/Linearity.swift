import Foundation
import XCTest

/// A timing check that tells linear work from quadratic work without flaking on a busy machine.
///
/// It runs the same operation on an input of size `n` and on one `factor` times as large, and
/// compares the fastest of a few interleaved runs of each. Linear work grows by `factor` (8),
/// n log n by a little more, quadratic work by `factor²` (64); the bound (24) sits far from
/// both, so a loaded machine (which slows single runs, not the fastest of several) does not
/// make a linear path fail, and a quadratic one cannot pass. `n` is first doubled until the
/// small run takes 20 milliseconds, so the ratio is not the ratio of two timer ticks.
public enum Linearity {
    /// How much larger the second input is.
    public static let factor = 8
    /// The ratio above which the work is taken to be super-linear.
    public static let bound = 24.0

    /// The measured times and their ratio.
    public struct Measurement: CustomStringConvertible {
        /// The size of the small input.
        public var n: Int
        /// Fastest run on the small input, in seconds.
        public var small: Double
        /// Fastest run on the large input, in seconds.
        public var large: Double
        /// `large / small`.
        public var ratio: Double { large / max(small, 1e-9) }

        public var description: String {
            "n=\(n): \(String(format: "%.4f", small)) s, n×\(Linearity.factor): \(String(format: "%.4f", large)) s, ratio \(String(format: "%.1f", ratio))"
        }
    }

    /// Measures `run` on `make(n)` and `make(n × factor)`.
    public static func measure<Input>(startingAt n: Int, maxN: Int = 1 << 20, make: (Int) -> Input, run: (Input) -> Void) -> Measurement {
        var n = n
        var small = make(n)
        while min(seconds({ run(small) }), seconds({ run(small) })) < 0.02, n * 2 <= maxN {
            n *= 2
            small = make(n)
        }
        let large = make(n * factor)
        var fastestSmall = Double.infinity
        var fastestLarge = Double.infinity
        for _ in 0..<3 {
            fastestSmall = min(fastestSmall, seconds { run(small) })
            fastestLarge = min(fastestLarge, seconds { run(large) })
        }
        return Measurement(n: n, small: fastestSmall, large: fastestLarge)
    }

    private static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

public extension XCTestCase {
    /// Fails when `run` does super-linear work in the size of what `make` builds (see `Linearity`).
    func assertLinear<Input>(_ label: String, startingAt n: Int, maxN: Int = 1 << 20, make: (Int) -> Input, run: (Input) -> Void,
                             file: StaticString = #filePath, line: UInt = #line) {
        let measurement = Linearity.measure(startingAt: n, maxN: maxN, make: make, run: run)
        XCTAssertLessThan(measurement.ratio, Linearity.bound, "\(label) is super-linear: \(measurement)", file: file, line: line)
    }
}
