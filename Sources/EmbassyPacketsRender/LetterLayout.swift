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
            let lines = piece.lines
            var origin = pages.y - (lines.first?.top ?? 0)
            var start = 0
            while start < lines.count {
                // The first line of this stretch that does not fit on the page.
                guard var cut = (start..<lines.count).first(where: { origin + lines[$0].top + lines[$0].height > geometry.contentBottom }) else {
                    for line in lines[start...] { place(line) }
                    break
                }
                // No widow (a paragraph's last line alone at the top of a page) and no word
                // hyphenated across the break: move the break up while two lines stay here.
                while cut - start > 2 && (lines.count - cut < 2 || lines[cut - 1].endsWithHyphen) { cut -= 1 }
                // No orphan (its first line alone at the foot): the paragraph starts on the next page.
                if start == 0 && (cut < 2 || lines.count - cut < 2 || lines[cut - 1].endsWithHyphen) && pages.y > geometry.top {
                    cut = 0
                }
                // A page holds at least one line, whatever the rules.
                if cut == start && pages.y <= geometry.top { cut = start + 1 }
                for line in lines[start..<cut] { place(line) }
                pages.newPage(geometry)
                if cut < lines.count { origin = geometry.top - lines[cut].top }
                start = cut
            }
            pages.y += piece.spaceAfter
            func place(_ line: LayoutLine) {
                pages.place(.letterLine(letter: letter, piece: pieceIndex, line: line.index, y: origin + line.top))
                pages.y = origin + line.top + line.height
            }
        }
    }

    func drawLine(piece: Int, line: Int, y: Double, x: Double, on canvas: PageCanvas) {
        pieces[piece].layout.drawLine(pieces[piece].lines[line], on: canvas, x: x, y: y)
    }
}
