@testable import DebriefKit
import XCTest

final class ConfigTests: XCTestCase {
    private func parse(_ yaml: String) -> (Config, [String]) {
        let (config, diagnostics) = Config.parse(yaml)
        return (config, diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code.rawValue) \($0.fullMessage)" })
    }

    func test_emptyAndCommentOnlyMeanDefaults() {
        for text in ["", "\n", "# nothing yet\n"] {
            let (config, problems) = parse(text)
            XCTAssertEqual(config, Config())
            XCTAssertEqual(problems, [])
        }
    }

    func test_defaults() {
        let config = Config()
        XCTAssertEqual(config.postmortems, "postmortems")
        XCTAssertEqual(config.sops, "sops")
        XCTAssertEqual(config.output, "_site")
        XCTAssertEqual(config.severities, ["SEV1", "SEV2", "SEV3", "SEV4"])
        XCTAssertEqual(config.requiredSections, ["Summary", "Impact", "Timeline", "Root Cause", "Resolution", "Preventive Actions", "Lessons Learned"])
        XCTAssertEqual(config.timezone, "UTC")
        XCTAssertNil(config.baseURL)
        XCTAssertFalse(config.unsafeHTML)
    }

    func test_everyKey() {
        let (config, problems) = parse("""
            title: Acme incidents
            base_url: https://kb.example.com
            repo_url: https://git.example.com/acme/incidents/blob/main/
            postmortems: ./records/pm/
            sops: runbooks
            output: public
            severities: [critical, major, minor]
            required_sections: [Summary, Timeline]
            section_aliases:
              What Happened: Summary
            timezone: Europe/Berlin
            unsafe_html: true
            id_format: PM-{seq:4}
            """)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.title, "Acme incidents")
        XCTAssertEqual(config.baseURL, "https://kb.example.com/", "a trailing slash is added")
        XCTAssertEqual(config.repoURL, "https://git.example.com/acme/incidents/blob/main/")
        XCTAssertEqual(config.postmortems, "records/pm", "./ and the trailing slash are dropped")
        XCTAssertEqual(config.sops, "runbooks")
        XCTAssertEqual(config.output, "public")
        XCTAssertEqual(config.severities, ["critical", "major", "minor"])
        XCTAssertEqual(config.requiredSections, ["Summary", "Timeline"])
        XCTAssertEqual(config.sectionAliases["what happened"], "Summary", "alias keys are lower-cased")
        XCTAssertEqual(config.sectionAliases["action items"], "Preventive Actions", "built-in aliases stay")
        XCTAssertEqual(config.timezone, "Europe/Berlin")
        XCTAssertTrue(config.unsafeHTML)
        XCTAssertEqual(config.idFormat, "PM-{seq:4}")
    }

    func test_offsetTimezone() {
        let (config, problems) = parse("timezone: \"+02:00\"\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.timezone, "+02:00")
    }

    func test_unknownKeyWithAndWithoutSuggestion() {
        XCTAssertEqual(parse("titel: x\nbase_ulr: y\nflavour: z\n").1, [
            "1:1 DB002 unknown key 'titel' in debrief.yml; did you mean 'title'?",
            "2:1 DB002 unknown key 'base_ulr' in debrief.yml; did you mean 'base_url'?",
            "3:1 DB002 unknown key 'flavour' in debrief.yml",
        ])
    }

    func test_wrongTypesKeepTheDefault() {
        let (config, problems) = parse("""
            title: {a: b}
            sops: /abs
            output: a/../../b
            severities: [[SEV1]]
            section_aliases:
              [a]: b
            unsafe_html: "yes"
            """)
        XCTAssertEqual(config.title, Config().title)
        XCTAssertEqual(config.sops, "sops")
        XCTAssertEqual(config.output, "_site")
        XCTAssertEqual(config.severities, Config().severities)
        XCTAssertFalse(config.unsafeHTML)
        XCTAssertEqual(problems, [
            "1:8 DB003 'title' must be a single value, not a mapping",
            "2:7 DB003 'sops' must be a folder inside the repository, not '/abs'",
            "3:9 DB003 'output' must be a folder inside the repository, not 'a/../../b'",
            "4:13 DB003 'severities' must be a list of values",
            "6:3 DB003 each section alias must map a heading to a section name",
            "7:14 DB003 'unsafe_html' must be true or false",
        ])
    }

    func test_siteURLsMustBeWebAddressesOrRootPaths() {
        let (config, problems) = parse("""
            base_url: javascript:alert(1)//
            repo_url: "data:text/html,x"
            """)
        XCTAssertNil(config.baseURL)
        XCTAssertNil(config.repoURL)
        XCTAssertEqual(problems, [
            "1:11 DB003 'base_url' must be an http(s) address or a path starting with '/', not 'javascript:alert(1)//'",
            "2:11 DB003 'repo_url' must be an http(s) address, not 'data:text/html,x'",
        ])
        XCTAssertEqual(parse("base_url: kb/\n").1, ["1:11 DB003 'base_url' must be an http(s) address or a path starting with '/', not 'kb/'"])
        XCTAssertEqual(parse("base_url: //evil.example/\n").1, ["1:11 DB003 'base_url' must be an http(s) address or a path starting with '/', not '//evil.example/'"])
        XCTAssertEqual(parse("base_url: /kb\nrepo_url: HTTP://git.example.com/x\n").0.baseURL, "/kb/")
        XCTAssertEqual(parse("base_url: /kb\nrepo_url: HTTP://git.example.com/x\n").1, [])
    }

    func test_nullValueIsAWrongType() {
        XCTAssertEqual(parse("title:\n").1, ["1:7 DB003 'title' has no value; give one or remove the key"])
    }

    func test_syntaxErrorAndNotAMapping() {
        XCTAssertEqual(parse("title: 'open\n").1, ["2:1 DB001 invalid YAML: found unexpected end of stream (while scanning a quoted scalar)"])
        XCTAssertEqual(parse("just a string\n").1, ["1:1 DB001 debrief.yml must be a mapping of keys to values"])
    }

    func test_canonicalSection() {
        let config = Config()
        XCTAssertEqual(config.canonicalSection("Action Items"), "Preventive Actions")
        XCTAssertEqual(config.canonicalSection(" root causes "), "Root Cause")
        XCTAssertEqual(config.canonicalSection("TIMELINE"), "Timeline")
        XCTAssertEqual(config.canonicalSection("Appendix"), "Appendix")
    }
}
