@testable import EmbassyPacketsPipeline
import Foundation
import Testing

/// A 100,000-response Microsoft Forms sheet, scanned whole: every cell lands right at that
/// scale. (Its speed is measured by Benchmarks/run.sh, never asserted here.)
@Suite("XLSX at scale")
struct XLSXScaleTests {
    static let count = 100_000

    /// The sheet XML: ID, two timestamps, Email, a missing Name, then the questions as shared
    /// and inline strings; and the shared strings it refers to.
    static func sheet() -> (bytes: [UInt8], strings: [String]) {
        var strings = ["anonymous", "Canada", "대한민국", "Egypt"]
        strings.reserveCapacity(2 * count + 4)
        var xml = Array(ZipBuilder.sheet("").utf8)
        let tail = Array("</sheetData>".utf8)
        // Everything up to <sheetData>, then the rows, then the rest.
        let split = xml.indices.first { xml[$0...].starts(with: tail) }!
        let rest = Array(xml[split...])
        xml.removeSubrange(split...)
        xml.reserveCapacity(count * 420)
        for row in 1...count {
            strings.append("First\(row)")
            strings.append("Last\(row)")
            let first = strings.count - 2
            let serial = 45_306 + Double(row) / 1_000
            let cells = "<c r=\"A\(row)\"><v>\(row)</v></c><c r=\"B\(row)\" s=\"1\"><v>\(serial)</v></c>"
                + "<c r=\"C\(row)\" s=\"1\"><v>\(serial + 0.0011574074074074073)</v></c><c r=\"D\(row)\" t=\"s\"><v>0</v></c>"
                + "<c r=\"F\(row)\" t=\"s\"><v>\(first)</v></c><c r=\"G\(row)\" t=\"s\"><v>\(first + 1)</v></c>"
                + "<c r=\"H\(row)\" t=\"inlineStr\"><is><t>Brighton &amp; Hove</t></is></c><c r=\"I\(row)\" t=\"s\"><v>\(1 + row % 3)</v></c>"
                + "<c r=\"J\(row)\" t=\"inlineStr\"><is><t>signer\(row)@example.org</t></is></c>"
            xml += Array("<row r=\"\(row)\" spans=\"1:10\">\(cells)</row>".utf8)
        }
        return (xml + rest, strings)
    }

    @Test("100,000 rows scan to the right cells")
    func hundredThousandRows() throws {
        let (bytes, strings) = Self.sheet()
        let scanner = XLSXSheetScanner(sharedStrings: strings, styles: [.number, .date], date1904: false)
        let rows = try bytes.withUnsafeBufferPointer { try scanner.scan($0) }

        #expect(rows.count == Self.count)
        #expect(rows.last?.line == Self.count)
        // Row 100,000: serial 45406 is 2024-04-24; the completion time is 100 seconds later.
        #expect(rows.last?.fields == [
            "100000", "2024-04-24 00:00:00", "2024-04-24 00:01:40", "anonymous", "", "First100000", "Last100000", "Brighton & Hove",
            "대한민국", "signer100000@example.org",
        ])
        // Row 12,345: 12.345 days after 2024-01-15 is 2024-01-27 08:16:48.
        #expect(rows[12_344].fields[1] == "2024-01-27 08:16:48")
        #expect(rows[12_344].fields[8] == "Canada")
    }
}
