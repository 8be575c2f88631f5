import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// The sheets that stand before what they introduce: the cover on top of the packet (the
/// petition, where it goes, what it holds, its id) and the title sheet that opens each volume
/// after the first.
struct CoverLayout {
    let document: PacketDocument
    let geometry: PageGeometry
    let context: TextContext
    let fonts: FontBook
    let words: PacketWords

    init(document: PacketDocument, context: TextContext, fonts: FontBook, geometry: PageGeometry) {
        self.document = document
        self.context = context
        self.fonts = fonts
        self.geometry = geometry
        self.words = document.words
    }

    private func text(_ value: String, _ role: FontBook.Role, width: Double? = nil, size: Double? = nil) -> TextLayout {
        let font = size.map { Font(families: FontBook.families(serif: role != .small, language: words.language), size: $0, bold: role == .bodyBold || role == .receiptTitle) }
            ?? fonts.font(role, language: words.language)
        let layout = TextLayout(context: context, font: font, width: width ?? geometry.textWidth)
        layout.setText(value, language: words.language)
        return layout
    }

    /// Draws label and value pairs, the labels in grey in a column of their own; returns the y below.
    private func facts(_ rows: [(String, String)], on canvas: PageCanvas, y start: Double) -> Double {
        var y = start
        let labelWidth = 120.0
        for (label, value) in rows {
            let left = text(label, .small, width: labelWidth - 10)
            let right = text(value, .body, width: geometry.textWidth - labelWidth)
            canvas.setColor(0.35)
            left.draw(on: canvas, x: geometry.left, y: y + right.baseline - left.baseline)
            canvas.setColor(0)
            right.draw(on: canvas, x: geometry.left + labelWidth, y: y)
            y += right.size.height + 7
        }
        return y
    }

    /// A small grey label over what follows; returns the y below it.
    private func label(_ value: String, on canvas: PageCanvas, y: Double) -> Double {
        canvas.setColor(0.35)
        let layout = text(value, .small)
        layout.draw(on: canvas, x: geometry.left, y: y)
        canvas.setColor(0)
        return y + layout.size.height
    }

    /// The titles, the mission and its address: the top of both sheets. Returns the y below.
    private func head(on canvas: PageCanvas) -> Double {
        var y = geometry.top + 30
        canvas.setColor(0.35)
        let kicker = text(words.coverKicker.uppercased(), .small)
        kicker.draw(on: canvas, x: geometry.left, y: y)
        y += kicker.size.height + 10
        canvas.setColor(0)
        let titles = document.cover?.titles ?? [document.header]
        for (index, title) in titles.enumerated() {
            let layout = text(title, .receiptTitle, size: index == 0 ? 22 : 15)
            layout.setSpacing(3)
            layout.draw(on: canvas, x: geometry.left, y: y)
            y += layout.size.height + 8
        }
        y += 24
        canvas.line(x1: geometry.left, y1: y, x2: geometry.left + geometry.textWidth, y2: y, width: 0.6, gray: 0.45)
        y += 18
        y = label(words.coverThrough, on: canvas, y: y) + 4
        let mission = text(document.cover?.mission ?? document.footer, .bodyBold, size: 13)
        mission.draw(on: canvas, x: geometry.left, y: y)
        y += mission.size.height + 4
        if let address = document.cover?.address, !address.isEmpty {
            let lines = text(address.joined(separator: "\n"), .body)
            lines.setSpacing(1.5)
            lines.draw(on: canvas, x: geometry.left, y: y)
            y += lines.size.height
        }
        y += 22
        canvas.line(x1: geometry.left, y1: y, x2: geometry.left + geometry.textWidth, y2: y, width: 0.6, gray: 0.45)
        canvas.setColor(0)
        return y + 20
    }

    /// The cover: what the packet holds and where each part starts.
    func drawCover(on canvas: PageCanvas, pageCount: Int, volumeCount: Int, contents: [(String, String)]) {
        guard let cover = document.cover else { return }
        var y = head(on: canvas)
        var rows: [(String, String)] = [
            (words.signaturesLabel, Formatting.number(cover.signatures, language: words.language)),
            (words.countriesLabel, "\(Formatting.number(cover.countries.count, language: words.language)): " + cover.countries.joined(separator: words.isChinese ? "、" : ", ")),
            (words.pagesLabel, words.pagesAndVolumes(pages: pageCount, volumes: volumeCount)),
            (words.dateLabel, cover.date),
        ]
        if let id = document.packetID { rows.append((words.packetLabel, id)) }
        if let sender = cover.sender { rows.append((words.senderLabel, sender)) }
        y = facts(rows, on: canvas, y: y)
        y += 16
        y = label(words.contentsLabel, on: canvas, y: y) + 6
        // Each part at the left, its pages at the right, a dotted leader between.
        for (part, pages) in contents {
            canvas.setColor(0)
            let right = text(pages, .body, width: 110)
            right.setAlignment(PANGO_ALIGN_RIGHT)
            let left = text(part, .body, width: geometry.textWidth - 130)
            left.draw(on: canvas, x: geometry.left, y: y)
            right.draw(on: canvas, x: geometry.left + geometry.textWidth - 110, y: y + left.size.height - right.size.height)
            let baseline = y + left.size.height - right.size.height + right.baseline
            canvas.line(x1: geometry.left + min(left.lastLineWidth, geometry.textWidth - 130) + 6, y1: baseline, x2: geometry.left + geometry.textWidth - right.lastLineWidth - 6,
                        y2: baseline, width: 0.6, gray: 0.55, dashed: true)
            y += left.size.height + 5
        }
    }

    /// The title sheet of a volume after the first: which volume, and the signatures it holds.
    func drawVolumeTitle(on canvas: PageCanvas, volume: Int, of count: Int, holds: [String]) {
        var y = head(on: canvas)
        let title = text(words.volumeTitle(volume, of: count), .receiptTitle, size: 18)
        title.draw(on: canvas, x: geometry.left, y: y)
        y += title.size.height + 14
        if !holds.isEmpty {
            let lines = text(holds.joined(separator: "\n"), .body)
            lines.setSpacing(3)
            lines.draw(on: canvas, x: geometry.left, y: y)
            y += lines.size.height + 14
        }
        if let id = document.packetID { _ = facts([(words.packetLabel, id)], on: canvas, y: y + 6) }
    }
}
