import Crypto
import Foundation

/// `debrief check --format sarif`: one SARIF 2.1.0 log for GitHub code scanning and other
/// SARIF viewers.
///
/// - `tool.driver.rules` lists every diagnostic code, with its name, summary, default level and
///   a `helpUri` into `docs/diagnostics.md` at the code's anchor.
/// - Each result points at a file relative to `%SRCROOT%` (the repository root). A finding about
///   a whole file (an empty file, a symbolic link) has no region; the others have the line and
///   the column, counted in Unicode scalars (`columnKind: unicodeCodePoints`), as in the text
///   format.
/// - Each result has the fingerprint `debriefFindingHash/v1`: the first 16 bytes of the SHA-256
///   of its code, file and message (notes, line and column left out), in hex, then `:` and the
///   1-based count of results with the same hash before it in file order. Lines inserted or
///   removed above a finding leave it unchanged, so code scanning keeps tracking the finding;
///   editing the message's subject (the field, the action, the link) makes it a new finding.
public enum SARIFLog {
    /// The fingerprint's key in `partialFingerprints`; the version changes with the recipe.
    public static let fingerprintKey = "debriefFindingHash/v1"

    /// The log for `diagnostics` (in output order), linking rules to `documentation`.
    static func encode(_ diagnostics: [Diagnostic], documentation: String = DebriefProject.diagnosticsPage) -> String {
        let codes = DiagnosticCode.allCases
        var ruleIndex: [DiagnosticCode: Int] = [:]
        for (index, code) in codes.enumerated() { ruleIndex[code] = index }
        let rules = codes.map { code in
            Rule(id: code.rawValue, name: code.name, shortDescription: .init(text: code.summary),
                 helpUri: documentation + "#" + code.rawValue.lowercased(),
                 defaultConfiguration: .init(level: level(code.defaultSeverity)))
        }
        let fingerprints = Self.fingerprints(diagnostics)
        let results = zip(diagnostics, fingerprints).map { diagnostic, fingerprint in
            Result(ruleId: diagnostic.code.rawValue, ruleIndex: ruleIndex[diagnostic.code] ?? 0,
                   level: level(diagnostic.severity), message: .init(text: diagnostic.fullMessage),
                   locations: [.init(physicalLocation: physical(diagnostic.location))],
                   relatedLocations: related(diagnostic.notes),
                   partialFingerprints: [fingerprintKey: fingerprint])
        }
        let log = Log(runs: [Run(
            tool: .init(driver: .init(name: "debrief", version: DebriefVersion.string, semanticVersion: DebriefVersion.string,
                                      informationUri: DebriefProject.homepage, rules: rules)),
            originalUriBaseIds: [rootBase: .init(description: .init(text: "The root of the knowledge repository."))],
            columnKind: "unicodeCodePoints",
            results: results
        )])
        return JSON.encode(log) + "\n"
    }

    /// The fingerprint of each of `diagnostics`, in the same order.
    public static func fingerprints(_ diagnostics: [Diagnostic]) -> [String] {
        var seen: [String: Int] = [:]
        return diagnostics.map { diagnostic in
            let subject = [diagnostic.code.rawValue, diagnostic.location.file, diagnostic.message].joined(separator: "\u{0}")
            let digest = SHA256.hash(data: Data(subject.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
            let occurrence = (seen[digest] ?? 0) + 1
            seen[digest] = occurrence
            return "\(digest):\(occurrence)"
        }
    }

    /// A repository path as a relative URI reference: each segment percent-encoded as RFC 3986
    /// asks, so a space or a `#` in a file name stays part of the path.
    public static func uri(_ path: String) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        allowed.insert(charactersIn: "!$&'()*+,;=:@")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
            .joined(separator: "/")
    }
}

// MARK: - Building

private extension SARIFLog {
    static let rootBase = "%SRCROOT%"

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    static func physical(_ location: SourceLocation) -> PhysicalLocation {
        let region = location.isWholeFile ? nil : Region(startLine: location.line, startColumn: location.column)
        return PhysicalLocation(artifactLocation: .init(uri: uri(location.file), uriBaseId: rootBase), region: region)
    }

    /// Notes that point somewhere; the others are in the message already.
    static func related(_ notes: [Diagnostic.Note]) -> [RelatedLocation]? {
        let pointing = notes.compactMap { note in note.location.map { (note.message, $0) } }
        guard !pointing.isEmpty else { return nil }
        return pointing.enumerated().map { index, pair in
            RelatedLocation(id: index, physicalLocation: physical(pair.1), message: .init(text: pair.0))
        }
    }
}

// MARK: - The SARIF 2.1.0 objects debrief writes

private extension SARIFLog {
    struct Log: Encodable {
        var schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var originalUriBaseIds: [String: ArtifactLocation]
        var columnKind: String
        var results: [Result]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var helpUri: String
        var defaultConfiguration: Configuration
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        /// Left out when no note points anywhere.
        var relatedLocations: [RelatedLocation]?
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct RelatedLocation: Encodable {
        var id: Int
        var physicalLocation: PhysicalLocation
        var message: Message
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        /// Left out for a finding about the whole file.
        var region: Region?
    }

    struct ArtifactLocation: Encodable {
        var uri: String?
        var uriBaseId: String?
        var description: Message?

        init(uri: String? = nil, uriBaseId: String? = nil, description: Message? = nil) {
            self.uri = uri
            self.uriBaseId = uriBaseId
            self.description = description
        }
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
