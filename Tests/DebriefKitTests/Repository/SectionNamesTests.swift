@testable import DebriefKit
import DebriefTestSupport
import Foundation
import XCTest

/// How headings are matched with sections: decoration dropped, the templates' names, and the
/// documentation that lists them.
final class SectionNamesTests: XCTestCase {
    func test_item1_numberingEmphasisAndPunctuationAreDropped() {
        let config = Config()
        let cases: [(String, String)] = [
            ("1. Summary", "Summary"), ("1) Summary", "Summary"), ("1 Summary", "Summary"), ("1: Summary", "Summary"),
            ("1.2 Summary", "Summary"), ("(1) Summary", "Summary"), ("1 - Summary", "Summary"), ("Summary:", "Summary"),
            ("**Summary**", "Summary"), ("**1. Summary:**", "Summary"), ("_Impact_", "Impact"), ("I. Impact", "Impact"),
            ("IV - Root Causes", "Root Cause"), ("iv) Root Causes", "Root Cause"), ("A. Timeline", "Timeline"), ("b) Timeline", "Timeline"),
            ("Timeline (UTC)", "Timeline"), ("Lessons Learned (optional)", "Lessons Learned"), ("Root Cause(s)", "Root Cause"),
            ("ROOT-CAUSE", "Root Cause"), ("Lessons  learned!", "Lessons Learned"), ("How’d we do?", "Lessons Learned"),
            ("## Summary", "Summary"),
        ]
        for (heading, section) in cases {
            XCTAssertEqual(config.canonicalSection(heading), section, heading)
        }
    }

    func test_item1_textThatOnlyLooksNumberedIsLeftAlone() {
        let config = Config()
        // Dates, times, words made of Roman letters and a bare letter before a word are no numbering.
        for heading in ["2022-04-14", "14:32 UTC", "1 February", "5 Whys", "I think", "A timeline of the day", "MILD - Summary",
                        "CD - Impact", "(optional)", "Supporting information (optional)", "Trigger", "Detection"] {
            XCTAssertEqual(config.canonicalSection(heading), heading.trimmingCharacters(in: .whitespaces), heading)
        }
        XCTAssertEqual(SectionNames.keys("5 Whys"), ["5 whys", "whys"], "the whole heading is tried first, so '5 Whys' can be an alias")
        XCTAssertEqual(SectionNames.key("Q&A"), "q and a")
    }

    func test_item2_everyTemplateHeadingMapsWhereTheMeaningIsTheSame() {
        let config = Config()
        let expected: [String: String] = [
            // Google SRE book
            "Summary": "Summary", "Impact": "Impact", "Root Causes": "Root Cause", "Resolution": "Resolution",
            "Action Items": "Preventive Actions", "Lessons Learned": "Lessons Learned", "Timeline": "Timeline",
            // PagerDuty
            "Overview": "Summary", "Root Cause(s)": "Root Cause", "How'd We Do?": "Lessons Learned",
            "Follow-ups": "Preventive Actions",
            // Atlassian
            "Incident summary": "Summary", "Recovery": "Resolution", "Root cause": "Root Cause", "Follow-up tasks": "Preventive Actions",
            // Azure PIR
            "What happened?": "Summary", "What went wrong and why?": "Root Cause", "How did we respond?": "Resolution",
            "How are we making incidents like this less likely or less impactful?": "Preventive Actions",
            // Limoncelli
            "Executive summary": "Summary", "Affected users": "Impact", "Stabilization steps": "Resolution",
            "Future prevention steps": "Preventive Actions",
        ]
        for (heading, section) in expected {
            XCTAssertEqual(config.canonicalSection(heading), section, heading)
        }
        // No counterpart: optional sections under their own names.
        for heading in ["Trigger", "Detection", "Supporting information", "Responders", "Messaging", "Leadup", "Fault", "Response",
                        "Five whys", "How can customers make incidents like this less impactful?", "Outage description", "Start/end dates"] {
            XCTAssertEqual(config.canonicalSection(heading), heading, heading)
        }
    }

    func test_item2_whatHappenedYieldsToAnotherSummary() {
        let config = Config()
        XCTAssertEqual(config.canonicalSections(["What happened?", "Impact"]), ["Summary", "Impact"])
        XCTAssertEqual(config.canonicalSections(["Overview", "What Happened"]), ["Summary", "What Happened"])
        XCTAssertEqual(config.canonicalSections(["What Happened", "1. Summary"]), ["What Happened", "Summary"])
    }

    /// docs/format.md lists every built-in alias with the templates it comes from.
    func test_item2_everyAliasIsDocumentedWithItsTemplates() throws {
        let format = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/format.md"), encoding: .utf8)
        let rows = format.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }
        for alias in SectionNames.builtInAliases {
            let templates = alias.templates.map(\.rawValue).joined(separator: ", ")
            let row = "| \(alias.heading) | \(alias.section) | \(templates) |"
            XCTAssertTrue(rows.contains { $0.hasPrefix(row) }, "docs/format.md has no row '\(row)'")
        }
    }

    func test_item3_sectionLevelIsReadFromConfig() {
        XCTAssertEqual(Config.parse("section_level: any\n").0.sectionLevel, .any)
        XCTAssertEqual(Config.parse("section_level: 3\n").0.sectionLevel, .level(3))
        XCTAssertEqual(Config().sectionLevel, .level(2))
        XCTAssertEqual(Config.parse("section_level: 7\n").1.map(\.code), [.configInvalidValue])
    }

    func test_item3_sectionsAtAnotherLevelKeepTheirOwnBlocks() {
        let (pm, _) = readPostmortem(frontMatter() + """
            # Sonnet outage

            ## Summary

            Search was down.

            ### Impact

            Queries were lost.

            ### Trigger

            A surge.

            ## Timeline

            ### 1 February

            - 09:00 Errors

            ### Resolution

            - 10:00 Fixed
            """)
        XCTAssertEqual(pm.sections.map(\.name), ["Summary", "Impact", "Timeline"])
        XCTAssertEqual(pm.sections.map(\.level), [2, 3, 2])
        XCTAssertEqual(pm.timeline.map(\.event), ["Errors", "Fixed"], "a heading inside the Timeline is one of its parts, never a section")
        XCTAssertEqual(pm.outline.map(\.markdown), ["# Sonnet outage", "## Summary", "### Impact", "### Trigger", "## Timeline",
                                                    "### 1 February", "### Resolution"])
    }

    func test_item3_partsOfATimelineAboveTheSectionLevelStayItsParts() {
        // Word processors export every section as `#`; the days under it are still the timeline's.
        let (pm, _) = readPostmortem(frontMatter() + """
            # Outage

            # Summary

            Down.

            # Timeline

            ## 14 March

            - 09:00 Errors

            ## 15 March

            - 01:00 Fixed
            """)
        XCTAssertEqual(pm.sections.map(\.name), ["Summary", "Timeline"])
        XCTAssertEqual(pm.timeline.compactMap { $0.time?.description }, ["2026-03-14T09:00:00Z", "2026-03-15T01:00:00Z"])
    }

    func test_fix1_onlyADayHeadingStaysInTheTimelineAtItsLevel() {
        let (pm, _) = readPostmortem(frontMatter() + """
            ## Timeline

            - 09:00 Errors

            ## Day 2 (Sunday)

            - 09:30 Fixed

            ## 2026 plans

            - 10:00 Not an entry of the timeline

            ## 16 March

            More notes.
            """)
        XCTAssertEqual(pm.sections.map(\.heading), ["Timeline", "2026 plans", "16 March"])
        XCTAssertEqual(pm.timeline.map(\.event), ["Errors", "Fixed"])
        for day in ["March 15", "2026-03-15", "Sunday, March 15, 2026", "15 March (all times UTC)", "Day 2", "day 12: March 25", "Day 3 (Monday)"] {
            XCTAssertTrue(DocumentBody.namesDay(day), day)
        }
        for heading in ["Day", "Day one", "Days 1-3", "2026 plans", "March 15 09:00 deploy", "Monday", "Root Cause", "15 March: the rollback"] {
            XCTAssertFalse(DocumentBody.namesDay(heading), heading)
        }
    }

    func test_item5_frontMatterAliasesAreKnownFields() {
        XCTAssertTrue(PostmortemReader.knownFields.contains("section_aliases"))
        let (pm, diagnostics) = readPostmortem(frontMatter("section_aliases:\n  Background: root cause\n") + "## Background\n\nA disk filled up.\n")
        XCTAssertEqual(diagnostics.map(\.code), [])
        XCTAssertEqual(pm.sections.map(\.name), ["Root Cause"])
        XCTAssertEqual(pm.sections.map(\.heading), ["Background"], "the heading stays as written")
    }

    /// The byte path for ASCII headings gives what the `Character` path gives, for every
    /// printable character and control byte, alone and in random headings.
    func test_asciiWordsEqualTheUnicodePath() {
        for byte in UInt8(0)..<0x80 {
            let text = "a" + String(UnicodeScalar(byte)) + "B 9"
            XCTAssertEqual(SectionNames.asciiWords(Substring(text).utf8), SectionNames.unicodeWords(Substring(text)), "byte \(byte)")
        }
        var generator = SplitMix64(seed: 0x5EC7_10A5)
        let alphabet = Array("aZ9 &'-_.()\t\r\n*#`~:/".utf8) + Array(UInt8(0x20)..<0x7F)
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 24)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let text = String(decoding: bytes, as: UTF8.self)
            XCTAssertEqual(SectionNames.asciiWords(Substring(text).utf8), SectionNames.unicodeWords(Substring(text)), text.debugDescription)
        }
        XCTAssertEqual(SectionNames.key("**1. Root Cause & Trigger's** (UTC)"), "1 root cause and triggers")
    }
}
