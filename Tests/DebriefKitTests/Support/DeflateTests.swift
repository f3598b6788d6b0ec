@testable import DebriefKit
import XCTest

/// The search documents are raw DEFLATE that a browser inflates with a 32 KB window: whatever
/// window `compress` picks for an input's size, the stream must inflate to the same bytes.
final class DeflateTests: XCTestCase {
    /// Text that repeats at every distance up to the input's length, and bytes that do not.
    private func inputs(size: Int) -> [[UInt8]] {
        var random = SplitMix64(seed: UInt64(size))
        let noise = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let words = ["connection", "pool", "exhausted", "replica", "é", "→", "\n"]
        var text: [UInt8] = []
        while text.count < size { text += Array(words[Int(random.next() % UInt64(words.count))].utf8) + [0x20] }
        return [noise, Array(text.prefix(size))]
    }

    func testEveryWindowSizeInflatesBackToTheInput() throws {
        for size in [0, 1, 2, 255, 511, 512, 513, 1023, 1024, 1025, 4096, 16_383, 16_384, 16_385, 32_767, 32_768, 32_769, 100_000] {
            for input in inputs(size: size) {
                let packed = Deflate.compress(input)
                XCTAssertEqual(try XCTUnwrap(Deflate.decompress(packed), "size \(size)"), input, "size \(size)")
            }
        }
    }

    func testAMatchAtTheFarEndOfTheWindowIsStillFound() {
        // A 1,500-byte block repeated: the copy is found only if the window reaches back over it.
        var random = SplitMix64(seed: 9)
        let block = (0..<1_500).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let packed = Deflate.compress(block + block)
        XCTAssertLessThan(packed.count, 1_600, "the repeat was not matched")
        XCTAssertEqual(Deflate.decompress(packed), block + block)
    }

    func testAStreamThatInflatesPastTheLimitIsRefused() {
        let zeros = [UInt8](repeating: 0, count: 200_000)
        XCTAssertNil(Deflate.decompress(Deflate.compress(zeros), limit: 100_000))
        XCTAssertNil(Deflate.decompress([0xFF, 0xFF, 0xFF]))
    }

    func testTheFastestLevelInflatesBackAndTheStreamHasNoSpareRoom() throws {
        for size in [0, 1, 511, 4096, 32_769, 100_000] {
            for input in inputs(size: size) {
                let packed = Deflate.compress(input, level: 1)
                // Rounded up to the allocator's granularity at most, not to the input's size.
                XCTAssertLessThan(packed.capacity - packed.count, 32, "size \(size): the stream keeps the input's room")
                XCTAssertEqual(Deflate.decompress(packed, length: input.count), input, "size \(size)")
            }
        }
    }

    func testInflatingToAnExactLengthRefusesAnyOther() {
        let input = inputs(size: 4096)[1]
        let packed = Deflate.compress(input, level: 1)
        XCTAssertNil(Deflate.decompress(packed, length: input.count - 1), "longer than said")
        XCTAssertNil(Deflate.decompress(packed, length: input.count + 1), "shorter than said")
        XCTAssertNil(Deflate.decompress(Array(packed.dropLast(4)), length: input.count), "cut short")
        XCTAssertNil(Deflate.decompress([0xFF, 0xFF, 0xFF], length: 3))
    }

    func testARenderedBodyGivesBackItsHTMLWithTheDigestOfItsBytes() {
        for html in ["", "<p>Pool exhausted → replica é</p>\n", String(repeating: "<li>connection pool</li>\n", count: 2_000)] {
            let body = RenderedBody(html)
            XCTAssertEqual(body.html, html)
            XCTAssertEqual(body.bytes, Array(html.utf8))
            XCTAssertEqual(body.length, html.utf8.count)
            XCTAssertEqual(body.digest, ContentDigest.of(html))
        }
        XCTAssertLessThan(RenderedBody(String(repeating: "<li>connection pool</li>\n", count: 2_000)).heldCount, 2_000)
    }
}
