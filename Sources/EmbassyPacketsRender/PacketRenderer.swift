import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// What rendering a packet produced.
public struct RenderResult: Sendable {
    public var pages: Int
    /// Characters that no installed font could draw.
    public var unknownGlyphs: Int
}

/// Typesets a `PacketDocument` with Pango and writes it as a PDF with Cairo: the letter,
/// then one table of signatures per country, a running header and "page i of n" on every page.
///
/// Pages are laid out twice: a measuring pass fixes every line and row to a page (so the
/// number of pages is known), then a drawing pass writes them. One renderer per thread.
public final class PacketRenderer {
    /// Font families, named in full so that fontconfig picks Noto for every script.
    static let sansFamilies = "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic, Noto Sans Hebrew, Noto Sans Thai, Noto Sans Devanagari, Noto Sans Bengali, Noto Sans Tamil, Noto Sans Georgian, Noto Sans Armenian, Noto Sans Ethiopic, Noto Sans Khmer, Noto Sans Lao, Noto Sans Myanmar, Noto Sans Sinhala, Noto Sans Gujarati, Noto Sans Gurmukhi, Noto Sans Kannada, Noto Sans Telugu, Noto Sans Malayalam, Noto Sans Symbols, Noto Sans Symbols 2"
    static let serifFamilies = "Noto Serif, Noto Serif CJK SC, Noto Sans Arabic, Noto Serif Hebrew, Noto Sans Thai, Noto Serif Devanagari"

    fileprivate let context = TextContext()
    private let body = Font(families: serifFamilies, size: 11)
    private let small = Font(families: sansFamilies, size: 8)
    /// The fonts of the signature tables.
    let cellFonts = (
        regular: Font(families: sansFamilies, size: 9), bold: Font(families: sansFamilies, size: 9, bold: true),
        heading: Font(families: sansFamilies, size: 13, bold: true))
    var cellContext: TextContext { context }

    /// Creates a renderer. Each thread that renders needs its own.
    public init() {}

    /// Page geometry in points.
    struct Geometry {
        var width: Double
        var height: Double
        var left = 64.0
        var right = 64.0
        var top = 72.0
        var bottom = 68.0

        var textWidth: Double { width - left - right }
        var contentBottom: Double { height - bottom }
    }

    /// One thing drawn on a page, placed by the measuring pass.
    enum Placement {
        case letterLine(piece: Int, line: Int, y: Double)
        case heading(section: Int, continued: Bool, y: Double)
        case tableHeader(y: Double)
        case row(section: Int, row: Int, y: Double, height: Double)
    }

    /// Renders a packet to `path`.
    public func render(_ document: PacketDocument, to path: String) throws -> RenderResult {
        let size = document.paper.size
        let geometry = Geometry(width: size.width, height: size.height)
        let letter = layOutLetter(document.letter, geometry: geometry)
        let table = TableLayout(document: document, renderer: self, geometry: geometry)

        // Measuring pass: every placement on its page.
        var pages: [[Placement]] = [[]]
        var y = geometry.top
        paginateLetter(letter, geometry: geometry, pages: &pages, y: &y)
        var sectionPages: [Int] = []
        var unknown = letter.reduce(0) { $0 + $1.layout.unknownGlyphs }
        for (sectionIndex, section) in document.sections.enumerated() {
            // Each country's table starts on a page of its own.
            pages.append([])
            y = geometry.top
            sectionPages.append(pages.count)
            pages[pages.count - 1].append(.heading(section: sectionIndex, continued: false, y: y))
            y += table.headingHeight
            pages[pages.count - 1].append(.tableHeader(y: y))
            y += table.headerHeight
            for rowIndex in section.signatures.indices {
                let measured = table.measure(section: section, row: rowIndex)
                unknown += measured.unknownGlyphs
                if y + measured.height > geometry.contentBottom {
                    pages.append([])
                    y = geometry.top
                    pages[pages.count - 1].append(.heading(section: sectionIndex, continued: true, y: y))
                    y += table.headingHeight
                    pages[pages.count - 1].append(.tableHeader(y: y))
                    y += table.headerHeight
                }
                pages[pages.count - 1].append(.row(section: sectionIndex, row: rowIndex, y: y, height: measured.height))
                y += measured.height
            }
        }

        // Drawing pass.
        let pdf = try PDFDocument(path: path, width: geometry.width, height: geometry.height, metadata: document.metadata)
        pango_cairo_update_context(pdf.cairo, context.context)
        let canvas = PageCanvas(cairo: pdf.cairo)
        pdf.addOutline("Letter", page: 1)
        for (index, section) in document.sections.enumerated() {
            pdf.addOutline("\(section.heading) (\(Formatting.number(section.signatures.count, language: "en")))", page: sectionPages[index])
        }
        let marginals = Marginals(renderer: self, document: document, geometry: geometry, pageCount: pages.count)
        for (pageIndex, placements) in pages.enumerated() {
            marginals.draw(page: pageIndex + 1, on: canvas)
            for placement in placements {
                switch placement {
                case .letterLine(let piece, let line, let y):
                    letter[piece].layout.drawLine(letter[piece].lines[line], on: canvas, x: geometry.left, y: y)
                case .heading(let section, let continued, let y):
                    table.drawHeading(document.sections[section], continued: continued, on: canvas, y: y)
                case .tableHeader(let y):
                    table.drawHeader(document.columnTitles, on: canvas, y: y)
                case .row(let section, let row, let y, let height):
                    table.drawRow(section: document.sections[section], row: row, on: canvas, y: y, height: height)
                }
            }
            pdf.showPage()
        }
        try pdf.finish()
        return RenderResult(pages: pages.count, unknownGlyphs: unknown)
    }

    // MARK: The letter

    /// A laid-out letter block and the space after it.
    struct LetterPiece {
        var layout: TextLayout
        var lines: [LayoutLine]
        var spaceAfter: Double
        /// Short blocks (the address, the date) move to the next page whole.
        var keepTogether: Bool
    }

    private func layOutLetter(_ letter: LetterDocument, geometry: Geometry) -> [LetterPiece] {
        letter.blocks.map { block in
            let font = block.kind == .subject ? Font(families: Self.serifFamilies, size: 11, bold: true) : body
            let layout = TextLayout(context: context, font: font, width: geometry.textWidth)
            layout.setSpacing(2.5)
            var text = ""
            var styles: [TextStyle] = []
            for run in block.runs {
                let start = text.utf8.count
                text += run.text
                styles.append(TextStyle(start: start, end: text.utf8.count, style: run.style))
            }
            let justified = block.kind == .paragraph || block.kind == .statement
            layout.setJustified(justified)
            layout.setText(text, language: letter.language, styles: styles)
            let spaceAfter: Double
            switch block.kind {
            case .recipient, .date: spaceAfter = 20
            case .subject: spaceAfter = 14
            case .salutation, .paragraph, .statement: spaceAfter = 9
            case .closing: spaceAfter = 6
            case .signature: spaceAfter = 0
            }
            return LetterPiece(layout: layout, lines: layout.lines(), spaceAfter: spaceAfter, keepTogether: !justified)
        }
    }

    private func paginateLetter(_ pieces: [LetterPiece], geometry: Geometry, pages: inout [[Placement]], y: inout Double) {
        for (pieceIndex, piece) in pieces.enumerated() {
            let blockHeight = piece.lines.last.map { $0.top + $0.height } ?? 0
            if piece.keepTogether && y + blockHeight > geometry.contentBottom && y > geometry.top {
                pages.append([])
                y = geometry.top
            }
            // Never leave a paragraph's first line alone at the foot of a page.
            if !piece.keepTogether, piece.lines.count > 1, y + piece.lines[1].top + piece.lines[1].height > geometry.contentBottom {
                pages.append([])
                y = geometry.top
            }
            let startTop = piece.lines.first?.top ?? 0
            var offset = y - startTop
            for line in piece.lines {
                if offset + line.top + line.height > geometry.contentBottom {
                    pages.append([])
                    offset = geometry.top - line.top
                }
                pages[pages.count - 1].append(.letterLine(piece: pieceIndex, line: line.index, y: offset + line.top))
                y = offset + line.top + line.height
            }
            y += piece.spaceAfter
        }
    }

    // MARK: Header and footer

    /// The running header and the footer.
    struct Marginals {
        let header: TextLayout
        let footerLeft: TextLayout
        let footerRight: TextLayout
        let geometry: Geometry
        let pageCount: Int

        init(renderer: PacketRenderer, document: PacketDocument, geometry: Geometry, pageCount: Int) {
            self.geometry = geometry
            self.pageCount = pageCount
            header = TextLayout(context: renderer.context, font: renderer.small, width: geometry.textWidth)
            header.setText(document.header)
            footerLeft = TextLayout(context: renderer.context, font: renderer.small, width: geometry.textWidth * 0.75)
            footerLeft.setText(document.footer)
            footerRight = TextLayout(context: renderer.context, font: renderer.small, width: geometry.textWidth * 0.25)
            footerRight.setAlignment(PANGO_ALIGN_RIGHT)
        }

        func draw(page: Int, on canvas: PageCanvas) {
            canvas.setColor(0.35)
            header.draw(on: canvas, x: geometry.left, y: geometry.top - 34)
            canvas.line(x1: geometry.left, y1: geometry.top - 18, x2: geometry.width - geometry.right, y2: geometry.top - 18, width: 0.4, gray: 0.6)
            let footerY = geometry.height - geometry.bottom + 24
            canvas.line(x1: geometry.left, y1: footerY - 6, x2: geometry.width - geometry.right, y2: footerY - 6, width: 0.4, gray: 0.6)
            canvas.setColor(0.35)
            footerLeft.draw(on: canvas, x: geometry.left, y: footerY)
            footerRight.setText("page \(page) of \(pageCount)")
            footerRight.draw(on: canvas, x: geometry.left + geometry.textWidth * 0.75, y: footerY)
            canvas.setColor(0)
        }
    }
}
