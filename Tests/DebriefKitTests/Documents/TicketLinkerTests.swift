@testable import DebriefKit
import XCTest

/// Item 3: `tickets:` in `debrief.yml` maps ticket ids to addresses, checked at the config's
/// line, matched on whole tokens, never producing anything but an http(s) link.
final class TicketLinkerTests: XCTestCase {
    static let config = #"""
        tickets:
          - pattern: "OPS-(\\d+)"
            url: "https://jira.example.com/browse/OPS-$1"
          - {pattern: "#(\\d+)", url: "https://github.com/acme/app/issues/$1"}
          - {pattern: "b/(\\d+)", url: "https://b.example.com/$1"}
        """#

    func test_item3_configuredPatternsTurnIdsIntoAddresses() {
        let (config, diagnostics) = Config.parse(Self.config)
        XCTAssertEqual(diagnostics.map(\.fullMessage), [])
        XCTAssertEqual(config.tickets.count, 3)
        let linker = TicketLinker(config.tickets)
        XCTAssertEqual(linker.url(for: "OPS-1304"), "https://jira.example.com/browse/OPS-1304")
        XCTAssertEqual(linker.url(for: "#123"), "https://github.com/acme/app/issues/123")
        XCTAssertEqual(linker.url(for: "b/5554823"), "https://b.example.com/5554823")
        // Whole tokens only.
        XCTAssertNil(linker.url(for: "OPS-"))
        XCTAssertNil(linker.url(for: "XOPS-12"))
        XCTAssertNil(linker.url(for: "OPS-12a"))
        XCTAssertNil(linker.url(for: "#12 and more"))
    }

    func test_item3_capturesArePercentEncodedSoTheyCannotChangeTheAddress() {
        let linker = TicketLinker([TicketPattern(pattern: "T:(.+)", url: "https://t.example.com/$1")])
        XCTAssertEqual(linker.url(for: "T:a/../\"x"), "https://t.example.com/a%2F..%2F%22x")
    }

    func test_item3_badEntriesAreErrorsAtTheirLine() {
        let text = #"""
            tickets:
              - {pattern: "OPS-(\\d+", url: "https://jira.example.com/browse/OPS-$1"}
              - {pattern: "X-(\\d+)", url: "javascript:alert($1)"}
              - {pattern: "(a+)+b", url: "https://a.example.com/"}
              - {pattern: "Y-(\\d+)", url: "https://y.example.com/$2"}
              - {pattern: "\\d*", url: "https://z.example.com/$0"}
              - {pattern: "(\\w)\\1", url: "https://w.example.com/$1"}
              - {pattern: "Q-(\\d+)"}
              - {pattern: "R-(\\d+)", url: "https://r.example.com/$1", title: "R"}
              - {pattern: "OK-(\\d+)", url: "https://ok.example.com/$1"}
            """#
        let (config, diagnostics) = Config.parse(text)
        XCTAssertEqual(config.tickets, [TicketPattern(pattern: #"OK-(\d+)"#, url: "https://ok.example.com/$1")])
        XCTAssertEqual(diagnostics.map { "\($0.location.line) \($0.code.rawValue) \($0.fullMessage)" }, [
            #"2 DB003 tickets: 'pattern' is not a regular expression: 'OPS-(\d+'"#,
            "3 DB003 tickets: 'url' must be an http(s) address, not 'javascript:alert($1)'",
            "4 DB003 tickets: 'pattern' repeats a group ('+' after ')'), which can take exponential time; repeat single characters or classes only: '(a+)+b'",
            "5 DB003 tickets: 'url' uses $2, but the pattern has 1 group",
            #"6 DB003 tickets: 'pattern' matches the empty text: '\d*'"#,
            #"7 DB003 tickets: 'pattern' uses a back-reference (\1), which is not supported: '(\w)\1'"#,
            "8 DB003 each entry of 'tickets' needs both 'pattern' and 'url'",
            "9 DB003 unknown key 'title' in a 'tickets' entry; use 'pattern' and 'url'",
        ])
    }

    func test_item3_tooManyPatternsIsAnError() {
        let entries = (1...11).map { "  - {pattern: \"T\($0)-(\\\\d+)\", url: \"https://t.example.com/$1\"}" }
        let (config, diagnostics) = Config.parse("title: x\ntickets:\n" + entries.joined(separator: "\n") + "\n")
        XCTAssertEqual(config.tickets, [])
        XCTAssertEqual(diagnostics.map { "\($0.location.line) \($0.fullMessage)" }, ["3 'tickets' has 11 entries; at most 10 are allowed"])
    }

    func test_item3_bodyTextIsLinkedButNotCodeOrExistingLinks() {
        let linker = TicketLinker(Config.parse(Self.config).0.tickets)
        let html = #"<p>See OPS-12, #7. Not <code>OPS-13</code> nor <a href="https://x.example/">OPS-14</a> nor &#35;8 or OPS-15x.</p>"#
            + "\n<pre><code>OPS-16\n</code></pre>\n<h2 id=\"ops-17\">OPS-17</h2>\n"
        XCTAssertEqual(TicketLinkHTML.link(html, with: linker),
                       #"<p>See <a class="ticket" href="https://jira.example.com/browse/OPS-12">OPS-12</a>, "#
                       + #"<a class="ticket" href="https://github.com/acme/app/issues/7">#7</a>. Not <code>OPS-13</code> nor "#
                       + #"<a href="https://x.example/">OPS-14</a> nor &#35;8 or OPS-15x.</p>"#
                       + "\n<pre><code>OPS-16\n</code></pre>\n"
                       + #"<h2 id="ops-17"><a class="ticket" href="https://jira.example.com/browse/OPS-17">OPS-17</a></h2>"# + "\n")
    }

    func test_item3_aGreaterThanSignInsideAnAttributeIsNotText() {
        let linker = TicketLinker(Config.parse(Self.config).0.tickets)
        let html = #"<p><span title="a>OPS-1">x</span> OPS-2</p>"#
        XCTAssertEqual(TicketLinkHTML.link(html, with: linker),
                       #"<p><span title="a>OPS-1">x</span> <a class="ticket" href="https://jira.example.com/browse/OPS-2">OPS-2</a></p>"#)
    }

    func test_item3_withoutPatternsTheBodyIsUntouched() {
        let html = "<p>OPS-12</p>"
        XCTAssertEqual(TicketLinkHTML.link(html, with: TicketLinker([])), html)
    }
}
