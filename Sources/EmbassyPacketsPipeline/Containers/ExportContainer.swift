import EmbassyPacketsCore
import Foundation

/// Rows of a table read from a container, with the line a coordinator would see (the spreadsheet row number).
public struct TabularRows: Sendable {
    /// The workbook's file name, e.g. `export.xlsx` (the member's name for a workbook inside a zip).
    public var name: String
    /// The name of the sheet the rows come from, e.g. `Sheet1`.
    public var sheet: String
    /// The non-blank rows, header first, each with its spreadsheet row number; every row is at
    /// least as wide as the first, missing cells read as "".
    public var rows: [(line: Int, fields: [String])]

    /// Creates rows.
    public init(name: String, sheet: String, rows: [(line: Int, fields: [String])]) {
        self.name = name
        self.sheet = sheet
        self.rows = rows
    }
}

/// Exports that come in zip archives: Google Forms' `.csv.zip`, a coordinator's zip of several
/// CSV files, Microsoft Forms' `.xlsx` workbook (itself a zip), one such file zipped again.
/// Everything is read from memory, with limits that keep a zip bomb from filling it.
public enum ExportContainer {
    /// The most a container may decompress to, all members together: 1 GiB.
    public static let sizeLimit: UInt64 = 1 << 30
    /// The most a member may expand (uncompressed over compressed size) once it is larger than
    /// `ratioFloor`. Text and sheet XML compress 3 to 30 times; deflate at most about 1,030.
    public static let ratioLimit: UInt64 = 200
    /// The size from which `ratioLimit` applies: 16 MiB.
    public static let ratioFloor: UInt64 = 16 << 20
    /// The most entries a container may have; an export has one, an xlsx a few dozen.
    public static let entryLimit = 10_000
    /// The extensions of the members read as exports.
    public static let textExtensions: Set<String> = ["csv", "tsv", "txt", "json", "jsonl", "ndjson"]

    /// True when the bytes are a zip archive (PK\x03\x04; also an empty archive PK\x05\x06).
    public static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B
            && ((bytes[2] == 3 && bytes[3] == 4) || (bytes[2] == 5 && bytes[3] == 6))
    }

    /// What a zip holds: an xlsx workbook's first sheet as rows, or the CSV/JSON/TSV/TXT members' bytes with their names.
    public enum Contents: Sendable {
        /// The rows of the workbook's first visible worksheet.
        case workbook(TabularRows)
        /// The export members, in archive order, by their path inside the archive.
        case members([(name: String, bytes: [UInt8])])
    }

    /// Reads a zip from memory (never re-reads the file). Throws `PipelineError(stage: .intake, ...)`
    /// with a one-line message for: a corrupt archive, an encrypted member, an .ods/.docx or other
    /// zip that is not an export (saying what it is and what to export instead), a zip with no
    /// export inside, members that would decompress to more than `sizeLimit` or expand more than
    /// `ratioLimit` times (a zip bomb).
    public static func open(_ bytes: [UInt8], path: String) throws -> Contents {
        let fileName = UserPath.name(path)
        let lower = fileName.lowercased()
        let subject = lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") ? "the workbook" : "the zip archive"
        var budget = sizeLimit
        return try open(bytes, path: path, name: fileName, subject: subject, nested: false, budget: &budget)
    }

    /// One file in the archive.
    private struct Member {
        var record: ZipCentralDirectory.Record
        var name: String
        var method: UInt16 { record.method }
        var lowercased: String { name.lowercased() }
        var fileExtension: String { UserPath.pathExtension(name).lowercased() }
    }

    private static func open(
        _ bytes: [UInt8], path: String, name: String, subject: String, nested: Bool, budget: inout UInt64
    ) throws -> Contents {
        func fail(_ message: String, line: Int = 0) -> PipelineError {
            PipelineError(stage: .intake, message: message, location: SourceLocation(file: path, line: line))
        }
        let damaged = "\(subject) cannot be read as a zip archive: it is damaged or cut short (download it again)"
        guard let records = ZipCentralDirectory.read(bytes) else { throw fail(damaged) }
        guard records.count <= entryLimit else {
            throw fail("\(subject) holds \(records.count) entries, more than an export ever has (\(entryLimit)): refusing it")
        }
        if records.isEmpty { throw fail("\(subject) is empty: it holds no export") }
        let encrypted = records.filter(\.isEncrypted)
        if let first = encrypted.first(where: { !isClutter($0.displayName) && !$0.displayName.hasSuffix("/") }) ?? encrypted.first {
            throw fail("'\(safe(first.displayName))' in \(subject) is encrypted: unzip it with its password and pass the file itself")
        }
        var members: [Member] = []
        for record in records where !record.isFolder && !record.isSymbolicLink {
            let memberName = record.utf8Name ?? record.displayName
            if isClutter(memberName) { continue }
            members.append(Member(record: record, name: memberName))
        }
        if members.isEmpty { throw fail("\(subject) holds only folders and system files (such as __MACOSX): no export") }

        func extract(_ member: Member) throws -> [UInt8] {
            let shown = safe(member.name)
            guard member.method == 0 || member.method == 8 else {
                // Deflate64 (9), bzip2 (12), LZMA (14), zstd (93), xz (95): none is read.
                throw fail("'\(shown)' in \(subject) uses compression method \(member.method), not deflate: zip it again with ordinary (deflate) compression")
            }
            let declared = member.record.uncompressedSize
            let compressed = max(member.record.compressedSize, 1)
            let bomb = "'\(shown)' in \(subject) would decompress to"
            if declared > budget {
                throw fail("\(bomb) more than \(size(sizeLimit)) in all: refusing it as a possible zip bomb")
            }
            if declared > ratioFloor && declared / compressed > ratioLimit {
                throw fail("\(bomb) \(size(declared)) from \(size(compressed)) (\(declared / compressed) times): refusing it as a possible zip bomb")
            }
            // Room for what the member is likely to hold, not what its header claims: a damaged
            // or hostile header may declare megabytes for a few bytes of data.
            // (No arithmetic on a hostile header's sizes may overflow.)
            let likely = compressed < (1 << 40) ? compressed * 16 + (64 << 10) : declared
            let start = member.record.dataOffset
            // ZipCentralDirectory checked that the data lies inside the file.
            let data = bytes[start..<(start + Int(member.record.compressedSize))]
            let output: [UInt8]
            if member.method == 0 {
                guard member.record.compressedSize <= declared else {
                    throw fail("'\(shown)' in \(subject) holds more than its header declares: refusing it as damaged or a zip bomb")
                }
                guard member.record.compressedSize == declared else {
                    throw fail("'\(shown)' in \(subject) is damaged and cannot be decompressed: download it again")
                }
                output = Array(data)
            } else {
                do {
                    output = try ZipInflater.inflate(data, limit: declared, reserve: Int(min(declared, likely)))
                } catch ZipInflater.Failure.overrun {
                    throw fail("'\(shown)' in \(subject) holds more than its header declares: refusing it as damaged or a zip bomb")
                } catch {
                    throw fail("'\(shown)' in \(subject) is damaged and cannot be decompressed: download it again")
                }
            }
            if ZipInflater.crc32(output) != member.record.crc32 || UInt64(output.count) != declared {
                throw fail("'\(shown)' in \(subject) is damaged (its checksum does not match): download it again")
            }
            budget -= UInt64(output.count)
            return output
        }

        var byName: [String: Member] = [:]
        for member in members where byName[member.lowercased] == nil { byName[member.lowercased] = member }
        func has(_ name: String) -> Bool { byName[name] != nil }

        if has("xl/workbook.bin") {
            throw fail("\(subject) is a binary Excel workbook (.xlsb): in Excel choose File > Save As and pick Excel Workbook (.xlsx) or CSV UTF-8")
        }
        if has("word/document.xml") { throw fail("\(subject) is a Word document (.docx), not a form export: \(exportAdvice)") }
        if has("ppt/presentation.xml") { throw fail("\(subject) is a PowerPoint presentation (.pptx), not a form export: \(exportAdvice)") }
        if has("[content_types].xml") || has("xl/workbook.xml") {
            let exact = Dictionary(members.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            do {
                let rows = try XLSXReader.read(name: nested ? UserPath.name(name) : name) { part in
                    guard let member = exact[part] ?? byName[part.lowercased()] else { return nil }
                    return try extract(member)
                }
                return .workbook(rows)
            } catch let failure as XLSXReader.Failure {
                throw fail("\(subject) cannot be read: \(failure.message)", line: failure.row ?? 0)
            }
        }
        if let mimetype = byName["mimetype"], mimetype.record.uncompressedSize <= 200 {
            let type = String(decoding: try extract(mimetype), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw fail("\(subject) is \(describe(mimetype: type))")
        }
        if has("content.xml") && has("meta-inf/manifest.xml") {
            throw fail("\(subject) is an OpenDocument file, not a form export: \(exportAdvice)")
        }
        if members.contains(where: { $0.lowercased.hasPrefix("index/") && $0.lowercased.hasSuffix(".iwa") }) {
            throw fail("\(subject) is an Apple Numbers (iWork) document: in Numbers choose File > Export To > CSV")
        }

        let exports = members.filter { textExtensions.contains($0.fileExtension) }
        let containers = members.filter { ["xlsx", "xlsm", "zip"].contains($0.fileExtension) }
        if !exports.isEmpty {
            if let other = containers.first {
                throw fail("\(subject) holds both text exports and '\(safe(other.name))': unzip it and pass the files one by one")
            }
            return .members(try exports.map { (name: $0.name, bytes: try extract($0)) })
        }
        if containers.count == 1 && !nested {
            let member = containers[0]
            let inner = try extract(member)
            let innerSubject = "'\(safe(member.name))' in the zip archive"
            guard isZip(inner) else { throw fail("\(innerSubject) is not a zip archive or workbook: it is damaged") }
            return try open(inner, path: path, name: member.name, subject: innerSubject, nested: true, budget: &budget)
        }
        if containers.count > 1 {
            throw fail("\(subject) holds \(containers.count) workbooks or archives: unzip it and pass them one by one")
        }
        if let member = containers.first {
            throw fail("\(subject) holds another archive, '\(safe(member.name))': unzip it first")
        }
        if let member = members.first(where: { $0.fileExtension == "xls" }) {
            throw fail("\(subject) holds an Excel 97-2003 workbook ('\(safe(member.name))'): open it in Excel and save it as .xlsx or CSV UTF-8")
        }
        if let member = members.first(where: { ["ods", "numbers"].contains($0.fileExtension) }) {
            throw fail("\(subject) holds a spreadsheet document ('\(safe(member.name))'), not an export: save it as CSV UTF-8 or .xlsx")
        }
        let kinds = Set(members.map { $0.fileExtension.isEmpty ? "no extension" : "." + $0.fileExtension }).sorted()
        let shown = kinds.prefix(5).joined(separator: ", ") + (kinds.count > 5 ? ", …" : "")
        throw fail(
            "\(subject) holds no CSV, TSV, TXT, JSON or .xlsx export (it holds \(members.count) file\(members.count == 1 ? "" : "s"): \(shown))")
    }


    private static let exportAdvice = "download the responses as CSV (Google Forms) or as an .xlsx workbook (Microsoft Forms)"

    /// What an OpenDocument or EPUB `mimetype` says the file is, and what to do instead.
    private static func describe(mimetype: String) -> String {
        switch mimetype {
        case "application/vnd.oasis.opendocument.spreadsheet":
            return "an OpenDocument spreadsheet (.ods), not an export: in LibreOffice choose File > Save As and pick Text CSV (or Excel 2007-365 .xlsx)"
        case "application/vnd.oasis.opendocument.text":
            return "an OpenDocument text document (.odt), not a form export: \(exportAdvice)"
        case "application/vnd.oasis.opendocument.presentation":
            return "an OpenDocument presentation (.odp), not a form export: \(exportAdvice)"
        case "application/epub+zip":
            return "an EPUB book, not a form export: \(exportAdvice)"
        default:
            return "a '\(mimetype.prefix(80))' document, not a form export: \(exportAdvice)"
        }
    }

    /// Entries that are not anyone's data: macOS resource forks and folders, Finder and
    /// Explorer files, Office lock files.
    static func isClutter(_ name: String) -> Bool {
        let components = name.split(separator: "/")
        if components.contains("__MACOSX") { return true }
        guard let last = components.last else { return true }
        return last.hasPrefix("._") || last.hasPrefix("~$") || last == ".DS_Store" || last == "Thumbs.db" || last == "desktop.ini"
    }

    /// A member's name for a message, with any email address in it masked.
    static func safe(_ name: String) -> String {
        guard name.contains("@") else { return name }
        let isAddressCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || "._%+-@".contains($0) }
        var result = ""
        var word = ""
        func flush() {
            result += word.contains("@") ? EmailMask.mask(word) : word
            word = ""
        }
        for character in name {
            if isAddressCharacter(character) {
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// `512 KiB`, `3 MiB`, `1 GiB`.
    static func size(_ bytes: UInt64) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
