import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// A seeded mutation fuzzer over the readers a knowledge repo's author controls: the
/// front-matter splitter, the YAML front matter and `debrief.yml` readers, the timeline and
/// action table parsers (through `PostmortemReader`), the SOP reader and the sync splicer.
///
/// Seeds are the repo's own Markdown and `debrief.yml` files (`docs/example`, the test fixtures).
/// Each input is a seed with one to four mutations: byte flips, inserted tokens that mean
/// something to a parser (`---`, `|`, fences, markers, CRLF, BOM, NUL, 4-byte and invalid UTF-8),
/// a duplicated chunk, a deleted chunk, a truncation. Every input must keep the invariants of
/// `FuzzInvariants`, and finish within `perInputLimit`.
///
/// A normal test run tries 2,000 inputs. `DEBRIEF_FUZZ_ITERATIONS` and `DEBRIEF_FUZZ_SEED` run
/// more, or another sequence (`Tests/Fuzz/run.sh`), `DEBRIEF_FUZZ_FIRST` starts at another
/// iteration; `DEBRIEF_FUZZ_INPUT=<file>` checks one saved input. A failure prints the seed and
/// iteration, minimises the input and saves it to a file.
final class DocumentFuzzTests: XCTestCase {
    /// Inputs tried when the environment does not say.
    static let defaultIterations = 2_000
    /// The sequence tried when the environment does not say.
    static let defaultSeed: UInt64 = 0xDEB1EF
    /// The longest any one input may take through every target; far above what a debug build
    /// needs for the largest seed (under 0.1 s), so it only catches super-linear paths and hangs.
    static let perInputLimit: TimeInterval = 5

    func testMutatedDocumentsKeepTheReadersInvariants() throws {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["DEBRIEF_FUZZ_INPUT"] {
            let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path), "cannot read \(path)")
            if let failure = FuzzInvariants.check(Array(bytes)) { XCTFail("\(path): \(failure)") }
            return
        }
        let iterations = environment["DEBRIEF_FUZZ_ITERATIONS"].flatMap(Int.init) ?? Self.defaultIterations
        let seed = environment["DEBRIEF_FUZZ_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        let first = environment["DEBRIEF_FUZZ_FIRST"].flatMap(Int.init) ?? 0
        let seeds = try FuzzSeeds.load()
        XCTAssertGreaterThan(seeds.count, 50, "the seed corpus is missing")

        let watchdog = Watchdog(limit: Self.perInputLimit)
        let started = Date()
        var failures = 0
        for iteration in first..<(first + iterations) {
            // Each input has its own generator, so one iteration can be replayed on its own.
            var random = SplitMix64(seed: seed &+ UInt64(iteration) &* 0x9E37_79B9_7F4A_7C15)
            let seedFile = seeds[Int(random.next() % UInt64(seeds.count))]
            let input = Mutator.mutate(seedFile.bytes, &random)
            watchdog.arm(input, context: "seed \(seed), iteration \(iteration) (from \(seedFile.name))")
            let began = DispatchTime.now()
            let failure = FuzzInvariants.check(input)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - began.uptimeNanoseconds) / 1e9
            watchdog.disarm()
            let problem = failure ?? (seconds > Self.perInputLimit ? "took \(String(format: "%.2f", seconds)) s" : nil)
            guard let problem else { continue }
            failures += 1
            report(problem, input: input, seed: seed, iteration: iteration, from: seedFile.name)
            if failures >= 5 { break }
        }
        print("fuzz: \(iterations) inputs from seed \(seed) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, "
              + "\(failures) failing")
    }

    /// Says what failed and how to replay it, with the input minimised and saved.
    private func report(_ problem: String, input: [UInt8], seed: UInt64, iteration: Int, from name: String) {
        // Minimised while the same target's invariant fails, so the input still shows this problem.
        let target = problem.prefix { $0 != ":" }
        let minimal = Minimiser.minimise(input) { FuzzInvariants.check($0)?.hasPrefix(target) ?? false }
        let minimalProblem = FuzzInvariants.check(minimal) ?? problem
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("debrief-fuzz")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let saved = folder.appendingPathComponent("seed-\(seed)-iteration-\(iteration).md")
        try? Data(minimal).write(to: saved)
        let shown = String(decoding: minimal.prefix(2_000), as: UTF8.self).debugDescription
        XCTFail("""
            fuzz seed \(seed), iteration \(iteration) (mutated from \(name)): \(problem)
            minimised (\(minimal.count) bytes): \(shown)
            which fails with: \(minimalProblem)
            saved to \(saved.path); check it again with DEBRIEF_FUZZ_INPUT=\(saved.path),
            or replay the iteration with DEBRIEF_FUZZ_SEED=\(seed) DEBRIEF_FUZZ_FIRST=\(iteration) DEBRIEF_FUZZ_ITERATIONS=1
            """)
    }
}

// MARK: - Invariants

/// What must hold for any input, whatever its bytes.
enum FuzzInvariants {
    static let layout = RepositoryLayout(
        config: Config(),
        postmortemFiles: ["postmortems/fuzz.md"],
        sopFiles: ["sops/fuzz.md", "sops/cache-flush.md", "sops/db/database-restore.md"]
    )

    /// The first broken invariant, or nil.
    static func check(_ bytes: [UInt8]) -> String? {
        splice(bytes) ?? config(bytes) ?? documents(bytes)
    }

    /// Splicing writes the block between the markers and nothing else, and a second splice
    /// changes nothing.
    static func splice(_ bytes: [UInt8]) -> String? {
        let block = "| Action | Status |\n| --- | --- |\n| Fuzz | open |\n"
        let file = "sops/fuzz.md"
        let before = ManagedBlock.locate(in: bytes, file: file)
        let first = BlockSplicer.splice(bytes, block: block, file: file)
        guard first == BlockSplicer.splice(bytes, block: block, file: file) else { return "splice: not deterministic" }
        guard case .spliced(let once) = first else {
            if case .broken = before { return nil }
            // The one refusal of a file with sound markers: no place for a block a later sync
            // would find (it ends inside an unclosed code block).
            if case .rejected(let diagnostic) = first, diagnostic.code == .syncNoPlaceForBlock { return nil }
            return "splice: rejected a file whose markers locate() accepts"
        }
        switch before {
        case .found(let found):
            guard once.prefix(found.content.lowerBound).elementsEqual(bytes.prefix(found.content.lowerBound)) else {
                return "splice: changed bytes before the block"
            }
            let tail = bytes.count - found.content.upperBound
            guard once.suffix(tail).elementsEqual(bytes.suffix(tail)) else { return "splice: changed bytes after the block" }
        case .none:
            guard once.prefix(bytes.count).elementsEqual(bytes) else { return "splice: an appended block changed the file before it" }
        case .broken:
            return "splice: spliced a file whose markers are broken"
        }
        guard case .found = ManagedBlock.locate(in: once, file: file) else {
            return "splice: the spliced file has no block"
        }
        guard case .spliced(let twice) = BlockSplicer.splice(once, block: block, file: file) else {
            return "splice: the spliced file is rejected"
        }
        guard twice == once else { return "splice: a second splice changed the file (\(once.count) → \(twice.count) bytes)" }
        return nil
    }

    /// `debrief.yml` read from any bytes: located diagnostics, the same twice.
    static func config(_ bytes: [UInt8]) -> String? {
        guard case .success(let source) = SourceText.decode(path: Config.fileName, bytes: bytes) else { return nil }
        let (_, diagnostics) = Config.parse(source.text)
        guard Config.parse(source.text).1 == diagnostics else { return "config: diagnostics differ between two reads" }
        return locations(diagnostics, in: source, what: "config")
    }

    /// The same bytes as a post-mortem and as an SOP.
    static func documents(_ bytes: [UInt8]) -> String? {
        switch SourceText.decode(path: "postmortems/fuzz.md", bytes: bytes) {
        case .failure(let problem):
            guard case .failure(let again) = SourceText.decode(path: "postmortems/fuzz.md", bytes: bytes), again == problem else {
                return "decode: not deterministic"
            }
            return nil
        case .success(let source):
            return frontMatter(source) ?? postmortem(source) ?? sop(bytes)
        }
    }

    /// The splitter's parts are the text's own, at the lines it says.
    static func frontMatter(_ source: SourceText) -> String? {
        let split = FrontMatter.split(source.text)
        guard split == FrontMatter.split(source.text) else { return "front matter: not deterministic" }
        guard source.text.hasSuffix(split.body) else { return "front matter: the body is not the end of the text" }
        guard split.bodyFirstLine >= 1, split.bodyFirstLine <= source.lineCount + 1 else {
            return "front matter: body line \(split.bodyFirstLine) outside 1...\(source.lineCount + 1)"
        }
        if split.kind == .present {
            let afterFirstLine = source.text.utf8.drop { $0 != UInt8(ascii: "\n") }.dropFirst()
        guard split.yamlFirstLine == 2, afterFirstLine.starts(with: split.yaml.utf8) else { return "front matter: YAML not from the text" }
            let bodyLines = split.body.isEmpty ? 0 : split.body.split(separator: "\n", omittingEmptySubsequences: false).count
            guard bodyLines == 0 || split.bodyFirstLine + bodyLines - 1 <= source.lineCount + 1 else {
                return "front matter: body lines run past the file"
            }
        }
        return nil
    }

    static func postmortem(_ source: SourceText) -> String? {
        let reader = PostmortemReader(layout: layout)
        let (pm, diagnostics) = reader.read(source)
        let (again, diagnosticsAgain) = reader.read(source)
        guard diagnostics == diagnosticsAgain else { return "post-mortem: diagnostics differ between two reads" }
        guard summary(pm) == summary(again) else { return "post-mortem: the document differs between two reads" }
        if let problem = locations(diagnostics, in: source, what: "post-mortem") { return problem }
        for entry in pm.timeline {
            guard entry.location.file == source.path, entry.location.line >= 1, entry.location.line <= source.lineCount else {
                return "timeline: entry '\(entry.timeText)' at \(entry.location) outside the file"
            }
            // Only a time that was read: other first words are inline text after cmark (a code
            // span loses its backticks, NUL becomes U+FFFD), not the bytes of the line.
            guard !entry.timeText.isEmpty, entry.time != nil else { continue }
            guard source.line(entry.location.line).contains(entry.timeText) else {
                return "timeline: entry '\(entry.timeText)' located at line \(entry.location.line), which does not hold it: \(String(source.line(entry.location.line)).debugDescription)"
            }
        }
        for action in pm.actions {
            let spots = [action.location] + action.cellLocations.values
            for spot in spots where spot.line < 1 || spot.line > source.lineCount || spot.column < 1 {
                return "actions: \(action.id) located at \(spot) outside the file"
            }
        }
        return nil
    }

    static func sop(_ bytes: [UInt8]) -> String? {
        guard case .success(let source) = SourceText.decode(path: "sops/fuzz.md", bytes: bytes) else { return nil }
        let reader = SOPReader(layout: layout)
        let (_, diagnostics) = reader.read(source)
        guard reader.read(source).1 == diagnostics else { return "SOP: diagnostics differ between two reads" }
        return locations(diagnostics, in: source, what: "SOP")
    }

    /// Every diagnostic names the file and a line and column inside it (a line past the last
    /// one only for the end of the file).
    static func locations(_ diagnostics: [Diagnostic], in source: SourceText, what: String) -> String? {
        for diagnostic in diagnostics {
            let location = diagnostic.location
            guard location.file == source.path else { return "\(what): \(diagnostic.code) names \(location.file)" }
            guard location.line >= 1, location.line <= max(1, source.lineCount) else {
                return "\(what): \(diagnostic.code) at line \(location.line) of \(source.lineCount): \(diagnostic.message)"
            }
            let width = source.line(location.line).unicodeScalars.count
            guard location.column >= 1, location.column <= width + 1 else {
                return "\(what): \(diagnostic.code) at column \(location.column) of a \(width)-scalar line \(location.line): \(diagnostic.message)"
            }
        }
        return nil
    }

    /// What two reads of one post-mortem must agree on.
    static func summary(_ pm: Postmortem) -> String {
        var parts: [String] = [pm.id, pm.title, pm.date?.description ?? "-", pm.severity, pm.statusText, pm.started?.description ?? "-"]
        parts += pm.sections.map { "\($0.name)@\($0.location)" }
        parts += pm.timeline.map { "\($0.timeText)|\($0.time?.description ?? "-")|\($0.event)@\($0.location)" }
        parts += pm.actions.map { "\($0.id)|\($0.action)|\($0.owner)|\($0.dueText)|\($0.statusText)|\($0.sops.count)@\($0.location)" }
        parts += pm.links.map { "\($0.destination)@\($0.location)" }
        parts.append(pm.bodyHTML ?? "")
        return parts.joined(separator: "\n")
    }
}

// MARK: - Seeds, mutations, minimising

/// The repo's own documents.
enum FuzzSeeds {
    struct Seed {
        var name: String
        var bytes: [UInt8]
    }

    static func load() throws -> [Seed] {
        let root = TestPaths.packageRoot
        let folders = ["docs/example", "Tests/DebriefKitTests/Fixtures", "Tests/DebriefCLITests/Fixtures", "Tests/DebriefCLITests/Golden"]
        var seeds: [Seed] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker where relative.hasSuffix(".md") || relative.hasSuffix("debrief.yml") {
                guard !relative.contains("/expected/"),
                      let data = FileManager.default.contents(atPath: base.appendingPathComponent(relative).path) else { continue }
                seeds.append(Seed(name: folder + "/" + relative, bytes: Array(data)))
            }
        }
        return seeds.sorted { $0.name < $1.name }
    }
}

/// Byte-level mutations that reach the parsers' edge cases quickly.
enum Mutator {
    static let tokens: [[UInt8]] = [
        "---", "---\n", "\n---\n", "...\n", "|", " | ", "\n| --- | --- |\n", "```", "\n```\n", "~~~\n", "    ",
        "<!-- debrief:", "<!-- debrief:actions:begin -->\n", "<!-- debrief:actions:end -->\n", "\r\n", "\r", "\n",
        "\u{FEFF}", "\0", "😀", "\u{10FFFF}", "\t", "- ", "* ", "> ", "#", "## Timeline\n", "## Preventive Actions\n",
        "14:02", "2026-03-14", "2026-03-14T14:02:00Z", "25:61", ": ", "- ", "[", "]", "{", "}", "&a", "*a", "!!str ",
        "\\", "`", "<", ">", "](", "[x](../sops/", "<!--", "-->",
    ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]

    static func mutate(_ seed: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        let count = 1 + Int(random.next() % 4)
        for _ in 0..<count {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
            switch random.next() % 7 {
            case 0 where !bytes.isEmpty:
                let index = min(position, bytes.count - 1)
                bytes[index] ^= UInt8(truncatingIfNeeded: 1 << (random.next() % 8))
            case 1, 2:
                bytes.insert(contentsOf: tokens[Int(random.next() % UInt64(tokens.count))], at: lineStart(position, in: bytes, random: &random))
            case 3 where !bytes.isEmpty:
                let length = 1 + Int(random.next() % UInt64(min(bytes.count, 512)))
                let start = Int(random.next() % UInt64(bytes.count - length + 1))
                let copies = 1 + Int(random.next() % 3)
                let chunk = Array(bytes[start..<(start + length)])
                bytes.insert(contentsOf: Array(repeating: chunk, count: copies).joined(), at: position)
            case 4 where !bytes.isEmpty:
                let length = 1 + Int(random.next() % UInt64(min(bytes.count, 256)))
                let start = Int(random.next() % UInt64(bytes.count - length + 1))
                bytes.removeSubrange(start..<(start + length))
            case 5:
                bytes.removeSubrange(position...)
            default:
                bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            }
        }
        return bytes
    }

    /// Tokens that mean most at the start of a line go there half of the time.
    private static func lineStart(_ position: Int, in bytes: [UInt8], random: inout SplitMix64) -> Int {
        guard random.next() % 2 == 0 else { return position }
        var index = position
        while index > 0, bytes[index - 1] != UInt8(ascii: "\n") { index -= 1 }
        return index
    }
}

/// Makes a failing input small: removes chunks, then single bytes, while it still fails.
enum Minimiser {
    static func minimise(_ input: [UInt8], budget: Int = 4_000, fails: ([UInt8]) -> Bool) -> [UInt8] {
        var current = input
        var tries = 0
        var chunk = max(1, current.count / 2)
        while chunk >= 1, tries < budget {
            var start = 0
            var removedAny = false
            while start < current.count, tries < budget {
                var candidate = current
                candidate.removeSubrange(start..<min(current.count, start + chunk))
                tries += 1
                if fails(candidate) {
                    current = candidate
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if !removedAny { chunk /= 2 }
        }
        return current
    }
}

/// Ends the process with the input saved when one input runs far past its limit: a hang
/// cannot be interrupted inside the process, and a stalled test run would say nothing.
final class Watchdog: @unchecked Sendable {
    private let limit: TimeInterval
    private let lock = NSLock()
    private var generation = 0
    private let queue = DispatchQueue(label: "debrief.fuzz.watchdog")

    init(limit: TimeInterval) { self.limit = limit }

    func arm(_ input: [UInt8], context: String) {
        let current: Int = lock.withLock {
            generation += 1
            return generation
        }
        queue.asyncAfter(deadline: .now() + limit * 6) { [self] in
            let stillRunning = lock.withLock { generation == current }
            guard stillRunning else { return }
            let saved = FileManager.default.temporaryDirectory.appendingPathComponent("debrief-fuzz-hang.md")
            try? Data(input).write(to: saved)
            FileHandle.standardError.write(Data("fuzz: \(context) still running after \(Int(limit * 6)) s; input saved to \(saved.path)\n".utf8))
            exit(70)
        }
    }

    func disarm() {
        lock.withLock { generation += 1 }
    }
}
