@testable import DebriefKit
import XCTest

final class UnifiedDiffTests: XCTestCase {
    func testEqualInputsGiveNothing() {
        XCTAssertEqual(diff("a\nb\n", "a\nb\n"), "")
    }

    func testAppendAtTheEnd() {
        XCTAssertEqual(diff("1\n2\n3\n4\n5\n", "1\n2\n3\n4\n5\n6\n7\n"), """
            --- a/f
            +++ b/f
            @@ -3,3 +3,5 @@
             3
             4
             5
            +6
            +7

            """)
    }

    func testChangeInTheMiddleWithContext() {
        XCTAssertEqual(diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n"), """
            --- a/f
            +++ b/f
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """)
    }

    func testDistantChangesMakeTwoHunksAndCloseOnesOne() {
        let old = (1...20).map { "\($0)\n" }.joined()
        var lines = (1...20).map { "\($0)\n" }
        lines[1] = "two\n"
        lines[17] = "eighteen\n"
        let twoHunks = diff(old, lines.joined())
        XCTAssertEqual(twoHunks.components(separatedBy: "@@ -").count - 1, 2, twoHunks)
        XCTAssertTrue(twoHunks.contains("@@ -1,5 +1,5 @@\n"), twoHunks)
        XCTAssertTrue(twoHunks.contains("@@ -15,6 +15,6 @@\n"), twoHunks)
        lines = (1...20).map { "\($0)\n" }
        lines[4] = "five\n"
        lines[10] = "eleven\n"
        XCTAssertTrue(diff(old, lines.joined()).contains("@@ -2,13 +2,13 @@\n"))
    }

    func testInsertionIntoAnEmptyFileAndDeletionOfEverything() {
        XCTAssertEqual(diff("", "a\n"), "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n")
        XCTAssertEqual(diff("a\nb\n", ""), "--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n")
    }

    func testMissingFinalNewlineIsMarked() {
        XCTAssertEqual(diff("a\nb", "a\nb\nc\n"), """
            --- a/f
            +++ b/f
            @@ -1,2 +1,3 @@
             a
            -b
            \\ No newline at end of file
            +b
            +c

            """)
    }

    func testCRLFLinesKeepTheirCarriageReturn() {
        XCTAssertEqual(diff("a\r\nb\r\n", "a\r\nc\r\n"), "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n")
    }

    /// Random edits: the diff applied to the old text gives the new one, and it is minimal (as
    /// many changed lines as the longest common subsequence allows).
    func testRandomDiffsApplyAndAreMinimal() throws {
        var random = SplitMix64(seed: 7)
        let alphabet = ["a\n", "b\n", "c\n", "d\n", "a\r\n", "x"]
        for iteration in 0..<400 {
            let old = (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "" }
            let new = (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "" }
            let (a, b) = (Array(old.joined().utf8), Array(new.joined().utf8))
            let text = UnifiedDiff.make(old: a, new: b, oldName: "a/f", newName: "b/f", context: Int.random(in: 0...3, using: &random))
            if a == b {
                XCTAssertEqual(text, "")
                continue
            }
            XCTAssertEqual(try Patch.apply(text, to: a), b, "#\(iteration)\n\(text)")
            let la = UnifiedDiff.lines(a)
            let lb = UnifiedDiff.lines(b)
            let changes = UnifiedDiff.editScript(la, lb).filter(\.isChange).count
            XCTAssertEqual(changes, la.count + lb.count - 2 * lcs(la, lb), "#\(iteration)")
        }
    }
}

extension UnifiedDiffTests {
    /// An SOP with bytes that are not UTF-8 gets a diff holding those very bytes, so it still applies.
    func testBytesThatAreNotUTF8AreKept() {
        let old: [UInt8] = Array("# Bad\n\nBody ".utf8) + [0xFF, 0xFE] + Array(" here\n".utf8)
        let new = old + Array("\nadded\n".utf8)
        let diff = UnifiedDiff.bytes(old: old, new: new, oldName: "a/f", newName: "b/f")
        let expected = Array("--- a/f\n+++ b/f\n@@ -1,3 +1,5 @@\n # Bad\n \n Body ".utf8) + [0xFF, 0xFE] + Array(" here\n+\n+added\n".utf8)
        XCTAssertEqual(diff, expected)
    }
}

private extension UnifiedDiffTests {
    func diff(_ old: String, _ new: String) -> String {
        UnifiedDiff.make(old: Array(old.utf8), new: Array(new.utf8), oldName: "a/f", newName: "b/f")
    }

    func lcs(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }
}

/// A strict applier of unified diffs, written from the format's description, to check ours.
enum Patch {
    struct Malformed: Error, CustomStringConvertible { var description: String }

    static func apply(_ diff: String, to old: [UInt8]) throws -> [UInt8] {
        let oldLines = UnifiedDiff.lines(old)
        // Split on the byte, not the Character: "\r\n" is one Character in Swift.
        var lines = Array(diff.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        if lines.last == "" { lines.removeLast() }
        guard lines.count >= 2, lines[0].hasPrefix("--- "), lines[1].hasPrefix("+++ ") else { throw Malformed(description: "headers") }
        var out: [UInt8] = []
        var consumed = 0
        var index = 2
        while index < lines.count {
            let header = lines[index]
            guard header.hasPrefix("@@ -"), header.hasSuffix(" @@") else { throw Malformed(description: "hunk header \(header)") }
            let parts = header.dropFirst(4).dropLast(3).split(separator: " ")
            let oldRange = parts[0].split(separator: ",").compactMap { Int($0) }
            guard let oldStart = oldRange.first else { throw Malformed(description: header) }
            let oldCount = oldRange.count > 1 ? oldRange[1] : 1
            let hunkStart = oldCount == 0 ? oldStart : oldStart - 1
            guard hunkStart >= consumed else { throw Malformed(description: "overlapping hunk") }
            for line in oldLines[consumed..<hunkStart] { out += line }
            consumed = hunkStart
            index += 1
            while index < lines.count, !lines[index].hasPrefix("@@ ") {
                let line = lines[index]
                index += 1
                let noNewline = index < lines.count && lines[index] == "\\ No newline at end of file"
                if noNewline { index += 1 }
                let body = Array(line.dropFirst().utf8) + (noNewline ? [] : [UInt8(ascii: "\n")])
                switch line.first {
                case " ", "-":
                    guard consumed < oldLines.count, Array(oldLines[consumed]) == body else { throw Malformed(description: "context mismatch at \(line)") }
                    consumed += 1
                    if line.first == " " { out += body }
                case "+":
                    out += body
                default:
                    throw Malformed(description: "line \(line)")
                }
            }
        }
        for line in oldLines[consumed...] { out += line }
        return out
    }
}
