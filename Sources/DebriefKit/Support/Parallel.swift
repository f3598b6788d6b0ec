import Dispatch
import Foundation

/// Maps over a collection on all cores, keeping order.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let buffer = results
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        buffer[index] = transform(items[index])
    }
    // Each result is moved out, not copied: `deallocate` does not deinitialise, so a result left
    // in the buffer would never be released, and every document, model and page a parallel
    // stage made would stay in memory until the process ends.
    var mapped: [R] = []
    mapped.reserveCapacity(items.count)
    for index in results.indices {
        guard let result = results.moveElement(from: index) else { preconditionFailure("concurrentPerform skipped item \(index)") }
        mapped.append(result)
    }
    return mapped
}

/// `parallelMap` for a transform that throws: every item is mapped, then the first error (in
/// item order) is rethrown.
func parallelMapThrowing<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> R) throws -> [R] {
    try parallelMap(items) { item in Result { try transform(item) } }.map { try $0.get() }
}

/// Runs `background` on a thread of its own while `foreground` runs on this one, and returns
/// both outcomes: `foreground`'s error is thrown (after `background` has finished), and
/// `background`'s comes back as its `Result`.
///
/// A dedicated thread, not a queue: the background work may block for seconds on another
/// process's pipe, and a blocked worker of the global pool would leave `parallelMap` in the
/// foreground one core short.
func concurrently<Foreground, Background: Sendable>(
    _ foreground: () throws -> Foreground,
    alongside background: @escaping @Sendable () throws -> Background
) throws -> (Foreground, Result<Background, any Error>) {
    let task = inBackground(background)
    let result = Result { try foreground() }
    let done = task.wait()
    return (try result.get(), done)
}

/// Work running on a thread of its own (`inBackground`), whose outcome is waited for later.
/// Whoever starts one waits for it on every path, errors included, so no background work
/// outlives the stage that started it.
struct BackgroundTask<Value: Sendable>: Sendable {
    fileprivate let outcome: BackgroundOutcome<Value>

    /// Blocks until the work has finished, and returns how it ended. Called once.
    func wait() -> Result<Value, any Error> {
        outcome.wait()
    }
}

/// Starts `work` on a thread of its own (see `concurrently` for why not a queue).
func inBackground<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) -> BackgroundTask<Value> {
    BackgroundTask(outcome: BackgroundOutcome.start(work))
}

/// The result of a background thread, handed over once.
fileprivate final class BackgroundOutcome<Value: Sendable>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private var value: Result<Value, any Error>?

    /// Starts `work` on a thread of its own; its outcome is the one `wait()` returns.
    static func start(_ work: @escaping @Sendable () throws -> Value) -> BackgroundOutcome {
        let outcome = BackgroundOutcome()
        let thread = Thread { outcome.finish(Result { try work() }) }
        // The history reader's buffers and a deep replay need more than the default 512 KiB.
        thread.stackSize = 8 << 20
        thread.start()
        return outcome
    }

    func finish(_ result: Result<Value, any Error>) {
        value = result
        finished.signal()
    }

    func wait() -> Result<Value, any Error> {
        finished.wait()
        guard let value else { preconditionFailure("the background thread finished without a result") }
        return value
    }
}

/// Maps `items` with one thread each (the first on this thread), keeping order, then rethrows
/// the first error in item order. For work that mostly waits on another process, such as a
/// `git log` per part of a history: on the global pool, which `parallelMap` in the foreground
/// may be keeping busy, those waits would run one after the other.
func threadMapThrowing<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) throws -> R) throws -> [R] {
    guard let first = items.first else { return [] }
    let outcomes = items.dropFirst().map { item in BackgroundOutcome.start { try transform(item) } }
    let head = Result { try transform(first) }
    let rest = outcomes.map { $0.wait() }
    return try ([head] + rest).map { try $0.get() }
}
