/// Every diagnostic debrief can report. The raw value is the stable code printed in output
/// and listed, with an example and the fix, in `docs/diagnostics.md`.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable, Hashable {
    // MARK: - Configuration (debrief.yml)
    /// `debrief.yml` is not valid YAML or not a mapping.
    case configSyntax = "DB001"
    /// `debrief.yml` has a key debrief does not know.
    case configUnknownKey = "DB002"
    /// A `debrief.yml` value has the wrong type or an impossible value.
    case configInvalidValue = "DB003"

    // MARK: - Files and front matter
    /// The file is empty.
    case emptyFile = "DB010"
    /// The file is not valid UTF-8.
    case invalidUTF8 = "DB011"
    /// A post-mortem has no front matter block.
    case missingFrontMatter = "DB012"
    /// A front matter block opens with `---` and never closes.
    case unterminatedFrontMatter = "DB013"
    /// The front matter is not valid YAML.
    case yamlSyntax = "DB014"
    /// The front matter is valid YAML but not a mapping of keys to values.
    case frontMatterNotMapping = "DB015"
    /// A file is larger than the size limit (`max_file_size`, `max_linked_file_size`).
    case fileTooLarge = "DB016"
    /// A file is not a regular file: a FIFO, device, socket or folder where a file belongs.
    case notRegularFile = "DB017"
    /// A symbolic link that leads outside the repository, or to nothing.
    case symlinkOutsideRoot = "DB018"
    /// A folder link that leads back to a folder already scanned, or a folder tree past the
    /// scan's depth or entry limit.
    case folderLoop = "DB019"

    // MARK: - Post-mortem fields
    /// A required front matter field is missing or empty.
    case missingField = "DB020"
    /// A field has the wrong type (a list where a string belongs, …).
    case wrongType = "DB021"
    /// A field debrief does not know (a warning, with a suggestion when one is close).
    case unknownField = "DB022"
    /// An id that is not safe as a file name.
    case invalidID = "DB023"
    /// Two post-mortems share an id.
    case duplicateID = "DB024"
    /// A severity that is not in the configured list.
    case unknownSeverity = "DB025"
    /// A status that is not draft, review or final.
    case unknownStatus = "DB026"
    /// A date that is not a real YYYY-MM-DD date.
    case invalidDate = "DB027"
    /// A timestamp that is not RFC 3339 with an offset.
    case invalidTimestamp = "DB028"
    /// started, detected, mitigated and resolved are not in that order.
    case timestampsOutOfOrder = "DB029"
    /// A timezone that is neither an IANA name nor an offset.
    case invalidTimezone = "DB030"
    /// A `related` id that names no post-mortem.
    case unknownRelated = "DB031"
    /// A post-mortem in draft or review whose incident recurs an earlier one while one of its
    /// preventive actions was open.
    case recurrence = "DB032"

    // MARK: - Public and internal parts
    /// A `visibility` that is neither `public` nor `internal`.
    case visibilityInvalid = "DB035"
    /// An `<!-- internal -->` block that is never closed.
    case internalBlockUnclosed = "DB036"
    /// An internal block opened inside another.
    case internalBlockNested = "DB037"
    /// A `<!-- /internal -->` that closes no block of its container.
    case internalMarkerUnpaired = "DB038"
    /// An internal marker that does not stand on a line of its own.
    case internalMarkerNotAlone = "DB039"

    // MARK: - Sections
    /// A required section is missing.
    case missingSection = "DB040"
    /// A required section has no content.
    case emptySection = "DB041"
    /// The same section appears twice.
    case duplicateSection = "DB042"
    /// A standard section written at another heading level than `section_level`; it is read.
    case sectionAtOtherLevel = "DB043"
    /// A post-mortem's `section_aliases` maps a heading to something that is no section.
    case unknownSectionAlias = "DB044"

    // MARK: - Review record and publishing deadline
    /// `approved` is set on a post-mortem whose status is not `final`.
    case approvedNotFinal = "DB045"
    /// `approved` is a day before the day the incident was resolved.
    case approvedBeforeResolved = "DB046"
    /// An item of `reviewers` or `approved_by` that is no name: empty, several lines, or twice.
    case invalidReviewerName = "DB047"
    /// Half a review record: `approved` without `approved_by`, or `approved_by` without `approved`.
    case incompleteApproval = "DB048"
    /// A `publish_within` entry in `debrief.yml` that is no deadline or names no severity.
    case invalidPublishWithin = "DB049"
    /// A final post-mortem with a publishing deadline but no `approved` day to check it against.
    case finalWithoutApprovedDay = "DB069"

    // MARK: - Timeline
    /// A timeline entry whose time cannot be read.
    case timelineBadTime = "DB050"
    /// Timeline entries out of chronological order.
    case timelineOutOfOrder = "DB051"
    /// The Timeline section holds neither a table nor a list of timed entries.
    case timelineNoEntries = "DB052"
    /// A timeline time that does not exist in the zone on that day (skipped by a clock change).
    case timelineTimeInGap = "DB053"
    /// A timeline time that happens twice in the zone on that day (clocks turned back).
    case timelineTimeAmbiguous = "DB054"
    /// A timeline entry more than a day before `started` or after `resolved`.
    case timelineOutsideIncident = "DB055"
    /// A timeline time whose zone label names more than one zone (`IST`, `CST`).
    case timelineAmbiguousZone = "DB056"
    /// Something in the Timeline that mentions a time but is not read as an entry.
    case timelineProseNotRead = "DB057"
    /// A timeline date that reads both as day/month and as month/day (`01/02/2017`).
    case timelineAmbiguousDate = "DB058"
    /// A timeline time that a reader could take two ways (a span or an offset, a year or a
    /// clock, the day of a bare time after a lead-up entry); the fix gives both readings.
    case timelineTimeReadsTwoWays = "DB059"

    // MARK: - Preventive actions
    /// The Preventive Actions section has no table.
    case actionsNoTable = "DB060"
    /// The actions table lacks a required column.
    case actionsMissingColumn = "DB061"
    /// An action status debrief does not know.
    case actionBadStatus = "DB062"
    /// An action due date that is not YYYY-MM-DD.
    case actionBadDue = "DB063"
    /// Two actions in one post-mortem share an ID.
    case actionDuplicateID = "DB064"
    /// An action's SOP reference that resolves to no SOP.
    case actionUnknownSOP = "DB065"
    /// An action row with an empty required cell.
    case actionMissingValue = "DB066"
    /// A list in the Preventive Actions section beside its tables, which is not read.
    case actionsListNotRead = "DB067"
    /// A table with the columns of preventive actions outside the actions section.
    case actionsTableOutsideSection = "DB068"
    /// A task list action that gives its owner, due date, status or type twice, differently.
    case actionFieldTwice = "DB077"
    /// A part of a task list action's fields that is none of the fields.
    case actionFieldNotRead = "DB078"

    // MARK: - Links
    /// A link to a repo document that does not exist.
    case brokenLink = "DB070"
    /// A linked file whose type is not published (HTML, SVG, script, unknown types).
    case linkedFileNotPublished = "DB071"
    /// A linked file that cannot be published: missing, outside the repository, hidden, too
    /// large or not a regular file.
    case linkedFileRefused = "DB072"

    // MARK: - Site templates
    /// A template in the repo's `templates/` folder cannot be parsed (or is not UTF-8).
    case templateSyntax = "DB080"
    /// A file in the repo's `templates/assets/` whose type could run script on the site (or is
    /// not known to be passive) is left out, unless `unsafe_html: true`.
    case templateAssetNotPublished = "DB081"

    // MARK: - Git history (audit --git)
    /// A commit's `Closes:` or `Fixes:` trailer names an action that its table still has open.
    case actionClosedByCommit = "DB082"
    /// An action done in its table that no commit names and that has no ticket
    /// (`audit --require-evidence`).
    case actionDoneWithoutEvidence = "DB083"
    /// A commit trailer names an action key that no post-mortem has, now or in its history.
    case trailerNamesNoAction = "DB084"

    // MARK: - SOP sync
    /// A managed block's begin marker has no end marker.
    case syncMissingEnd = "DB090"
    /// An end marker comes before any begin marker.
    case syncEndBeforeBegin = "DB091"
    /// A file holds more than one managed block.
    case syncMultipleBlocks = "DB092"
    /// An SOP whose shape leaves no place for a managed block that a later sync would find.
    case syncNoPlaceForBlock = "DB093"
    /// A temporary file an interrupted sync left beside an SOP or post-mortem.
    case syncLeftoverTemporary = "DB094"

    // MARK: - Limits
    /// A table over the limits on columns, cells per row or cells (read as text).
    case tableTooLarge = "DB100"
}
