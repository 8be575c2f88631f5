/// Reads the timestamps signature exports carry, to find each signer's earliest submission:
/// Google Forms' `2017/03/15 10:23:45 AM GMT-4`, Google Sheets' `3/15/2017 10:23:45` and
/// ISO 8601 (`2017-03-15T10:23:45Z`, `2017-03-15 10:23:45+02:00`, `2017-03-15`).
/// A timestamp without a zone is read as UTC.
public enum TimestampParser {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when the text is not a timestamp.
    public static func parse(_ text: String) -> Int64? {
        if text.isEmpty { return nil }
        var copy = text
        return copy.withUTF8 { parse(utf8: $0) }
    }

    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var scanner = Tokens(bytes)
        guard let first = scanner.number() else { return nil }
        let year: Int, month: Int, day: Int
        if first.digits == 4 {
            // Year first: 2017/03/15 or 2017-03-15.
            guard let separator = scanner.byte(), separator == UInt8(ascii: "/") || separator == UInt8(ascii: "-"),
                let m = scanner.number(), scanner.byte() == separator, let d = scanner.number()
            else { return nil }
            (year, month, day) = (first.value, m.value, d.value)
        } else {
            // Month first: 3/15/2017 (the US order Google Sheets writes).
            guard scanner.byte() == UInt8(ascii: "/"), let d = scanner.number(), scanner.byte() == UInt8(ascii: "/"),
                let y = scanner.number(), y.digits == 4
            else { return nil }
            (year, month, day) = (y.value, first.value, d.value)
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }

        var hour = 0, minute = 0, second = 0
        var offsetSeconds = 0
        scanner.skip { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "T") }
        if let h = scanner.number() {
            guard scanner.byte() == UInt8(ascii: ":"), let m = scanner.number() else { return nil }
            hour = h.value
            minute = m.value
            if scanner.peek() == UInt8(ascii: ":") {
                _ = scanner.byte()
                guard let s = scanner.number() else { return nil }
                second = s.value
            }
            if scanner.peek() == UInt8(ascii: ".") {  // fractional seconds
                _ = scanner.byte()
                _ = scanner.number()
            }
            scanner.skip { $0 == UInt8(ascii: " ") }
            if let meridiem = scanner.word(["AM", "PM"]) {
                guard (1...12).contains(hour) else { return nil }
                if meridiem == 0 { hour = hour == 12 ? 0 : hour } else { hour = hour == 12 ? 12 : hour + 12 }
                scanner.skip { $0 == UInt8(ascii: " ") }
            }
            _ = scanner.word(["GMT", "UTC"])
            scanner.skip { $0 == UInt8(ascii: " ") }
            if scanner.atEnd || (scanner.word(["Z"]) != nil && scanner.atEnd) {
                offsetSeconds = 0
            } else if let offset = scanner.offset(), scanner.atEnd {
                offsetSeconds = offset
            } else {
                return nil
            }
        } else if !scanner.atEnd {
            return nil
        }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct Tokens {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            skip { $0 == UInt8(ascii: " ") }
            // Trailing spaces do not count.
        }

        var atEnd: Bool {
            var probe = index
            while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") { probe += 1 }
            return probe == bytes.count
        }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func byte() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func number() -> (value: Int, digits: Int)? {
            var value = 0, digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 9 {
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            return digits > 0 ? (value, digits) : nil
        }

        mutating func skip(while predicate: (UInt8) -> Bool) {
            while index < bytes.count, predicate(bytes[index]) { index += 1 }
        }

        /// Consumes one of the words (ASCII, any case); returns its position in the list.
        mutating func word(_ words: [StaticString]) -> Int? {
            for (position, word) in words.enumerated() {
                let length = word.utf8CodeUnitCount
                guard index + length <= bytes.count else { continue }
                var matches = true
                for offset in 0..<length where bytes[index + offset] & 0xDF != word.utf8Start[offset] & 0xDF {
                    matches = false
                    break
                }
                if matches {
                    index += length
                    return position
                }
            }
            return nil
        }

        /// `+2`, `-4`, `+05:30`, `+0530`, in seconds.
        mutating func offset() -> Int? {
            guard let sign = byte(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), let first = number() else { return nil }
            var hours = first.value, minutes = 0
            if peek() == UInt8(ascii: ":") {
                _ = byte()
                guard let m = number(), m.digits == 2 else { return nil }
                minutes = m.value
            } else if first.digits > 2 {
                guard first.digits == 4 else { return nil }
                (hours, minutes) = (first.value / 100, first.value % 100)
            }
            guard hours <= 14, minutes < 60 else { return nil }
            return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
    }
}
