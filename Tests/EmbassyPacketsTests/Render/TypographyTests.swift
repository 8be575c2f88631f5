import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// Renders a fixture with names in every script the tool promises, and checks the PDFs with
/// poppler: text, fonts, regional Han faces, margins, volumes, paper, receipt, metadata.
@Suite("Typography and print")
struct TypographyTests {
    static let scripts = TestSupport.path("Tests/EmbassyPacketsTests/Fixtures/scripts.csv")
    static let date = LetterDate(year: 2026, month: 11, day: 29)!

    static func generate(_ inputs: [String], into folder: String, routes: [String: String] = ["TW": "US"], columns: [TableColumn] = TableColumn.standard,
                         paper: Paper? = nil, maxPages: Int = 500) throws -> GenerateReport {
        try Generator.generate(GenerateOptions(
            inputs: inputs, intake: IntakeOptions(routing: RoutingOptions(overrides: routes)), outputDirectory: folder, date: date,
            embassiesFolder: TestSupport.embassies, templatePath: TestSupport.template, columns: columns, paper: paper,
            maxPages: maxPages))
    }

    static let shared: Result<(String, GenerateReport), Error> = Result {
        let folder = TestSupport.temporaryFolder("scripts-run")
        return (folder, try generate([scripts], into: folder, columns: [.number, .name, .city, .region, .signed]))
    }

    /// Every word poppler finds on every page, with its box and page size.
    struct Word {
        var text: String
        var xMin, yMin, xMax, yMax: Double
        var page: Int
        var pageWidth, pageHeight: Double
    }

    static func words(_ path: String) throws -> [Word] {
        let html = try TestSupport.run("pdftotext", ["-bbox", path, "-"]).stdout
        var words: [Word] = []
        var page = 0, width = 0.0, height = 0.0
        func attribute(_ name: String, _ line: Substring) -> Double {
            guard let range = line.range(of: name + "=\"") else { return .nan }
            let rest = line[range.upperBound...]
            return Double(rest[..<rest.firstIndex(of: "\"")!]) ?? .nan
        }
        for line in html.split(separator: "\n") {
            if line.contains("<page ") {
                page += 1
                width = attribute("width", line)
                height = attribute("height", line)
            } else if line.contains("<word ") {
                let text = line[line.index(after: line.firstIndex(of: ">")!)..<line.range(of: "</word>")!.lowerBound]
                words.append(Word(text: String(text), xMin: attribute("xMin", line), yMin: attribute("yMin", line), xMax: attribute("xMax", line),
                                  yMax: attribute("yMax", line), page: page, pageWidth: width, pageHeight: height))
            }
        }
        return words
    }

    @Test func everyScriptComesBackAsWritten() throws {
        let (folder, report) = try Self.shared.get()
        #expect(report.manifest.packets.map(\.embassy).sorted() == ["JP", "KR", "US"])
        let us = TestSupport.squeezed(try TestSupport.pdfText(folder + "/packets/US.pdf"))
        for name in ["Ελένη Παπαδοπούλου", "Алексей Смирнов", "최지훈", "王伟", "佐藤さくら", "فاطمة الزهراء", "יעל כהן", "สมศักดิ์ ทองดี",
                     "अमित वर्मा", "Nguyễn Thị Minh Khai", "Łukasz Żółć", "Zoë 😀 Smile", "<b>&amp;</b> Tag", "陳直"] {
            #expect(us.contains(TestSupport.squeezed(name)), "\(name) missing")
        }
        // The long city wraps inside its cell, hyphenated where it breaks: all of it is there,
        // line after line.
        let city = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
        let pieces = try Self.words(folder + "/packets/US.pdf").map { $0.text.replacingOccurrences(of: "-", with: "") }.filter { $0.count >= 5 && city.contains($0) }
        #expect(pieces.joined() == city)
        #expect(pieces.count > 1)
        #expect(TestSupport.squeezed(try TestSupport.pdfText(folder + "/packets/JP.pdf")).contains("高橋直樹"))
        #expect(report.manifest.packets.allSatisfy { $0.unknownGlyphs == 0 })
    }

    /// Glyph positions are exact: rounded to whole points (Pango's default on a PDF surface), the
    /// word spaces of one justified line of the letter varied by up to 1.84 pt over the sample's
    /// packets; exact, they are equal to within rounding of the measurement.
    @Test func theWordSpacesOfAJustifiedLineAreEqual() throws {
        let folder = TestSupport.temporaryFolder()
        _ = try Self.generate([TestSupport.sampleCSV], into: folder)
        var spreads: [Double] = []
        for name in ["US.pdf", "GB.pdf", "FR.pdf", "DE.pdf"] {
            // The letter's pages, after the cover sheet and its blank back.
            let words = try Self.words(folder + "/packets/" + name).filter { (3...5).contains($0.page) }
            let lines = Dictionary(grouping: words) { "\($0.page):\(($0.yMax * 10).rounded())" }
            for line in lines.values {
                let sorted = line.sorted { $0.xMin < $1.xMin }
                guard sorted.count >= 6, sorted.last!.xMax - sorted.first!.xMin > 440 else { continue }
                let gaps = zip(sorted, sorted.dropFirst()).map { $1.xMin - $0.xMax }
                guard gaps.min()! >= 0, gaps.max()! <= 15 else { continue }
                spreads.append(gaps.max()! - gaps.min()!)
            }
        }
        #expect(spreads.count >= 40, "\(spreads.count) justified lines measured")
        #expect(spreads.max()! < 0.3, "the widest spread of word spaces in a justified line is \(spreads.max()!) pt")
    }

    /// An Arabic or Hebrew name starts at its column's left edge like every other name (it was
    /// pushed to the right edge, reading into the next column), and still runs right-to-left.
    @Test func rightToLeftNamesStartAtTheirColumnsEdge() throws {
        let folder = TestSupport.temporaryFolder()
        _ = try Self.generate([Self.scripts], into: folder)
        let words = try Self.words(folder + "/packets/US.pdf")
        let header = try #require(words.first { $0.text == "Name" })
        let city = try #require(words.first { $0.text == "City" && $0.page == header.page })
        let latin = try #require(words.first { $0.text == "Алексей" })
        #expect(abs(latin.xMin - header.xMin) < 1)
        func isRightToLeft(_ text: String) -> Bool {
            text.unicodeScalars.contains { (0x0590...0x08FF).contains($0.value) }
        }
        let names = Dictionary(grouping: words.filter { isRightToLeft($0.text) && $0.xMax < city.xMin }) { "\($0.page):\(($0.yMax).rounded())" }
        #expect(names.count >= 2, "\(names.count) right-to-left names found")
        for (line, glyphs) in names {
            let start = glyphs.map(\.xMin).min()!
            #expect(abs(start - header.xMin) < 1, "the right-to-left name on \(line) starts at \(start), its column at \(header.xMin)")
        }
    }

    @Test func hanTakesItsRegionsFace() throws {
        let (folder, _) = try Self.shared.get()
        func fonts(_ code: String) throws -> String { try TestSupport.run("pdffonts", [folder + "/packets/\(code).pdf"]).stdout }
        #expect(try fonts("JP").contains("NotoSerifCJKjp"))
        #expect(try fonts("KR").contains("NotoSerifCJKkr"))
        let us = try fonts("US")
        #expect(us.contains("NotoSerifCJKtc"))  // the Taiwan section
        #expect(us.contains("NotoSerifCJKsc"))  // a Han name in the United States' section
        #expect(us.contains("NotoSerifCJKjp"))  // a name with kana
        #expect(us.contains("NotoSansArabic") && us.contains("NotoSansHebrew") && us.contains("NotoSansThai") && us.contains("NotoSansDevanagari"))
        #expect(us.contains("Symbola"))  // the emoji
        for line in us.split(separator: "\n").dropFirst(2) {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            #expect(columns[columns.count - 5] == "yes", "not embedded: \(line)")
        }
    }

    @Test func nothingIsPrintedOutsideTheMargins() throws {
        let (folder, _) = try Self.shared.get()
        let sample = TestSupport.temporaryFolder()
        _ = try EndToEndTests.generate(into: sample)
        for path in [folder + "/packets/US.pdf", folder + "/packets/JP.pdf", sample + "/packets/US.pdf", sample + "/packets/FR.pdf"] {
            let words = try Self.words(path)
            #expect(words.count > 100)
            for word in words {
                // Within half an inch of no edge, and the body within the side margins.
                #expect(word.xMin >= 36 - 0.5 && word.xMax <= word.pageWidth - 36 + 0.5, "\(path) p\(word.page): '\(word.text)' x \(word.xMin)–\(word.xMax)")
                #expect(word.yMin >= 36 - 0.5 && word.yMax <= word.pageHeight - 36 + 0.5, "\(path) p\(word.page): '\(word.text)' y \(word.yMin)–\(word.yMax)")
                // A hyphen at the end of a justified line hangs into the margin by its own width,
                // as in fine typesetting; nothing else crosses the side margins.
                let hangs = word.text.hasSuffix("\u{AD}") || word.text.hasSuffix("-")
                #expect(word.xMin >= 62 - 0.5 && word.xMax <= word.pageWidth - 62 + (hangs ? 4.5 : 0.5), "\(path) p\(word.page): '\(word.text)' outside the side margins")
            }
        }
    }

    @Test func longPacketsSplitIntoVolumesWithContinuousNumbering() throws {
        let folder = TestSupport.temporaryFolder()
        let report = try Self.generate([TestSupport.sampleCSV], into: folder, maxPages: 2)
        let us = try #require(report.manifest.packets.first { $0.embassy == "US" })
        // The cover and its back, the letter (2), the table (1), a blank page, the receipt, a
        // blank back, its second copy: 9 pages; then every volume after the first opens with a
        // title sheet, so 1 more page in each of the 7 volumes after the first.
        #expect(us.volumes.count == 8)
        #expect(us.pages == 9 + 7)
        #expect(us.volumes.map(\.file) == (1...8).map { "packets/US-\($0)-of-8.pdf" })
        #expect(us.volumes.allSatisfy { $0.pages == 2 })
        #expect(us.file == us.volumes[0].file && us.sha256 == us.volumes[0].sha256)
        #expect(us.bytes == us.volumes.reduce(0) { $0 + $1.bytes })
        var number = 0
        for (index, volume) in us.volumes.enumerated() {
            let path = folder + "/" + volume.file
            #expect(try TestSupport.pdfInfo(path)["Pages"] == String(volume.pages))
            #expect(Generator.sha256Hex(try Generator.readFile(path)) == volume.sha256)
            for page in 1...volume.pages {
                number += 1
                let text = try TestSupport.run("pdftotext", ["-f", String(page), "-l", String(page), path, "-"]).stdout
                #expect(text.contains("volume \(index + 1) of 8 · page \(number) of \(us.pages)"), "\(volume.file) page \(page)")
                if index > 0 && page == 1 { #expect(text.contains("Volume \(index + 1) of 8"), "\(volume.file): no title sheet") }
            }
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/packets")
        #expect(!files.contains("US.pdf"))
        // A packet within the limit stays whole.
        let whole = TestSupport.temporaryFolder()
        let wholeReport = try Self.generate([TestSupport.sampleCSV], into: whole, maxPages: 40)
        #expect(wholeReport.manifest.packets.allSatisfy { $0.volumes.count == 1 && $0.file == "packets/\($0.embassy).pdf" })
    }

    @Test func paperFollowsTheEmbassyUnlessOverridden() throws {
        let folder = TestSupport.temporaryFolder()
        _ = try Self.generate([Self.scripts], into: folder, paper: .a4)
        #expect(try TestSupport.pdfInfo(folder + "/packets/US.pdf")["Page size"]?.hasPrefix("595.276 x 841.89") == true)
        let (shared, _) = try Self.shared.get()
        #expect(try TestSupport.pdfInfo(shared + "/packets/US.pdf")["Page size"]?.hasPrefix("612 x 792") == true)
        #expect(try TestSupport.pdfInfo(shared + "/packets/JP.pdf")["Page size"]?.hasPrefix("595.276 x 841.89") == true)
    }

    @Test func theReceiptIsTheLastPageAndBookmarksLeadToEachPart() throws {
        let (folder, report) = try Self.shared.get()
        let us = try #require(report.manifest.packets.first { $0.embassy == "US" })
        let last = try TestSupport.run("pdftotext", ["-f", String(us.pages), "-l", String(us.pages), folder + "/" + us.file, "-"]).stdout
        let flat = last.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Delivery receipt"))
        #expect(flat.contains("The Embassy of the People's Republic of China in the United States of America received"))
        #expect(flat.contains("with the signatures of 15 people from the United States (14) and Taiwan (1)"))
        #expect(flat.contains("Packet \(us.packetId!): \(us.pages) pages in 1 volume, both copies of this receipt included."))
        #expect(flat.contains("Copy 2 of 2: signed and stamped, returned to the deliverer"))
        for label in ["Received by", "Title", "Date", "Signature", "Mission’s stamp"] { #expect(flat.contains(label)) }
        let raw = String(decoding: try Generator.readFile(folder + "/" + us.file), as: UTF8.self)
        #expect(raw.contains("/Title (Letter)"))
        // Cairo writes titles with parentheses as UTF-16.
        func utf16(_ text: String) -> String { "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">" }
        #expect(raw.contains("/Title " + utf16("Signatures from the United States (14)")))
        #expect(raw.contains("/Title " + utf16("Signatures from Taiwan (1)")))
        #expect(raw.contains("/Title (Delivery receipt)"))
    }

    /// Printed on both sides, the receipt's two copies each take a sheet of their own: the
    /// mission's starts on a right-hand (odd) page, a blank page before it where needed, a
    /// blank back between the copies. (Before, the receipt was printed on the back of the last
    /// signature page in most packets.)
    @Test func theReceiptsTwoCopiesEachHaveASheetOfTheirOwn() throws {
        let folder = TestSupport.temporaryFolder()
        let report = try Self.generate([TestSupport.sampleCSV], into: folder)
        #expect(report.manifest.packets.count > 10)
        for packet in report.manifest.packets {
            let path = folder + "/" + packet.file
            func page(_ number: Int) throws -> String {
                try TestSupport.run("pdftotext", ["-f", String(number), "-l", String(number), path, "-"]).stdout
            }
            let pages = packet.pages
            #expect(try page(pages).contains("Copy 2 of 2"), "\(packet.file)")
            #expect(try page(pages - 1).contains("This page is left blank."), "\(packet.file)")
            #expect(try page(pages - 2).contains("Copy 1 of 2"), "\(packet.file)")
            #expect((pages - 2) % 2 == 1, "\(packet.file): the mission's copy is on page \(pages - 2), a left-hand page")
            let before = try page(pages - 3)
            #expect(before.contains("Signatures from") || before.contains("This page is left blank."), "\(packet.file)")
        }
    }

    @Test func metadataIsSetAndDated() throws {
        let (folder, _) = try Self.shared.get()
        let info = try TestSupport.pdfInfo(folder + "/packets/US.pdf")
        #expect(info["Title"] == "Petition to Xi Jinping to Stop Repatriating North Korean Refugees — United States")
        #expect(info["Author"] == "North Korea Freedom Coalition")
        #expect(info["Subject"] == "Petition delivered through the Embassy of the People's Republic of China in the United States of America")
        #expect(info["Creator"] == "embassy-packets \(ToolInfo.version)")
        #expect(info["CreationDate"] == "Sun Nov 29 00:00:00 2026 UTC")
    }

    @Test func sourceDateEpochDatesTheRunWhenNoDateIsGiven() throws {
        let folder = TestSupport.temporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["SOURCE_DATE_EPOCH"] = "1700000000"
        environment["TZ"] = "UTC"
        let result = try TestSupport.run(
            TestSupport.executable, ["generate", Self.scripts, "--out", folder, "--quiet", "--route", "TW=US"],
            environment: environment, currentDirectory: TestSupport.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try TestSupport.pdfInfo(folder + "/packets/JP.pdf")["CreationDate"] == "Tue Nov 14 22:13:20 2023 UTC")
        #expect(try TestSupport.pdfText(folder + "/packets/JP.pdf").contains("November 14, 2023"))
    }

    @Test func charactersNoFontHasAreCountedAndFailStrict() throws {
        let folder = TestSupport.temporaryFolder()
        let input = TestSupport.write(FormCSV.header + "\n1,Ana\u{0378},Silva,Porto,,Portugal,a@example.pt,\n", named: "pua.csv", in: folder)
        let result = try TestSupport.run(
            TestSupport.executable, ["generate", input, "--out", folder + "/out", "--date", "2026-11-29", "--strict"], currentDirectory: TestSupport.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("PT.pdf: warning: 1 character no installed font can draw (they print as boxes) [render.unknown-glyphs]"))
        #expect(result.stderr.contains("--strict: 1 character no installed font can draw"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/out/manifest.json")))
        #expect(manifest.packets.first?.unknownGlyphs == 1)
    }
}
