/// The formats a signature file may come in.
public enum InputFormat: String, Sendable, CaseIterable {
    case csv, json, jsonLines = "jsonl"

    /// Guesses the format from the file name and its first bytes.
    public static func detect(path: String, bytes: UnsafeBufferPointer<UInt8>) -> InputFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonLines }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt") { return .csv }
        var index = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, JSONReader.isSpace(bytes[index]) { index += 1 }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "[") || bytes[index] == UInt8(ascii: "{")) { return .json }
        return .csv
    }
}

/// What one input file yielded.
public struct IntakeResult: Sendable {
    public var records: [SignatureRecord]
    /// The headers the file had (CSV) or the keys of its first object (JSON).
    public var headers: [String]
}

/// Turns the bytes of one signature file into records, each with its `file:line`.
public struct SignatureReader: Sendable {
    /// Column overrides (`--column first=Vorname`).
    public var overrides: [Column: String]
    /// How to decode files that carry no byte-order mark.
    public var encoding: TextEncoding

    /// Creates a reader.
    public init(overrides: [Column: String] = [:], encoding: TextEncoding = .utf8) {
        self.overrides = overrides
        self.encoding = encoding
    }

    /// Reads one file. `firstOrder` numbers its rows after those of earlier files.
    /// Throws a `PipelineError` when the file as a whole cannot be used: no header, missing
    /// required columns, or JSON whose top level is not a signature list.
    public func read(bytes original: [UInt8], path: String, firstOrder: Int) throws -> IntakeResult {
        if original.isEmpty {
            throw PipelineError(stage: .intake, message: "the file is empty: no header line", location: SourceLocation(file: path))
        }
        let bytes = Self.utf8(original, encoding: encoding)
        // A spreadsheet (.xlsx, .ods), an image or a zip is not a signature export: NUL bytes
        // in its first line, or many in its first 4 KB (a stray one in a row only rejects that row).
        let head = bytes.prefix(4096)
        let headerLine = head.prefix { $0 != 0x0A && $0 != 0x0D }
        if headerLine.contains(0) || head.reduce(0, { $0 + ($1 == 0 ? 1 : 0) }) * 100 > head.count {
            throw PipelineError(
                stage: .intake,
                message: "the file is not text (it holds NUL bytes): export the signatures as CSV or JSON",
                location: SourceLocation(file: path))
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            switch InputFormat.detect(path: path, bytes: buffer) {
            case .csv: return try readCSV(buffer, path: path, firstOrder: firstOrder)
            case .json, .jsonLines:
                return try readJSON(buffer, path: path, firstOrder: firstOrder, lines: InputFormat.detect(path: path, bytes: buffer) == .jsonLines)
            }
        }
    }

    /// Converts UTF-16 with a byte-order mark to UTF-8, drops a UTF-8 byte-order mark, and
    /// decodes Windows-1252 when asked to.
    static func utf8(_ bytes: [UInt8], encoding: TextEncoding) -> [UInt8] {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return Array(bytes[3...])
        }
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 2
            while index + 1 < bytes.count {
                let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
                units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
                index += 2
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        }
        if encoding == .windows1252 { return TextEncoding.decodeWindows1252(bytes) }
        return bytes
    }

    private func readCSV(_ buffer: UnsafeBufferPointer<UInt8>, path: String, firstOrder: Int) throws -> IntakeResult {
        var headers: [String]?
        var map = ColumnMap(headers: [])
        var records: [SignatureRecord] = []
        var order = firstOrder
        try CSVReader.read(buffer) { record in
            guard headers != nil else {
                let names = record.fields.map { $0.trimmingSpaces() }
                headers = names
                map = ColumnMap(headers: names, overrides: overrides)
                let missing = map.missing
                if !missing.isEmpty {
                    throw PipelineError(
                        stage: .intake,
                        message: Self.missingColumnsMessage(missing, found: names),
                        location: SourceLocation(file: path, line: record.line))
                }
                return
            }
            let fields = record.fields
            var problem = record.problem
            if problem == nil && fields.count == headers!.count && zip(fields, headers!).allSatisfy({ TextNormalizer.clean($0) == $1 }) {
                // The header again: files pasted one after another.
                problem = "the row repeats the header line (were two exports pasted together?)"
            }
            records.append(SignatureRecord(
                location: SourceLocation(file: path, line: record.line), order: order,
                timestamp: map.value(.time, in: fields), firstName: map.value(.first, in: fields),
                lastName: map.value(.last, in: fields), city: map.value(.city, in: fields),
                region: map.value(.region, in: fields), country: map.value(.country, in: fields),
                email: map.value(.email, in: fields),
                decodingProblem: problem))
            order += 1
        }
        guard let headers else {
            throw PipelineError(stage: .intake, message: "the file is empty: no header line", location: SourceLocation(file: path))
        }
        return IntakeResult(records: records, headers: headers)
    }

    private func readJSON(_ buffer: UnsafeBufferPointer<UInt8>, path: String, firstOrder: Int, lines: Bool) throws -> IntakeResult {
        var records: [SignatureRecord] = []
        var order = firstOrder
        var keys: [String] = []
        var allKeys = Set<String>()
        var map = ColumnMap(headers: [])
        let body: (JSONReader.Element) throws -> Void = { element in
            let location = SourceLocation(file: path, line: element.line)
            guard let members = element.members else {
                records.append(SignatureRecord(location: location, order: order, decodingProblem: element.problem ?? "the element is not an object"))
                order += 1
                return
            }
            let objectKeys = members.keys.sorted()
            if objectKeys != keys {
                // Objects of one export share their keys; map again only when they change.
                keys = objectKeys
                allKeys.formUnion(objectKeys)
                map = ColumnMap(headers: keys, overrides: overrides)
            }
            let fields = keys.map { members[$0] ?? "" }
            records.append(SignatureRecord(
                location: location, order: order,
                timestamp: map.value(.time, in: fields), firstName: map.value(.first, in: fields),
                lastName: map.value(.last, in: fields), city: map.value(.city, in: fields),
                region: map.value(.region, in: fields), country: map.value(.country, in: fields),
                email: map.value(.email, in: fields)))
            order += 1
        }
        do {
            if lines {
                try JSONReader.readLines(buffer, body: body)
            } else {
                try JSONReader.readDocument(buffer, body: body)
            }
        } catch let error as JSONReader.FileError {
            throw PipelineError(stage: .intake, message: error.message, location: SourceLocation(file: path, line: error.line))
        }
        // A column no object has at all means the file is not a signature export.
        let headers = allKeys.sorted()
        let missing = ColumnMap(headers: headers, overrides: overrides).missing
        if !missing.isEmpty && records.contains(where: { $0.decodingProblem == nil }) {
            throw PipelineError(
                stage: .intake, message: Self.missingColumnsMessage(missing, found: headers),
                location: SourceLocation(file: path, line: records[0].location.line))
        }
        return IntakeResult(records: records, headers: headers)
    }

    static func missingColumnsMessage(_ missing: [Column], found: [String]) -> String {
        let names = missing.map { "'\($0.formHeader)'" }.joined(separator: ", ")
        let foundList = found.isEmpty ? "none" : found.map { "'\($0)'" }.joined(separator: ", ")
        return "missing required column\(missing.count == 1 ? "" : "s") \(names); the headers found are \(foundList)"
    }
}

