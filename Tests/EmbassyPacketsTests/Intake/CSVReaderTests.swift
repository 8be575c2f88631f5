import EmbassyPacketsCore
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    private func records(_ text: String, separator: UInt8? = nil) -> [CSVReader.Record] {
        var out: [CSVReader.Record] = []
        Array(text.utf8).withUnsafeBufferPointer { buffer in
            CSVReader.read(buffer, separator: separator) { out.append($0) }
        }
        return out
    }

    @Test func quotedFieldsHoldSeparatorsQuotesAndLineBreaks() {
        let rows = records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,row,here\r\n")
        #expect(rows.count == 3)
        #expect(rows[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
        // The record after a field with a line break starts on line 4.
        #expect(rows[2].line == 4)
        #expect(rows[2].fields == ["last", "row", "here"])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func everyLineEndCounts(lineEnd: String) {
        let rows = records(["h1,h2", "a,b", "c,d"].joined(separator: lineEnd) + lineEnd)
        #expect(rows.map(\.line) == [1, 2, 3])
        #expect(rows[2].fields == ["c", "d"])
    }

    @Test func blankLinesAndEmptyRowsAreSkippedButLinesStillCount() {
        let rows = records("h1,h2\n\na,b\n,\n   \nc,d")
        #expect(rows.map(\.line) == [1, 3, 6])
    }

    @Test(arguments: [(";", UInt8(ascii: ";")), ("\t", UInt8(ascii: "\t")), (",", UInt8(ascii: ","))])
    func separatorIsDetectedFromTheHeader(separator: String, byte: UInt8) {
        let text = ["First Name", "Last Name", "City"].joined(separator: separator) + "\n"
        let detected = Array(text.utf8).withUnsafeBufferPointer { CSVReader.detectSeparator($0) }
        #expect(detected == byte)
    }

    @Test func invalidUTF8MarksTheRowNotTheFile() {
        var bytes = Array("h1,h2\nok,fine\n".utf8)
        bytes += [0x62, 0xFF, 0x61, 0x64, 0x2C, 0x78, 0x0A]  // "b\xFFad,x"
        bytes += Array("also,fine\n".utf8)
        var rows: [CSVReader.Record] = []
        bytes.withUnsafeBufferPointer { buffer in CSVReader.read(buffer) { rows.append($0) } }
        #expect(rows.count == 4)
        #expect(rows[1].problem == nil)
        #expect(rows[2].problem?.contains("UTF-8") == true)
        #expect(rows[2].line == 3)
        #expect(rows[3].problem == nil)
    }

    @Test func anUnterminatedQuoteIsReported() {
        let rows = records("h1,h2\n\"open,never closed\n")
        #expect(rows.count == 2)
        #expect(rows[1].problem?.contains("not closed") == true)
    }
}
