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
    /// What the reader decided on its own and the coordinator should know: the encoding it
    /// detected, the email column it chose, the date order, damaged text.
    public var notices: [Diagnostic] = []
    /// The encoding the file was read in.
    public var encoding: TextEncoding = .utf8
    /// The encoding's name for the manifest: as `encoding`, or `utf-16le`/`utf-16be`.
    public var encodingName: String = "utf-8"
    /// Under `--source paper`, for a file without a `Sheet` column: the sheet id its name gives.
    public var fileSheet: String?
}

/// Turns the bytes of one signature file into records, each with its `file:line`.
public struct SignatureReader: Sendable {
    /// Column overrides (`--column first=Vorname`).
    public var overrides: [Column: String]
    /// How to decode files that carry no byte-order mark and are not UTF-8; nil detects it.
    public var encoding: TextEncoding?
    /// The date order the user chose (`--date-order`); nil decides it from each file's values.
    public var dateOrder: DateOrder?
    /// False with `--dedup name`: the email column may be absent.
    public var emailRequired: Bool
    /// The latest plausible signing instant (the run's clock, a day ahead); nil checks nothing.
    public var latest: Int64?
    /// `--source paper`: every file holds rows typed in from paper signature sheets (a file
    /// without a `Sheet` column is one sheet); rows may have no email.
    public var paper = false

    /// Creates a reader.
    public init(overrides: [Column: String] = [:], encoding: TextEncoding? = nil, dateOrder: DateOrder? = nil, emailRequired: Bool = true) {
        self.overrides = overrides
        self.encoding = encoding
        self.dateOrder = dateOrder
        self.emailRequired = emailRequired
    }

    /// Reads one file. `firstOrder` numbers its rows after those of earlier files.
    /// Throws a `PipelineError` when the file as a whole cannot be used: no header, missing
    /// required columns, or JSON whose top level is not a signature list.
    public func read(bytes original: [UInt8], path: String, firstOrder: Int) throws -> IntakeResult {
        if original.isEmpty {
            throw PipelineError(stage: .intake, message: "the file is empty: no header line", location: SourceLocation(file: path))
        }
        if original.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw PipelineError(
                stage: .intake,
                message: "the file is an Excel 97-2003 workbook (.xls) or a password-protected one: save it without a password as .xlsx or \"CSV UTF-8\"",
                location: SourceLocation(file: path))
        }
        let (bytes, used, detected) = Self.utf8(original, encoding: encoding)
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
        var result = try bytes.withUnsafeBufferPointer { buffer in
            switch InputFormat.detect(path: path, bytes: buffer) {
            case .csv: return try readCSV(buffer, path: path, firstOrder: firstOrder)
            case .json, .jsonLines:
                return try readJSON(buffer, path: path, firstOrder: firstOrder, lines: InputFormat.detect(path: path, bytes: buffer) == .jsonLines)
            }
        }
        result.fileSheet = placeOnSheets(&result.records, headers: result.headers, path: path, notices: &result.notices)
        result.encoding = used
        result.encodingName = original.starts(with: [0xFF, 0xFE]) ? "utf-16le" : original.starts(with: [0xFE, 0xFF]) ? "utf-16be" : used.rawValue
        if detected {
            result.notices.insert(Diagnostic(
                .note, id: DiagnosticID.intakeEncodingDetected,
                message: "the file is not UTF-8: read as \(used.rawValue) (\(used.script)); if names look wrong, name the encoding with --encoding, or export as \"CSV UTF-8\"",
                location: SourceLocation(file: path)), at: 0)
        }
        return result
    }

    /// Reads rows that a container already split into fields (a spreadsheet's first sheet):
    /// the first non-empty row is the header; `line` is the row number a coordinator sees.
    public func read(rows: [(line: Int, fields: [String])], path: String, firstOrder: Int) throws -> IntakeResult {
        var table = Table(reader: self, path: path, order: firstOrder)
        for row in rows { try table.add(CSVReader.Record(line: row.line, fields: row.fields, problem: nil)) }
        var result = try table.finish()
        result.fileSheet = placeOnSheets(&result.records, headers: result.headers, path: path, notices: &result.notices)
        return result
    }

    /// Converts UTF-16 with a byte-order mark to UTF-8, drops a UTF-8 byte-order mark, and
    /// decodes a code page when the bytes are not UTF-8 (the one named, else the one detected).
    /// Returns the bytes, the encoding used, and whether it was detected rather than named.
    static func utf8(_ bytes: [UInt8], encoding: TextEncoding?) -> ([UInt8], TextEncoding, Bool) {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return (Array(bytes[3...]), .utf8, false)
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
            return (Array(String(decoding: units, as: UTF16.self).utf8), .utf8, false)
        }
        if let encoding, encoding != .utf8 { return (encoding.decode(bytes), encoding, false) }
        if bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) != nil }) { return (bytes, .utf8, false) }
        let (valid, invalid) = utf8Census(bytes)
        // Mostly UTF-8 with a few bad bytes is UTF-8 with damaged rows (rejected one by one);
        // a file whose non-ASCII bytes are mostly not UTF-8 is a code page.
        if invalid == 0 || encoding == .utf8 || valid > invalid { return (bytes, .utf8, false) }
        let detected = TextEncoding.detect(bytes)
        return (detected.decode(bytes), detected, true)
    }

    /// Counts well-formed multi-byte UTF-8 sequences and bytes that are not part of one.
    static func utf8Census(_ bytes: [UInt8]) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte <= 0xDF ? 2 : 0
            var ok = length > 0 && index + length <= count
            if ok { for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { ok = false } }
            if ok {
                valid += 1
                index += length
            } else {
                invalid += 1
                index += 1
            }
        }
        return (valid, invalid)
    }

    private func readCSV(_ buffer: UnsafeBufferPointer<UInt8>, path: String, firstOrder: Int) throws -> IntakeResult {
        var table = Table(reader: self, path: path, order: firstOrder)
        try CSVReader.read(buffer) { record in try table.add(record) }
        return try table.finish()
    }

    private func readJSON(_ buffer: UnsafeBufferPointer<UInt8>, path: String, firstOrder: Int, lines: Bool) throws -> IntakeResult {
        var records: [SignatureRecord] = []
        var alternates: [String] = []
        var order = firstOrder
        var keys: [String] = []
        var allKeys = Set<String>()
        var map = ColumnMap(headers: [])
        var firstMap: ColumnMap?
        let body: (JSONReader.Element) throws -> Void = { element in
            let location = SourceLocation(file: path, line: element.line)
            guard let members = element.members else {
                records.append(SignatureRecord(location: location, order: order, decodingProblem: element.problem ?? "the element is not an object"))
                alternates.append("")
                order += 1
                return
            }
            let objectKeys = members.keys.sorted()
            if objectKeys != keys {
                // Objects of one export share their keys; map again only when they change.
                keys = objectKeys
                allKeys.formUnion(objectKeys)
                map = ColumnMap(headers: keys, overrides: overrides)
                if firstMap == nil { firstMap = map }
            }
            let fields = keys.map { members[$0] ?? "" }
            var record = Self.record(fields, map: map, location: location, order: order)
            if !element.nonText.isEmpty,
                let column = Column.allCases.first(where: { map.header(of: $0).map(element.nonText.contains) ?? false })
            {
                record.decodingProblem = "the '\(map.header(of: column)!)' value is an object or a list, not text"
            }
            records.append(record)
            alternates.append(map.alternateEmail(in: fields))
            order += 1
        }
        var readAsLines: [Diagnostic] = []
        do {
            if lines {
                try JSONReader.readLines(buffer, body: body)
            } else {
                try JSONReader.readDocument(buffer, body: body)
            }
        } catch let error as JSONReader.FileError {
            // JSON Lines saved as .json: read it as what it is, and say so.
            guard !lines, JSONReader.looksLikeLines(buffer) else {
                throw PipelineError(stage: .intake, message: error.message, location: SourceLocation(file: path, line: error.line))
            }
            records = []
            alternates = []
            order = firstOrder
            keys = []
            allKeys = []
            firstMap = nil
            try JSONReader.readLines(buffer, body: body)
            readAsLines = [Diagnostic(
                .note, id: DiagnosticID.intakeJsonLines, message: "the file holds one JSON object per line (JSON Lines), not one JSON document: read as JSON Lines (name it .jsonl to say so)",
                location: SourceLocation(file: path))]
        }
        // A column no object has at all means the file is not a signature export.
        let headers = allKeys.sorted()
        let union = ColumnMap(headers: headers, overrides: overrides)
        let missing = union.missing(emailRequired: emailRequired)
        if !missing.isEmpty && records.contains(where: { $0.decodingProblem == nil }) {
            throw PipelineError(
                stage: .intake, message: Self.missingColumnsMessage(missing, map: union, emailRequired: emailRequired),
                location: SourceLocation(file: path, line: records[0].location.line))
        }
        var notices = readAsLines + Self.unmatchedOverrideNotices(union, path: path)
        try Self.finish(&records, alternates: alternates, map: firstMap ?? union, path: path, dateOrder: dateOrder, latest: latest, notices: &notices)
        return IntakeResult(records: records, headers: headers, notices: notices)
    }

    /// A record from a row's fields.
    @inline(__always)
    static func record(_ fields: [String], map: ColumnMap, location: SourceLocation, order: Int) -> SignatureRecord {
        var record = SignatureRecord(
            location: location, order: order,
            timestamp: map.value(.time, in: fields), firstName: map.value(.first, in: fields),
            lastName: map.value(.last, in: fields), city: map.value(.city, in: fields),
            region: map.value(.region, in: fields), country: map.value(.country, in: fields),
            email: map.value(.email, in: fields), consent: map.value(.consent, in: fields))
        if map.isPaper {
            record.sheet = map.value(.sheet, in: fields).trimmingSpaces()
            record.sheetLine = map.value(.line, in: fields).trimmingSpaces()
        }
        return record
    }

    /// A table's rows as they arrive: the header first, then records checked for their shape.
    struct Table {
        let reader: SignatureReader
        let path: String
        var order: Int
        var headers: [String]?
        var map = ColumnMap(headers: [])
        var records: [SignatureRecord] = []
        var alternates: [String] = []
        /// Lines where another header changed the layout.
        var layoutChanges: [Int] = []

        /// The column each non-ASCII field names as a header, if any: cities, regions and given
        /// names repeat, and their check (Unicode cleaning) is the costly one. Bounded.
        private var aliasOf: [String: Column?] = [:]

        /// True when at least three of the fields are headers of required columns.
        mutating func looksLikeHeader(_ fields: [String]) -> Bool {
            // A row whose email column holds an address (something@something.something) is a
            // signature: no header cell reads like one. This spares the check for nearly every row.
            if Self.holdsAddress(map.value(.email, in: fields)) { return false }
            var columns = Set<Column>()
            for field in fields.prefix(64) where field.utf8.count <= 200 {
                let column: Column?
                if field.utf8.allSatisfy({ $0 < 0x80 }) {
                    column = HeaderAliases.column(ofField: field)
                } else if let known = aliasOf[field] {
                    column = known
                } else {
                    column = HeaderAliases.column(ofField: field)
                    if aliasOf.count >= 65_536 { aliasOf.removeAll(keepingCapacity: true) }
                    aliasOf[field] = column
                }
                if let column, Column.required.contains(column) { columns.insert(column) }
            }
            return columns.count >= 3
        }

        /// True for "a@b.c"-shaped text: an at sign with a dot somewhere after it.
        static func holdsAddress(_ text: String) -> Bool {
            var sawAt = false
            for byte in text.utf8 {
                if byte == 0x40 { sawAt = true } else if byte == 0x2E && sawAt { return true }
            }
            return false
        }

        init(reader: SignatureReader, path: String, order: Int) {
            self.reader = reader
            self.path = path
            self.order = order
        }

        mutating func add(_ record: CSVReader.Record) throws {
            guard let headers else {
                if record.fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { return }
                let names = record.fields.map { $0.trimmingSpaces() }
                self.headers = names
                map = ColumnMap(headers: names, overrides: reader.overrides)
                let missing = map.missing(emailRequired: reader.emailRequired)
                if !missing.isEmpty {
                    throw PipelineError(
                        stage: .intake,
                        message: SignatureReader.missingColumnsMessage(missing, map: map, emailRequired: reader.emailRequired),
                        location: SourceLocation(file: path, line: record.line))
                }
                return
            }
            let fields = record.fields
            var problem = record.problem
            var problemID = record.problemID
            if problem == nil && fields.count == headers.count && zip(fields, headers).allSatisfy({ TextNormalizer.clean($0) == $1 }) {
                // The header again: files pasted one after another.
                problem = "the row repeats the header line (were two exports pasted together?)"
            } else if problem == nil, looksLikeHeader(fields) {
                // Another export's header, in another layout or language: the rows after it are
                // read by it, so that its columns are not read into the wrong fields.
                let names = fields.map { TextNormalizer.clean($0) }
                let next = ColumnMap(headers: names, overrides: reader.overrides)
                if next.missing(emailRequired: reader.emailRequired).isEmpty {
                    self.headers = names
                    map = next
                    problem = "the row is a header line in another layout (were two exports pasted together?): the rows after it are read by it"
                    problemID = DiagnosticID.signatureHeaderRow
                    layoutChanges.append(record.line)
                }
            }
            // A row with more cells than the header is refused even when the extra ones are empty:
            // an unquoted separator in the middle of a row whose last cell is empty looks the same.
            // (Checked after the header checks: another export's header may have other columns.)
            if problem == nil && fields.count != headers.count {
                problem = "the row has \(fields.count) field\(fields.count == 1 ? "" : "s") where the header has \(headers.count): a cell was dropped or added (an unquoted separator?), so its values would be read into the wrong columns"
                problemID = DiagnosticID.signatureWrongFieldCount
            }
            var signature = SignatureReader.record(fields, map: map, location: SourceLocation(file: path, line: record.line), order: order)
            if let problem {
                signature.decodingProblem = problem
                signature.problemID = problemID
            }
            records.append(signature)
            alternates.append(map.alternateEmail(in: fields))
            order += 1
        }

        mutating func finish() throws -> IntakeResult {
            guard let headers else {
                throw PipelineError(stage: .intake, message: "the file is empty: no header line", location: SourceLocation(file: path))
            }
            var notices = SignatureReader.unmatchedOverrideNotices(map, path: path)
            if !layoutChanges.isEmpty {
                notices.append(Diagnostic(
                    .warning, id: DiagnosticID.intakeHeaderChanges,
                    message: "the file holds \(layoutChanges.count == 1 ? "another header" : "\(layoutChanges.count) more headers") (\(SignatureReader.lines(layoutChanges))): the rows after each are read by its columns; its dates are read in the first header's date order, so give each export as a file of its own if they come from other locales",
                    location: SourceLocation(file: path)))
            }
            try SignatureReader.finish(&records, alternates: alternates, map: map, path: path, dateOrder: reader.dateOrder, latest: reader.latest, notices: &notices)
            return IntakeResult(records: records, headers: headers, notices: notices)
        }
    }

    /// What is decided for a whole file once all its rows are read: which email column holds
    /// the addresses, the date order of the timestamp column, and text a spreadsheet damaged.
    static func finish(
        _ records: inout [SignatureRecord], alternates: [String], map: ColumnMap, path: String, dateOrder: DateOrder?,
        latest: Int64? = nil, notices: inout [Diagnostic]
    ) throws {
        let file = SourceLocation(file: path)
        // The email column: a platform's "Email" holds "anonymous" on public forms.
        if map.alternateEmail >= 0, let chosen = map.header(of: .email) {
            let valid = records.contains { EmailCanonicalizer.canonical($0.email).map(EmailAddress.isValidCanonical) ?? false }
            let alternateValid = alternates.contains { EmailCanonicalizer.canonical($0).map(EmailAddress.isValidCanonical) ?? false }
            if !valid && alternateValid {
                var switched = map
                switched.switchToAlternateEmail()
                for index in records.indices { records[index].email = alternates[index] }
                notices.append(Diagnostic(
                    .note, id: DiagnosticID.intakeEmailColumn,
                    message: "the column '\(chosen)' holds no email address; the addresses are read from '\(switched.header(of: .email) ?? "")' instead",
                    location: file))
            }
        }
        // The timestamp column's date order, decided from all its values.
        if map.header(of: .time) != nil {
            var values: [String] = []
            values.reserveCapacity(records.count)
            for record in records where record.decodingProblem == nil && !record.timestamp.isEmpty { values.append(record.timestamp) }
            // The values decide first; --date-order only chooses for a column they leave open,
            // and never overrides dates that prove the other order.
            var column = TimestampColumn.decide(values, hint: map.dateOrderHint, forced: nil)
            let header = map.header(of: .time) ?? "Timestamp"
            if let dateOrder {
                switch column.evidence {
                case .hinted, .defaulted:
                    column = TimestampColumn(order: dateOrder, evidence: .chosen)
                case .settled(let index) where column.order != dateOrder:
                    notices.append(Diagnostic(
                        .warning, id: DiagnosticID.intakeDateOrderIgnored,
                        message: "--date-order \(dateOrder.rawValue) is not used for the '\(header)' column: its date '\(values[index])' can only be \(column.order.rawValue)",
                        location: file))
                default:
                    break
                }
            }
            switch column.evidence {
            case .conflicting(let dmyAt, let mdyAt):
                throw PipelineError(
                    stage: .intake,
                    message: "the '\(header)' column mixes day-first dates ('\(values[dmyAt])') and month-first dates ('\(values[mdyAt])'): were exports from two locales pasted together? Split them into one file per export and give each file on its own",
                    location: file)
            case .hinted, .defaulted:
                notices.append(Diagnostic(
                    .warning, id: DiagnosticID.intakeAmbiguousDateOrder,
                    message: "no date in the '\(header)' column has a day over 12, so day-first and month-first read alike: read as \(column.order.rawValue) (\(column.evidence == .hinted ? "what '\(header)' implies" : "no locale says otherwise")); if that is wrong, pass --date-order \(column.order == .dmy ? "mdy" : "dmy")",
                    location: file))
            default:
                break
            }
            var unreadable: [Int] = []
            for index in records.indices where records[index].decodingProblem == nil && !records[index].timestamp.isEmpty {
                records[index].submittedAt = column.parse(records[index].timestamp)
                if records[index].submittedAt == nil { unreadable.append(records[index].location.line) }
            }
            if let latest {
                let future = records.filter { ($0.submittedAt ?? Int64.min) > latest }.map(\.location.line)
                if !future.isEmpty {
                    notices.append(Diagnostic(
                        .warning, id: DiagnosticID.intakeFutureTimestamp,
                        message: "\(future.count) timestamp\(future.count == 1 ? " is" : "s are") later than today (\(Self.lines(future))): a wrong year or date order? They print and count as written",
                        location: file))
                }
            }
            if !unreadable.isEmpty {
                notices.append(Diagnostic(
                    .warning, id: DiagnosticID.intakeUnreadableTimestamp,
                    message: "\(unreadable.count) timestamp\(unreadable.count == 1 ? "" : "s") in '\(header)' could not be read (\(Self.lines(unreadable))): those rows print no signing date and count in file order among duplicates",
                    location: file))
            }
        }
        // Letters a spreadsheet could not save became "?" (or U+FFFD): the row is kept.
        var damaged: [Int] = []
        for record in records where record.decodingProblem == nil {
            if isDamaged(record.firstName) || isDamaged(record.lastName) || isDamaged(record.city) || isDamaged(record.region) {
                damaged.append(record.location.line)
            }
        }
        if !damaged.isEmpty {
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.intakeDamagedText,
                message: "\(damaged.count) row\(damaged.count == 1 ? "" : "s") hold '?' where a spreadsheet replaced letters it could not save (\(Self.lines(damaged))): they are printed as they are; export the responses again as \"CSV UTF-8\" to keep every letter",
                location: file))
        }
    }

    /// True when text holds U+FFFD, or a "?" touching a letter ("?ukasz", "Nguy?n").
    static func isDamaged(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == 0xEF }) else { return false }
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.value == 0xFFFD { return true }
            guard scalar == "?" else { continue }
            let before = index > 0 && scalars[index - 1].properties.isAlphabetic
            let after = index + 1 < scalars.count && scalars[index + 1].properties.isAlphabetic
            if after || (before && index + 1 < scalars.count && scalars[index + 1] != " ") { return true }
        }
        return false
    }

    /// "lines 4, 9 and 17", at most 10 of them.
    static func lines(_ lines: [Int]) -> String {
        let shown = lines.prefix(10).map(String.init)
        let list = shown.count == 1 ? shown[0] : shown.dropLast().joined(separator: ", ") + " and " + shown.last!
        return (lines.count == 1 ? "line " : "lines ") + list + (lines.count > 10 ? " and \(lines.count - 10) more" : "")
    }

    /// A warning for each `--column` whose header the file does not have, and for each column
    /// several headers name.
    static func unmatchedOverrideNotices(_ map: ColumnMap, path: String) -> [Diagnostic] {
        map.rivals.sorted { $0.key.ordinal < $1.key.ordinal }.map { column, headers in
            let chosen = map.header(of: column) ?? headers[0]
            return Diagnostic(
                .warning, id: DiagnosticID.intakeSeveralColumns,
                message: "\(headers.count) columns could be the \(column.formHeader): \(headers.map { "'\($0)'" }.joined(separator: ", ")); reading '\(chosen)' (choose another with --column \(column.rawValue)=HEADER)",
                location: SourceLocation(file: path))
        } + map.unmatchedOverrides.sorted { $0.key.ordinal < $1.key.ordinal }.map { column, header in
            Diagnostic(
                .warning, id: DiagnosticID.intakeUnknownColumnOverride,
                message: "--column \(column.rawValue)=\(header): the file has no header '\(header)'; the headers are \(map.headers.map { "'\($0)'" }.joined(separator: ", "))",
                location: SourceLocation(file: path))
        }
    }

    /// Names the missing columns, the closest header for each, and the flag that maps it.
    static func missingColumnsMessage(_ missing: [Column], map: ColumnMap, emailRequired: Bool = true) -> String {
        let names = missing.map { "'\($0.formHeader)'" }.joined(separator: ", ")
        let found = map.headers
        let foundList = found.isEmpty ? "none" : found.map { "'\($0)'" }.joined(separator: ", ")
        var message = "missing required column\(missing.count == 1 ? "" : "s") \(names); the headers found are \(foundList)"
        var flags: [String] = []
        var suggested = Set<String>()
        for column in missing where column != .email || emailRequired {
            if let header = map.closestHeader(for: column, excluding: suggested) {
                suggested.insert(header)
                flags.append("--column \(column.rawValue)=\(shellQuoted(header))")
            }
        }
        if !flags.isEmpty {
            message += "; if the closest header is the right one, add: " + flags.joined(separator: " ")
        } else {
            message += "; map a header to each with --column COLUMN=HEADER"
        }
        if missing.contains(.email) && emailRequired {
            message += "; an export with no email addresses at all can be read with --dedup name (each signer counted once by name, city and country)"
        }
        return message
    }

    /// A header as a shell word.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "_-./".unicodeScalars.contains($0) }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
