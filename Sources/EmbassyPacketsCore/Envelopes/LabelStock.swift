/// A sheet of address labels: where each label lies, in points from the sheet's top left.
///
/// The figures are the manufacturer's layouts as label software carries them:
///
/// - Avery L7160 (A4, 21 labels, 3 × 7, 63.5 × 38.1 mm): LibreOffice's label database
///   (`officecfg/registry/data/org/openoffice/Office/Labels.xcu`, "Avery A4", entry "L7160
///   Address", `S;6604;3810;6350;3810;720;1515;3;7`, hundredths of a millimetre: horizontal pitch
///   66.04, vertical pitch 38.10, label 63.50 × 38.10, left margin 7.20, top margin 15.15). The
///   sheet adds up: 7.20 + 2 × 66.04 + 63.50 = 202.78, leaving 7.22 mm at the right;
///   15.15 + 7 × 38.10 = 281.85, leaving 15.15 mm at the bottom.
/// - Avery 5160 (US Letter, 30 labels, 3 × 10, 2 5/8 × 1 in.): top margin 1/2 in., side margin
///   3/16 in., horizontal pitch 2 3/4 in. (a 1/8 in. gap), vertical pitch 1 in.; so in the Avery
///   sheet table at https://gist.github.com/armadsen/5084458 ("Avery 5160 | 8.5 | 11 | 0.5 | 0.5 |
///   0.188 | 0.188 | 10 | 3 | 0.125 | 0"), and in a gLabels template that another label program's
///   source quotes (`x0="0.1875in" y0="0.5in" dx="2.75in" dy="1in"`). The sheet adds up:
///   3/16 + 2 × 2 3/4 + 2 5/8 = 8 5/16, leaving 3/16 in. at the right. (gLabels-Qt's own
///   `avery-us-templates.xml` has 5/32 in. and a 2 25/32 in. pitch instead; the two place the
///   third column 1/32 in., 0.8 mm, apart, well inside the 2 mm that text keeps from the edges.)
public struct LabelStock: Sendable, Hashable {
    /// "Avery L7160".
    public var name: String
    public var paper: Paper
    public var columns: Int
    public var rows: Int
    public var labelWidth: Double
    public var labelHeight: Double
    /// From the sheet's left edge to the first column's.
    public var left: Double
    /// From the sheet's top edge to the first row's.
    public var top: Double
    /// From one column's left edge to the next one's.
    public var pitchX: Double
    /// From one row's top edge to the next one's.
    public var pitchY: Double

    /// Labels on one sheet.
    public var perSheet: Int { columns * rows }

    /// How far text keeps from a label's edges: sheet feeding drifts by a millimetre or so, and
    /// a line printed to the die-cut edge lands on the next label or on the backing.
    public static let safetyInset = 2 * Length.mm

    /// The label at `position` (0-based, across then down) of a sheet.
    public func cell(_ position: Int) -> PageRect {
        let column = position % columns
        let row = (position / columns) % rows
        return PageRect(x: left + Double(column) * pitchX, y: top + Double(row) * pitchY, width: labelWidth, height: labelHeight)
    }

    /// Where text may go on the label at `position`: the label less the safety inset.
    public func printable(_ position: Int) -> PageRect { cell(position).inset(by: Self.safetyInset) }

    /// Avery L7160 on A4.
    public static let l7160 = LabelStock(
        name: "Avery L7160", paper: .a4, columns: 3, rows: 7, labelWidth: 63.5 * Length.mm, labelHeight: 38.1 * Length.mm,
        left: 7.2 * Length.mm, top: 15.15 * Length.mm, pitchX: 66.04 * Length.mm, pitchY: 38.1 * Length.mm)

    /// Avery 5160 on US Letter.
    public static let avery5160 = LabelStock(
        name: "Avery 5160", paper: .letter, columns: 3, rows: 10, labelWidth: 2.625 * Length.inch, labelHeight: 1 * Length.inch,
        left: 0.1875 * Length.inch, top: 0.5 * Length.inch, pitchX: 2.75 * Length.inch, pitchY: 1 * Length.inch)

    /// The label sheet for a paper.
    public static func stock(for paper: Paper) -> LabelStock { paper == .a4 ? l7160 : avery5160 }
}
