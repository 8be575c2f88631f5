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
        /// The file's SHA-256 and size, taken as it was written ("" and 0 when not known).
        public var sha256: String
        public var bytes: Int

        /// Creates a volume record.
        public init(file: String, pages: Int, sha256: String = "", bytes: Int = 0) {
            self.file = file
            self.pages = pages
            self.sha256 = sha256
            self.bytes = bytes
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
    /// Exact glyph positions everywhere: rounded to whole points, a justified line's word spaces
    /// were uneven, and poppler read the gaps inside Arabic, Hebrew and Thai names as word breaks.
    let context = TextContext(exactPositions: true)
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
        let words = document.words
        let signatureCount = document.sections.reduce(0) { $0 + $1.signatures.count }
        let letters = document.letters.map {
            LetterLayout(letter: $0, context: letterContext, fonts: fonts, width: geometry.textWidth,
                         enclosure: document.sections.isEmpty ? nil : signatureCount)
        }
        let table = TableLayout(document: document, context: context, fonts: fonts, geometry: geometry)

        // Measuring pass. Printed on both sides, the cover and each receipt copy take a sheet
        // of their own, and the letter starts on a right-hand page.
        var pages = PageList(geometry: geometry)
        if document.cover != nil {
            pages.place(.cover)
            pages.newPage(geometry)
            pages.place(.blank)
            pages.newPage(geometry)
        }
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
        if document.receipt != nil {
            // Two copies, the mission's and the deliverer's, each on a sheet of its own: the
            // first starts on a right-hand page, a blank page before it where needed, and a
            // blank back between the two.
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
            receipt = ReceiptLayout(document: document, context: context, fonts: fonts, geometry: geometry)
        }

        // Volumes: at most `maxPages` pages each; every volume after the first opens with a
        // title sheet (and its blank back, when a volume has room for it).
        let perVolume = max(1, document.maxPages)
        var final: [[Placement]] = []
        var volumeRanges: [Range<Int>] = []
        var finalIndex: [Int] = []  // measured page index -> final page index
        var source = 0
        while source < pages.pages.count {
            let start = final.count
            if !volumeRanges.isEmpty {
                if perVolume >= 2 { final.append([.volumeTitle(volume: volumeRanges.count + 1)]) }
                if perVolume >= 4 { final.append([.blank]) }
            }
            let take = min(pages.pages.count - source, perVolume - (final.count - start))
            for page in pages.pages[source..<(source + take)] {
                finalIndex.append(final.count)
                final.append(page)
            }
            source += take
            volumeRanges.append(start..<final.count)
        }
        func finalPage(_ measured: Int) -> Int { finalIndex[measured - 1] + 1 }
        let pageCount = final.count
        let volumeCount = volumeRanges.count
        let letterStarts = letterPages.map(finalPage)
        let sectionStarts = sectionPages.map(finalPage)
        let receiptStart = receiptPage.map(finalPage)
        let tablesLast = tablesEnd >= 1 ? finalPage(tablesEnd) : 0
        if let first = sectionStarts.first {
            for letter in letters { letter.setEnclosurePages(signatures: signatureCount, first: first, last: tablesLast) }
        }
        let cover = CoverLayout(document: document, context: context, fonts: fonts, geometry: geometry)
        var contents: [(String, String)] = []
        // The letter's pages: from its first page to the last that holds a line of it.
        let lettersLast = final.indices.last { page in final[page].contains { if case .letterLine = $0 { return true } else { return false } } }.map { $0 + 1 }
        if let first = letterStarts.first, let lettersLast { contents.append((words.letterLabel, words.pageRange(first, lettersLast))) }
        for (index, section) in document.sections.enumerated() {
            let end = index + 1 < sectionStarts.count ? max(sectionStarts[index], sectionStarts[index + 1] - 1) : tablesLast
            contents.append((section.heading, words.pageRange(sectionStarts[index], end)))
        }
        if let receiptStart { contents.append((words.receiptLabel, words.pageRange(receiptStart, pageCount))) }
        if contents.count > 14 {
            // A packet of many countries lists its tables as one entry.
            let tables = contents.filter { entry in document.sections.contains { $0.heading == entry.0 } }
            contents.removeAll { entry in tables.contains { $0.0 == entry.0 } }
            if let first = sectionStarts.first {
                contents.insert((words.signaturesLabel, words.pageRange(first, tablesLast)), at: min(1, contents.count))
            }
        }
        let measured = DispatchTime.now().uptimeNanoseconds

        // Drawing pass, volume by volume.
        var volumes: [RenderResult.Volume] = []
        for (volume, range) in volumeRanges.enumerated() {
            let first = range.lowerBound
            let last = range.upperBound
            let name = volumeCount == 1 ? "\(stem).pdf" : "\(stem)-\(volume + 1)-of-\(volumeCount).pdf"
            var metadata = document.metadata
            if volumeCount > 1 { metadata.title += " (volume \(volume + 1) of \(volumeCount))" }
            let pdf = try PDFDocument(path: folder + "/" + name, width: geometry.width, height: geometry.height, metadata: metadata)
            pango_cairo_update_context(pdf.cairo, context.context)
            pango_cairo_update_context(pdf.cairo, letterContext.context)
            let canvas = PageCanvas(cairo: pdf.cairo, tagging: document.tagging)
            // Bookmarks: the cover, the letter, each country's table (where it starts, or where
            // this volume takes it up), the receipt.
            if document.cover != nil, first == 0 { pdf.addOutline(words.isChinese ? "封面" : "Cover", page: 1) }
            if volume > 0 { pdf.addOutline(words.volumeTitle(volume + 1, of: volumeCount), page: 1) }
            for (index, page) in letterStarts.enumerated() where page - 1 >= first && page - 1 < last {
                let language = document.letters[index].language
                pdf.addOutline(index == 0 ? "Letter" : "Letter (\(language))", page: page - first)
            }
            for (index, section) in document.sections.enumerated() {
                let start = sectionStarts[index] - 1
                let end = index + 1 < sectionStarts.count ? sectionStarts[index + 1] - 1 : tablesLast - 1
                guard start < last, end >= first else { continue }
                let title = "\(section.heading) (\(Formatting.number(section.signatures.count, language: "en")))"
                pdf.addOutline(start >= first ? title : "\(title), continued", page: max(start, first + (volume > 0 ? 1 : 0)) - first + 1)
            }
            if let receiptStart, receiptStart - 1 >= first, receiptStart - 1 < last { pdf.addOutline(document.receipt!.title, page: receiptStart - first) }
            let blank = TextLayout(context: context, font: fonts.font(.small, language: words.language), width: geometry.textWidth)
            blank.setAlignment(PANGO_ALIGN_CENTER)
            blank.setText(words.blankPage, language: words.language)
            let marginals = Marginals(renderer: self, document: document, geometry: geometry, pageCount: pageCount,
                                      volume: volumeCount > 1 ? (volume + 1, volumeCount) : nil)
            // One Document element holds the volume's structure (poppler wants a single root).
            canvas.begin("Document")
            for pageIndex in first..<last {
                if pageIndex % 32 == 0 {
                    try Cancellation.check()
                    try pdf.checkWrites()
                }
                // Sheets that stand alone (the cover, title sheets, blank pages) have no running header.
                let standsAlone = final[pageIndex].allSatisfy {
                    switch $0 {
                    case .cover, .volumeTitle, .blank: return true
                    default: return false
                    }
                }
                marginals.draw(page: pageIndex + 1, on: canvas, header: !standsAlone || final[pageIndex].isEmpty)
                // The tagged structure: a paragraph per block of the letter (per page it falls
                // on), a heading per country, a table per page of rows, a section per sheet.
                var open: (tag: String, key: Int)?
                func enter(_ tag: String, key: Int) {
                    if let current = open, current.tag == tag, current.key == key { return }
                    leave()
                    canvas.begin(tag)
                    open = (tag, key)
                }
                func leave() {
                    if let current = open { canvas.end(current.tag) }
                    open = nil
                }
                for placement in final[pageIndex] {
                    switch placement {
                    case .letterLine(let letter, let piece, let line, let y):
                        enter("P", key: letter * 10_000 + piece)
                        letters[letter].drawLine(piece: piece, line: line, y: y, x: geometry.left, on: canvas)
                    case .heading(let section, let continued, let y, let carried):
                        leave()
                        table.drawHeading(document.sections[section], continued: continued, carried: carried, on: canvas, y: y)
                    case .tableHeader(let y):
                        enter("Table", key: -1)
                        table.drawHeader(on: canvas, y: y)
                    case .receipt(let copy):
                        enter("Sect", key: -2)
                        receipt?.draw(on: canvas, pageCount: pageCount, volumeCount: volumeCount, copy: copy)
                    case .cover:
                        enter("Sect", key: -3)
                        cover.drawCover(on: canvas, pageCount: pageCount, volumeCount: volumeCount, contents: contents)
                    case .volumeTitle(let number):
                        enter("Sect", key: -4)
                        cover.drawVolumeTitle(on: canvas, volume: number, of: volumeCount,
                                              holds: Self.signatureNumbers(final[range], document: document, words: words))
                    case .blank:
                        leave()
                        canvas.setColor(0.5)
                        blank.draw(on: canvas, x: geometry.left, y: geometry.height / 2 - 10)
                        canvas.setColor(0)
                    case .row(let section, let row, let y, let height):
                        enter("Table", key: -1)
                        table.drawRow(section: document.sections[section], row: row, on: canvas, y: y, height: height)
                    case .rowPart(let section, let row, let y, let from, let to, let total):
                        enter("Table", key: -1)
                        table.drawRowPart(section: document.sections[section], row: row, on: canvas, y: y, from: from, to: to, total: total)
                    }
                }
                leave()
                pdf.showPage()
            }
            canvas.end("Document")
            try pdf.finish()
            volumes.append(RenderResult.Volume(file: name, pages: last - first, sha256: pdf.fingerprint.sha256, bytes: pdf.fingerprint.bytes))
        }
        let finished = DispatchTime.now().uptimeNanoseconds
        return RenderResult(
            pages: pageCount, unknownGlyphs: unknown, volumes: volumes, splitRows: splitRows.map(\.description),
            layoutSeconds: Double(measured - started) / 1e9, drawSeconds: Double(finished - measured) / 1e9)
    }

    /// The signatures a volume holds, a line per country: "Signatures from France, nos. 1,201–2,400".
    static func signatureNumbers(_ pages: ArraySlice<[Placement]>, document: PacketDocument, words: PacketWords) -> [String] {
        var ranges: [(section: Int, first: Int, last: Int)] = []
        for page in pages {
            for placement in page {
                let section: Int, row: Int
                switch placement {
                case .row(let s, let r, _, _): (section, row) = (s, r)
                case .rowPart(let s, let r, _, _, _, _): (section, row) = (s, r)
                default: continue
                }
                let number = document.sections[section].firstNumber + row
                if let last = ranges.last, last.section == section {
                    ranges[ranges.count - 1].last = max(last.last, number)
                } else {
                    ranges.append((section, number, number))
                }
            }
        }
        return ranges.map { words.volumeHolds(heading: document.sections[$0.section].heading, first: $0.first, last: $0.last) }
    }

    /// The running header and the footer.
    struct Marginals {
        let header: TextLayout
        let footerLeft: TextLayout
        let footerRight: TextLayout
        let geometry: PageGeometry
        let pageCount: Int
        let volume: (Int, Int)?
        let words: PacketWords

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
            header.setText(document.header, language: document.words.language)
            header.fitOnOneLine(geometry.textWidth)
            // Every marginal stays on one line inside the margins: the page number as wide as
            // its longest form needs, the mission's name in what is left (smaller, if it must).
            footerRight = TextLayout(context: renderer.context, font: font)
            words = document.words
            footerRight.setText(words.pageLabel(page: pageCount, of: pageCount, volume: volume), language: words.language)
            footerRight.unsetWidth()
            rightWidth = footerRight.size.width + 1
            footerRight.setWidth(rightWidth)
            footerRight.setAlignment(PANGO_ALIGN_RIGHT)
            footerLeft = TextLayout(context: renderer.context, font: font)
            footerLeft.setText(document.footer, language: words.language)
            footerLeft.fitOnTwoLines(geometry.textWidth - rightWidth - 14)
            // A footer on two lines starts higher, so that its last line keeps the margin.
            footerY = geometry.height - PageGeometry.edge - 14 - max(0, footerLeft.size.height - footerRight.size.height)
        }

        func draw(page: Int, on canvas: PageCanvas, header drawsHeader: Bool = true) {
            let headerY = PageGeometry.edge + 2
            if drawsHeader {
                canvas.setColor(0.35)
                header.draw(on: canvas, x: geometry.left, y: headerY)
                canvas.line(x1: geometry.left, y1: headerY + 15, x2: geometry.width - geometry.right, y2: headerY + 15, width: 0.4, gray: 0.6)
            }
            canvas.line(x1: geometry.left, y1: footerY - 5, x2: geometry.width - geometry.right, y2: footerY - 5, width: 0.4, gray: 0.6)
            canvas.setColor(0.35)
            footerLeft.draw(on: canvas, x: geometry.left, y: footerY)
            footerRight.setText(words.pageLabel(page: page, of: pageCount, volume: volume), language: words.language)
            footerRight.draw(on: canvas, x: geometry.left + geometry.textWidth - rightWidth, y: footerY)
            canvas.setColor(0)
        }
    }
}
