/// A column of timestamps, with its date order decided once for all its values: a value that
/// reads either way (`02/03/2024`) is read like the values that read only one way (`15/03/2024`),
/// never on its own.
///
/// Year-first dates (`2024/03/02`, ISO 8601, `2024. 3. 2`) and dotted dates (`02.03.2024`, always
/// day first) say their own order; the column's order applies to slashed and dashed dates with the
/// year last (`3/2/2024`, `02/03/2024`, `2-3-2024`, `3/2/24`). See `TimestampParser` for the formats.
public struct TimestampColumn: Sendable, Equatable {
    /// How the column's order was decided.
    public enum Evidence: Sendable, Equatable {
        /// No value leaves the order open: each is year-first or dotted (or the column has no
        /// timestamp at all). `order` is the order of the first value.
        case unambiguous
        /// The value at this index reads only one way (a day over 12); no value reads only the
        /// other way.
        case settled(byValueAt: Int)
        /// Every open value reads both ways; the locale hint chose.
        case hinted
        /// Every open value reads both ways and there was no day-or-month hint: month first, as
        /// Google Sheets' default en-US download writes.
        case defaulted
        /// The user chose the order (`--date-order`); values that cannot be read that way parse to nil.
        case chosen
        /// One value reads only day first, another only month first: the column mixes orders and
        /// no open value can be trusted, so they all parse to nil. An error to report.
        case conflicting(dmyAt: Int, mdyAt: Int)
    }

    /// The order the column's year-last dates are read in.
    public var order: DateOrder
    /// How `order` was decided.
    public var evidence: Evidence

    /// A column read in `order`, for the reason `evidence` gives.
    public init(order: DateOrder, evidence: Evidence) {
        self.order = order
        self.evidence = evidence
    }

    /// Decides from all the column's values; values that are not timestamps are passed over.
    ///
    /// `hint` is the order the export's locale implies (from its header language); `.ymd` hints
    /// nothing, as no year-last date is year first. `forced` is the user's `--date-order` and wins
    /// without looking at the values. Every value is scanned (conflicts are found wherever they are)
    /// until both orders are proved.
    public static func decide<Values: Sequence<String>>(_ values: Values, hint: DateOrder?, forced: DateOrder?) -> TimestampColumn {
        if let forced { return TimestampColumn(order: forced, evidence: .chosen) }
        var firstLayout: TimestampParser.Fields.Layout?
        var open = false
        var dmyAt: Int?, mdyAt: Int?
        for (index, value) in values.enumerated() {
            guard let fields = TimestampParser.fields(value) else { continue }
            if firstLayout == nil { firstLayout = fields.layout }
            guard fields.layout == .yearLast else { continue }
            open = true
            let dmy = fields.monthDay(.dmy) != nil, mdy = fields.monthDay(.mdy) != nil
            if dmy != mdy {
                if dmy, dmyAt == nil { dmyAt = index }
                if mdy, mdyAt == nil { mdyAt = index }
                if let dmyAt, let mdyAt {
                    return TimestampColumn(order: dmyAt < mdyAt ? .dmy : .mdy, evidence: .conflicting(dmyAt: dmyAt, mdyAt: mdyAt))
                }
            }
        }
        if let dmyAt { return TimestampColumn(order: .dmy, evidence: .settled(byValueAt: dmyAt)) }
        if let mdyAt { return TimestampColumn(order: .mdy, evidence: .settled(byValueAt: mdyAt)) }
        if open {
            if let hint, hint != .ymd { return TimestampColumn(order: hint, evidence: .hinted) }
            return TimestampColumn(order: .mdy, evidence: .defaulted)
        }
        switch firstLayout {
        case .yearFirst: return TimestampColumn(order: .ymd, evidence: .unambiguous)
        case .dottedDayFirst: return TimestampColumn(order: .dmy, evidence: .unambiguous)
        case .yearLast, nil: return TimestampColumn(order: hint ?? .mdy, evidence: .unambiguous)
        }
    }

    /// Seconds since 1970 UTC, or nil when the value is not a timestamp in this column's order
    /// (a year-last date that cannot be read in `order`, or any year-last date when the column
    /// is conflicting).
    public func parse(_ text: String) -> Int64? {
        guard let fields = TimestampParser.fields(text) else { return nil }
        if fields.layout == .yearLast, case .conflicting = evidence { return nil }
        return fields.instant(order)
    }
}
