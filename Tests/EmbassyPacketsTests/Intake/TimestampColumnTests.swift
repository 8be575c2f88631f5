import EmbassyPacketsCore
import Testing

@Suite("Timestamp columns")
struct TimestampColumnTests {
    typealias I = Instants

    /// A column, what the caller knows about it, and the decision expected.
    struct Decision: Sendable, CustomTestStringConvertible {
        var values: [String]
        var hint: DateOrder?
        var forced: DateOrder?
        var order: DateOrder
        var evidence: TimestampColumn.Evidence
        var testDescription: String { "\(values) hint \(hint.map(\.rawValue) ?? "none") forced \(forced.map(\.rawValue) ?? "none")" }
    }

    static let decisions: [Decision] = [
        // Every value says its own order.
        Decision(values: ["2024-03-02T21:09:25Z", "2024/03/02 9:09:25 PM GMT-4"], hint: .dmy, order: .ymd, evidence: .unambiguous),
        Decision(values: ["02.03.2024 21:09:25", "2024-03-02"], hint: .mdy, order: .dmy, evidence: .unambiguous),
        Decision(values: [], hint: .dmy, order: .dmy, evidence: .unambiguous),
        Decision(values: ["", "n/a"], order: .mdy, evidence: .unambiguous),
        // A number over 12 first settles day first, even against the hint.
        Decision(values: ["02/03/2024 10:00", "13/03/2024 10:00", "04/03/2024"], hint: .mdy, order: .dmy, evidence: .settled(byValueAt: 1)),
        Decision(values: ["2-3-2024 10:00", "2-3-2024 10:00", "2-3-2024 10:00", "25-12-2024 10:00"], order: .dmy, evidence: .settled(byValueAt: 3)),
        // Over 12 second settles month first.
        Decision(values: ["02/03/2024 10:00", "03/13/2024 10:00"], hint: .dmy, order: .mdy, evidence: .settled(byValueAt: 1)),
        Decision(values: ["3/13/24 10:00", "2/3/24"], order: .mdy, evidence: .settled(byValueAt: 0)),
        // Both: the column mixes orders.
        Decision(values: ["02/03/2024", "13/03/2024", "03/13/2024"], order: .dmy, evidence: .conflicting(dmyAt: 1, mdyAt: 2)),
        Decision(values: ["03/13/2024", "x", "13/03/2024"], hint: .dmy, order: .mdy, evidence: .conflicting(dmyAt: 2, mdyAt: 0)),
        // Neither: the hint chooses, or month first without one.
        Decision(values: ["02/03/2024", "04/05/2024 9:00 PM"], hint: .dmy, order: .dmy, evidence: .hinted),
        Decision(values: ["02/03/2024", "04/05/2024 9:00 PM"], hint: .mdy, order: .mdy, evidence: .hinted),
        Decision(values: ["02/03/2024"], order: .mdy, evidence: .defaulted),
        Decision(values: ["02/03/2024"], hint: .ymd, order: .mdy, evidence: .defaulted),
        // What is not a valid date proves nothing, nor do values that say their own order.
        Decision(values: ["garbage", "", "31/02/2024", "13/13/2024", "13/03/2024 25:00", "02/03/2024"], hint: .dmy, order: .dmy, evidence: .hinted),
        Decision(values: ["2024-03-13", "13.03.2024", "02/03/2024"], hint: .mdy, order: .mdy, evidence: .hinted),
        // The user's choice wins without looking.
        Decision(values: ["13/03/2024"], hint: .dmy, forced: .mdy, order: .mdy, evidence: .chosen),
        Decision(values: ["2024-03-02"], forced: .dmy, order: .dmy, evidence: .chosen),
    ]

    @Test(arguments: decisions)
    func decidesForTheWholeColumn(_ decision: Decision) {
        let column = TimestampColumn.decide(decision.values, hint: decision.hint, forced: decision.forced)
        #expect(column.order == decision.order)
        #expect(column.evidence == decision.evidence)
    }

    @Test func aSettledColumnReadsItsAmbiguousValuesTheSameWay() {
        let values = ["02/03/2024 21:09:25", "13/03/2024 08:00:00"]
        let column = TimestampColumn.decide(values, hint: .mdy, forced: nil)
        #expect(column.parse(values[0]) == I.evening)
        #expect(column.parse("03/13/2024 08:00:00") == nil)
        #expect(column.parse("2024-03-02T21:09:25Z") == I.evening)

        let us = TimestampColumn.decide(["3/2/2024 21:09:25", "3/13/2024 08:00:00"], hint: .dmy, forced: nil)
        #expect(us.parse("3/2/2024 21:09:25") == I.evening)
        #expect(us.parse("13/3/2024 08:00:00") == nil)
    }

    @Test func aForcedOrderRefusesTheValuesThatContradictIt() {
        let dmy = TimestampColumn.decide(["03/13/2024 10:00", "02/03/2024 21:09:25"], hint: .mdy, forced: .dmy)
        #expect(dmy.evidence == .chosen)
        #expect(dmy.parse("03/13/2024 10:00") == nil)
        #expect(dmy.parse("02/03/2024 21:09:25") == I.evening)
        #expect(dmy.parse("2024-03-02T21:09:25Z") == I.evening)

        let mdy = TimestampColumn.decide(["13/03/2024"], hint: nil, forced: .mdy)
        #expect(mdy.parse("13/03/2024") == nil)
        #expect(mdy.parse("02/03/2024 21:09:25") == I.swapped)

        let ymd = TimestampColumn.decide([], hint: nil, forced: .ymd)
        #expect(ymd.parse("02/03/2024 21:09:25") == nil)
        #expect(ymd.parse("2024/03/02 9:09:25 PM GMT") == I.evening)
        #expect(ymd.parse("02.03.2024 21:09:25") == I.evening)
    }

    @Test func aConflictingColumnReadsNoAmbiguousValue() {
        let column = TimestampColumn.decide(["13/03/2024", "03/13/2024"], hint: .dmy, forced: nil)
        #expect(column.evidence == .conflicting(dmyAt: 0, mdyAt: 1))
        #expect(column.parse("02/03/2024 21:09:25") == nil)
        #expect(column.parse("13/03/2024") == nil)
        #expect(column.parse("2024-03-02T21:09:25Z") == I.evening)
        #expect(column.parse("02.03.2024 21:09:25") == I.evening)
    }

    /// Settling early must not hide a contradiction far down the column.
    @Test func findsAConflictAtTheEndOfALongColumn() {
        var values = Array(repeating: "02/03/2024 21:09:25", count: 100_000)
        values[10] = "13/03/2024 21:09:25"
        values[99_999] = "03/13/2024 21:09:25"
        #expect(TimestampColumn.decide(values, hint: nil, forced: nil).evidence == .conflicting(dmyAt: 10, mdyAt: 99_999))
        values[99_999] = "03/12/2024 21:09:25"
        #expect(TimestampColumn.decide(values, hint: nil, forced: nil).evidence == .settled(byValueAt: 10))
    }
}
