import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// The delivery receipt: what the mission acknowledges, lines to fill in by hand, and a box
/// for the mission's stamp — proof of delivery for the coordinators. In the letter's language;
/// in a bilingual packet in both, the translation's statement under the letter's and every
/// label in both languages.
struct ReceiptLayout {
    let titles: [TextLayout]
    let statements: [TextLayout]
    let pagesLines: [TextLayout]
    let labels: [TextLayout]
    let stamp: TextLayout
    let copyLine: TextLayout
    let geometry: PageGeometry
    let words: [PacketWords]
    let packetID: String?
    /// How wide the label column is.
    let labelWidth: Double

    init(document: PacketDocument, context: TextContext, fonts: FontBook, geometry: PageGeometry) {
        self.geometry = geometry
        packetID = document.packetID
        let receipts = [document.receipt, document.secondReceipt].compactMap { $0 }
        let words = [document.words] + (document.secondReceipt != nil ? [document.secondWords].compactMap { $0 } : [])
        self.words = words
        titles = zip(receipts, words).map { receipt, words in
            let layout = TextLayout(context: context, font: fonts.font(.receiptTitle, language: words.language), width: geometry.textWidth)
            layout.setText(receipt.title, language: words.language)
            return layout
        }
        statements = zip(receipts, words).map { receipt, words in
            let layout = TextLayout(context: context, font: fonts.font(.body, language: words.language), width: geometry.textWidth)
            layout.setSpacing(2.5)
            layout.setJustified(true)
            layout.setRuns(receipt.statement, language: words.language)
            return layout
        }
        pagesLines = words.map { words in TextLayout(context: context, font: fonts.font(.body, language: words.language), width: geometry.textWidth) }
        // Each label in every language of the receipt: "Received by / 接收人".
        let fields = receipts.map(\.fields)
        let count = fields.map(\.count).min() ?? 0
        let language = words.last?.language
        var labels: [TextLayout] = []
        for index in 0..<count {
            let layout = TextLayout(context: context, font: fonts.font(.body, language: language))
            layout.setText(fields.map { $0[index] }.joined(separator: " / "), language: language)
            labels.append(layout)
        }
        let widest = labels.map(\.size.width).max() ?? 100
        labelWidth = min(geometry.textWidth / 2, max(110, widest + 4))
        for label in labels { label.setWidth(labelWidth) }
        self.labels = labels
        stamp = TextLayout(context: context, font: fonts.font(.small, language: language), width: 200)
        stamp.setText(receipts.map(\.stampLabel).joined(separator: " / "), language: language)
        copyLine = TextLayout(context: context, font: fonts.font(.small, language: language), width: geometry.textWidth)
        copyLine.setAlignment(PANGO_ALIGN_RIGHT)
    }

    func draw(on canvas: PageCanvas, pageCount: Int, volumeCount: Int, copy: Int) {
        var y = geometry.top
        canvas.setColor(0.35)
        copyLine.setText(words.map { $0.receiptCopy(copy) }.joined(separator: "\n"), language: words.last?.language)
        copyLine.draw(on: canvas, x: geometry.left, y: y)
        y += copyLine.size.height + 8
        canvas.setColor(0)
        for (index, title) in titles.enumerated() {
            title.draw(on: canvas, x: geometry.left, y: y)
            y += title.size.height + (index == titles.count - 1 ? 18 : 4)
        }
        for statement in statements {
            statement.draw(on: canvas, x: geometry.left, y: y)
            y += statement.size.height + 8
        }
        y += 2
        for (line, words) in zip(pagesLines, words) {
            line.setText(words.receiptPages(packet: packetID, pages: pageCount, volumes: volumeCount), language: words.language)
            line.draw(on: canvas, x: geometry.left, y: y)
            y += line.size.height + 2
        }
        y += 30
        for label in labels {
            label.draw(on: canvas, x: geometry.left, y: y)
            let lines = label.lines()
            let baseline = y + (lines.last.map { $0.top + $0.baseline } ?? label.baseline) + 2
            canvas.line(x1: geometry.left + labelWidth + 10, y1: baseline, x2: geometry.width - geometry.right, y2: baseline, width: 0.6, gray: 0.2)
            y += max(38, label.size.height + 20)
        }
        y += 6
        let box = (x: geometry.width - geometry.right - 220, width: 220.0, height: 130.0)
        // The stamp box keeps above the footer on a short page.
        let top = min(y, geometry.contentBottom - box.height)
        cairo_save(canvas.cairo)
        let dashes: [Double] = [4, 3]
        cairo_set_dash(canvas.cairo, dashes, Int32(dashes.count), 0)
        canvas.setColor(0.4)
        cairo_set_line_width(canvas.cairo, 0.8)
        cairo_rectangle(canvas.cairo, box.x, top, box.width, box.height)
        cairo_stroke(canvas.cairo)
        cairo_restore(canvas.cairo)
        canvas.setColor(0.35)
        stamp.draw(on: canvas, x: box.x + 8, y: top + 6)
        canvas.setColor(0)
    }
}
