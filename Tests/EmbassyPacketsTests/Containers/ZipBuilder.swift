import Foundation

/// Writes small zip archives in memory for the container tests: stored (uncompressed) members,
/// written byte by byte here so that the archives do not depend on the code under test.
enum ZipBuilder {
    /// A zip holding `entries` in order; names ending in `/` are folders. `flags` sets extra
    /// general-purpose bits on every member (bit 0 marks it encrypted); `method` is the
    /// compression method the headers claim (the bytes are always stored as given).
    static func zip(_ entries: [(name: String, bytes: [UInt8])], flags: UInt16 = 0, method: UInt16 = 0) -> [UInt8] {
        var body: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = crc32(entry.bytes)
            let offset = UInt32(body.count)
            let flag = flags | 0x0800
            body += le32(0x0403_4B50) + le16(20) + le16(flag) + le16(method) + le16(0) + le16(0x5842)
            body += le32(crc) + le32(UInt32(entry.bytes.count)) + le32(UInt32(entry.bytes.count)) + le16(UInt16(name.count)) + le16(0)
            body += name + entry.bytes
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(flag) + le16(method) + le16(0) + le16(0x5842)
            directory += le32(crc) + le32(UInt32(entry.bytes.count)) + le32(UInt32(entry.bytes.count)) + le16(UInt16(name.count))
            directory += le16(0) + le16(0) + le16(0) + le16(0) + le32(entry.name.hasSuffix("/") ? 0x10 : 0) + le32(offset) + name
        }
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
            + le32(UInt32(directory.count)) + le32(UInt32(body.count)) + le16(0)
        return body + directory + end
    }

    /// A zip of text members.
    static func zip(_ entries: [(String, String)]) -> [UInt8] {
        zip(entries.map { (name: $0.0, bytes: Array($0.1.utf8)) })
    }

    /// The SpreadsheetML namespace.
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    /// The office document relationships namespace.
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// The XML declaration Excel writes, with its CR LF.
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"

    /// The `<sheetData>` of a worksheet, wrapped as Excel wraps it.
    static func sheet(_ sheetData: String) -> String {
        declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><dimension ref=\"A1\"/><sheetData>\(sheetData)</sheetData>"
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
    }

    /// A shared string table of `<si>` items given as XML.
    static func sharedStrings(_ items: [String]) -> String {
        declaration + "<sst xmlns=\"\(main)\" count=\"\(items.count)\" uniqueCount=\"\(items.count)\">" + items.joined() + "</sst>"
    }

    /// A styles part whose `cellXfs` use these number formats (ids, with custom codes).
    static func styles(cellFormats: [Int], custom: [Int: String] = [:]) -> String {
        let formats = custom.sorted { $0.key < $1.key }.map { "<numFmt numFmtId=\"\($0.key)\" formatCode=\"\($0.value)\"/>" }.joined()
        let xfs = cellFormats.map { "<xf numFmtId=\"\($0)\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>" }.joined()
        return declaration + "<styleSheet xmlns=\"\(main)\"><numFmts count=\"\(custom.count)\">\(formats)</numFmts>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"\(cellFormats.count)\">\(xfs)</cellXfs></styleSheet>"
    }

    /// An xlsx package: sheets in workbook order as (name, part path, XML, state), with optional
    /// shared strings and styles; `workbookPr` is the workbook's `<workbookPr .../>` element.
    static func xlsx(
        sheets: [(name: String, part: String, xml: String, state: String?)], sharedStrings: String? = nil, styles: String? = nil,
        workbookPr: String = "<workbookPr defaultThemeVersion=\"166925\"/>"
    ) -> [UInt8] {
        var entries: [(String, String)] = []
        entries.append(("[Content_Types].xml", declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"))
        entries.append(("_rels/.rels", declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"))
        var sheetList = ""
        var links = ""
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
            sheetList += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 10)\"/>"
            let target = sheet.part.hasPrefix("xl/") ? String(sheet.part.dropFirst(3)) : "/" + sheet.part
            links += "<Relationship Id=\"rId\(index + 10)\" Type=\"\(rel)/worksheet\" Target=\"\(target)\"/>"
        }
        if sharedStrings != nil { links += "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>" }
        if styles != nil { links += "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>" }
        entries.append(("xl/workbook.xml", declaration + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\">\(workbookPr)<sheets>\(sheetList)</sheets></workbook>"))
        entries.append(("xl/_rels/workbook.xml.rels", declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(links)</Relationships>"))
        for sheet in sheets { entries.append((sheet.part, sheet.xml)) }
        if let sharedStrings { entries.append(("xl/sharedStrings.xml", sharedStrings)) }
        if let styles { entries.append(("xl/styles.xml", styles)) }
        return zip(entries)
    }

    /// A one-sheet xlsx.
    static func xlsx(sheetData: String, sharedStrings: [String]? = nil, styles: String? = nil, workbookPr: String? = nil) -> [UInt8] {
        xlsx(
            sheets: [("Sheet1", "xl/worksheets/sheet1.xml", sheet(sheetData), nil)], sharedStrings: sharedStrings.map { Self.sharedStrings($0) },
            styles: styles, workbookPr: workbookPr ?? "<workbookPr defaultThemeVersion=\"166925\"/>")
    }

    /// The members of a zip that `zip` wrote (stored, no data descriptors), in order.
    static func unzip(_ archive: [UInt8]) -> [(name: String, bytes: [UInt8])] {
        var entries: [(name: String, bytes: [UInt8])] = []
        var position = 0
        func u16(_ at: Int) -> Int { Int(archive[at]) | Int(archive[at + 1]) << 8 }
        while position + 30 <= archive.count, archive[position] == 0x50, archive[position + 1] == 0x4B, archive[position + 2] == 3 {
            let size = u16(position + 18) | u16(position + 20) << 16
            let nameLength = u16(position + 26)
            let name = String(decoding: archive[(position + 30)..<(position + 30 + nameLength)], as: UTF8.self)
            let start = position + 30 + nameLength + u16(position + 28)
            entries.append((name, Array(archive[start..<(start + size)])))
            position = start + size
        }
        return entries
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// The zip (IEEE) CRC-32 of the bytes.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
