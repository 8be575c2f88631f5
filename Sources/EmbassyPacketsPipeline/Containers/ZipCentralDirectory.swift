import Foundation

/// The central directory of a zip archive, read from its bytes without inflating anything,
/// for what ZIPFoundation does not expose: each entry's raw name, general-purpose flags
/// (bit 0: encrypted) and compression method (99: WinZip AES), in directory order.
struct ZipCentralDirectory {
    /// One entry as the central directory records it.
    struct Record: Equatable {
        /// The name as stored.
        var nameBytes: [UInt8]
        /// The general-purpose bit flags.
        var flags: UInt16
        /// The compression method (0 stored, 8 deflate, 99 AES).
        var method: UInt16

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
        guard end >= lowest else { return nil }
        var entries = UInt64(u16(end + 10))
        var offset = u32(end + 16)
        if entries == 0xFFFF || offset == 0xFFFF_FFFF {
            let locator = end - 20
            guard signature(locator, 6, 7) else { return nil }
            let zip64End = u64(locator + 8)
            guard zip64End < UInt64(count) - 56, signature(Int(zip64End), 6, 6) else { return nil }
            entries = u64(Int(zip64End) + 32)
            offset = u64(Int(zip64End) + 48)
        }
        guard offset <= UInt64(count), entries <= UInt64(count / 46) else { return nil }

        var records: [Record] = []
        records.reserveCapacity(Int(entries))
        var position = Int(offset)
        for _ in 0..<entries {
            guard position + 46 <= count, signature(position, 1, 2) else { return nil }
            let nameLength = u16(position + 28)
            let extraLength = u16(position + 30)
            let commentLength = u16(position + 32)
            guard position + 46 + nameLength <= count else { return nil }
            records.append(
                Record(
                    nameBytes: Array(bytes[(position + 46)..<(position + 46 + nameLength)]), flags: UInt16(u16(position + 8)),
                    method: UInt16(u16(position + 10))))
            position += 46 + nameLength + extraLength + commentLength
        }
        return records
    }
}
