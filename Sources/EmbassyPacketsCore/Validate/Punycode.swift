/// Punycode (RFC 3492), the Bootstring encoding that IDNA uses to write a Unicode domain label
/// in ASCII (`bücher` ⇄ `bcher-kva`, written `xn--bcher-kva` in a domain). Foundation's IDNA is
/// not available on Linux, so this is a direct implementation of the RFC's section 6.
///
/// Both directions take time quadratic in the length of their input, which is harmless for DNS
/// labels (63 bytes at most): callers with untrusted input bound the length first.
///
/// Basic code points (ASCII) are copied as they are, so their case is kept both ways; the
/// encoder writes its digits in lowercase and the decoder reads them in either case. Mixed-case
/// annotation (the RFC's optional appendix A) is neither produced nor interpreted.
public enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80
    // RFC 3492 asks for overflow detection against the integer size in use; a 32-bit signed
    // bound keeps the arithmetic well inside Int and comfortably above any Unicode scalar.
    private static let maxInt = Int(Int32.max)

    /// The ACE prefix IDNA puts in front of an encoded label.
    public static let acePrefix = "xn--"

    /// The Punycode form of `input` (without the `xn--` prefix): its ASCII characters, a `-`
    /// if there were any, then the encoded positions of the others. Nil only on overflow, which
    /// takes inputs far longer than any domain label.
    public static func encode(_ input: String) -> String? {
        encode(scalars: Array(input.unicodeScalars.lazy.map(\.value)))
    }

    /// The RFC's encoding procedure over code point values.
    static func encode(scalars input: [UInt32]) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 8)
        for value in input where value < 0x80 { output.append(UInt8(value)) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }

        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            // The smallest code point not yet handled.
            var m = Int.max
            for value in input where Int(value) >= n && Int(value) < m { m = Int(value) }
            guard m - n <= (maxInt - delta) / (handled + 1) else { return nil }
            delta += (m - n) * (handled + 1)
            n = m
            for value in input {
                let code = Int(value)
                if code < n {
                    delta += 1
                    guard delta <= maxInt else { return nil }
                }
                if code == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The Unicode string that `input` (without the `xn--` prefix) encodes, or nil when it is not
    /// well-formed Punycode: a character outside ASCII, a byte that is no digit, a truncated
    /// number, an overflow, an encoded ASCII character, or a value that is no Unicode scalar.
    public static func decode(_ input: some StringProtocol) -> String? {
        let bytes = Array(input.utf8)
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        var output: [UInt32] = []
        var start = 0
        if let delimiter = bytes.lastIndex(of: UInt8(ascii: "-")) {
            output = bytes[..<delimiter].map { UInt32($0) }
            start = delimiter + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        var position = start
        while position < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < bytes.count, let value = digitValue(bytes[position]) else { return nil }
                position += 1
                guard value <= (maxInt - i) / w else { return nil }
                i += value * w
                let t = threshold(k, bias)
                if value < t { break }
                guard w <= maxInt / (base - t) else { return nil }
                w *= base - t
                k += base
            }
            let length = output.count + 1
            bias = adapt(i - oldI, length, first: oldI == 0)
            guard i / length <= maxInt - n else { return nil }
            n += i / length
            i %= length
            // An encoded basic code point, a surrogate or a value past U+10FFFF is malformed.
            guard n >= 0x80, n <= 0x10FFFF, !(0xD800...0xDFFF).contains(n) else { return nil }
            output.insert(UInt32(n), at: i)
            i += 1
        }
        var scalars = String.UnicodeScalarView()
        for value in output {
            guard let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// A domain with each `xn--` label (any case) decoded for people to read; labels that do
    /// not decode are left as they are. The inverse, for canonical keys, is `EmailCanonicalizer.domain(_:)`.
    public static func unicodeDomain(_ domain: String) -> String {
        guard domain.utf8.count >= 4 else { return domain }
        return domain.split(separator: ".", omittingEmptySubsequences: false).map { label -> String in
            // Domains ignore case: an upper-case ACE label means the lower-case name.
            let lower = label.lowercased()
            guard lower.utf8.count > 4, lower.utf8.count <= 63, lower.hasPrefix(acePrefix), let decoded = decode(lower.dropFirst(4)) else {
                return String(label)
            }
            return decoded
        }.joined(separator: ".")
    }

    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        if k <= bias { return tMin }
        if k >= bias + tMax { return tMax }
        return k - bias
    }

    private static func adapt(_ delta: Int, _ count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// 0-25 are a-z, 26-35 are 0-9.
    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A"))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0")) + 26
        default: return nil
        }
    }
}
