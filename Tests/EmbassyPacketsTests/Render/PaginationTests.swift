@testable import EmbassyPacketsRender
import EmbassyPacketsCore
import Testing

@Suite("Pagination")
struct PaginationTests {
    static func document(rows: Int, sections: Int = 1) -> PacketDocument {
        let signature = Signature(location: SourceLocation(file: "f"), order: 0, submittedAt: nil, firstName: "Ana", lastName: "Silva",
                                  city: "Porto", region: "Norte", countryCode: "PT", emailKey: "k")
        return PacketDocument(
            letters: [LetterDocument(title: "T", campaign: "C", language: "en", blocks: [.init(kind: .paragraph, runs: [.init("Dear President.")])])],
            sections: (0..<sections).map { PacketDocument.Section(heading: "Signatures from \($0)", countryCode: "PT", language: nil, signatures: Array(repeating: signature, count: rows)) },
            header: "H", footer: "F", paper: .a4, metadata: .init(title: "T", author: "A", subject: "S", creator: "C", creationDate: 0))
    }

    @Test func aHeadingIsNeverLeftAloneAtTheFootOfAPage() {
        PacketRenderer.serialized { headingCheck() }
    }

    private func headingCheck() {
        let renderer = PacketRenderer()
        let geometry = PageGeometry(width: 595.276, height: 841.89)
        let document = Self.document(rows: 5)
        let table = TableLayout(document: document, context: renderer.context, fonts: renderer.fonts, geometry: geometry)
        let row = table.measure(section: document.sections[0], row: 0).height
        // Room for the heading and the header row and one row, but not two: the section moves on.
        var pages = PageList(geometry: geometry)
        pages.y = geometry.contentBottom - (table.sectionGap + table.headingHeight + table.headerHeight + row * 1.5)
        var starts: [Int] = []
        var split: [EmbassyPacketsCore.SourceLocation] = []
        _ = table.paginate(document, pages: &pages, sectionPages: &starts, splitRows: &split)
        #expect(starts == [2])
        #expect(pages.pages[0].isEmpty)
        // With room for two rows it stays.
        var roomy = PageList(geometry: geometry)
        roomy.y = geometry.contentBottom - (table.sectionGap + table.headingHeight + table.headerHeight + row * 2.5)
        starts = []
        _ = table.paginate(document, pages: &roomy, sectionPages: &starts, splitRows: &split)
        #expect(starts == [1])
    }

    @Test func rowsAreNeverSplitAndTheHeaderRepeats() {
        PacketRenderer.serialized { rowsCheck() }
    }

    private func rowsCheck() {
        let renderer = PacketRenderer()
        let geometry = PageGeometry(width: 595.276, height: 841.89)
        let document = Self.document(rows: 200, sections: 2)
        let table = TableLayout(document: document, context: renderer.context, fonts: renderer.fonts, geometry: geometry)
        var pages = PageList(geometry: geometry)
        var starts: [Int] = []
        var split: [EmbassyPacketsCore.SourceLocation] = []
        _ = table.paginate(document, pages: &pages, sectionPages: &starts, splitRows: &split)
        #expect(pages.pages.count > 4)
        var rows = 0
        for page in pages.pages {
            var sawHeader = false
            for placement in page {
                switch placement {
                case .tableHeader: sawHeader = true
                case .row(_, _, let y, let height):
                    rows += 1
                    #expect(sawHeader)
                    #expect(y >= geometry.top && y + height <= geometry.contentBottom + 0.001)
                default: break
                }
            }
        }
        #expect(rows == 400)
    }

    /// A city of thousands of characters makes a row taller than a page: it runs on over the
    /// pages it needs, inside the content area, cut between lines, and is reported.
    @Test func aRowTallerThanAPageRunsOnInsideTheMargins() {
        PacketRenderer.serialized { tallRowCheck() }
    }

    private func tallRowCheck() {
        let renderer = PacketRenderer()
        let geometry = PageGeometry(width: 595.276, height: 841.89)
        var document = Self.document(rows: 3)
        document.sections[0].signatures[1].city = String(repeating: "Porto ", count: 680)
        document.sections[0].signatures[1].region = String(repeating: "Norte ", count: 600)
        document.sections[0].signatures[1].location = EmbassyPacketsCore.SourceLocation(file: "s.csv", line: 3)
        let table = TableLayout(document: document, context: renderer.context, fonts: renderer.fonts, geometry: geometry)
        let total = table.measure(section: document.sections[0], row: 1).height
        #expect(total > geometry.contentBottom - geometry.top)
        var pages = PageList(geometry: geometry)
        var starts: [Int] = []
        var split: [EmbassyPacketsCore.SourceLocation] = []
        _ = table.paginate(document, pages: &pages, sectionPages: &starts, splitRows: &split)
        #expect(split == [EmbassyPacketsCore.SourceLocation(file: "s.csv", line: 3)])
        let cuts = Set(table.cleanCuts(section: document.sections[0], row: 1))
        var covered = 0.0
        var parts = 0
        var carriedHeadings = 0
        for page in pages.pages {
            for placement in page {
                switch placement {
                case .rowPart(_, let row, let y, let from, let to, let total):
                    #expect(row == 1)
                    #expect(from == covered)
                    #expect(to > from)
                    // Each part stays above the footer, and is cut between lines.
                    #expect(y + (to - from) + (from > 0 ? table.padding : 0) <= geometry.contentBottom + 0.001)
                    #expect(to == total || cuts.contains(to))
                    covered = to
                    parts += 1
                case .heading(_, _, _, let carried):
                    if carried == 2 { carriedHeadings += 1 }
                case .row(_, let row, _, _):
                    #expect(row != 1)
                default: break
                }
            }
        }
        #expect(abs(covered - total) < 0.001)
        #expect(parts >= 2)
        #expect(carriedHeadings == parts - 1)
    }

    /// The footer of the longest mission name, beside the longest page number, stays inside
    /// the margins: smaller, or on two lines, but never cut and never past the text's edge.
    @Test func aLongMissionNameKeepsToTheMargins() {
        PacketRenderer.serialized { footerCheck() }
    }

    private func footerCheck() {
        let renderer = PacketRenderer()
        let geometry = PageGeometry(width: 595.276, height: 841.89)
        var document = Self.document(rows: 1)
        document.footer = "Embassy of the People's Republic of China in the United Kingdom of Great Britain and Northern Ireland"
        for volume in [nil, (12, 12)] as [(Int, Int)?] {
            let marginals = PacketRenderer.Marginals(renderer: renderer, document: document, geometry: geometry, pageCount: 1234, volume: volume)
            #expect(!marginals.footerLeft.isEllipsized)
            #expect(marginals.footerLeft.size.width <= geometry.textWidth - marginals.rightWidth)
            #expect(marginals.footerRight.size.width <= marginals.rightWidth)
            #expect(marginals.footerY + marginals.footerLeft.size.height <= geometry.height - PageGeometry.edge)
            #expect(marginals.footerY - 5 > geometry.contentBottom)
        }
    }
}
