import Foundation

/// Reads the first worksheet of an xlsx workbook from its parts: finds the workbook through
/// `_rels/.rels`, its sheets in `xl/workbook.xml` and their parts through
/// `xl/_rels/workbook.xml.rels` (so the first sheet need not be `sheet1.xml`), the shared
/// strings and the cell styles, and whether the workbook counts dates from 1904.
struct XLSXReader {
    /// Why the workbook cannot be read; the container turns it into a `PipelineError`.
    struct Failure: Error {
        /// What is wrong, for people, after the workbook's name.
        var message: String
        /// The spreadsheet row, when the problem is in one.
        var row: Int?
    }

    /// A sheet as `xl/workbook.xml` lists it.
    struct Sheet: Equatable {
        /// The name on the sheet's tab.
        var name: String
        /// The id of the relationship that points to the sheet's part (`r:id`).
        var relationship: String
        /// True for `state="hidden"` and `state="veryHidden"`.
        var hidden: Bool
    }

    /// A relationship from a `.rels` part: its type (a URI) and the part it points to.
    struct Relationship: Equatable {
        /// The relationship type, e.g. `.../relationships/worksheet`.
        var type: String
        /// The part name the target resolves to, e.g. `xl/worksheets/sheet1.xml`.
        var target: String
    }

    /// Returns the bytes of a part by its name in the package, nil when there is none.
    typealias PartSource = (String) throws -> [UInt8]?

    /// The first visible worksheet's rows (the first worksheet's, when all are hidden).
    static func read(name: String, part source: PartSource) throws -> TabularRows {
        func part(_ name: String) throws -> [UInt8]? { try source(name).map(utf8) }
        let rootRelationships = try relationships(part("_rels/.rels"), source: "")
        let workbookPath = rootRelationships.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard let workbookBytes = try part(workbookPath) else {
            throw Failure(message: "it has no workbook part ('\(workbookPath)'), so it is not an Excel workbook")
        }
        let (sheets, date1904) = try workbook(workbookBytes)
        let links = try relationshipMap(part(relationshipsPath(of: workbookPath)), source: workbookPath)

        var worksheets: [(sheet: Sheet, path: String)] = []
        for sheet in sheets {
            if let link = links[sheet.relationship] {
                if link.type.hasSuffix("/worksheet") { worksheets.append((sheet, link.target)) }
            } else if links.isEmpty {
                // No relationships part at all: guess the conventional name, as Excel would not.
                worksheets.append((sheet, "xl/worksheets/sheet\(worksheets.count + 1).xml"))
            }
        }
        guard let chosen = worksheets.first(where: { !$0.sheet.hidden }) ?? worksheets.first else {
            throw Failure(message: "it has no worksheet")
        }
        guard let sheetBytes = try part(chosen.path) else {
            throw Failure(message: "its sheet '\(chosen.sheet.name)' is missing from the archive ('\(chosen.path)')")
        }

        var strings: [String] = []
        let stringsPath = links.values.first { $0.type.hasSuffix("/sharedStrings") }?.target ?? "xl/sharedStrings.xml"
        if let bytes = try part(stringsPath) { strings = try sharedStrings(bytes) }
        var styles: [ExcelNumberFormat.Kind] = []
        let stylesPath = links.values.first { $0.type.hasSuffix("/styles") }?.target ?? "xl/styles.xml"
        if let bytes = try part(stylesPath) { styles = try cellStyles(bytes) }

        let scanner = XLSXSheetScanner(sharedStrings: strings, styles: styles, date1904: date1904)
        do {
            let rows = try sheetBytes.withUnsafeBufferPointer { try scanner.scan($0) }
            return TabularRows(name: name, sheet: chosen.sheet.name, rows: rows)
        } catch let failure as XLSXSheetScanner.Failure {
            throw Failure(message: "in its sheet '\(chosen.sheet.name)', \(failure.message)", row: failure.row)
        }
    }

    /// A part's bytes as UTF-8: XML may also come in UTF-16, after a byte order mark.
    static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) else { return bytes }
        let littleEndian = bytes[0] == 0xFF
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let (low, high) = littleEndian ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
            units.append(UInt16(high) << 8 | UInt16(low))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    /// `xl/_rels/workbook.xml.rels` for `xl/workbook.xml`.
    static func relationshipsPath(of part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[...$0]) } ?? ""
        let file = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return folder + "_rels/" + file + ".rels"
    }

    /// A relationship's target as a part name: relative to the folder of the part that holds
    /// the relationship, or absolute from the package root; `..` and `%20` resolved.
    static func resolve(_ target: String, from source: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var components: [Substring] = []
        if !decoded.hasPrefix("/") {
            components = source.split(separator: "/", omittingEmptySubsequences: true)
            if !components.isEmpty { components.removeLast() }
        }
        for component in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if component == ".." {
                if !components.isEmpty { components.removeLast() }
            } else if component != "." {
                components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// The internal relationships of a `.rels` part, in order.
    static func relationships(_ bytes: [UInt8]?, source: String) throws -> [Relationship] {
        try relationshipList(bytes, source: source).map(\.relationship)
    }

    /// The internal relationships of a `.rels` part by their ids.
    static func relationshipMap(_ bytes: [UInt8]?, source: String) throws -> [String: Relationship] {
        var map: [String: Relationship] = [:]
        for (id, relationship) in try relationshipList(bytes, source: source) where map[id] == nil { map[id] = relationship }
        return map
    }

    private static func relationshipList(_ bytes: [UInt8]?, source: String) throws -> [(id: String, relationship: Relationship)] {
        guard let bytes else { return [] }
        var list: [(id: String, relationship: Relationship)] = []
        try events(bytes, part: "its relationships ('\(source.isEmpty ? "_rels/.rels" : relationshipsPath(of: source))')") { scanner, event in
            guard case .start(let name, let attributes, _) = event, scanner.equals(name, "Relationship") else { return }
            guard scanner.attribute("TargetMode", in: attributes) != "External",
                let id = scanner.attribute("Id", in: attributes), let target = scanner.attribute("Target", in: attributes)
            else { return }
            let type = scanner.attribute("Type", in: attributes) ?? ""
            list.append((id, Relationship(type: type, target: resolve(target, from: source))))
        }
        return list
    }

    /// The sheets `xl/workbook.xml` lists, in order, and whether it uses the 1904 date system.
    static func workbook(_ bytes: [UInt8]) throws -> (sheets: [Sheet], date1904: Bool) {
        var sheets: [Sheet] = []
        var date1904 = false
        try events(bytes, part: "its workbook part") { scanner, event in
            guard case .start(let name, let attributes, _) = event else { return }
            if scanner.equals(name, "workbookPr") {
                let value = scanner.attribute("date1904", in: attributes)?.lowercased()
                date1904 = value == "1" || value == "true"
            } else if scanner.equals(name, "sheet") {
                let state = scanner.attribute("state", in: attributes) ?? "visible"
                sheets.append(
                    Sheet(
                        name: scanner.attribute("name", in: attributes) ?? "", relationship: scanner.attribute("id", in: attributes) ?? "",
                        hidden: state == "hidden" || state == "veryHidden"))
            }
        }
        return (sheets, date1904)
    }

    /// The shared string table: each `<si>`'s text, its `<r>` runs joined, `<rPh>` left out.
    static func sharedStrings(_ bytes: [UInt8]) throws -> [String] {
        var strings: [String] = []
        var scratch: [UInt8] = []
        var inItem = false, capturing = false
        var phoneticDepth = 0
        try events(bytes, part: "its shared strings") { scanner, event in
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if scanner.equals(name, "si") {
                    scratch.removeAll(keepingCapacity: true)
                    phoneticDepth = 0
                    if selfClosing { strings.append("") } else { inItem = true }
                } else if scanner.equals(name, "t") {
                    capturing = inItem && phoneticDepth == 0 && !selfClosing
                } else if scanner.equals(name, "rPh") {
                    if !selfClosing { phoneticDepth += 1 }
                } else if scanner.equals(name, "sst"), let count = scanner.attribute("uniqueCount", in: attributes).flatMap({ Int($0) }) {
                    strings.reserveCapacity(min(count, 1 << 22))
                }
            case .end(let name):
                if scanner.equals(name, "t") {
                    capturing = false
                } else if scanner.equals(name, "rPh") {
                    phoneticDepth = max(0, phoneticDepth - 1)
                } else if scanner.equals(name, "si") && inItem {
                    inItem = false
                    capturing = false
                    strings.append(XLSXSheetScanner.text(scratch))
                }
            case .text(let range):
                if capturing { scanner.appendDecoded(range, to: &scratch) }
            case .cdata(let range):
                if capturing { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: scanner.bytes[range])) }
            case .endOfDocument:
                break
            }
        }
        return strings
    }

    /// What each cell style (`<cellXfs>`'s `<xf>`, by index) makes of a number.
    static func cellStyles(_ bytes: [UInt8]) throws -> [ExcelNumberFormat.Kind] {
        var customFormats: [Int: String] = [:]
        var formatIds: [Int] = []
        var inCellFormats = false
        try events(bytes, part: "its styles") { scanner, event in
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if scanner.equals(name, "numFmt") {
                    if let id = scanner.attribute("numFmtId", in: attributes).flatMap({ Int($0) }),
                        let code = scanner.attribute("formatCode", in: attributes)
                    {
                        customFormats[id] = code
                    }
                } else if scanner.equals(name, "cellXfs") {
                    inCellFormats = !selfClosing
                } else if inCellFormats && scanner.equals(name, "xf") {
                    formatIds.append(scanner.attribute("numFmtId", in: attributes).flatMap { Int($0) } ?? 0)
                }
            case .end(let name):
                if scanner.equals(name, "cellXfs") { inCellFormats = false }
            default:
                break
            }
        }
        var kinds: [Int: ExcelNumberFormat.Kind] = [:]
        return formatIds.map { id in
            if let kind = kinds[id] { return kind }
            let kind = customFormats[id].map { ExcelNumberFormat.kind(formatCode: $0) } ?? ExcelNumberFormat.kind(builtin: id)
            kinds[id] = kind
            return kind
        }
    }

    /// Calls `body` with every event of a small part, until its end.
    private static func events(
        _ bytes: [UInt8], part: String, _ body: (XMLByteScanner, XMLByteScanner.Event) throws -> Void
    ) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLByteScanner(buffer)
            let reader = XMLByteScanner(buffer)
            do {
                while true {
                    let event = try scanner.next()
                    try body(reader, event)
                    if case .endOfDocument = event { return }
                }
            } catch let malformed as XMLByteScanner.Malformed {
                throw Failure(message: "\(part): damaged XML (\(malformed.message), at byte \(malformed.offset))")
            }
        }
    }
}
