import Foundation

/// Reads the rows of a worksheet part (`xl/worksheets/sheetN.xml`) in one pass over its bytes:
/// shared, inline (rich text runs joined, phonetic runs left out) and formula strings,
/// booleans, errors, and numbers (dates by their cell's style). Missing cells read as "";
/// each row keeps its spreadsheet row number; rows with nothing in them are left out, as the
/// CSV reader leaves out blank lines; every row is at least as wide as the first one.
struct XLSXSheetScanner {
    /// A cell or part that cannot be read as a worksheet.
    struct Failure: Error {
        /// What is wrong, for people.
        var message: String
        /// The spreadsheet row, when the problem is in one.
        var row: Int?
    }

    /// The workbook's shared strings, by index.
    var sharedStrings: [String]
    /// What each cell style (`s`, an index into `cellXfs`) makes of a number.
    var styles: [ExcelNumberFormat.Kind]
    /// True when the workbook counts days from 1904-01-01.
    var date1904: Bool

    /// Excel's widest sheet: columns A to XFD.
    static let maxColumns = 16_384

    private enum Tag { case sheetData, row, c, v, t, inlineString, phonetic, other }
    private enum CellType { case number, shared, inline, formula, boolean, error, isoDate }

    /// The non-blank rows of the sheet, in order.
    func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [(line: Int, fields: [String])] {
        var scanner = XMLByteScanner(bytes)
        // Comparisons and decoding go through a copy, so that nothing holds on to the scanner.
        let reader = XMLByteScanner(bytes)
        var rows: [(line: Int, fields: [String])] = []
        var width = 0

        var inSheetData = false, inRow = false, inCell = false
        var rowNumber = 0
        var fields: [String] = []
        var rowHasText = false
        var nextColumn = 0

        var cellColumn = 0
        var cellType = CellType.number
        var cellStyle = 0
        var inInline = false
        var phoneticDepth = 0
        var capturing = false
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)

        func tag(_ name: Range<Int>) -> Tag {
            switch name.count {
            case 1:
                switch bytes[name.lowerBound] {
                case UInt8(ascii: "c"): return .c
                case UInt8(ascii: "v"): return .v
                case UInt8(ascii: "t"): return .t
                default: return .other
                }
            case 2: return reader.equals(name, "is") ? .inlineString : .other
            case 3:
                if reader.equals(name, "row") { return .row }
                return reader.equals(name, "rPh") ? .phonetic : .other
            case 9: return reader.equals(name, "sheetData") ? .sheetData : .other
            default: return .other
            }
        }

        do {
            loop: while true {
                switch try scanner.next() {
                case .start(let name, let attributes, let selfClosing):
                    switch tag(name) {
                    case .sheetData:
                        inSheetData = !selfClosing
                    case .row where inSheetData:
                        var number: Int?
                        reader.forEachAttribute(in: attributes) { attribute, value in
                            if reader.equals(attribute, "r") { number = reader.integer(value) }
                        }
                        rowNumber = number ?? rowNumber + 1
                        fields.removeAll(keepingCapacity: true)
                        rowHasText = false
                        nextColumn = 0
                        inRow = !selfClosing
                    case .c where inRow:
                        var column: Int?
                        cellType = .number
                        cellStyle = 0
                        reader.forEachAttribute(in: attributes) { attribute, value in
                            guard attribute.count == 1 else { return }
                            switch bytes[attribute.lowerBound] {
                            case UInt8(ascii: "r"): column = Self.column(of: value, in: bytes)
                            case UInt8(ascii: "t"): cellType = Self.cellType(value, reader)
                            case UInt8(ascii: "s"): cellStyle = reader.integer(value) ?? 0
                            default: break
                            }
                        }
                        cellColumn = column ?? nextColumn
                        guard cellColumn < Self.maxColumns else {
                            throw Failure(message: "a cell lies beyond column XFD, the last one Excel has", row: rowNumber)
                        }
                        scratch.removeAll(keepingCapacity: true)
                        inInline = false
                        phoneticDepth = 0
                        capturing = false
                        if selfClosing {
                            nextColumn = cellColumn + 1
                        } else {
                            inCell = true
                        }
                    case .v where inCell:
                        capturing = !selfClosing
                    case .inlineString where inCell:
                        inInline = !selfClosing
                    case .phonetic where inCell:
                        if !selfClosing { phoneticDepth += 1 }
                    case .t where inInline && phoneticDepth == 0:
                        capturing = !selfClosing
                    default:
                        break
                    }
                case .end(let name):
                    switch tag(name) {
                    case .v, .t:
                        capturing = false
                    case .phonetic:
                        phoneticDepth = max(0, phoneticDepth - 1)
                    case .inlineString:
                        inInline = false
                    case .c where inCell:
                        inCell = false
                        capturing = false
                        let text = try value(cellType, style: cellStyle, raw: scratch, row: rowNumber)
                        if !text.isEmpty {
                            if cellColumn < fields.count {
                                fields[cellColumn] = text
                            } else {
                                while fields.count < cellColumn { fields.append("") }
                                fields.append(text)
                            }
                            rowHasText = true
                        }
                        nextColumn = cellColumn + 1
                    case .row where inRow:
                        inRow = false
                        if rowHasText {
                            if width == 0 { width = fields.count }
                            while fields.count < width { fields.append("") }
                            rows.append((line: rowNumber, fields: fields))
                        }
                    case .sheetData:
                        inSheetData = false
                    default:
                        break
                    }
                case .text(let range):
                    if capturing { reader.appendDecoded(range, to: &scratch) }
                case .cdata(let range):
                    if capturing { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) }
                case .endOfDocument:
                    break loop
                }
            }
        } catch let malformed as XMLByteScanner.Malformed {
            throw Failure(message: "the XML is damaged (\(malformed.message), at byte \(malformed.offset))", row: inRow ? rowNumber : nil)
        }
        if inRow || inSheetData {
            throw Failure(message: "the sheet ends inside its rows (is the file cut short?)", row: inRow ? rowNumber : nil)
        }
        return rows
    }

    /// The text of one cell.
    private func value(_ type: CellType, style: Int, raw: [UInt8], row: Int) throws -> String {
        if raw.isEmpty { return "" }
        switch type {
        case .shared:
            let index = raw.withUnsafeBufferPointer { XMLByteScanner($0).integer(0..<$0.count) }
            guard let index, index < sharedStrings.count else {
                throw Failure(
                    message: "a cell refers to shared string \(String(decoding: raw, as: UTF8.self)), but the workbook has \(sharedStrings.count)",
                    row: row)
            }
            return sharedStrings[index]
        case .inline, .formula:
            return Self.text(raw)
        case .boolean:
            let trimmed = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if trimmed == "1" || trimmed.lowercased() == "true" { return "TRUE" }
            if trimmed == "0" || trimmed.lowercased() == "false" { return "FALSE" }
            return trimmed
        case .error:
            return String(decoding: raw, as: UTF8.self)
        case .isoDate:
            // t="d" holds ISO 8601 text already: 2024-03-05T14:07:09(.123)(Z).
            var text = String(decoding: raw, as: UTF8.self)
            if text.count >= 19 { text = String(text.prefix(19)) }
            return text.replacingOccurrences(of: "T", with: " ")
        case .number:
            let kind = style < styles.count ? styles[style] : .number
            if kind != .number, let serial = Double(String(decoding: raw, as: UTF8.self)),
                let text = ExcelNumberFormat.text(serial: serial, kind: kind, date1904: date1904)
            {
                return text
            }
            return ExcelNumberFormat.general(raw)
        }
    }

    private static func cellType(_ value: Range<Int>, _ scanner: XMLByteScanner) -> CellType {
        if scanner.equals(value, "s") { return .shared }
        if scanner.equals(value, "inlineStr") { return .inline }
        if scanner.equals(value, "str") { return .formula }
        if scanner.equals(value, "b") { return .boolean }
        if scanner.equals(value, "e") { return .error }
        if scanner.equals(value, "d") { return .isoDate }
        return .number
    }

    /// The 0-based column of a cell reference such as `D5` or `AB12`, or nil.
    private static func column(of reference: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        var letters = 0
        for index in reference {
            var byte = bytes[index]
            if byte == UInt8(ascii: "$") { continue }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return maxColumns }
        }
        return letters == 0 ? nil : column - 1
    }

    /// A string as OOXML stores it (ST_Xstring): `_xHHHH_` stands for the UTF-16 code unit
    /// HHHH (Excel writes a carriage return as `_x000D_`), and `_x005F_` escapes an underscore.
    static func text(_ raw: [UInt8]) -> String {
        guard raw.count >= 7, raw.contains(UInt8(ascii: "_")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = 0
        func unit(at offset: Int) -> UInt32? {
            guard offset + 7 <= raw.count, raw[offset] == UInt8(ascii: "_"), raw[offset + 1] == UInt8(ascii: "x"),
                raw[offset + 6] == UInt8(ascii: "_")
            else { return nil }
            var value: UInt32 = 0
            for byte in raw[(offset + 2)..<(offset + 6)] {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(byte - 48)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(byte - 87)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(byte - 55)
                default: return nil
                }
            }
            return value
        }
        while index < raw.count {
            if let value = unit(at: index) {
                if (0xD800...0xDBFF).contains(value), let low = unit(at: index + 7), (0xDC00...0xDFFF).contains(low) {
                    XMLByteScanner.appendUTF8(0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00), to: &out)
                    index += 14
                    continue
                }
                XMLByteScanner.appendUTF8((0xD800...0xDFFF).contains(value) ? 0xFFFD : value, to: &out)
                index += 7
                continue
            }
            out.append(raw[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
