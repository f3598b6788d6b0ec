import Foundation

/// What `debrief sync` would do to every SOP: the bytes each file has and the bytes it should
/// have. Computing a plan writes nothing; `apply` writes the files that change.
///
/// An SOP is part of the plan when a preventive action names it (in its SOP cell) or when it
/// already holds a managed block (which then says that no action names it any more). Other SOPs
/// are not read for writing and never touched.
public struct SyncPlan: Sendable {
    /// One SOP's current and wanted content.
    public struct Update: Sendable, Equatable {
        /// Path relative to the repository root.
        public var file: String
        /// The SOP's id.
        public var sopID: String
        /// The bytes on disk.
        public var old: [UInt8]
        /// The bytes after a sync.
        public var new: [UInt8]

        /// Whether a sync would write this file.
        public var isChanged: Bool { old != new }
    }

    /// The repository root.
    public var root: URL
    /// Every SOP the sync concerns, sorted by file, whether it changes or not.
    public var updates: [Update]
    /// SOPs left alone because their markers are broken (DB090–DB092).
    public var diagnostics: [Diagnostic]

    /// The SOPs whose content would change.
    public var outOfDate: [Update] { updates.filter(\.isChanged) }

    /// Plans the sync of `base`, reading SOP files with `read` (an absolute path in, the bytes or
    /// nil out), or by default the way `check` reads them: an SOP that is refused (too large, a
    /// FIFO, a link leaving the repo; reported when the repo is loaded) is left alone. Throws
    /// `EnvironmentError` when an SOP cannot be read.
    public init(base: KnowledgeBase, read: ((String) -> [UInt8]?)? = nil) throws {
        root = base.root
        updates = []
        diagnostics = []
        let linked = Self.actionsBySOP(base)
        let renderer = ActionBlockRenderer()
        let files = RepositoryFiles(root: base.root).configured(with: base.config)
        for file in base.layout.sopFiles {
            let sopID = base.layout.sopID(file)
            let bytes: [UInt8]
            if let read {
                guard let read = read(base.root.appendingPathComponent(file).path) else { throw EnvironmentError("cannot read \(file)") }
                bytes = read
            } else {
                switch files.read(file, limit: base.config.maxFileSize) {
                case .bytes(let read): bytes = read
                case .refused: continue
                case .missing, .unreadable: throw EnvironmentError("cannot read \(file)")
                }
            }
            let actions = linked[sopID] ?? []
            if actions.isEmpty {
                // An SOP nobody names is only touched to retire a block it already has.
                switch ManagedBlock.locate(in: bytes, file: file) {
                case .none: continue
                case .broken(let diagnostic):
                    diagnostics.append(diagnostic)
                    continue
                case .found: break
                }
            }
            switch BlockSplicer.splice(bytes, block: renderer.render(actions, sopFile: file), file: file) {
            case .spliced(let new): updates.append(Update(file: file, sopID: sopID, old: bytes, new: new))
            case .rejected(let diagnostic): diagnostics.append(diagnostic)
            }
        }
    }

    /// SOPs that could not be written (each left as it was) and those that were.
    public struct WriteFailure: Error, Sendable {
        /// One SOP that could not be written.
        public struct File: Sendable, Equatable {
            /// Path relative to the repository root.
            public var file: String
            /// Why, as the system says it (`Permission denied`).
            public var reason: String
        }

        /// Paths (repo-relative) of the SOPs that were written.
        public var written: [String]
        /// The SOPs that were not.
        public var failures: [File]
    }

    /// Writes every SOP that changes, each atomically, and returns their paths (repo-relative).
    /// A file that cannot be written is left as it was and the others are still written; then
    /// `WriteFailure` says which were written and which were not.
    @discardableResult
    public func apply(with writer: AtomicFileWriter = AtomicFileWriter()) throws -> [String] {
        var written: [String] = []
        var failures: [WriteFailure.File] = []
        for update in outOfDate {
            do {
                try writer.write(update.new, to: root.appendingPathComponent(update.file).path)
                written.append(update.file)
            } catch let error as FileIOError {
                failures.append(.init(file: update.file, reason: error.reason))
            } catch {
                failures.append(.init(file: update.file, reason: "\(error)"))
            }
        }
        guard failures.isEmpty else { throw WriteFailure(written: written, failures: failures) }
        return written
    }

    /// Errors that forbid a sync: those `check` reports in the post-mortems (and in
    /// `debrief.yml`, which decides how they are read). A sync from a misread table would write
    /// wrong blocks.
    public static func blockingDiagnostics(_ base: KnowledgeBase, validator: Validator = .standard) -> [Diagnostic] {
        let sources = Set(base.layout.postmortemFiles).union([Config.fileName])
        return validator.validate(base).filter { $0.severity == .error && sources.contains($0.location.file) }
    }
}

private extension SyncPlan {
    /// The actions naming each SOP id, in post-mortem file order then row order; an action that
    /// names one SOP twice (a link and a bare id) counts once.
    static func actionsBySOP(_ base: KnowledgeBase) -> [String: [LinkedAction]] {
        var result: [String: [LinkedAction]] = [:]
        for postmortem in base.postmortems {
            let title = postmortem.title.isEmpty ? postmortem.id : postmortem.title
            for action in postmortem.actions {
                for id in action.sopIDs {
                    result[id, default: []].append(LinkedAction(action: action, postmortemTitle: title))
                }
            }
        }
        return result
    }
}
