import Foundation

/// Reads signatures from JSON: an array of objects, an object holding a `signatures` array,
/// or JSON Lines. Each element is located by a small byte scanner (for its line number) and
/// decoded on its own, so one bad element is rejected while the rest survive.
public enum JSONReader {
    /// One element of the signature array.
    public struct Element: Sendable {
        public var line: Int
        /// The object's members as text, keys as written; nil when the element is not an object.
        public var members: [String: String]?
        /// Why the element could not be read.
        public var problem: String?
        /// Keys whose value is an object or an array, not text.
        public var nonText: Set<String> = []
    }

    /// Why a whole file cannot be read.
    public struct FileError: Error, Sendable {
        public var line: Int
        public var message: String
    }

    /// Reads JSON Lines: one element per non-blank line.
    public static func readLines(_ bytes: UnsafeBufferPointer<UInt8>, body: (Element) throws -> Void) rethrows {
        var line = 1
        var start = 0
        let count = bytes.count
        var position = 0
        while position <= count {
            if position == count || bytes[position] == UInt8(ascii: "\n") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                if slice.contains(where: { !isSpace($0) }) {
                    try body(decode(slice, line: line))
                }
                line += 1
                start = position + 1
            }
            position += 1
        }
    }

    /// True when the bytes are JSON Lines rather than one document: the first two non-blank
    /// lines each hold an object on its own (a JSON Lines export saved as `.json`).
    public static func looksLikeLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var objects = 0
        var line = 1
        var start = 0
        var position = 0
        while position <= bytes.count && objects < 2 {
            if position == bytes.count || bytes[position] == UInt8(ascii: "\n") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                if slice.contains(where: { !isSpace($0) }) {
                    guard slice.first(where: { !isSpace($0) }) == UInt8(ascii: "{"), decode(slice, line: line).members != nil else { return false }
                    objects += 1
                }
                line += 1
                start = position + 1
            }
            position += 1
        }
        return objects == 2
    }

    /// Reads a JSON document whose top level is an array of objects, or an object with a
    /// `signatures` array. Throws `FileError` when the top level is neither or is cut short.
    /// The members that hold the list in exports that wrap it: ours, then other platforms'
    /// (`responses`, `data`, `results`, ...).
    static let listKeys: Set<String> = ["signatures", "responses", "submissions", "data", "results", "rows", "records", "items", "entries"]

    public static func readDocument(_ bytes: UnsafeBufferPointer<UInt8>, body: (Element) throws -> Void) throws {
        var scanner = Scanner(bytes: bytes)
        scanner.skipSpace()
        guard let first = scanner.peek() else { throw FileError(line: 1, message: "the file holds no JSON value") }
        if first == UInt8(ascii: "{") {
            // Find the "signatures" member and read its array.
            scanner.position += 1
            while true {
                scanner.skipSpace()
                guard scanner.peek() == UInt8(ascii: "\"") else {
                    throw FileError(line: scanner.line, message: "expected an array of signatures, or an object with a \"signatures\" array")
                }
                let keyStart = scanner.position
                try scanner.skipValue()
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart + 1..<scanner.position - 1]), as: UTF8.self)
                scanner.skipSpace()
                guard scanner.peek() == UInt8(ascii: ":") else { throw FileError(line: scanner.line, message: "expected ':' after an object key") }
                scanner.position += 1
                scanner.skipSpace()
                if listKeys.contains(key) && scanner.peek() == UInt8(ascii: "[") { break }
                try scanner.skipValue()
                scanner.skipSpace()
                guard scanner.peek() == UInt8(ascii: ",") else {
                    throw FileError(line: 1, message: "the object has no \"signatures\" array")
                }
                scanner.position += 1
            }
        } else if first != UInt8(ascii: "[") {
            throw FileError(line: scanner.line, message: "expected an array of signatures, or an object with a \"signatures\" array")
        }
        // The array: one element at a time.
        scanner.position += 1
        scanner.skipSpace()
        if scanner.peek() == UInt8(ascii: "]") { return }
        while true {
            scanner.skipSpace()
            let start = scanner.position
            let line = scanner.line
            do {
                try scanner.skipValue()
            } catch let error as FileError {
                // The file ends inside this element: it is rejected, the ones before it stand.
                try body(Element(line: line, members: nil, problem: "the file ends inside this element (\(error.message))"))
                return
            }
            try body(decode(UnsafeBufferPointer(rebasing: bytes[start..<scanner.position]), line: line))
            scanner.skipSpace()
            guard let next = scanner.peek() else { throw FileError(line: scanner.line, message: "the array is not closed") }
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else {
                throw FileError(line: scanner.line, message: "expected ',' or ']' after an array element")
            }
            scanner.position += 1
        }
    }

    /// Decodes one element on its own.
    static func decode(_ slice: UnsafeBufferPointer<UInt8>, line: Int) -> Element {
        let data = Data(buffer: slice)
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            return Element(line: line, members: nil, problem: "the element is not valid JSON")
        }
        guard let object = value as? [String: Any] else {
            return Element(line: line, members: nil, problem: "the element is not an object")
        }
        var members: [String: String] = [:]
        var nonText: Set<String> = []
        for (key, value) in object {
            switch value {
            case let text as String: members[key] = text
            case let number as NSNumber: members[key] = number.stringValue
            case is NSNull: members[key] = ""
            default:
                members[key] = ""
                nonText.insert(key)
            }
        }
        // The Google Forms API's responses (`forms.responses.list`) keep the answers under
        // `answers`, by question id: each becomes a member named by its question id, so that
        // `--column first=QUESTION_ID` maps it.
        if let answers = object["answers"] as? [String: Any] {
            for (questionID, answer) in answers {
                guard let answer = answer as? [String: Any], let text = answer["textAnswers"] as? [String: Any],
                    let values = text["answers"] as? [[String: Any]]
                else { continue }
                members[questionID] = values.compactMap { $0["value"] as? String }.joined(separator: ", ")
            }
        }
        return Element(line: line, members: members, problem: nil, nonText: nonText)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Walks JSON bytes just well enough to find where each value ends, counting lines.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line = 1

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
        }

        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while position < bytes.count, JSONReader.isSpace(bytes[position]) {
                if bytes[position] == 0x0A { line += 1 }
                position += 1
            }
        }

        /// Moves past one value: a string, or a container with everything inside it, or a scalar.
        mutating func skipValue() throws {
            guard let first = peek() else { throw FileError(line: line, message: "a value is missing") }
            var depth = 0
            var inString = false
            var escaped = false
            let start = position
            if first != UInt8(ascii: "\"") && first != UInt8(ascii: "[") && first != UInt8(ascii: "{") {
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || JSONReader.isSpace(byte) { break }
                    position += 1
                }
                if position == start { throw FileError(line: line, message: "unexpected '\(Character(Unicode.Scalar(first)))'") }
                return
            }
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == 0x0A { line += 1 }
                if inString {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { return }
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 { return }
                    if depth < 0 { throw FileError(line: line, message: "unbalanced brackets") }
                default: break
                }
            }
            throw FileError(line: line, message: inString ? "a string is not closed" : "a value is not closed")
        }
    }
}
