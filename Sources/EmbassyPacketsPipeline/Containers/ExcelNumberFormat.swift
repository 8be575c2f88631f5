import EmbassyPacketsCore
import Foundation

/// How a number stored in a worksheet reads as text: a date or time when its cell's number
/// format says so (built-in ids, or a custom format code from `xl/styles.xml`), otherwise the
/// number as Excel's General format shows it.
enum ExcelNumberFormat {
    /// What a number format makes of a number.
    enum Kind: Sendable, Equatable {
        /// A plain number, shown as General.
        case number
        /// A date, with or without a time of day: `yyyy-MM-dd HH:mm:ss`.
        case date
        /// A time of day only: `HH:mm:ss` (the full timestamp when the serial has a day part).
        case time
        /// Elapsed time (`[h]:mm:ss`): hours past 24 are kept, `H:mm:ss`.
        case duration
    }

    /// The kind of a built-in number format id (ECMA-376 §18.8.30, and the East Asian ids).
    static func kind(builtin id: Int) -> Kind {
        switch id {
        case 14...17, 22, 27...31, 36, 50, 51, 54, 57, 58: return .date
        case 18...21, 32...35, 45, 47, 52, 53, 55, 56: return .time
        case 46: return .duration
        default: return .number
        }
    }

    /// The kind of a custom format code, read from its first section: date letters (`y`, `d`,
    /// `m` without hours or seconds, `mmm`, the era letters `e` and `g`) make a date, `h`, `s`
    /// and AM/PM a time, `[h]`/`[mm]`/`[ss]` elapsed time. Quoted text, escaped characters,
    /// colours, conditions, locales and exponents (`E+`) are not date letters.
    static func kind(formatCode: String) -> Kind {
        let code = Array(formatCode.utf8)
        var index = 0
        var date = false, time = false, ambiguousM = false, elapsed = false
        func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
        func hasWord(_ word: String) -> Bool {
            let letters = Array(word.utf8)
            guard index + letters.count <= code.count else { return false }
            for offset in 0..<letters.count where lower(code[index + offset]) != letters[offset] { return false }
            return true
        }
        scan: while index < code.count {
            let byte = code[index]
            switch byte {
            case UInt8(ascii: ";"):
                break scan
            case UInt8(ascii: "\""):
                index += 1
                while index < code.count && code[index] != UInt8(ascii: "\"") { index += 1 }
                index += 1
                continue
            case UInt8(ascii: "\\"), UInt8(ascii: "_"), UInt8(ascii: "*"):
                index += 2
                continue
            case UInt8(ascii: "["):
                var end = index + 1
                while end < code.count && code[end] != UInt8(ascii: "]") { end += 1 }
                let inside = code[min(index + 1, end)..<end].map(lower)
                if !inside.isEmpty && inside.allSatisfy({ $0 == UInt8(ascii: "h") || $0 == UInt8(ascii: "m") || $0 == UInt8(ascii: "s") }) {
                    elapsed = true
                }
                index = end + 1
                continue
            default:
                break
            }
            if hasWord("general") { index += 7; continue }
            if hasWord("am/pm") { time = true; index += 5; continue }
            if hasWord("a/p") { time = true; index += 3; continue }
            switch lower(byte) {
            case UInt8(ascii: "e"):
                if index + 1 < code.count && (code[index + 1] == UInt8(ascii: "+") || code[index + 1] == UInt8(ascii: "-")) {
                    index += 2
                    continue
                }
                date = true
            case UInt8(ascii: "y"), UInt8(ascii: "d"), UInt8(ascii: "g"):
                date = true
            case UInt8(ascii: "h"), UInt8(ascii: "s"):
                time = true
            case UInt8(ascii: "m"):
                var end = index
                while end < code.count && lower(code[end]) == UInt8(ascii: "m") { end += 1 }
                if end - index >= 3 { date = true } else { ambiguousM = true }
                index = end
                continue
            default:
                break
            }
            index += 1
        }
        if date || (ambiguousM && !time && !elapsed) { return .date }
        if elapsed { return .duration }
        if time { return .time }
        return .number
    }

    /// The largest serial Excel shows as a date: 9999-12-31.
    static let lastSerial = 2_958_465

    /// The ISO text of a date serial, rounded to the second, or nil when no date has that serial
    /// (negative, beyond 9999, not finite). In the 1900 system serial 60 is 1900-02-29, the day
    /// Lotus 1-2-3 invented and Excel keeps, and serial 0 reads `1900-01-00` as Excel shows it.
    static func text(serial: Double, kind: Kind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < Double(lastSerial + 1) else { return nil }
        let totalSeconds = Int64((serial * 86_400).rounded())
        var out: [UInt8] = []
        out.reserveCapacity(19)
        if kind == .duration {
            out.append(contentsOf: String(totalSeconds / 3600).utf8)
            out.append(UInt8(ascii: ":"))
            append(Int(totalSeconds / 60 % 60), digits: 2, to: &out)
            out.append(UInt8(ascii: ":"))
            append(Int(totalSeconds % 60), digits: 2, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        let day = Int(totalSeconds / 86_400)
        let second = Int(totalSeconds % 86_400)
        guard day <= lastSerial else { return nil }
        if kind == .time && day == 0 {
            appendTime(second, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        let year: Int, month: Int, dayOfMonth: Int
        if date1904 {
            (year, month, dayOfMonth) = civil(fromDays: day - 24_107)
        } else if day == 60 {
            (year, month, dayOfMonth) = (1900, 2, 29)
        } else if day == 0 {
            (year, month, dayOfMonth) = (1900, 1, 0)
        } else if day < 60 {
            (year, month, dayOfMonth) = civil(fromDays: day - 25_568)
        } else {
            (year, month, dayOfMonth) = civil(fromDays: day - 25_569)
        }
        append(year, digits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        append(dayOfMonth, digits: 2, to: &out)
        out.append(UInt8(ascii: " "))
        appendTime(second, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian).
    static func civil(fromDays days: Int) -> (Int, Int, Int) { TimestampParser.civil(fromDays: days) }

    private static func appendTime(_ second: Int, to out: inout [UInt8]) {
        append(second / 3600, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(second / 60 % 60, digits: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        append(second % 60, digits: 2, to: &out)
    }

    private static func append(_ value: Int, digits: Int, to out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(48 + rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// A stored number as Excel's General format shows it: integers without a decimal point,
    /// other values to 15 significant digits (Excel's precision, so `0.30000000000000004` reads
    /// `0.3`), very large or small ones as `1.5E+20`. Text that is not a number is kept.
    static func general(_ raw: [UInt8]) -> String {
        var start = 0, end = raw.count
        while start < end && raw[start] <= 0x20 { start += 1 }
        while end > start && raw[end - 1] <= 0x20 { end -= 1 }
        let digitsStart = start < end && raw[start] == UInt8(ascii: "-") ? start + 1 : start
        let digits = raw[digitsStart..<end]
        if !digits.isEmpty && digits.count <= 15 && (digits.count == 1 || digits.first != UInt8(ascii: "0"))
            && digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            // The common case, an integer as Excel writes it, is kept without parsing.
            let text = String(decoding: raw[start..<end], as: UTF8.self)
            return text == "-0" ? "0" : text
        }
        let text = String(decoding: raw[start..<end], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return text }
        return general(value)
    }

    /// A number as Excel's General format shows it.
    static func general(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.15G", value)
    }
}
