import EmbassyPacketsCore
import Testing

@Suite("Timestamps")
struct TimestampParserTests {
    // 2017-03-15T14:23:45Z
    static let instant: Int64 = 1_489_587_825

    @Test(arguments: [
        "2017/03/15 10:23:45 AM GMT-4",
        "2017/03/15 10:23:45 am GMT-04:00",
        "3/15/2017 14:23:45",
        "2017-03-15T14:23:45Z",
        "2017-03-15T16:23:45+02:00",
        "2017-03-15 14:23:45",
        "2017-03-15T14:23:45.250Z",
    ])
    func readsTheFormatsExportsUse(text: String) {
        #expect(TimestampParser.parse(text) == Self.instant)
    }

    @Test func twelveOClockIsNoonAndMidnight() {
        #expect(TimestampParser.parse("2017/03/15 12:00:00 PM GMT+0") == TimestampParser.parse("2017-03-15T12:00:00Z"))
        #expect(TimestampParser.parse("2017/03/15 12:00:00 AM GMT+0") == TimestampParser.parse("2017-03-15T00:00:00Z"))
    }

    @Test(arguments: ["", "yesterday", "2017/13/01 10:00:00", "2017-02-30", "31/31/2017 10:00", "2017-03-15T25:00:00Z"])
    func refusesWhatIsNotATimestamp(text: String) {
        #expect(TimestampParser.parse(text) == nil)
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
