/// A line-based unified diff (the `diff -u` / `git diff` format) of two files' bytes.
///
/// Lines are compared byte for byte, line ending included, and printed as they are (a CRLF line
/// keeps its `\r`), so the output applies with `patch -p1` or `git apply`. A last line without a
/// line ending is followed by `\ No newline at end of file`. The edit script is Myers' shortest
/// one, found after the common prefix and suffix are set aside.
public enum UnifiedDiff {
    /// The diff from `old` to `new`, with headers `--- oldName` and `+++ newName` and `context`
    /// lines around each change; empty when the two are equal. Lines are copied byte for byte,
    /// even bytes that are not UTF-8, so the patch applies to the file as it is.
    public static func bytes(old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3) -> [UInt8] {
        guard old != new else { return [] }
        let a = lines(old)
        let b = lines(new)
        let script = editScript(a, b)
        var out = Array("--- \(oldName)\n+++ \(newName)\n".utf8)
        for hunk in hunks(script, context: max(0, context)) {
            out += header(hunk, script: script).utf8
            for op in script[hunk] {
                switch op {
                case .equal(let i, _): out += render(" ", a[i])
                case .delete(let i): out += render("-", a[i])
                case .insert(let j): out += render("+", b[j])
                }
            }
        }
        return out
    }

    /// `bytes(old:new:oldName:newName:context:)` as text (bytes that are not UTF-8 become U+FFFD).
    public static func make(old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3) -> String {
        String(decoding: bytes(old: old, new: new, oldName: oldName, newName: newName, context: context), as: UTF8.self)
    }

    /// One step of an edit script, by 0-based line index into the old and new files.
    enum Operation: Equatable {
        case equal(Int, Int)
        case delete(Int)
        case insert(Int)

        var isChange: Bool {
            if case .equal = self { return false }
            return true
        }
    }

    /// The lines of `bytes`, each with its `\n` when it has one.
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { result.append(bytes[start...]) }
        return result
    }

    /// A shortest edit script from `a` to `b`.
    static func editScript(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Operation] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var script = (0..<prefix).map { Operation.equal($0, $0) }
        let middle = myers(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
        script += middle.map { op in
            switch op {
            case .equal(let i, let j): .equal(i + prefix, j + prefix)
            case .delete(let i): .delete(i + prefix)
            case .insert(let j): .insert(j + prefix)
            }
        }
        script += (0..<suffix).map { Operation.equal(a.count - suffix + $0, b.count - suffix + $0) }
        return script
    }
}

// MARK: - Myers

private extension UnifiedDiff {
    /// Beyond this many differences the trace would cost too much memory; the diff then
    /// replaces the whole middle, which is still correct, only not minimal.
    static let maximumDifferences = 1_000

    static func myers(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Operation] {
        let n = a.count
        let m = b.count
        if n == 0 || m == 0 {
            return replaceAll(n, m)
        }
        // v[k] is the furthest x reached on diagonal k = x - y; `trace[d]` keeps v for diagonals
        // -d-1 ... d+1 as it was before round d, which is all that backtracking needs.
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...(n + m) {
            if d > maximumDifferences { break }
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    found = true
                    break search
                }
            }
        }
        guard found else { return replaceAll(n, m) }

        var ops: [Operation] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[d]
            func at(_ k: Int) -> Int { saved[k + d + 1] }
            let k = x - y
            let previousK = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : at(previousK)
            let previousY = d == 0 ? 0 : previousX - previousK
            while x > previousX, y > previousY {
                ops.append(.equal(x - 1, y - 1))
                x -= 1
                y -= 1
            }
            if d > 0 {
                ops.append(x == previousX ? .insert(y - 1) : .delete(x - 1))
            }
            x = previousX
            y = previousY
        }
        return ops.reversed()
    }

    static func replaceAll(_ n: Int, _ m: Int) -> [Operation] {
        (0..<n).map { Operation.delete($0) } + (0..<m).map { Operation.insert($0) }
    }
}

// MARK: - Hunks

private extension UnifiedDiff {
    /// Ranges of the script that become hunks: each change with `context` equal lines around it,
    /// changes closer than twice the context merged.
    static func hunks(_ script: [Operation], context: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < script.count {
            guard script[index].isChange else {
                index += 1
                continue
            }
            let start = max(0, index - context)
            var end = index
            // Extend over changes and short runs of equal lines between them.
            while end < script.count {
                if script[end].isChange {
                    end += 1
                    continue
                }
                var run = end
                while run < script.count, !script[run].isChange { run += 1 }
                if run < script.count, run - end <= 2 * context {
                    end = run
                } else {
                    end = min(script.count, end + context)
                    break
                }
            }
            ranges.append(start..<end)
            index = end
        }
        return ranges
    }

    static func header(_ hunk: Range<Int>, script: [Operation]) -> String {
        var oldStart: Int?
        var newStart: Int?
        var oldCount = 0
        var newCount = 0
        var oldBefore = 0
        var newBefore = 0
        // Lines before the hunk, for a side with no line in it (`-3,0` means "after line 3").
        for op in script[..<hunk.lowerBound] {
            switch op {
            case .equal: oldBefore += 1; newBefore += 1
            case .delete: oldBefore += 1
            case .insert: newBefore += 1
            }
        }
        for op in script[hunk] {
            switch op {
            case .equal(let i, let j):
                oldStart = oldStart ?? i
                newStart = newStart ?? j
                oldCount += 1
                newCount += 1
            case .delete(let i):
                oldStart = oldStart ?? i
                oldCount += 1
            case .insert(let j):
                newStart = newStart ?? j
                newCount += 1
            }
        }
        func range(_ start: Int?, _ count: Int, before: Int) -> String {
            if count == 0 { return "\(before),0" }
            let first = (start ?? before) + 1
            return count == 1 ? "\(first)" : "\(first),\(count)"
        }
        return "@@ -\(range(oldStart, oldCount, before: oldBefore)) +\(range(newStart, newCount, before: newBefore)) @@\n"
    }

    static func render(_ prefix: String, _ line: ArraySlice<UInt8>) -> [UInt8] {
        let text = Array(prefix.utf8) + line
        return line.last == UInt8(ascii: "\n") ? text : text + Array("\n\\ No newline at end of file\n".utf8)
    }
}
