import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// Runs `generate` on the shipped sample (about 200 signers in many countries and scripts)
/// and checks the PDFs with poppler.
@Suite("End to end")
struct EndToEndTests {
    struct Run: Sendable {
        var folder: String
        var report: GenerateReport
        var prepared: PreparedRun
    }

    static let date = LetterDate(year: 2026, month: 11, day: 29)!

    static func generate(into folder: String) throws -> GenerateReport {
        try Generator.generate(GenerateOptions(
            inputs: [TestSupport.sampleCSV, TestSupport.sampleJSON], outputDirectory: folder, date: date,
            embassiesFolder: TestSupport.embassies, templatePath: TestSupport.template))
    }

    /// One run shared by the tests that only read its output.
    static let shared: Result<Run, Error> = Result {
        let folder = TestSupport.temporaryFolder("shared-run")
        let report = try generate(into: folder)
        let prepared = try Generator.prepare(inputs: [TestSupport.sampleCSV, TestSupport.sampleJSON], embassiesFolder: TestSupport.embassies, templatePath: TestSupport.template)
        return Run(folder: folder, report: report, prepared: prepared)
    }

    /// Every email address in the inputs, found by a pattern independent of the tool's reader.
    static let inputEmails: [String] = {
        var emails = Set<String>()
        for path in [TestSupport.sampleCSV, TestSupport.sampleJSON] {
            let text = try! String(contentsOfFile: path, encoding: .utf8)
            let regex = try! NSRegularExpression(pattern: #"[^\s,"@]+@[^\s,"]+"#)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                emails.insert(String(text[Range(match.range, in: text)!]).trimmingCharacters(in: .whitespaces))
            }
        }
        return emails.sorted()
    }()

    @Test func theManifestAddsUpAndNamesEveryPacket() throws {
        let run = try Self.shared.get()
        let manifest = run.report.manifest
        let totals = manifest.totals
        #expect(manifest.schema == 1)
        #expect(manifest.generator.name == "embassy-packets")
        #expect(manifest.date == "2026-11-29")
        #expect(totals.rows == manifest.inputs.reduce(0) { $0 + $1.rows })
        #expect(totals.rows == totals.accepted + totals.duplicates + totals.rejected)
        #expect(totals.accepted == totals.routed + totals.unrouted)
        #expect(totals.routed == manifest.packets.reduce(0) { $0 + $1.signatures })
        #expect(totals.unrouted == manifest.unrouted.values.reduce(0, +))
        #expect(totals.rejected == manifest.rejected.values.reduce(0, +))
        // The sample holds 199 CSV rows and 10 JSON objects, with known problem rows.
        #expect(manifest.inputs.map(\.rows) == [199, 10])
        #expect(totals.duplicates == 3)
        #expect(manifest.rejected == ["signature.invalid-email": 1, "signature.missing-city": 1, "signature.missing-name": 1, "signature.unknown-country": 1])

        let files = try FileManager.default.contentsOfDirectory(atPath: run.folder + "/packets").sorted()
        #expect(files == manifest.packets.map { ($0.file as NSString).lastPathComponent }.sorted())
        for packet in manifest.packets {
            let bytes = try Generator.readFile(run.folder + "/" + packet.file)
            #expect(bytes.count == packet.bytes)
            #expect(Generator.sha256Hex(bytes) == packet.sha256)
            #expect(packet.file == "packets/\(packet.embassy).pdf")
            #expect(packet.countries.values.reduce(0, +) == packet.signatures)
        }
        // The manifest on disk is the one returned.
        let data = try Data(contentsOf: URL(fileURLWithPath: run.folder + "/manifest.json"))
        #expect(try JSONDecoder().decode(Manifest.self, from: data) == manifest)
    }

    @Test func pageCountsAndPaperMatch() throws {
        let run = try Self.shared.get()
        for packet in run.report.manifest.packets {
            let info = try TestSupport.pdfInfo(run.folder + "/" + packet.file)
            #expect(info["Pages"] == String(packet.pages), "\(packet.file)")
            let letterPaper = ["US", "CA", "MX", "PH"].contains(packet.embassy)
            #expect(info["Page size"]?.hasPrefix(letterPaper ? "612 x 792" : "595.276 x 841.89") == true, "\(packet.file): \(info["Page size"] ?? "")")
            #expect(info["CreationDate"]?.contains("2026") == true)
            #expect(info["Creator"]?.hasPrefix("embassy-packets") == true)
        }
    }

    @Test func everyFontIsEmbedded() throws {
        let run = try Self.shared.get()
        for packet in run.report.manifest.packets {
            let lines = try TestSupport.run("pdffonts", [run.folder + "/" + packet.file]).stdout.split(separator: "\n").dropFirst(2)
            #expect(!lines.isEmpty)
            for line in lines {
                // Columns: name type encoding emb sub uni object ID; "emb" is the fourth from the end.
                let columns = line.split(separator: " ", omittingEmptySubsequences: true)
                #expect(columns[columns.count - 5] == "yes", "\(packet.file): \(line)")
            }
        }
    }

    @Test func everySignerIsInTheirCountrysPacket() throws {
        let run = try Self.shared.get()
        var packetsOfName: [String: Set<String>] = [:]
        for plan in run.prepared.sorted.plans {
            for section in plan.sections {
                for signature in section.signatures { packetsOfName[TestSupport.squeezed(signature.displayName), default: []].insert(plan.code) }
            }
        }
        #expect(packetsOfName.count > 100)
        var texts: [String: String] = [:]
        for packet in run.report.manifest.packets {
            texts[packet.embassy] = TestSupport.squeezed(try TestSupport.pdfText(run.folder + "/" + packet.file))
        }
        for (name, codes) in packetsOfName {
            for code in codes {
                #expect(texts[code]?.contains(name) == true, "\(name) missing from \(code).pdf")
            }
            // A name found in one country's packet only is in no other packet.
            for (other, text) in texts where !codes.contains(other) && name.count > 6 {
                #expect(!text.contains(name), "\(name) wrongly in \(other).pdf")
            }
        }
        // The names checked above cover the scripts the sample carries.
        let scripts: [(String, ClosedRange<UInt32>)] = [
            ("Hangul", 0xAC00...0xD7AF), ("Han", 0x4E00...0x9FFF), ("Cyrillic", 0x0400...0x04FF), ("Arabic", 0x0600...0x06FF),
            ("Hebrew", 0x05D0...0x05EA), ("Thai", 0x0E00...0x0E7F), ("Devanagari", 0x0900...0x097F), ("Latin diacritics", 0x00C0...0x017F),
            ("Vietnamese", 0x1EA0...0x1EF9),
        ]
        for (script, range) in scripts {
            #expect(packetsOfName.keys.contains { $0.unicodeScalars.contains { range.contains($0.value) } }, "no \(script) name checked")
        }
    }

    @Test func noEmailAddressAppearsInAnyOutput() throws {
        let run = try Self.shared.get()
        #expect(Self.inputEmails.count > 200)
        var outputs: [String] = [try String(contentsOfFile: run.folder + "/manifest.json", encoding: .utf8)]
        outputs += run.report.diagnostics.map(\.description)
        for packet in run.report.manifest.packets {
            let path = run.folder + "/" + packet.file
            outputs.append(try TestSupport.pdfText(path))
            outputs.append(try TestSupport.run("pdfinfo", [path]).stdout)
            outputs.append(String(decoding: try Generator.readFile(path), as: UTF8.self))
        }
        let everything = outputs.joined(separator: "\n").lowercased()
        for email in Self.inputEmails {
            #expect(!everything.contains(email.lowercased()), "an email address leaked")
        }
        #expect(!everything.contains("@example."))
    }

    @Test func theLetterIsAddressedThroughTheEmbassy() throws {
        let run = try Self.shared.get()
        // The letter starts on page 3, after the cover sheet and its blank back.
        let text = try TestSupport.pdfText(run.folder + "/packets/US.pdf", firstPage: 3)
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.hasPrefix("Petition to Xi Jinping to Stop Repatriating North Korean Refugees His Excellency Xi Jinping President, People’s Republic of China c/o Embassy of the People's Republic of China in the United States of America 3505 International Place, N.W. Washington, DC 20008"))
        #expect(flat.contains("November 29, 2026"))
        #expect(flat.contains("Dear Mr. President:"))
        let us = run.report.manifest.packets.first { $0.embassy == "US" }!
        #expect(flat.contains("This petition is signed by \(us.signatures) people from the United States"))
        #expect(flat.contains("Signatures from the United States — \(us.signatures)"))
    }

    @Test func everyPageIsNumberedAndEveryTablePageHasTheHeaderRow() throws {
        let run = try Self.shared.get()
        for packet in run.report.manifest.packets where ["US", "KR", "EG"].contains(packet.embassy) {
            let path = run.folder + "/" + packet.file
            var sawTable = false
            for page in 1...packet.pages {
                let text = try TestSupport.run("pdftotext", ["-f", String(page), "-l", String(page), path, "-"]).stdout
                #expect(text.contains("page \(page) of \(packet.pages)"), "\(packet.file) page \(page)")
                // The cover and the blank pages stand alone, without the running header.
                let alone = page == 1 || text.contains("This page is left blank.")
                if page == 1 { #expect(text.contains("Delivered through")) }
                #expect(text.contains("Petition to Xi Jinping") || alone, "running header on \(packet.file) page \(page)")
                if alone && !sawTable { continue }
                if text.contains("Signatures from") && text.contains("No.") {
                    sawTable = true
                    #expect(text.contains("No.") && text.contains("Name") && text.contains("City") && text.contains("State or Province"))
                } else if sawTable && (text.contains("Delivery receipt") || text.contains("This page is left blank.")) {
                    // The receipt's copies, and the blank pages that give each a sheet.
                    if page == packet.pages { #expect(text.contains("Delivery receipt"), "the last page is the receipt") }
                } else {
                    #expect(!sawTable, "a page without a table after the tables began")
                }
            }
            #expect(sawTable)
        }
    }

    @Test func twoRunsWriteTheSameBytes() throws {
        let run = try Self.shared.get()
        let again = TestSupport.temporaryFolder()
        let report = try Self.generate(into: again)
        #expect(report.manifest.packets.map(\.sha256) == run.report.manifest.packets.map(\.sha256))
        let first = try Data(contentsOf: URL(fileURLWithPath: run.folder + "/manifest.json"))
        let second = try Data(contentsOf: URL(fileURLWithPath: again + "/manifest.json"))
        #expect(first == second)
    }

    @Test func aMissingInputStopsAndWritesNothing() throws {
        let folder = TestSupport.temporaryFolder() + "/out"
        #expect {
            try Generator.generate(GenerateOptions(
                inputs: [TestSupport.sampleCSV, "/nonexistent/signatures.csv"], outputDirectory: folder, date: Self.date,
                embassiesFolder: TestSupport.embassies, templatePath: TestSupport.template))
        } throws: { error in
            (error as! PipelineError).description.contains("/nonexistent/signatures.csv")
        }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func byConsulateMakesAPacketPerConsulateAddressedThroughIt() throws {
        let folder = TestSupport.temporaryFolder()
        let report = try Generator.generate(GenerateOptions(
            inputs: [TestSupport.sampleCSV], intake: IntakeOptions(routing: RoutingOptions(byConsulate: true)), outputDirectory: folder,
            date: Self.date, embassiesFolder: TestSupport.embassies, templatePath: TestSupport.template))
        let manifest = report.manifest
        #expect(manifest.regionUnmatched != nil)
        let newYork = try #require(manifest.packets.first { $0.file == "packets/US-new-york.pdf" })
        #expect(newYork.embassy == "US" && newYork.consulate == "new-york")
        #expect(newYork.mission == "Consulate General of the People's Republic of China in New York")
        let text = try TestSupport.pdfText(folder + "/" + newYork.file).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("c/o Consulate General of the People's Republic of China in New York 520 12th Avenue"))
        // The figures still add up, and the US packets together hold every US signer.
        #expect(manifest.totals.routed == manifest.packets.reduce(0) { $0 + $1.signatures })
        let usPackets = manifest.packets.filter { $0.embassy == "US" }
        #expect(usPackets.count > 1)
        let byEmbassy = try Self.shared.get().report.manifest.packets.first { $0.embassy == "US" }!
        #expect(usPackets.reduce(0) { $0 + ($1.countries["US"] ?? 0) } == byEmbassy.countries["US"])
        #expect(manifest.packets.contains { !$0.addressVerified })
    }
}
