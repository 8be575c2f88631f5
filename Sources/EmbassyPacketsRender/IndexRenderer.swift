import CCairo
import CPangoCairo
import EmbassyPacketsCore

/// The coordinators' index of a delivery: every packet in a table, then signatures by country
/// as a bar chart.
public struct PacketIndex: Sendable {
    /// One packet.
    public struct Entry: Sendable {
        public var mission: String
        public var city: String
        public var countries: String
        public var signatures: Int
        public var pages: Int
        public var file: String
        /// The mission's postal address as the letter prints it, one line each.
        public var address: [String] = []
        /// Why the address must be checked before posting: no source confirms it, or a part is
        /// missing ("no street", "no postcode"). Empty when it can be used as it is.
        public var warnings: [String] = []
        /// The packet's id, as its cover and receipt print it.
        public var packetID: String?

        /// Creates an entry.
        public init(mission: String, city: String, countries: String, signatures: Int, pages: Int, file: String,
                    address: [String] = [], warnings: [String] = [], packetID: String? = nil) {
            self.address = address
            self.warnings = warnings
            self.packetID = packetID
            self.mission = mission
            self.city = city
            self.countries = countries
            self.signatures = signatures
            self.pages = pages
            self.file = file
        }
    }

    public var title: String
    /// A line under the title: the date, the totals.
    public var subtitle: String
    public var entries: [Entry]
    /// Signatures by country name, largest first.
    public var byCountry: [(name: String, count: Int)]
    public var metadata: PacketDocument.Metadata
    /// The paper: `--paper` when given, else A4.
    public var paper: Paper = .a4

    /// Creates an index.
    public init(title: String, subtitle: String, entries: [Entry], byCountry: [(name: String, count: Int)], metadata: PacketDocument.Metadata) {
        self.title = title
        self.subtitle = subtitle
        self.entries = entries
        self.byCountry = byCountry
        self.metadata = metadata
    }
}

extension PacketRenderer {
    /// Writes the index as a PDF (on `index.paper`); returns its page count.
    public func renderIndex(_ index: PacketIndex, to path: String) throws -> Int {
        try Self.serialized { try renderIndexLocked(index, to: path) }
    }

    private func renderIndexLocked(_ index: PacketIndex, to path: String) throws -> Int {
        let geometry = PageGeometry(width: index.paper.size.width, height: index.paper.size.height)
        let padding = 3.0
        let shares = [0.24, 0.25, 0.14, 0.12, 0.07, 0.18]
        let widths = shares.map { $0 * geometry.textWidth }
        let xs = PageGeometry.columnStarts(widths, from: geometry.left)
        let titles = ["Mission", "Address as printed", "Countries", "Signatures", "Pages", "File and packet"]
        let numeric: Set<Int> = [3, 4]
        func layouts(_ role: FontBook.Role) -> [TextLayout] {
            widths.enumerated().map { column, width in
                let layout = TextLayout(context: context, font: fonts.font(role), width: width - 2 * padding)
                if numeric.contains(column) { layout.setAlignment(PANGO_ALIGN_RIGHT) }
                return layout
            }
        }
        let header = layouts(.cellBold)
        for (layout, title) in zip(header, titles) { layout.setText(title) }
        let headerHeight = header.map(\.size.height).max()! + 2 * padding
        let cells = layouts(.cell)
        // The address, and under it in bold what must be checked before posting.
        let warning = TextLayout(context: context, font: fonts.font(.cellBold), width: widths[1] - 2 * padding)
        func set(_ entry: PacketIndex.Entry) -> Double {
            let address = entry.address.isEmpty ? entry.city : entry.address.joined(separator: "\n")
            let file = entry.packetID.map { "\(entry.file)\n\($0)" } ?? entry.file
            let values = [entry.mission, address, entry.countries, Formatting.number(entry.signatures, language: "en"), String(entry.pages), file]
            for (layout, value) in zip(cells, values) { layout.setText(value) }
            warning.setText(entry.warnings.isEmpty ? "" : "Check before posting: " + entry.warnings.joined(separator: "; "))
            let addressHeight = cells[1].size.height + (entry.warnings.isEmpty ? 0 : warning.size.height + 2)
            return max(cells.map(\.size.height).max()!, addressHeight) + 2 * padding
        }
        let title = TextLayout(context: context, font: fonts.font(.receiptTitle), width: geometry.textWidth)
        title.setText(index.title)
        let subtitle = TextLayout(context: context, font: fonts.font(.body), width: geometry.textWidth)
        subtitle.setText(index.subtitle)
        let heading = TextLayout(context: context, font: fonts.font(.heading), width: geometry.textWidth)

        // Measure: table rows, then the chart's bars, onto pages.
        enum Item {
            case title(y: Double)
            case header(y: Double)
            case row(Int, y: Double, height: Double)
            case chartHeading(y: Double)
            case bar(Int, y: Double)
        }
        var pages: [[Item]] = [[.title(y: geometry.top)]]
        var y = geometry.top + title.size.height + subtitle.size.height + 24
        pages[0].append(.header(y: y))
        y += headerHeight
        for (number, entry) in index.entries.enumerated() {
            let height = set(entry)
            if y + height > geometry.contentBottom {
                pages.append([.header(y: geometry.top)])
                y = geometry.top + headerHeight
            }
            pages[pages.count - 1].append(.row(number, y: y, height: height))
            y += height
        }
        let barHeight = 14.0, barGap = 4.0
        heading.setText("Signatures by country")
        let headingHeight = heading.size.height + 10
        if y + 30 + headingHeight + 3 * (barHeight + barGap) > geometry.contentBottom {
            pages.append([])
            y = geometry.top
        } else {
            y += 30
        }
        pages[pages.count - 1].append(.chartHeading(y: y))
        y += headingHeight
        for bar in index.byCountry.indices {
            if y + barHeight > geometry.contentBottom {
                pages.append([])
                y = geometry.top
            }
            pages[pages.count - 1].append(.bar(bar, y: y))
            y += barHeight + barGap
        }

        // Draw.
        let pdf = try PDFDocument(path: path, width: geometry.width, height: geometry.height, metadata: index.metadata)
        pango_cairo_update_context(pdf.cairo, context.context)
        let canvas = PageCanvas(cairo: pdf.cairo)
        let label = TextLayout(context: context, font: fonts.font(.cell), width: 150)
        label.setAlignment(PANGO_ALIGN_RIGHT)
        let count = TextLayout(context: context, font: fonts.font(.cell))
        let footer = TextLayout(context: context, font: fonts.font(.small), width: geometry.textWidth)
        footer.setAlignment(PANGO_ALIGN_RIGHT)
        let largest = Double(index.byCountry.map(\.count).max() ?? 1)
        let barLeft = geometry.left + 158, barRoom = geometry.textWidth - 158 - 60
        for (pageIndex, items) in pages.enumerated() {
            for item in items {
                switch item {
                case .title(let y):
                    title.draw(on: canvas, x: geometry.left, y: y)
                    subtitle.draw(on: canvas, x: geometry.left, y: y + title.size.height + 6)
                case .header(let y):
                    canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: headerHeight, gray: 0.86)
                    canvas.setColor(0)
                    for (column, layout) in header.enumerated() { layout.draw(on: canvas, x: xs[column] + padding, y: y + padding) }
                case .row(let number, let y, let height):
                    if number % 2 == 1 { canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: height, gray: 0.955) }
                    canvas.setColor(0)
                    _ = set(index.entries[number])
                    for (column, layout) in cells.enumerated() { layout.draw(on: canvas, x: xs[column] + padding, y: y + padding) }
                    if !index.entries[number].warnings.isEmpty {
                        canvas.setColor(0)
                        warning.draw(on: canvas, x: xs[1] + padding, y: y + padding + cells[1].size.height + 2)
                    }
                case .chartHeading(let y):
                    canvas.setColor(0)
                    heading.draw(on: canvas, x: geometry.left, y: y)
                case .bar(let bar, let y):
                    let entry = index.byCountry[bar]
                    canvas.setColor(0)
                    label.setText(entry.name)
                    label.draw(on: canvas, x: geometry.left, y: y)
                    let width = max(1, barRoom * Double(entry.count) / largest)
                    canvas.fillRect(x: barLeft, y: y + 1, width: width, height: barHeight - 2, gray: 0.45)
                    canvas.setColor(0)
                    count.setText(Formatting.number(entry.count, language: "en"))
                    count.draw(on: canvas, x: barLeft + width + 4, y: y)
                }
            }
            canvas.setColor(0.35)
            footer.setText("page \(pageIndex + 1) of \(pages.count)")
            footer.draw(on: canvas, x: geometry.left, y: geometry.height - PageGeometry.edge - 14)
            canvas.setColor(0)
            pdf.showPage()
        }
        try pdf.finish()
        return pages.count
    }
}
