@testable import DebriefKit
import XCTest

/// Random SOP texts from a seeded generator: random lines (prose, headings, fenced code holding
/// marker lines, non-ASCII, invalid UTF-8, trailing white space), LF or CRLF, with or without a
/// byte order mark, a final line ending and a managed block. For every one, a sync keeps every
/// byte outside the block and a second sync changes nothing.
final class SyncPropertyTests: XCTestCase {
    func testSpliceKeepsBytesOutsideTheBlockAndIsIdempotent() {
        var random = SplitMix64(seed: 0xDEB1EF)
        for iteration in 0..<2_000 {
            let sample = RandomSOP.make(&random)
            let block = RandomSOP.blockContent(&random)
            // A file with no line ending at all is written with LF, whatever the generator chose.
            let ending = LineEnding.of(sample.bytes)
            XCTAssertTrue(ending == sample.ending || !sample.bytes.contains(UInt8(ascii: "\n")), "#\(iteration)")
            assertSettles(sample.bytes, block: block, "#\(iteration)\n\(sample.debugText)")
        }
    }

    /// The shapes that used to grow on every sync, one by one.
    func test_item12_aSecondSyncChangesNothingWhateverTheFences() {
        let block = "\n| open | INC-1/PA-1 |\n\n"
        let settling = [
            "# Restart\n\n1. Stop it:\n\n   ```sh\n   systemctl stop queue\n",
            "# Restart\n\n- Stop it:\n  ~~~\n  <!-- debrief:actions:begin -->\n",
            "# Restart\n\n> ```\n> example\n",
            "# Restart\n\n    <!-- debrief:actions:begin -->\n    indented code",
            "\u{FEFF}# Restart\r\n\r\n- item\r\n  ```\r\n  code\r\n",
        ]
        for text in settling {
            assertSettles(Array(text.utf8), block: block, text.debugDescription, mustSplice: true)
        }
        for text in ["# Restart\n\n```sh\nsystemctl stop queue\n", "# Restart\n\n~~~~\n<!-- debrief:actions:begin -->\n\n~~~\n"] {
            guard case .rejected(let diagnostic) = BlockSplicer.splice(Array(text.utf8), block: block, file: "sops/x.md") else {
                XCTFail("an SOP ending inside an open fence must be refused: \(text.debugDescription)")
                continue
            }
            XCTAssertEqual(diagnostic.code, .syncNoPlaceForBlock)
            XCTAssertEqual(diagnostic.location, SourceLocation(file: "sops/x.md", line: 3))
            XCTAssertTrue(diagnostic.message.contains("never closed"), diagnostic.message)
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
            try plan.apply()
            for update in plan.updates {
                guard let sample = samples[update.file] else { continue }
                let now = FileIO.read(root.appendingPathComponent(update.file).path) ?? []
                if case .found(let found) = ManagedBlock.locate(in: sample.bytes, file: update.file) {
                    let region = found.content
                    XCTAssertEqual(Array(now.prefix(region.lowerBound)), Array(sample.bytes.prefix(region.lowerBound)), "#\(iteration) \(update.file)")
                    XCTAssertEqual(Array(now.suffix(sample.bytes.count - region.upperBound)), Array(sample.bytes.suffix(from: region.upperBound)), "#\(iteration) \(update.file)")
                } else {
                    XCTAssertEqual(Array(now.prefix(sample.bytes.count)), sample.bytes, "#\(iteration) \(update.file)")
                }
            }
            for diagnostic in plan.diagnostics {
                let now = FileIO.read(root.appendingPathComponent(diagnostic.location.file).path) ?? []
                XCTAssertEqual(now, samples[diagnostic.location.file]?.bytes, "#\(iteration): a refused SOP is left as it was")
            }
            let second = try SyncPlan(base: try RepositoryLoader().load(root: root))
            XCTAssertEqual(second.outOfDate.map(\.file), [], "#\(iteration): second sync would change files")
            XCTAssertEqual(second.diagnostics, plan.diagnostics, "#\(iteration)")
        }
    }
}

private extension SyncPropertyTests {
    /// A splice keeps every byte outside the block (or appends after the file), and splicing
    /// its result again changes nothing; or the file is refused with a marker error, or with
    /// DB093 when it ends inside a code block that is never closed.
    func assertSettles(_ bytes: [UInt8], block: String, _ message: String, mustSplice: Bool = false) {
        let ending = LineEnding.of(bytes)
        switch BlockSplicer.splice(bytes, block: block, file: "sops/x.md") {
        case .rejected(let diagnostic):
            XCTAssertFalse(mustSplice, "\(message): \(diagnostic.message)")
            XCTAssertTrue([.syncMissingEnd, .syncEndBeforeBegin, .syncMultipleBlocks, .syncNoPlaceForBlock].contains(diagnostic.code), message)
            if diagnostic.code == .syncNoPlaceForBlock {
                let text = String(decoding: bytes, as: UTF8.self)
                let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count
                let code = CMark.codeBlockLines(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes)
                XCTAssertTrue(code.contains { $0.upperBound >= lines - 1 }, "DB093 only for a file ending in code: \(message)")
            }
        case .spliced(let once):
            switch ManagedBlock.locate(in: bytes, file: "sops/x.md") {
            case .found(let found):
                XCTAssertEqual(Array(once.prefix(found.content.lowerBound)), Array(bytes.prefix(found.content.lowerBound)), "prefix: \(message)")
                XCTAssertEqual(Array(once.suffix(bytes.count - found.content.upperBound)), Array(bytes.suffix(from: found.content.upperBound)), "suffix: \(message)")
                let inserted = Array(once[found.content.lowerBound..<(once.count - (bytes.count - found.content.upperBound))])
                XCTAssertEqual(inserted, ending.apply(to: block), "block: \(message)")
            case .none:
                XCTAssertEqual(Array(once.prefix(bytes.count)), bytes, "appended, not prefixed: \(message)")
                assertLineEndings(Array(once.suffix(from: bytes.count)), ending, message)
            case .broken(let diagnostic):
                XCTFail("spliced a file with broken markers (\(diagnostic.message)): \(message)")
            }
            guard case .spliced(let twice) = BlockSplicer.splice(once, block: block, file: "sops/x.md") else {
                return XCTFail("second splice rejected: \(message)")
            }
            XCTAssertEqual(twice, once, "a second splice changed the file: \(message)")
        }
    }

    func assertLineEndings(_ bytes: [UInt8], _ ending: LineEnding, _ message: String) {
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            let crlf = index > 0 && bytes[index - 1] == UInt8(ascii: "\r")
            XCTAssertEqual(crlf, ending == .crlf, "\(message): line ending at \(index)")
        }
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

    /// Prose lines; a closed fence (``` or ~~~, 3–5 long, indented 0–3) that may hold markers;
    /// or a shape a line scanner misreads: a fence left open (at the end of the file it runs to
    /// the end; in a list item or block quote the container closes it), indented code holding
    /// a marker.
    static func segmentBytes(_ random: inout SplitMix64, eol: [UInt8], validUTF8: Bool) -> [UInt8] {
        var out: [UInt8] = []
        let markerOrCode = { (random: inout SplitMix64) in
            [ManagedBlock.beginMarker, ManagedBlock.endMarker, "code line", ""].randomElement(using: &random) ?? ""
        }
        switch Int.random(in: 0..<12, using: &random) {
        case 0:
            let fence = Bool.random(using: &random) ? "```" : "~~~~"
            out += Array(fence.utf8) + eol
            for _ in 0..<Int.random(in: 0...2, using: &random) { out += Array(markerOrCode(&random).utf8) + eol }
            return out
        case 1:
            let marker = ["- ", "1. ", "* "].randomElement(using: &random) ?? "- "
            let indent = String(repeating: " ", count: marker.count)
            out += Array((marker + "Step").utf8) + eol
            if Bool.random(using: &random) { out += eol }
            out += Array((indent + (Bool.random(using: &random) ? "```" : "~~~")).utf8) + eol
            for _ in 0..<Int.random(in: 0...2, using: &random) { out += Array((indent + markerOrCode(&random)).utf8) + eol }
            return out
        case 2:
            out += Array("> ```".utf8) + eol
            for _ in 0..<Int.random(in: 0...2, using: &random) { out += Array(("> " + markerOrCode(&random)).utf8) + eol }
            return out
        case 3:
            out += eol + Array(("    " + markerOrCode(&random)).utf8) + eol
            return out
        default:
            break
        }
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
