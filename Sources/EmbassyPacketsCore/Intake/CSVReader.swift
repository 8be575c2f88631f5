/// Reads CSV as RFC 4180 describes it and as spreadsheets really write it: quoted fields
/// holding separators, quotes and line breaks; CRLF, LF or CR line ends; a comma,
/// semicolon or tab separator detected from the header line; blank lines skipped.
public struct CSVReader {
    /// One record and the physical line it starts on.
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
        /// Why the record could not be read as written (invalid UTF-8, an unterminated quote).
        public var problem: String?
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// The separator the header line uses most, outside quotes: `,`, `;` or tab.
    public static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        for byte in bytes {
            if byte == quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == lf || byte == cr { break }
            if counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = counts.max { a, b in a.value == b.value ? a.key > b.key : a.value < b.value }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    /// Calls `body` for every non-blank record, the header included, in file order.
    public static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8? = nil, body: (Record) throws -> Void
    ) rethrows {
        let separator = separator ?? detectSeparator(bytes)
        let count = bytes.count
        var position = 0
        var line = 1
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)

        while position < count {
            let recordLine = line
            var fields: [String] = []
            var problem: String?
            var endOfRecord = false
            while !endOfRecord {
                var field: String?
                if position < count && bytes[position] == quote {
                    // A quoted field: copy it, turning "" into ", until the closing quote.
                    scratch.removeAll(keepingCapacity: true)
                    position += 1
                    var closed = false
                    while position < count {
                        let byte = bytes[position]
                        if byte == quote {
                            if position + 1 < count && bytes[position + 1] == quote {
                                scratch.append(quote)
                                position += 2
                                continue
                            }
                            position += 1
                            closed = true
                            break
                        }
                        if byte == lf {
                            line += 1
                        } else if byte == cr && !(position + 1 < count && bytes[position + 1] == lf) {
                            line += 1
                        }
                        scratch.append(byte)
                        position += 1
                    }
                    if !closed { problem = problem ?? "a quoted field is not closed before the end of the file" }
                    // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
                    while position < count {
                        let byte = bytes[position]
                        if byte == separator || byte == lf || byte == cr { break }
                        scratch.append(byte)
                        position += 1
                    }
                    field = scratch.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
                } else {
                    let start = position
                    while position < count {
                        let byte = bytes[position]
                        if byte == separator || byte == lf || byte == cr { break }
                        position += 1
                    }
                    field = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                }
                if let field, field.utf8.contains(0) {
                    fields.append("")
                    problem = problem ?? "the row holds NUL bytes (field \(fields.count))"
                } else if let field {
                    fields.append(field)
                } else {
                    fields.append("")
                    problem = problem ?? "the row is not valid UTF-8 (field \(fields.count))"
                }
                if position < count && bytes[position] == separator {
                    position += 1
                    continue
                }
                // End of the record: consume CRLF, LF or CR.
                if position < count {
                    if bytes[position] == cr && position + 1 < count && bytes[position + 1] == lf { position += 1 }
                    position += 1
                    line += 1
                }
                endOfRecord = true
            }
            // A blank line, or a row of empty cells as spreadsheets append, is no record.
            if problem == nil && fields.allSatisfy({ $0.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) { continue }
            try body(Record(line: recordLine, fields: fields, problem: problem))
        }
    }
}
