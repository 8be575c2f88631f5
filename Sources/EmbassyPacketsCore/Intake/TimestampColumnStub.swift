// TEMPORARY: replaced by the timestamps branch.
public enum DateOrder: String, Sendable, CaseIterable { case dmy, mdy, ymd }
public struct TimestampColumn: Sendable {
    public enum Evidence: Sendable, Equatable { case unambiguous, settled(byValueAt: Int), hinted, chosen, conflicting(dmyAt: Int, mdyAt: Int) }
    public var order: DateOrder
    public var evidence: Evidence
    public static func decide(_ values: [String], hint: DateOrder?, forced: DateOrder?) -> TimestampColumn {
        TimestampColumn(order: forced ?? hint ?? .mdy, evidence: .unambiguous)
    }
    public func parse(_ text: String) -> Int64? { TimestampParser.parse(text) }
}
