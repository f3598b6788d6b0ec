import CZlib

/// Raw DEFLATE (RFC 1951) through zlib: the search index's document files are stored deflated
/// and base64-encoded, and the browser inflates them with `DecompressionStream("deflate-raw")`;
/// a build holds the bodies it rendered deflated until the body store has them
/// (`RenderedBody`). The only file that calls zlib; each stream is ended on every path.
enum Deflate {
    /// `bytes` compressed at `level` (1, fastest, to 9, the best), without a zlib or gzip
    /// header. Deterministic for a given zlib.
    static func compress(_ bytes: [UInt8], level: Int32 = 9) -> [UInt8] {
        var stream = z_stream()
        // Negative window bits: raw deflate. The window is the smallest that holds the whole
        // input (512 bytes to 32 KB), which finds the same matches as a 32 KB one but allocates
        // and clears far less for the few kilobytes of a search document (a third of the time
        // spent compressing them, same bytes out); any raw-deflate reader inflates it.
        var windowBits: Int32 = 9
        while windowBits < 15, 1 << windowBits < bytes.count { windowBits += 1 }
        guard deflateInit2_(&stream, level, Z_DEFLATED, -windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib could not start a deflate stream")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 16)
        let status = finish(&stream, from: bytes, into: &output) { deflate(&$0, Z_FINISH) }
        // deflateBound guarantees room for the whole stream in one call.
        precondition(status == Z_STREAM_END, "zlib did not finish within deflateBound")
        // A copy of the stream's bytes alone: the buffer has room for the whole input.
        return Array(output[..<Int(stream.total_out)])
    }

    /// The bytes of a raw DEFLATE stream, or nil when it is not one or inflates past `limit`.
    static func decompress(_ bytes: [UInt8], limit: Int = 64 << 20) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = bytes
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                output.append(contentsOf: chunk[..<produced])
                if output.count > limit { return nil }
                if status == Z_STREAM_END { return output }
                if status != Z_OK || (produced == 0 && stream.avail_in == 0) { return nil }
            }
        }
    }

    /// The bytes of a raw DEFLATE stream that inflates to exactly `length` bytes, or nil when
    /// it is not one or does not end there. Inflates in one call into a buffer of that size.
    static func decompress(_ bytes: [UInt8], length: Int) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        // One byte more than expected, so a stream that goes on past `length` is seen.
        var output = [UInt8](repeating: 0, count: length + 1)
        let status = finish(&stream, from: bytes, into: &output) { inflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END, Int(stream.total_out) == length else { return nil }
        output.removeLast()
        return output
    }

    /// Runs `step` once with all of `input` and all of `output` given to `stream` (each under
    /// 4 GiB, what one call takes). zlib only reads `next_in`, so the input is not copied.
    private static func finish(_ stream: inout z_stream, from input: [UInt8], into output: inout [UInt8],
                               _ step: (inout z_stream) -> Int32) -> Int32 {
        precondition(input.count <= UInt32.max && output.count <= UInt32.max, "zlib takes under 4 GiB in one call")
        return input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return step(&stream)
            }
        }
    }
}
