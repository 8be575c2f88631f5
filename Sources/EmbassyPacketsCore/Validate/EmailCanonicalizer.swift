import Foundation

/// Turns what people paste into an email field into the one address it names, so that
/// `Jane Doe <jane@example.org>`, `mailto:jane@example.org`, `"jane@example.org";`,
/// `ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ` and `jane@EXAMPLE.org` with a zero-width space inside are one
/// signer.
///
/// What it does, in order:
/// 1. Removes invisible characters anywhere (every Unicode default-ignorable code point: zero-width
///    spaces and joiners, word joiner, BOM, soft hyphen, bidi marks, variation selectors) and
///    control characters; folds fullwidth ASCII (U+FF01–U+FF5E, so `＠` too) and the small
///    commercial at `﹫` to ASCII; turns every kind of white space into a plain space.
/// 2. Peels what surrounds the address, layer by layer until nothing changes (at most
///    `maximumPeels` layers): white space (NBSP included); a display name with the address in `<…>`; a trailing `(comment)`; `mailto:` in
///    any case, with or without `//`, and its `?query`; surrounding quotes (`"…"`, `'…'`, `“…”`,
///    `‘…’`, `«…»`, `„…“` and others; a lone leading `'` is kept, as it is a legal local-part
///    character); leading `. , ; : ( < [` and trailing `. , ; : ) > ] } ! ?` and ideographic
///    full stops and commas.
/// 3. Splits at the last `@`. The local part is put in NFC and otherwise kept as written (case
///    folding is the key's business: `EmailAddress.key`). The domain goes through `domain(_:)`.
///
/// It does not pick an address out of free text (`Jane Doe jane@example.org` stays as it is, and
/// invalid): only `<…>` marks which part of a value is the address.
///
/// Addresses that already look canonical (printable ASCII, one `@`, nothing to peel, no
/// `xn--` label) take a fast path that only lowercases the domain.
public enum EmailCanonicalizer {
    /// The cleaned address, still in the signer's case but with its domain in lowercase ASCII
    /// (Punycode per label); nil when no `@` with something on both sides remains. The result is
    /// not checked: call `EmailAddress.isValidCanonical(_:)` on it. Canonicalising a canonical
    /// address returns it unchanged. A value longer than `maximumInputBytes` is nil: no address
    /// is, even wrapped in a display name, and hostile cells should not cost more than real ones.
    public static func canonical(_ raw: String) -> String? {
        if let fast = asciiFastPath(raw) { return fast }
        guard raw.utf8.count <= maximumInputBytes else { return nil }
        var text = cleanedScalars(raw)[...]
        peel(&text)
        guard let at = text.lastIndex(of: "@") else { return nil }
        let localScalars = text[..<at]
        let domainScalars = text[(at + 1)...]
        guard !localScalars.isEmpty, !domainScalars.isEmpty else { return nil }
        var local = string(localScalars)
        if localScalars.contains(where: { NFCQuickCheck.mayChange($0.value) }) {
            local = local.precomposedStringWithCanonicalMapping
        }
        var asciiDomain = domain(string(domainScalars))
        // NFKC can end a domain with a dot (`⒈` is `1.`); peeling would take it off next time.
        while asciiDomain.hasSuffix(".") { asciiDomain.removeLast() }
        guard !asciiDomain.isEmpty else { return nil }
        return local + "@" + asciiDomain
    }

    /// A domain in its canonical form: a simplified UTS #46 mapping (NFKC, then lowercase, then
    /// NFC), the ideographic and fullwidth full stops (U+3002, U+FF0E, U+FF61) read as dots, and
    /// every label that is not ASCII written as `xn--` Punycode. An `xn--` label is decoded, mapped
    /// the same way and encoded again, so `xn--BCHER-KVA` and `bücher` give one form; one that
    /// does not decode is only lowercased (and fails `EmailAddress.isValidCanonical`). Empty labels
    /// stay, so that an invalid domain stays invalid.
    public static func domain(_ raw: String) -> String {
        var mapped = raw
        if raw.utf8.contains(where: { $0 >= 0x80 }) { mapped = unicodeMapped(raw) }
        let labels = mapped.unicodeScalars.split(omittingEmptySubsequences: false, whereSeparator: isDot)
        return labels.map { label -> String in
            let text = String(String.UnicodeScalarView(label))
            // Punycode costs time quadratic in a label's length; a label of more than 63
            // scalars cannot fit DNS in any form, so it is left as it is (and fails the check).
            guard label.count <= maximumLabelLength else { return text.lowercased() }
            if text.utf8.contains(where: { $0 >= 0x80 }) {
                return Punycode.encode(text).map { Punycode.acePrefix + $0 } ?? text
            }
            let lower = text.lowercased()
            guard lower.hasPrefix(Punycode.acePrefix), let decoded = Punycode.decode(lower.dropFirst(4)) else { return lower }
            let remapped = unicodeMapped(decoded)
            guard remapped.utf8.contains(where: { $0 >= 0x80 }), !remapped.unicodeScalars.contains(where: isDot),
                let encoded = Punycode.encode(remapped)
            else { return lower }
            return Punycode.acePrefix + encoded
        }.joined(separator: ".")
    }

    /// The longest value canonicalised, in UTF-8 bytes: an address is at most 320, which leaves
    /// room for a long display name and wrapping.
    public static let maximumInputBytes = 1024

    /// The longest DNS label: 63 bytes, so never more than 63 scalars.
    static let maximumLabelLength = 63

    // MARK: - Steps

    /// NFKC, lowercase, NFC, with invisible characters dropped: the label mapping, simplified.
    private static func unicodeMapped(_ text: String) -> String {
        var result = text.precomposedStringWithCompatibilityMapping.lowercased()
        if result.unicodeScalars.contains(where: { NFCQuickCheck.mayChange($0.value) }) {
            result = result.precomposedStringWithCanonicalMapping
        }
        if result.unicodeScalars.contains(where: isInvisible) {
            result = String(String.UnicodeScalarView(result.unicodeScalars.filter { !isInvisible($0) }))
        }
        return result
    }

    private static func isDot(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E, 0x3002, 0xFF0E, 0xFF61: return true
        default: return false
        }
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isDefaultIgnorableCodePoint
    }

    /// Step 1: invisible and control characters gone, fullwidth ASCII folded, white space plain.
    private static func cleanedScalars(_ raw: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            let value = scalar.value
            if TextNormalizer.isSpace(scalar) {
                result.append(" ")
            } else if value < 0x20 || (0x7F...0x9F).contains(value) || (value >= 0x80 && isInvisible(scalar)) {
                continue
            } else if (0xFF01...0xFF5E).contains(value) {
                result.append(Unicode.Scalar(value - 0xFEE0)!)
            } else if value == 0xFE6B {
                result.append("@")
            } else {
                result.append(scalar)
            }
        }
        return result
    }

    private static let openingQuotes: Set<Unicode.Scalar> = ["\"", "'", "\u{201C}", "\u{201E}", "\u{2018}", "\u{201A}", "\u{AB}", "\u{BB}", "\u{2039}", "\u{203A}", "\u{300C}", "\u{300E}", "`"]
    private static let closingQuotes: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{201C}", "\u{2019}", "\u{2018}", "\u{BB}", "\u{AB}", "\u{203A}", "\u{2039}", "\u{300D}", "\u{300F}", "`"]
    private static let leadingPunctuation: Set<Unicode.Scalar> = [".", ",", ";", ":", "(", "<", "[", "\u{3001}", "\u{3002}", "\u{FF61}", "\u{FF64}"]
    private static let trailingPunctuation: Set<Unicode.Scalar> = [".", ",", ";", ":", ")", ">", "]", "}", "!", "?", "\u{3001}", "\u{3002}", "\u{FF61}", "\u{FF64}"]

    /// Real pastes need a handful of peels; a hostile cell of nested brackets gets no more than
    /// this many, so each value costs linear time.
    static let maximumPeels = 32

    /// Step 2: strips what surrounds the address until nothing more comes off. Works on a slice,
    /// so taking a character off either end costs nothing.
    private static func peel(_ text: inout ArraySlice<Unicode.Scalar>) {
        for _ in 0..<maximumPeels {
            let count = text.count
            trimSpaces(&text)
            guard !text.isEmpty else { return }

            // A display name: `Jane Doe <jane@example.org>`; the first innermost <…> holding
            // an @ wins.
            if let inner = bracketedAddress(text) {
                text = inner
                continue
            }
            // A trailing comment: `jane@example.org (Jane Doe)`.
            if text.last == ")", let open = text.lastIndex(of: "("), open > text.startIndex, text[open - 1] == " ",
                text[..<open].contains("@")
            {
                text = text[..<(open - 1)]
                continue
            }
            if stripMailto(&text) { continue }
            // Quotes: a pair, or a lone closing one (no domain ends in a quote), or a lone
            // opening one other than `'` when no other quote is left to pair with.
            if let first = text.first, let last = text.last {
                if text.count >= 2, openingQuotes.contains(first), closingQuotes.contains(last) {
                    text = text.dropFirst().dropLast()
                } else if closingQuotes.contains(last) {
                    text = text.dropLast()
                } else if first != "'", openingQuotes.contains(first),
                    !text.dropFirst().contains(where: { openingQuotes.contains($0) || closingQuotes.contains($0) })
                {
                    text = text.dropFirst()
                }
            }
            while let first = text.first, leadingPunctuation.contains(first) { text = text.dropFirst() }
            while let last = text.last, trailingPunctuation.contains(last) { text = text.dropLast() }
            if text.count == count { return }
        }
    }

    /// The inside of the first innermost `<…>` that holds an `@`.
    private static func bracketedAddress(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar>? {
        var open: Int?
        var hasAt = false
        for index in text.indices {
            switch text[index] {
            case "<":
                open = index
                hasAt = false
            case "@":
                hasAt = true
            case ">":
                if let start = open, hasAt { return text[(start + 1)..<index] }
                open = nil
            default:
                break
            }
        }
        return nil
    }

    private static func trimSpaces(_ text: inout ArraySlice<Unicode.Scalar>) {
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
    }

    /// `mailto:`, `MailTo://` and the like; the URL's `?query` and percent-escapes too.
    private static func stripMailto(_ text: inout ArraySlice<Unicode.Scalar>) -> Bool {
        let prefix: [Unicode.Scalar] = ["m", "a", "i", "l", "t", "o", ":"]
        // ASCII case folding: `| 0x20` lowers letters and leaves `:` as it is.
        guard text.count > prefix.count, zip(text, prefix).allSatisfy({ $0.value | 0x20 == $1.value }) else { return false }
        text = text.dropFirst(prefix.count)
        while text.first == "/" { text = text.dropFirst() }
        if let at = text.lastIndex(of: "@"), let query = text[at...].firstIndex(of: "?") {
            text = text[..<query]
        }
        if text.contains("%"), let decoded = string(text).removingPercentEncoding {
            text = cleanedScalars(decoded)[...]
        }
        return true
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    // MARK: - Fast path

    /// The canonical form of an address that needs no peeling, or nil to take the full route:
    /// printable ASCII, dot-atom characters before exactly one `@` and host-name characters after
    /// it, no leading quote or dot, no trailing dot, and no `xn--` label (which may need
    /// re-encoding).
    static func asciiFastPath(_ raw: String) -> String? {
        var copy = raw
        return copy.withUTF8 { bytes -> String? in
            guard bytes.count >= 3, bytes.count <= 320 else { return nil }
            var at = -1
            var upperInDomain = false
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x80, atom[Int(byte)] else { return nil }
                if byte == UInt8(ascii: "@") {
                    guard at < 0 else { return nil }
                    at = index
                } else if at >= 0 {
                    guard host[Int(byte)] else { return nil }
                    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { upperInDomain = true }
                    if byte == UInt8(ascii: "-"), index >= at + 4, bytes[index - 1] == UInt8(ascii: "-"),
                        bytes[index - 2] | 0x20 == UInt8(ascii: "n"), bytes[index - 3] | 0x20 == UInt8(ascii: "x")
                    { return nil }
                }
            }
            guard at > 0, at < bytes.count - 1 else { return nil }
            let first = bytes[0]
            let last = bytes[bytes.count - 1]
            guard first != UInt8(ascii: "'"), first != UInt8(ascii: "`"), first != UInt8(ascii: "."), last != UInt8(ascii: ".") else {
                return nil
            }
            guard upperInDomain else { return raw }
            var result = Array(bytes)
            for index in (at + 1)..<result.count where result[index] >= UInt8(ascii: "A") && result[index] <= UInt8(ascii: "Z") {
                result[index] |= 0x20
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// Letters, digits, `-`, `_` and `.`: the bytes the fast path lets through after the `@`.
    static let host: [Bool] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// RFC 5322 atext, the dot and the at sign: the bytes the fast path lets through.
    private static let atom: [Bool] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~.@".utf8.contains(UInt8(byte))
        }
    }
}
