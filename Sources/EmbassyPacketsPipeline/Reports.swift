import EmbassyPacketsCore
import Foundation

/// `DIR/reports/rejected.csv` and `duplicates.csv`: every row that was not delivered, with its
/// file, line and reason, for a coordinator to open in a spreadsheet. UTF-8 with a byte-order
/// mark (so that Excel reads it as UTF-8), emails masked, formulas neutralised.
public enum Reports {
    static let rejectedHeader = ["File", "Line", "Reason", "Message", "Timestamp", "First Name", "Last Name", "City", "State or Province", "Country", "Email Address"]
    static let duplicatesHeader = ["File", "Line", "Reason", "Counted At", "First Name", "Last Name", "City", "State or Province", "Country", "Email Address"]
    static let unroutedHeader = ["File", "Line", "Reason", "Message", "First Name", "Last Name", "City", "State or Province", "Country"]

    /// Writes the reports into `folder` (created if needed).
    /// Returns each report's record, named relative to the folder's parent (`reports/rejected.csv`).
    @discardableResult
    public static func write(_ sorted: SortedRows, to folder: String) throws -> [Manifest.FileRecord] {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var records: [Manifest.FileRecord] = []
            for (name, text) in [("rejected.csv", rejected(sorted)), ("duplicates.csv", duplicates(sorted)), ("unrouted.csv", unrouted(sorted))] {
                let bytes = try save(text, to: UserPath.join(folder, name))
                records.append(Manifest.FileRecord(file: "\(UserPath.name(folder))/\(name)", sha256: Generator.sha256Hex(bytes), bytes: bytes.count))
            }
            return records
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(stage: .output, message: "cannot write the reports: \(SystemError.reason(error))", location: SourceLocation(file: folder))
        }
    }

    /// The rejected rows as CSV text.
    public static func rejected(_ sorted: SortedRows) -> String {
        var csv = CSVWriter(header: rejectedHeader)
        for row in sorted.rejected {
            let record = row.record
            csv.appendMasked([
                row.location.file, String(row.location.line), row.reason.id, row.reason.message, record.timestamp,
                record.firstName, record.lastName, record.city, record.region, record.country,
                record.email.isEmpty ? "" : EmailMask.mask(record.email),
            ])
        }
        return csv.text
    }

    /// The duplicates as CSV text; "Counted At" is the `file:line` of the row that counts.
    public static func duplicates(_ sorted: SortedRows) -> String {
        var csv = CSVWriter(header: duplicatesHeader)
        for duplicate in sorted.duplicates {
            let signature = duplicate.signature
            csv.appendMasked([
                signature.location.file, String(signature.location.line), DiagnosticID.signatureDuplicate, duplicate.keptAt.description,
                signature.firstName, signature.lastName, signature.city, signature.region, signature.countryCode,
                signature.emailKey.hasPrefix("name:") ? "" : EmailMask.mask(signature.emailKey),
            ])
        }
        return csv.text
    }

    /// The unrouted signers as CSV text (no email column: they are valid signers).
    public static func unrouted(_ sorted: SortedRows) -> String {
        var csv = CSVWriter(header: unroutedHeader)
        for row in sorted.unrouted {
            let signature = row.signature
            csv.appendMasked([
                signature.location.file, String(signature.location.line), row.reason.id, row.reason.message,
                signature.firstName, signature.lastName, signature.city, signature.region, signature.countryCode,
            ])
        }
        return csv.text
    }

    /// Writes CSV text as the reports are written (UTF-8 with a byte-order mark); the bytes.
    static func save(_ text: String, to path: String) throws -> [UInt8] {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(text.utf8))
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return [UInt8](data)
    }
}

/// Writes RFC 4180 CSV with CRLF line ends, quoting where needed.
public struct CSVWriter {
    public private(set) var text = ""

    /// Starts a file with its header row.
    public init(header: [String]) { append(header) }

    /// Appends one row.
    public mutating func append(_ fields: [String]) {
        text += fields.map { Self.field($0) }.joined(separator: ",") + "\r\n"
    }

    /// Appends one row of a report: anything shaped like an email address is masked first,
    /// whichever column the signer typed it in.
    public mutating func appendMasked(_ fields: [String]) {
        append(fields.map(AddressMask.mask))
    }

    /// One field, neutralised against formula injection and quoted when it must be.
    public static func field(_ value: String) -> String {
        var value = value
        // A spreadsheet runs a cell that begins with = + - @ (or a tab or CR) as a formula:
        // a leading apostrophe makes it text, and the signer's value is still all there.
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
