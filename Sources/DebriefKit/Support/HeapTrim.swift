#if canImport(Glibc)
import Glibc
#endif

/// Gives the heap's free pages back to the system. glibc keeps what a stage frees (the full
/// records once the slim ones exist, the bodies once the store has them) in the arenas of the
/// threads that loaded the documents, where the stages that follow rarely reuse it: without
/// this, the resident size of a large build only ever grows.
enum HeapTrim {
    /// glibc's `malloc_trim`, which the Glibc module does not export; looked up once.
    private typealias Trim = @convention(c) (Int) -> Int32
    private static let trim: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    static func releaseFreePages() {
        _ = trim?(0)
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
