import DebriefTestSupport
import Foundation
import XCTest

/// A link that stays inside the repo still must not lead to what would never be read as that
/// input: hidden files (`.git/config` holds CI tokens), `templates/`, the output folder, or, for
/// a document, a file that is not a document.
extension RepositoryReadTests {
    private static let gitSecret = "[remote \"origin\"]\n\turl = https://ci:GIT-TOKEN-5c1e@example.com/r.git\n"

    private func assertNoGitSecret(_ site: [String: Data], file: StaticString = #filePath, line: UInt = #line) {
        for (path, data) in site where data.range(of: Data("GIT-TOKEN-5c1e".utf8)) != nil {
            XCTFail("\(path) publishes .git/config", file: file, line: line)
        }
    }

    func test_review_documentLinksToHiddenFilesAreRefused() throws {
        let root = try repo()
        try writeFile(Data(Self.gitSecret.utf8), to: ".git/config", under: root)
        try writeFile(Data("TOKEN=GIT-TOKEN-5c1e\n".utf8), to: ".env", under: root)
        try writeFile(Data(Self.sop.utf8), to: "notes/runbook.txt", under: root)
        try writeFile(Data(Self.sop.utf8), to: ".github/hidden.md", under: root)
        try link("sops/config.md", to: "../.git/config", in: root)
        try link("postmortems/env.md", to: "../.env", in: root)
        try link("sops/runbook.md", to: "../notes/runbook.txt", in: root)
        try link("sops/gh", to: "../.github", in: root)
        try link("sops/also.md", to: "restore.md", in: root)
        let why = "and is not read; put the file itself here or remove the link"
        let site = try assertBothReport([
            "sops/config.md:1:1: error: [DB018] symbolic link points at .git/config, a hidden file, " + why,
            "postmortems/env.md:1:1: error: [DB018] symbolic link points at .env, a hidden file, " + why,
            "sops/runbook.md:1:1: error: [DB018] symbolic link points at notes/runbook.txt, which is not a Markdown (.md) file, " + why,
            "sops/gh:1:1: error: [DB018] folder link points at .github, a hidden file, and is not scanned; put the folder itself here or remove the link",
        ], in: root, timeout: 30)
        assertNoGitSecret(site)
        XCTAssertNil(site["sops/config.html"])
        XCTAssertNotNil(site["sops/also.html"], "a link to a document in the SOP folder is still read")
    }

    func test_review_linkedFilesThroughLinksToHiddenOrTemplateFilesAreRefused() throws {
        let root = try repo()
        try writeFile(Data(Self.gitSecret.utf8), to: ".git/config", under: root)
        try writeFile(Data("GIT-TOKEN-5c1e in a template\n".utf8), to: "templates/notes.txt", under: root)
        try writeFile(Data("fine\n".utf8), to: "notes/ok.txt", under: root)
        try link("f/config.txt", to: "../.git/config", in: root)
        try link("f/tpl.txt", to: "../templates/notes.txt", in: root)
        try link("f/ok.txt", to: "../notes/ok.txt", in: root)
        let body = "See [a](../f/config.txt), [b](../f/tpl.txt) and [c](../f/ok.txt)."
        try writeFile(Data(Self.postmortem.replacingOccurrences(of: "Fine.", with: body).replacingOccurrences(of: "INC-1", with: "INC-2").utf8),
                      to: "postmortems/links.md", under: root)
        let warning = "postmortems/links.md:10:1: warning: [DB072] linked file"
        let why = "and is not read; put the file itself here or remove the link"
        let site = try assertBothReport([
            warning + " '../f/config.txt' is not published: symbolic link points at .git/config, a hidden file, " + why,
            warning + " '../f/tpl.txt' is not published: symbolic link points at templates/notes.txt, a file in 'templates/', " + why,
        ], in: root, timeout: 30)
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("files/") }, ["files/f/ok.txt"])
        assertNoGitSecret(site)
    }
}
