import CPangoCairo
import EmbassyPacketsCore

/// The letter laid out: one Pango layout per block, split into lines so that a paragraph
/// can continue on the next page.
struct LetterLayout {
    /// A laid-out block and the space after it.
    struct Piece {
        var layout: TextLayout
        var lines: [LayoutLine]
        var spaceAfter: Double
        /// Short blocks (the address, the date, the closing) move to the next page whole.
        var keepTogether: Bool
        /// The closing stays on the page of the signature under it.
        var keepWithNext: Bool
    }

    var pieces: [Piece]

    init(letter: LetterDocument, context: TextContext, fonts: FontBook, width: Double) {
        let hyphenator = fonts.hyphenator(for: letter.language)
        pieces = letter.blocks.map { block in
            let justified = block.kind == .paragraph || block.kind == .statement
            let role: FontBook.Role = block.kind == .subject ? .bodyBold : block.kind == .note ? .noteItalic : .body
            let layout = TextLayout(context: context, font: fonts.font(role, language: letter.language), width: width)
            layout.setSpacing(2.2)
            layout.setJustified(justified)
            let runs = justified && hyphenator != nil
                ? block.runs.map { LetterDocument.Run(hyphenator!.hyphenate($0.text), style: $0.style) } : block.runs
            layout.setRuns(runs, language: letter.language)
            let spaceAfter: Double
            switch block.kind {
            case .note: spaceAfter = 14
            case .recipient, .date: spaceAfter = 20
            case .subject: spaceAfter = 14
            case .salutation, .paragraph, .statement: spaceAfter = 9
            case .closing: spaceAfter = 6
            case .signature: spaceAfter = 0
            }
            return Piece(layout: layout, lines: layout.lines(), spaceAfter: spaceAfter, keepTogether: !justified,
                         keepWithNext: block.kind == .closing || block.kind == .salutation || block.kind == .subject)
        }
    }

    /// Characters no font could draw.
    var unknownGlyphs: Int { pieces.reduce(0) { $0 + $1.layout.unknownGlyphs } }

    /// Places the letter's lines from the top of the first page.
    func paginate(_ pages: inout PageList, geometry: PageGeometry, letter: Int) {
        for (pieceIndex, piece) in pieces.enumerated() {
            var blockHeight = piece.lines.last.map { $0.top + $0.height } ?? 0
            if piece.keepWithNext, pieceIndex + 1 < pieces.count, let next = pieces[pieceIndex + 1].lines.first {
                // With the next block's first line (or all of it, when it keeps together).
                let following = pieces[pieceIndex + 1].keepTogether ? (pieces[pieceIndex + 1].lines.last.map { $0.top + $0.height } ?? 0) : next.top + next.height
                blockHeight += piece.spaceAfter + following
            }
            if piece.keepTogether && pages.y + blockHeight > geometry.contentBottom && pages.y > geometry.top {
                pages.newPage(geometry)
            }
            // Never leave a paragraph's first line alone at the foot of a page.
            if !piece.keepTogether, piece.lines.count > 1,
                pages.y + piece.lines[1].top + piece.lines[1].height > geometry.contentBottom
            {
                pages.newPage(geometry)
            }
            var origin = pages.y - (piece.lines.first?.top ?? 0)
            for line in piece.lines {
                if origin + line.top + line.height > geometry.contentBottom {
                    pages.newPage(geometry)
                    origin = geometry.top - line.top
                }
                pages.place(.letterLine(letter: letter, piece: pieceIndex, line: line.index, y: origin + line.top))
                pages.y = origin + line.top + line.height
            }
            pages.y += piece.spaceAfter
        }
    }

    func drawLine(piece: Int, line: Int, y: Double, x: Double, on canvas: PageCanvas) {
        pieces[piece].layout.drawLine(pieces[piece].lines[line], on: canvas, x: x, y: y)
    }
}
