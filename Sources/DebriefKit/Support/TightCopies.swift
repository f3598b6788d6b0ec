/// Copies with room for their contents alone. An array grown by appending, or a string by `+=`,
/// keeps up to twice the room it needs; that is nothing for one, and megabytes for the
/// hundreds of thousands of small lists and texts a large site holds until its last page is
/// written.
extension Array {
    /// The elements, in a buffer sized for them.
    var tightCopy: [Element] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = buffer.initialize(from: self)
            initialized = count
        }
    }
}

extension String {
    /// The same text, in storage sized for it (a short one is kept inline as before).
    var tightCopy: String {
        var text = self
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { target in
                UnsafeMutableRawBufferPointer(target).copyMemory(from: UnsafeRawBufferPointer(bytes))
                return bytes.count
            }
        }
    }
}
