@testable import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// The documents of a packet as a professional hands them over: the cover sheet, the
/// sender's letterhead and signatory, the enclosure line, the receipt with its packet id, the
/// volume title sheets, the Chinese packet, the index's address marks, the tagged structure and
/// the names' findability. Every check reads the real PDFs with poppler.
@Suite("The packet's documents")
struct PacketDocumentsTests {
    static let date = LetterDate(year: 2026, month: 12, day: 1)!

    static func options(_ inputs: [String], into folder: String, template: String = TestSupport.template, translations: [String] = [],
                        maxPages: Int = 500) -> GenerateOptions {
        GenerateOptions(
            inputs: inputs, outputDirectory: folder, date: date, embassiesFolder: TestSupport.embassies, templatePath: template,
            translationPaths: translations, maxPages: maxPages)
    }

    static let senderXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <sender>
          <organisation>North Korea Freedom Coalition</organisation>
          <name>Jane Doe</name>
          <role>Chair</role>
          <address><line>PO Box 1234</line><line>Washington, DC 20013</line><line>United States</line></address>
          <email>info@nkfc.example.org</email>
          <phone>+1 202 555 0100</phone>
        </sender>
        """

    /// The sample, with a sender: the English packets the tests below read.
    static let english: Result<(String, GenerateReport), Error> = Result {
        let folder = TestSupport.temporaryFolder("documents-en")
        let sender = TestSupport.write(senderXML, named: "sender.xml", in: TestSupport.temporaryFolder("documents-sender"))
        var options = Self.options([TestSupport.sampleCSV], into: folder)
        options.senderPath = sender
        return (folder, try Generator.generate(options))
    }

    static func pageTexts(_ path: String) throws -> [String] {
        let pages = Int(try TestSupport.pdfInfo(path)["Pages"] ?? "0") ?? 0
        return try (1...max(1, pages)).map { flat(try TestSupport.pdfText(path, firstPage: $0, lastPage: $0)) }
    }

    /// White space runs made one space.
    static func flat(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    /// The fields of a CSV line (quotes handled; no line breaks inside fields).
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previous: Character?
        for character in line {
            if character == "\"" {
                if quoted && previous == "\"" { field.append("\"") }
                quoted.toggle()
            } else if character == "," && !quoted {
                fields.append(field)
                field = ""
            } else if character != "\r" {
                field.append(character)
            }
            previous = character
        }
        fields.append(field)
        return fields
    }

    @Test func theCoverSheetSaysWhatThePacketHoldsAndWhereEachPartStarts() throws {
        let (folder, report) = try Self.english.get()
        let gb = try #require(report.manifest.packets.first { $0.embassy == "GB" })
        let id = try #require(gb.packetId)
        #expect(id.range(of: "^GB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", options: .regularExpression) != nil)
        let pages = try Self.pageTexts(folder + "/" + gb.file)
        #expect(pages.count == gb.pages)
        let cover = pages[0]
        // The contents' page numbers stand at the right of their lines: read the cover as laid out.
        let laidOut = try TestSupport.run("pdftotext", ["-layout", "-f", "1", "-l", "1", folder + "/" + gb.file, "-"]).stdout
            .split(separator: "\n").map { Self.flat(String($0)) }
        for text in ["Petition to Xi Jinping to Stop Repatriating North Korean Refugees", "Delivered through",
                     "Embassy of the People's Republic of China in the United Kingdom of Great Britain and Northern Ireland",
                     "49 Portland Place", "W1B 1JL", "Signatures \(gb.signatures)", "United Kingdom (\(gb.signatures))",
                     "\(gb.pages) pages in 1 volume", "December 1, 2026", "Packet \(id)", "From North Korea Freedom Coalition"] {
            #expect(cover.contains(text), "the cover lacks '\(text)'")
        }
        #expect(pages[1].contains("This page is left blank."))
        // The contents give the pages where each part really is.
        let letterFirst = try #require(pages.firstIndex { $0.contains("His Excellency Xi Jinping") }) + 1
        let letterLast = try #require(pages.lastIndex { $0.contains("Respectfully yours,") }) + 1
        let tableFirst = try #require(pages.firstIndex { $0.contains("Signatures from the United Kingdom —") }) + 1
        let receiptFirst = try #require(pages.firstIndex { $0.contains("Copy 1 of 2") }) + 1
        #expect(letterFirst == 3)
        func entry(_ part: String, _ pages: String) -> Bool {
            laidOut.contains { $0.hasPrefix(part + " ") && $0.hasSuffix(" " + pages) }
        }
        #expect(entry("Letter", letterFirst == letterLast ? "page \(letterFirst)" : "pages \(letterFirst)–\(letterLast)"), "\(laidOut)")
        #expect(entry("Signatures from the United Kingdom", "page \(tableFirst)"), "\(laidOut)")
        #expect(entry("Delivery receipt (two copies)", "pages \(receiptFirst)–\(gb.pages)"), "\(laidOut)")
        // The same delivery has the same id; another delivery date, another id.
        let again = TestSupport.temporaryFolder("documents-again")
        var options = Self.options([TestSupport.sampleCSV], into: again)
        options.only = ["GB"]
        #expect(try Generator.generate(options).manifest.packets.first?.packetId == id)
        let later = TestSupport.temporaryFolder("documents-later")
        options = Self.options([TestSupport.sampleCSV], into: later)
        options.only = ["GB"]
        options.date = LetterDate(year: 2026, month: 12, day: 2)!
        #expect(try Generator.generate(options).manifest.packets.first?.packetId != id)
    }

    @Test func theSenderHeadsTheLetterAndSignsIt() throws {
        let (folder, report) = try Self.english.get()
        let us = try #require(report.manifest.packets.first { $0.embassy == "US" })
        let pages = try Self.pageTexts(folder + "/" + us.file)
        let letter = pages[2]
        for text in ["North Korea Freedom Coalition", "PO Box 1234 · Washington, DC 20013 · United States", "info@nkfc.example.org · +1 202 555 0100"] {
            #expect(letter.contains(text), "the letterhead lacks '\(text)'")
        }
        // The letterhead comes before the recipient.
        let head = try #require(letter.range(of: "PO Box 1234"))
        let recipient = try #require(letter.range(of: "His Excellency"))
        #expect(head.lowerBound < recipient.lowerBound)
        let all = pages.joined(separator: " ")
        let closing = try #require(all.range(of: "Respectfully yours,"))
        let tail = all[closing.upperBound...]
        #expect(tail.hasPrefix(" Jane Doe Chair, North Korea Freedom Coalition The signatories of the petition"))
        // The sender's address is the only one in the packet, printed once.
        #expect(all.components(separatedBy: "info@nkfc.example.org").count == 2)
        let raw = try TestSupport.run("pdfinfo", [folder + "/" + us.file]).stdout
        #expect(raw.contains("Author:          North Korea Freedom Coalition"))
    }

    @Test func theLetterSaysWhatItEnclosesOnWhichPages() throws {
        let (folder, report) = try Self.english.get()
        for packet in report.manifest.packets {
            let pages = try Self.pageTexts(folder + "/" + packet.file)
            let first = try #require(pages.firstIndex { $0.contains("Signatures from") && !$0.contains("Contents") }) + 1
            let last = try #require(pages.lastIndex { $0.contains("Signatures from") && !$0.contains("Contents") && !$0.contains("Copy ") }) + 1
            let people = packet.signatures == 1 ? "person" : "people"
            let range = first == last ? "page \(first)" : "pages \(first)–\(last)"
            let line = "Enclosure: signatures of \(Formatting.number(packet.signatures, language: "en")) \(people), \(range)"
            #expect(pages.contains { $0.contains(line) }, "\(packet.file): no '\(line)'")
        }
    }

    @Test func aSenderFileIsCheckedLikeATemplate() throws {
        let folder = TestSupport.temporaryFolder()
        func run(_ xml: String) throws -> String {
            let path = TestSupport.write(xml, named: "sender.xml", in: folder)
            var options = Self.options([TestSupport.sampleCSV], into: folder + "/out")
            options.senderPath = path
            options.only = ["GB"]
            do {
                _ = try Generator.generate(options)
                return "accepted"
            } catch let error as PipelineError {
                return error.description
            }
        }
        let unknown = try run("<sender>\n  <fax>1</fax>\n</sender>\n")
        #expect(unknown.contains("sender.xml:2:3") && unknown.contains("unknown element <fax> in <sender>"), "\(unknown)")
        let hidden = try run("<sender><organisation>Write to jane@example.org</organisation></sender>")
        #expect(hidden.contains("<organisation> in <sender> holds an email address"), "\(hidden)")
        #expect(!hidden.contains("jane@example.org"))
        let empty = try run("<sender><name> </name></sender>")
        #expect(empty.contains("<name> in <sender> is empty"), "\(empty)")
        let badEmail = try run("<sender><email>not an address</email></sender>")
        #expect(badEmail.contains("<email> in <sender> is not an email address"), "\(badEmail)")
        #expect(try run("<sender><organisation>Coalition</organisation></sender>") == "accepted")
    }

    @Test func theReceiptNamesThePacketAndWhoDeliveredIt() throws {
        let (folder, report) = try Self.english.get()
        let gb = try #require(report.manifest.packets.first { $0.embassy == "GB" })
        let pages = try Self.pageTexts(folder + "/" + gb.file)
        let copies = pages.filter { $0.contains("Delivery receipt") && $0.contains("Copy ") }
        #expect(copies.count == 2)
        for copy in copies {
            #expect(copy.contains("Packet \(gb.packetId!): \(gb.pages) pages in 1 volume, both copies of this receipt included."))
            for label in ["Delivered by", "Received by", "Title", "Date", "Signature", "Mission’s stamp"] { #expect(copy.contains(label)) }
        }
    }

    @Test func eachVolumeAfterTheFirstOpensWithATitleSheet() throws {
        let folder = TestSupport.temporaryFolder()
        var options = Self.options([TestSupport.sampleCSV], into: folder, maxPages: 4)
        options.only = ["US"]
        let report = try Generator.generate(options)
        let us = try #require(report.manifest.packets.first)
        #expect(us.volumes.count >= 3)
        var numbers: [Int] = []
        for (index, volume) in us.volumes.enumerated() {
            let pages = try Self.pageTexts(folder + "/" + volume.file)
            #expect(pages.count <= 4)
            guard index > 0 else {
                #expect(pages[0].contains("Delivered through"))
                continue
            }
            #expect(pages[0].contains("Volume \(index + 1) of \(us.volumes.count)"), "\(volume.file)")
            #expect(pages[0].contains("Packet \(us.packetId!)"))
            if pages.count > 1 { #expect(pages[1].contains("This page is left blank.")) }
            // The signatures it holds, as the title sheet numbers them.
            if let match = pages[0].range(of: "nos\\. [0-9,]+–[0-9,]+", options: .regularExpression) {
                let bounds = pages[0][match].dropFirst(5).split(separator: "–").map { Int($0.replacingOccurrences(of: ",", with: ""))! }
                numbers.append(contentsOf: bounds)
                let rows = pages.dropFirst().joined(separator: " ")
                #expect(rows.contains(" \(bounds[0]) ") && rows.contains(" \(bounds[1]) "))
            }
        }
        #expect(!numbers.isEmpty)
        #expect(numbers == numbers.sorted())
    }

    @Test func aChinesePacketIsChineseThroughout() throws {
        let folder = TestSupport.temporaryFolder()
        var options = Self.options([TestSupport.sampleCSV], into: folder, template: TestSupport.path("Templates/letter.zh-Hans.xml"))
        options.only = ["GB"]
        let report = try Generator.generate(options)
        let gb = try #require(report.manifest.packets.first)
        let pages = try Self.pageTexts(folder + "/" + gb.file)
        #expect(pages[0].contains("递交日期 2026年12月1日"))
        #expect(pages[0].contains("文件编号 \(gb.packetId!)"))
        #expect(pages.allSatisfy { $0.contains("中华人民共和国驻大不列颠及北爱尔兰联合王国大使馆") })
        #expect(pages.allSatisfy { $0.contains("共 \(gb.pages) 页") })
        #expect(pages.contains { $0.contains("来自英国的签名 — \(gb.signatures)") && $0.contains("序号 姓名 城市 州或省") })
        let receipts = pages.filter { $0.contains("递交回执") && $0.contains("份，共 2 份") }
        #expect(receipts.count == 2)
        for label in ["递交人", "接收人", "职务", "日期", "签名", "使馆印章"] { #expect(receipts.allSatisfy { $0.contains(label) }) }
        #expect(receipts.allSatisfy { $0.contains("来自英国的\(gb.signatures)人签名") })
        #expect(pages.contains { $0.contains("附件：\(gb.signatures) 人的签名") })
        // No slanted face: nothing is set in italic.
        let fonts = try TestSupport.run("pdffonts", [folder + "/" + gb.file]).stdout
        #expect(!fonts.contains("Italic"), "\(fonts)")
    }

    @Test func aBilingualReceiptIsInBothLanguages() throws {
        let folder = TestSupport.temporaryFolder()
        var options = Self.options([TestSupport.sampleCSV], into: folder, translations: [TestSupport.path("Templates/letter.zh-Hans.xml")])
        options.only = ["GB"]
        let report = try Generator.generate(options)
        let gb = try #require(report.manifest.packets.first)
        let pages = try Self.pageTexts(folder + "/" + gb.file)
        let receipt = try #require(pages.first { $0.contains("Copy 1 of 2") })
        #expect(receipt.contains("Delivery receipt") && receipt.contains("递交回执"))
        #expect(receipt.contains("Received by / 接收人") && receipt.contains("Delivered by / 递交人"))
        #expect(receipt.contains("本文件共 \(gb.pages) 页"))
        #expect(pages[0].contains("致习近平主席：请停止遣返脱北难民"))
    }

    @Test func theIndexMarksEveryAddressToCheckBeforePosting() throws {
        let (folder, report) = try Self.english.get()
        let gh = try #require(report.manifest.packets.first { $0.embassy == "GH" })
        #expect(gh.addressWarnings == ["no source confirms it", "no street"])
        let kr = try #require(report.manifest.packets.first { $0.embassy == "KR" })
        #expect(kr.addressWarnings == ["no postcode"])
        for code in ["GB", "US", "FR", "DE", "JP"] {
            #expect(report.manifest.packets.first { $0.embassy == code }?.addressWarnings == nil, "\(code)")
        }
        let index = Self.flat(try TestSupport.pdfText(folder + "/index.pdf"))
        #expect(index.contains("Check before posting: no source confirms it; no street"))
        #expect(index.contains("Check before posting: no postcode"))
        #expect(index.contains("27 Myeongdong 2-gil"))
        let warned = report.manifest.packets.filter { $0.addressWarnings != nil }.count
        #expect(index.contains("\(warned) addresses are not confirmed or not complete"))
    }

    @Test func generateWarnsOfAnIncompleteAddress() throws {
        let folder = TestSupport.temporaryFolder()
        let run = try TestSupport.run(TestSupport.executable, ["generate", TestSupport.sampleCSV, "--out", folder + "/out", "--only", "KR,GB"],
                                      currentDirectory: TestSupport.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("/packets/KR.pdf: warning: the address of the Embassy of the People's Republic of China in the Republic of Korea has no postcode"))
        #expect(run.stderr.contains("[directory.incomplete-address]"))
        #expect(!run.stderr.contains("GB.pdf: warning"))
    }

    @Test func addressChecksReadPostcodesByCountry() {
        #expect(AddressCheck.missingParts(["49 Portland Place", "London", "W1B 1JL", "United Kingdom"], city: "London", countryCode: "GB").isEmpty)
        #expect(AddressCheck.missingParts(["49 Portland Place", "London", "United Kingdom"], city: "London", countryCode: "GB") == ["no postcode"])
        #expect(AddressCheck.missingParts(["Accra", "Ghana"], city: "Accra", countryCode: "GH") == ["no street"])
        // No postcodes in the United Arab Emirates: none is asked for.
        #expect(AddressCheck.missingParts(["Plot 26, W-22", "Abu Dhabi", "United Arab Emirates"], city: "Abu Dhabi", countryCode: "AE").isEmpty)
        // A house number is no postcode.
        #expect(AddressCheck.missingParts(["27 Myeongdong 2-gil", "Seoul", "Republic of Korea"], city: "Seoul", countryCode: "KR") == ["no postcode"])
        #expect(AddressCheck.missingParts(["27 Myeongdong 2-gil", "Seoul 04538", "Republic of Korea"], city: "Seoul", countryCode: "KR").isEmpty)
    }

    @Test func packetsAreTaggedPDF() throws {
        let (folder, report) = try Self.english.get()
        let us = try #require(report.manifest.packets.first { $0.embassy == "US" })
        let path = folder + "/" + us.file
        #expect(try TestSupport.pdfInfo(path)["Tagged"] == "yes")
        let structure = try TestSupport.run("pdfinfo", ["-struct", path])
        #expect(!structure.stderr.contains("Warning"), "\(structure.stderr.prefix(300))")
        let lines = structure.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "Document")
        for tag in ["Sect", "P (block)", "H1 (block)", "Table (block)", "TR", "TH", "TD"] { #expect(lines.contains(tag), "no \(tag)") }
        // A row per signature, and a header row per page of the table.
        let rows = lines.filter { $0 == "TR" }.count
        let headers = lines.filter { $0 == "TH" }.count / 4
        #expect(rows == us.signatures + headers)
    }

    /// The document the renderer is handed (in this process or a worker's) holds no email key.
    @Test func theRendererNeverSeesAnEmailKey() throws {
        let plan = GoldenLetterTests.plan()
        #expect(plan.sections.allSatisfy { $0.signatures.allSatisfy { !$0.emailKey.isEmpty } })
        let document = plan.document(letters: [LetterDocument(title: "T", campaign: "C", language: "en", blocks: [])], creator: "t", creationDate: 0)
        #expect(document.sections.allSatisfy { $0.signatures.allSatisfy { $0.emailKey.isEmpty } })
        #expect(document.sections.map(\.signatures.count) == plan.sections.map(\.signatures.count))
    }

    @Test func bigCampaignsMayTagLess() throws {
        for (tags, rows, cells) in [(PacketDocument.Tagging.rows, true, false), (.none, false, false)] {
            let folder = TestSupport.temporaryFolder("tags-\(tags.rawValue)")
            var options = Self.options([TestSupport.sampleCSV], into: folder)
            options.only = ["US"]
            options.tagging = tags
            let us = try #require(try Generator.generate(options).manifest.packets.first)
            let path = folder + "/" + us.file
            #expect(try TestSupport.pdfInfo(path)["Tagged"] == (tags == .none ? "no" : "yes"))
            let lines = try TestSupport.run("pdfinfo", ["-struct", path]).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(lines.contains("TR") == rows)
            #expect(lines.contains("TD") == cells)
        }
    }

    /// Every Arabic, Hebrew and Thai name of the sample can be found in the packets by text
    /// search (poppler), as typed; and every name and city of every script, but for one known
    /// case (the Arabic lam-alef ligature), at least 95 % of them.
    @Test func everyNameCanBeFoundBySearch() throws {
        let (folder, report) = try Self.english.get()
        var text = ""
        for packet in report.manifest.packets { text += try TestSupport.pdfText(folder + "/" + packet.file) + "\n" }
        let flat = TestSupport.squeezed(text.precomposedStringWithCanonicalMapping)
        // ("\r\n" is one Character in Swift.)
        let lines = try String(contentsOfFile: TestSupport.sampleCSV, encoding: .utf8)
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        // The rows not delivered (rejected, duplicate, unrouted) are those the run reported.
        let undelivered = Set(report.diagnostics.compactMap { $0.location?.line })
        let rows = lines.enumerated().dropFirst().filter { !undelivered.contains($0.offset + 1) }.map { Self.fields(String($0.element)) }
        var found: [String: (Int, Int)] = [:]
        var missing: [String] = []
        for row in rows where row.count >= 6 {
            for (column, value) in [row[1], row[2], row[3]].enumerated() where !value.isEmpty {
                let script = column == 2 ? "city" : value.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } ? "arabic"
                    : value.unicodeScalars.contains { (0x0590...0x05FF).contains($0.value) } ? "hebrew"
                    : value.unicodeScalars.contains { (0x0E00...0x0E7F).contains($0.value) } ? "thai" : "other"
                let hit = flat.contains(TestSupport.squeezed(value.precomposedStringWithCanonicalMapping))
                found[script, default: (0, 0)].0 += hit ? 1 : 0
                found[script, default: (0, 0)].1 += 1
                if !hit { missing.append(value) }
            }
        }
        let names = Set(rows.filter { $0.count > 2 }.flatMap { [$0[1], $0[2]] })
        for script in ["arabic", "hebrew", "thai"] {
            let (hits, total) = found[script] ?? (0, 0)
            #expect(total >= 10, "\(script): only \(total) values in \(rows.count) delivered rows (\(undelivered.count) not delivered)")
            #expect(Double(hits) / Double(total) >= 0.95, "\(script): \(hits) of \(total); missing \(missing)")
        }
        // Every name, of every script, is found; what is left is a city with the lam-alef ligature.
        #expect(missing.allSatisfy { !names.contains($0) }, "names missing: \(missing.filter { names.contains($0) })")
        #expect(missing.allSatisfy { $0.contains("لإ") || $0.contains("لا") || $0.contains("لأ") }, "missing: \(missing)")
        let all = found.values.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        #expect(Double(all.0) / Double(all.1) >= 0.95, "\(all.0) of \(all.1); missing \(missing)")
    }
}

/// Every Han character is drawn: in Noto Sans CJK SC, Cairo 1.16's font subsetter left 如 blank
/// (its advance was there, and `pdftotext` found it, but no ink).
@Suite("Han glyphs drawn")
struct HanGlyphTests {
    /// Dark pixels in a box of a page, rendered in grey at 150 dpi.
    static func ink(_ path: String, page: Int, x: Double, y: Double, width: Double, height: Double) throws -> Int {
        let scale = 150.0 / 72
        let folder = TestSupport.temporaryFolder("ink")
        _ = try TestSupport.run("pdftoppm", [
            "-gray", "-r", "150", "-f", String(page), "-l", String(page), "-singlefile",
            "-x", String(Int(x * scale)), "-y", String(Int(y * scale)), "-W", String(max(1, Int(width * scale))), "-H", String(max(1, Int(height * scale))),
            path, folder + "/crop"])
        let bytes = [UInt8](FileManager.default.contents(atPath: folder + "/crop.pgm") ?? Data())
        // P5 header: magic, width, height, maximum, each followed by white space.
        var fields = 0, index = 0
        while index < bytes.count && fields < 4 {
            while index < bytes.count && (bytes[index] == 0x20 || bytes[index] == 0x0A) { index += 1 }
            while index < bytes.count && bytes[index] != 0x20 && bytes[index] != 0x0A { index += 1 }
            fields += 1
        }
        return bytes.dropFirst(index + 1).filter { $0 < 128 }.count
    }

    @Test func everyHanCharacterOfANameIsDrawn() throws {
        var csv = FormCSV()
        csv.add(first: "如意", last: "王", city: "如东", region: "江苏", country: "Singapore", email: "a@example.org")
        csv.add(first: "忉", last: "李", city: "瘃", region: "烪", country: "Singapore", email: "b@example.org")
        let folder = TestSupport.temporaryFolder()
        let input = TestSupport.write(csv.text, named: "han.csv", in: folder)
        var options = PacketDocumentsTests.options([input], into: folder + "/out")
        options.intake.allowMostlyUndelivered = true
        let report = try Generator.generate(options)
        let sg = try #require(report.manifest.packets.first)
        let path = folder + "/out/" + sg.file
        let words = try TypographyTests.words(path)
        for text in ["王如意", "如东", "李忉", "瘃", "烪"] {
            let word = try #require(words.first { $0.text == text }, "\(text) not found")
            // Each character's share of the word's box has ink.
            let count = text.count
            let share = (word.xMax - word.xMin) / Double(count)
            for index in 0..<count {
                let pixels = try Self.ink(path, page: word.page, x: word.xMin + share * Double(index) + 0.5, y: word.yMin, width: share - 1, height: word.yMax - word.yMin)
                #expect(pixels > 15, "\(Array(text)[index]) in \(text) has \(pixels) dark pixels")
            }
        }
    }
}
