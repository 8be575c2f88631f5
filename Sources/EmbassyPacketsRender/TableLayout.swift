import CPangoCairo
import EmbassyPacketsCore

/// The signature table: four columns (No., Name, City, State or Province), each cell laid
/// out on its own so that a right-to-left name shapes right-to-left inside its cell while
/// the row keeps its left-to-right column order.
struct TableLayout {
    let geometry: PacketRenderer.Geometry
    let padding = 3.5
    /// Left edges and widths of the columns.
    let columnX: [Double]
    let columnWidth: [Double]
    let numberCell: TextLayout
    let textCells: [TextLayout]
    let headerCells: [TextLayout]
    let headingLayout: TextLayout
    let headingHeight: Double
    let headerHeight: Double

    struct Measured {
        var height: Double
        var unknownGlyphs: Int
    }

    init(document: PacketDocument, renderer: PacketRenderer, geometry: PacketRenderer.Geometry) {
        self.geometry = geometry
        let context = renderer.cellContext
        // The number column fits the largest number; the rest share what is left.
        let largest = document.sections.map(\.signatures.count).max() ?? 1
        let probe = TextLayout(context: context, font: renderer.cellFonts.bold)
        probe.setText(Formatting.number(max(largest, 100), language: "en"))
        let numberWidth = max(probe.size.width, 18) + 2 * padding + 2
        let rest = geometry.textWidth - numberWidth
        columnWidth = [numberWidth, rest * 0.40, rest * 0.30, rest * 0.30]
        var x = geometry.left
        var positions: [Double] = []
        for width in columnWidth {
            positions.append(x)
            x += width
        }
        columnX = positions
        let padding = self.padding
        numberCell = TextLayout(context: context, font: renderer.cellFonts.regular, width: numberWidth - 2 * padding)
        numberCell.setAlignment(PANGO_ALIGN_RIGHT)
        textCells = columnWidth.dropFirst().map { TextLayout(context: context, font: renderer.cellFonts.regular, width: $0 - 2 * padding) }
        headerCells = columnWidth.enumerated().map { index, width in
            let layout = TextLayout(context: context, font: renderer.cellFonts.bold, width: width - 2 * padding)
            if index == 0 { layout.setAlignment(PANGO_ALIGN_RIGHT) }
            layout.setText(document.columnTitles.indices.contains(index) ? document.columnTitles[index] : "")
            return layout
        }
        headerHeight = headerCells.map(\.size.height).max()! + 2 * padding
        headingLayout = TextLayout(context: context, font: renderer.cellFonts.heading, width: geometry.textWidth)
        headingLayout.setText("Signatures")
        headingHeight = headingLayout.size.height + 10
    }

    private func values(_ signature: Signature) -> [String] {
        [signature.displayName, signature.city, signature.region]
    }

    /// Lays out a row's cells and returns its height. Cells share the first line's baseline,
    /// so a name in a script with taller lines does not sit lower than its neighbours.
    func measure(section: PacketDocument.Section, row: Int) -> Measured {
        let signature = section.signatures[row]
        var unknown = 0
        for (layout, value) in zip(textCells, values(signature)) {
            layout.setText(value, language: section.language)
            unknown += layout.unknownGlyphs
        }
        numberCell.setText(String(row + 1))
        return Measured(height: rowBox().height + 2 * padding, unknownGlyphs: unknown)
    }

    /// The common baseline of the cells as they are set now, and the height they need.
    private func rowBox() -> (baseline: Double, height: Double) {
        var baseline = numberCell.baseline
        for layout in textCells { baseline = max(baseline, layout.baseline) }
        var height = baseline - numberCell.baseline + numberCell.size.height
        for layout in textCells { height = max(height, baseline - layout.baseline + layout.size.height) }
        return (baseline, height)
    }

    func drawHeading(_ section: PacketDocument.Section, continued: Bool, on canvas: PageCanvas, y: Double) {
        let count = Formatting.number(section.signatures.count, language: "en")
        headingLayout.setText(continued ? "\(section.heading) (continued)" : "\(section.heading) — \(count)")
        canvas.setColor(0)
        headingLayout.draw(on: canvas, x: geometry.left, y: y)
    }

    func drawHeader(_ titles: [String], on canvas: PageCanvas, y: Double) {
        canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: headerHeight, gray: 0.86)
        canvas.setColor(0)
        for (index, layout) in headerCells.enumerated() {
            layout.draw(on: canvas, x: columnX[index] + padding, y: y + padding)
        }
        canvas.line(x1: geometry.left, y1: y + headerHeight, x2: geometry.left + geometry.textWidth, y2: y + headerHeight, width: 0.6, gray: 0.3)
    }

    func drawRow(section: PacketDocument.Section, row: Int, on canvas: PageCanvas, y: Double, height: Double) {
        let signature = section.signatures[row]
        if row % 2 == 1 {
            canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: height, gray: 0.955)
        }
        canvas.setColor(0)
        numberCell.setText(String(row + 1))
        for (layout, value) in zip(textCells, values(signature)) { layout.setText(value, language: section.language) }
        let baseline = rowBox().baseline
        numberCell.draw(on: canvas, x: columnX[0] + padding, y: y + padding + baseline - numberCell.baseline)
        for (index, layout) in textCells.enumerated() {
            layout.draw(on: canvas, x: columnX[index + 1] + padding, y: y + padding + baseline - layout.baseline)
        }
        canvas.line(x1: geometry.left, y1: y + height, x2: geometry.left + geometry.textWidth, y2: y + height, width: 0.25, gray: 0.7)
    }
}
