import CCairo
import CPangoCairo
import EmbassyPacketsCore
import Foundation

/// What rendering a packet produced.
public struct RenderResult: Sendable {
    /// One PDF file of the packet.
    public struct Volume: Sendable {
        /// The file's name inside the folder it was written to.
        public var file: String
        public var pages: Int

        /// Creates a volume record.
        public init(file: String, pages: Int) {
            self.file = file
            self.pages = pages
        }
    }

    /// Pages over all volumes.
    public var pages: Int
    /// Characters that no installed font could draw (found before drawing).
    public var unknownGlyphs: Int
    /// One volume, or several when the packet is longer than its `maxPages`.
    public var volumes: [Volume]
    /// Where the rows come from (`file:line`) that were taller than a page and run on over
    /// several pages.
    public var splitRows: [String] = []
    /// Seconds spent laying out (the measuring pass) and drawing and writing the PDF.
    public var layoutSeconds: Double = 0
    public var drawSeconds: Double = 0

    /// Creates a result (a worker process reports one).
    public init(pages: Int, unknownGlyphs: Int, volumes: [Volume], splitRows: [String] = [], layoutSeconds: Double = 0, drawSeconds: Double = 0) {
        self.pages = pages
        self.splitRows = splitRows
        self.unknownGlyphs = unknownGlyphs
        self.volumes = volumes
        self.layoutSeconds = layoutSeconds
        self.drawSeconds = drawSeconds
    }
}

/// Typesets a `PacketDocument` with Pango and writes it as PDF with Cairo: the letter, the
/// tables of signatures, and the delivery receipt when the template asks for one; a running
/// header and "page i of n" on every page.
///
/// Pages are laid out twice: a measuring pass fixes every line and row to a page (so the
/// number of pages is known, and so are the characters no font has), then a drawing pass
/// writes them, split into volumes of at most `maxPages`. One renderer per thread.
public final class PacketRenderer {
    let context = TextContext()
    /// The letter's: exact glyph positions, so that a justified line's word spaces are equal.
    let letterContext = TextContext(exactPositions: true)
    let fonts = FontBook()

    /// Creates a renderer. Each thread that renders needs its own.
    public init() {}

    /// Serialises all Pango and Cairo work in the process: Cairo 1.16 shares FreeType faces
    /// between threads and crashed (FT_Get_First_Char) with two packets rendering at once.
    private static let lock = NSLock()

    /// Renders a packet into `folder` as `stem.pdf`, or as `stem-1-of-N.pdf` ... when it has
    /// more than `document.maxPages` pages. Safe to call from any thread: renders run one at a time.
    public func render(_ document: PacketDocument, folder: String, stem: String) throws -> RenderResult {
        try Self.serialized { try renderLocked(document, folder: folder, stem: stem) }
    }

    /// Runs Pango and Cairo work while no other thread does.
    static func serialized<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func renderLocked(_ document: PacketDocument, folder: String, stem: String) throws -> RenderResult {
        try FontBook.check.get()
        let started = DispatchTime.now().uptimeNanoseconds
        let size = document.paper.size
        let geometry = PageGeometry(width: size.width, height: size.height)
        let letters = document.letters.map { LetterLayout(letter: $0, context: letterContext, fonts: fonts, width: geometry.textWidth) }
        let table = TableLayout(document: document, context: context, fonts: fonts, geometry: geometry)

        // Measuring pass.
        var pages = PageList(geometry: geometry)
        var letterPages: [Int] = []
        for (index, letter) in letters.enumerated() {
            if index > 0 { pages.newPage(geometry) }
            letterPages.append(pages.current)
            letter.paginate(&pages, geometry: geometry, letter: index)
        }
        if !document.sections.isEmpty { pages.newPage(geometry) }
        var sectionPages: [Int] = []
        var splitRows: [SourceLocation] = []
        var unknown = letters.reduce(0) { $0 + $1.unknownGlyphs }
        unknown += table.paginate(document, pages: &pages, sectionPages: &sectionPages, splitRows: &splitRows)
        let tablesEnd = pages.pages.count
        var receipt: ReceiptLayout?
        var receiptPage: Int?
        if let spec = document.receipt {
            // Two copies, the mission's and the deliverer's, each on a sheet of its own when
            // printed on both sides: the first starts on a right-hand page, a blank page before
            // it where needed, and a blank back between the two.
            if pages.pages.count % 2 == 1 {
                pages.newPage(geometry)
                pages.place(.blank)
            }
            pages.newPage(geometry)
            pages.place(.receipt(copy: 1))
            receiptPage = pages.current
            pages.newPage(geometry)
            pages.place(.blank)
            pages.newPage(geometry)
            pages.place(.receipt(copy: 2))
            receipt = ReceiptLayout(receipt: spec, language: document.letters[0].language, context: context, fonts: fonts, geometry: geometry)
        }
        let pageCount = pages.pages.count
        let measured = DispatchTime.now().uptimeNanoseconds

        // Drawing pass, volume by volume.
        let perVolume = max(1, document.maxPages)
        let volumeCount = (pageCount + perVolume - 1) / perVolume
        var volumes: [RenderResult.Volume] = []
        for volume in 0..<volumeCount {
            let first = volume * perVolume
            let last = min(pageCount, first + perVolume)
            let name = volumeCount == 1 ? "\(stem).pdf" : "\(stem)-\(volume + 1)-of-\(volumeCount).pdf"
            var metadata = document.metadata
            if volumeCount > 1 { metadata.title += " (volume \(volume + 1) of \(volumeCount))" }
            let pdf = try PDFDocument(path: folder + "/" + name, width: geometry.width, height: geometry.height, metadata: metadata)
            pango_cairo_update_context(pdf.cairo, context.context)
            pango_cairo_update_context(pdf.cairo, letterContext.context)
            let canvas = PageCanvas(cairo: pdf.cairo)
            // Bookmarks: the letter, each country's table (where it starts, or where this
            // volume takes it up), the receipt.
            for (index, page) in letterPages.enumerated() where page - 1 >= first && page - 1 < last {
                let language = document.letters[index].language
                pdf.addOutline(index == 0 ? "Letter" : "Letter (\(language))", page: page - first)
            }
            for (index, section) in document.sections.enumerated() {
                let start = sectionPages[index] - 1
                let end = index + 1 < sectionPages.count ? sectionPages[index + 1] - 1 : tablesEnd - 1
                guard start < last, end >= first else { continue }
                let title = "\(section.heading) (\(Formatting.number(section.signatures.count, language: "en")))"
                pdf.addOutline(start >= first ? title : "\(title), continued", page: max(start, first) - first + 1)
            }
            if let receiptPage, receiptPage - 1 >= first, receiptPage - 1 < last { pdf.addOutline(document.receipt!.title, page: receiptPage - first) }
            let blank = TextLayout(context: context, font: fonts.font(.small), width: geometry.textWidth)
            blank.setAlignment(PANGO_ALIGN_CENTER)
            blank.setText("This page is left blank.")
            let marginals = Marginals(renderer: self, document: document, geometry: geometry, pageCount: pageCount,
                                      volume: volumeCount > 1 ? (volume + 1, volumeCount) : nil)
            for pageIndex in first..<last {
                if pageIndex % 32 == 0 {
                    try Cancellation.check()
                    try pdf.checkWrites()
                }
                marginals.draw(page: pageIndex + 1, on: canvas)
                for placement in pages.pages[pageIndex] {
                    switch placement {
                    case .letterLine(let letter, let piece, let line, let y):
                        if document.letters[letter].blocks[piece].kind == .note { canvas.setColor(0.35) }
                        letters[letter].drawLine(piece: piece, line: line, y: y, x: geometry.left, on: canvas)
                        canvas.setColor(0)
                    case .heading(let section, let continued, let y, let carried):
                        table.drawHeading(document.sections[section], continued: continued, carried: carried, on: canvas, y: y)
                    case .tableHeader(let y):
                        table.drawHeader(on: canvas, y: y)
                    case .row(let section, let row, let y, let height):
                        table.drawRow(section: document.sections[section], row: row, on: canvas, y: y, height: height)
                    case .rowPart(let section, let row, let y, let from, let to, let total):
                        table.drawRowPart(section: document.sections[section], row: row, on: canvas, y: y, from: from, to: to, total: total)
                    case .receipt(let copy):
                        receipt?.draw(on: canvas, pageCount: pageCount, copy: copy)
                    case .blank:
                        canvas.setColor(0.5)
                        blank.draw(on: canvas, x: geometry.left, y: geometry.height / 2 - 10)
                        canvas.setColor(0)
                    }
                }
                pdf.showPage()
            }
            try pdf.finish()
            volumes.append(RenderResult.Volume(file: name, pages: last - first))
        }
        let finished = DispatchTime.now().uptimeNanoseconds
        return RenderResult(
            pages: pageCount, unknownGlyphs: unknown, volumes: volumes, splitRows: splitRows.map(\.description),
            layoutSeconds: Double(measured - started) / 1e9, drawSeconds: Double(finished - measured) / 1e9)
    }

    /// The running header and the footer.
    struct Marginals {
        let header: TextLayout
        let footerLeft: TextLayout
        let footerRight: TextLayout
        let geometry: PageGeometry
        let pageCount: Int
        let volume: (Int, Int)?

        /// The width the page number takes at most, and the left footer's.
        let rightWidth: Double
        /// The top of the footer's text.
        let footerY: Double

        init(renderer: PacketRenderer, document: PacketDocument, geometry: PageGeometry, pageCount: Int, volume: (Int, Int)?) {
            self.geometry = geometry
            self.pageCount = pageCount
            self.volume = volume
            let font = renderer.fonts.font(.small)
            header = TextLayout(context: renderer.context, font: font)
            header.setText(document.header)
            header.fitOnOneLine(geometry.textWidth)
            // Every marginal stays on one line inside the margins: the page number as wide as
            // its longest form needs, the mission's name in what is left (smaller, if it must).
            footerRight = TextLayout(context: renderer.context, font: font)
            footerRight.setText(Self.pageLabel(page: pageCount, of: pageCount, volume: volume))
            footerRight.unsetWidth()
            rightWidth = footerRight.size.width + 1
            footerRight.setWidth(rightWidth)
            footerRight.setAlignment(PANGO_ALIGN_RIGHT)
            footerLeft = TextLayout(context: renderer.context, font: font)
            footerLeft.setText(document.footer)
            footerLeft.fitOnTwoLines(geometry.textWidth - rightWidth - 14)
            // A footer on two lines starts higher, so that its last line keeps the margin.
            footerY = geometry.height - PageGeometry.edge - 14 - max(0, footerLeft.size.height - footerRight.size.height)
        }

        static func pageLabel(page: Int, of count: Int, volume: (Int, Int)?) -> String {
            let number = "page \(page) of \(count)"
            return volume.map { "volume \($0.0) of \($0.1) · \(number)" } ?? number
        }

        func draw(page: Int, on canvas: PageCanvas) {
            let headerY = PageGeometry.edge + 2
            canvas.setColor(0.35)
            header.draw(on: canvas, x: geometry.left, y: headerY)
            canvas.line(x1: geometry.left, y1: headerY + 15, x2: geometry.width - geometry.right, y2: headerY + 15, width: 0.4, gray: 0.6)
            canvas.line(x1: geometry.left, y1: footerY - 5, x2: geometry.width - geometry.right, y2: footerY - 5, width: 0.4, gray: 0.6)
            canvas.setColor(0.35)
            footerLeft.draw(on: canvas, x: geometry.left, y: footerY)
            footerRight.setText(Self.pageLabel(page: page, of: pageCount, volume: volume))
            footerRight.draw(on: canvas, x: geometry.left + geometry.textWidth - rightWidth, y: footerY)
            canvas.setColor(0)
        }
    }
}
