import EmbassyPacketsCore
import EmbassyPacketsXML
import Foundation
import Testing

/// The stock the envelopes and labels are printed on, and how an address is written on them:
/// the geometry as the sources give it, the envelope chosen for a packet's thickness, the
/// country line, the return address.
@Suite("Envelope and label stock")
struct EnvelopeStockTests {
    static let mm = Length.mm

    @Test func theL7160SheetIsAveryGeometry() {
        let stock = LabelStock.l7160
        #expect(stock.perSheet == 21 && stock.columns == 3 && stock.rows == 7)
        #expect(abs(stock.labelWidth - 63.5 * Self.mm) < 0.001 && abs(stock.labelHeight - 38.1 * Self.mm) < 0.001)
        #expect(abs(stock.left - 7.2 * Self.mm) < 0.001 && abs(stock.top - 15.15 * Self.mm) < 0.001)
        #expect(abs(stock.pitchX - 66.04 * Self.mm) < 0.001 && abs(stock.pitchY - 38.1 * Self.mm) < 0.001)
        Self.expectSheetHolds(stock)
        // The last column ends 7.22 mm from the right edge, the last row 15.15 mm from the bottom.
        let last = stock.cell(20)
        #expect(abs((stock.paper.size.width - last.maxX) / Self.mm - 7.22) < 0.01)
        #expect(abs((stock.paper.size.height - last.maxY) / Self.mm - 15.15) < 0.01)
    }

    @Test func the5160SheetIsAveryGeometry() {
        let stock = LabelStock.avery5160
        #expect(stock.perSheet == 30 && stock.columns == 3 && stock.rows == 10)
        #expect(stock.labelWidth == 189 && stock.labelHeight == 72)
        #expect(stock.left == 13.5 && stock.top == 36 && stock.pitchX == 198 && stock.pitchY == 72)
        Self.expectSheetHolds(stock)
        let last = stock.cell(29)
        #expect(abs(stock.paper.size.width - last.maxX - 13.5) < 0.001)
        #expect(abs(stock.paper.size.height - last.maxY - 36) < 0.001)
    }

    /// Every label lies on the sheet, none overlaps another, and the printable area is the
    /// label less 2 mm on every side.
    static func expectSheetHolds(_ stock: LabelStock) {
        let page = PageRect(x: 0, y: 0, width: stock.paper.size.width, height: stock.paper.size.height)
        let cells = (0..<stock.perSheet).map(stock.cell)
        for (index, cell) in cells.enumerated() {
            #expect(page.contains(cell), "label \(index) leaves the sheet")
            for other in cells[(index + 1)...] {
                let apart = other.x >= cell.maxX - 0.001 || cell.x >= other.maxX - 0.001 || other.y >= cell.maxY - 0.001 || cell.y >= other.maxY - 0.001
                #expect(apart, "labels overlap")
            }
            let printable = stock.printable(index)
            #expect(abs(printable.x - cell.x - 2 * mm) < 0.001 && abs(cell.maxY - printable.maxY - 2 * mm) < 0.001)
        }
        // The position wraps onto the next sheet.
        #expect(stock.cell(stock.perSheet) == stock.cell(0))
    }

    @Test func envelopesAreTheirISOAndUSSizesLandscape() {
        #expect(abs(EnvelopeStock.c4.width - 324 * Self.mm) < 0.001 && abs(EnvelopeStock.c4.height - 229 * Self.mm) < 0.001)
        #expect(abs(EnvelopeStock.b4.width - 353 * Self.mm) < 0.001 && abs(EnvelopeStock.b4.height - 250 * Self.mm) < 0.001)
        #expect(abs(EnvelopeStock.catalog9x12.width - 864) < 0.001 && abs(EnvelopeStock.catalog9x12.height - 648) < 0.001)
        #expect(abs(EnvelopeStock.catalog10x13.width - 936) < 0.001 && abs(EnvelopeStock.catalog10x13.height - 720) < 0.001)
        for stock in [EnvelopeStock.c4, .b4, .catalog9x12, .catalog10x13] {
            let face = PageRect(x: 0, y: 0, width: stock.width, height: stock.height)
            #expect(face.inset(by: 15 * Self.mm).contains(stock.recipientZone) && face.inset(by: 15 * Self.mm).contains(stock.returnZone))
            // The recipient stays 20 mm above the bottom edge (USPS's barcode area is 5/8 in.).
            #expect(stock.height - stock.recipientZone.maxY >= 20 * Self.mm - 0.001)
            // The return address, the postage and the recipient do not overlap.
            for (a, b) in [(stock.returnZone, stock.recipientZone), (stock.returnZone, stock.postageZone), (stock.postageZone, stock.recipientZone)] {
                #expect(a.maxX <= b.x || b.maxX <= a.x || a.maxY <= b.y || b.maxY <= a.y)
            }
        }
    }

    @Test func aThickPacketGetsTheLargerEnvelope() {
        // Printed on both sides: 190 pages are 95 sheets, all a C4 holds.
        #expect(EnvelopeStock.sheets(pages: 190) == 95 && EnvelopeStock.sheets(pages: 191) == 96 && EnvelopeStock.sheets(pages: 1) == 1)
        #expect(EnvelopeStock.c4.capacity == 95 && EnvelopeStock.b4.capacity == 200)
        #expect(EnvelopeStock.catalog9x12.capacity == 63 && EnvelopeStock.catalog10x13.capacity == 190)
        #expect(EnvelopeStock.choose(paper: .a4, sheets: 95) == .c4)
        #expect(EnvelopeStock.choose(paper: .a4, sheets: 96) == .b4)
        #expect(EnvelopeStock.choose(paper: .letter, sheets: 63) == .catalog9x12)
        #expect(EnvelopeStock.choose(paper: .letter, sheets: 64) == .catalog10x13)
        #expect(EnvelopeStock.choose(paper: .letter, sheets: 400) == .catalog10x13)
    }

    @Test func theCountryLineIsInCapitalsAbroadAndLeftOutAtHome() {
        let lines = ["49 Portland Place", "London", "W1B 1JL", "United Kingdom"]
        let name = "Embassy of the People's Republic of China in the United Kingdom"
        #expect(PostalAddress.recipient(name: name, lines: lines, international: true) == [name, "49 Portland Place", "London", "W1B 1JL", "UNITED KINGDOM"])
        #expect(PostalAddress.recipient(name: name, lines: lines, international: false) == [name, "49 Portland Place", "London", "W1B 1JL"])
        #expect(PostalAddress.recipient(name: "E", lines: ["Ferit Recai Ertuğrul Caddesi 18", "Ankara", "Türkiye"], international: true)
            == ["E", "Ferit Recai Ertuğrul Caddesi 18", "Ankara", "TÜRKIYE"])
    }

    @Test func theReturnAddressIsPostalOnly() {
        let resolver = CountryResolver()
        let sender = Sender(
            organisation: "North Korea Freedom Coalition", name: "Jane Doe", role: "Chair",
            address: ["PO Box 1234", "Washington, DC 20013", "United States"], email: "info@nkfc.example.org", phone: "+1 202 555 0100")
        let abroad = PostalAddress.returnAddress(sender, international: true, resolver: resolver)
        #expect(abroad == ["North Korea Freedom Coalition", "PO Box 1234", "Washington, DC 20013", "UNITED STATES"])
        #expect(PostalAddress.returnAddress(sender, international: false, resolver: resolver) == ["North Korea Freedom Coalition", "PO Box 1234", "Washington, DC 20013"])
        #expect(!abroad.joined().contains("@") && !abroad.joined().contains("555"))
        #expect(PostalAddress.returnAddress(nil, international: true, resolver: resolver).isEmpty)
        // A line shaped like an email never gets onto an envelope.
        let careless = Sender(organisation: "NKFC", address: ["write to info@nkfc.example.org", "Seoul"])
        #expect(PostalAddress.returnAddress(careless, international: true, resolver: resolver) == ["NKFC", "Seoul"])
    }

    /// Every mission's last address line names its country, as the envelopes take it (the
    /// country line in capitals, or left out for domestic mail).
    @Test func everyMissionsLastLineNamesACountry() throws {
        let directory = try EmbassyDirectoryLoader.load(folder: TestSupport.embassies)
        let resolver = CountryResolver(directory: directory)
        var missions = 0
        for entry in directory.entries.values {
            for mission in [entry.mission].compactMap({ $0 }) + entry.consulates {
                missions += 1
                let country = PostalAddress.country(of: mission.addressLines, resolver: resolver)
                #expect(country != nil, "\(entry.countryCode): '\(mission.addressLines.last ?? "")' names no country")
                // Yemen's embassy sits in Riyadh; every other mission is in its own country.
                if entry.countryCode != "YE" { #expect(country == entry.countryCode, "\(mission.name): \(country ?? "none")") }
            }
        }
        #expect(missions > 200)
    }

    @Test func thePlanMarksWhatToCheckAndNothingElse() throws {
        let directory = try EmbassyDirectoryLoader.load(folder: TestSupport.embassies)
        let resolver = CountryResolver(directory: directory)
        let items = EnvelopePlanner.allMissions(directory: directory, sender: nil, resolver: resolver)
        let edinburgh = try #require(items.first { $0.mission.contains("Edinburgh") })
        #expect(edinburgh.checks.contains(EnvelopePlanner.unconfirmedNote))
        #expect(edinburgh.recipient == ["Consulate General of the People's Republic of China in Edinburgh", "Edinburgh", "UNITED KINGDOM"])
        let london = try #require(items.first { $0.countryCode == "GB" && $0.mission.hasPrefix("Embassy") })
        #expect(london.checks.isEmpty)
        #expect(items.first { $0.countryCode == "US" }?.stock == .catalog9x12)
        #expect(items.first { $0.countryCode == "FR" }?.stock == .c4)
        // Nothing a check says is in what is printed.
        for item in items {
            #expect(!item.recipient.joined(separator: " ").lowercased().contains("check before posting"))
        }
    }
}
