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
        /// The problem's stable id.
        public var problemID: String = DiagnosticID.signatureUnreadable
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
    ///
    /// A stray quote (`Anna,"Smith,Berlin,...`) opens a field that a spreadsheet never closes,
    /// and every line after it would vanish into that one field. The reader treats a quoted
    /// field as runaway when the record it belongs to spans several lines and either has
    /// another number of fields than the header, or an embedded line holds as many separators
    /// as a whole row: that record's first line is reported on its own (with the lines it
    /// swallowed), and reading starts again on the next line, so the rows after it survive.
    public static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8? = nil, body: (Record) throws -> Void
    ) rethrows {
        let separator = separator ?? detectSeparator(bytes)
        let count = bytes.count
        var position = 0
        var line = 1
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)
        // The header's number of fields, once read: what a whole row looks like.
        var expected: Int?

        while position < count {
            let recordLine = line
            let recordStart = position
            var fields: [String] = []
            var problem: String?
            var endOfRecord = false
            // Where the record's first physical line ends (inside a quoted field), if it spans lines.
            var firstBreak: Int?
            // An embedded line that holds a whole row's separators.
            var embeddedRow = false
            var unclosed = false
            while !endOfRecord {
                var field: String?
                if position < count && bytes[position] == quote {
                    // A quoted field: copy it, turning "" into ", until the closing quote.
                    scratch.removeAll(keepingCapacity: true)
                    position += 1
                    var closed = false
                    var separatorsOnLine = 0
                    var fieldSeparators = 0
                    var lineBreaks = 0
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
                        var lineBreak = false
                        if byte == lf {
                            lineBreak = true
                        } else if byte == cr && !(position + 1 < count && bytes[position + 1] == lf) {
                            lineBreak = true
                        }
                        if lineBreak {
                            lineBreaks += 1
                            line += 1
                            if firstBreak == nil { firstBreak = position + 1 }
                            if let expected, expected > 1, separatorsOnLine >= expected - 1 { embeddedRow = true }
                            separatorsOnLine = 0
                        } else if byte == separator {
                            separatorsOnLine += 1
                            fieldSeparators += 1
                        }
                        scratch.append(byte)
                        position += 1
                    }
                    if let expected, expected > 1, firstBreak != nil, separatorsOnLine >= expected - 1 { embeddedRow = true }
                    // A quoted field over lines that holds many separators (`"Smith,Berlin,,DE,...⏎...,Bob,Jones"`)
                    // is rows swallowed even when the quote closes on a later line: real multi-line
                    // values (an address) hold a separator or two.
                    if let expected, lineBreaks > 0, fieldSeparators >= max(3, (expected - 1) / 2) { embeddedRow = true }
                    if !closed {
                        unclosed = true
                        problem = problem ?? "a quoted field is not closed before the end of the file"
                    }
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
            if let expected, let firstBreak, embeddedRow || unclosed || fields.count != expected {
                // A runaway quote: report its line alone and read the swallowed lines again.
                let lastLine = line - 1
                let swallowed = lastLine > recordLine + 1 ? "lines \(recordLine + 1)–\(lastLine)" : "line \(recordLine + 1)"
                let firstLine = firstLineFields(bytes, from: recordStart, to: firstBreak, separator: separator)
                try body(Record(
                    line: recordLine, fields: firstLine,
                    problem: "a stray quote (\") opens a field that is not closed on this line; it would have swallowed \(swallowed), which \(lastLine > recordLine + 1 ? "are" : "is") read on \(lastLine > recordLine + 1 ? "their" : "its") own",
                    problemID: DiagnosticID.signatureUnclosedQuote))
                position = firstBreak
                line = recordLine + 1
                continue
            }
            // A blank line, or a row of empty cells as spreadsheets append, is no record.
            if problem == nil && fields.allSatisfy({ $0.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) { continue }
            if expected == nil { expected = fields.count }
            try body(Record(line: recordLine, fields: fields, problem: problem))
        }
    }

    /// The fields of one physical line read without quoting, for reporting a runaway row.
    private static func firstLineFields(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, separator: UInt8) -> [String] {
        var stop = end
        while stop > start && (bytes[stop - 1] == lf || bytes[stop - 1] == cr) { stop -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
        return text.split(separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: "\"", with: "")
        }
    }
}
