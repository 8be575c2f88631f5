import EmbassyPacketsCore
@testable import EmbassyPacketsPipeline
import Foundation
import Testing

/// Zip archives as exports arrive (Fixtures/containers/make.py) and zips that are not exports.
@Suite("Export containers")
struct ExportContainerTests {
    static let folder = TestSupport.path("Tests/EmbassyPacketsTests/Fixtures/containers")

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
    }

    static func members(_ bytes: [UInt8], path: String = "export.zip") throws -> [(name: String, bytes: [UInt8])] {
        guard case .members(let members) = try ExportContainer.open(bytes, path: path) else {
            Issue.record("expected text members")
            return []
        }
        return members
    }

    /// The message of the intake error that opening `bytes` throws, or nil when it throws none.
    static func failure(_ bytes: [UInt8], path: String = "export.zip") -> PipelineError? {
        do {
            _ = try ExportContainer.open(bytes, path: path)
            return nil
        } catch let error as PipelineError {
            return error
        } catch {
            Issue.record("not a PipelineError: \(error)")
            return nil
        }
    }

    static let googleCSV =
        "\"Timestamp\",\"First Name\",\"Last Name\",\"City\",\"State or Province\",\"Country\",\"Email Address\"\r\n"
        + "\"2024/01/15 9:30:12 AM GMT-5\",\"민준\",\"김\",\"서울\",\"서울특별시\",\"대한민국\",\"minjun@example.kr\"\r\n"
        + "\"2024/01/15 11:02:40 PM GMT-5\",\"محمد\",\"علي\",\"القاهرة\",\"القاهرة\",\"Egypt\",\"mohamed@example.eg\"\r\n"
        + "\"2024/01/16 8:15:00 AM GMT-5\",\"Ann\",\"Lee\",\"Brighton & Hove\",\"East Sussex\",\"United Kingdom\",\"ann.lee@example.co.uk\"\r\n"

    @Test("isZip knows a local file header and an empty archive, and nothing else")
    func recognisesZip() throws {
        #expect(ExportContainer.isZip(try Self.fixture("microsoft-forms.xlsx")))
        #expect(ExportContainer.isZip(ZipBuilder.zip([(String, String)]())))
        #expect(!ExportContainer.isZip(Array("Timestamp,First Name\n".utf8)))
        #expect(!ExportContainer.isZip([0x50, 0x4B]))
        #expect(!ExportContainer.isZip([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))  // an encrypted or 97-2003 Office file
    }

    @Test("Google Forms' .csv.zip gives its one CSV, inflated byte for byte")
    func googleForms() throws {
        let members = try Self.members(try Self.fixture("Petition to Xi Jinping (Responses).csv.zip"))
        #expect(members.map(\.name) == ["Petition to Xi Jinping (Responses).csv"])
        #expect(members.first.map { String(decoding: $0.bytes, as: UTF8.self) } == Self.googleCSV)
    }

    @Test("The CSV inside reads as signatures, and the workbook's dates as timestamps")
    func readable() throws {
        let member = try Self.members(try Self.fixture("Petition to Xi Jinping (Responses).csv.zip"))[0]
        let result = try SignatureReader().read(bytes: member.bytes, path: "in.zip/" + member.name, firstOrder: 0)
        #expect(result.records.map(\.city) == ["서울", "القاهرة", "Brighton & Hove"])
        #expect(result.records.map(\.location.line) == [2, 3, 4])
        guard case .workbook(let table) = try ExportContainer.open(try Self.fixture("microsoft-forms.xlsx"), path: "f.xlsx") else {
            Issue.record("expected a workbook")
            return
        }
        // 2024-01-15 09:30:12 UTC.
        #expect(TimestampParser.parse(table.rows[1].fields[1]) == 1_705_311_012)
    }

    @Test("A Finder zip gives its CSVs in order, without __MACOSX, ._ files, .DS_Store or folders")
    func macOSZip() throws {
        let members = try Self.members(try Self.fixture("Signatures (macOS).zip"))
        // The Korean name is UTF-8 without the UTF-8 flag, as macOS writes it.
        #expect(members.map(\.name) == ["Signatures/서명.csv", "Signatures/paper-forms.csv"])
        let lines = Self.googleCSV.components(separatedBy: "\r\n")
        #expect(String(decoding: members[0].bytes, as: UTF8.self) == lines[0...2].joined(separator: "\r\n") + "\r\n")
        #expect(String(decoding: members[1].bytes, as: UTF8.self) == [lines[0], lines[3]].joined(separator: "\r\n") + "\r\n")
    }

    @Test("CSV, TSV, TXT, JSON and JSONL members are exports; other files are passed over")
    func memberKinds() throws {
        let bytes = ZipBuilder.zip([
            ("a.CSV", "x"), ("b.tsv", "y"), ("c.txt", "z"), ("d.json", "[]"), ("e.jsonl", "{}"), ("readme.pdf", "%PDF"),
            ("~$lock.csv", "lock"), ("Thumbs.db", ""),
        ])
        #expect(try Self.members(bytes).map(\.name) == ["a.CSV", "b.tsv", "c.txt", "d.json", "e.jsonl"])
    }

    @Test("A workbook zipped again, or a .csv.zip zipped again, is opened one level down")
    func nested() throws {
        let workbook = try Self.fixture("microsoft-forms.xlsx")
        guard case .workbook(let rows) = try ExportContainer.open(ZipBuilder.zip([(name: "forms/export.xlsx", bytes: workbook)]), path: "x.zip") else {
            Issue.record("expected a workbook")
            return
        }
        #expect(rows.name == "export.xlsx")
        #expect(rows.rows.count == 7)

        let google = try Self.fixture("Petition to Xi Jinping (Responses).csv.zip")
        let twice = ZipBuilder.zip([(name: "responses.csv.zip", bytes: google)])
        #expect(try Self.members(twice).map(\.name) == ["Petition to Xi Jinping (Responses).csv"])
        let thrice = ZipBuilder.zip([(name: "again.zip", bytes: twice)])
        #expect(Self.failure(thrice)?.message.contains("holds another archive") == true)
    }

    @Test("Damaged or cut-short archives are refused with one line, at the file")
    func corrupt() throws {
        let workbook = try Self.fixture("microsoft-forms.xlsx")
        for bytes in [Array(workbook.prefix(workbook.count / 2)), [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 300), Array("PK\u{3}\u{4}".utf8)] {
            let error = Self.failure(bytes, path: "in/export.xlsx")
            #expect(error?.stage == .intake)
            #expect(error?.location == SourceLocation(file: "in/export.xlsx"))
            #expect(error?.message == "the workbook cannot be read as a zip archive: it is damaged or cut short (download it again)")
        }
        let bzip2 = ZipBuilder.zip([(name: "a.csv", bytes: Array("BZh9".utf8))], method: 12)
        #expect(Self.failure(bzip2)?.message == "'a.csv' in the zip archive uses compression method 12, not deflate: zip it again with ordinary (deflate) compression")
        let error = Self.failure(try Self.fixture("damaged-member.zip"))
        #expect(error?.message.hasPrefix("'responses.csv' in the zip archive is damaged") == true)
        #expect(error.map { !$0.description.contains("\n") } == true)
    }

    /// Found by Fuzz/run.sh (FuzzContainer): an end record whose comment runs past the end of
    /// the file passed our check, ZIPFoundation then refused it and leaked the archive's bytes.
    @Test("An end record whose comment runs past the file is refused as damaged, before ZIPFoundation")
    func overrunningComment() throws {
        let archive = ZipBuilder.zip([(name: "responses.csv", bytes: Array("a,b\r\n".utf8))])
        #expect(ZipCentralDirectory.read(archive) != nil)
        var cut = archive
        cut[cut.count - 2] = 0x78
        cut[cut.count - 1] = 0x6C
        #expect(ZipCentralDirectory.read(cut) == nil)
        #expect(Self.failure(cut)?.message == "the zip archive cannot be read as a zip archive: it is damaged or cut short (download it again)")
        // A comment that fits is fine.
        var commented = archive
        commented[commented.count - 2] = 3
        commented += Array("abc".utf8)
        #expect(try Self.members(commented).map(\.name) == ["responses.csv"])
    }

    /// Found by Fuzz/run.sh (FuzzContainer): a central record pointing past the end of the
    /// file made ZIPFoundation trap (SIGILL) reading from memory; `generate` crashed on it.
    @Test("Records, local headers and data that point past the end of the file are refused as damaged")
    func pointsPastTheEnd() throws {
        let archive = ZipBuilder.zip([(name: "Petition.csv", bytes: Array("a,b\r\n1,2\r\n".utf8))])
        func u32(_ bytes: [UInt8], _ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        let directory = u32(archive, archive.count - 22 + 16)
        func patched(_ at: Int, _ value: UInt32) -> [UInt8] {
            var bytes = archive
            for k in 0..<4 { bytes[at + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
            return bytes
        }
        let cases: [(String, [UInt8])] = [
            ("local header offset 16384", patched(directory + 42, 16384)),
            ("local header offset at the last byte", patched(directory + 42, UInt32(archive.count - 1))),
            ("compressed size past the end", patched(directory + 20, UInt32(archive.count))),
            ("zip64 sizes without the extra field", patched(directory + 20, 0xFFFF_FFFF)),
            ("a stored member longer than the file", patched(directory + 24, UInt32(archive.count))),
            ("directory offset past the end", patched(archive.count - 22 + 16, UInt32(archive.count + 10))),
        ]
        for (name, bytes) in cases {
            #expect(ZipCentralDirectory.read(bytes) == nil, "\(name)")
            #expect(Self.failure(bytes)?.message == "the zip archive cannot be read as a zip archive: it is damaged or cut short (download it again)", "\(name)")
        }
        #expect(try Self.members(archive).map(\.name) == ["Petition.csv"])
    }

    /// The inputs Fuzz/run.sh (FuzzContainer) found that crashed `generate` (SIGILL): a local
    /// header past the end, a stored member longer than the file (ZIPFoundation trapped
    /// reading them from memory), a data descriptor whose sizes overflowed the output's
    /// reservation. Each, as a .zip and as an .xlsx, is refused in one line.
    /// And one that hung it: a deflate stream that never ends inside its member (ZIPFoundation
    /// waited for input for ever; members are now inflated by ZipInflater, bounded).
    @Test(arguments: ["fuzz-local-header-past-end.zip", "fuzz-stored-past-end.zip", "fuzz-descriptor-overflow.zip", "fuzz-deflate-never-ends.zip"])
    func whatTheFuzzerFoundIsRefusedInOneLine(name: String) throws {
        let bytes = try Self.fixture(name)
        for path in ["in/export.zip", "in/export.xlsx"] {
            let error = Self.failure(bytes, path: path)
            #expect(error?.stage == .intake, "\(name) as \(path)")
            #expect(error?.location == SourceLocation(file: path), "\(name) as \(path)")
            #expect(error.map { !$0.description.contains("\n") } == true, "\(name) as \(path)")
        }
    }

    @Test("An empty zip, or one of folders and macOS clutter only, holds no export")
    func empty() {
        #expect(Self.failure(ZipBuilder.zip([(String, String)]()))?.message == "the zip archive is empty: it holds no export")
        let clutter = ZipBuilder.zip([("Signatures/", ""), ("__MACOSX/._a.csv", "x"), (".DS_Store", "x")])
        #expect(Self.failure(clutter)?.message == "the zip archive holds only folders and system files (such as __MACOSX): no export")
    }

    @Test("An encrypted member is refused before anything is inflated")
    func encrypted() throws {
        let error = Self.failure(try Self.fixture("encrypted.zip"), path: "signed.zip")
        #expect(error?.message == "'responses.csv' in the zip archive is encrypted: unzip it with its password and pass the file itself")
        #expect(error?.location?.file == "signed.zip")
        // The flag alone is enough, whatever the bytes are.
        let flagged = ZipBuilder.zip([(name: "a.csv", bytes: Array("x,y\n".utf8))], flags: 1)
        #expect(Self.failure(flagged)?.message.contains("is encrypted") == true)
    }

    @Test("Zip bombs are refused: the total size, the expansion ratio, a header that understates")
    func bombs() throws {
        let ratio = Self.failure(try Self.fixture("bomb-ratio.zip"))
        #expect(ratio?.message.hasPrefix("'responses.csv' in the zip archive would decompress to 32 MiB from 31 KiB (") == true)
        #expect(ratio?.message.hasSuffix("times): refusing it as a possible zip bomb") == true)
        let declared = Self.failure(try Self.fixture("bomb-declared.zip"))
        #expect(declared?.message == "'responses.csv' in the zip archive would decompress to more than 1 GiB in all: refusing it as a possible zip bomb")
        let understated = Self.failure(try Self.fixture("understated.zip"))
        #expect(understated?.message == "'responses.csv' in the zip archive holds more than its header declares: refusing it as damaged or a zip bomb")
    }

    @Test("Office and OpenDocument files that are not exports say what they are and what to export")
    func notExports() {
        let ods = ZipBuilder.zip([
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office:document-content/>"),
            ("META-INF/manifest.xml", "<manifest:manifest/>"),
        ])
        #expect(Self.failure(ods, path: "signatures.ods")?.message == "the zip archive is an OpenDocument spreadsheet (.ods), not an export: in LibreOffice choose File > Save As and pick Text CSV (or Excel 2007-365 .xlsx)")
        let odt = ZipBuilder.zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")])
        #expect(Self.failure(odt)?.message.hasPrefix("the zip archive is an OpenDocument text document (.odt), not a form export: download the responses as CSV") == true)
        let noMimetype = ZipBuilder.zip([("content.xml", "<x/>"), ("META-INF/manifest.xml", "<x/>")])
        #expect(Self.failure(noMimetype)?.message.hasPrefix("the zip archive is an OpenDocument file") == true)
        let docx = ZipBuilder.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
        #expect(Self.failure(docx, path: "letter.docx")?.message.hasPrefix("the zip archive is a Word document (.docx), not a form export: download the responses as CSV (Google Forms) or as an .xlsx workbook (Microsoft Forms)") == true)
        let pptx = ZipBuilder.zip([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")])
        #expect(Self.failure(pptx)?.message.contains("PowerPoint presentation (.pptx)") == true)
        let xlsb = ZipBuilder.zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.bin", "\u{0}")])
        #expect(Self.failure(xlsb)?.message.contains("binary Excel workbook (.xlsb)") == true)
        let numbers = ZipBuilder.zip([("Index/Document.iwa", "\u{0}"), ("Metadata/Properties.plist", "")])
        #expect(Self.failure(numbers)?.message.contains("Apple Numbers") == true)
        let xls = ZipBuilder.zip([("old/Responses.xls", "\u{D0}")])
        #expect(Self.failure(xls)?.message == "the zip archive holds an Excel 97-2003 workbook ('old/Responses.xls'): open it in Excel and save it as .xlsx or CSV UTF-8")
        let none = ZipBuilder.zip([("scan.pdf", "%PDF"), ("photo.png", ""), ("photo2.png", "")])
        #expect(Self.failure(none)?.message == "the zip archive holds no CSV, TSV, TXT, JSON or .xlsx export (it holds 3 files: .pdf, .png)")
        let mixed = ZipBuilder.zip([("a.csv", "x"), ("b.xlsx", "PK")])
        #expect(Self.failure(mixed)?.message == "the zip archive holds both text exports and 'b.xlsx': unzip it and pass the files one by one")
        let two = ZipBuilder.zip([("a.xlsx", "PK"), ("b.xlsx", "PK")])
        #expect(Self.failure(two)?.message == "the zip archive holds 2 workbooks or archives: unzip it and pass them one by one")
    }

    @Test("A workbook without a workbook part, or without a worksheet, says so")
    func brokenPackages() {
        let noWorkbook = ZipBuilder.zip([("[Content_Types].xml", "<Types/>"), ("xl/styles.xml", "<styleSheet/>")])
        #expect(Self.failure(noWorkbook, path: "e.xlsx")?.message == "the workbook cannot be read: it has no workbook part ('xl/workbook.xml'), so it is not an Excel workbook")
        let noSheet = ZipBuilder.xlsx(sheets: [])
        #expect(Self.failure(noSheet, path: "e.xlsx")?.message == "the workbook cannot be read: it has no worksheet")
    }

    @Test("Member names in messages have their email addresses masked")
    func maskedNames() {
        let flagged = ZipBuilder.zip([(name: "from-jane.doe@example.org.csv", bytes: Array("x".utf8))], flags: 1)
        let message = Self.failure(flagged)?.message ?? ""
        #expect(message.hasPrefix("'f***@example.org.csv' in the zip archive is encrypted"))
        #expect(!message.contains("jane.doe"))
    }
}
