@testable import DebriefKit
import XCTest

/// Random SOP texts from a seeded generator: random lines (prose, headings, fenced code holding
/// marker lines, non-ASCII, invalid UTF-8, trailing white space), LF or CRLF, with or without a
/// byte order mark, a final line ending and a managed block. For every one, a sync keeps every
/// byte outside the block and a second sync changes nothing.
final class SyncPropertyTests: XCTestCase {
    func testSpliceKeepsBytesOutsideTheBlockAndIsIdempotent() {
        var random = SplitMix64(seed: 0xDEB1EF)
        for iteration in 0..<500 {
            let sample = RandomSOP.make(&random)
            let block = RandomSOP.blockContent(&random)
            // A file with no line ending at all is written with LF, whatever the generator chose.
            let ending = LineEnding.of(sample.bytes)
            XCTAssertTrue(ending == sample.ending || !sample.bytes.contains(UInt8(ascii: "\n")), "#\(iteration)")
            guard case .spliced(let once) = BlockSplicer.splice(sample.bytes, block: block, file: "sops/x.md") else {
                return XCTFail("#\(iteration): rejected\n\(sample.debugText)")
            }
            if let region = sample.block {
                XCTAssertEqual(Array(once.prefix(region.lowerBound)), Array(sample.bytes.prefix(region.lowerBound)), "#\(iteration) prefix")
                XCTAssertEqual(Array(once.suffix(sample.bytes.count - region.upperBound)), Array(sample.bytes.suffix(from: region.upperBound)), "#\(iteration) suffix")
                let inserted = Array(once[region.lowerBound..<(once.count - (sample.bytes.count - region.upperBound))])
                XCTAssertEqual(inserted, ending.apply(to: block), "#\(iteration) block")
            } else {
                XCTAssertEqual(Array(once.prefix(sample.bytes.count)), sample.bytes, "#\(iteration) appended, not prefixed")
                let appended = Array(once.suffix(from: sample.bytes.count))
                assertLineEndings(appended, ending, "#\(iteration)")
            }
            guard case .spliced(let twice) = BlockSplicer.splice(once, block: block, file: "sops/x.md") else {
                return XCTFail("#\(iteration): second splice rejected")
            }
            XCTAssertEqual(twice, once, "#\(iteration): second splice changed the file\n\(sample.debugText)")
        }
    }

    /// The same through a whole sync of a repo: write random SOPs that a post-mortem names, sync,
    /// sync again.
    func testSyncOfRandomSOPsIsIdempotent() throws {
        var random = SplitMix64(seed: 42)
        for iteration in 0..<25 {
            let root = try SyncFixtures.scratchCopy(of: "SOPSync/sync-repo", in: self)
            let files = ["sops/queue-restart.md", "sops/ops/disk-full.md", "sops/retired.md", "sops/broken.md"]
            var samples: [String: RandomSOP] = [:]
            for file in files {
                let sample = RandomSOP.make(&random, validUTF8: true)
                samples[file] = sample
                try FileIO.write(sample.bytes, to: root.appendingPathComponent(file).path)
            }
            let plan = try SyncPlan(base: try RepositoryLoader().load(root: root))
            XCTAssertEqual(plan.diagnostics, [], "#\(iteration)")
            try plan.apply()
            for update in plan.updates {
                guard let sample = samples[update.file] else { continue }
                let now = FileIO.read(root.appendingPathComponent(update.file).path) ?? []
                if let region = sample.block {
                    XCTAssertEqual(Array(now.prefix(region.lowerBound)), Array(sample.bytes.prefix(region.lowerBound)), "#\(iteration) \(update.file)")
                    XCTAssertEqual(Array(now.suffix(sample.bytes.count - region.upperBound)), Array(sample.bytes.suffix(from: region.upperBound)), "#\(iteration) \(update.file)")
                } else {
                    XCTAssertEqual(Array(now.prefix(sample.bytes.count)), sample.bytes, "#\(iteration) \(update.file)")
                }
            }
            let second = try SyncPlan(base: try RepositoryLoader().load(root: root))
            XCTAssertEqual(second.outOfDate.map(\.file), [], "#\(iteration): second sync would change files")
        }
    }
}

private extension SyncPropertyTests {
    func assertLineEndings(_ bytes: [UInt8], _ ending: LineEnding, _ message: String) {
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            let crlf = index > 0 && bytes[index - 1] == UInt8(ascii: "\r")
            XCTAssertEqual(crlf, ending == .crlf, "\(message): line ending at \(index)")
        }
    }
}

/// A small, fast, seedable generator (SplitMix64), so a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generated SOP file and where its block content lies.
struct RandomSOP {
    var bytes: [UInt8]
    var ending: LineEnding
    /// The content range of the block, when one was generated.
    var block: Range<Int>?

    var debugText: String { String(decoding: bytes, as: UTF8.self).debugDescription }

    static let prose = [
        "Restart the consumers.", "# Queue restart", "## Steps", "1. Drain the queue.", "   - nested item",
        "Ünïcödé — ✓ 🚒 text", "trailing spaces   ", "\ttabbed", "| a | b |", "> quoted", "",
        "<!-- a comment -->", "    indented code", "<!-- debrief:actions:begin --> not alone",
        "text <!-- debrief:actions:end -->",
    ]

    static func make(_ random: inout SplitMix64, validUTF8: Bool = false) -> RandomSOP {
        let ending: LineEnding = Bool.random(using: &random) ? .crlf : .lf
        let eol = ending.bytes
        var bytes: [UInt8] = Bool.random(using: &random) && Int.random(in: 0..<4, using: &random) == 0 ? [0xEF, 0xBB, 0xBF] : []
        var block: Range<Int>?
        let wantsBlock = Bool.random(using: &random)
        let blockAt = Int.random(in: 0...6, using: &random)
        let segments = Int.random(in: 0...6, using: &random)
        for segment in 0...segments {
            if wantsBlock, block == nil, segment == min(blockAt, segments) {
                bytes += Array(ManagedBlock.beginMarker.utf8) + eol
                let start = bytes.count
                for _ in 0..<Int.random(in: 0...3, using: &random) { bytes += Array("| old | row |".utf8) + eol }
                block = start..<bytes.count
                bytes += Array(ManagedBlock.endMarker.utf8) + eol
            }
            bytes += segmentBytes(&random, eol: eol, validUTF8: validUTF8)
        }
        if Bool.random(using: &random), bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast(eol.count)
        }
        return RandomSOP(bytes: bytes, ending: ending, block: block)
    }

    /// Prose lines, or a closed fence (``` or ~~~, 3–5 long, indented 0–3) that may hold markers.
    static func segmentBytes(_ random: inout SplitMix64, eol: [UInt8], validUTF8: Bool) -> [UInt8] {
        var out: [UInt8] = []
        if Int.random(in: 0..<3, using: &random) == 0 {
            let indent = String(repeating: " ", count: Int.random(in: 0...3, using: &random))
            let fence = String(repeating: Bool.random(using: &random) ? "`" : "~", count: Int.random(in: 3...5, using: &random))
            out += Array((indent + fence + (Bool.random(using: &random) ? "markdown" : "")).utf8) + eol
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let line = [ManagedBlock.beginMarker, ManagedBlock.endMarker, "code line", ""].randomElement(using: &random) ?? ""
                out += Array(line.utf8) + eol
            }
            out += Array((indent + fence).utf8) + eol
            return out
        }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            if !validUTF8, Int.random(in: 0..<20, using: &random) == 0 {
                out += [0x66, 0xFF, 0xC3] + eol
            } else {
                out += Array((prose.randomElement(using: &random) ?? "").utf8) + eol
            }
        }
        return out
    }

    static func blockContent(_ random: inout SplitMix64) -> String {
        var text = "\n| Status | Key |\n| --- | --- |\n"
        for index in 0..<Int.random(in: 0...4, using: &random) { text += "| open | INC-\(index)/PA-1 |\n" }
        return text + "\n"
    }
}
