/// The Preventive Actions section holds one or more tables (a template may split them under
/// subheadings) with the columns ID, Action, Owner, Due and Status. Each row needs an ID, an
/// action and an owner; the status must be known, the due date a real YYYY-MM-DD date, and IDs
/// unique within the post-mortem, across its tables.
///
/// An empty Owner or Due cell, or a placeholder there (`TBD`, `n/a`, `-`, `none`, `?`, …, see
/// `PreventiveAction.placeholders`), is fine in a post-mortem marked `imported: true`: the
/// action is untracked. Anywhere else it is reported, and the message says how to import.
struct ActionTableRule: Rule {
    /// Said after a missing owner or due date: the way out for legacy post-mortems.
    static let importNote = Diagnostic.Note(
        "if this post-mortem was imported from older records, 'imported: true' in its front matter keeps such an action as untracked")

    func check(_ base: KnowledgeBase, into bag: inout DiagnosticBag) {
        for pm in base.postmortems {
            guard let section = pm.section("Preventive Actions") else { continue }
            guard !pm.actionTables.isEmpty else {
                if pm.sections.contains(where: { $0.name == section.name && $0.hasContent }) {
                    bag.problem(.actionsNoTable, lenient: pm.isDraft, at: section.location,
                                "'\(section.heading)' has no table; use columns | ID | Action | Owner | Due | Status |")
                }
                continue
            }
            var seen: [String: PreventiveAction] = [:]
            for table in pm.actionTables {
                check(table, in: pm, seen: &seen, into: &bag)
            }
        }
    }

    private func check(_ table: ActionTable, in pm: Postmortem, seen: inout [String: PreventiveAction], into bag: inout DiagnosticBag) {
        for column in table.missingColumns {
            bag.error(.actionsMissingColumn, at: table.location, "the actions table has no '\(column)' column")
        }
        for action in table.actions {
            func at(_ column: String) -> SourceLocation { action.cellLocations[column] ?? action.location }
            if table.missingColumns.contains("ID") == false {
                if action.id.isEmpty {
                    let isTask = table.columns == ActionTableParser.taskColumns
                    bag.error(.actionMissingValue, at: at("ID"), isTask
                        ? "action has no ID; start the item with one, like PA-1 or 3 (a first word like 'S3' or '2FA' is part of the action)"
                        : "action has no ID")
                } else if let first = seen[action.id] {
                    bag.error(.actionDuplicateID, at: at("ID"), "action ID '\(action.id)' is used twice in this post-mortem",
                              notes: [.init("first used here", at: first.cellLocations["ID"] ?? first.location)])
                } else {
                    seen[action.id] = action
                }
            }
            let label = action.id.isEmpty ? "action" : "action \(action.id)"
            if !table.missingColumns.contains("Action"), action.action.isEmpty {
                bag.problem(.actionMissingValue, lenient: pm.isDraft, at: at("Action"), "\(label) has no description")
            }
            if !table.missingColumns.contains("Owner"), !pm.imported, PreventiveAction.isPlaceholder(action.owner) {
                let message = action.owner.isEmpty ? "\(label) has no owner" : "\(label) has owner '\(action.owner)', which names no one"
                bag.problem(.actionMissingValue, lenient: pm.isDraft, at: at("Owner"), message, notes: [Self.importNote])
            }
            if !table.missingColumns.contains("Status") {
                if action.statusText.isEmpty {
                    bag.problem(.actionMissingValue, lenient: pm.isDraft, at: at("Status"), "\(label) has no status")
                } else if action.status == nil {
                    bag.error(.actionBadStatus, at: at("Status"), "\(label) has unknown status '\(action.statusText)'; use \(ActionStatus.accepted)")
                }
            }
            if !table.missingColumns.contains("Due") {
                let placeholder = PreventiveAction.isPlaceholder(action.dueText)
                if pm.imported && placeholder {
                    // Untracked when open, simply done otherwise.
                } else if action.dueText.isEmpty {
                    if action.status?.isOpen ?? true {
                        bag.problem(.actionMissingValue, lenient: pm.isDraft, at: at("Due"), "\(label) has no due date", notes: [Self.importNote])
                    }
                } else if action.due == nil {
                    bag.error(.actionBadDue, at: at("Due"), "\(label) has due date '\(action.dueText)', which is not a YYYY-MM-DD date",
                              notes: placeholder ? [Self.importNote] : [])
                }
            }
        }
    }
}
