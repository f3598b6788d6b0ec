import DebriefTestSupport
import Foundation
import XCTest

final class DiffCommandTests: GitRepoTestCase {
    let queue = "postmortems/2026-01-10-queue-stuck.md"
    let dns = "postmortems/2026-02-02-dns.md"
    let disk = "postmortems/2026-03-03-disk.md"

    /// `main` has the fixture with one warning in the DNS post-mortem; `change` closes, reopens,
    /// re-owns and moves actions, finalises a post-mortem, adds one that lacks a section, and
    /// fixes the warning.
    func branches() throws -> URL {
        let root = try fixture("git-repo")
        try edit(dns, in: root, replacing: "services: [edge]\n", with: "services: [edge]\nsevrity: SEV3\n")
        try git(["init", "-q", "-b", "main"], in: root)
        try commitAll("First post-mortems", in: root)
        try git(["checkout", "-q", "-b", "change"], in: root)
        try edit(queue, in: root, replacing: "status: review", with: "status: final")
        try edit(queue, in: root, replacing: "| 2026-02-01 | open   |", with: "| 2026-02-01 | done   |")
        try edit(queue, in: root, replacing: "| 2026-01-20 | done   |", with: "| 2026-01-20 | open   |")
        try edit(queue, in: root, replacing: "| @max  | 2026-03-01 | open   |", with: "| @ana  | 2026-04-15 | open   |")
        try edit(dns, in: root, replacing: "sevrity: SEV3\n", with: "")
        let text = try read(dns, in: root)
            .replacingOccurrences(of: "INC-2026-020", with: "INC-2026-030")
            .replacingOccurrences(of: "DNS resolution failures", with: "Disk full on the primary")
            .replacingOccurrences(of: "## Lessons Learned\n\nCaches need limits.\n", with: "")
            .replacingOccurrences(of: "- [x] PA-2 Flush the cache weekly (@ana, due 2026-02-10)\n", with: "")
        try Data(text.utf8).write(to: root.appendingPathComponent(disk))
        try commitAll("Close and move actions", in: root)
        return root
    }

    func test_item2_textDigestBetweenTwoBranches() throws {
        let root = try branches()
        let result = try debrief(["diff", "main", "change", "--as-of", "2026-03-20"], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, """
            main...change: 1 post-mortem added, 2 post-mortems changed, 1 action added, 1 action closed, 1 action reopened, 1 action re-owned, 1 due date moved, 3 actions overdue (2 by this change), 1 finding introduced, 1 finding fixed
              post-mortem added: INC-2026-030 Disk full on the primary (postmortems/2026-03-03-disk.md)
              post-mortem status: INC-2026-010 review -> final
              post-mortem changed: INC-2026-020 (postmortems/2026-02-02-dns.md)
              action closed: INC-2026-010/PA-1 open -> done
              action reopened: INC-2026-010/PA-2 done -> open
              action added: INC-2026-030/PA-1 Alert on resolver cache size (@ana, due 2026-03-15)
              action re-owned: INC-2026-010/PA-3 @max -> @ana
              due moved: INC-2026-010/PA-3 2026-03-01 -> 2026-04-15 (+45 days)
              newly overdue: INC-2026-010/PA-2 (@max, due 2026-01-20, 59 days late)
              newly overdue: INC-2026-030/PA-1 (@ana, due 2026-03-15, 5 days late)
              still overdue: INC-2026-020/PA-1 (@ana, due 2026-03-15, 5 days late)
              introduced: postmortems/2026-03-03-disk.md: warning: required section 'Lessons Learned' is missing; add a '## Lessons Learned' heading [DB040]
              fixed: postmortems/2026-02-02-dns.md: warning: unknown field 'sevrity' [DB022]

            """)
    }

    func test_item2_markdownDigestLinksToTheSite() throws {
        let root = try branches()
        let result = try debrief(["diff", "main", "change", "--format", "markdown", "--as-of", "2026-03-20"], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            ## debrief: `main...change`

            1 post-mortem added, 2 post-mortems changed, 1 action added, 1 action closed, 1 action reopened, 1 action re-owned, 1 due date moved, 3 actions overdue (2 by this change), 1 finding introduced, 1 finding fixed.

            ### Post-mortems

            - Added: [INC-2026-030 Disk full on the primary](https://kb.example.com/postmortems/2026-03-03-disk.html) (draft)
            - Status: [INC-2026-010 Orders queue stuck after broker upgrade](https://kb.example.com/postmortems/2026-01-10-queue-stuck.html): review → final
            - Changed: [INC-2026-020 DNS resolution failures](https://kb.example.com/postmortems/2026-02-02-dns.html)

            ### Actions

            - Closed: [`INC-2026-010/PA-1`](https://kb.example.com/postmortems/2026-01-10-queue-stuck.html) Add a prefetch check to the restart SOP (open → done)
            - Reopened: [`INC-2026-010/PA-2`](https://kb.example.com/postmortems/2026-01-10-queue-stuck.html) Alert when a broker disk is 80% full (done → open)
            - Added: [`INC-2026-030/PA-1`](https://kb.example.com/postmortems/2026-03-03-disk.html) Alert on resolver cache size (ana, due 2026-03-15)
            - Re-owned: [`INC-2026-010/PA-3`](https://kb.example.com/postmortems/2026-01-10-queue-stuck.html) Pin the broker version (max → ana)
            - Due moved: [`INC-2026-010/PA-3`](https://kb.example.com/postmortems/2026-01-10-queue-stuck.html) Pin the broker version (2026-03-01 → 2026-04-15, +45 days)

            ### Overdue as of 2026-03-20

            - New: [`INC-2026-010/PA-2`](https://kb.example.com/postmortems/2026-01-10-queue-stuck.html) Alert when a broker disk is 80% full (max, due 2026-01-20, 59 days late)
            - New: [`INC-2026-030/PA-1`](https://kb.example.com/postmortems/2026-03-03-disk.html) Alert on resolver cache size (ana, due 2026-03-15, 5 days late)
            - Still: [`INC-2026-020/PA-1`](https://kb.example.com/postmortems/2026-02-02-dns.html) Alert on resolver cache size (ana, due 2026-03-15, 5 days late)

            ### Check findings

            - Introduced warning: `DB040` postmortems/2026-03-03-disk.md: required section 'Lessons Learned' is missing; add a '## Lessons Learned' heading
            - Fixed warning: `DB022` postmortems/2026-02-02-dns.md: unknown field 'sevrity'

            """)
    }

    func test_item2_jsonDigestAndTheWorkingTree() throws {
        let root = try branches()
        try git(["checkout", "-q", "main"], in: root)
        try edit(dns, in: root, replacing: "- [ ] PA-1 Alert on resolver cache size (@ana, due 2026-03-15)", with: "- [x] PA-1 Alert on resolver cache size (@ana, due 2026-03-15)")
        let result = try debrief(["diff", "HEAD", "--format", "json", "--as-of", "2026-03-20"], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            {
              "actions" : {
                "added" : [

                ],
                "closed" : [
                  {
                    "from" : "open",
                    "key" : "INC-2026-020/PA-1",
                    "to" : "done"
                  }
                ],
                "due_moved" : [

                ],
                "overdue" : [
                  {
                    "days_overdue" : 47,
                    "due" : "2026-02-01",
                    "key" : "INC-2026-010/PA-1",
                    "new" : false,
                    "owner" : "lena"
                  },
                  {
                    "days_overdue" : 19,
                    "due" : "2026-03-01",
                    "key" : "INC-2026-010/PA-3",
                    "new" : false,
                    "owner" : "max"
                  }
                ],
                "removed" : [

                ],
                "reopened" : [

                ],
                "reowned" : [

                ]
              },
              "as_of" : "2026-03-20",
              "findings" : {
                "fixed" : [

                ],
                "introduced" : [

                ]
              },
              "postmortems" : {
                "added" : [

                ],
                "changed" : [
                  {
                    "file" : "postmortems/2026-02-02-dns.md",
                    "id" : "INC-2026-020",
                    "status" : "draft",
                    "title" : "DNS resolution failures",
                    "url" : "https://kb.example.com/postmortems/2026-02-02-dns.html"
                  }
                ],
                "removed" : [

                ],
                "status_moves" : [

                ]
              },
              "range" : "HEAD...working tree"
            }

            """)
    }

    /// A knowledge repo in a folder of a larger repository, read from a revision with a file
    /// over the size limit: refused as on disk (DB016), and only the folder is read.
    func test_item2_aKnowledgeRepoInAFolderAndTheSizeLimit() throws {
        let outer = try FixtureRepo.temporaryDirectory(testCase: self)
        let root = outer.appendingPathComponent("kb")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("git-repo"), to: root)
        try Data("# Code\n".utf8).write(to: outer.appendingPathComponent("README.md"))
        try git(["init", "-q", "-b", "main"], in: outer)
        try commitAll("Code and knowledge", in: outer)
        try Data("max_file_size: 1KiB\n".utf8).write(to: root.appendingPathComponent("debrief.yml"), options: .atomic)
        try commitAll("Small files only", in: outer)
        let result = try debrief(["diff", "HEAD~1", "HEAD", "--root", "kb", "--as-of", "2026-01-01"], in: outer)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            HEAD~1...HEAD: 1 post-mortem removed, 3 actions removed, 1 finding introduced
              post-mortem removed: INC-2026-010 (postmortems/2026-01-10-queue-stuck.md)
              action removed: INC-2026-010/PA-1
              action removed: INC-2026-010/PA-2
              action removed: INC-2026-010/PA-3
              introduced: postmortems/2026-01-10-queue-stuck.md: error: file is 1.4 KiB, larger than the 1 KiB limit; make it smaller or raise 'max_file_size' in debrief.yml [DB016]

            """)
        // From the folder itself, without --root, the same.
        XCTAssertEqual(try debrief(["diff", "HEAD~1", "HEAD", "--as-of", "2026-01-01"], in: root).stdout, result.stdout)
    }

    /// A digest short enough for a pull-request comment: each Markdown section stops after 30
    /// lines and says how many more there are.
    func test_item2_theMarkdownDigestStaysShort() throws {
        let root = try gitRepo()
        let items = (1...40).map { "- [ ] PA-\($0) Check disk \($0) (@ana, due 2026-02-01)\n" }.joined()
        try edit(dns, in: root, replacing: "- [ ] PA-1 Alert on resolver cache size (@ana, due 2026-03-15)\n- [x] PA-2 Flush the cache weekly (@ana, due 2026-02-10)\n", with: items)
        let result = try debrief(["diff", "HEAD", "--format", "markdown", "--as-of", "2026-03-20"], in: root)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        // 41 action changes and 42 overdue actions: 30 lines of each, and a line for the rest.
        XCTAssertTrue(result.stdout.contains("- … and 11 more (`debrief diff --format text` lists them all)\n\n### Overdue as of 2026-03-20\n"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("- … and 12 more (`debrief diff --format text` lists them all)\n"), result.stdout)
        XCTAssertEqual(result.stdout.components(separatedBy: "\n- ").count - 1, 1 + 31 + 31)
        let text = try debrief(["diff", "HEAD", "--as-of", "2026-03-20"], in: root)
        // The items added or reopened (PA-2 to PA-40) are overdue by this change; PA-1 and the
        // queue's two were overdue before it.
        XCTAssertEqual(text.stdout.components(separatedBy: "\n  newly overdue: ").count - 1, 39)
        XCTAssertEqual(text.stdout.components(separatedBy: "\n  still overdue: ").count - 1, 3)
        XCTAssertTrue(text.stdout.contains("42 actions overdue (39 by this change)"), text.stdout)
    }

    func test_item2_aBadRevisionExitsTwo() throws {
        let root = try branches()
        let result = try debrief(["diff", "no-such-branch"], in: root)
        XCTAssertEqual(result.exitCode, 2)
        XCTAssertTrue(result.stderr.hasPrefix("debrief: error: 'no-such-branch' is not a revision of the repository at "), result.stderr)
        XCTAssertTrue(result.stdout.isEmpty)
        let option = try debrief(["diff", "--", "--output=/tmp/x"], in: root)
        XCTAssertEqual(option.exitCode, 2)
    }

    func test_item2_aLinkInTheTreeIsRefusedAsOnDisk() throws {
        let root = try branches()
        try git(["checkout", "-q", "main"], in: root)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("postmortems/passwd.md").path, withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("postmortems/config.md").path, withDestinationPath: "../.git/config")
        try commitAll("Links", in: root)
        // Read from the tree (HEAD) and from the disk (the working tree): the same findings.
        let tree = try debrief(["diff", "HEAD~1", "HEAD", "--as-of", "2026-03-20"], in: root)
        let disk = try debrief(["diff", "HEAD~1", "--as-of", "2026-03-20"], in: root)
        XCTAssertEqual(tree.stdout, """
            HEAD~1...HEAD: 3 actions overdue, 2 findings introduced
              still overdue: INC-2026-010/PA-1 (@lena, due 2026-02-01, 47 days late)
              still overdue: INC-2026-010/PA-3 (@max, due 2026-03-01, 19 days late)
              still overdue: INC-2026-020/PA-1 (@ana, due 2026-03-15, 5 days late)
              introduced: postmortems/config.md: error: symbolic link points at .git/config, a hidden file, and is not read; put the file itself here or remove the link [DB018]
              introduced: postmortems/passwd.md: error: symbolic link leads outside the repository and is not read; put the file itself in the repository [DB018]

            """)
        XCTAssertEqual(disk.stdout.replacingOccurrences(of: "working tree", with: "HEAD"), tree.stdout)
    }
}
