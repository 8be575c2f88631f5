import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// The coordinator's copy of a run of envelopes: every envelope and label in order, with its
/// packet file, its mission and address, and what must be checked before posting. The only
/// place an unconfirmed or incomplete address is marked.
public struct EnvelopeChecklist: Sendable {
    /// One envelope and its label.
    public struct Row: Sendable {
        /// "Envelope 3 (envelopes.pdf page 3): C4, 12 sheets".
        public var envelope: String
        /// "Label: labels-a4.pdf, sheet 1, row 2, column 3".
        public var label: String
        /// The packet file ("packets/US.pdf"), or "" with `--all`.
        public var file: String
        /// The recipient's lines as printed.
        public var address: [String]
        /// What to check before posting; empty when nothing.
        public var checks: [String]

        /// Creates a row.
        public init(envelope: String, label: String, file: String, address: [String], checks: [String]) {
            self.envelope = envelope
            self.label = label
            self.file = file
            self.address = address
            self.checks = checks
        }
    }

    public var title: String
    /// Lines under the title: the delivery, the return address, the counts.
    public var subtitle: String
    public var rows: [Row]
    public var paper: Paper
    public var metadata: PacketDocument.Metadata

    /// Creates a checklist.
    public init(title: String, subtitle: String, rows: [Row], paper: Paper, metadata: PacketDocument.Metadata) {
        self.title = title
        self.subtitle = subtitle
        self.rows = rows
        self.paper = paper
        self.metadata = metadata
    }
}

extension PacketRenderer {
    /// Writes the checklist as a table, the header row on every page and "page i of n" at the
    /// foot; returns what was written.
    public func renderChecklist(_ checklist: EnvelopeChecklist, to path: String) throws -> WrittenPDF {
        try Self.serialized {
            try FontBook.check.get()
            let size = checklist.paper.size
            let geometry = PageGeometry(width: size.width, height: size.height, left: 40, right: 40, top: 48, bottom: 56)
            let padding = 3.0
            let shares = [0.04, 0.33, 0.36, 0.27]
            let widths = shares.map { $0 * geometry.textWidth }
            let xs = PageGeometry.columnStarts(widths, from: geometry.left)
            func layouts(_ role: FontBook.Role) -> [TextLayout] {
                widths.map { TextLayout(context: context, font: fonts.font(role), width: $0 - 2 * padding) }
            }
            let header = layouts(.cellBold)
            for (layout, title) in zip(header, ["", "Envelope, label and packet file", "Mission and address as printed", "Check before posting"]) {
                layout.setText(title)
            }
            let headerHeight = header.map(\.size.height).max()! + 2 * padding
            let cells = layouts(.cell)
            let checks = TextLayout(context: context, font: fonts.font(.cellBold), width: widths[3] - 2 * padding)
            let box = 8.0
            func set(_ row: EnvelopeChecklist.Row) -> Double {
                cells[0].setText("")
                cells[1].setText("\(row.envelope)\n\(row.label)" + (row.file.isEmpty ? "" : "\nPacket: \(row.file)"))
                cells[2].setText(row.address.joined(separator: "\n"))
                cells[3].setText("")
                checks.setText(row.checks.isEmpty ? "—" : row.checks.map { "• " + $0 }.joined(separator: "\n"))
                return max(cells.map(\.size.height).max()!, checks.size.height, box) + 2 * padding
            }
            let title = TextLayout(context: context, font: fonts.font(.receiptTitle), width: geometry.textWidth)
            title.setText(checklist.title)
            let subtitle = TextLayout(context: context, font: fonts.font(.body), width: geometry.textWidth)
            subtitle.setText(checklist.subtitle)

            var pages: [[(row: Int, y: Double, height: Double)]] = [[]]
            let firstTop = geometry.top + title.size.height + 6 + subtitle.size.height + 16
            var y = firstTop + headerHeight
            for (number, row) in checklist.rows.enumerated() {
                let height = set(row)
                if y + height > geometry.contentBottom && !pages[pages.count - 1].isEmpty {
                    pages.append([])
                    y = geometry.top + headerHeight
                }
                pages[pages.count - 1].append((number, y, height))
                y += height
            }

            let pdf = try PDFDocument(path: path, width: geometry.width, height: geometry.height, metadata: checklist.metadata)
            pango_cairo_update_context(pdf.cairo, context.context)
            let canvas = PageCanvas(cairo: pdf.cairo)
            let footer = TextLayout(context: context, font: fonts.font(.small), width: geometry.textWidth)
            footer.setAlignment(PANGO_ALIGN_RIGHT)
            for (pageIndex, rows) in pages.enumerated() {
                var top = geometry.top
                canvas.setColor(0)
                if pageIndex == 0 {
                    title.draw(on: canvas, x: geometry.left, y: top)
                    subtitle.draw(on: canvas, x: geometry.left, y: top + title.size.height + 6)
                    top = firstTop
                }
                canvas.fillRect(x: geometry.left, y: top, width: geometry.textWidth, height: headerHeight, gray: 0.86)
                canvas.setColor(0)
                for (column, layout) in header.enumerated() { layout.draw(on: canvas, x: xs[column] + padding, y: top + padding) }
                for (number, y, height) in rows {
                    let row = checklist.rows[number]
                    if !row.checks.isEmpty { canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: height, gray: 0.93) }
                    canvas.line(x1: geometry.left, y1: y + height, x2: geometry.left + geometry.textWidth, y2: y + height, width: 0.4, gray: 0.6)
                    // A box to tick when the envelope is packed and posted.
                    cairo_set_line_width(canvas.cairo, 0.7)
                    canvas.setColor(0.2)
                    cairo_rectangle(canvas.cairo, xs[0] + padding, y + padding + 1, box, box)
                    cairo_stroke(canvas.cairo)
                    canvas.setColor(0)
                    _ = set(row)
                    for column in 1..<3 { cells[column].draw(on: canvas, x: xs[column] + padding, y: y + padding) }
                    checks.draw(on: canvas, x: xs[3] + padding, y: y + padding)
                }
                canvas.setColor(0.35)
                footer.setText("Coordinator's copy, not for posting · page \(pageIndex + 1) of \(pages.count)")
                footer.draw(on: canvas, x: geometry.left, y: geometry.height - PageGeometry.edge - 10)
                canvas.setColor(0)
                pdf.showPage()
                try pdf.checkWrites()
            }
            try pdf.finish()
            return WrittenPDF(pages: pages.count, sha256: pdf.fingerprint.sha256, bytes: pdf.fingerprint.bytes)
        }
    }
}
