import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// A PDF as written: its pages, SHA-256 and size.
public struct WrittenPDF: Sendable, Equatable {
    public var pages: Int
    public var sha256: String
    public var bytes: Int
    /// For envelopes and labels: the size each item's address was set in, in points.
    public var sizes: [Double] = []
}

/// The type sizes of envelopes and labels: the largest each block is set in; a block that does
/// not fit its zone at that size is set smaller until it does.
public enum EnvelopeType {
    /// The recipient's address on an envelope.
    public static let recipient = 14.0
    /// The return address on an envelope.
    public static let returnAddress = 9.0
    /// An address label.
    public static let label = 10.0
    /// Below these sizes the checklist asks the coordinator to check that the address can be read.
    public static let smallestComfortable = (envelope: 8.0, label: 6.0)
}

extension PacketRenderer {
    /// Writes one envelope per item, each page the size of its envelope, landscape: the return
    /// address in the return zone, the recipient in the recipient zone, nothing else. Returns
    /// what was written.
    public func renderEnvelopes(_ items: [EnvelopeItem], metadata: PacketDocument.Metadata, to path: String) throws -> WrittenPDF {
        try Self.serialized {
            try FontBook.check.get()
            guard let first = items.first else { throw PipelineError(stage: .render, message: "no envelopes to print") }
            let pdf = try PDFDocument(path: path, width: first.stock.width, height: first.stock.height, metadata: metadata)
            pango_cairo_update_context(pdf.cairo, context.context)
            let canvas = PageCanvas(cairo: pdf.cairo)
            canvas.setColor(0)
            var sizes: [Double] = []
            for item in items {
                // Every page takes its own envelope's size (set before anything is drawn on it).
                cairo_pdf_surface_set_size(pdf.surface, item.stock.width, item.stock.height)
                if !item.returnAddress.isEmpty {
                    let zone = item.stock.returnZone
                    let block = fittedBlock(item.returnAddress, in: zone, largest: EnvelopeType.returnAddress, language: nil).layout
                    block.draw(on: canvas, x: zone.x, y: zone.y)
                }
                let zone = item.stock.recipientZone
                let (block, size) = fittedBlock(item.recipient, in: zone, largest: EnvelopeType.recipient, language: item.language)
                sizes.append(size)
                block.draw(on: canvas, x: zone.x, y: zone.y)
                pdf.showPage()
                try pdf.checkWrites()
            }
            try pdf.finish()
            return WrittenPDF(pages: items.count, sha256: pdf.fingerprint.sha256, bytes: pdf.fingerprint.bytes, sizes: sizes)
        }
    }

    /// Writes the items' addresses onto sheets of `stock`, one label each, across then down:
    /// each address set as large as fits the label less its safety inset, and centred
    /// vertically in it. Nothing else is printed (no outlines: a sheet fed a little askew
    /// would show them on the labels).
    public func renderLabels(_ items: [EnvelopeItem], stock: LabelStock, metadata: PacketDocument.Metadata, to path: String) throws -> WrittenPDF {
        try Self.serialized {
            try FontBook.check.get()
            guard !items.isEmpty else { throw PipelineError(stage: .render, message: "no labels to print") }
            let size = stock.paper.size
            let pdf = try PDFDocument(path: path, width: size.width, height: size.height, metadata: metadata)
            pango_cairo_update_context(pdf.cairo, context.context)
            let canvas = PageCanvas(cairo: pdf.cairo)
            canvas.setColor(0)
            var sizes: [Double] = []
            for (index, item) in items.enumerated() {
                let position = index % stock.perSheet
                if index > 0 && position == 0 {
                    pdf.showPage()
                    try pdf.checkWrites()
                }
                let area = stock.printable(position)
                let (block, size) = fittedBlock(item.recipient, in: area, largest: EnvelopeType.label, language: item.language)
                sizes.append(size)
                block.draw(on: canvas, x: area.x, y: area.y + (area.height - block.size.height) / 2)
            }
            pdf.showPage()
            try pdf.finish()
            let sheets = (items.count + stock.perSheet - 1) / stock.perSheet
            return WrittenPDF(pages: sheets, sha256: pdf.fingerprint.sha256, bytes: pdf.fingerprint.bytes, sizes: sizes)
        }
    }

    /// Lines set left-aligned as large as fits `box`, at most `largest` points: wrapped at word
    /// boundaries where a line is too wide, made smaller while the block is too wide or too
    /// tall. When that needs less than 60% of `largest` (or 5 pt), a word wider than the box is
    /// broken between characters instead, from `largest` down again (so one overlong word does
    /// not shrink the whole address). The block never leaves the box, however long the address.
    func fittedBlock(_ lines: [String], in box: PageRect, largest: Double, language: String?) -> (layout: TextLayout, size: Double) {
        let text = lines.joined(separator: "\n")
        let families = FontBook.families(serif: false, language: language)
        func attempt(_ size: Double, wrap: PangoWrapMode) -> TextLayout? {
            let layout = TextLayout(context: context, font: Font(families: families, size: size), width: box.width)
            pango_layout_set_wrap(layout.layout, wrap)
            layout.setAutoDirection(false)
            layout.setText(text, language: language)
            // A word broken for want of room gets no hyphen: on an address it would read as part
            // of the name.
            let list = pango_layout_get_attributes(layout.layout).map { pango_attr_list_copy($0)! } ?? pango_attr_list_new()!
            if let noHyphens = pango_attr_insert_hyphens_new(0) { pango_attr_list_insert(list, noHyphens) }
            pango_layout_set_attributes(layout.layout, list)
            pango_attr_list_unref(list)
            let measured = layout.size
            return measured.width <= box.width + 0.001 && measured.height <= box.height + 0.001 ? layout : nil
        }
        var size = largest
        while size >= max(5, largest * 0.6) {
            if let layout = attempt(size, wrap: PANGO_WRAP_WORD) { return (layout, size) }
            size -= 0.25
        }
        // Pango breaks inside a word only where the word alone is wider than the line.
        size = largest
        while size > 0.5 {
            if let layout = attempt(size, wrap: PANGO_WRAP_WORD_CHAR) { return (layout, size) }
            size -= size > 5 ? 0.25 : 0.1
        }
        // Nothing is drawn rather than anything outside the box.
        return (TextLayout(context: context, font: Font(families: families, size: 1), width: box.width), 0)
    }
}
