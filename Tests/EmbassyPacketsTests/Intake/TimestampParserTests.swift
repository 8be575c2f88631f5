import EmbassyPacketsCore
import Testing

/// Expected instants, computed with Python's `datetime` (not with the code under test).
enum Instants {
    /// 2024-03-02T21:09:25Z.
    static let evening: Int64 = 1_709_413_765
    /// 2024-03-02T21:09:00Z.
    static let eveningMinute: Int64 = 1_709_413_740
    /// 2024-02-03T21:09:25Z: the swapped reading of 2 March.
    static let swapped: Int64 = 1_706_994_565
    /// 2024-03-02T00:00:00Z.
    static let midnight: Int64 = 1_709_337_600
    /// 2024-03-02T00:30:00Z.
    static let halfPastMidnight: Int64 = 1_709_339_400
    /// 2024-03-02T12:00:00Z.
    static let noon: Int64 = 1_709_380_800
    /// 2024-03-02T12:30:00Z.
    static let halfPastNoon: Int64 = 1_709_382_600
    /// 2017-03-15T14:23:45Z.
    static let ides2017: Int64 = 1_489_587_825
    /// One hour, in seconds.
    static let hour: Int64 = 3600
}

@Suite("Timestamps")
struct TimestampParserTests {
    typealias I = Instants

    /// Formats that say their own order: year first, ISO, dotted. Read the same in any column.
    static let selfOrdered: [(String, Int64)] = [
        // Google Forms' own CSV download, in several account languages.
        ("2024/03/02 9:09:25 PM GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 pm GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 Pm GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 p.m. GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 P.M. GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 p. m. GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 p.\u{00A0}m. GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25\u{202F}PM GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 午後 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 午後9:09:25 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 오후 9:09:25 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 오후 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 下午9:09:25 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 下午 9:09:25 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 下午 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 AM GMT-4", I.evening - 12 * I.hour + 4 * I.hour),
        ("2024/03/02 9:09:25 a. m. GMT-4", I.evening - 12 * I.hour + 4 * I.hour),
        ("2024/03/02 9:09:25 午前 GMT-4", I.evening - 12 * I.hour + 4 * I.hour),
        ("2024/03/02 오전 9:09:25 GMT-4", I.evening - 12 * I.hour + 4 * I.hour),
        ("2024/03/02 上午9:09:25 GMT-4", I.evening - 12 * I.hour + 4 * I.hour),
        ("2024/03/02 21:09:25 GMT-4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 PM GMT-04:00", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 PM GMT\u{2212}4", I.evening + 4 * I.hour),
        ("2024/03/02 9:09:25 PM GMT+5:30", I.evening - 5 * I.hour - 1800),
        ("2024/03/02 9:09:25 PM GMT+0530", I.evening - 5 * I.hour - 1800),
        ("2024/03/02 9:09:25 PM GMT+05:30", I.evening - 5 * I.hour - 1800),
        ("2024/03/02 9:09:25 PM UTC", I.evening),
        ("2024/03/02 9:09:25 PM GMT", I.evening),
        ("2024/03/02 9:09:25 PM GMT+0", I.evening),
        ("2024/03/02 9:09 PM GMT-4", I.eveningMinute + 4 * I.hour),
        // Google Sheets, year-first and dotted locales.
        ("2024/3/2 21:09:25", I.evening),
        ("2024/3/2 下午9:09:25", I.evening),
        ("2024-03-02 21:09:25", I.evening),
        ("2024-03-02 21:09", I.eveningMinute),
        ("2024. 3. 2 오후 9:09:25", I.evening),
        ("2024. 3. 2. 오후 9:09:25", I.evening),
        ("2024. 3. 2 21:09:25", I.evening),
        ("02.03.2024 21:09:25", I.evening),
        ("2.3.2024 21:09", I.eveningMinute),
        ("2. 3. 2024 21:09:25", I.evening),
        ("2.3.2024. 21:09:25", I.evening),
        ("02.03.24 21:09", I.eveningMinute),
        // ISO 8601 and Typeform.
        ("2024-03-02T21:09:25Z", I.evening),
        ("2024-03-02t21:09:25z", I.evening),
        ("2024-03-02T21:09:25", I.evening),
        ("2024-03-02T21:09Z", I.eveningMinute),
        ("2024-03-02T21:09:25.123Z", I.evening),
        ("2024-03-02T21:09:25,123Z", I.evening),
        ("2024-03-02T21:09:25.999999+02:00", I.evening - 2 * I.hour),
        ("2024-03-02T21:09:25+0200", I.evening - 2 * I.hour),
        ("2024-03-02T21:09:25+02", I.evening - 2 * I.hour),
        ("2024-03-02 21:09:25-05:00", I.evening + 5 * I.hour),
        ("2024-03-02 21:09:25 +02:00", I.evening - 2 * I.hour),
        ("2024-03-02", I.midnight),
        ("  2024-03-02T21:09:25Z  ", I.evening),
        // The formats read before.
        ("2017/03/15 10:23:45 AM GMT-4", I.ides2017),
        ("2017/03/15 10:23:45 am GMT-04:00", I.ides2017),
        ("2017-03-15T16:23:45+02:00", I.ides2017),
    ]

    @Test(arguments: selfOrdered)
    func readsFormatsThatSayTheirOrder(text: String, expected: Int64) {
        #expect(TimestampParser.parse(text) == expected)
        for order in DateOrder.allCases {
            #expect(TimestampColumn(order: order, evidence: .chosen).parse(text) == expected, "read as \(order)")
        }
        #expect(TimestampColumn.decide([text], hint: .mdy, forced: nil).evidence == .unambiguous)
    }

    /// Year-last dates, with the order their locale writes and the instant that order gives.
    static let yearLast: [(String, DateOrder, Int64)] = [
        ("3/2/2024 21:09:25", .mdy, I.evening),
        ("3/2/2024 9:09:25 PM", .mdy, I.evening),
        ("3/2/2024, 9:09:25 PM", .mdy, I.evening),
        ("03/02/2024 21:09", .mdy, I.eveningMinute),
        ("02/03/2024 21:09:25", .dmy, I.evening),
        ("02/03/2024 21:09", .dmy, I.eveningMinute),
        ("2-3-2024 21:09:25", .dmy, I.evening),
        ("02-03-2024 21:09:25", .dmy, I.evening),
        ("3/2/24 21:09", .mdy, I.eveningMinute),
        ("2/3/24 21:09", .dmy, I.eveningMinute),
        ("3/2/24 9:09 PM", .mdy, I.eveningMinute),
        ("2/3/2024 21:09:25Z", .dmy, I.evening),
        ("2/3/2024 21:09:25 GMT-4", .dmy, I.evening + 4 * I.hour),
    ]

    @Test(arguments: yearLast)
    func readsYearLastDatesInTheColumnsOrder(text: String, order: DateOrder, expected: Int64) {
        #expect(TimestampColumn(order: order, evidence: .hinted).parse(text) == expected)
        // The other order gives 3 February: the order is what decided.
        let other: DateOrder = order == .dmy ? .mdy : .dmy
        let swapped = TimestampColumn(order: other, evidence: .hinted).parse(text)
        #expect(swapped == expected - (I.evening - I.swapped))
        #expect(TimestampColumn(order: .ymd, evidence: .chosen).parse(text) == nil)
    }

    static let twoDigitYears: [(String, DateOrder, Int64)] = [
        ("3/2/24 21:09", .mdy, I.eveningMinute),
        ("2/3/24 21:09", .dmy, I.eveningMinute),
        ("12/31/99 23:59", .mdy, 4_102_444_740),  // 2099-12-31T23:59Z
        ("31/12/99 23:59", .dmy, 4_102_444_740),
        ("1/1/00 0:00", .mdy, 946_684_800),  // 2000-01-01T00:00Z
        ("29/2/24 8:05", .dmy, 1_709_193_900),  // 2024-02-29T08:05Z
        ("29.02.24 8:05", .dmy, 1_709_193_900),
    ]

    @Test(arguments: twoDigitYears)
    func twoDigitYearsAreThisCentury(text: String, order: DateOrder, expected: Int64) {
        #expect(TimestampColumn(order: order, evidence: .hinted).parse(text) == expected)
    }

    static let twelveHour: [(String, Int64)] = [
        ("2024/03/02 12:00:00 AM GMT", I.midnight),
        ("2024/03/02 12:30:00 AM GMT", I.halfPastMidnight),
        ("2024/03/02 12:00:00 PM GMT", I.noon),
        ("2024/03/02 12:30:00 PM", I.halfPastNoon),
        ("2024/03/02 12:30 a.m.", I.halfPastMidnight),
        ("2024/03/02 午前12:30:00", I.halfPastMidnight),
        ("2024/03/02 午後12:30:00", I.halfPastNoon),
        ("2024/03/02 12:30:00 午前 GMT", I.halfPastMidnight),
        ("2024/03/02 午前0:30:00", I.halfPastMidnight),
        ("2024/03/02 午後0:30:00", I.halfPastNoon),
        ("2024/03/02 오전 12:30:00", I.halfPastMidnight),
        ("2024/03/02 오후 12:30:00", I.halfPastNoon),
        ("2024/03/02 上午12:30:00", I.halfPastMidnight),
        ("2024/03/02 下午12:30:00", I.halfPastNoon),
        ("2024. 3. 2 오전 12:30:00", I.halfPastMidnight),
        ("2024-03-02 00:30:00", I.halfPastMidnight),
    ]

    @Test(arguments: twelveHour)
    func twelveIsMidnightInTheMorningAndNoonInTheAfternoon(text: String, expected: Int64) {
        #expect(TimestampParser.parse(text) == expected)
    }

    @Test func twelveHourYearLastDates() {
        #expect(TimestampColumn(order: .mdy, evidence: .hinted).parse("3/2/2024 12:30:00 AM") == I.halfPastMidnight)
        #expect(TimestampColumn(order: .dmy, evidence: .hinted).parse("02/03/2024 12:30 PM") == I.halfPastNoon)
    }

    @Test(arguments: [
        "", " ", "yesterday", "45353.8815", "2024", "21:09:25", "2024/03-02", "2024.03/02",
        // Impossible dates, in every order.
        "31/02/2024 10:00", "13/13/2024 10:00", "2024/02/30", "2023-02-29", "29.02.2023", "2024/13/01",
        "0/1/2024", "1/0/2024", "29/2/23 8:05", "2017/13/01 10:00:00", "2017-02-30", "31/31/2017 10:00",
        // Impossible times.
        "2024/03/02 25:00:00", "2024-03-02T24:00:00Z", "2024-03-02T21:60:00Z", "2024-03-02T21:09:61Z",
        "2017-03-15T25:00:00Z", "2024/03/02 13:00:00 PM", "2024/03/02 9:9:25", "2024/03/02 9:09:5",
        // Zones that are not zones.
        "2024-03-02T21:09:25+15:00", "2024/03/02 9:09:25 PM GMT+5:3", "2024-03-02T21:09:25+530",
        "2024/03/02 9:09:25 PM GMT-4 extra", "2024/03/02 9:09:25 PMT", "2024/03/02 9:09:25 PM EST",
        // Years that are not readable.
        "2024-03-02T", "3/2/202 21:09", "3/2/4", "02024-03-02", "2024-003-02", "0000-01-01",
        // ko's short `yy. M. d.` and hr's `d. M. yy.` cannot be told apart.
        "24. 3. 2. 21:09", "24/3/2 21:09",
    ])
    func refusesWhatIsNotATimestamp(text: String) {
        #expect(TimestampParser.parse(text) == nil)
        for order in DateOrder.allCases {
            #expect(TimestampColumn(order: order, evidence: .chosen).parse(text) == nil, "read as \(order)")
        }
    }

    /// `parse` alone reads month first when a value reads both ways and day first only when it must.
    @Test func aValueAloneIsMonthFirstUnlessItCannotBe() {
        #expect(TimestampParser.parse("3/15/2017 14:23:45") == I.ides2017)
        #expect(TimestampParser.parse("15/3/2017 14:23:45") == I.ides2017)
        #expect(TimestampParser.parse("3/2/2024 21:09:25") == I.evening)
        #expect(TimestampParser.parse("2/3/2024 21:09:25") == I.swapped)
        let all = Self.selfOrdered.map(\.0) + Self.yearLast.map(\.0) + Self.twoDigitYears.map(\.0) + Self.twelveHour.map(\.0)
        for text in all {
            #expect(TimestampParser.parse(text) == TimestampColumn.decide([text], hint: .mdy, forced: nil).parse(text), "\(text)")
        }
    }

    @Test func letterDatesRoundTrip() throws {
        let date = try #require(LetterDate(iso: "2026-11-29"))
        #expect(LetterDate(secondsSince1970: date.secondsSince1970) == date)
        #expect(LetterDate(secondsSince1970: date.secondsSince1970 + 86_399) == date)
        #expect(date.description == "2026-11-29")
        #expect(LetterDate(iso: "2026-02-29") == nil)
        #expect(Formatting.date(date, language: "en") == "November 29, 2026")
    }
}
