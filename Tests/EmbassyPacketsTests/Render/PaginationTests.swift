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
        _ = table.paginate(document, pages: &pages, sectionPages: &starts)
        #expect(starts == [2])
        #expect(pages.pages[0].isEmpty)
        // With room for two rows it stays.
        var roomy = PageList(geometry: geometry)
        roomy.y = geometry.contentBottom - (table.sectionGap + table.headingHeight + table.headerHeight + row * 2.5)
        starts = []
        _ = table.paginate(document, pages: &roomy, sectionPages: &starts)
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
        _ = table.paginate(document, pages: &pages, sectionPages: &starts)
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
}
