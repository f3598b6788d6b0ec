import DebriefTestSupport
import Foundation
import XCTest

/// `debrief audit --git` end to end, on real repositories made here with fixed dates.
final class AuditGitTests: CLITestCase {
    private let file = "postmortems/2026-01-10-outage.md"

    /// A knowledge repo whose PA-1 slipped twice (+42 days), PA-2 is open, PA-3 is done with no
    /// commit or ticket; and a code repo whose commit closes PA-2 and names a key with a typo.
    private func repos() throws -> (kb: HistoryRepo, code: HistoryRepo, kbSHA: String, codeSHA: String) {
        let kb = try HistoryRepo(testCase: self)
        func pm(_ due1: String) -> String {
            HistoryRepo.postmortem(id: "INC-2026-007", rows: [("PA-1", "Add alert", due1, "open"), ("PA-2", "Fix retry", "2026-02-10", "open"),
                                                                ("PA-3", "Write runbook", "2026-01-20", "done")])
        }
        try kb.commit(["debrief.yml": "required_sections: [Summary]\n", file: pm("2026-02-01")], message: "Record the outage", date: "2026-01-12")
        try kb.commit([file: pm("2026-03-01")], message: "Move PA-1", date: "2026-01-30")
        try kb.commit([file: pm("2026-03-15")], message: "Move PA-1 again\n\nRefs: INC-2026-007/PA-1", date: "2026-02-09")
        let kbSHA = String(try kb.head().prefix(7))
        let code = try HistoryRepo(testCase: self)
        try code.commit(["retry.swift": "// backoff\n"], message: "Retry with backoff\n\nCloses: inc-2026-007/pa-2, INC-2026-07/PA-1",
                        date: "2026-02-11")
        return (kb, code, kbSHA, String(try code.head().prefix(7)))
    }

    func test_item2_auditGitReportsCommitsDriftSlipsAndUnknownKeys() throws {
        let (kb, code, kbSHA, codeSHA) = try repos()
        let result = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--git", "--repo", code.root.path])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let repo = code.root.path
        XCTAssertEqual(result.stdout, """
              KEY                STATUS  OWNER  DUE         DAYS OVERDUE  SLIPS     FIRST DUE   ACTION     SOPS
            ! INC-2026-007/PA-2  open    dana   2026-02-10            10  0         2026-02-10  Fix retry
              INC-2026-007/PA-1  open    dana   2026-03-15                2 (+42d)  2026-02-01  Add alert

            2 actions listed, 1 overdue, as of 2026-02-20 (3 actions in all: 2 open, 1 done, 0 won't do)

            Commits naming the listed actions:
              INC-2026-007/PA-2  \(repo) \(codeSHA) 2026-02-11 closes: Retry with backoff
              INC-2026-007/PA-1  knowledge \(kbSHA) 2026-02-09 refs: Move PA-1 again

            Drift (1):
              [DB082] INC-2026-007/PA-2 is open in \(file):19, but \(repo) \(codeSHA) (2026-02-11, closes) closed it

            Trailers naming no action (1):
              [DB084] INC-2026-07/PA-1 in \(repo) \(codeSHA) (closes) names no action (did you mean 'INC-2026-007/PA-1'?)

            History: 3 commits touching post-mortems read up to \(kbSHA)

            """)
    }

    func test_item2_failOnDriftAndRequireEvidenceGateAndAnnotateTheRow() throws {
        let (kb, code, _, codeSHA) = try repos()
        let result = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--require-evidence", "--fail-on-drift",
                                  "--format", "github", "--repo", code.root.path])
        XCTAssertEqual(result.exitCode, 1, result.stderr)
        let repo = code.root.path
        XCTAssertEqual(result.stdout, """
            ::warning file=\(file),line=19::INC-2026-007/PA-2 is 10 days overdue (owner dana)
            ::error file=\(file),line=19,title=DB082::[DB082] INC-2026-007/PA-2 is open in \(file):19, but \(repo) \(codeSHA) (2026-02-11, closes) closed it
            ::error file=\(file),line=20,title=DB083::[DB083] INC-2026-007/PA-3 is done in \(file):20, but no commit names it and it has no ticket
            ::warning title=DB084::[DB084] INC-2026-07/PA-1 in \(repo) \(codeSHA) (closes) names no action (did you mean 'INC-2026-007/PA-1'?)

            """)
        // Without --fail-on-drift the same drift does not fail.
        XCTAssertEqual(try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--git", "--repo", code.root.path]).exitCode, 0)
    }

    func test_item3_slippedListsMovedActionsWithTheirCommitsInEveryFormat() throws {
        let (kb, _, _, _) = try repos()
        let sha1 = String(try kb.run(["rev-parse", "HEAD~1"]).prefix(7)), sha2 = String(try kb.head().prefix(7))
        let text = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--slipped", "2"])
        XCTAssertEqual(text.exitCode, 0, text.stderr)
        XCTAssertEqual(text.stdout, """
              KEY                STATUS  OWNER  DUE         DAYS OVERDUE  SLIPS     FIRST DUE   ACTION     SOPS
              INC-2026-007/PA-1  open    dana   2026-03-15                2 (+42d)  2026-02-01  Add alert

            1 action listed, 0 overdue, as of 2026-02-20 (3 actions in all: 2 open, 1 done, 0 won't do)

            Slipped:
              INC-2026-007/PA-1: due moved 2x, +42 days
                2026-02-01 -> 2026-03-01 (+28d) in \(sha1) 2026-01-30
                2026-03-01 -> 2026-03-15 (+14d) in \(sha2) 2026-02-09

            Commits naming the listed actions:
              INC-2026-007/PA-1  knowledge \(sha2) 2026-02-09 refs: Move PA-1 again

            History: 3 commits touching post-mortems read up to \(sha2)

            """)
        // Moved twice, not three times: nothing listed.
        let none = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--slipped", "3"])
        XCTAssertTrue(none.stdout.hasPrefix("0 actions listed, 0 overdue"), none.stdout)

        let markdown = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--slipped", "1", "--format", "markdown"])
        XCTAssertEqual(markdown.exitCode, 0, markdown.stderr)
        XCTAssertEqual(markdown.stdout, """
            | Key | Status | Owner | Due | Days overdue | Slips | First due | Action | SOPs |
            | --- | --- | --- | --- | ---: | ---: | --- | --- | --- |
            | INC-2026-007/PA-1 | open | dana | 2026-03-15 |  | 2 (+42d) | 2026-02-01 | Add alert |  |

            1 action listed, 0 overdue, as of 2026-02-20 (3 actions in all: 2 open, 1 done, 0 won't do)

            ### Slipped

            - INC-2026-007/PA-1: due moved 2x, +42 days
              - 2026-02-01 -\\> 2026-03-01 (+28d) in \(sha1) 2026-01-30
              - 2026-03-01 -\\> 2026-03-15 (+14d) in \(sha2) 2026-02-09

            ### Commits naming the listed actions

            - INC-2026-007/PA-1: knowledge \(sha2) 2026-02-09 refs: Move PA-1 again

            History: 3 commits touching post-mortems read up to \(sha2)

            """)

        let json = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--slipped", "2", "--format", "json"])
        XCTAssertEqual(json.exitCode, 0, json.stderr)
        let full1 = try kb.run(["rev-parse", "HEAD~1"]).trimmingCharacters(in: .whitespacesAndNewlines), full2 = try kb.head()
        XCTAssertEqual(json.stdout, """
            {
              "actions" : [
                {
                  "action" : "Add alert",
                  "before_baseline" : false,
                  "closed_on" : null,
                  "commits" : [
                    {
                      "date" : "2026-02-09",
                      "key" : "INC-2026-007/PA-1",
                      "repo" : "knowledge",
                      "sha" : "\(full2)",
                      "subject" : "Move PA-1 again",
                      "trailer" : "refs"
                    }
                  ],
                  "days_overdue" : 0,
                  "days_slipped" : 42,
                  "due" : "2026-03-15",
                  "due_changes" : [
                    {
                      "date" : "2026-01-30",
                      "days" : 28,
                      "from" : "2026-02-01",
                      "sha" : "\(full1)",
                      "to" : "2026-03-01"
                    },
                    {
                      "date" : "2026-02-09",
                      "days" : 14,
                      "from" : "2026-03-01",
                      "sha" : "\(full2)",
                      "to" : "2026-03-15"
                    }
                  ],
                  "file" : "postmortems/2026-01-10-outage.md",
                  "first_due" : "2026-02-01",
                  "first_recorded" : "2026-01-12",
                  "id" : "PA-1",
                  "key" : "INC-2026-007/PA-1",
                  "line" : 18,
                  "overdue" : false,
                  "owner" : "dana",
                  "postmortem" : "INC-2026-007",
                  "severity" : "SEV2",
                  "slips" : 2,
                  "sops" : [

                  ],
                  "status" : "open",
                  "ticket" : null,
                  "untracked" : false
                }
              ],
              "as_of" : "2026-02-20",
              "gate_since" : null,
              "git" : {
                "drift" : [

                ],
                "history" : {
                  "commits_read" : 3,
                  "complete" : true,
                  "gap" : null,
                  "head" : "\(full2)"
                },
                "repos" : [
                  "knowledge"
                ],
                "shallow_repos" : [

                ],
                "unknown_keys" : [

                ]
              },
              "late_postmortems" : [

              ],
              "recurrences" : [

              ],
              "stale_sops" : [

              ],
              "summary" : {
                "before_baseline" : 0,
                "done" : 1,
                "open" : 2,
                "overdue" : 1,
                "total" : 3,
                "untracked" : 0,
                "wont_do" : 0
              }
            }

            """)

        let csv = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--git", "--format", "csv"])
        XCTAssertTrue(csv.stdout.hasPrefix("key,postmortem,id,status,owner,due,overdue,days_overdue,action,sops,ticket,severity,file,line,untracked,before_baseline,recurrences,slips,days_slipped,first_due,first_recorded,closed_on,commits\n"), csv.stdout)
    }

    func test_item1_theNextRunStartsFromTheCachedHistoryAndSaysTheSame() throws {
        let (kb, code, _, _) = try repos()
        let home = try FixtureRepo.temporaryDirectory(testCase: self)
        let environment = ["DEBRIEF_CACHE_KEY_FILE": home.appendingPathComponent("cache-key").path]
        let arguments = ["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--git", "--repo", code.root.path, "--all",
                         "--format", "json", "--timings"]
        let first = try debrief(arguments, environment: environment)
        XCTAssertEqual(first.exitCode, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("git history, beside the load (whole history, no cache)"), first.stderr)
        let cached = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("history").path)
        XCTAssertEqual(cached.filter { $0.hasSuffix(".bin") }.count, 1, "\(cached)")

        // One more commit: the next run reads it alone, and reports what a whole reading does.
        try kb.commit([file: HistoryRepo.postmortem(id: "INC-2026-007", rows: [
            ("PA-1", "Add alert", "2026-04-01", "open"), ("PA-2", "Fix retry", "2026-02-10", "done"), ("PA-3", "Write runbook", "2026-01-20", "done"),
        ])], message: "Close PA-2, move PA-1", date: "2026-02-15")
        let warm = try debrief(arguments, environment: environment)
        XCTAssertTrue(warm.stderr.contains("(from the cache, 1 commits behind, 1 read)"), warm.stderr)
        let whole = try debrief(arguments + ["--no-history-cache"], environment: environment)
        XCTAssertTrue(whole.stderr.contains("(whole history, no cache)"), whole.stderr)
        XCTAssertEqual(warm.stdout, whole.stdout)
        XCTAssertTrue(warm.stdout.contains("\"slips\" : 3"), warm.stdout)

        // A cache file someone changed is not used, and the run says so.
        let path = home.appendingPathComponent("history").appendingPathComponent(cached.first { $0.hasSuffix(".bin") } ?? "")
        var bytes = [UInt8](try Data(contentsOf: path))
        bytes[bytes.count - 1] ^= 1
        try Data(bytes).write(to: path)
        let refused = try debrief(Array(arguments.dropLast()), environment: environment)
        XCTAssertEqual(refused.exitCode, 0, refused.stderr)
        XCTAssertEqual(refused.stderr, "debrief: note: the cached history was not used (its seal does not match: it was changed, "
                       + "or written with another cache key); the whole history was read\n")
        XCTAssertEqual(refused.stdout, whole.stdout)
    }

    func test_item1_aShallowCloneSaysTheHistoryIsIncompleteInsteadOfZeroSlips() throws {
        let (kb, _, _, _) = try repos()
        let clone = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("clone")
        try kb.run(["clone", "-q", "--depth", "1", "file://" + kb.root.path, clone.path])
        let result = try debrief(["audit", "--root", clone.path, "--as-of", "2026-02-20", "--git", "--format", "json"])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertEqual(result.stderr, "debrief: warning: History: incomplete (shallow clone): first records, slips and closing dates are not known; "
                       + "fetch the whole history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)\n")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let action = try XCTUnwrap((object["actions"] as? [[String: Any]])?.last)
        XCTAssertTrue(action["slips"] is NSNull)
        XCTAssertTrue(action["first_due"] is NSNull)
        let history = try XCTUnwrap((object["git"] as? [String: Any])?["history"] as? [String: Any])
        XCTAssertEqual(history["complete"] as? Bool, false)
        XCTAssertEqual(history["gap"] as? String, "shallow")
        let table = try debrief(["audit", "--root", clone.path, "--as-of", "2026-02-20", "--slipped", "1"])
        XCTAssertTrue(table.stdout.hasPrefix("0 actions listed, 0 overdue"), table.stdout)
        XCTAssertTrue(table.stdout.hasSuffix("History: incomplete (shallow clone): first records, slips and closing dates are not known; "
                                              + "fetch the whole history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)\n"), table.stdout)
    }

    /// A shallow clone has no history to replay, but the trailers of the commits it has still
    /// name actions: a closing commit at its tip is drift, and fails `--fail-on-drift`.
    func test_item1_aShallowCloneStillReadsTheTrailersOfTheCommitsItHas() throws {
        let (kb, _, _, _) = try repos()
        try kb.commit(["notes.txt": "shipped\n"], message: "Ship the retry fix\n\nCloses: INC-2026-007/PA-2", date: "2026-02-12")
        let tip = String(try kb.head().prefix(7))
        let clone = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("clone")
        try kb.run(["clone", "-q", "--depth", "1", "file://" + kb.root.path, clone.path])
        let result = try debrief(["audit", "--root", clone.path, "--as-of", "2026-02-20", "--fail-on-drift", "--format", "json"])
        XCTAssertEqual(result.exitCode, 1, result.stderr)
        let git = try XCTUnwrap((try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])?["git"] as? [String: Any])
        let drift = try XCTUnwrap(git["drift"] as? [[String: Any]])
        XCTAssertEqual(drift.map { $0["key"] as? String }, ["INC-2026-007/PA-2"])
        XCTAssertEqual(drift.first?["code"] as? String, "DB082")
        XCTAssertEqual((drift.first?["commit"] as? [String: Any])?["sha"].map { String(describing: $0).prefix(7) }, Substring(tip))
        XCTAssertEqual((git["history"] as? [String: Any])?["gap"] as? String, "shallow")
    }

    /// A code repository cloned shallow misses its older commits' trailers: a warning says so in
    /// every format, the JSON lists it, and `--require-evidence` is not checked rather than
    /// reporting evidence as missing.
    func test_item2_aShallowCodeRepositoryIsNamedAndEvidenceIsNotRequiredFromIt() throws {
        let (kb, code, _, _) = try repos()
        try code.commit(["README": "retry\n"], message: "Document the retry", date: "2026-02-12")
        let clone = try FixtureRepo.temporaryDirectory(testCase: self).appendingPathComponent("code")
        try code.run(["clone", "-q", "--depth", "1", "file://" + code.root.path, clone.path])
        let warning = "debrief: warning: \(clone.path) is a shallow clone: trailers of commits older than its depth are not read; "
            + "fetch its whole history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)\n"
        let json = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--require-evidence", "--format", "json", "--repo", clone.path])
        XCTAssertEqual(json.exitCode, 0, json.stderr)
        XCTAssertEqual(json.stderr, warning)
        let git = try XCTUnwrap((try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])?["git"] as? [String: Any])
        XCTAssertEqual(git["shallow_repos"] as? [String], [clone.path])
        XCTAssertEqual((git["drift"] as? [[String: Any]])?.count, 0, "no DB083 from a history that is not there")
        let text = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--require-evidence", "--repo", clone.path])
        XCTAssertTrue(text.stdout.contains("--require-evidence: not checked, the history is incomplete\n"), text.stdout)
        XCTAssertTrue(text.stdout.hasSuffix(String(warning.dropFirst("debrief: warning: ".count))), text.stdout)
        let github = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--format", "github", "--repo", clone.path])
        XCTAssertEqual(github.stderr, "")
        XCTAssertTrue(github.stdout.contains("::warning::\(clone.path) is a shallow clone"), github.stdout)
    }

    /// Two paths of one repository, or the knowledge repo named again, are read once.
    func test_item2_eachRepositoryIsReadOnceWhateverPathNamesIt() throws {
        let (kb, code, kbSHA, codeSHA) = try repos()
        let result = try debrief(["audit", "--root", kb.root.path, "--as-of", "2026-02-20", "--format", "json",
                                  "--repo", kb.root.path, "--repo", code.root.path, "--repo", code.root.path + "/", "--repo", code.root.path + "/."])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        XCTAssertEqual((object["git"] as? [String: Any])?["repos"] as? [String], ["knowledge", code.root.path])
        let commits = (object["actions"] as? [[String: Any]] ?? []).flatMap { ($0["commits"] as? [[String: Any]]) ?? [] }
            .map { "\($0["repo"] ?? "") \(String(describing: $0["sha"] ?? "").prefix(7))" }
        XCTAssertEqual(commits.sorted(), ["\(code.root.path) \(codeSHA)", "knowledge \(kbSHA)"])
    }

    func test_item2_aFolderOutsideGitOrAMissingGitIsAnEnvironmentError() throws {
        let root = try FixtureRepo.temporaryDirectory(testCase: self)
        try writeFile(Data("required_sections: [Summary]\n".utf8), to: "debrief.yml", under: root)
        let outside = try debrief(["audit", "--root", root.path, "--git"])
        XCTAssertEqual(outside.exitCode, 2)
        XCTAssertTrue(outside.stderr.contains("is not inside a git repository"), outside.stderr)
        let missing = try ProcessRunner.run(TestPaths.debriefBinary, ["audit", "--root", root.path, "--git"],
                                            environment: ["DEBRIEF_GIT": root.appendingPathComponent("no-git").path])
        XCTAssertEqual(missing.exitCode, 2)
        XCTAssertEqual(missing.stderr, "debrief: error: DEBRIEF_GIT names '\(root.appendingPathComponent("no-git").path)', which is not an executable file; "
                       + "point it at git, or unset it to use the git on PATH\n")
        let noPath = try ProcessRunner.run(TestPaths.debriefBinary, ["audit", "--root", root.path, "--git"], environment: ["PATH": root.path])
        XCTAssertEqual(noPath.exitCode, 2)
        XCTAssertTrue(noPath.stderr.contains("git is not installed or not on PATH"), noPath.stderr)
        // A --repo that is no repository is the same error, even when the root is one.
        let (kb, _, _, _) = try repos()
        let notRepo = try debrief(["audit", "--root", kb.root.path, "--repo", root.path])
        XCTAssertEqual(notRepo.exitCode, 2)
        XCTAssertEqual(notRepo.stdout, "")
        XCTAssertTrue(notRepo.stderr.hasPrefix("debrief: error: '\(root.path)' is not inside a git repository"), notRepo.stderr)
        // Without --git nothing asks for git.
        XCTAssertEqual(try ProcessRunner.run(TestPaths.debriefBinary, ["audit", "--root", root.path],
                                             environment: ["DEBRIEF_GIT": root.appendingPathComponent("no-git").path]).exitCode, 0)
    }
}
