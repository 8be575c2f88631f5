/// Reads the timestamps signature exports carry, to find each signer's earliest submission.
///
/// Dates:
/// - year first, always year-month-day: `2024/03/02` (Google Forms, ja, zh), `2024-03-02` (ISO 8601),
///   `2024. 3. 2` and `2024. 3. 2.` (ko, hu);
/// - dotted with the year last, always day first: `02.03.2024`, `2. 3. 2024`, `2.3.2024.`, `02.03.24`
///   (de, ru, pl, tr, cs, hr);
/// - slashed or dashed with the year last, day first or month first as the column decides
///   (`TimestampColumn`): `3/2/2024`, `02/03/2024`, `2-3-2024`, `3/2/24`.
///
/// A two-digit year is 2000 + the number (`24` is 2024, `99` is 2099): the exports that write them
/// (Excel's CSV from a US machine) postdate 2000. Two-digit years come only last; a dotted date
/// with a two-digit year and a trailing dot (`24. 3. 2.` in ko, `2. 3. 24.` in hr) is refused, as
/// its order cannot be told.
///
/// Times (optional; a date alone is midnight): `21:09`, `21:09:25`, `21:09:25.250` (fraction
/// ignored), after a space, a `, ` or ISO's `T`; 12-hour with the meridiem before or after, with or
/// without a space: `AM`/`PM` in any case, `a.m.`, `a. m.` (es), `午前`/`午後` (ja), `오전`/`오후`
/// (ko), `上午`/`下午` (zh). 12 AM is 00, 12 PM is 12 (so `午前12:30` is 00:30, as software writes
/// it); 0 with a meridiem (`午後0:30`, the ja `K` hour) is read too.
///
/// Zones: `Z`, `+02:00`, `+0200`, `+02`, `GMT`, `UTC`, `GMT-4`, `GMT+5:30`, `GMT+0530` (the minus
/// may be U+2212), up to 14 hours either way. A timestamp without a zone is read as UTC
/// (Typeform's `Submit Date (UTC)` writes none).
///
/// Spaces include U+00A0, U+202F and U+3000, which ICU-based exports put around meridiems.
/// Excel date serials (`45353.8815`) are not read: whether a serial counts from 1900 or from 1904
/// is in the workbook, not the number.
public enum TimestampParser {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when the text is not a timestamp.
    ///
    /// This decides the order from the value alone: month first when the value can be read either
    /// way (`3/2/2024` is 2 March), day first only when it must be (`15/03/2017`). Values of one
    /// column should be read through `TimestampColumn`, which decides for the whole column.
    public static func parse(_ text: String) -> Int64? {
        guard let fields = fields(text) else { return nil }
        return fields.instant(.mdy) ?? fields.instant(.dmy)
    }

    /// The parts of a timestamp as written, or nil when the text is not one.
    static func fields(_ text: String) -> Fields? {
        if text.isEmpty { return nil }
        if let fields = text.utf8.withContiguousStorageIfAvailable({ fields(utf8: $0) }) { return fields }
        var copy = text
        return copy.withUTF8 { fields(utf8: $0) }
    }

    /// A timestamp as written, before an order turns its date into a day.
    struct Fields {
        /// How the date is laid out, which says whether its order is known.
        enum Layout {
            /// `2024/03/02`, `2024-03-02`, `2024. 3. 2`: year, month, day.
            case yearFirst
            /// `02.03.2024`: day, month, year.
            case dottedDayFirst
            /// `3/2/2024`, `02/03/2024`, `2-3-2024`: day and month in the column's order.
            case yearLast
        }

        /// How the date is laid out.
        var layout: Layout
        /// The full year.
        var year: Int
        /// The date's other two numbers, in the order written.
        var first: Int, second: Int
        /// Seconds since the local midnight.
        var secondOfDay: Int
        /// The zone's offset east of UTC, in seconds.
        var offset: Int

        /// Month and day, read in `order` when the layout leaves it open; nil when the numbers are
        /// not a date that way (`ymd` never fits a year-last date).
        func monthDay(_ order: DateOrder) -> (month: Int, day: Int)? {
            let month: Int, day: Int
            switch layout {
            case .yearFirst: (month, day) = (first, second)
            case .dottedDayFirst: (month, day) = (second, first)
            case .yearLast:
                switch order {
                case .dmy: (month, day) = (second, first)
                case .mdy: (month, day) = (first, second)
                case .ymd: return nil
                }
            }
            guard (1...12).contains(month), (1...TimestampParser.daysIn(month: month, year: year)).contains(day) else { return nil }
            return (month, day)
        }

        /// Seconds since 1970 UTC, with the date read in `order` when the layout leaves it open.
        func instant(_ order: DateOrder) -> Int64? {
            guard let (month, day) = monthDay(order) else { return nil }
            let days = TimestampParser.daysFromCivil(year: year, month: month, day: day)
            return Int64(days) * 86_400 + Int64(secondOfDay - offset)
        }
    }

    /// The parts of a timestamp written in UTF-8, or nil when the bytes are not one.
    static func fields(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Fields? {
        var scanner = Tokens(bytes)
        scanner.skipSpaces()

        // The date.
        guard let n1 = scanner.number(), let separator = scanner.byte(),
            separator == .slash || separator == .dash || separator == .dot
        else { return nil }
        let dotted = separator == .dot
        if dotted { scanner.skipSpaces() }
        guard let n2 = scanner.number(), n2.digits <= 2, scanner.byte() == separator else { return nil }
        if dotted { scanner.skipSpaces() }
        guard let n3 = scanner.number() else { return nil }
        var trailingDot = false
        if dotted, scanner.peek() == .dot {
            scanner.advance()
            trailingDot = true
        }
        let layout: Fields.Layout, year: Int, first: Int, second: Int
        if n1.digits == 4 {
            guard n3.digits <= 2 else { return nil }
            (layout, year, first, second) = (.yearFirst, n1.value, n2.value, n3.value)
        } else if n1.digits <= 2 {
            switch n3.digits {
            case 4: year = n3.value
            case 2 where !trailingDot: year = 2000 + n3.value
            default: return nil
            }
            (layout, first, second) = (dotted ? .dottedDayFirst : .yearLast, n1.value, n2.value)
        } else {
            return nil
        }
        guard year >= 1 else { return nil }

        // The time, if any.
        var secondOfDay = 0, offset = 0
        if layout == .yearFirst, let t = scanner.peek(), t | 0x20 == UInt8(ascii: "t") {
            scanner.advance()
            guard !scanner.atEnd else { return nil }
        } else {
            if scanner.peek() == UInt8(ascii: ",") { scanner.advance() }
            guard scanner.skipSpaces() || scanner.atEnd else { return nil }
        }
        if !scanner.atEnd {
            // The meridiem comes before the time in ko and zh (`오후 9:09:25`, `下午9:09:25`).
            var meridiem = scanner.meridiem()
            if meridiem != nil { scanner.skipSpaces() }
            // Italian Sheets write the time with dots (`21.09.25`).
            guard let h = scanner.number(), h.digits <= 2, let separator = scanner.byte(), separator == .colon || separator == .dot,
                let m = scanner.number(), m.digits == 2
            else { return nil }
            var hour = h.value, seconds = 0
            if scanner.peek() == separator {
                scanner.advance()
                guard let s = scanner.number(), s.digits == 2 else { return nil }
                seconds = s.value
                if let mark = scanner.peek(), mark == .dot || mark == UInt8(ascii: ","), scanner.isDigit(at: 1) {
                    scanner.advance()
                    _ = scanner.number()  // fractional seconds, dropped
                }
            }
            scanner.skipSpaces()
            if meridiem == nil, let after = scanner.meridiem() {
                meridiem = after
                scanner.skipSpaces()
            }
            if let meridiem {
                guard hour <= 12 else { return nil }
                hour = hour % 12 + (meridiem == .pm ? 12 : 0)
            }
            // 60 is a leap second; it counts as the next minute's first.
            guard hour < 24, m.value < 60, seconds <= 60 else { return nil }
            secondOfDay = hour * 3600 + m.value * 60 + seconds

            if scanner.word("GMT") || scanner.word("UTC") {
                scanner.skipSpaces()
                if !scanner.atEnd {
                    guard let o = scanner.offset() else { return nil }
                    offset = o
                }
            } else if let z = scanner.peek(), z | 0x20 == UInt8(ascii: "z") {
                scanner.advance()
            } else if !scanner.atEnd {
                guard let o = scanner.offset() else { return nil }
                offset = o
            }
            guard scanner.atEnd else { return nil }
        }
        return Fields(layout: layout, year: year, first: first, second: second, secondOfDay: secondOfDay, offset: offset)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian): the
    /// inverse of `daysFromCivil` (Howard Hinnant's civil_from_days).
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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

    private enum Meridiem { case am, pm }

    /// The meridiems of ja, ko and zh, in UTF-8.
    private static let cjkMeridiems: [([UInt8], Meridiem)] = [
        (Array("午前".utf8), .am), (Array("午後".utf8), .pm),
        (Array("오전".utf8), .am), (Array("오후".utf8), .pm),
        (Array("上午".utf8), .am), (Array("下午".utf8), .pm),
    ]

    private struct Tokens {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Whether only spaces are left.
        var atEnd: Bool {
            var probe = index
            while let width = spaceWidth(at: probe) { probe += width }
            return probe == bytes.count
        }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        func isDigit(at distance: Int) -> Bool {
            index + distance < bytes.count && (0x30...0x39).contains(bytes[index + distance])
        }

        mutating func advance() { index += 1 }

        mutating func byte() -> UInt8? {
            guard index < bytes.count else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        /// Up to 9 digits; more than 9 is not a number of a timestamp.
        mutating func number() -> (value: Int, digits: Int)? {
            var value = 0, digits = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                guard digits < 9 else { return nil }
                value = value * 10 + Int(bytes[index] - 0x30)
                digits += 1
                index += 1
            }
            return digits > 0 ? (value, digits) : nil
        }

        /// The length of the space at `position` (ASCII space or tab, U+00A0, U+202F, U+3000).
        func spaceWidth(at position: Int) -> Int? {
            guard position < bytes.count else { return nil }
            func byte(_ distance: Int) -> UInt8 { position + distance < bytes.count ? bytes[position + distance] : 0 }
            switch bytes[position] {
            case 0x20, 0x09: return 1
            case 0xC2: return byte(1) == 0xA0 ? 2 : nil
            case 0xE2: return byte(1) == 0x80 && byte(2) == 0xAF ? 3 : nil
            case 0xE3: return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : nil
            default: return nil
            }
        }

        /// Skips spaces; returns whether there were any.
        @discardableResult
        mutating func skipSpaces() -> Bool {
            let start = index
            while let width = spaceWidth(at: index) { index += width }
            return index > start
        }

        func matches(_ sequence: [UInt8], at position: Int) -> Bool {
            guard position + sequence.count <= bytes.count else { return false }
            for offset in 0..<sequence.count where bytes[position + offset] != sequence[offset] { return false }
            return true
        }

        /// Consumes the ASCII word, any case.
        mutating func word(_ word: StaticString) -> Bool {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count else { return false }
            for offset in 0..<length where bytes[index + offset] | 0x20 != word.utf8Start[offset] | 0x20 { return false }
            index += length
            return true
        }

        /// `AM`, `pm`, `a.m.`, `p. m.`, `午前`, `午後`, `오전`, `오후`, `上午`, `下午`.
        mutating func meridiem() -> Meridiem? {
            guard let lead = peek() else { return nil }
            switch lead | 0x20 {
            case UInt8(ascii: "a"), UInt8(ascii: "p"):
                let start = index
                advance()
                if peek() == .dot { advance() }
                skipSpaces()
                guard let m = peek(), m | 0x20 == UInt8(ascii: "m") else {
                    index = start
                    return nil
                }
                advance()
                if peek() == .dot { advance() }
                // `AMT` or `PMS` are not meridiems.
                if let next = peek(), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20) {
                    index = start
                    return nil
                }
                return lead | 0x20 == UInt8(ascii: "a") ? .am : .pm
            default:
                guard lead >= 0xE0 else { return nil }
                for (word, meridiem) in TimestampParser.cjkMeridiems where matches(word, at: index) {
                    index += word.count
                    return meridiem
                }
                return nil
            }
        }

        /// `+2`, `-4`, `+05:30`, `+5:30`, `+0530`, in seconds east of UTC; the minus may be U+2212,
        /// as ICU writes it in some locales.
        mutating func offset() -> Int? {
            var sign = byte()
            if sign == 0xE2, matches([0x88, 0x92], at: index) {
                index += 2
                sign = .dash
            }
            guard let sign, sign == UInt8(ascii: "+") || sign == .dash, let first = number() else { return nil }
            var hours = first.value, minutes = 0
            if peek() == .colon {
                advance()
                guard first.digits <= 2, let m = number(), m.digits == 2 else { return nil }
                minutes = m.value
            } else if first.digits > 2 {
                guard first.digits == 4 else { return nil }
                (hours, minutes) = (first.value / 100, first.value % 100)
            }
            guard hours <= 14, minutes < 60 else { return nil }
            return (sign == .dash ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
    }
}

extension UInt8 {
    fileprivate static let slash = UInt8(ascii: "/")
    fileprivate static let dash = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let colon = UInt8(ascii: ":")
}
