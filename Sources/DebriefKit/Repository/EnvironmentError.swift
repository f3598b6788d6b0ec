/// A problem with the environment rather than with the user's documents: the repo is missing,
/// a file cannot be read. Commands turn it into exit code 2 with a one-line message.
public struct EnvironmentError: Error, CustomStringConvertible, Sendable {
    /// One line for a person.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
