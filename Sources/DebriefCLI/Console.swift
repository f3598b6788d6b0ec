import Foundation

/// Where a command's output goes: standard output and error, or buffers in tests.
public struct Console: Sendable {
    /// Writes to standard output.
    public var out: @Sendable (String) -> Void
    /// Writes bytes to standard output as they are.
    public var outBytes: @Sendable ([UInt8]) -> Void
    /// Writes to standard error.
    public var err: @Sendable (String) -> Void
    /// Whether standard output is a terminal (colour allowed).
    public var isTerminal: Bool

    /// The process's own streams.
    public static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        outBytes: { bytes in FileHandle.standardOutput.write(Data(bytes)) },
        err: { text in FileHandle.standardError.write(Data(text.utf8)) },
        isTerminal: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    )

    /// Prints text as it is.
    public func write(_ text: String) { out(text) }

    /// Prints a line.
    public func line(_ text: String) { out(text + "\n") }

    /// Prints a line to standard error.
    public func error(_ text: String) { err(text + "\n") }
}
