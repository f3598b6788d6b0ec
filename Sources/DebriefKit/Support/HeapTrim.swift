#if canImport(Glibc)
import Glibc
#endif

/// A function of glibc's that the Glibc module does not export, looked up by name; nil
/// elsewhere.
private func glibcFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
    #if canImport(Glibc)
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
    return unsafeBitCast(symbol, to: type)
    #else
    return nil
    #endif
}

/// Gives the heap's free pages back to the system. glibc keeps what a stage frees (the full
/// records once the slim ones exist, the bodies once the store has them) in the arenas of the
/// threads that loaded the documents, where the stages that follow rarely reuse it: without
/// this, the resident size of a large build only ever grows.
enum HeapTrim {
    /// glibc's `malloc_trim`, which the Glibc module does not export; looked up once.
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim = glibcFunction("malloc_trim", as: Trim.self)

    static func releaseFreePages() {
        _ = trim?(0)
    }
}

/// How the heap of a `debrief` process is set up, once, before any command runs.
public enum ProcessHeap {
    /// glibc's `mallopt`, which the Glibc module does not export; looked up once.
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    private static let option = glibcFunction("mallopt", as: Option.self)

    /// glibc's `M_MMAP_THRESHOLD`.
    private static let mmapThreshold: Int32 = -3

    /// Every allocation of `largeBlock` bytes or more gets a mapping of its own, given back to
    /// the system when it is freed. glibc starts at 128 KB but raises the threshold each time
    /// such a block is freed (up to 32 MB), after which the large, short-lived buffers of a
    /// build (a cache file read whole, a batch of records, a search shard, a page) come from
    /// the heap and leave holes there that are never given back. Fixing the threshold lowered
    /// the peak resident set of a full build at 10,000 post-mortems from 483 to 444 MiB
    /// (medians of four, alternating), with no change in wall time beyond the noise.
    public static let largeBlock: Int32 = 1 << 20

    /// Sets the threshold (glibc only; elsewhere nothing is done). Returns whether it was set.
    @discardableResult
    public static func mapLargeBlocksApart() -> Bool {
        option?(mmapThreshold, largeBlock) == 1
    }
}

/// Values a one-shot process keeps until it exits (`BuildOptions.releasesMemory`): exiting gives
/// their memory back to the system at once, where freeing them would visit every allocation.
enum ProcessLifetime {
    private final class Kept: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    /// Keeps `value` alive until the process exits: the one reference to it is never released.
    static func keep(_ value: Any) {
        _ = Unmanaged.passRetained(Kept(value))
    }
}
