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
        /// Space above the block (the room for a handwritten signature).
        var spaceBefore = 0.0
        /// Set in grey (the translation note, the letterhead's contact lines).
        var gray = false
        /// A rule under the block's last line (the letterhead), or a line to sign on above its
        /// first (the signatory).
        var ruleBelow = false
        var signatureLine = false
    }

    var pieces: [Piece]
    /// The piece that says what is enclosed, its page numbers set once the pages are known.
    private(set) var enclosure: Int?
    let words: PacketWords

    /// `enclosure`: the number of signatures enclosed, for the "Enclosure: ..." line (nil: no line).
    init(letter: LetterDocument, context: TextContext, fonts: FontBook, width: Double, enclosure: Int? = nil) {
        let hyphenator = fonts.hyphenator(for: letter.language)
        let words = PacketWords(language: letter.language)
        self.words = words
        let chinese = words.isChinese
        let bodySize = 10.5
        let closingIndex = letter.blocks.lastIndex { $0.kind == .closing }
        func piece(_ runs: [LetterDocument.Run], role: FontBook.Role, justified: Bool = false) -> TextLayout {
            let layout = TextLayout(context: context, font: fonts.font(role, language: letter.language), width: width)
            layout.setSpacing(2.2)
            layout.setJustified(justified)
            layout.setRuns(runs, language: letter.language, fullWidth: chinese ? FontBook.cjk(letter.language, serif: true) : nil)
            return layout
        }
        var pieces: [Piece] = []
        // The letterhead: the organisation, then how to reach it, over a rule.
        if let sender = letter.sender, sender.organisation != nil || !sender.contactLines.isEmpty {
            var runs: [LetterDocument.Run] = []
            if let organisation = sender.organisation { runs.append(LetterDocument.Run(organisation, style: .strong)) }
            let contact = sender.contactLines.joined(separator: "\n")
            if !contact.isEmpty { runs.append(LetterDocument.Run((runs.isEmpty ? "" : "\n") + contact)) }
            let layout = piece(runs, role: .body)
            layout.setAlignment(PANGO_ALIGN_CENTER)
            pieces.append(Piece(layout: layout, lines: layout.lines(), spaceAfter: 22, keepTogether: true, keepWithNext: false, ruleBelow: true))
        }
        for (index, block) in letter.blocks.enumerated() {
            let justified = block.kind == .paragraph || block.kind == .statement
            let role: FontBook.Role = block.kind == .subject ? .bodyBold : block.kind == .note ? (chinese ? .note : .noteItalic) : .body
            var runs = justified && hyphenator != nil
                ? block.runs.map { LetterDocument.Run(hyphenator!.hyphenate($0.text), style: $0.style) } : block.runs
            // Han is never slanted: a Chinese letter's emphasis is set upright.
            if chinese { runs = runs.map { LetterDocument.Run($0.text, style: $0.style == .emphasis ? .regular : $0.style) } }
            // A Chinese closing: 此致 indented, 敬礼 at the margin below it (one paragraph, so
            // that only its first line takes the indent).
            if chinese && block.kind == .closing { runs = runs.map { LetterDocument.Run($0.text.replacingOccurrences(of: "\n", with: "\u{2028}"), style: $0.style) } }
            let layout = piece(runs, role: role, justified: justified && !chinese)
            // Chinese paragraphs open with a two-character indent, and are justified between
            // their Han characters only.
            if chinese && (justified || block.kind == .closing) { layout.setIndent(2 * bodySize) }
            if chinese && justified { layout.justifyWide(width) }
            // What follows a Chinese closing — the signature, the date — stands at the right.
            let afterClosing = closingIndex.map { index > $0 } ?? false
            if chinese && afterClosing && (block.kind == .signature || block.kind == .date) { layout.setAlignment(PANGO_ALIGN_RIGHT) }
            let spaceAfter: Double
            switch block.kind {
            case .note: spaceAfter = 14
            case .recipient, .date: spaceAfter = afterClosing ? 0 : 20
            case .subject: spaceAfter = 14
            case .salutation, .paragraph, .statement: spaceAfter = 9
            case .closing: spaceAfter = 6
            case .signature: spaceAfter = afterClosing && chinese ? 6 : 0
            }
            pieces.append(Piece(layout: layout, lines: layout.lines(), spaceAfter: spaceAfter, keepTogether: !justified,
                                keepWithNext: block.kind == .closing || block.kind == .salutation || block.kind == .subject,
                                gray: block.kind == .note))
            // The named signatory signs under the closing: room to sign, a line, the name and title.
            if block.kind == .closing, let sender = letter.sender, let name = sender.name {
                var lines = [LetterDocument.Run(name, style: .strong)]
                let title = [sender.role, sender.organisation].compactMap { $0 }.joined(separator: chinese ? "，" : ", ")
                if !title.isEmpty { lines.append(LetterDocument.Run("\n" + title)) }
                let layout = piece(lines, role: .body)
                if chinese { layout.setAlignment(PANGO_ALIGN_RIGHT) }
                pieces[pieces.count - 1].keepWithNext = true
                pieces.append(Piece(layout: layout, lines: layout.lines(), spaceAfter: 10, keepTogether: true, keepWithNext: true,
                                    spaceBefore: 34, signatureLine: true))
            }
        }
        // What the letter encloses, with the pages (set once they are known).
        if let enclosure {
            let layout = piece([LetterDocument.Run(words.enclosure(signatures: enclosure, first: 8888, last: 8888))], role: .body)
            self.enclosure = pieces.count
            // It stays on the page of the signature above it.
            if !pieces.isEmpty { pieces[pieces.count - 1].keepWithNext = true }
            pieces.append(Piece(layout: layout, lines: layout.lines(), spaceAfter: 0, keepTogether: true, keepWithNext: false, spaceBefore: 20))
        }
        self.pieces = pieces
    }

    /// Sets the enclosure line's pages (its line breaks stay those measured).
    func setEnclosurePages(signatures: Int, first: Int, last: Int) {
        guard let enclosure else { return }
        pieces[enclosure].layout.setText(words.enclosure(signatures: signatures, first: first, last: last), language: words.language)
    }

    /// Characters no font could draw.
    var unknownGlyphs: Int { pieces.reduce(0) { $0 + $1.layout.unknownGlyphs } }

    /// Places the letter's lines from the top of the first page.
    func paginate(_ pages: inout PageList, geometry: PageGeometry, letter: Int) {
        for (pieceIndex, piece) in pieces.enumerated() {
            var blockHeight = piece.lines.last.map { $0.top + $0.height } ?? 0
            // With the next block's first line (or all of it, when it keeps together, and so on
            // down a chain: the closing, the signatory, the signature).
            var link = pieceIndex
            while pieces[link].keepWithNext, link + 1 < pieces.count, let first = pieces[link + 1].lines.first {
                let next = pieces[link + 1]
                blockHeight += pieces[link].spaceAfter + next.spaceBefore
                    + (next.keepTogether ? (next.lines.last.map { $0.top + $0.height } ?? 0) : first.top + first.height)
                guard next.keepTogether else { break }
                link += 1
            }
            if pages.y > geometry.top { pages.y += piece.spaceBefore }
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
        let piece = pieces[piece]
        let width = Double(pango_layout_get_width(piece.layout.layout)) / Double(PANGO_SCALE)
        if piece.signatureLine && line == 0 {
            // The line to sign on, as wide as the name's block (at the right in a Chinese letter).
            let right = pango_layout_get_alignment(piece.layout.layout) == PANGO_ALIGN_RIGHT
            let length = 180.0
            let start = right ? x + width - length : x
            canvas.line(x1: start, y1: y - 4, x2: start + length, y2: y - 4, width: 0.5, gray: 0.3)
        }
        canvas.setColor(piece.gray || (piece.ruleBelow && line > 0) ? 0.35 : 0)
        piece.layout.drawLine(piece.lines[line], on: canvas, x: x, y: y)
        canvas.setColor(0)
        if piece.ruleBelow && line == piece.lines.count - 1 {
            let bottom = y + piece.lines[line].height + 8
            canvas.line(x1: x, y1: bottom, x2: x + width, y2: bottom, width: 0.6, gray: 0.45)
        }
    }
}
