import Foundation

/// The `git` command line, run in one repository. debrief reads history through it rather than
/// a C binding: `git` is on every machine that has a repository, and its output formats are
/// stable and documented.
///
/// Every run sets a fixed environment (no pager, no prompts, C locale, no colour) and bounds the
/// bytes it reads back, so a repository's size or configuration cannot make a command hang on a
/// terminal or read without limit.
public struct Git: Sendable {
    /// The repository's top-level folder, as `git rev-parse --show-toplevel` names it.
    public let topLevel: String
    /// The `git` executable used.
    public let executable: String

    /// The most bytes one command's output may have before the run fails.
    public static let defaultOutputLimit = 512 << 20

    /// Opens the repository that contains `path`.
    ///
    /// - Throws: `EnvironmentError` when `git` is not installed or `path` is not inside a work
    ///   tree of a git repository.
    public init(at path: String) throws {
        guard let executable = Git.findExecutable() else {
            if let chosen = ProcessInfo.processInfo.environment["DEBRIEF_GIT"] {
                throw EnvironmentError("DEBRIEF_GIT names '\(TerminalText.escape(chosen))', which is not an executable file; "
                    + "point it at git, or unset it to use the git on PATH")
            }
            throw EnvironmentError("git is not installed or not on PATH; install it (apt-get install git) or leave out the git options")
        }
        let probe = Git(executable: executable, topLevel: path)
        let result = try probe.run(["rev-parse", "--show-toplevel"], limit: 64 << 10, allowFailure: true)
        guard result.status == 0 else {
            throw EnvironmentError("'\(TerminalText.escape(path))' is not inside a git repository (git: \(Git.firstLine(result.errorOutput)))")
        }
        let top = String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !top.isEmpty else { throw EnvironmentError("'\(TerminalText.escape(path))' is not inside a git work tree") }
        self.init(executable: executable, topLevel: top)
    }

    private init(executable: String, topLevel: String) {
        self.executable = executable
        self.topLevel = topLevel
    }

    /// What one `git` run gave.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var output: [UInt8]
        /// Standard error (at most 64 KB).
        public var errorOutput: [UInt8]
    }

    /// Runs `git <arguments>` in the repository and returns its standard output.
    ///
    /// - Throws: `EnvironmentError` when git cannot start, exits with a non-zero status (its
    ///   first line of standard error is in the message), or writes more than `limit` bytes.
    public func output(_ arguments: [String], limit: Int = Git.defaultOutputLimit) throws -> [UInt8] {
        let result = try run(arguments, limit: limit, allowFailure: false)
        return result.output
    }

    /// Runs `git <arguments>` and returns status and both outputs; a non-zero status is an error
    /// only when `allowFailure` is false.
    public func run(_ arguments: [String], limit: Int = Git.defaultOutputLimit, allowFailure: Bool) throws -> Result {
        try run(arguments, input: nil, limit: limit, allowFailure: allowFailure)
    }

    /// Runs `git <arguments>` with `input` on its standard input (written from a thread of its
    /// own, so a command that answers while it reads, like `cat-file --batch`, cannot stall on
    /// a full pipe); otherwise as `run(_:limit:allowFailure:)`.
    public func run(_ arguments: [String], input: [UInt8]?, limit: Int = Git.defaultOutputLimit, allowFailure: Bool) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--no-pager", "-c", "color.ui=never", "-c", "core.quotepath=off",
                             "-c", "log.showSignature=false", "--no-optional-locks", "-C", topLevel] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        process.environment = environment
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        let stdin = input.map { _ in Pipe() }
        process.standardInput = stdin ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw EnvironmentError("could not run \(executable): \(error.localizedDescription)")
        }
        if let stdin, let input {
            let handle = stdin.fileHandleForWriting
            Thread.detachNewThread {
                // A git that exits early closes the pipe: that must fail this write, not kill
                // debrief. Blocked in this thread only, so debrief's own output keeps the
                // default (a closed standard output still ends it quietly).
                var pipeSignal = sigset_t()
                sigemptyset(&pipeSignal)
                sigaddset(&pipeSignal, SIGPIPE)
                pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
                // git may exit before reading everything (an error); the write then fails, and
                // the status says why.
                try? handle.write(contentsOf: input)
                try? handle.close()
            }
        }
        let errorReader = BoundedPipeReader(stderr.fileHandleForReading, limit: 64 << 10, keepsDraining: true)
        errorReader.start()
        let outputReader = BoundedPipeReader(stdout.fileHandleForReading, limit: limit, keepsDraining: false)
        outputReader.readToEnd()
        if outputReader.exceeded {
            process.terminate()
        }
        process.waitUntilExit()
        let errorBytes = errorReader.finish()
        if outputReader.exceeded {
            throw EnvironmentError("git \(arguments.first ?? "") wrote more than \(limit >> 20) MiB; refusing to read on")
        }
        let result = Result(status: process.terminationStatus, output: outputReader.bytes, errorOutput: errorBytes)
        if result.status != 0 && !allowFailure {
            throw EnvironmentError("git \(arguments.first ?? "") failed: \(Git.firstLine(errorBytes))")
        }
        return result
    }

    /// The top level with links resolved: two paths of one repository give the same.
    public var resolvedTopLevel: String {
        URL(fileURLWithPath: topLevel).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// Whether the repository is a shallow clone (`actions/checkout` fetches one commit by
    /// default), so its history stops before its first commit.
    public func isShallow() throws -> Bool {
        let answer = try output(["rev-parse", "--is-shallow-repository"], limit: 64)
        return String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "true"
    }

    /// Whether `HEAD` names a commit (a repository just made with `git init` has none yet).
    public func hasCommits() throws -> Bool {
        try run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], limit: 256, allowFailure: true).status == 0
    }

    /// The first line of git's standard error, escaped for a terminal.
    static func firstLine(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let line = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "no message"
        return TerminalText.escape(line.hasPrefix("fatal: ") ? String(line.dropFirst(7)) : line)
    }

    /// `git` on `PATH` (or `DEBRIEF_GIT`, for tests that need git to be absent or a stand-in).
    static func findExecutable() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["DEBRIEF_GIT"] {
            return FileManager.default.isExecutableFile(atPath: chosen) ? chosen : nil
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) && !FileIO.isDirectory(candidate) { return candidate }
        }
        return nil
    }
}

/// Reads a pipe up to a limit. Standard error is drained on its own thread so that a chatty
/// child cannot fill that pipe and stall while standard output is being read.
private final class BoundedPipeReader: @unchecked Sendable {
    private let handle: FileHandle
    private let limit: Int
    private let keepsDraining: Bool
    private let done = DispatchSemaphore(value: 0)
    // Written by one thread, read after `done` is signalled (or on the same thread).
    private(set) var bytes: [UInt8] = []
    private(set) var exceeded = false

    init(_ handle: FileHandle, limit: Int, keepsDraining: Bool) {
        self.handle = handle
        self.limit = limit
        self.keepsDraining = keepsDraining
    }

    func start() {
        Thread.detachNewThread { [self] in
            readToEnd()
            done.signal()
        }
    }

    func finish() -> [UInt8] {
        done.wait()
        return bytes
    }

    func readToEnd() {
        let fd = handle.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer in
                Foundation.read(fd, buffer.baseAddress, buffer.count)
            }
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            if count == 0 { break }
            if bytes.count + count > limit {
                exceeded = true
                if keepsDraining { continue }
                break
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
