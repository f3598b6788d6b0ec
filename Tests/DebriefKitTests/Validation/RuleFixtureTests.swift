import DebriefKit
import DebriefTestSupport
import XCTest

/// One fixture repo per case under `Fixtures/<case-name>/`; each `↓` in its files marks where
/// the next expected diagnostic lands (code, severity, line and column all asserted).
final class RuleFixtureTests: XCTestCase {
    // MARK: - Clean repos

    func test_cleanMinimal() throws {
        try assertFixture("clean-minimal", [])
    }

    func test_cleanCRLFAndBOM() throws {
        // A byte order mark and CRLF line endings are normal input, in config, post-mortems and SOPs.
        try assertFixture("clean-crlf-bom", [])
    }

    func test_cleanSectionAlias() throws {
        // `Action Items` is a built-in alias of Preventive Actions; `Why it happened` a configured one.
        try assertFixture("clean-section-alias", [])
    }

    func test_exampleRepoHasOnlyTheDraftWarning() throws {
        let base = try RepositoryLoader().load(root: TestPaths.exampleRepo)
        let diagnostics = Validator.standard.validate(base)
        // The load balancer post-mortem opens with the node pool upgrade twelve days before; a
        // lead-up entry is reported once, so a time read on the wrong day never is silent.
        XCTAssertEqual(diagnostics.map { "\($0.location.file):\($0.location.line):\($0.location.column) \($0.code.rawValue) \($0.severity)" },
                       ["postmortems/2026-07-19-checkout-502-during-lb-failover.md:44:1 DB055 warning",
                        "postmortems/2026-11-18-orders-missing-after-replica-restore.md:92:1 DB041 warning"])
        XCTAssertEqual(base.postmortems.count, 6)
        XCTAssertEqual(base.sops.map(\.id), ["cache-flush", "certificate-rotation", "db/database-restore", "load-balancer-failover"])
    }

    // MARK: - debrief.yml

    func test_configSyntaxError() throws {
        try assertFixture("config-syntax-error", [
            .error(.configSyntax, "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"),
        ])
    }

    func test_configNotMapping() throws {
        try assertFixture("config-not-mapping", [.error(.configSyntax, "debrief.yml must be a mapping of keys to values")])
    }

    func test_configUnknownKey() throws {
        try assertFixture("config-unknown-key", [
            .error(.configUnknownKey, "unknown key 'severites' in debrief.yml; did you mean 'severities'?"),
            .error(.configUnknownKey, "unknown key 'colour' in debrief.yml"),
        ])
    }

    func test_configInvalidValues() throws {
        try assertFixture("config-invalid-values", [
            .error(.configInvalidValue, "'title' must be a single value, not a list"),
            .error(.configInvalidValue, "'postmortems' must be a folder inside the repository, not '../elsewhere'"),
            .error(.configInvalidValue, "'severities' must be a list of values"),
            .error(.configInvalidValue, "'required_sections' must not be empty"),
            .error(.configInvalidValue, "'Mars/Olympus' is not an IANA timezone (Europe/Berlin) or an offset (+02:00)"),
            .error(.configInvalidValue, "'unsafe_html' must be true or false"),
            .error(.configInvalidValue, "'id_format' must contain {seq} or {seq:N}"),
            .error(.configInvalidValue, "'section_aliases' must map headings to section names"),
        ])
    }

    func test_configInvalidFields() throws {
        // Each bad declaration is reported at its value and left out; the good ones are kept.
        try assertFixture("config-invalid-fields", [
            .error(.configInvalidValue, "'severity' is a built-in front matter field and cannot be declared again"),
            .error(.configInvalidValue, "field 'reviewers' has type 'lsit'; the types are string, list, date, person; did you mean 'list'?"),
            .error(.configInvalidValue, "a field's key must be 1 to 64 letters, digits, '_' or '-', starting with a letter, not '2nd_reviewer'"),
            .error(.configInvalidValue, "'required_from' of field 'approver' must be a status (draft, review or final), not 'done'"),
            .error(.configInvalidValue, "field 'epic' needs a 'type' (string, list, date or person)"),
            .error(.configInvalidValue, "field 'owner_team' has an unknown setting 'lable'; the settings are type, label and required_from; did you mean 'label'?"),
            .error(.configInvalidValue, "field 'notes' must be a type (string, list, date, person) or a mapping with 'type'"),
        ])
    }

    func test_configDuplicateSeverity() throws {
        try assertFixture("config-duplicate-severity", [.error(.configInvalidValue, "'severities' lists a severity twice")])
    }

    // MARK: - Files and front matter

    func test_emptyFile() throws {
        try assertFixture("empty-file", [.error(.emptyFile, "file is empty")])
    }

    func test_whitespaceOnlyFile() throws {
        try assertFixture("whitespace-only-file", [.error(.emptyFile, "file is empty")])
    }

    func test_invalidUTF8() throws {
        try assertFixture("invalid-utf8", [.error(.invalidUTF8, "file is not valid UTF-8 (first bad byte here); save it as UTF-8")])
    }

    func test_missingFrontMatter() throws {
        try assertFixture("missing-front-matter", [
            .error(.missingFrontMatter, "post-mortem has no front matter; start the file with a '---' line, the fields, and a closing '---'"),
        ])
    }

    func test_unterminatedFrontMatter() throws {
        try assertFixture("unterminated-front-matter", [
            .error(.unterminatedFrontMatter, "front matter opened with '---' is never closed; add a '---' line after the last field"),
        ])
    }

    func test_yamlSyntaxError() throws {
        try assertFixture("yaml-syntax-error", [
            .error(.yamlSyntax, "invalid YAML: found unexpected end of stream (while scanning a quoted scalar)"),
        ])
    }

    func test_yamlTooDeep() throws {
        try assertFixture("yaml-too-deep", [.error(.yamlSyntax, "YAML is nested more than 64 levels deep")])
    }

    func test_frontMatterNotMapping() throws {
        try assertFixture("front-matter-not-mapping", [
            .error(.frontMatterNotMapping, "front matter must be a mapping of keys to values (key: value lines)"),
        ])
    }

    func test_frontMatterEmpty() throws {
        // No status means no draft leniency: every missing field is an error.
        try assertFixture("front-matter-empty", [
            .error(.missingField, "required field 'date' is missing (e.g. date: 2026-03-14)"),
            .error(.missingField, "required field 'id' is missing (e.g. id: INC-2026-001)"),
            .error(.missingField, "required field 'severity' is missing (e.g. severity: SEV1)"),
            .error(.missingField, "required field 'status' is missing (e.g. status: draft)"),
            .error(.missingField, "required field 'title' is missing (e.g. title: Checkout unavailable)"),
        ])
    }

    // MARK: - Fields

    func test_missingFieldFinal() throws {
        try assertFixture("missing-field-final", [
            .error(.missingField, "required field 'date' is missing (e.g. date: 2026-03-14)"),
            .error(.missingField, "required field 'severity' is missing (e.g. severity: SEV1)"),
            .error(.missingField, "required field 'title' is empty (e.g. title: Checkout unavailable)"),
        ])
    }

    func test_missingFieldDraft() throws {
        // In a draft, date and severity may wait (warnings); id, title and status may not.
        try assertFixture("missing-field-draft", [
            .warning(.missingField, "required field 'date' is missing (e.g. date: 2026-03-14)"),
            .warning(.missingField, "required field 'severity' is missing (e.g. severity: SEV1)"),
            .error(.missingField, "required field 'id' is empty (e.g. id: INC-2026-001)"),
        ])
    }

    func test_wrongType() throws {
        // A list where the title belongs is a wrong type, not also a missing title.
        try assertFixture("wrong-type", [
            .error(.wrongType, "'title' must be a single value, not a list"),
            .error(.wrongType, "'services' must be a list (for example [checkout]), not a single value"),
            .error(.wrongType, "each item of 'tags' must be a single value, not a list"),
        ])
    }

    func test_customFields() throws {
        // Declared fields are read as their type; `required_from` makes them required from that
        // status on; a typo of a declared key is an unknown field with a suggestion.
        try assertFixture("custom-fields", [
            .error(.wrongType, "'reviewers' must be a list (for example [lena]), not a single value"),
            .error(.invalidDate, "'approved' is not a date: 'next week'; write YYYY-MM-DD, e.g. 2026-03-14"),
            .error(.wrongType, "'approver' must be a single value, not a list"),
            .warning(.unknownField, "unknown field 'reviewrs'; did you mean 'reviewers'?"),
            .error(.missingField, "field 'reviewers' is required from status 'review' on and is empty (e.g. reviewers: [lena, omar])"),
        ])
    }

    func test_unknownField() throws {
        try assertFixture("unknown-field", [
            .error(.missingField, "required field 'severity' is missing (e.g. severity: SEV1)"),
            .warning(.unknownField, "unknown field 'severty'; did you mean 'severity'?"),
            .warning(.unknownField, "unknown field 'colour'"),
        ])
    }

    func test_sopUnknownField() throws {
        try assertFixture("sop-unknown-field", [.warning(.unknownField, "unknown SOP field 'ownr'; did you mean 'owner'?")])
    }

    func test_invalidID() throws {
        try assertFixture("invalid-id", [
            .error(.invalidID, "id '../INC 1' is not safe as a file name; use letters, digits, '.', '_' and '-', starting with a letter or digit"),
        ])
    }

    func test_duplicateID() throws {
        try assertFixture("duplicate-id", [
            .error(.duplicateID, "id 'INC-1' is already used by postmortems/a.md; first used here (postmortems/a.md:2:5)"),
        ])
    }

    func test_unknownSeverity() throws {
        try assertFixture("unknown-severity", [
            .error(.unknownSeverity, "unknown severity 'sev2'; allowed: SEV1, SEV2, SEV3, SEV4 (did you mean 'SEV2'?)"),
        ])
    }

    func test_unknownSeverityCustomList() throws {
        try assertFixture("unknown-severity-custom-list", [
            .error(.unknownSeverity, "unknown severity 'SEV2'; allowed: critical, major, minor"),
        ])
    }

    func test_unknownStatus() throws {
        try assertFixture("unknown-status", [
            .error(.unknownStatus, "unknown status 'finall'; allowed: draft, review, final (did you mean 'final'?)"),
        ])
    }

    func test_invalidDate() throws {
        try assertFixture("invalid-date", [.error(.invalidDate, "'2026-02-30' is not a date; write YYYY-MM-DD, e.g. 2026-03-14")])
    }

    func test_sopInvalidLastReviewed() throws {
        try assertFixture("sop-invalid-last-reviewed", [
            .error(.invalidDate, "'last_reviewed' is not a date: '2026-13-01' (write YYYY-MM-DD)"),
        ])
    }

    func test_invalidTimestamp() throws {
        try assertFixture("invalid-timestamp", [
            .error(.invalidTimestamp, "'started' is not an RFC 3339 timestamp with an offset: '2026-03-14T09:12:00' (write e.g. 2026-03-14T09:12:00+01:00)"),
            .error(.invalidTimestamp, "'resolved' is not an RFC 3339 timestamp with an offset: '2026-03-14 10:00' (write e.g. 2026-03-14T09:12:00+01:00)"),
        ])
    }

    func test_timestampsOutOfOrder() throws {
        try assertFixture("timestamps-out-of-order", [
            .error(.timestampsOutOfOrder, "'detected' (2026-03-14T09:00:00+01:00) is before 'started' (2026-03-14T09:12:00+01:00); expected started ≤ detected ≤ mitigated ≤ resolved"),
            .error(.timestampsOutOfOrder, "'resolved' (2026-03-14T08:20:00Z) is before 'mitigated' (2026-03-14T09:30:00+01:00); expected started ≤ detected ≤ mitigated ≤ resolved"),
        ])
    }

    func test_invalidTimezone() throws {
        try assertFixture("invalid-timezone", [
            .error(.invalidTimezone, "'Mars/Olympus' is not a timezone; write an IANA name (Europe/Berlin) or an offset (+02:00)"),
        ])
    }

    /// A time the clocks skipped is an error of its own, and the entry after it is compared
    /// with the one before it (no DB051); front matter timestamps carry their offset, so they
    /// are never in a gap.
    func test_item15_aTimeInADaylightSavingGapIsDB053() throws {
        try assertFixture("timeline-dst-gap", [
            .error(.timelineTimeInGap, "timeline time '02:30' does not exist in Europe/Berlin on 2026-03-29: the clocks went from +01:00 to +02:00 and skipped it (read with the offset before the change it would be 03:30 +02:00); write the time the clocks showed, or an explicit offset, e.g. 2026-03-29T02:30:00+01:00"),
            .error(.timelineTimeInGap, "timeline time '2026-03-29 02:45' does not exist in Europe/Berlin on 2026-03-29: the clocks went from +01:00 to +02:00 and skipped it (read with the offset before the change it would be 03:45 +02:00); write the time the clocks showed, or an explicit offset, e.g. 2026-03-29T02:45:00+01:00"),
        ])
    }

    /// A time the clocks showed twice is read as the first, with a warning.
    func test_item15_aTimeTheClocksShowedTwiceIsDB054() throws {
        try assertFixture("timeline-dst-overlap", [
            .warning(.timelineTimeAmbiguous, "timeline time '02:30' happened twice in Europe/Berlin on 2026-10-25 (the clocks went back from +02:00 to +01:00); it is read as the first; write an explicit offset to say which: 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00"),
        ])
    }

    func test_unknownRelated() throws {
        try assertFixture("unknown-related", [
            .error(.unknownRelated, "'related' names 'INC-2', which is no post-mortem's id (did you mean 'INC-12'?)"),
            .error(.unknownRelated, "'related' names 'INC-3', which is no post-mortem's id (did you mean 'INC-12'?)"),
        ])
    }

    /// Each finding lands on its own item, and the post-mortem's own id is never suggested.
    func test_unknownRelatedBlockList() throws {
        try assertFixture("unknown-related-block-list", [
            .warning(.unknownRelated, "'related' lists the post-mortem's own id 'INC-1'"),
            .error(.unknownRelated, "'related' names 'INC-77', which is no post-mortem's id (did you mean 'INC-7'?)"),
        ])
    }

    func test_relatedSelf() throws {
        try assertFixture("related-self", [.warning(.unknownRelated, "'related' lists the post-mortem's own id 'INC-1'")])
    }

    // MARK: - Review record and publishing deadline

    func test_item1_approvedOnlyWithStatusFinal() throws {
        try assertFixture("review-approved-not-final", [
            .error(.approvedNotFinal, "'approved' is set but the status is 'review'; approval makes a post-mortem final: set 'status: final' or remove 'approved'"),
        ])
    }

    func test_item1_approvedBeforeResolved() throws {
        // The resolve day is the one `resolved` shows in its own offset: the second file is
        // approved on it (the next day in UTC) and is fine.
        try assertFixture("review-approved-before-resolved", [
            .error(.approvedBeforeResolved, "'approved' (2026-03-13) is before the incident was resolved (2026-03-14); a post-mortem is approved after it is resolved"),
        ])
    }

    func test_item1_reviewerNamesAreOneNameEachOnce() throws {
        try assertFixture("review-reviewer-names", [
            .error(.invalidReviewerName, "an item of 'reviewers' is empty; write a name or remove the item"),
            .error(.invalidReviewerName, "'reviewers' lists 'Omar' twice"),
            .error(.invalidReviewerName, "each item of 'reviewers' must be one name on one line"),
            .error(.wrongType, "'approved_by' must be a list (for example [lena]), not a single value"),
        ])
    }

    func test_item1_incompleteApproval() throws {
        try assertFixture("review-incomplete-approval", [
            .warning(.incompleteApproval, "'approved' gives a day but 'approved_by' names no one; write who approved it (approved_by: [lena])"),
            .warning(.incompleteApproval, "'approved_by' names who approved it but 'approved' gives no day; add approved: YYYY-MM-DD"),
        ])
    }

    func test_item2_publishWithinInvalidEntries() throws {
        try assertFixture("publish-within-invalid", [
            .error(.invalidPublishWithin, "the deadline of SEV1 must be calendar days ('5d') or business days ('5bd'), up to 366, not '5'"),
            .error(.invalidPublishWithin, "the deadline of SEV2 must be calendar days ('5d') or business days ('5bd'), up to 366, not 'two weeks'"),
            .error(.invalidPublishWithin, "'publish_within' names 'SEV5', which is not one of the severities (SEV1, SEV2, SEV3); did you mean 'SEV1'?"),
            .error(.invalidPublishWithin, "the deadline of SEV3 must be calendar days ('5d') or business days ('5bd'), up to 366, not a list"),
            .error(.invalidPublishWithin, "'publish_within' names 'sev1', which is not one of the severities (SEV1, SEV2, SEV3); did you mean 'SEV1'?"),
        ])
    }

    func test_item2_publishWithinNotMapping() throws {
        try assertFixture("publish-within-not-mapping", [
            .error(.invalidPublishWithin, "'publish_within' must map severities to deadlines, e.g. 'SEV1: 5bd' on the next line, indented"),
        ])
    }

    func test_item2_finalWithoutApprovedDay() throws {
        // SEV3 has no deadline and INC-3 is not resolved: neither is reported.
        try assertFixture("publish-final-without-approved", [
            .warning(.finalWithoutApprovedDay, "final post-mortem without an 'approved' day, so its publishing deadline (SEV2: 10d from resolved) cannot be checked; add approved: YYYY-MM-DD"),
        ])
    }

    // MARK: - Sections

    func test_missingSectionFinal() throws {
        try assertFixture("missing-section-final", [
            .error(.missingSection, "required section 'Impact' is missing; add a '## Impact' heading"),
        ])
    }

    func test_missingSectionDraft() throws {
        try assertFixture("missing-section-draft", [
            .warning(.missingSection, "required section 'Impact' is missing; add a '## Impact' heading"),
        ])
    }

    func test_emptySection() throws {
        // A comment is not content; an extra, unrequired section is fine.
        try assertFixture("empty-section", [.error(.emptySection, "section 'Impact' is empty")])
    }

    func test_emptySectionDraft() throws {
        try assertFixture("empty-section-draft", [.warning(.emptySection, "section 'Impact' is empty")])
    }

    func test_duplicateSection() throws {
        try assertFixture("duplicate-section", [
            .warning(.duplicateSection, "section 'Summary' appears twice; only the first is the site's summary and is checked for content; first here (postmortems/2026-03-14-checkout.md:8:1)"),
        ])
    }

    // MARK: - Timeline

    func test_timelineBadTime() throws {
        try assertFixture("timeline-bad-time", [
            .error(.timelineBadTime, "timeline time 'noon' cannot be read; write HH:MM (or 9:37 AM), YYYY-MM-DD HH:MM, an RFC 3339 timestamp, or another form listed in docs/format.md"),
            .error(.timelineBadTime, "timeline time '25:00' cannot be read; write HH:MM (or 9:37 AM), YYYY-MM-DD HH:MM, an RFC 3339 timestamp, or another form listed in docs/format.md"),
        ])
    }

    func test_timelineHHMMWithoutDate() throws {
        try assertFixture("timeline-hhmm-without-date", [
            .warning(.missingField, "required field 'date' is missing (e.g. date: 2026-03-14)"),
            .warning(.timelineBadTime, "timeline time '09:12' cannot be read; HH:MM times need the post-mortem's 'date'"),
        ])
    }

    func test_timelineOutOfOrder() throws {
        try assertFixture("timeline-out-of-order", [
            .warning(.timelineOutOfOrder, "timeline entry at 2026-03-14 09:12 comes before the previous entry (2026-03-14 10:00)"),
        ])
    }

    func test_timelineNoEntries() throws {
        try assertFixture("timeline-no-entries", [
            .error(.timelineNoEntries, "the Timeline has no entries; use a table whose first column is a time, or a list of items starting with a time"),
        ])
    }

    // MARK: - Preventive actions

    func test_actionsNoTable() throws {
        try assertFixture("actions-no-table", [
            .error(.actionsNoTable, "'Preventive Actions' has no table; use columns | ID | Action | Owner | Due | Status |"),
        ])
    }

    func test_actionsMissingColumn() throws {
        try assertFixture("actions-missing-column", [
            .error(.actionsMissingColumn, "the actions table has no 'Due' column"),
            .error(.actionsMissingColumn, "the actions table has no 'Owner' column"),
        ])
    }

    func test_actionBadStatus() throws {
        try assertFixture("action-bad-status", [
            .error(.actionBadStatus, "action A1 has unknown status 'blocked'; use open, in-progress, done, wont-do (or todo, closed, fixed, wontfix, won't do)"),
        ])
    }

    func test_actionBadDue() throws {
        try assertFixture("action-bad-due", [
            .error(.actionBadDue, "action A1 has due date 'next week', which is not a YYYY-MM-DD date"),
        ])
    }

    func test_actionDuplicateID() throws {
        try assertFixture("action-duplicate-id", [
            .error(.actionDuplicateID, "action ID 'A1' is used twice in this post-mortem; first used here (postmortems/2026-03-14-checkout.md:12:3)"),
        ])
    }

    func test_actionUnknownSOP() throws {
        // A bare id and a link that resolve to SOPs are fine; a missing id, a missing file and
        // a link outside the repo are not.
        try assertFixture("action-unknown-sop", [
            .error(.actionUnknownSOP, "action A2 names SOP 'db/restor', but there is no sops/db/restor.md"),
            .error(.actionUnknownSOP, "action A2 names SOP 'missing', but there is no sops/missing.md"),
            .error(.actionUnknownSOP, "action A3 links to 'https://wiki.example.com/runbook', which is not an SOP under sops/"),
        ])
    }

    func test_actionMissingValue() throws {
        // A done action needs no due date; a blank row is skipped.
        try assertFixture("action-missing-value", [
            .error(.actionMissingValue, "action has no ID"),
            .error(.actionMissingValue, "action A2 has no description"),
            .error(.actionMissingValue, "action A2 has no owner; \(Self.importNote)"),
            .error(.actionMissingValue, "action A2 has no status"),
            .error(.actionMissingValue, "action A3 has no due date; \(Self.importNote)"),
        ])
    }

    func test_actionMissingValueDraft() throws {
        // In a draft only the missing ID stays an error.
        try assertFixture("action-missing-value-draft", [
            .error(.actionMissingValue, "action has no ID"),
            .warning(.actionMissingValue, "action A2 has no description"),
            .warning(.actionMissingValue, "action A2 has no owner; \(Self.importNote)"),
        ])
    }

    static let importNote = "if this post-mortem was imported from older records, 'imported: true' in its front matter keeps such an action as untracked"

    func test_item1_actionsOfAnImportedPostmortemMayHaveNoOwnerOrDue() throws {
        // Only the due date that is neither a date nor a placeholder is reported.
        try assertFixture("action-untracked-imported", [
            .error(.actionBadDue, "action A7 has due date 'sometime', which is not a YYYY-MM-DD date"),
        ])
    }

    func test_item1_placeholdersOutsideAnImportedPostmortemAreErrorsThatSayHowToImport() throws {
        try assertFixture("action-placeholder-not-imported", [
            .error(.actionMissingValue, "action A1 has owner 'TBD', which names no one; \(Self.importNote)"),
            .error(.actionBadDue, "action A1 has due date 'n/a', which is not a YYYY-MM-DD date; \(Self.importNote)"),
            .error(.actionMissingValue, "action A2 has no due date; \(Self.importNote)"),
            .error(.actionMissingValue, "action A3 has no owner; \(Self.importNote)"),
            .error(.actionMissingValue, "action A4 has owner '-', which names no one; \(Self.importNote)"),
            .error(.actionBadDue, "action A4 has due date '?', which is not a YYYY-MM-DD date; \(Self.importNote)"),
        ])
    }

    func test_item1_importedMustBeTrueOrFalse() throws {
        try assertFixture("imported-not-boolean", [
            .error(.wrongType, "'imported' must be true or false, not 'yes please'"),
        ])
    }

    // MARK: - Links

    func test_brokenLink() throws {
        try assertFixture("broken-link", [
            .error(.brokenLink, "link to '../sops/cache-flsh.md' points at sops/cache-flsh.md, which does not exist"),
            .error(.brokenLink, "link to '../postmortems/nope.md#impact' points at postmortems/nope.md, which does not exist"),
        ])
    }

    func test_item2_linkedFileNotPublished() throws {
        let fix = "link a passive format (PNG, PDF, text) instead, or set 'unsafe_html: true' if every author is trusted"
        try assertFixture("linked-file-not-published", [
            .warning(.linkedFileNotPublished, "linked file '../notes/report.html' is not published: a .html file could run script on the site; " + fix),
            .warning(.linkedFileNotPublished, "linked file '../notes/diagram.svg' is not published: a .svg file could run script on the site; " + fix),
        ])
    }

    func test_item2_linkedFileRefused() throws {
        let outside = "only files inside the repository, outside hidden folders, 'templates/' and the output folder are; move the file"
        try assertFixture("linked-file-refused", [
            .warning(.linkedFileRefused, "linked file '../notes/gone.log' is not published: notes/gone.log does not exist"),
            .warning(.linkedFileRefused, "linked file '../.secrets/keys.txt' is not published: " + outside),
            .warning(.linkedFileRefused, "linked file '../../../etc/hosts.txt' is not published: " + outside),
        ])
    }
}
