import Dispatch

/// Wall-clock time per stage, and the memory in use after it (`--timings` of `build` and `audit`).
public struct StageClock: Sendable {
    /// The stages so far, in run order, each with the seconds since the one before.
    public private(set) var laps: [(stage: String, seconds: Double)] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Starts the clock.
    public init() {}

    /// Ends the stage `stage` now.
    public mutating func lap(_ stage: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        var name = stage
        if let resident = Self.residentMiB() { name += " (then \(resident) MiB resident)" }
        laps.append((name, Double(now - last) / 1e9))
        last = now
    }

    /// The process's resident memory in MiB, where `/proc` says.
    static func residentMiB() -> Int? {
        guard let bytes = FileIO.read("/proc/self/statm") else { return nil }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * 4096 / 1_048_576
    }
}
