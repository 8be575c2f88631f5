import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// The delivery receipt: what the mission acknowledges, lines to fill in by hand, and a box
/// for the mission's stamp — proof of delivery for the coordinators.
struct ReceiptLayout {
    let title: TextLayout
    let statement: TextLayout
    let pagesLine: TextLayout
    let labels: [TextLayout]
    let stamp: TextLayout
    let copyLine: TextLayout
    let geometry: PageGeometry

    init(receipt: LetterDocument.Receipt, language: String, context: TextContext, fonts: FontBook, geometry: PageGeometry) {
        self.geometry = geometry
        title = TextLayout(context: context, font: fonts.font(.receiptTitle, language: language), width: geometry.textWidth)
        title.setText(receipt.title, language: language)
        statement = TextLayout(context: context, font: fonts.font(.body, language: language), width: geometry.textWidth)
        statement.setSpacing(2.5)
        statement.setJustified(true)
        statement.setRuns(receipt.statement, language: language)
        pagesLine = TextLayout(context: context, font: fonts.font(.body, language: language), width: geometry.textWidth)
        labels = receipt.fields.map { label in
            let layout = TextLayout(context: context, font: fonts.font(.body, language: language), width: 110)
            layout.setText(label, language: language)
            return layout
        }
        stamp = TextLayout(context: context, font: fonts.font(.small, language: language), width: 200)
        stamp.setText(receipt.stampLabel, language: language)
        copyLine = TextLayout(context: context, font: fonts.font(.small, language: language), width: geometry.textWidth)
        copyLine.setAlignment(PANGO_ALIGN_RIGHT)
    }

    func draw(on canvas: PageCanvas, pageCount: Int, copy: Int) {
        var y = geometry.top
        canvas.setColor(0.35)
        copyLine.setText(copy == 1 ? "Copy 1 of 2: the mission keeps this copy" : "Copy 2 of 2: signed and stamped, returned to the deliverer")
        copyLine.draw(on: canvas, x: geometry.left, y: y)
        y += copyLine.size.height + 8
        canvas.setColor(0)
        title.draw(on: canvas, x: geometry.left, y: y)
        y += title.size.height + 18
        statement.draw(on: canvas, x: geometry.left, y: y)
        y += statement.size.height + 10
        pagesLine.setText("This packet has \(pageCount) pages, both copies of this receipt included.")
        pagesLine.draw(on: canvas, x: geometry.left, y: y)
        y += pagesLine.size.height + 36
        for label in labels {
            label.draw(on: canvas, x: geometry.left, y: y)
            let baseline = y + label.baseline + 2
            canvas.line(x1: geometry.left + 120, y1: baseline, x2: geometry.width - geometry.right, y2: baseline, width: 0.6, gray: 0.2)
            y += 40
        }
        y += 10
        let box = (x: geometry.width - geometry.right - 220, width: 220.0, height: 140.0)
        cairo_save(canvas.cairo)
        let dashes: [Double] = [4, 3]
        cairo_set_dash(canvas.cairo, dashes, Int32(dashes.count), 0)
        canvas.setColor(0.4)
        cairo_set_line_width(canvas.cairo, 0.8)
        cairo_rectangle(canvas.cairo, box.x, y, box.width, box.height)
        cairo_stroke(canvas.cairo)
        cairo_restore(canvas.cairo)
        canvas.setColor(0.35)
        stamp.draw(on: canvas, x: box.x + 8, y: y + 6)
        canvas.setColor(0)
    }
}
