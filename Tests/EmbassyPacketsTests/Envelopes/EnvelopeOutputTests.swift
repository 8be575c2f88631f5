import EmbassyPacketsCore
import EmbassyPacketsPipeline
import EmbassyPacketsXML
import Foundation
import Testing

/// `embassy-packets envelopes`, run as a coordinator runs it, its PDFs read back with poppler:
/// every word of every envelope inside the envelope's return or recipient zone and every word
/// of every label inside exactly one label's printable area, over the whole directory; the
/// checklist the only place an address is marked; the same bytes every run; the coordinator's
/// own files never replaced; no email address on anything that goes in the post.
@Suite("Envelopes and labels")
struct EnvelopeOutputTests {
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

    /// Runs `embassy-packets envelopes ARGS`.
    @discardableResult
    static func envelopes(_ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.run(TestSupport.executable, ["envelopes"] + arguments, environment: environment, currentDirectory: folder)
    }

    /// A manifest of the given packets, as `generate` writes it.
    static func manifest(_ packets: [Manifest.Packet]) -> Manifest {
        Manifest(
            generator: Manifest.Generator(name: "embassy-packets", version: "0.1.0"), date: "2026-12-01", inputs: [],
            totals: Manifest.Totals(rows: 0, accepted: 0, duplicates: 0, rejected: 0, routed: 0, unrouted: 0), packets: packets,
            unrouted: [:], rejected: [:])
    }

    /// A packet of `pages` pages per volume (one file, or `CC-i-of-n.pdf` volumes).
    static func packet(_ code: String, mission: String, consulate: String? = nil, pages: [Int], verified: Bool = true, warnings: [String]? = nil) -> Manifest.Packet {
        let stem = consulate.map { "\(code)-\($0)" } ?? code
        let volumes = pages.enumerated().map { index, count in
            Manifest.Packet.Volume(
                file: pages.count == 1 ? "packets/\(stem).pdf" : "packets/\(stem)-\(index + 1)-of-\(pages.count).pdf", sha256: String(repeating: "0", count: 64),
                bytes: 1000, pages: count)
        }
        return Manifest.Packet(
            embassy: code, mission: mission, file: volumes[0].file, sha256: volumes[0].sha256, bytes: 1000 * pages.count, pages: pages.reduce(0, +),
            signatures: 1, countries: [code: 1], consulate: consulate, addressVerified: verified, volumes: volumes, addressWarnings: warnings)
    }

    /// Edinburgh's unconfirmed consulate, the US embassy (Letter), France in two thick volumes
    /// and a German packet too thick for any envelope.
    static func mixedDelivery(in folder: String) throws -> String {
        let packets = [
            packet(
                "GB", mission: "Consulate General of the People's Republic of China in Edinburgh", consulate: "edinburgh", pages: [9], verified: false,
                warnings: ["no source confirms it", "no street", "no postcode"]),
            packet("US", mission: "Embassy of the People's Republic of China in the United States of America", pages: [12]),
            packet("FR", mission: "Embassy of the People's Republic of China in the French Republic", pages: [300, 240]),
            packet("DE", mission: "Embassy of the People's Republic of China in the Federal Republic of Germany", pages: [450]),
        ]
        let path = UserPath.join(folder, "manifest.json")
        try Generator.writeManifest(manifest(packets), to: path)
        return path
    }

    /// `pdffonts`: every font is embedded.
    static func expectFontsEmbedded(_ path: String) throws {
        let lines = try TestSupport.run("pdffonts", [path]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!lines.isEmpty, "\(path) uses no font")
        for line in lines {
            // name, type (one or two words), encoding, then emb sub uni object ID.
            let columns = line.split(separator: " ")
            #expect(columns.count >= 7 && columns[columns.count - 5] == "yes", "not embedded in \(UserPath.name(path)): \(line)")
        }
    }

    static func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    @Test func everyMissionOfTheDirectoryRendersInsideItsStock() throws {
        // From a folder outside the checkout, the directory found as generate finds it.
        let work = TestSupport.temporaryFolder("envelopes-all")
        let sender = TestSupport.write(Self.senderXML, named: "sender.xml", in: work)
        let run = try Self.envelopes(["--all", "--out", "out", "--sender", "sender.xml", "--date", "2026-12-01"], in: work)
        #expect(run.status == 0, "\(run.stderr)")
        let out = UserPath.join(work, "out")
        for name in ["envelopes.pdf", "labels-a4.pdf", "labels-letter.pdf", "envelopes-checklist.pdf", "envelopes.json"] {
            #expect(FileManager.default.fileExists(atPath: UserPath.join(out, name)), "\(name) is missing")
        }
        let directory = try EmbassyDirectoryLoader.load(folder: TestSupport.embassies)
        let senderValue = try SenderLoader.load(path: sender, schema: TestSupport.path("Templates/sender.rng"))
        let items = EnvelopePlanner.allMissions(directory: directory, sender: senderValue, resolver: CountryResolver(directory: directory))
        try Self.expectEnvelopes(UserPath.join(out, "envelopes.pdf"), items: items)
        try Self.expectLabels(UserPath.join(out, "labels-a4.pdf"), items: items.filter { $0.paper == .a4 }, stock: .l7160)
        try Self.expectLabels(UserPath.join(out, "labels-letter.pdf"), items: items.filter { $0.paper == .letter }, stock: .avery5160)

        // Every mission's address, in the directory's order of lines, by country code.
        let pages = try PDFWords(UserPath.join(out, "envelopes.pdf")).pages
        var index = 0
        for code in directory.entries.keys.sorted() {
            let entry = directory[code]!
            for mission in [entry.mission].compactMap({ $0 }) + entry.consulates {
                let page = TestSupport.squeezed(pages[index].words.map(\.text).joined())
                var expected = [mission.name] + mission.addressLines.dropLast()
                // The sender is in the United States: mail to a US mission is domestic.
                if code != "US" { expected.append(mission.addressLines.last!.uppercased()) }
                #expect(page.hasSuffix(TestSupport.squeezed(expected.joined())), "page \(index + 1) (\(mission.name)): \(page)")
                #expect(!page.contains("UNITEDSTATESOFAMERICA") || code != "US")
                index += 1
            }
        }
        #expect(index == pages.count && index > 200)

        // Nothing of the sender but the postal address; no email address at all.
        for name in ["envelopes.pdf", "labels-a4.pdf", "labels-letter.pdf", "envelopes-checklist.pdf"] {
            let text = try TestSupport.pdfText(UserPath.join(out, name))
            #expect(!text.contains("@") && !text.contains("555 0100") && !text.contains("Jane Doe"), "\(name)")
            try Self.expectFontsEmbedded(UserPath.join(out, name))
        }
    }

    /// Page i is item i's envelope, of its stock's size; every word lies in the recipient zone
    /// or the return zone, and each zone holds exactly its lines.
    static func expectEnvelopes(_ path: String, items: [EnvelopeItem]) throws {
        let pages = try PDFWords(path).pages
        #expect(pages.count == items.count)
        for (page, item) in zip(pages, items) {
            #expect(abs(page.width - item.stock.width) < 0.01 && abs(page.height - item.stock.height) < 0.01, "\(item.mission): \(page.width) x \(page.height)")
            for word in page.words {
                let placed = item.stock.recipientZone.contains(word.box, tolerance: 0.01) || item.stock.returnZone.contains(word.box, tolerance: 0.01)
                #expect(placed, "'\(word.text)' at \(word.box) is outside the zones of \(item.mission)'s \(item.stock.name) envelope")
            }
            #expect(page.squeezedText(in: item.stock.recipientZone) == TestSupport.squeezed(item.recipient.joined()), "\(item.mission)")
            #expect(page.squeezedText(in: item.stock.returnZone) == TestSupport.squeezed(item.returnAddress.joined()), "\(item.mission)")
        }
    }

    /// Label k is item k's address: every word inside exactly one label's printable area, and
    /// that label holds exactly the address.
    static func expectLabels(_ path: String, items: [EnvelopeItem], stock: LabelStock) throws {
        let pages = try PDFWords(path).pages
        #expect(pages.count == (items.count + stock.perSheet - 1) / stock.perSheet)
        for (number, page) in pages.enumerated() {
            #expect(abs(page.width - stock.paper.size.width) < 0.01 && abs(page.height - stock.paper.size.height) < 0.01)
            for word in page.words {
                let holders = (0..<stock.perSheet).filter { stock.printable($0).contains(word.box, tolerance: 0.01) }
                #expect(holders.count == 1, "'\(word.text)' at \(word.box) on sheet \(number + 1) is inside \(holders.count) labels' printable areas")
            }
            for position in 0..<stock.perSheet {
                let index = number * stock.perSheet + position
                let expected = index < items.count ? TestSupport.squeezed(items[index].recipient.joined()) : ""
                #expect(page.squeezedText(in: stock.printable(position)) == expected, "label \(index + 1) of \(UserPath.name(path))")
            }
        }
    }

    @Test func aChineseAndAVeryLongAddressStayInsideTheirBoxes() throws {
        // A directory of three: Japan with its address in Japanese, Nicaragua with an address
        // far too long for any label, the United States on Letter.
        let folder = TestSupport.temporaryFolder("envelopes-directory")
        for name in ["embassy.rng", "US.xml"] {
            try FileManager.default.copyItem(atPath: UserPath.join(TestSupport.embassies, name), toPath: UserPath.join(folder, name))
        }
        let japan = try String(contentsOfFile: UserPath.join(TestSupport.embassies, "JP.xml"), encoding: .utf8).replacingOccurrences(
            of: "<line>3-4-33 Moto-Azabu</line>\n      <line>Minato-ku, Tokyo 106-0046</line>",
            with: "<line>〒106-0046</line>\n      <line>東京都港区元麻布3丁目4番33号</line>\n      <line>中華人民共和国駐日本国大使館</line>")
        #expect(japan.contains("東京都"))
        _ = TestSupport.write(japan, named: "JP.xml", in: folder)
        let long = (1...12).map { "<line>Edificio \($0), Kilómetro \($0 * 7) de la Carretera Panamericana Norte, frente a la Rotonda</line>" }.joined()
            + "<line>" + String(repeating: "Managuaaddress", count: 25) + "</line><line>Nicaragua</line>"
        var nicaragua = try String(contentsOfFile: UserPath.join(TestSupport.embassies, "NI.xml"), encoding: .utf8)
        let start = try #require(nicaragua.range(of: "<address>")), end = try #require(nicaragua.range(of: "</address>"))
        nicaragua.replaceSubrange(start.upperBound..<end.lowerBound, with: long)
        _ = TestSupport.write(nicaragua, named: "NI.xml", in: folder)

        let out = TestSupport.temporaryFolder("envelopes-long")
        let run = try Self.envelopes(["--all", "--out", out, "--embassies", folder, "--date", "2026-12-01"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[envelopes.no-sender]"), "\(run.stderr)")
        let directory = try EmbassyDirectoryLoader.load(folder: folder)
        let items = EnvelopePlanner.allMissions(directory: directory, sender: nil, resolver: CountryResolver(directory: directory))
        #expect(items.contains { $0.recipient.contains("東京都港区元麻布3丁目4番33号") })
        try Self.expectEnvelopes(UserPath.join(out, "envelopes.pdf"), items: items)
        try Self.expectLabels(UserPath.join(out, "labels-a4.pdf"), items: items.filter { $0.paper == .a4 }, stock: .l7160)
        try Self.expectLabels(UserPath.join(out, "labels-letter.pdf"), items: items.filter { $0.paper == .letter }, stock: .avery5160)
        for name in ["envelopes.pdf", "labels-a4.pdf"] { try Self.expectFontsEmbedded(UserPath.join(out, name)) }
        // The checklist asks to check the label that only very small type could fit.
        let checklist = try TestSupport.run("pdftotext", ["-layout", UserPath.join(out, "envelopes-checklist.pdf"), "-"]).stdout
        #expect(checklist.contains("the label is printed at"), "\(checklist)")
        // Han in a Japanese address takes Japanese forms.
        #expect(try TestSupport.run("pdffonts", [UserPath.join(out, "envelopes.pdf")]).stdout.contains("CJKjp"))
    }

    @Test func anUnconfirmedAddressIsMarkedOnTheChecklistOnly() throws {
        let folder = TestSupport.temporaryFolder("envelopes-marked")
        let manifest = try Self.mixedDelivery(in: folder)
        let run = try Self.envelopes([folder])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[envelopes.check-before-posting]") && run.stderr.contains("[envelopes.no-sender]"), "\(run.stderr)")
        // One envelope per packet file: Edinburgh, the US, France's two volumes, Germany.
        let pages = try PDFWords(UserPath.join(folder, "envelopes.pdf")).pages
        #expect(pages.map { "\(Int($0.width.rounded()))x\(Int($0.height.rounded()))" } == ["918x649", "864x648", "1001x709", "1001x709", "1001x709"])
        #expect(FileManager.default.fileExists(atPath: UserPath.join(folder, "labels-a4.pdf")))
        #expect(FileManager.default.fileExists(atPath: UserPath.join(folder, "labels-letter.pdf")))
        #expect(!FileManager.default.fileExists(atPath: UserPath.join(folder, "labels.pdf")))

        // Compared without white space: a long file name wraps in its column.
        let checklist = TestSupport.squeezed(try TestSupport.pdfText(UserPath.join(folder, "envelopes-checklist.pdf")))
        func listed(_ text: String) -> Bool { checklist.contains(TestSupport.squeezed(text)) }
        #expect(listed("Packet: packets/GB-edinburgh.pdf"))
        #expect(listed("address not confirmed — check before posting"), "\(checklist)")
        #expect(listed("address incomplete (no street, no postcode) — check before posting"), "\(checklist)")
        #expect(listed("225 sheets: thicker than a B4 envelope holds (200)"), "\(checklist)")
        #expect(listed("Envelope 4 (envelopes.pdf page 4): B4, 120 sheets") && listed("Packet: packets/FR-2-of-2.pdf"))
        #expect(listed("Envelope 2 (envelopes.pdf page 2): 9 × 12 in., 6 sheets Label: labels-letter.pdf, sheet 1, row 1, column 1"))
        // The checklist lists the envelopes in their order.
        let order = ["GB-edinburgh.pdf", "US.pdf", "FR-1-of-2.pdf", "FR-2-of-2.pdf", "DE.pdf"].compactMap { checklist.range(of: $0)?.lowerBound }
        #expect(order.count == 5 && order == order.sorted())

        // What goes in the post says nothing of it.
        for name in ["envelopes.pdf", "labels-a4.pdf", "labels-letter.pdf"] {
            let text = try TestSupport.pdfText(UserPath.join(folder, name)).lowercased()
            for word in ["confirmed", "posting", "check", "incomplete", "thicker", "sheets", "warning"] {
                #expect(!text.contains(word), "'\(word)' is printed on \(name)")
            }
            #expect(text.contains(name == "labels-letter.pdf" ? "washington" : "edinburgh"))
        }
        let record = try JSONDecoder().decode(EnvelopeRecord.self, from: Self.bytes(UserPath.join(folder, "envelopes.json")))
        #expect(record.envelopes == 5 && record.manifest?.file == manifest && record.files.map(\.file) == ["envelopes.pdf", "labels-a4.pdf", "labels-letter.pdf", "envelopes-checklist.pdf"])
    }

    @Test func twoRunsGiveTheSameBytes() throws {
        let first = TestSupport.temporaryFolder("envelopes-bytes-1"), second = TestSupport.temporaryFolder("envelopes-bytes-2")
        _ = try Self.mixedDelivery(in: first)
        _ = try Self.mixedDelivery(in: second)
        for folder in [first, second] {
            #expect(try Self.envelopes([UserPath.join(folder, "manifest.json")]).status == 0)
            #expect(try Self.envelopes(["--all", "--out", UserPath.join(folder, "all")], environment: ["SOURCE_DATE_EPOCH": "1796169600"]).status == 0)
        }
        for name in ["envelopes.pdf", "labels-a4.pdf", "labels-letter.pdf", "envelopes-checklist.pdf", "all/envelopes.pdf", "all/labels-a4.pdf", "all/envelopes-checklist.pdf"] {
            let a = Self.bytes(UserPath.join(first, name)), b = Self.bytes(UserPath.join(second, name))
            #expect(!a.isEmpty && a == b, "\(name) differs between runs")
            #expect(try TestSupport.run("cmp", [UserPath.join(first, name), UserPath.join(second, name)]).status == 0)
        }
        // A run over its own output replaces its files with the same bytes.
        let before = Self.bytes(UserPath.join(first, "envelopes.pdf"))
        #expect(try Self.envelopes([first]).status == 0)
        #expect(Self.bytes(UserPath.join(first, "envelopes.pdf")) == before)
        #expect(try TestSupport.pdfInfo(UserPath.join(first, "all/envelopes.pdf"))["CreationDate"]?.contains("Dec  2 00:00:00 2026") == true)
    }

    @Test func aFileTheCommandDidNotWriteIsNotReplaced() throws {
        let folder = TestSupport.temporaryFolder("envelopes-own")
        _ = try Self.mixedDelivery(in: folder)
        let own = UserPath.join(folder, "envelopes.pdf")
        try Data("the coordinator's own envelopes\n".utf8).write(to: URL(fileURLWithPath: own))
        let refused = try Self.envelopes([folder])
        #expect(refused.status == 1)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("envelopes.pdf' was not written by embassy-packets envelopes") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(Self.bytes(own) == Data("the coordinator's own envelopes\n".utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(left == ["envelopes.pdf", "manifest.json"], "\(left)")

        // Into a folder of its own: written, then replaced by the next run.
        let out = UserPath.join(folder, "post")
        #expect(try Self.envelopes([folder, "--out", out]).status == 0)
        #expect(try Self.envelopes([folder, "--out", out]).status == 0)
        // A file of its own that the coordinator changed is theirs now.
        let labels = UserPath.join(out, "labels-a4.pdf")
        try Data("edited\n".utf8).write(to: URL(fileURLWithPath: labels))
        let changed = try Self.envelopes([folder, "--out", out])
        #expect(changed.status == 1 && changed.stderr.contains("labels-a4.pdf' was not written by embassy-packets envelopes (or was changed since)"), "\(changed.stderr)")
        #expect(Self.bytes(labels) == Data("edited\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).allSatisfy { !$0.hasPrefix(".") })
        // --force replaces it.
        let forced = try Self.envelopes([folder, "--out", out, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(Self.bytes(labels).starts(with: Data("%PDF".utf8)))
        #expect(try Self.envelopes([folder, "--force"]).status == 0)
        #expect(Self.bytes(own).starts(with: Data("%PDF".utf8)))

        // A delivery all on A4 writes labels.pdf, and the run's earlier labels-*.pdf go.
        let packets = [Self.packet("FR", mission: "Embassy of the People's Republic of China in the French Republic", pages: [10])]
        try Generator.writeManifest(Self.manifest(packets), to: UserPath.join(folder, "manifest.json"))
        #expect(try Self.envelopes([folder, "--out", out]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["envelopes-checklist.pdf", "envelopes.json", "envelopes.pdf", "labels.pdf"], "\(names)")
    }

    @Test func aMissingOrBrokenManifestFailsInOneLine() throws {
        let folder = TestSupport.temporaryFolder("envelopes-broken")
        for (argument, words) in [
            (UserPath.join(folder, "nowhere"), "cannot read the manifest: No such file or directory"),
            (folder, "cannot read the manifest: No such file or directory"),
        ] {
            let run = try Self.envelopes([argument])
            #expect(run.status == 1)
            #expect(run.stderr.split(separator: "\n").count == 1 && run.stderr.contains(words), "\(run.stderr)")
        }
        _ = TestSupport.write("{\"packets\": [", named: "manifest.json", in: folder)
        let garbage = try Self.envelopes([folder])
        #expect(garbage.status == 1 && garbage.stderr.split(separator: "\n").count == 1)
        #expect(garbage.stderr.contains("manifest.json: error: not an embassy-packets manifest: it is not valid JSON"), "\(garbage.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["manifest.json"])
        // A packet the directory has no mission for (another directory's) is named, and nothing is written.
        let elsewhere = TestSupport.temporaryFolder("envelopes-elsewhere")
        try Generator.writeManifest(Self.manifest([Self.packet("AQ", mission: "Embassy in Antarctica", pages: [4])]), to: UserPath.join(elsewhere, "manifest.json"))
        let unknown = try Self.envelopes([elsewhere])
        #expect(unknown.status == 1 && unknown.stderr.split(separator: "\n").count == 1, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("the embassy directory has no Embassy in Antarctica for packets/AQ.pdf"), "\(unknown.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == ["manifest.json"])
        #expect(try Self.envelopes([]).status == 2)
        #expect(try Self.envelopes(["--all"]).status == 2)
        #expect(try Self.envelopes([folder, "--date", "2026-12-01"]).status == 2)
    }

    @Test func noSignersDataReachesTheEnvelopes() throws {
        // A real delivery: signers with emails, a sender with one; then its envelopes.
        let work = TestSupport.temporaryFolder("envelopes-generate")
        var csv = FormCSV()
        csv.add(first: "Zebulon", last: "Quackenbush", city: "Lyon", country: "France", email: "zebulon.quackenbush@example.com")
        csv.add(first: "Hana", last: "Sato", city: "Osaka", country: "Japan", email: "hana@example.jp")
        csv.add(first: "Ann", last: "Lee", city: "Boston", region: "Massachusetts", country: "United States", email: "ann@example.com")
        let input = TestSupport.write(csv.text, named: "signatures.csv", in: work)
        let sender = TestSupport.write(Self.senderXML, named: "sender.xml", in: work)
        let generated = try TestSupport.run(
            TestSupport.executable, ["generate", input, "--out", UserPath.join(work, "out"), "--date", "2026-12-01", "--sender", sender, "--quiet", "--allow-mostly-undelivered"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let post = UserPath.join(work, "post")
        let run = try Self.envelopes([UserPath.join(work, "out"), "--out", post])
        #expect(run.status == 0, "\(run.stderr)")
        // The return address is the sender the packets were made with.
        #expect(!run.stderr.contains("no-sender"), "\(run.stderr)")
        let texts = try TestSupport.outputTexts(post)
        #expect(texts.count >= 7)
        for (name, text) in texts {
            // Poppler's text has no "@" at all; the decompressed file (font data included) none
            // of the addresses.
            if name.hasSuffix("(text)") { #expect(!text.contains("@"), "an email address is in \(name)") }
            for email in ["zebulon.quackenbush@example.com", "hana@example.jp", "ann@example.com", "info@nkfc.example.org", "example."] {
                #expect(!text.contains(email), "\(email) is in \(name)")
            }
            #expect(!text.contains("Quackenbush") && !text.contains("Zebulon"), "a signer is in \(name)")
        }
        let envelope = try TestSupport.pdfText(UserPath.join(post, "envelopes.pdf"))
        #expect(envelope.contains("North Korea Freedom Coalition") && envelope.contains("FRANCE"))
    }
}
