import CZlib

/// Inflates a zip member's raw deflate data with zlib, from memory, bounded: never more output
/// than the member declares, never a read past its compressed bytes, and a stream that does
/// not end inside them is damaged (it does not wait for input that will never come).
enum ZipInflater {
    enum Failure: Error {
        /// The data is not a deflate stream that ends inside the member.
        case damaged
        /// It inflates to more than `limit`.
        case overrun
    }

    /// The bytes `input` inflates to, at most `limit` of them.
    static func inflate(_ input: ArraySlice<UInt8>, limit: UInt64, reserve: Int) throws -> [UInt8] {
        guard input.count <= Int(UInt32.max) else { throw Failure.damaged }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Failure.damaged }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(reserve)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let copy = Array(input)
        try copy.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard UInt64(output.count) + UInt64(produced) <= limit else { throw Failure.overrun }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return }
                guard status == Z_OK, produced > 0 || stream.avail_in > 0 else { throw Failure.damaged }
            }
        }
        return output
    }

    /// The CRC-32 of bytes, as zip records it.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: uLong = 0
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let length = min(buffer.count - offset, 1 << 30)
                crc = CZlib.crc32(crc, buffer.baseAddress! + offset, uInt(length))
                offset += length
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
