@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// The compiled default theme writes exactly what swift-mustache writes for the same template
/// and model: every built-in template with many odd models, the example site and a generated
/// benchmark repo, and a repo that overrides one template or one partial.
final class CompiledThemeDifferentialTests: XCTestCase {
    // MARK: - Every built-in template, many models

    func test_compiledTheme_everyBuiltInTemplateIsCompiledAndUsed() throws {
        let empty = try SiteFixture.temporaryFolder(self)
        let templates = try TemplateSet.load(root: empty)
        let builtIn = Set(EmbeddedTemplates.files.keys.filter { $0.hasSuffix(".mustache") && !$0.contains("/") }
            .map { String($0.dropLast(".mustache".count)) })
        XCTAssertFalse(builtIn.isEmpty)
        XCTAssertEqual(Set(CompiledTheme.includes.keys), builtIn)
        XCTAssertEqual(templates.compiled, builtIn, "with no override every page renders through the compiled theme")
        XCTAssertEqual(CompiledTheme.includes["postmortem"]?.contains("head"), true)
        let forced = try TemplateSet.load(root: empty, engine: .mustache)
        XCTAssertEqual(forced.compiled, [])
    }

    func test_compiledTheme_randomModelsRenderAsSwiftMustacheDoes() throws {
        let empty = try SiteFixture.temporaryFolder(self)
        let compiled = try TemplateSet.load(root: empty)
        let mustache = try TemplateSet.load(root: empty, engine: .mustache)
        let names = CompiledTheme.includes.keys.sorted()
        var compared = 0
        for name in names {
            // The names of the template and the partials it reaches, and two it does not use.
            let texts = ([name] + (CompiledTheme.includes[name] ?? [])).compactMap { EmbeddedTemplates.files[$0 + ".mustache"] }
            let keys = Self.names(in: texts) + ["text", "extra"]
            for seed in 0 ..< 150 {
                var leftMaker = ModelMaker(seed: UInt64(seed) &* 7919 &+ UInt64(name.utf8.count), keys: keys, templates: compiled)
                var rightMaker = ModelMaker(seed: UInt64(seed) &* 7919 &+ UInt64(name.utf8.count), keys: keys, templates: mustache)
                let left = leftMaker.page(), right = rightMaker.page()
                let expected = try XCTUnwrap(mustache.render(name, right))
                let actual = try XCTUnwrap(compiled.render(name, left))
                if actual != expected {
                    XCTFail("\(name).mustache, seed \(seed): compiled output differs at byte \(Self.firstDifference(actual, expected)):\n\(Self.context(actual, expected))")
                    return
                }
                compared += 1
            }
        }
        XCTAssertEqual(compared, names.count * 150)
    }

    func test_compiledTheme_mustacheCornerCasesRenderAsSwiftMustacheDoes() throws {
        let empty = try SiteFixture.temporaryFolder(self)
        let compiled = try TemplateSet.load(root: empty)
        let mustache = try TemplateSet.load(root: empty, engine: .mustache)
        // Values swift-mustache treats unlike the plain cases: a list where text is expected,
        // a flag as text, an object as text, a number as a section, text containing every
        // escaped character and non-ASCII.
        let perverse: [TemplateValue] = [
            .list([.string("a<b"), .bool(false), .int(3), .object([:]), .list([])]),
            .bool(true), .bool(false), .object(["name": "x"]), .int(0), .string(""),
            .string("<script>&\"'</script> naïve ✓ 日本"), .html("<b>bold</b>"), .list([]),
            .keyed(9, .list([.object(["name": "k"])])), .keyed(3, .object(["name": "keyed"])),
        ]
        for name in CompiledTheme.includes.keys.sorted() {
            for value in perverse {
                let keys = Self.names(in: [EmbeddedTemplates.files[name + ".mustache"] ?? ""])
                let model = TemplateValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, value) }))
                XCTAssertEqual(compiled.render(name, model), mustache.render(name, model), "\(name) with every name \(value)")
            }
        }
    }

    // MARK: - Whole sites

    func test_compiledTheme_exampleSiteIsByteIdenticalToSwiftMustache() throws {
        try assertBothEnginesAgree(on: SiteFixture.example)
    }

    func test_compiledTheme_benchmarkRepoIsByteIdenticalToSwiftMustache() throws {
        let folder = try SiteFixture.temporaryFolder(self)
        let repo = folder.appendingPathComponent("repo")
        let generator = TestPaths.packageRoot.appendingPathComponent("Tests/Benchmark/generate.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", generator.path, "300", repo.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "generate.py failed")
        try assertBothEnginesAgree(on: repo, minimumPages: 300)
    }

    // MARK: - Overrides

    func test_compiledTheme_overridingOneTemplateMovesOnlyItsPagesToMustache() throws {
        let folder = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: folder)
        let builtIn = try XCTUnwrap(EmbeddedTemplates.files["sop.mustache"])
        try writeFile(Data(builtIn.replacingOccurrences(of: "</h1>", with: "</h1><p class=\"override\">from the repo</p>").utf8),
                      to: "sop.mustache", under: repo.appendingPathComponent("templates"))

        let templates = try TemplateSet.load(root: repo)
        XCTAssertEqual(Set(CompiledTheme.includes.keys).subtracting(templates.compiled), ["sop"], "only the overridden template leaves the compiled theme")

        let (compiledSite, mustacheSite) = try assertBothEnginesAgree(on: repo)
        let sopPages = compiledSite.keys.filter { $0.hasPrefix("sops/") && $0.hasSuffix(".html") }
        XCTAssertFalse(sopPages.isEmpty)
        for path in sopPages {
            XCTAssertTrue(String(decoding: compiledSite[path] ?? [], as: UTF8.self).contains("<p class=\"override\">from the repo</p>"), path)
        }
        XCTAssertFalse(String(decoding: compiledSite["index.html"] ?? [], as: UTF8.self).contains("from the repo"))
        XCTAssertEqual(compiledSite.count, mustacheSite.count)
    }

    func test_compiledTheme_overridingAPartialMovesEveryPageThatIncludesItToMustache() throws {
        let folder = try SiteFixture.temporaryFolder(self)
        let repo = try SiteFixture.copy(SiteFixture.example, into: folder)
        let builtIn = try XCTUnwrap(EmbeddedTemplates.files["head.mustache"])
        try writeFile(Data((builtIn + "<p class=\"override\">head from the repo</p>\n").utf8),
                      to: "head.mustache", under: repo.appendingPathComponent("templates"))

        let templates = try TemplateSet.load(root: repo)
        let includingHead = Set(CompiledTheme.includes.filter { $0.value.contains("head") }.keys).union(["head"])
        XCTAssertTrue(includingHead.contains("postmortem"))
        XCTAssertEqual(templates.compiled, Set(CompiledTheme.includes.keys).subtracting(includingHead))
        XCTAssertTrue(templates.compiled.contains("action-row"), "fragments without the partial stay compiled")

        let (site, _) = try assertBothEnginesAgree(on: repo)
        for path in ["index.html", "postmortems.html", "sops.html", "search.html", "404.html"] {
            XCTAssertTrue(String(decoding: site[path] ?? [], as: UTF8.self).contains("<p class=\"override\">head from the repo</p>"), path)
        }
        XCTAssertFalse(String(decoding: site["feed.xml"] ?? [], as: UTF8.self).contains("head from the repo"))
    }

    // MARK: - Helpers

    /// Builds `root` with the compiled theme and with swift-mustache alone and fails on any
    /// file that differs; returns both sites (without debrief's own files).
    @discardableResult
    private func assertBothEnginesAgree(on root: URL, minimumPages: Int = 20,
                                        file: StaticString = #filePath, line: UInt = #line) throws -> ([String: [UInt8]], [String: [UInt8]]) {
        func build(_ engine: TemplateEngine) throws -> [String: [UInt8]] {
            var options = BuildOptions(root: root, asOf: SiteFixture.asOf, useCache: false)
            options.templateEngine = engine
            let writer = MemorySiteWriter()
            let report = try SiteBuilder(options: options, writer: writer).build()
            XCTAssertTrue(report.built, "\(report.diagnostics)", file: file, line: line)
            return writer.files.filter { !SiteLayout.isInternal($0.key) }
        }
        let compiled = try build(.compiledWhereBuiltIn)
        let mustache = try build(.mustache)
        XCTAssertGreaterThanOrEqual(compiled.count, minimumPages, file: file, line: line)
        XCTAssertEqual(compiled.keys.sorted(), mustache.keys.sorted(), file: file, line: line)
        var differing: [String] = []
        for (path, bytes) in compiled where mustache[path] != bytes { differing.append(path) }
        if let first = differing.sorted().first {
            let actual = String(decoding: compiled[first] ?? [], as: UTF8.self)
            let expected = String(decoding: mustache[first] ?? [], as: UTF8.self)
            XCTFail("\(differing.count) files differ from swift-mustache's, first \(first):\n\(Self.context(actual, expected))", file: file, line: line)
        }
        return (compiled, mustache)
    }

    /// Every name used in a tag of the templates, and each part of a dotted name.
    private static func names(in templates: [String]) -> [String] {
        var names: Set<String> = []
        for text in templates {
            var rest = Substring(text)
            while let open = rest.range(of: "{{") {
                rest = rest[open.upperBound...]
                guard let close = rest.range(of: "}}") else { break }
                let tag = rest[..<close.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "{}#^/&>! "))
                for part in tag.split(separator: ".") where part.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
                    names.insert(String(part))
                }
                rest = rest[close.upperBound...]
            }
        }
        return names.sorted()
    }

    private static func firstDifference(_ a: String, _ b: String) -> Int {
        zip(a.utf8, b.utf8).prefix { $0 == $1 }.count
    }

    private static func context(_ actual: String, _ expected: String) -> String {
        let at = firstDifference(actual, expected)
        func around(_ text: String) -> String {
            let bytes = Array(text.utf8)
            return String(decoding: bytes[max(0, at - 80) ..< min(bytes.count, at + 80)], as: UTF8.self)
        }
        return "compiled:  …\(around(actual))…\nmustache:  …\(around(expected))…"
    }
}

/// Random page models over a set of names: missing keys, empty text, flags, numbers, lists,
/// nested and keyed objects, HTML, fragments, text with `<>&"'` and non-ASCII. The same seed
/// gives the same model (with fragments of the given templates).
private struct ModelMaker {
    var state: UInt64
    let keys: [String]
    let templates: TemplateSet

    init(seed: UInt64, keys: [String], templates: TemplateSet) {
        self.state = seed &+ 0x9E37_79B9_7F4A_7C15
        self.keys = keys
        self.templates = templates
    }

    static let texts = ["", "plain", "<b>&amp;\"quoted\" 'single'</b>", "naïve café — 日本語 ✓", "a\nb\r\nc",
                        "  ", "0", "false", "{{name}}", "e\u{301}<\u{301}"]

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    /// The page: an object holding each name with probability 8 in 10.
    mutating func page() -> TemplateValue {
        var fields: [String: TemplateValue] = [:]
        for key in keys where next(10) < 8 {
            fields[key] = value(depth: 0)
        }
        return .object(fields)
    }

    /// A nested object: up to `count` names, so that models stay small.
    mutating func object(depth: Int, count: Int) -> TemplateValue {
        var fields: [String: TemplateValue] = [:]
        for _ in 0 ..< next(count + 1) {
            fields[keys[next(keys.count)]] = value(depth: depth)
        }
        return .object(fields)
    }

    mutating func value(depth: Int) -> TemplateValue {
        let kinds = depth >= 3 ? 6 : 11
        switch next(kinds) {
        case 0, 1: return .string(Self.texts[next(Self.texts.count)])
        case 2: return .bool(next(2) == 0)
        case 3: return .int(next(3) - 1)
        case 4: return .html(Self.texts[next(Self.texts.count)])
        case 5: return .bool(true)
        case 6, 7:
            var items: [TemplateValue] = []
            for _ in 0 ..< next(4) {
                items.append(next(4) == 0 ? .string(Self.texts[next(Self.texts.count)]) : object(depth: depth + 1, count: 6))
            }
            return .list(items)
        case 8: return object(depth: depth + 1, count: 6)
        case 9: return .keyed(UInt64(next(1000)), value(depth: depth + 1))
        default:
            let template = next(2) == 0 ? "action-row" : "postmortem-item"
            let inner = object(depth: 3, count: 12)
            let fields = inner.fields ?? [:]
            let fragment = TemplateFragment(template: template, templates: templates, baseURL: nil) { fields }
            return next(2) == 0 ? .fragment(fragment, depth: next(3)) : .fragments([fragment, fragment], depth: 1)
        }
    }
}
