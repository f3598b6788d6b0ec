import Dispatch

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
