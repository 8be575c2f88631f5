/// A pull scanner over the bytes of an XML document, just enough for the parts of an xlsx
/// workbook: start and end tags with their local names, text, CDATA. Comments, processing
/// instructions and the DOCTYPE are skipped; no entity is ever defined or expanded beyond the
/// five predefined ones and character references, so a hostile part cannot grow in memory.
/// Ranges index the buffer the scanner was made over, which must outlive it.
struct XMLByteScanner {
    /// One piece of the document.
    enum Event {
        /// `<name attributes>` or `<name attributes/>`; `name` is the local name (no prefix).
        case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
        /// `</name>`, by its local name.
        case end(name: Range<Int>)
        /// Character data as written, entities not yet decoded.
        case text(Range<Int>)
        /// The inside of `<![CDATA[...]]>`, taken literally.
        case cdata(Range<Int>)
        /// The end of the bytes.
        case endOfDocument
    }

    /// The document is not well-formed enough to read on.
    struct Malformed: Error {
        /// What is wrong, for people.
        var message: String
        /// The byte offset where scanning stopped.
        var offset: Int
    }

    /// The document.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    private(set) var position = 0

    /// A scanner at the start of `bytes`; a UTF-8 byte order mark is skipped.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let colon = UInt8(ascii: ":"), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")

    /// The next event.
    mutating func next() throws -> Event {
        let count = bytes.count
        while position < count {
            if bytes[position] != Self.lt {
                let start = position
                while position < count && bytes[position] != Self.lt { position += 1 }
                return .text(start..<position)
            }
            let tagStart = position
            guard position + 1 < count else { throw Malformed(message: "the document ends inside a tag", offset: tagStart) }
            let second = bytes[position + 1]
            if second == Self.slash {
                let name = localName(from: position + 2)
                position = name.fullEnd
                while position < count && bytes[position] != Self.gt { position += 1 }
                guard position < count else { throw Malformed(message: "the document ends inside an end tag", offset: tagStart) }
                position += 1
                return .end(name: name.local)
            }
            if second == UInt8(ascii: "?") {
                try skip(past: "?>", from: position + 2, what: "a processing instruction")
                continue
            }
            if second == UInt8(ascii: "!") {
                if hasPrefix("<!--", at: position) {
                    try skip(past: "-->", from: position + 4, what: "a comment")
                    continue
                }
                if hasPrefix("<![CDATA[", at: position) {
                    let start = position + 9
                    try skip(past: "]]>", from: start, what: "a CDATA section")
                    return .cdata(start..<(position - 3))
                }
                try skipDeclaration(from: tagStart)
                continue
            }
            let name = localName(from: position + 1)
            position = name.fullEnd
            let attributesStart = position
            var quoteByte: UInt8 = 0
            while position < count {
                let byte = bytes[position]
                if quoteByte != 0 {
                    if byte == quoteByte { quoteByte = 0 }
                } else if byte == Self.quote || byte == Self.apostrophe {
                    quoteByte = byte
                } else if byte == Self.gt {
                    break
                }
                position += 1
            }
            guard position < count else { throw Malformed(message: "the document ends inside a start tag", offset: tagStart) }
            let selfClosing = position > attributesStart && bytes[position - 1] == Self.slash
            let attributesEnd = selfClosing ? position - 1 : position
            position += 1
            return .start(name: name.local, attributes: attributesStart..<attributesEnd, selfClosing: selfClosing)
        }
        return .endOfDocument
    }

    /// The local part of the name that starts at `start`, and where the whole name ends.
    private func localName(from start: Int) -> (local: Range<Int>, fullEnd: Int) {
        var index = start
        var localStart = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.gt || byte == Self.slash || byte <= 0x20 { break }
            if byte == Self.colon { localStart = index + 1 }
            index += 1
        }
        return (localStart..<index, index)
    }

    private func hasPrefix(_ literal: StaticString, at offset: Int) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard offset + length <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for index in 0..<length where bytes[offset + index] != pointer[index] { return false }
        return true
    }

    private mutating func skip(past terminator: StaticString, from start: Int, what: String) throws {
        let first = terminator.utf8Start[0]
        var index = start
        while index < bytes.count {
            if bytes[index] == first && hasPrefix(terminator, at: index) {
                position = index + terminator.utf8CodeUnitCount
                return
            }
            index += 1
        }
        throw Malformed(message: "the document ends inside \(what)", offset: start)
    }

    /// `<!DOCTYPE ...>`, with an internal subset in brackets; its declarations are ignored.
    private mutating func skipDeclaration(from start: Int) throws {
        var index = start + 2
        var depth = 0
        var quoteByte: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoteByte != 0 {
                if byte == quoteByte { quoteByte = 0 }
            } else if byte == Self.quote || byte == Self.apostrophe {
                quoteByte = byte
            } else if byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "]") {
                depth -= 1
            } else if byte == Self.gt && depth <= 0 {
                position = index + 1
                return
            }
            index += 1
        }
        throw Malformed(message: "the document ends inside a declaration", offset: start)
    }

    // MARK: - Names and attributes

    /// True when the bytes in `range` spell `name`.
    func equals(_ range: Range<Int>, _ name: StaticString) -> Bool {
        let length = name.utf8CodeUnitCount
        guard range.count == length else { return false }
        let pointer = name.utf8Start
        var offset = 0
        for index in range {
            if bytes[index] != pointer[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Calls `body` with the local name and the raw value of each attribute in `range`.
    /// Namespace declarations (`xmlns`, `xmlns:p`) are left out.
    func forEachAttribute(in range: Range<Int>, _ body: (_ name: Range<Int>, _ value: Range<Int>) throws -> Void) rethrows {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            while index < end && bytes[index] <= 0x20 { index += 1 }
            let nameStart = index
            var localStart = index
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") || byte <= 0x20 { break }
                if byte == Self.colon { localStart = index + 1 }
                index += 1
            }
            let nameEnd = index
            while index < end && bytes[index] <= 0x20 { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < end && bytes[index] <= 0x20 { index += 1 }
            guard index < end, bytes[index] == Self.quote || bytes[index] == Self.apostrophe else { continue }
            let quoteByte = bytes[index]
            index += 1
            let valueStart = index
            while index < end && bytes[index] != quoteByte { index += 1 }
            let valueEnd = index
            index += 1
            // `xmlns` or `xmlns:p`: the part before the colon, or the whole name, is "xmlns".
            let prefixEnd = localStart > nameStart ? localStart - 1 : nameEnd
            if nameEnd > nameStart && !equals(nameStart..<prefixEnd, "xmlns") {
                try body(localStart..<nameEnd, valueStart..<valueEnd)
            }
        }
    }

    /// The decoded value of the attribute whose local name is `name`, if the tag has one.
    func attribute(_ name: StaticString, in range: Range<Int>) -> String? {
        var found: String?
        forEachAttribute(in: range) { attributeName, value in
            if found == nil && equals(attributeName, name) { found = string(value) }
        }
        return found
    }

    /// The text in `range` with entities and character references decoded.
    func string(_ range: Range<Int>) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(range.count)
        appendDecoded(range, to: &decoded)
        return String(decoding: decoded, as: UTF8.self)
    }

    /// A non-negative integer written in `range` (spaces around it allowed), or nil.
    func integer(_ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        var end = range.upperBound
        while index < end && bytes[index] <= 0x20 { index += 1 }
        while end > index && bytes[end - 1] <= 0x20 { end -= 1 }
        guard index < end, end - index <= 18 else { return nil }
        var value = 0
        while index < end {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return value
    }

    /// Appends the bytes of `range` to `output`, decoding `&amp; &lt; &gt; &quot; &apos;`,
    /// `&#NNN;` and `&#xHH;`, and turning CR LF and lone CR into LF as XML requires.
    /// An unknown or unterminated reference is kept as written.
    func appendDecoded(_ range: Range<Int>, to output: inout [UInt8]) {
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") {
                if let (scalar, length) = reference(at: index, end: end) {
                    Self.appendUTF8(scalar, to: &output)
                    index += length
                    continue
                }
                output.append(byte)
            } else if byte == 0x0D {
                output.append(0x0A)
                if index + 1 < end && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
    }

    /// The character a reference at `start` stands for, and the reference's length.
    private func reference(at start: Int, end: Int) -> (UInt32, Int)? {
        var index = start + 1
        let limit = min(end, start + 12)
        while index < limit && bytes[index] != UInt8(ascii: ";") { index += 1 }
        guard index < limit else { return nil }
        let body = (start + 1)..<index
        let length = index - start + 1
        if body.count >= 2 && bytes[body.lowerBound] == UInt8(ascii: "#") {
            var value: UInt32 = 0
            var digitStart = body.lowerBound + 1
            let hex = bytes[digitStart] == UInt8(ascii: "x") || bytes[digitStart] == UInt8(ascii: "X")
            if hex { digitStart += 1 }
            guard digitStart < body.upperBound else { return nil }
            for offset in digitStart..<body.upperBound {
                let byte = bytes[offset]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte) - 48
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte) - 87
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte) - 55
                default: return nil
                }
                value = value * (hex ? 16 : 10) + digit
                if value > 0x10FFFF { return (0xFFFD, length) }
            }
            if value == 0 || (0xD800...0xDFFF).contains(value) { return (0xFFFD, length) }
            return (value, length)
        }
        if equals(body, "amp") { return (0x26, length) }
        if equals(body, "lt") { return (0x3C, length) }
        if equals(body, "gt") { return (0x3E, length) }
        if equals(body, "quot") { return (0x22, length) }
        if equals(body, "apos") { return (0x27, length) }
        return nil
    }

    /// Appends a Unicode scalar value as UTF-8.
    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
