import DebriefTestSupport
import Foundation
import XCTest

/// Files that documents link to: `check` and `build` report the ones the site does not
/// publish (DB071, DB072), and the site holds only passive, regular files from inside the repo.
extension RepositoryReadTests {
    private func linkingRepo(config: String = RepositoryReadTests.config) throws -> URL {
        let root = try repo(config: config)
        let body = """
            See [the page](../notes/evil.html), [the picture](../notes/evil.svg), [a feed](../notes/evil.xml),
            [script](../notes/evil.js), [the graph](../notes/graph.png), [the log](../notes/out.log) and [blob](../notes/blob).
            """
        try writeFile(Data(Self.postmortem.replacingOccurrences(of: "Fine.", with: body).replacingOccurrences(of: "INC-1", with: "INC-2").utf8),
                      to: "postmortems/links.md", under: root)
        let script = "<script>alert(document.domain)</script>"
        try writeFile(Data(("<html><body>" + script + "</body></html>").utf8), to: "notes/evil.html", under: root)
        try writeFile(Data(("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>").utf8), to: "notes/evil.svg", under: root)
        try writeFile(Data(("<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>").utf8), to: "notes/evil.xml", under: root)
        try writeFile(Data("alert(1)".utf8), to: "notes/evil.js", under: root)
        try writeFile(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), to: "notes/graph.png", under: root)
        try writeFile(Data("12:00 restarted\n".utf8), to: "notes/out.log", under: root)
        try writeFile(Data("data".utf8), to: "notes/blob", under: root)
        return root
    }

    func test_item2_linkedActiveFilesAreNotPublished() throws {
        let root = try linkingRepo()
        let warning = "postmortems/links.md:10:1: warning: [DB071] linked file"
        let site = try assertBothReport([
            warning + " '../notes/evil.html' is not published: a .html file could run script on the site; link a passive format (PNG, PDF, text) instead, or set 'unsafe_html: true' if every author is trusted",
            warning + " '../notes/evil.svg' is not published: a .svg file could run script on the site; link a passive format (PNG, PDF, text) instead, or set 'unsafe_html: true' if every author is trusted",
            warning + " '../notes/evil.xml' is not published: a .xml file could run script on the site; link a passive format (PNG, PDF, text) instead, or set 'unsafe_html: true' if every author is trusted",
            warning + " '../notes/evil.js' is not published: a .js file could run script on the site; link a passive format (PNG, PDF, text) instead, or set 'unsafe_html: true' if every author is trusted",
            warning + " '../notes/blob' is not published: a file without an extension could run script on the site; link a passive format (PNG, PDF, text) instead, or set 'unsafe_html: true' if every author is trusted",
        ], in: root)
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("files/") }.sorted(), ["files/notes/graph.png", "files/notes/out.log"])
        let page = String(decoding: try XCTUnwrap(site["postmortems/links.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<a href=\"../files/notes/graph.png\">the graph</a>"), page)
        XCTAssertTrue(page.contains("<a href=\"#\">the page</a>"), page)
        XCTAssertFalse(page.contains("evil.html"), page)
        XCTAssertFalse(page.contains("evil.svg"), page)
    }

    func test_item2_unpublishedLinksPointAtTheRepositoryWhenRepoURLIsSet() throws {
        let root = try linkingRepo(config: Self.config + "repo_url: https://github.com/acme/kb/blob/main/\n")
        let site = try SiteTree.files(in: try { () throws -> URL in
            try debrief(["build", "--output", "site"], in: root)
            return root.appendingPathComponent("site")
        }())
        let page = String(decoding: try XCTUnwrap(site["postmortems/links.html"]), as: UTF8.self)
        XCTAssertTrue(page.contains("<a href=\"https://github.com/acme/kb/blob/main/notes/evil.html\">the page</a>"), page)
        XCTAssertNil(site["files/notes/evil.html"])
    }

    func test_item2_unsafeHTMLPublishesEveryType() throws {
        let root = try linkingRepo(config: Self.config + "unsafe_html: true\n")
        let site = try assertBothReport([], in: root)
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("files/") }.sorted(),
                       ["files/notes/blob", "files/notes/evil.html", "files/notes/evil.js", "files/notes/evil.svg", "files/notes/evil.xml",
                        "files/notes/graph.png", "files/notes/out.log"])
    }

    func test_item2_linkedFilesThatAreRefusedAreNotPublished() throws {
        let root = try repo(config: Self.config + "max_linked_file_size: 1 KiB\n")
        let outside = try outsideFolder()
        let body = "See [secret](../notes/secret.txt), [pipe](../notes/pipe.log), [big](../notes/big.csv), [gone](../notes/gone.png) and [hidden](../.env.txt)."
        try writeFile(Data(Self.postmortem.replacingOccurrences(of: "Fine.", with: body).replacingOccurrences(of: "INC-1", with: "INC-2").utf8),
                      to: "postmortems/links.md", under: root)
        try link("notes/secret.txt", to: outside.appendingPathComponent("notes.txt").path, in: root)
        XCTAssertEqual(mkfifo(root.appendingPathComponent("notes/pipe.log").path, 0o644), 0)
        try writeFile(Data(repeating: 0x41, count: 2048), to: "notes/big.csv", under: root)
        try writeFile(Data("x".utf8), to: ".env.txt", under: root)
        let warning = "postmortems/links.md:10:1: warning: [DB072] linked file"
        let site = try assertBothReport([
            warning + " '../notes/secret.txt' is not published: symbolic link leads outside the repository and is not read; put the file itself in the repository",
            warning + " '../notes/pipe.log' is not published: a named pipe (FIFO) is not a regular file and is not read; replace it with a regular file or remove it",
            warning + " '../notes/big.csv' is not published: file is 2 KiB, larger than the 1 KiB limit; make it smaller or raise 'max_linked_file_size' in debrief.yml",
            warning + " '../notes/gone.png' is not published: notes/gone.png does not exist",
            warning + " '../.env.txt' is not published: only files inside the repository, outside hidden folders, 'templates/' and the output folder are; move the file",
        ], in: root, timeout: 30)
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("files/") }, [])
        assertNoSecret(site)
    }
}
