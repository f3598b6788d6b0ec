import Foundation

/// What one run of a program produced.
public struct RunResult: Sendable {
    /// Standard output, raw.
    public var stdoutData: Data
    /// Standard error, raw.
    public var stderrData: Data
    /// The exit status (or the signal number when it was killed).
    public var exitCode: Int32
    /// Whether the run was killed for taking longer than its timeout.
    public var timedOut: Bool
    /// Whether it ended by a signal (a crash) rather than by exiting.
    public var crashed: Bool

    /// Standard output as text.
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    /// Standard error as text.
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
}

/// Runs a program with pipes for its streams and a timeout, so a hang fails a test instead
/// of stalling the suite.
public enum ProcessRunner {
    /// Runs `executable` with `arguments` in `directory`, feeding `stdin` (or nothing).
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           stdin: Data? = nil, environment: [String: String] = [:],
                           timeout: TimeInterval = 120) throws -> RunResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env

        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        // Drain both pipes while the program runs, so a large output cannot block it.
        let collected = Collected()
        let group = DispatchGroup()
        for (index, pipe) in [out, err].enumerated() {
            let handle = pipe.fileHandleForReading
            DispatchQueue.global().async(group: group) {
                collected.set(index, handle.readDataToEndOfFile())
            }
        }
        if let input, let stdin {
            let handle = input.fileHandleForWriting
            DispatchQueue.global().async(group: group) {
                try? handle.write(contentsOf: stdin)
                try? handle.close()
            }
        }

        var timedOut = false
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if finished.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
        }
        group.wait()
        return RunResult(stdoutData: collected.get(0), stderrData: collected.get(1),
                         exitCode: process.terminationStatus, timedOut: timedOut,
                         crashed: process.terminationReason == .uncaughtSignal)
    }

    /// Runs the built `debrief`.
    public static func debrief(_ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
                               environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> RunResult {
        try run(TestPaths.debriefBinary, arguments, in: directory, stdin: stdin, environment: environment, timeout: timeout)
    }
}

/// The two streams' bytes, written from reader threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data: [Data] = [Data(), Data()]

    func set(_ index: Int, _ value: Data) { lock.withLock { data[index] = value } }
    func get(_ index: Int) -> Data { lock.withLock { data[index] } }
}
