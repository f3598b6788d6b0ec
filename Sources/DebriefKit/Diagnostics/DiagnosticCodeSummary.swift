/// What each diagnostic code is, for the formats that describe their rules (SARIF): a one-line
/// summary and the severity it usually has. `docs/diagnostics.md` lists the same severities in
/// its table (a test keeps the two in step) and explains each code in full.
extension DiagnosticCode {
    /// The case name, as the table of `docs/diagnostics.md` shows it (`brokenLink`).
    public var name: String { String(describing: self) }

    /// The severity the code has in a post-mortem under review; drafts and some cases
    /// lower it (see each code in `docs/diagnostics.md`).
    public var defaultSeverity: Severity {
        switch self {
        case .folderLoop, .unknownField, .duplicateSection, .sectionAtOtherLevel, .timelineOutOfOrder,
             .timelineTimeAmbiguous, .timelineOutsideIncident, .timelineProseNotRead, .actionsListNotRead,
             .actionsTableOutsideSection, .actionFieldNotRead, .linkedFileNotPublished, .linkedFileRefused,
             .templateAssetNotPublished, .trailerNamesNoAction, .syncLeftoverTemporary, .incompleteApproval, .finalWithoutApprovedDay, .recurrence: .warning
        default: .error
        }
    }

    /// One sentence saying what the code reports.
    public var summary: String {
        switch self {
        case .configSyntax: "`debrief.yml` is not valid YAML or not a mapping."
        case .configUnknownKey: "`debrief.yml` has a key debrief does not know."
        case .configInvalidValue: "A `debrief.yml` value has the wrong type or an impossible value."
        case .emptyFile: "The file is empty."
        case .invalidUTF8: "The file is not valid UTF-8."
        case .missingFrontMatter: "A post-mortem has no front matter block."
        case .unterminatedFrontMatter: "A front matter block opens with `---` and never closes."
        case .yamlSyntax: "The front matter is not valid YAML."
        case .frontMatterNotMapping: "The front matter is valid YAML but not a mapping of keys to values."
        case .fileTooLarge: "A file is larger than the size limit (`max_file_size`, `max_linked_file_size`)."
        case .notRegularFile: "A file is not a regular file: a FIFO, device, socket or folder where a file belongs."
        case .symlinkOutsideRoot: "A symbolic link that leads outside the repository, or to nothing."
        case .folderLoop: "A folder link that leads back to a folder already scanned, or a folder tree past the scan's depth or entry limit."
        case .missingField: "A required front matter field is missing or empty."
        case .wrongType: "A field has the wrong type (a list where a string belongs, …)."
        case .unknownField: "A field debrief does not know (a warning, with a suggestion when one is close)."
        case .invalidID: "An id that is not safe as a file name."
        case .duplicateID: "Two post-mortems share an id."
        case .unknownSeverity: "A severity that is not in the configured list."
        case .unknownStatus: "A status that is not draft, review or final."
        case .invalidDate: "A date that is not a real YYYY-MM-DD date."
        case .invalidTimestamp: "A timestamp that is not RFC 3339 with an offset."
        case .timestampsOutOfOrder: "started, detected, mitigated and resolved are not in that order."
        case .invalidTimezone: "A timezone that is neither an IANA name nor an offset."
        case .unknownRelated: "A `related` id that names no post-mortem."
        case .visibilityInvalid: "A `visibility` that is neither `public` nor `internal`."
        case .internalBlockUnclosed: "An `<!-- internal -->` block that is never closed."
        case .internalBlockNested: "An internal block opened inside another."
        case .internalMarkerUnpaired: "A `<!-- /internal -->` that closes no block of its container."
        case .internalMarkerNotAlone: "An internal marker that does not stand on a line of its own."
        case .recurrence: "A post-mortem being written recurs an earlier incident while one of its preventive actions was open."
        case .missingSection: "A required section is missing."
        case .emptySection: "A required section has no content."
        case .duplicateSection: "The same section appears twice."
        case .sectionAtOtherLevel: "A standard section written at another heading level than `section_level`; it is read."
        case .unknownSectionAlias: "A post-mortem's `section_aliases` maps a heading to something that is no section."
        case .approvedNotFinal: "`approved` is set on a post-mortem whose status is not `final`."
        case .approvedBeforeResolved: "`approved` is a day before the day the incident was resolved."
        case .invalidReviewerName: "An item of `reviewers` or `approved_by` that is no name: empty, several lines, or twice."
        case .incompleteApproval: "Half a review record: `approved` without `approved_by`, or `approved_by` without `approved`."
        case .invalidPublishWithin: "A `publish_within` entry in `debrief.yml` that is no deadline or names no severity."
        case .finalWithoutApprovedDay: "A final post-mortem with a publishing deadline but no `approved` day to check it against."
        case .timelineBadTime: "A timeline entry whose time cannot be read."
        case .timelineOutOfOrder: "Timeline entries out of chronological order."
        case .timelineNoEntries: "The Timeline section holds neither a table nor a list of timed entries."
        case .timelineTimeInGap: "A timeline time that does not exist in the zone on that day (skipped by a clock change)."
        case .timelineTimeAmbiguous: "A timeline time that happens twice in the zone on that day (clocks turned back)."
        case .timelineOutsideIncident: "A timeline entry more than a day before `started` or after `resolved`."
        case .timelineAmbiguousZone: "A timeline time whose zone label names more than one zone (`IST`, `CST`)."
        case .timelineProseNotRead: "Something in the Timeline that mentions a time but is not read as an entry."
        case .timelineAmbiguousDate: "A timeline date that reads both as day/month and as month/day (`01/02/2017`)."
        case .timelineTimeReadsTwoWays: "A timeline time that a reader could take two ways (a span or an offset, a year or a clock, the day of a bare time after a lead-up entry); the fix gives both readings."
        case .actionsNoTable: "The Preventive Actions section has no table."
        case .actionsMissingColumn: "The actions table lacks a required column."
        case .actionBadStatus: "An action status debrief does not know."
        case .actionBadDue: "An action due date that is not YYYY-MM-DD."
        case .actionDuplicateID: "Two actions in one post-mortem share an ID."
        case .actionUnknownSOP: "An action's SOP reference that resolves to no SOP."
        case .actionMissingValue: "An action row with an empty required cell."
        case .actionsListNotRead: "A list in the Preventive Actions section beside its tables, which is not read."
        case .actionsTableOutsideSection: "A table with the columns of preventive actions outside the actions section."
        case .actionFieldTwice: "A task list action that gives its owner, due date, status or type twice, differently."
        case .actionFieldNotRead: "A part of a task list action's fields that is none of the fields."
        case .brokenLink: "A link to a repo document that does not exist."
        case .linkedFileNotPublished: "A linked file whose type is not published (HTML, SVG, script, unknown types)."
        case .linkedFileRefused: "A linked file that cannot be published: missing, outside the repository, hidden, too large or not a regular file."
        case .templateSyntax: "A template in the repo's `templates/` folder cannot be parsed (or is not UTF-8)."
        case .templateAssetNotPublished: "A file in the repo's `templates/assets/` whose type could run script on the site (or is not known to be passive) is left out, unless `unsafe_html: true`."
        case .actionClosedByCommit: "A commit's `Closes:` or `Fixes:` trailer names an action that its table still has open."
        case .actionDoneWithoutEvidence: "An action done in its table that no commit names and that has no ticket (`audit --require-evidence`)."
        case .trailerNamesNoAction: "A commit trailer names an action key that no post-mortem has, now or in its history."
        case .syncMissingEnd: "A managed block's begin marker has no end marker."
        case .syncEndBeforeBegin: "An end marker comes before any begin marker."
        case .syncMultipleBlocks: "A file holds more than one managed block."
        case .syncNoPlaceForBlock: "An SOP whose shape leaves no place for a managed block that a later sync would find."
        case .syncLeftoverTemporary: "A temporary file an interrupted sync left beside an SOP or post-mortem."
        case .tableTooLarge: "A table over the limits on columns, cells per row or cells (read as text)."
        }
    }
}
