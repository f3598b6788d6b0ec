import DebriefTestSupport
import Foundation
import XCTest

/// The theme compiler in `TemplateEmbedder` refuses, at the template's line, anything it does
/// not compile exactly as swift-mustache renders it, so the theme can never drift silently.
final class ThemeCompilerTests: XCTestCase {
    func test_compiledTheme_supportedTagsCompileToDirectCalls() throws {
        let result = try compile(["page.mustache": "{{> part}}\n<p>{{title}} {{{html}}} {{& raw}} {{nav.search}}</p>\n{{#items}}{{.}}{{/items}}{{^items}}none{{/items}}{{! note }}\n",
                                  "part.mustache": "<head>\n"])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let source = try String(contentsOf: result.output, encoding: .utf8)
        XCTAssertTrue(source.contains(#"r.escaped(r.lookup("title"))"#))
        XCTAssertTrue(source.contains(#"r.raw(r.lookup("html"))"#))
        XCTAssertTrue(source.contains(#"r.raw(r.lookup("raw"))"#))
        XCTAssertTrue(source.contains(#"r.escaped(r.lookup(["nav", "search"]))"#))
        XCTAssertTrue(source.contains(#"r.section(r.lookup("items")) { r in"#))
        XCTAssertTrue(source.contains("r.escaped(r.top)"))
        XCTAssertTrue(source.contains(#""page": ["part"],"#))
    }

    func test_compiledTheme_unsupportedTagsStopTheBuildAtTheirLine() throws {
        let cases: [(String, String)] = [
            ("<p>\n{{#a}}\n{{uppercased(name)}}\n{{/a}}\n", "bad.mustache:3:1: error: the compiled theme does not support transforms ('uppercased(name)')"),
            ("x\n{{=<% %>=}}\n", "bad.mustache:2:1: error: the compiled theme does not support changing the delimiters"),
            ("{{<parent}}{{/parent}}\n", "bad.mustache:1:1: error: the compiled theme does not support template inheritance"),
            ("{{%CONTENT_TYPE: TEXT}}\n", "bad.mustache:1:1: error: the compiled theme does not support pragmas"),
            ("a\n{{>*dynamic}}\n", "bad.mustache:2:1: error: the compiled theme cannot name a partial by a value"),
            ("a\n  {{> bad}}\n", "bad.mustache:2:3: error: the compiled theme does not support an indented standalone partial"),
            ("{{#open}}\nnever closed\n", "bad.mustache:3:1: error: {{#open}} is never closed"),
            ("{{#a}}{{/b}}\n", "bad.mustache:1:7: error: {{/b}} closes a section that is not open"),
            ("{{> missing}}\n", "bad.mustache:1:1: error: {{> missing}} names a template the theme does not have"),
            ("text {{name\n", "bad.mustache:1:6: error: a tag is not closed with }}"),
        ]
        for (template, expected) in cases {
            let result = try compile(["bad.mustache": template])
            XCTAssertEqual(result.exitCode, 1, template)
            XCTAssertTrue(result.stderr.contains(expected), "\(template): \(result.stderr)")
        }
    }

    // MARK: - Helpers

    private struct Compiled {
        let exitCode: Int32
        let stderr: String
        let output: URL
    }

    private func compile(_ files: [String: String]) throws -> Compiled {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        let templates = folder.appendingPathComponent("Templates")
        for (name, text) in files { try writeFile(Data(text.utf8), to: name, under: templates) }
        let output = folder.appendingPathComponent("Out.swift")
        let embedder = TestPaths.productsDirectory.appendingPathComponent("TemplateEmbedder")
        let result = try ProcessRunner.run(embedder, [templates.path, output.path])
        return Compiled(exitCode: result.exitCode, stderr: result.stderr, output: output)
    }
}
