import Foundation
import Yams

/// The settings of a knowledge repo, read from `debrief.yml` at its root. Every key is
/// optional; `docs/format.md` lists them with their defaults.
public struct Config: Sendable, Equatable {
    /// The site's title.
    public var title = "Knowledge Base"
    /// Prefix for absolute links (`https://kb.example.com/` or `/kb/`), or nil for relative links.
    public var baseURL: String?
    /// Where source files are browsed, e.g. `https://github.com/acme/incidents/blob/main/`.
    public var repoURL: String?
    /// The post-mortem folder, relative to the root.
    public var postmortems = "postmortems"
    /// The SOP folder, relative to the root.
    public var sops = "sops"
    /// Where `build` writes the site, relative to the root.
    public var output = "_site"
    /// Severities, most severe first.
    public var severities = ["SEV1", "SEV2", "SEV3", "SEV4"]
    /// Sections every post-mortem must have, in their canonical names.
    public var requiredSections = SectionNames.standard {
        didSet { sectionIndex = Self.sectionIndex(requiredSections) }
    }
    /// Section key → canonical name, for the required and standard sections (required first).
    private var sectionIndex = Config.sectionIndex(SectionNames.standard)
    /// Heading key (`SectionNames.key`) → canonical section name: the built-in aliases with
    /// `section_aliases` over them.
    public var sectionAliases: [String: String] = Config.defaultSectionAliases
    /// The heading level of sections, or any level (`section_level`).
    public var sectionLevel: SectionLevel = .level(2)
    /// The default timezone for timeline times.
    public var timezone = "UTC"
    /// Let raw HTML and dangerous URLs in Markdown through to the site.
    public var unsafeHTML = false
    /// The pattern of new post-mortem ids: `{year}`, `{seq}`, `{seq:N}` (zero-padded).
    public var idFormat = "INC-{year}-{seq:3}"
    /// The largest post-mortem, SOP or template debrief reads, in bytes.
    public var maxFileSize = RepositoryFiles.defaultMaxFileSize
    /// The largest linked file `build` copies to the site, in bytes.
    public var maxLinkedFileSize = RepositoryFiles.defaultMaxLinkedFileSize
    /// Front matter keys the repository declares beyond the built-in ones, in declared order.
    public var fields: [CustomField] = []
    /// The baseline of `audit --fail-on-overdue`: an action due before this day that is
    /// overdue is listed as "before baseline" and does not fail the gate (`docs/cli.md`).
    public var gateSince: CalendarDate?
    /// Ticket ids to addresses (`OPS-(\\d+)` → `https://jira.example.com/browse/OPS-$1`), in
    /// order; the first that matches wins.
    public var tickets: [TicketPattern] = []
    /// How long a post-mortem of each severity may take from `resolved` to `final`
    /// (`publish_within`); a severity not here has no deadline.
    public var publishWithin: [String: PublishWindow] = [:]
    /// Sections (canonical names) every post-mortem keeps off the public site (`internal_sections`).
    public var internalSections: [String] = []
    /// What `build --public` shows besides the public text (`public:`).
    public var publicOptions = PublicOptions()
    /// The similarity from which a later incident counts as a recurrence of an earlier one
    /// (`recurrence_threshold`, `docs/recurrence.md`).
    public var recurrenceThreshold = RecurrenceSettings.defaultThreshold

    /// Creates the default configuration.
    public init() {}

    /// Where `build --public` writes the site by default: `output` with `-public` added.
    public var publicOutput: String { output + "-public" }

    /// Aliases known without any configuration (`SectionNames.builtInAliases`), by heading key.
    public static let defaultSectionAliases: [String: String] = SectionNames.builtInAliasMap

    /// Every key `debrief.yml` accepts.
    public static let knownKeys = ["title", "base_url", "repo_url", "postmortems", "sops", "output", "severities",
                                   "required_sections", "section_aliases", "section_level", "timezone", "unsafe_html", "id_format",
                                   "max_file_size", "max_linked_file_size", "fields", "gate_since", "tickets", "publish_within",
                                   "internal_sections", "public", "recurrence_threshold"]

    /// Why `url` cannot prefix the site's links (the end of a sentence that starts with the
    /// setting's name), or nil when it can: an http(s) address or a path from the host's root.
    public static func baseURLProblem(_ url: String) -> String? {
        if isWebAddress(url) || (url.hasPrefix("/") && !url.hasPrefix("//")) { return nil }
        return "must be an http(s) address or a path starting with '/', not '\(url)'"
    }

    /// Whether `url` starts with `http://` or `https://` (any case) followed by a host.
    static func isWebAddress(_ url: String) -> Bool {
        let lower = url.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            return lower.count > scheme.count && !lower.dropFirst(scheme.count).hasPrefix("/")
        }
        return false
    }

    /// A size as `debrief.yml` writes it, in bytes: a whole number of bytes (`1048576`) or one
    /// with a binary unit (`512 KiB`, `8 MiB`, `1 GiB`); nil when it is neither.
    public static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmed
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 12, let number = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmed.lowercased()
        let scale: Int
        switch unit {
        case "", "b", "bytes": scale = 1
        case "kib": scale = 1 << 10
        case "mib": scale = 1 << 20
        case "gib": scale = 1 << 30
        default: return nil
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }

    /// The canonical section name of one heading, or the heading itself (trimmed) when it names
    /// no section. This is the one mapping of headings to sections: a heading is compared by its
    /// `SectionNames.keys` (numbering, emphasis, punctuation and a trailing remark in
    /// parentheses dropped, case ignored) with `sectionAliases`, `requiredSections` and
    /// `SectionNames.standard`, in that order. An alias that counts only when the section is not
    /// otherwise taken (`What happened?`) is applied here as if it were not; map a document's
    /// headings together with `canonicalSections(_:)` to honour it.
    public func canonicalSection(_ heading: String) -> String {
        sectionMatch(heading)?.name ?? heading.trimmed
    }

    /// The canonical names of a document's headings, taken together: as `canonicalSection(_:)`,
    /// except that an alias marked in `SectionNames.builtInAliases` as counting only when the
    /// section is not taken leaves its heading as written when another heading names that section.
    /// It does not know the headings' levels; `DocumentBody.sections(using:)` does, and lets only
    /// a heading that becomes a section take the name.
    public func canonicalSections(_ headings: [String]) -> [String] {
        let matches = headings.map(sectionMatch)
        let taken = Set(matches.compactMap { match in match.flatMap { $0.weak ? nil : $0.name } })
        return zip(headings, matches).map { heading, match in
            guard let match, !(match.weak && taken.contains(match.name)) else { return heading.trimmed }
            return match.name
        }
    }

    /// The canonical section `name` stands for (a required or standard section, compared as a
    /// heading is), or nil: what an alias may point at.
    public func knownSection(_ name: String) -> String? {
        for key in SectionNames.keys(name) {
            if let found = sectionIndex[key] { return found }
        }
        return nil
    }

    private static func sectionIndex(_ required: [String]) -> [String: String] {
        var index: [String: String] = [:]
        for name in required + SectionNames.standard {
            let key = SectionNames.key(name)
            if !key.isEmpty, index[key] == nil { index[key] = name }
        }
        return index
    }

    /// Every name an alias may point at, for "did you mean".
    var knownSectionNames: [String] {
        requiredSections + SectionNames.standard.filter { name in !requiredSections.contains { SectionNames.key($0) == SectionNames.key(name) } }
    }

    /// The section one heading names and whether by a weak alias (`SectionNames.Alias.unlessTaken`),
    /// which `DocumentBody.sections(using:)` gives way to another heading that becomes that section.
    func sectionMatch(_ heading: String) -> (name: String, weak: Bool)? {
        for key in SectionNames.keys(heading) {
            if let alias = sectionAliases[key] {
                return (alias, SectionNames.unlessTakenAliases[key] == alias)
            }
            if let found = sectionIndex[key] { return (found, false) }
        }
        return nil
    }
}

/// The heading level sections are written at (`section_level` in `debrief.yml`).
public enum SectionLevel: Sendable, Equatable {
    /// Sections are headings of this level (1–6); a standard section at another level is still
    /// read, with a warning (DB043).
    case level(Int)
    /// Sections are level-2 headings, and a standard section at another level is read silently.
    case any

    /// As `debrief.yml` writes it: `2`, `any`.
    public var yamlValue: String {
        switch self {
        case .level(let level): return String(level)
        case .any: return "any"
        }
    }

    /// The level whose every heading is a section.
    public var sectionHeadingLevel: Int {
        switch self {
        case .level(let level): return level
        case .any: return 2
        }
    }
}

// MARK: - Tickets

extension Config {
    /// The `tickets:` list: mappings of `pattern` and `url`, each checked by
    /// `TicketPattern.problem`; a bad entry is reported at its line and left out.
    static func tickets(_ value: Node, locator: YAMLLocator, at: SourceLocation, into bag: inout DiagnosticBag) -> [TicketPattern] {
        guard case .sequence(let sequence) = value else {
            bag.error(.configInvalidValue, at: at, "'tickets' must be a list of {pattern, url} entries")
            return []
        }
        if sequence.count > TicketPattern.maxCount {
            bag.error(.configInvalidValue, at: at, "'tickets' has \(sequence.count) entries; at most \(TicketPattern.maxCount) are allowed")
            return []
        }
        var patterns: [TicketPattern] = []
        for item in sequence {
            let itemAt = locator.location(of: item)
            guard case .mapping(let mapping) = item else {
                bag.error(.configInvalidValue, at: itemAt, "each entry of 'tickets' must be a mapping with 'pattern' and 'url'")
                continue
            }
            var pattern: String?, url: String?
            var bad = false
            for (key, field) in mapping {
                let name = key.scalarText ?? ""
                guard name == "pattern" || name == "url" else {
                    bag.error(.configInvalidValue, at: locator.location(of: key), "unknown key '\(name)' in a 'tickets' entry; use 'pattern' and 'url'")
                    bad = true
                    continue
                }
                guard let text = field.scalarText, !field.isNull else {
                    bag.error(.configInvalidValue, at: locator.location(of: field), "'\(name)' of a 'tickets' entry must be a single value")
                    bad = true
                    continue
                }
                if name == "pattern" { pattern = text } else { url = text }
            }
            if bad { continue }
            guard let pattern, let url else {
                bag.error(.configInvalidValue, at: itemAt, "each entry of 'tickets' needs both 'pattern' and 'url'")
                continue
            }
            let entry = TicketPattern(pattern: pattern, url: url)
            if let problem = entry.problem() {
                bag.error(.configInvalidValue, at: itemAt, "tickets: \(problem)")
                continue
            }
            patterns.append(entry)
        }
        return patterns
    }
}

// MARK: - Folders

extension Config {
    /// Whether `inner` is `outer` or lies inside it (both relative to the root).
    static func folder(_ inner: String, isWithin outer: String) -> Bool {
        inner == outer || inner.hasPrefix(outer + "/")
    }

    /// Folders that share files: post-mortems and SOPs must be apart (a file cannot be both),
    /// and the output folder must hold neither and lie in neither (a build would read its own
    /// pages back as documents). Each problem is reported at the later key of the pair.
    func overlappingFolders() -> [(key: String, message: String)] {
        var problems: [(key: String, message: String)] = []
        if Self.folder(postmortems, isWithin: sops) || Self.folder(sops, isWithin: postmortems) {
            problems.append(("sops", "'postmortems' (\(postmortems)) and 'sops' (\(sops)) must be separate folders, neither inside the other"))
        }
        for (key, folder) in [("postmortems", postmortems), ("sops", sops)]
        where Self.folder(output, isWithin: folder) || Self.folder(folder, isWithin: output) {
            problems.append(("output", "'output' (\(output)) and '\(key)' (\(folder)) must be separate folders, neither inside the other"))
        }
        return problems
    }
}

// MARK: - Loading

extension Config {
    /// The file name of the configuration at a repo's root.
    public static let fileName = "debrief.yml"

    /// Reads a configuration from YAML text. Problems come back as diagnostics; the values that
    /// could be read are kept, the rest stay at their defaults.
    public static func parse(_ text: String, file: String = Config.fileName) -> (Config, [Diagnostic]) {
        let (config, diagnostics, _) = parseLocatingFolders(text, file: file)
        return (config, diagnostics)
    }

    /// `parse`, with where each folder key's value is (`output` at 3:9), for the diagnostics
    /// that need the file system to find (`RepositoryLoader.loadConfig`).
    static func parseLocatingFolders(_ text: String, file: String = Config.fileName) -> (Config, [Diagnostic], [String: SourceLocation]) {
        var config = Config()
        var bag = DiagnosticBag()
        let mapping: Node.Mapping
        let locator: YAMLLocator
        switch YAMLReader.read(text, file: file, firstLine: 1, code: .configSyntax) {
        case .empty: return (config, [], [:])
        case .failed(let diagnostic): return (config, [diagnostic], [:])
        case .notMapping(let location):
            bag.error(.configSyntax, at: location, "debrief.yml must be a mapping of keys to values")
            return (config, bag.all, [:])
        case .mapping(let m, let l):
            mapping = m
            locator = l
        }
        var folderLocations: [String: SourceLocation] = [:]
        // Aliases are read last: whether a target is known depends on `required_sections`.
        var pendingAliases: (Node.Mapping, YAMLLocator, position: Int)?
        // So is `publish_within`: its keys must be among `severities`, wherever that key is.
        var pendingPublishWithin: (Node, SourceLocation, position: Int)?
        // So are internal sections, for the same reason.
        var pendingInternal: (Node.Sequence, position: Int)?
        for (keyNode, value) in mapping {
            let key = keyNode.scalarText ?? ""
            let at = locator.location(of: value)
            let keyAt = locator.location(of: keyNode)
            func string() -> String? {
                if let text = value.scalarText, !value.isNull { return text }
                if value.isNull {
                    bag.error(.configInvalidValue, at: at, "'\(key)' has no value; give one or remove the key")
                } else {
                    bag.error(.configInvalidValue, at: at, "'\(key)' must be a single value, not \(value.kindName)")
                }
                return nil
            }
            func strings() -> [String]? {
                guard case .sequence(let sequence) = value, sequence.allSatisfy({ $0.scalarText != nil }) else {
                    bag.error(.configInvalidValue, at: at, "'\(key)' must be a list of values")
                    return nil
                }
                let items = sequence.compactMap(\.scalarText)
                if items.isEmpty {
                    bag.error(.configInvalidValue, at: at, "'\(key)' must not be empty")
                    return nil
                }
                return items
            }
            func folder() -> String? {
                guard let path = string() else { return nil }
                let parts = path.split(separator: "/", omittingEmptySubsequences: true)
                if path.hasPrefix("/") || parts.isEmpty || parts.contains("..") {
                    bag.error(.configInvalidValue, at: at, "'\(key)' must be a folder inside the repository, not '\(path)'")
                    return nil
                }
                let folder = parts.filter { $0 != "." }.joined(separator: "/")
                if folder.isEmpty {
                    // The root holds the other folders (and debrief.yml), so it cannot be one of them.
                    bag.error(.configInvalidValue, at: at, "'\(key)' must be a folder inside the repository, not the repository root")
                    return nil
                }
                folderLocations[key] = at
                return folder
            }
            switch key {
            case "title": config.title = string() ?? config.title
            case "base_url":
                if let url = string() {
                    if let problem = Self.baseURLProblem(url) {
                        bag.error(.configInvalidValue, at: at, "'base_url' \(problem)")
                    } else {
                        config.baseURL = url.hasSuffix("/") ? url : url + "/"
                    }
                }
            case "repo_url":
                if let url = string() {
                    if Self.isWebAddress(url) {
                        config.repoURL = url.hasSuffix("/") ? url : url + "/"
                    } else {
                        bag.error(.configInvalidValue, at: at, "'repo_url' must be an http(s) address, not '\(url)'")
                    }
                }
            case "postmortems": config.postmortems = folder() ?? config.postmortems
            case "sops": config.sops = folder() ?? config.sops
            case "output": config.output = folder() ?? config.output
            case "severities": config.severities = strings() ?? config.severities
            case "required_sections": config.requiredSections = strings() ?? config.requiredSections
            case "timezone":
                if let zone = string() {
                    if TimeZoneSpec(zone) == nil {
                        bag.error(.configInvalidValue, at: at, "'\(zone)' is not an IANA timezone (Europe/Berlin) or an offset (+02:00)")
                    } else {
                        config.timezone = zone
                    }
                }
            case "unsafe_html":
                if let flag = value.bool, value.scalarText != nil {
                    config.unsafeHTML = flag
                } else {
                    bag.error(.configInvalidValue, at: at, "'unsafe_html' must be true or false")
                }
            case "id_format":
                if let format = string() {
                    if format.contains("{seq") {
                        config.idFormat = format
                    } else {
                        bag.error(.configInvalidValue, at: at, "'id_format' must contain {seq} or {seq:N}")
                    }
                }
            case "max_file_size", "max_linked_file_size":
                if let text = string() {
                    guard let size = Self.parseSize(text), size >= 1024, size <= RepositoryFiles.largestLimit else {
                        bag.error(.configInvalidValue, at: at, "'\(key)' must be a size from 1 KiB to 1 GiB, in bytes or with KiB, MiB or GiB (8 MiB), not '\(text)'")
                        continue
                    }
                    if key == "max_file_size" { config.maxFileSize = size } else { config.maxLinkedFileSize = size }
                }
            case "fields": config.fields = CustomField.parse(value, locator: locator, into: &bag)
            case "gate_since":
                if let text = string() {
                    if let day = CalendarDate(text) {
                        config.gateSince = day
                    } else {
                        bag.error(.configInvalidValue, at: at, "'gate_since' must be a date written YYYY-MM-DD, not '\(text)'")
                    }
                }
            case "recurrence_threshold":
                if let text = string() {
                    if let number = Double(text.trimmed), number > 0, number <= 1 {
                        config.recurrenceThreshold = number
                    } else {
                        bag.error(.configInvalidValue, at: at, "'recurrence_threshold' must be a number above 0 and at most 1 (a similarity score), not '\(text)'")
                    }
                }
            case "tickets":
                config.tickets = Self.tickets(value, locator: locator, at: at, into: &bag)
            case "publish_within":
                pendingPublishWithin = (value, at, bag.all.count)
            case "public":
                config.publicOptions = PublicOptions.parse(value, locator: locator, at: at, into: &bag)
            case "internal_sections":
                guard case .sequence(let names) = value, names.allSatisfy({ $0.scalarText != nil && !$0.isNull }) else {
                    bag.error(.configInvalidValue, at: at, "'internal_sections' must be a list of section names")
                    continue
                }
                pendingInternal = (names, bag.all.count)
            case "section_aliases":
                guard case .mapping(let aliases) = value else {
                    bag.error(.configInvalidValue, at: at, "'section_aliases' must map headings to section names")
                    continue
                }
                pendingAliases = (aliases, locator, bag.all.count)
            case "section_level":
                if let text = string() {
                    if let level = SectionLevel(text) {
                        config.sectionLevel = level
                    } else {
                        bag.error(.configInvalidValue, at: at, "'section_level' must be a heading level from 1 to 6 or 'any', not '\(text)'")
                    }
                }
            default:
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: key, in: knownKeys) { notes.append(.init("did you mean '\(close)'?")) }
                bag.error(.configUnknownKey, at: keyAt, "unknown key '\(key)' in debrief.yml", notes: notes)
            }
        }
        // Each is reported where its key is, among the others, as if read in place.
        var pending: [(position: Int, read: (inout DiagnosticBag) -> Void)] = []
        if let (aliases, locator, position) = pendingAliases {
            pending.append((position, { config.readSectionAliases(aliases, locator: locator, into: &$0, wrongType: .configInvalidValue, unknownTarget: .configInvalidValue) }))
        }
        if let (value, at, position) = pendingPublishWithin {
            let severities = config.severities
            pending.append((position, { config.publishWithin = Self.publishWithin(value, locator: locator, at: at, severities: severities, into: &$0) }))
        }
        if let (names, position) = pendingInternal {
            pending.append((position, { config.readInternalSections(names, locator: locator, into: &$0) }))
        }
        // Read in the order above (internal sections may name an alias's target), then placed
        // from the last position back, so that an earlier position still holds.
        var late: [(position: Int, found: [Diagnostic])] = []
        for (position, read) in pending {
            var found = DiagnosticBag()
            read(&found)
            late.append((position, found.all))
        }
        var all = bag.all
        for (position, found) in late.sorted(by: { $0.position > $1.position }) {
            all.insert(contentsOf: found, at: min(position, all.count))
        }
        bag = DiagnosticBag()
        bag.add(contentsOf: all)
        for problem in config.overlappingFolders() {
            let at = folderLocations[problem.key] ?? SourceLocation(file: file)
            bag.error(.configInvalidValue, at: at, problem.message)
        }
        if Set(config.severities).count != config.severities.count {
            bag.error(.configInvalidValue, at: SourceLocation(file: file), "'severities' lists a severity twice")
        }
        return (config, bag.all, folderLocations)
    }

    /// Reads `internal_sections`: each name must be a known section.
    mutating func readInternalSections(_ names: Node.Sequence, locator: YAMLLocator, into bag: inout DiagnosticBag) {
        for name in names {
            let text = name.scalarText ?? ""
            guard let section = knownSection(text) else {
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: text, in: knownSectionNames) { notes.append(.init("did you mean '\(close)'?")) }
                bag.error(.configInvalidValue, at: locator.location(of: name),
                          "'internal_sections' names '\(text)', which is no section; name one of \(knownSectionNames.map { "'\($0)'" }.joined(separator: ", "))",
                          notes: notes)
                continue
            }
            internalSections.append(section)
        }
    }
}

// MARK: - Section aliases

extension SectionLevel {
    /// `2`, `"3"` or `any`; nil for anything else.
    init?(_ text: String) {
        let trimmed = text.trimmed.lowercased()
        if trimmed == "any" {
            self = .any
        } else if let level = Int(trimmed), (1...6).contains(level) {
            self = .level(level)
        } else {
            return nil
        }
    }
}

extension Config {
    /// Adds `aliases` (heading → section) to `sectionAliases`, each target checked: a mapping
    /// that is not of single values is `wrongType` at the entry, a target that is no required or
    /// standard section is `unknownTarget` at the target, with a "did you mean".
    mutating func readSectionAliases(_ aliases: Node.Mapping, locator: YAMLLocator, into bag: inout DiagnosticBag,
                                     wrongType: DiagnosticCode, unknownTarget: DiagnosticCode) {
        for (alias, target) in aliases {
            guard let from = alias.scalarText, !alias.isNull, let to = target.scalarText, !target.isNull else {
                bag.error(wrongType, at: locator.location(of: alias), "each section alias must map a heading to a section name")
                continue
            }
            guard let section = knownSection(to) else {
                var notes: [Diagnostic.Note] = []
                if let close = Suggestion.closest(to: to, in: knownSectionNames) { notes.append(.init("did you mean '\(close)'?")) }
                bag.error(unknownTarget, at: locator.location(of: target),
                          "section alias '\(from)' names '\(to)', which is no section; name one of \(knownSectionNames.map { "'\($0)'" }.joined(separator: ", "))",
                          notes: notes)
                continue
            }
            let key = SectionNames.key(from)
            guard !key.isEmpty else {
                bag.error(wrongType, at: locator.location(of: alias), "section alias '\(from)' has no words to match a heading by")
                continue
            }
            sectionAliases[key] = section
        }
    }
}
