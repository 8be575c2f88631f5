import CPangoCairo
import EmbassyPacketsCore

/// The signature tables. Every cell is laid out on its own, so that a right-to-left name
/// shapes right-to-left inside its cell while the row keeps its left-to-right column order;
/// cells share their first baseline. Column widths are fitted to the content.
final class TableLayout {
    let geometry: PageGeometry
    let columns: [TableColumn]
    let padding = 3.5
    /// Left edges and widths of the columns.
    private(set) var columnX: [Double] = []
    private(set) var columnWidth: [Double] = []
    let headingHeight: Double
    private(set) var headerHeight: Double = 0
    /// Space above a country's heading when it does not start a page.
    let sectionGap = 16.0

    private let context: TextContext
    private let fonts: FontBook
    private let words: PacketWords
    private let headerCells: [TextLayout]
    private let headingLayout: TextLayout
    /// Cell layouts per language, one per column.
    private var cells: [String: [TextLayout]] = [:]

    struct Measured {
        var height: Double
        var unknownGlyphs: Int
    }

    init(document: PacketDocument, context: TextContext, fonts: FontBook, geometry: PageGeometry) {
        self.geometry = geometry
        self.columns = document.columns.isEmpty ? TableColumn.standard : document.columns
        self.context = context
        self.fonts = fonts
        self.words = document.words
        let padding = self.padding
        let words = document.words
        headerCells = columns.map { column in
            let layout = TextLayout(context: context, font: fonts.font(.cellBold, language: words.language))
            layout.setText(words.columnTitle(column), language: words.language)
            return layout
        }
        headingLayout = TextLayout(context: context, font: fonts.font(.heading, language: words.language), width: geometry.textWidth)
        headingLayout.setText("Signatures")
        headingHeight = headingLayout.size.height + 8
        fitColumns(document)
        for (index, layout) in headerCells.enumerated() {
            layout.setWidth(columnWidth[index] - 2 * padding)
            if columns[index] == .number { layout.setAlignment(PANGO_ALIGN_RIGHT) }
        }
        headerHeight = headerCells.map(\.size.height).max()! + 2 * padding
    }

    /// Widths from the content: the number column fits the largest number; each text column
    /// wants the 95th percentile of its values' natural widths (over a sample spread across
    /// the packet), and the page's width is shared in proportion, none below a floor.
    private func fitColumns(_ document: PacketDocument) {
        let probe = TextLayout(context: context, font: fonts.font(.cell))
        probe.unsetWidth()
        let simpleProbe = TextLayout(context: context, font: fonts.font(.cellSimple))
        simpleProbe.unsetWidth()
        // Cities, regions and common names repeat: each distinct value is measured once. Text
        // that Noto Sans alone sets is measured in the one-family font, as it is drawn.
        struct Key: Hashable { var text: String; var language: String? }
        var measuredWidths: [Key: Double] = [:]
        func width(_ text: String, language: String?) -> Double {
            let simple = Self.isSimple(text)
            let key = Key(text: text, language: simple ? nil : language)
            if let known = measuredWidths[key] { return known }
            let layout = simple ? simpleProbe : probe
            layout.setText(text, language: key.language)
            let measured = layout.size.width
            measuredWidths[key] = measured
            return measured
        }
        let total = document.sections.reduce(0) { $0 + $1.signatures.count }
        let largest = document.sections.map { $0.firstNumber + $0.signatures.count - 1 }.max() ?? 1
        let stride = max(1, total / 3000)
        var samples: [[Double]] = Array(repeating: [], count: columns.count)
        var seen = 0
        for section in document.sections {
            for (index, signature) in section.signatures.enumerated() {
                defer { seen += 1 }
                guard seen % stride == 0 else { continue }
                for (column, kind) in columns.enumerated() where kind != .number {
                    samples[column].append(width(kind.value(signature, number: section.firstNumber + index), language: section.language))
                }
            }
        }
        let available = geometry.textWidth
        var wants: [Double] = []
        var floors: [Double] = []
        for (index, kind) in columns.enumerated() {
            let title = headerCells[index].size.width + 2 * padding
            if kind == .number {
                let bold = TextLayout(context: context, font: fonts.font(.cellBold))
                bold.setText(String(max(largest, 100)))
                let width = max(bold.size.width + 2 * padding + 2, title)
                wants.append(width)
                floors.append(width)
                continue
            }
            let values = samples[index].sorted()
            let p95 = values.isEmpty ? 0 : values[min(values.count - 1, Int(Double(values.count) * 0.95))]
            let floor = max(title, kind == .signed ? 0 : available * 0.12)
            wants.append(max(p95 + 2 * padding + 1, floor))
            floors.append(kind == .signed ? max(title, p95 + 2 * padding + 1) : floor)
        }
        // Fixed columns keep their width; the text columns share the rest.
        let fixed = Set(columns.indices.filter { columns[$0] == .number || columns[$0] == .signed })
        let fixedWidth = fixed.reduce(0.0) { $0 + wants[$1] }
        let flexible = columns.indices.filter { !fixed.contains($0) }
        let room = available - fixedWidth
        let wanted = flexible.reduce(0.0) { $0 + wants[$1] }
        var widths = wants
        if wanted <= room {
            for index in flexible { widths[index] = wants[index] + (room - wanted) * wants[index] / wanted }
        } else {
            // Shrink towards the floors in proportion to what each column wants above its floor.
            let floorTotal = flexible.reduce(0.0) { $0 + floors[$1] }
            let excess = wanted - floorTotal
            let scale = excess > 0 ? max(0, room - floorTotal) / excess : 0
            for index in flexible { widths[index] = floors[index] + (wants[index] - floors[index]) * scale }
        }
        columnWidth = widths
        var x = geometry.left
        columnX = widths.map { width in
            defer { x += width }
            return x
        }
    }

    /// The reusable cell layouts for a language and a script class (`simple`: text that Noto
    /// Sans alone sets — Latin, Greek, Cyrillic — gets a one-family font, which Pango resolves
    /// much faster than the full list, with the same glyphs).
    private func layouts(for language: String?, simple: Bool) -> [TextLayout] {
        let key = (simple ? "s:" : "f:") + (language ?? "")
        if let existing = cells[key] { return existing }
        let made = columns.indices.map { makeCell($0, language: language, simple: simple) }
        cells[key] = made
        return made
    }

    private func makeCell(_ column: Int, language: String?, simple: Bool) -> TextLayout {
        let font = simple ? fonts.font(.cellSimple) : fonts.font(.cell, language: language)
        let layout = TextLayout(context: context, font: font, width: columnWidth[column] - 2 * padding)
        layout.setAutoDirection(false)
        if columns[column] == .number || columns[column] == .signed { layout.setAlignment(PANGO_ALIGN_RIGHT) }
        return layout
    }

    /// Cities, regions and dates repeat across a packet: their laid-out cells are kept and
    /// reused by both passes instead of being shaped again for every row.
    private struct CacheKey: Hashable {
        var column: Int
        var language: String?
        var text: String
    }

    private var cache: [CacheKey: TextLayout] = [:]
    private static let cacheLimit = 8192

    private func cachedCell(_ column: Int, text: String, language: String?) -> TextLayout {
        let simple = Self.isSimple(text)
        let key = CacheKey(column: column, language: simple ? nil : language, text: text)
        if let layout = cache[key] { return layout }
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        let layout = makeCell(column, language: language, simple: simple)
        layout.setText(text, language: simple ? nil : language)
        cache[key] = layout
        return layout
    }

    /// True when Noto Sans alone has every character: Latin (with Vietnamese), Greek, Cyrillic,
    /// general punctuation.
    static func isSimple(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x0530 || (0x1E00...0x1EFF).contains(value) || (0x2000...0x206F).contains(value) { continue }
            return false
        }
        return true
    }

    /// Sets a row's cells; returns them with the row's common baseline and height.
    private func setRow(_ section: PacketDocument.Section, row: Int) -> (cells: [TextLayout], baseline: Double, height: Double) {
        let language = Self.language(of: section, row: row)
        let cells = columns.indices.map { cell($0, text: columns[$0].value(section.signatures[row], number: section.firstNumber + row), language: language) }
        let metrics = rowMetrics(cells.map { ($0.baseline, $0.size.height) })
        return (cells, metrics.baseline, metrics.height)
    }

    /// The language a row is set in: its section's, which chooses Han glyphs; where it has
    /// none, kana or Hangul in the name tells (a Japanese name in the United States' section).
    static func language(of section: PacketDocument.Section, row: Int) -> String? {
        section.language ?? guessLanguage(section.signatures[row].displayName)
    }

    /// A column's cell laid out with `text`: kept and reused for cities, regions and dates, a
    /// layout reused per column for names and numbers.
    private func cell(_ index: Int, text: String, language: String?) -> TextLayout {
        switch columns[index] {
        case .city, .region, .signed:
            return cachedCell(index, text: text, language: language)
        case .number, .name:
            let simple = Self.isSimple(text)
            let layout = layouts(for: language, simple: simple)[index]
            layout.setText(text, language: simple ? nil : language)
            return layout
        }
    }

    /// The row's common baseline (its cells share their first baseline) and its height, padding
    /// included, from each cell's baseline and height.
    private func rowMetrics(_ cells: [(baseline: Double, height: Double)]) -> (baseline: Double, height: Double) {
        var baseline = 0.0
        for cell in cells { baseline = max(baseline, cell.baseline) }
        var height = 0.0
        for cell in cells { height = max(height, baseline - cell.baseline + cell.height) }
        return (baseline, height + 2 * padding)
    }

    /// "ja" for text with kana, "ko" for text with Hangul, else nil.
    static func guessLanguage(_ text: String) -> String? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3040...0x30FF, 0x31F0...0x31FF: return "ja"
            case 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F: return "ko"
            default: continue
            }
        }
        return nil
    }

    /// A row's height and the characters no font could draw in it.
    ///
    /// A name or number set in Noto Sans alone that surely fits on one line (the sum of its
    /// characters' advances, each measured once, is well inside the column) is one line of the
    /// one-family font: its height and baseline are known without laying it out. Only the
    /// drawing pass shapes it. The other cells are laid out as the drawing pass lays them out.
    func measure(section: PacketDocument.Section, row: Int) -> Measured {
        let language = Self.language(of: section, row: row)
        var metrics: [(baseline: Double, height: Double)] = []
        metrics.reserveCapacity(columns.count)
        var unknown = 0
        for (index, column) in columns.enumerated() {
            let text = column.value(section.signatures[row], number: section.firstNumber + row)
            if column == .number || column == .name, Self.isSimple(text), fitsOneLine(text, column: index) {
                metrics.append(simpleLine(index))
                continue
            }
            let layout = cell(index, text: text, language: language)
            unknown += layout.unknownGlyphs
            metrics.append((layout.baseline, layout.size.height))
        }
        return Measured(height: rowMetrics(metrics).height, unknownGlyphs: unknown)
    }

    /// One line of a column's one-family cell: its baseline and height, taken from the very
    /// layout the drawing pass uses, on the first text that needed it.
    private var simpleLines: [Int: (baseline: Double, height: Double)] = [:]
    private func simpleLine(_ column: Int) -> (baseline: Double, height: Double) {
        if let known = simpleLines[column] { return known }
        let layout = layouts(for: nil, simple: true)[column]
        layout.setText("0")
        let line = (layout.baseline, layout.size.height)
        simpleLines[column] = line
        return line
    }

    /// Advances of single characters in the one-family cell font; negative for one it cannot
    /// draw (or must not be guessed: controls).
    private var advances: [UInt32: Double] = [:]
    private lazy var advanceProbe: TextLayout = {
        let probe = TextLayout(context: context, font: fonts.font(.cellSimple))
        probe.unsetWidth()
        return probe
    }()

    /// True when `text` surely fits on one line of the column: the sum of its characters'
    /// advances stays under 95 % of the room (kerning and ligatures only ever take a little).
    private func fitsOneLine(_ text: String, column: Int) -> Bool {
        let room = (columnWidth[column] - 2 * padding) * 0.95
        var width = 0.0
        for scalar in text.unicodeScalars {
            let advance: Double
            if let known = advances[scalar.value] {
                advance = known
            } else {
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace && scalar != " " {
                    advance = -1
                } else {
                    advanceProbe.setText(String(scalar))
                    advance = advanceProbe.unknownGlyphs > 0 ? -1 : advanceProbe.size.width
                }
                advances[scalar.value] = advance
            }
            guard advance >= 0 else { return false }
            width += advance
            if width > room { return false }
        }
        return true
    }

    /// Lays the sections out after the letter: each country's heading with its table, the
    /// header row on every page, and a heading never left at the foot of a page without at
    /// least two of its rows. A row is never split unless it is taller than a whole page (a
    /// city of thousands of characters): such a row runs on over as many pages as it needs,
    /// cut between lines of text, and each page it runs onto says so in its heading. The
    /// locations of those rows are appended to `splitRows`.
    func paginate(_ document: PacketDocument, pages: inout PageList, sectionPages: inout [Int], splitRows: inout [SourceLocation]) -> Int {
        var unknown = 0
        // The most a row may take on a page that starts with the heading and the header row.
        let pageRoom = geometry.contentBottom - geometry.top - headingHeight - headerHeight
        for (sectionIndex, section) in document.sections.enumerated() {
            let measured = section.signatures.indices.map { measure(section: section, row: $0) }
            unknown += measured.reduce(0) { $0 + $1.unknownGlyphs }
            let gap = pages.y > geometry.top ? sectionGap : 0
            let opening = measured.prefix(2).reduce(0) { $0 + min($1.height, pageRoom / 2) }
            if pages.y + gap + headingHeight + headerHeight + opening > geometry.contentBottom {
                pages.newPage(geometry)
            } else {
                pages.y += gap
            }
            sectionPages.append(pages.current)
            pages.place(.heading(section: sectionIndex, continued: false, y: pages.y))
            pages.y += headingHeight
            pages.place(.tableHeader(y: pages.y))
            pages.y += headerHeight
            func continuePage(carried: Int? = nil) {
                pages.newPage(geometry)
                pages.place(.heading(section: sectionIndex, continued: true, y: pages.y, carried: carried))
                pages.y += headingHeight
                pages.place(.tableHeader(y: pages.y))
                pages.y += headerHeight
            }
            for (rowIndex, row) in measured.enumerated() {
                if row.height > pageRoom {
                    splitRows.append(section.signatures[rowIndex].location)
                    // Start it on this page when a few lines fit.
                    if geometry.contentBottom - pages.y < 4 * headerHeight { continuePage() }
                    let cuts = cleanCuts(section: section, row: rowIndex)
                    var from = 0.0
                    while true {
                        let lead = from > 0 ? padding : 0
                        // At least some room on every page, so that the row always advances.
                        let room = max(geometry.contentBottom - pages.y - lead, 36)
                        let to: Double
                        if from + room >= row.height {
                            to = row.height
                        } else {
                            // The lowest cut between lines that fits, else the page's edge.
                            to = cuts.last { $0 > from + 1 && $0 <= from + room } ?? (from + room)
                        }
                        pages.place(.rowPart(section: sectionIndex, row: rowIndex, y: pages.y, from: from, to: to, total: row.height))
                        pages.y += to - from + lead
                        if to >= row.height { break }
                        from = to
                        continuePage(carried: section.firstNumber + rowIndex)
                    }
                    continue
                }
                if pages.y + row.height > geometry.contentBottom { continuePage() }
                pages.place(.row(section: sectionIndex, row: rowIndex, y: pages.y, height: row.height))
                pages.y += row.height
            }
        }
        return unknown
    }

    /// Offsets from a row's top where it can be cut without cutting through a line of any of
    /// its cells, in ascending order.
    func cleanCuts(section: PacketDocument.Section, row: Int) -> [Double] {
        let (cells, baseline, _) = setRow(section, row: row)
        var spans: [(top: Double, bottom: Double)] = []
        for cell in cells {
            let offset = padding + baseline - cell.baseline
            for line in cell.lines() { spans.append((offset + line.top, offset + line.top + line.height)) }
        }
        let candidates = Set(spans.map(\.bottom)).sorted()
        return candidates.filter { cut in !spans.contains { $0.top < cut - 0.01 && cut + 0.01 < $0.bottom } }
    }

    func drawHeading(_ section: PacketDocument.Section, continued: Bool, carried: Int? = nil, on canvas: PageCanvas, y: Double) {
        let count = Formatting.number(section.signatures.count, language: words.language)
        let text: String
        if let carried {
            text = section.heading + words.continuedRow(carried)
        } else {
            text = continued ? section.heading + words.continued : "\(section.heading) — \(count)"
        }
        headingLayout.setText(text, language: words.language)
        headingLayout.fitOnOneLine(geometry.textWidth)
        canvas.setColor(0)
        canvas.tag("H1") { headingLayout.draw(on: canvas, x: geometry.left, y: y) }
    }

    func drawHeader(on canvas: PageCanvas, y: Double) {
        canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: headerHeight, gray: 0.86)
        canvas.setColor(0)
        canvas.tag("TR") {
            for (index, layout) in headerCells.enumerated() {
                canvas.tag("TH") { layout.draw(on: canvas, x: columnX[index] + padding, y: y + padding) }
            }
        }
        canvas.line(x1: geometry.left, y1: y + headerHeight, x2: geometry.left + geometry.textWidth, y2: y + headerHeight, width: 0.6, gray: 0.3)
    }

    func drawRow(section: PacketDocument.Section, row: Int, on canvas: PageCanvas, y: Double, height: Double) {
        if row % 2 == 1 {
            canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: height, gray: 0.955)
        }
        canvas.setColor(0)
        let (cells, baseline, _) = setRow(section, row: row)
        canvas.tag("TR") {
            for (index, cell) in cells.enumerated() {
                canvas.tag("TD") { cell.drawSearchable(on: canvas, x: columnX[index] + padding, y: y + padding + baseline - cell.baseline) }
            }
        }
        canvas.line(x1: geometry.left, y1: y + height, x2: geometry.left + geometry.textWidth, y2: y + height, width: 0.25, gray: 0.7)
    }

    /// Draws the part of a row taller than a page that falls on this page (see `paginate`):
    /// the row's cells clipped to the part; a part that runs on has a dashed foot, and a part
    /// that carries on from the page before repeats the row's number in grey.
    func drawRowPart(section: PacketDocument.Section, row: Int, on canvas: PageCanvas, y: Double, from: Double, to: Double, total: Double) {
        let lead = from > 0 ? padding : 0
        let height = to - from + lead
        if row % 2 == 1 {
            canvas.fillRect(x: geometry.left, y: y, width: geometry.textWidth, height: height, gray: 0.955)
        }
        canvas.setColor(0)
        let (cells, baseline, _) = setRow(section, row: row)
        let top = y + lead - from
        canvas.clipped(x: geometry.left, y: y + lead, width: geometry.textWidth, height: to - from) {
            canvas.tag("TR") {
                for (index, cell) in cells.enumerated() {
                    canvas.tag("TD") { cell.drawSearchable(on: canvas, x: columnX[index] + padding, y: top + padding + baseline - cell.baseline) }
                }
            }
        }
        if from > 0, let number = columns.firstIndex(of: .number) {
            let cell = layouts(for: nil, simple: true)[number]
            cell.setText(String(section.firstNumber + row))
            canvas.setColor(0.5)
            cell.draw(on: canvas, x: columnX[number] + padding, y: y + padding)
            canvas.setColor(0)
        }
        canvas.line(x1: geometry.left, y1: y + height, x2: geometry.left + geometry.textWidth, y2: y + height,
                    width: to < total ? 0.5 : 0.25, gray: to < total ? 0.45 : 0.7, dashed: to < total)
    }
}
