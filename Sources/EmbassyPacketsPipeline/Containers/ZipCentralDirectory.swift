import Foundation

/// The central directory of a zip archive, read from its bytes without inflating anything:
/// each entry's raw name, general-purpose flags (bit 0: encrypted), compression method (99:
/// WinZip AES), sizes, CRC-32 and where its data starts, in directory order. Every offset and
/// size is checked against the file, so that reading a member never goes past its end.
struct ZipCentralDirectory {
    /// One entry as the central directory records it.
    struct Record: Equatable {
        /// The name as stored.
        var nameBytes: [UInt8]
        /// The general-purpose bit flags.
        var flags: UInt16
        /// The compression method (0 stored, 8 deflate, 99 AES).
        var method: UInt16
        var compressedSize: UInt64 = 0
        var uncompressedSize: UInt64 = 0
        var crc32: UInt32 = 0
        /// Where the member's data starts (after its local header).
        var dataOffset: Int = 0
        /// True for a symbolic link stored by a Unix zip (never read as a file).
        var isSymbolicLink = false

        /// A folder entry ("name/").
        var isFolder: Bool { nameBytes.last == UInt8(ascii: "/") }

        /// True when the entry is encrypted (traditional PKWARE or AES).
        var isEncrypted: Bool { flags & 1 != 0 || method == 99 }

        /// The name as UTF-8 when it is valid UTF-8 (macOS writes UTF-8 names without setting
        /// the UTF-8 flag), nil otherwise (a DOS code page).
        var utf8Name: String? { String(bytes: nameBytes, encoding: .utf8) }

        /// The name for messages: UTF-8, or else its ASCII with `?` for the other bytes.
        var displayName: String { utf8Name ?? String(decoding: nameBytes.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }, as: UTF8.self) }
    }

    /// The entries, or nil when the bytes have no readable end-of-central-directory record.
    static func read(_ bytes: [UInt8]) -> [Record]? {
        let count = bytes.count
        guard count >= 22 else { return nil }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt64 { UInt64(u16(at)) | UInt64(u16(at + 2)) << 16 }
        func u64(_ at: Int) -> UInt64 { u32(at) | u32(at + 4) << 32 }
        func signature(_ at: Int, _ third: UInt8, _ fourth: UInt8) -> Bool {
            at >= 0 && at + 4 <= count && bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == third && bytes[at + 3] == fourth
        }

        // The end record is the last 22 bytes, unless an archive comment (up to 64 KiB) follows it.
        var end = count - 22
        let lowest = max(0, count - 22 - 65_535)
        while end >= lowest && !signature(end, 5, 6) { end -= 1 }
        // Its comment must fit in the file.
        guard end >= lowest, end + 22 + u16(end + 20) <= count else { return nil }
        var entries = UInt64(u16(end + 10))
        var offset = u32(end + 16)
        if entries == 0xFFFF || offset == 0xFFFF_FFFF {
            // The zip64 end record sits just before its locator (and the locator must say so).
            let locator = end - 20
            guard signature(locator, 6, 7) else { return nil }
            let zip64End = u64(locator + 8)
            guard locator >= 56, zip64End == UInt64(locator - 56), signature(locator - 56, 6, 6) else { return nil }
            entries = u64(locator - 56 + 32)
            offset = u64(locator - 56 + 48)
        }
        guard offset <= UInt64(count), entries <= UInt64(count / 46) else { return nil }

        // Every record, its local header and its data must lie inside the file (ZIPFoundation,
        // which read members before, trapped past the end of memory on such archives).
        var records: [Record] = []
        records.reserveCapacity(Int(entries))
        var position = Int(offset)
        for _ in 0..<entries {
            guard position + 46 <= count, signature(position, 1, 2) else { return nil }
            let nameLength = u16(position + 28)
            let extraLength = u16(position + 30)
            let commentLength = u16(position + 32)
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= count else { return nil }
            var compressed = u32(position + 20)
            var uncompressed = u32(position + 24)
            var local = u32(position + 42)
            // The zip64 extended information: the fields that are all ones, in this order.
            var field = position + 46 + nameLength
            let extraEnd = field + extraLength
            while field + 4 <= extraEnd {
                let id = u16(field), size = u16(field + 2)
                guard field + 4 + size <= extraEnd else { return nil }
                if id == 1 {
                    var at = field + 4
                    for value in [0, 1, 2] {
                        let current = value == 0 ? uncompressed : value == 1 ? compressed : local
                        guard current == 0xFFFF_FFFF else { continue }
                        guard at + 8 <= field + 4 + size else { return nil }
                        let wide = u64(at)
                        if value == 0 { uncompressed = wide } else if value == 1 { compressed = wide } else { local = wide }
                        at += 8
                    }
                }
                field += 4 + size
            }
            guard local <= UInt64(count - 30), signature(Int(local), 3, 4) else { return nil }
            // A stored member's data is its uncompressed size, any other's its compressed size,
            // from where the local header ends.
            let data = UInt64(Int(local) + 30 + u16(Int(local) + 26) + u16(Int(local) + 28))
            let stored = u16(position + 10) == 0 ? uncompressed : compressed
            guard compressed <= UInt64(count), stored <= UInt64(count), data + max(stored, compressed) <= UInt64(count) else { return nil }
            // A Unix zip (made by 3) keeps the mode in the external attributes' high half.
            let madeByUnix = bytes[position + 5] == 3
            let mode = (u32(position + 38) >> 16) & 0o170000
            records.append(
                Record(
                    nameBytes: Array(bytes[(position + 46)..<(position + 46 + nameLength)]), flags: UInt16(u16(position + 8)),
                    method: UInt16(u16(position + 10)), compressedSize: compressed, uncompressedSize: uncompressed,
                    crc32: UInt32(u32(position + 16)), dataOffset: Int(data), isSymbolicLink: madeByUnix && mode == 0o120000))
            position = next
        }
        return records
    }
}
