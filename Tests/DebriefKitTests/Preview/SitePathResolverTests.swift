@testable import DebriefKit
import DebriefTestSupport
import XCTest

final class SitePathResolverTests: XCTestCase {
    func testRequestPathsMapToSiteFiles() {
        XCTAssertEqual(SitePathResolver.sitePath(forRequestPath: "/"), "index.html")
        XCTAssertEqual(SitePathResolver.sitePath(forRequestPath: "/postmortems/a.html"), "postmortems/a.html")
        XCTAssertEqual(SitePathResolver.sitePath(forRequestPath: "/sops/db/"), "sops/db/index.html")
        XCTAssertEqual(SitePathResolver.sitePath(forRequestPath: "/a%20b.html?q=1#x"), "a b.html")
        XCTAssertEqual(SitePathResolver.sitePath(forRequestPath: "/./search.html"), "search.html")
    }

    func testEscapesAreRefused() {
        for path in ["/../Package.swift", "/%2e%2e/Package.swift", "/%2E%2E%2Fetc/passwd", "/a/../../b", "/..%2f..%2fetc/passwd",
                     "/a\\..\\b", "/%00.html", "/.git/config", "/%2egit/config", "relative.html", "/%zz"] {
            XCTAssertNil(SitePathResolver.sitePath(forRequestPath: path), path)
        }
    }

    func testDoubleSlashStaysInsideTheSite() {
        XCTAssertEqual(SitePathResolver.sitePath(forRequestPath: "//etc/passwd"), "etc/passwd")
    }

    func testFilesResolveOnlyInsideTheSiteAndSymlinksOutAreRefused() throws {
        let folder = try FixtureRepo.temporaryDirectory(testCase: self)
        let site = folder.appendingPathComponent("site")
        try writeFile(utf8: "<p>in</p>", to: "site/index.html", under: folder)
        try writeFile(utf8: "<p>page</p>", to: "site/sops/index.html", under: folder)
        try writeFile(utf8: "secret", to: "secret.txt", under: folder)
        try FileManager.default.createSymbolicLink(atPath: site.path + "/leak.txt", withDestinationPath: folder.path + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: site.path + "/up", withDestinationPath: folder.path)
        try FileManager.default.createSymbolicLink(atPath: site.path + "/alias.html", withDestinationPath: site.path + "/index.html")
        let resolver = try XCTUnwrap(SitePathResolver(siteRoot: site.path))
        XCTAssertEqual(resolver.file(forRequestPath: "/"), resolver.realRoot + "/index.html")
        XCTAssertEqual(resolver.file(forRequestPath: "/sops"), resolver.realRoot + "/sops/index.html")
        XCTAssertEqual(resolver.file(forRequestPath: "/alias.html"), resolver.realRoot + "/index.html")
        XCTAssertNil(resolver.file(forRequestPath: "/leak.txt"))
        XCTAssertNil(resolver.file(forRequestPath: "/up/secret.txt"))
        XCTAssertNil(resolver.file(forRequestPath: "/missing.html"))
        XCTAssertNil(resolver.file(forRequestPath: "/%2e%2e/secret.txt"))
    }
}
