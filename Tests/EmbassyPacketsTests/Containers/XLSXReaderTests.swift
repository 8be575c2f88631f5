import EmbassyPacketsCore
@testable import EmbassyPacketsPipeline
import Foundation
import Testing

/// Workbooks as Microsoft Forms and Excel write them: every cell read as Excel shows it.
@Suite("XLSX reader")
struct XLSXReaderTests {
    struct Expected: Decodable {
        var name: String
        var sheet: String
        var rows: [Row]
        struct Row: Decodable, Equatable {
            var line: Int
            var fields: [String]
        }
    }

    static func rows(_ bytes: [UInt8], path: String = "export.xlsx") throws -> TabularRows {
        guard case .workbook(let rows) = try ExportContainer.open(bytes, path: path) else {
            throw PipelineError(stage: .intake, message: "not read as a workbook")
        }
        return rows
    }

    static func fields(_ bytes: [UInt8]) throws -> [[String]] { try rows(bytes).rows.map(\.fields) }

    static func failure(_ bytes: [UInt8]) -> PipelineError? {
        do {
            _ = try ExportContainer.open(bytes, path: "export.xlsx")
            return nil
        } catch {
            return error as? PipelineError
        }
    }

    /// One inline-string cell.
    static func text(_ reference: String, _ value: String) -> String {
        "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(value)</t></is></c>"
    }

    @Test("The Microsoft Forms export: every cell, dates to the second, the missing cell and row")
    func microsoftForms() throws {
        let folder = ExportContainerTests.folder
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json")))
        let table = try Self.rows(try ExportContainerTests.fixture("microsoft-forms.xlsx"), path: "in/microsoft-forms.xlsx")
        #expect(table.name == expected.name)
        #expect(table.sheet == expected.sheet)
        #expect(table.rows.map { Expected.Row(line: $0.line, fields: $0.fields) } == expected.rows)

        // The same facts, spelled out.
        #expect(table.rows.map(\.line) == [1, 2, 3, 4, 5, 6, 8])
        #expect(Array(table.rows[0].fields.prefix(6)) == ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"])
        #expect(table.rows[1].fields == ["1", "2024-01-15 09:30:12", "2024-01-15 09:31:45", "anonymous", "", "2024-01-15 09:31:45", "민준", "김", "서울", "서울특별시", "대한민국", "minjun@example.kr"])
        #expect(table.rows[2].fields[6...8] == ["محمد", "علي", "القاهرة"])
        #expect(table.rows[3].fields[1] == "2024-02-29 12:00:00")
        #expect(table.rows[3].fields[8] == "Brighton & Hove")
        #expect(table.rows[4].fields[7] == "山田")  // the phonetic reading ヤマダ left out
        #expect(table.rows[4].fields[9] == "")  // no <c> for J5
        #expect(table.rows[5].fields[8] == "São Paulo")  // two rich-text runs, the first with a kept space
        #expect(table.rows[6].fields[7] == "O'Brien <Jr.>")
        #expect(table.rows[6].fields[11] == "emily@example.com")  // an inline string
    }

    @Test("Sparse cells are filled with \"\", rows keep their numbers, blank rows are left out")
    func sparse() throws {
        let sheet = "<row r=\"1\">\(Self.text("A1", "a"))\(Self.text("B1", "b"))\(Self.text("C1", "c"))\(Self.text("D1", "d"))</row>"
            + "<row r=\"3\">\(Self.text("B3", "x"))\(Self.text("D3", "y"))</row>"
            + "<row r=\"4\" spans=\"1:4\"/>"
            + "<row r=\"5\"><c r=\"A5\" s=\"0\"/><c r=\"B5\" t=\"inlineStr\"><is><t></t></is></c></row>"
            + "<row r=\"7\"><c t=\"inlineStr\"><is><t>no ref</t></is></c><c><v>2</v></c>\(Self.text("E7", "beyond"))</row>"
            + "<row>\(Self.text("C8", "row without r"))</row>"
            + "<row r=\"1048576\">\(Self.text("AB1048576", "last"))</row>"
        let table = try Self.rows(ZipBuilder.xlsx(sheetData: sheet))
        #expect(table.rows.map(\.line) == [1, 3, 7, 8, 1_048_576])
        #expect(table.rows[1].fields == ["", "x", "", "y"])
        #expect(table.rows[2].fields == ["no ref", "2", "", "", "beyond"])
        #expect(table.rows[3].fields == ["", "", "row without r", ""])
        #expect(table.rows[4].fields.count == 28)
        #expect(table.rows[4].fields[27] == "last")
    }

    @Test("Shared strings: rich-text runs, phonetic runs, kept spaces, entities, _xHHHH_ escapes, CDATA")
    func sharedStrings() throws {
        let strings = [
            "<si><r><t xml:space=\"preserve\">Smith &amp; </t></r><r><rPr><b/><sz val=\"11\"/></rPr><t>Sons</t></r></si>",
            "<si><t>&lt;&gt;&quot;&apos;&amp;&#233;&#xE9;&#x1F600;&#X41;</t></si>",
            "<si><t>line 1_x000D_\nline 2\r\nline 3</t></si>",
            "<si><t>_x005F_x0041_ and _x0041_ and _xZZZZ_</t></si>",
            "<si><t>&nbsp; &amp &#0; &#xD800;</t></si>",
            "<si><t><![CDATA[a <b> & c]]></t></si>",
            "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh><phoneticPr fontId=\"1\" type=\"noConversion\"/></si>",
            "<si/>",
            "<si><t xml:space=\"preserve\">  padded  </t></si>",
        ]
        let cells = strings.indices.map { "<c r=\"\(["A", "B", "C", "D", "E", "F", "G", "H", "I"][$0])1\" t=\"s\"><v>\($0)</v></c>" }.joined()
        let row = try Self.fields(ZipBuilder.xlsx(sheetData: "<row r=\"1\">\(cells)</row>", sharedStrings: strings))[0]
        #expect(row == [
            "Smith & Sons", "<>\"'&éé\u{1F600}A", "line 1\r\nline 2\nline 3", "_x0041_ and A and _xZZZZ_", "&nbsp; &amp \u{FFFD} \u{FFFD}",
            "a <b> & c", "漢字", "", "  padded  ",
        ])
    }

    @Test("Booleans, formula strings, errors, ISO dates and General numbers")
    func cellTypes() throws {
        let sheet = "<row r=\"1\">"
            + "<c r=\"A1\" t=\"b\"><v>1</v></c><c r=\"B1\" t=\"b\"><v>0</v></c>"
            + "<c r=\"C1\" t=\"str\"><f>A1&amp;\"x\"</f><v>TRUEx &amp; more</v></c>"
            + "<c r=\"D1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
            + "<c r=\"E1\" t=\"d\"><v>2024-03-05T14:07:09.120Z</v></c>"
            + "<c r=\"F1\"><v>42</v></c><c r=\"G1\" t=\"n\"><v>-3</v></c><c r=\"H1\"><v>0.1</v></c>"
            + "<c r=\"I1\"><v>0.30000000000000004</v></c><c r=\"J1\"><v>3.1415926535897931</v></c>"
            + "<c r=\"K1\"><v>1E+20</v></c><c r=\"L1\"><v>2.5E-3</v></c><c r=\"M1\"><v>447700900123</v></c>"
            + "<c r=\"N1\"><v>1.0E3</v></c><c r=\"O1\"><v></v></c><c r=\"P1\"><f>NOW()</f></c><c r=\"Q1\"><v>-0</v></c>"
            + "<c r=\"R1\"><v> 17 </v></c><c r=\"S1\"><v>1.5E-7</v></c>"
            + "</row>"
        let row = try Self.fields(ZipBuilder.xlsx(sheetData: sheet))[0]
        #expect(row == [
            "TRUE", "FALSE", "TRUEx & more", "#DIV/0!", "2024-03-05 14:07:09", "42", "-3", "0.1", "0.3", "3.14159265358979", "1E+20",
            "0.0025", "447700900123", "1000", "", "", "0", "17", "1.5E-07",
        ])
    }

    @Test("Dates: built-in and custom formats, Excel's 1900-02-29, rounding, the limits, times and durations")
    func dates() throws {
        // Styles: 0 General, 1 id 14, 2 id 22, 3 custom date, 4 [h]:mm:ss, 5 h:mm AM/PM, 6 scientific,
        // 7 a colour and a number, 8 quoted text before a number, 9 id 21 (h:mm:ss), 10 locale and month names.
        let styles = ZipBuilder.styles(
            cellFormats: [0, 14, 22, 164, 165, 166, 167, 168, 169, 21, 170],
            custom: [164: "yyyy\\-mm\\-dd hh:mm:ss", 165: "[h]:mm:ss", 166: "h:mm AM/PM", 167: "0.00E+00", 168: "[Red]0.00",
                     169: "&quot;Day &quot;0", 170: "[$-409]mmmm d, yyyy;@"])
        let cases: [(style: Int, value: String, expected: String)] = [
            (1, "1", "1900-01-01 00:00:00"), (1, "59", "1900-02-28 00:00:00"), (1, "60", "1900-02-29 00:00:00"),
            (1, "61", "1900-03-01 00:00:00"), (2, "0", "1900-01-00 00:00:00"), (2, "25569", "1970-01-01 00:00:00"),
            (2, "45306.395972222221", "2024-01-15 09:30:12"), (3, "45351.5", "2024-02-29 12:00:00"),
            (2, "45306.999988", "2024-01-15 23:59:59"), (2, "45306.9999999", "2024-01-16 00:00:00"),
            (2, "2958465.5", "9999-12-31 12:00:00"), (2, "2958466", "2958466"), (2, "-1", "-1"),
            (4, "1.5", "36:00:00"), (5, "0.75", "18:00:00"), (5, "45306.75", "2024-01-15 18:00:00"), (9, "0.0000115740740740741", "00:00:01"),
            (6, "12345", "12345"), (7, "45306", "45306"), (8, "45306", "45306"), (0, "45306", "45306"),
            (10, "45306", "2024-01-15 00:00:00"), (99, "45306", "45306"),
        ]
        let cells = cases.enumerated().map { "<c r=\"A\($0.offset + 1)\" s=\"\($0.element.style)\"><v>\($0.element.value)</v></c>" }
        let sheet = cells.enumerated().map { "<row r=\"\($0.offset + 1)\">\($0.element)</row>" }.joined()
        let rows = try Self.fields(ZipBuilder.xlsx(sheetData: sheet, styles: styles))
        for (index, item) in cases.enumerated() {
            #expect(rows[index] == [item.expected], "style \(item.style), value \(item.value)")
        }
    }

    @Test("The 1904 date system, as old Mac workbooks use it")
    func date1904() throws {
        let styles = ZipBuilder.styles(cellFormats: [0, 22])
        let sheet = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"1\"><v>43845.5</v></c><c r=\"C1\"><v>43845.5</v></c></row>"
        for attribute in ["date1904=\"1\"", "date1904=\"true\""] {
            let rows = try Self.fields(ZipBuilder.xlsx(sheetData: sheet, styles: styles, workbookPr: "<workbookPr \(attribute)/>"))
            #expect(rows == [["1904-01-01 00:00:00", "2024-01-16 12:00:00", "43845.5"]])
        }
        let rows = try Self.fields(ZipBuilder.xlsx(sheetData: sheet, styles: styles, workbookPr: "<workbookPr date1904=\"0\"/>"))
        #expect(rows == [["1900-01-00 00:00:00", "2020-01-15 12:00:00", "43845.5"]])
    }

    @Test("The first sheet is the first visible one the workbook names, wherever its part is")
    func firstSheet() throws {
        let hidden = ZipBuilder.sheet("<row r=\"1\">\(Self.text("A1", "hidden"))</row>")
        let wanted = ZipBuilder.sheet("<row r=\"1\">\(Self.text("A1", "responses"))</row>")
        let other = ZipBuilder.sheet("<row r=\"1\">\(Self.text("A1", "sheet1.xml"))</row>")
        let bytes = ZipBuilder.xlsx(sheets: [
            ("Lookup", "xl/worksheets/sheet3.xml", hidden, "veryHidden"), ("Form1 &amp; more", "sheets/responses.xml", wanted, nil),
            ("Sheet1", "xl/worksheets/sheet1.xml", other, nil),
        ])
        let table = try Self.rows(bytes)
        #expect(table.sheet == "Form1 & more")
        #expect(table.rows.map(\.fields) == [["responses"]])

        let allHidden = ZipBuilder.xlsx(sheets: [("Only", "xl/worksheets/sheet9.xml", hidden, "hidden")])
        #expect(try Self.fields(allHidden) == [["hidden"]])
    }

    @Test("Prefixed namespaces, comments, processing instructions and a DOCTYPE do not get in the way")
    func markup() throws {
        let sheet = ZipBuilder.declaration + "<!DOCTYPE x [<!ENTITY boom \"boom\">]><?mso-application progid=\"Excel.Sheet\"?>"
            + "<x:worksheet xmlns:x=\"\(ZipBuilder.main)\"><!-- a <row> in a comment --><x:sheetData>"
            + "<x:row r='1'><x:c r='A1' t='inlineStr'><x:is><x:t>one</x:t></x:is></x:c><x:c r='B1'><x:v><![CDATA[7]]></x:v></x:c>"
            + "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:r><x:t>t</x:t></x:r><x:r><x:t>wo</x:t></x:r></x:is></x:c></x:row>"
            + "</x:sheetData></x:worksheet>"
        let bytes = ZipBuilder.xlsx(sheets: [("S", "xl/worksheets/sheet1.xml", sheet, nil)])
        #expect(try Self.fields(bytes) == [["one", "7", "two"]])
    }

    @Test("Parts written in UTF-16, with a byte order mark, read as UTF-8 ones do")
    func utf16() throws {
        let xml = ZipBuilder.sheet("<row r=\"1\">\(Self.text("A1", "서울 &amp; 東京"))</row>")
        for littleEndian in [true, false] {
            var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
            for unit in xml.utf16 { bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            let entries = ZipBuilder.unzip(ZipBuilder.xlsx(sheetData: "")).map { entry in
                entry.name == "xl/worksheets/sheet1.xml" ? (name: entry.name, bytes: bytes) : entry
            }
            #expect(try Self.fields(ZipBuilder.zip(entries)) == [["서울 & 東京"]])
        }
    }

    @Test("A damaged sheet says where: a missing shared string, broken XML, a sheet cut short, a cell past XFD")
    func damaged() {
        let missing = Self.failure(ZipBuilder.xlsx(sheetData: "<row r=\"1\"/><row r=\"5\"><c r=\"D5\" t=\"s\"><v>3</v></c></row>", sharedStrings: ["<si><t>a</t></si>"]))
        #expect(missing?.message == "the workbook cannot be read: in its sheet 'Sheet1', a cell refers to shared string 3, but the workbook has 1")
        #expect(missing?.location == SourceLocation(file: "export.xlsx", line: 5))

        let broken = Self.failure(ZipBuilder.xlsx(sheets: [("S", "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"2\"><c r=\"A2\"", nil)]))
        #expect(broken?.message.hasPrefix("the workbook cannot be read: in its sheet 'S', the XML is damaged (the document ends inside a start tag, at byte ") == true)

        let cut = Self.failure(ZipBuilder.xlsx(sheets: [("S", "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"2\"><c r=\"A2\"><v>1</v></c>", nil)]))
        #expect(cut?.message == "the workbook cannot be read: in its sheet 'S', the sheet ends inside its rows (is the file cut short?)")
        #expect(cut?.location?.line == 2)

        let wide = Self.failure(ZipBuilder.xlsx(sheetData: "<row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row>"))
        #expect(wide?.message.contains("beyond column XFD") == true)

        let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        let gone = ZipBuilder.zip([
            ("[Content_Types].xml", "<Types/>"),
            ("_rels/.rels", rels + "<Relationship Id=\"rId1\" Type=\"\(ZipBuilder.rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<workbook xmlns:r=\"\(ZipBuilder.rel)\"><sheets><sheet name=\"Form1\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", rels + "<Relationship Id=\"rId7\" Type=\"\(ZipBuilder.rel)/worksheet\" Target=\"worksheets/gone.xml\"/></Relationships>"),
        ])
        #expect(Self.failure(gone)?.message == "the workbook cannot be read: its sheet 'Form1' is missing from the archive ('xl/worksheets/gone.xml')")

        let badStrings = Self.failure(ZipBuilder.xlsx(sheetData: "<row r=\"1\"/>", sharedStrings: ["<si><t>a</t></si><!-- not closed"]))
        #expect(badStrings?.message.hasPrefix("the workbook cannot be read: its shared strings: damaged XML (") == true)
    }

    @Test("Number format codes: dates, times, durations and numbers told apart")
    func formatCodes() {
        let cases: [(String, ExcelNumberFormat.Kind)] = [
            ("m/d/yy h:mm", .date), ("m/d/yy\\ h:mm:ss", .date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("[$-409]mmmm d, yyyy;@", .date),
            ("d-mmm", .date), ("m", .date), ("mmm", .date), ("ee/m/d", .date), ("DD/MM/YYYY", .date),
            ("mm:ss", .time), ("h:mm AM/PM", .time), ("hh\"時\"mm\"分\"", .time), ("[h]:mm:ss", .duration), ("[ss]", .duration),
            ("General", .number), ("0.00E+00", .number), ("##0.0e-0", .number), ("[Red]#,##0", .number), ("\"Day\" 0", .number),
            ("#,##0.00_);[Red](#,##0.00)", .number), ("0%", .number), ("@", .number), ("0\\d", .number), ("[Color10]0;[>=100]0", .number),
        ]
        for (code, kind) in cases { #expect(ExcelNumberFormat.kind(formatCode: code) == kind, "\(code)") }
        #expect(ExcelNumberFormat.kind(builtin: 14) == .date)
        #expect(ExcelNumberFormat.kind(builtin: 22) == .date)
        #expect(ExcelNumberFormat.kind(builtin: 20) == .time)
        #expect(ExcelNumberFormat.kind(builtin: 46) == .duration)
        #expect(ExcelNumberFormat.kind(builtin: 49) == .number)
    }

    @Test("Relationship targets resolve against their part's folder")
    func targets() {
        #expect(XLSXReader.resolve("worksheets/sheet1.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet1.xml")
        #expect(XLSXReader.resolve("/xl/worksheets/sheet2.xml", from: "xl/workbook.xml") == "xl/worksheets/sheet2.xml")
        #expect(XLSXReader.resolve("../sheets/a%20b.xml", from: "xl/workbook.xml") == "sheets/a b.xml")
        #expect(XLSXReader.resolve("xl/workbook.xml", from: "") == "xl/workbook.xml")
        #expect(XLSXReader.relationshipsPath(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
    }
}
