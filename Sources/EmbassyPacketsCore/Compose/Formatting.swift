/// Numbers and dates written the way a letter in a given language writes them.
public enum Formatting {
    /// A whole number of at least `width` digits, zeros in front: `zeroPadded(7, width: 2)` is "07".
    public static func zeroPadded(_ value: Int, width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// An instant as `YYYY-MM-DD HH:MM:SS` (UTC).
    public static func isoInstant(_ seconds: Int64) -> String {
        let day = LetterDate(secondsSince1970: seconds)
        let rest = Int(((seconds % 86_400) + 86_400) % 86_400)
        let pad = { zeroPadded($0) }
        return "\(day) \(pad(rest / 3600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))"
    }

    /// Groups thousands: 1,234,567 in English, 1234567 in Chinese.
    public static func number(_ value: Int, language: String) -> String {
        if language.hasPrefix("zh") || language.hasPrefix("ja") { return String(value) }
        let digits = Array(String(abs(value)))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A calendar date, written for the language: "November 29, 2026" or "2026年11月29日".
    public static func date(_ date: LetterDate, language: String) -> String {
        if language.hasPrefix("zh") || language.hasPrefix("ja") { return "\(date.year)年\(date.month)月\(date.day)日" }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(months[date.month - 1]) \(date.day), \(date.year)"
    }
}

/// A calendar date (the delivery date printed on the letter).
public struct LetterDate: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date; nil when it is not a real calendar day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...TimestampParser.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The UTC day of a moment given in seconds since 1970.
    public init(secondsSince1970 seconds: Int64) {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let (year, month, day) = TimestampParser.civil(fromDays: days)
        self.year = year
        self.month = month
        self.day = day
    }

    /// Seconds since 1970 at midnight UTC.
    public var secondsSince1970: Int64 { Int64(TimestampParser.daysFromCivil(year: year, month: month, day: day)) * 86_400 }

    /// `YYYY-MM-DD`.
    public var description: String {
        "\(Formatting.zeroPadded(year, width: 4))-\(Formatting.zeroPadded(month))-\(Formatting.zeroPadded(day))"
    }
}
