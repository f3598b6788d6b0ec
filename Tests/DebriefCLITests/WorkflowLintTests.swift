import DebriefTestSupport
import Foundation
import XCTest

/// Every GitHub Actions file debrief ships or writes: the composite action, the workflow
/// `debrief init` writes, and the complete workflows in docs/ci.md. Each must match GitHub's
/// schema (`check-jsonschema --builtin-schema`), pass `actionlint` when it is installed, use
/// only declared inputs, pin every `uses:`, and have shell steps that `bash -n` (and
/// `shellcheck`, when installed) accept.
final class WorkflowLintTests: CLITestCase {
    static let action = TestPaths.packageRoot.appendingPathComponent(".github/actions/debrief/action.yml")

    func test_item3_theActionIsValidAndUsesOnlyItsInputs() throws {
        let text = try String(contentsOf: Self.action, encoding: .utf8)
        try validate(Self.action, schema: "vendor.github-actions")
        let declared = Self.declaredInputs(text)
        XCTAssertEqual(declared, ["command", "args", "working-directory", "output-file", "step-summary", "allowed-exit-codes", "history-cache"])
        let used = Self.matches(#"\binputs\.([A-Za-z0-9_-]+)"#, in: text)
        XCTAssertFalse(used.isEmpty)
        for input in used { XCTAssertTrue(declared.contains(input), "inputs.\(input) is not declared") }
        // Inputs reach the scripts only through env:, never pasted into a run: block.
        XCTAssertEqual(Self.scripts(text).count, 4, "install, cache key, build, run")
        for script in Self.scripts(text) { XCTAssertFalse(script.contains("${{"), script) }
        try assertPinned(text, name: "action.yml")
        try assertScripts(text, name: "action.yml")
    }

    /// The action's last step, run here as GitHub would run it: arguments split at white space
    /// and never evaluated, standard output to a file and the summary, the exit code an output,
    /// and only the allowed codes pass.
    func test_item3_theRunStepPassesArgumentsAndExitCodes() throws {
        let script = try XCTUnwrap(Self.scripts(try String(contentsOf: Self.action, encoding: .utf8)).last)
        let root = try fixture("findings-repo")
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let file = temp.appendingPathComponent("run.sh")
        try Data(script.utf8).write(to: file)
        func run(_ args: String, allowed: String, outputFile: String = "") throws -> (RunResult, outputs: String, summary: String) {
            let outputs = temp.appendingPathComponent("outputs"), summary = temp.appendingPathComponent("summary")
            try Data().write(to: outputs)
            try Data().write(to: summary)
            let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-e", file.path], in: root, environment: [
                "DEBRIEF": TestPaths.debriefBinary.path, "COMMAND": "check", "ARGS": args, "OUTPUT_FILE": outputFile,
                "STEP_SUMMARY": "true", "ALLOWED": allowed, "RUNNER_TEMP": temp.path, "GITHUB_OUTPUT": outputs.path,
                "GITHUB_STEP_SUMMARY": summary.path, "GITHUB_WORKSPACE": root.path,
            ])
            return (result, try String(contentsOf: outputs, encoding: .utf8), try String(contentsOf: summary, encoding: .utf8))
        }
        let failing = try run("--format  json", allowed: "0")
        XCTAssertEqual(failing.0.exitCode, 1)
        XCTAssertEqual(failing.outputs, "exit-code=1\n")
        XCTAssertTrue(failing.0.stdout.hasPrefix("{"), failing.0.stdout)
        XCTAssertTrue(failing.0.stdout.contains("::error::debrief check exited with 1"), failing.0.stdout)
        XCTAssertTrue(failing.summary.hasPrefix("{"), failing.summary)

        let allowed = try run("--format sarif", allowed: "0 1", outputFile: "debrief.sarif")
        XCTAssertEqual(allowed.0.exitCode, 0, allowed.0.stderr)
        XCTAssertEqual(allowed.outputs, "exit-code=1\n")
        XCTAssertEqual(allowed.0.stdout, "", "the log stays clean when the output goes to a file")
        XCTAssertTrue(try String(contentsOf: root.appendingPathComponent("debrief.sarif"), encoding: .utf8).contains("\"version\" : \"2.1.0\""))

        let hostile = try run("$(touch pwned) *", allowed: "0 1 2")
        XCTAssertEqual(hostile.outputs, "exit-code=2\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("pwned").path), "an argument ran as code")
        XCTAssertTrue(hostile.0.stderr.contains("unexpected arguments: '$(touch', 'pwned)', '*'"), hostile.0.stderr)
    }

    /// With the history cache on, the run step points debrief at the folder the cache steps
    /// restore and save, and asks for a save (under a key of its own) only when the run wrote
    /// to it: after the first read and after new commits, not when nothing changed.
    func test_item1_theRunStepKeepsTheHistoryCacheAndAsksForASaveOnlyWhenItChanged() throws {
        let text = try String(contentsOf: Self.action, encoding: .utf8)
        let script = try XCTUnwrap(Self.scripts(text).last)
        XCTAssertTrue(text.contains("uses: actions/cache/restore@v4") && text.contains("uses: actions/cache/save@v4"))
        XCTAssertTrue(text.contains("if: always() && steps.run.outputs.history-key != ''"), "a run with findings still saves")
        // Restored, and pointed at, only for the commands that read the history.
        XCTAssertEqual(text.components(separatedBy: "inputs.history-cache == 'true' && (inputs.command == 'audit' || inputs.command == 'build')").count - 1, 2)
        let root = try fixture("git-repo")
        let repo = HistoryRepo(at: root)
        try repo.run(["init", "-q", "-b", "main"])
        try repo.run(["add", "-A"])
        try repo.run(["commit", "-q", "-m", "First post-mortems"], date: "2026-01-05")
        let temp = try FixtureRepo.temporaryDirectory(testCase: self)
        let file = temp.appendingPathComponent("run.sh")
        try Data(script.utf8).write(to: file)
        let cache = temp.appendingPathComponent("debrief-cache")
        func run(historyCache: String = cache.path) throws -> String {
            let outputs = temp.appendingPathComponent("outputs")
            try Data().write(to: outputs)
            let result = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-e", file.path], in: root, environment: [
                "DEBRIEF": TestPaths.debriefBinary.path, "COMMAND": "audit", "ARGS": "--git", "OUTPUT_FILE": "",
                "STEP_SUMMARY": "false", "ALLOWED": "0 1", "RUNNER_TEMP": temp.path, "GITHUB_OUTPUT": outputs.path,
                "GITHUB_WORKSPACE": root.path, "HISTORY_CACHE": historyCache, "RUNNER_OS": "Linux", "GITHUB_SHA": "abc",
                "GITHUB_RUN_ID": "7", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_JOB": "site", "DEBRIEF_CACHE_KEY_FILE": "",
            ])
            XCTAssertEqual(result.exitCode, 0, result.stderr)
            return try String(contentsOf: outputs, encoding: .utf8)
        }
        func historyFiles() -> [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("history").path)) ?? []
        }
        let first = try run()
        XCTAssertTrue(first.contains("history-key=debrief-history-Linux-abc-7-1-site-") && first.contains("exit-code=0\n"), first)
        XCTAssertEqual(historyFiles().count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: cache.appendingPathComponent("cache-key").path), "the key travels with the cache")

        let unchanged = try run()
        XCTAssertFalse(unchanged.contains("history-key="), "nothing new to save: \(unchanged)")

        let edited = root.appendingPathComponent("postmortems/2026-02-02-dns.md")
        try Data((try String(contentsOf: edited, encoding: .utf8) + "\nOne more line.\n").utf8).write(to: edited)
        try repo.run(["commit", "-q", "-am", "Edit"], date: "2026-01-06")
        let changed = try run()
        XCTAssertTrue(changed.contains("history-key=debrief-history-Linux-abc-7-1-site-") && changed.contains("exit-code=0\n"), changed)
        XCTAssertNotEqual(first, changed, "every save has a key of its own")

        // Off: debrief keeps its own cache folder, and nothing is saved.
        let off = try run(historyCache: "")
        XCTAssertFalse(off.contains("history-key="), off)
    }

    func test_item3_theInitWorkflowUsesTheActionOfThisVersion() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        XCTAssertEqual(try debrief(["init"], in: root).exitCode, 0)
        let workflow = root.appendingPathComponent(".github/workflows/debrief.yml")
        let text = try String(contentsOf: workflow, encoding: .utf8)
        try validate(workflow, schema: "vendor.github-workflows")
        try assertPinned(text, name: "init workflow")
        try assertScripts(text, name: "init workflow")
        let version = try debrief(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(Self.matches(#"uses: ([^\s]+/\.github/actions/debrief@[^\s]+)"#, in: text),
                       ["your-org/debrief/.github/actions/debrief@v\(version)", "your-org/debrief/.github/actions/debrief@v\(version)",
                        "your-org/debrief/.github/actions/debrief@v\(version)"])
        for step in ["github/codeql-action/upload-sarif@v3", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4",
                     "args: --format sarif", "run: debrief audit --fail-on-overdue --format github", "command: diff", "step-summary: \"true\"",
                     "pages: write", "id-token: write", "security-events: write"] {
            XCTAssertTrue(text.contains(step), step)
        }
        XCTAssertFalse(text.contains("vars."), "no repository variable to set by hand")
    }

    func test_item3_theWorkflowsInTheCIRecipeAreValid() throws {
        let doc = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let workflows = Self.yamlBlocks(doc).filter { $0.contains("\njobs:") }
        XCTAssertGreaterThanOrEqual(workflows.count, 4, "docs/ci.md has its complete workflows")
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        for (index, workflow) in workflows.enumerated() {
            let file = folder.appendingPathComponent("workflow-\(index).yml")
            try Data(workflow.utf8).write(to: file)
            try validate(file, schema: "vendor.github-workflows")
            try assertPinned(workflow, name: "docs/ci.md workflow \(index)")
            try assertScripts(workflow, name: "docs/ci.md workflow \(index)")
        }
    }
}

private extension WorkflowLintTests {
    func validate(_ file: URL, schema: String, line: UInt = #line) throws {
        guard let checker = TestPaths.onPath("check-jsonschema") else {
            throw XCTSkip("check-jsonschema is not installed; run Tests/bootstrap.sh --test")
        }
        let result = try ProcessRunner.run(checker, ["--builtin-schema", schema, file.path])
        XCTAssertEqual(result.exitCode, 0, "\(file.lastPathComponent): \(result.stdout)\(result.stderr)", line: line)
        if let actionlint = TestPaths.onPath("actionlint"), schema == "vendor.github-workflows" {
            let lint = try ProcessRunner.run(actionlint, ["-no-color", file.path])
            XCTAssertEqual(lint.exitCode, 0, "actionlint \(file.lastPathComponent): \(lint.stdout)\(lint.stderr)", line: line)
        }
    }

    /// Every `uses:` names a tag (`@v4`, `@v0.1.0`) or a full commit, never a moving branch.
    func assertPinned(_ text: String, name: String, line: UInt = #line) throws {
        let uses = Self.matches(#"uses:\s*([^\s#]+)"#, in: text)
        XCTAssertFalse(uses.isEmpty, name, line: line)
        for reference in uses {
            let ref = reference.split(separator: "@", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            let isTag = ref.range(of: #"^v\d+(\.\d+){0,2}$"#, options: .regularExpression) != nil
            let isCommit = ref.range(of: #"^[0-9a-f]{40}$"#, options: .regularExpression) != nil
            XCTAssertTrue(isTag || isCommit, "\(name): '\(reference)' is not pinned to a tag or a commit", line: line)
        }
    }

    /// Every `run:` script passes `bash -n`, and `shellcheck` when it is installed; an
    /// expression (`${{ … }}`) stands for a word.
    func assertScripts(_ text: String, name: String, line: UInt = #line) throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        for (index, script) in Self.scripts(text).enumerated() {
            let plain = script.replacingOccurrences(of: #"\$\{\{[^}]*\}\}"#, with: "expression", options: .regularExpression)
            let file = folder.appendingPathComponent("step-\(index).sh")
            try Data(("#!/usr/bin/env bash\n" + plain).utf8).write(to: file)
            let syntax = try ProcessRunner.run(URL(fileURLWithPath: "/bin/bash"), ["-n", file.path])
            XCTAssertEqual(syntax.exitCode, 0, "\(name) step \(index): \(syntax.stderr)\n\(plain)", line: line)
            if let shellcheck = TestPaths.onPath("shellcheck") {
                let check = try ProcessRunner.run(shellcheck, ["-s", "bash", "-S", "warning", file.path])
                XCTAssertEqual(check.exitCode, 0, "\(name) step \(index): \(check.stdout)", line: line)
            }
        }
    }

    /// The names under the top-level `inputs:` key.
    static func declaredInputs(_ text: String) -> [String] {
        var names: [String] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if !line.hasPrefix(" ") && !line.isEmpty && !line.hasPrefix("#") { inside = line == "inputs:" }
            if inside, line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") {
                names.append(String(line.dropFirst(2).dropLast()))
            }
        }
        return names
    }

    /// The body of every `run:` (a `|` block or one line), without its indentation.
    static func scripts(_ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var scripts: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard let range = line.range(of: #"^\s*(- )?run:\s*"#, options: .regularExpression) else {
                index += 1
                continue
            }
            let rest = String(line[range.upperBound...])
            let indent = line.prefix { $0 == " " }.count
            if rest == "|" || rest == "|-" {
                var body: [String] = []
                index += 1
                let keyColumn = indent + (line.contains("- run:") ? 2 : 0)
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).isEmpty || lines[index].prefix(while: { $0 == " " }).count > keyColumn {
                    body.append(lines[index])
                    index += 1
                }
                let margin = body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
                scripts.append(body.map { String($0.dropFirst(min(margin, $0.count))) }.joined(separator: "\n") + "\n")
            } else {
                scripts.append(rest + "\n")
                index += 1
            }
        }
        return scripts
    }

    /// The ```yaml blocks of a Markdown page.
    static func yamlBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if current == nil, line == "```yaml" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append((current ?? []).joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
