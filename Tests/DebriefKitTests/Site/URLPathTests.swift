@testable import DebriefKit
import Foundation
import XCTest

/// A page path becomes a link's path: escaped exactly as Foundation's path encoder escapes it,
/// whether or not it takes the byte-level path for paths that need no escape.
final class URLPathTests: XCTestCase {
    func testPathsAreEscapedExactlyAsFoundationEscapesThem() {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#;")
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["postmortems/2026/2026-03-14-payment-timeouts.html", "sops/a b.html", "sops/ünïcode.html", "a;b?c#d.html",
                    "x%20y.html", "tags/c++.html", "services/@team:api.html", "", "😀/x.html"]
        for sample in samples {
            XCTAssertEqual(Format.urlPath(sample), sample.addingPercentEncoding(withAllowedCharacters: allowed) ?? sample, sample)
        }
        XCTAssertEqual(Format.urlPath("a b;c.html"), "a%20b%3Bc.html")
        XCTAssertEqual(Format.urlPath("postmortems/x.html"), "postmortems/x.html")
    }
}
