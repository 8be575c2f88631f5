import CCairo
import CPangoCairo
import EmbassyPacketsCore

extension PacketRenderer {
    /// Writes blank signature sheets as one PDF, a landscape page per sheet; returns the page
    /// count and the signed lines on each. Every word comes from `sheets`.
    public func renderSheets(_ sheets: SignatureSheets, to path: String) throws -> (pages: Int, lines: Int) {
        try Self.serialized { try renderSheetsLocked(sheets, to: path) }
    }

    /// The height of a signed line: room for handwriting (9 mm).
    static let sheetLineHeight = 25.5

    private func renderSheetsLocked(_ sheets: SignatureSheets, to path: String) throws -> (pages: Int, lines: Int) {
        // Landscape: seven columns of handwriting need the long edge.
        let size = sheets.paper.size
        let width = size.height, height = size.width
        // Half an inch from every edge: inside any office printer's printable area.
        let margin = 36.0
        let textWidth = width - 2 * margin
        let sans = FontBook.families(serif: false, language: nil)
        let serif = FontBook.families(serif: true, language: nil)
        func layout(_ families: String, _ size: Double, bold: Bool = false, italic: Bool = false, width: Double? = nil) -> TextLayout {
            TextLayout(context: context, font: Font(families: families, size: size, bold: bold, italic: italic), width: width)
        }
        let idWidth = 170.0
        let title = layout(serif, 14, bold: true, width: textWidth - idWidth - 12)
        title.setText(sheets.title)
        let sheetLabel = layout(sans, 8, width: idWidth)
        sheetLabel.setAlignment(PANGO_ALIGN_RIGHT)
        let sheetID = layout(sans, 13, bold: true, width: idWidth)
        sheetID.setAlignment(PANGO_ALIGN_RIGHT)
        let lead = layout(serif, 9.5, bold: true, width: textWidth)
        lead.setText(sheets.lead)
        let requests = layout(serif, 9.5, width: textWidth - 14)
        requests.setText(sheets.requests.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n"))
        let notice = layout(serif, 8.5, italic: true, width: textWidth)
        notice.setText(sheets.emailNotice)
        let typing = layout(sans, 6.5, width: textWidth - idWidth - 12)
        typing.setText(sheets.typingNote)
        let footID = layout(sans, 8, bold: true, width: idWidth)
        footID.setAlignment(PANGO_ALIGN_RIGHT)

        let widths = sheets.columns.map { $0.share * textWidth }
        let xs = PageGeometry.columnStarts(widths, from: margin)
        let padding = 3.0
        let headings = widths.map { layout(sans, 8, bold: true, width: $0 - 2 * padding) }
        for (heading, column) in zip(headings, sheets.columns) { heading.setText(column.heading) }
        let headerHeight = headings.map(\.size.height).max()! + 2 * padding
        let number = layout(sans, 9, width: widths[0] - 2 * padding)
        number.setAlignment(PANGO_ALIGN_RIGHT)
        // The country's name, printed lightly: a smaller size for a long name, two lines at
        // the smallest when even that is too wide, never over the cell's edges.
        var prefilled = layout(sans, 8.5, width: widths[5] - 2 * padding)
        for size in [8.5, 7.5, 6.5] {
            prefilled = layout(sans, size)
            prefilled.setText(sheets.country ?? "")
            if prefilled.size.width <= widths[5] - 2 * padding { break }
        }
        prefilled.setWidth(widths[5] - 2 * padding)
        let answer = layout(sans, 8)

        // From the top: the title band, the lead and requests, the table; the notice and the
        // typing note at the foot.
        let headTop = margin
        let bandHeight = max(title.size.height, 34)
        let leadTop = headTop + bandHeight + 8
        let tableTop = leadTop + lead.size.height + 3 + requests.size.height + 10
        let footHeight = notice.size.height + 6 + max(typing.size.height, 12)
        let tableBottom = height - margin - footHeight - 8
        let fitting = Int(((tableBottom - tableTop - headerHeight) / Self.sheetLineHeight).rounded(.down))
        let lines = max(1, min(sheets.lines ?? fitting, fitting))

        let pdf = try PDFDocument(path: path, width: width, height: height, metadata: sheets.metadata)
        pango_cairo_update_context(pdf.cairo, context.context)
        let canvas = PageCanvas(cairo: pdf.cairo, tagging: .none)
        for sheet in sheets.sheets {
            canvas.setColor(0)
            title.draw(on: canvas, x: margin, y: headTop)
            sheetLabel.setText("Sheet \(sheet.number) of \(sheets.first + sheets.sheets.count - 1) · sheet id")
            sheetLabel.draw(on: canvas, x: width - margin - idWidth, y: headTop)
            sheetID.setText(sheet.id)
            sheetID.draw(on: canvas, x: width - margin - idWidth, y: headTop + sheetLabel.size.height + 1)
            lead.draw(on: canvas, x: margin, y: leadTop)
            requests.draw(on: canvas, x: margin + 14, y: leadTop + lead.size.height + 3)

            canvas.fillRect(x: margin, y: tableTop, width: textWidth, height: headerHeight, gray: 0.86)
            canvas.setColor(0)
            for (column, heading) in headings.enumerated() { heading.draw(on: canvas, x: xs[column] + padding, y: tableTop + padding) }
            let rowsTop = tableTop + headerHeight
            for line in 0..<lines {
                let top = rowsTop + Double(line) * Self.sheetLineHeight
                if line % 2 == 1 { canvas.fillRect(x: margin, y: top, width: textWidth, height: Self.sheetLineHeight, gray: 0.965) }
                canvas.setColor(0.35)
                number.setText(String(line + 1))
                number.draw(on: canvas, x: xs[0] + padding, y: top + Self.sheetLineHeight - number.size.height - 3)
                if sheets.country != nil {
                    canvas.setColor(0.55)
                    prefilled.draw(on: canvas, x: xs[5] + padding, y: top + Self.sheetLineHeight - prefilled.size.height - 3)
                }
                // The consent answers: a box to tick beside each.
                var answerX = xs[7] + padding + 1
                for word in sheets.consentAnswers {
                    let box = 8.0
                    // On the line number's baseline, where a hand ticks.
                    let boxTop = top + Self.sheetLineHeight - box - 4.5
                    canvas.setColor(0.3)
                    cairo_set_line_width(canvas.cairo, 0.6)
                    cairo_rectangle(canvas.cairo, answerX, boxTop, box, box)
                    cairo_stroke(canvas.cairo)
                    answer.setText(word)
                    answer.draw(on: canvas, x: answerX + box + 2.5, y: boxTop + (box - answer.size.height) / 2)
                    answerX += box + 2.5 + answer.size.width + 9
                }
            }
            // The grid: every line and column, thin, so that a line is easy to follow.
            let gridBottom = rowsTop + Double(lines) * Self.sheetLineHeight
            for line in 0...lines {
                let y = rowsTop + Double(line) * Self.sheetLineHeight
                canvas.line(x1: margin, y1: y, x2: margin + textWidth, y2: y, width: line == 0 || line == lines ? 0.8 : 0.4, gray: 0.45)
            }
            canvas.line(x1: margin, y1: tableTop, x2: margin + textWidth, y2: tableTop, width: 0.8, gray: 0.45)
            for column in 0...widths.count {
                let x = column == widths.count ? margin + textWidth : xs[column]
                canvas.line(x1: x, y1: tableTop, x2: x, y2: gridBottom, width: 0.4, gray: 0.45)
            }

            canvas.setColor(0)
            let footTop = height - margin - footHeight
            notice.draw(on: canvas, x: margin, y: footTop)
            canvas.setColor(0.3)
            typing.draw(on: canvas, x: margin, y: footTop + notice.size.height + 6)
            canvas.setColor(0)
            footID.setText("Sheet \(sheet.id) · lines 1–\(lines)")
            footID.draw(on: canvas, x: width - margin - idWidth, y: footTop + notice.size.height + 6)
            pdf.showPage()
            try pdf.checkWrites()
        }
        try pdf.finish()
        return (sheets.sheets.count, lines)
    }
}
