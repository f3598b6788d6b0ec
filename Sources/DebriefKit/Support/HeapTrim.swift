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
