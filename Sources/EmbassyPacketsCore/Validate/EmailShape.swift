/// Finds text shaped like an email address anywhere (signers type addresses into name, city,
/// region and country fields) and masks it wherever raw values are echoed.
///
/// An address shape is a *local run*, an *at*, then a *domain*:
/// - the local run is the characters right before the at, back to white space, a control
///   character, another at or a delimiter (`< > ( ) [ ] { } , ; : " / \ |`, curly and angle
///   quotes, ideographic punctuation); an apostrophe belongs to it (`o'brien@…`), but leading
///   apostrophes, backquotes, dots and invisible characters are trimmed off. It must not be empty,
///   so a Twitter-like `@handle` or `Ana @ home` is no address;
/// - the at is `@`, fullwidth `＠` or small `﹫` with nothing between it and its neighbours, or
///   the obfuscations `(at)`, `[at]`, `{at}` (any case, plain spaces allowed inside the brackets
///   and any white space around them).
///   A bare word ` at ` is not taken: it is far too common in real text (`Café at Rue.Royale`);
/// - the domain is at least two labels of letters, digits, marks, `-`, `_` or invisible
///   characters, joined by `.`, `．`, `。` or `｡` (or `(dot)`, `[dot]`, `{dot}`); its last label
///   (the top-level domain) holds a letter and does not start with a digit, so `foo@bar`,
///   `foo@bar.`, `2@3.50` and `Meet@5.30pm` are no addresses. A trailing dot is left out of it.
///   IP-literal domains (`jane@[192.0.2.1]`) are not recognised.
///
/// A local run of one character followed only by asterisks (`j***`, the form
/// `EmailMask.mask` and `scrub(_:)` write) is already masked: it is not reported, so
/// `contains(scrub(text))` is false and `scrub` is idempotent.
///
/// Both functions first look at the bytes for an at sign or a bracket-at, and return at once
/// when there is none: the common case, run on every field of every row.
public enum EmailShape {
    /// True when `text` holds something shaped like an email address (see the type's comment).
    public static func contains(_ text: String) -> Bool {
        guard mayContain(text) else { return false }
        var found = false
        scan(Array(text.unicodeScalars)) { _ in
            found = true
            return false
        }
        return found
    }

    /// `text` with every email-shaped run replaced by its mask, in the style of
    /// `EmailMask.mask`: the first character of the local part, `***`, `@`, then the domain as
    /// written (`Write to jane (at) example.org.` becomes `Write to j***@example.org.`). The rest of
    /// the text is left exactly as it was.
    public static func scrub(_ text: String) -> String {
        guard mayContain(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var copied = 0
        scan(scalars) { match in
            output.append(contentsOf: scalars[copied..<match.local.lowerBound])
            let local = String(String.UnicodeScalarView(scalars[match.local]))
            output.append(contentsOf: String(local.first!).unicodeScalars)
            output.append(contentsOf: "***@".unicodeScalars)
            output.append(contentsOf: scalars[match.domain])
            copied = match.domain.upperBound
            return true
        }
        guard copied > 0 else { return text }
        output.append(contentsOf: scalars[copied...])
        return String(output)
    }

    // MARK: - Byte-level check

    /// False when the text holds no `@`, `＠`, `﹫` or bracket-at: then it cannot hold an address.
    @inline(__always)
    static func mayContain(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable({ hasCandidate($0) }) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer { hasCandidate($0) }
    }

    private static func hasCandidate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if candidateLead[Int(byte)] {
                switch byte {
                case 0x40:
                    return true
                case 0xEF:
                    // ＠ is EF BC A0, ﹫ is EF B9 AB.
                    if index + 2 < count,
                        (bytes[index + 1] == 0xBC && bytes[index + 2] == 0xA0) || (bytes[index + 1] == 0xB9 && bytes[index + 2] == 0xAB)
                    { return true }
                default:
                    if bracketWord(bytes, at: index, first: UInt8(ascii: "a"), second: UInt8(ascii: "t")) { return true }
                }
            }
            index += 1
        }
        return false
    }

    /// Bytes that may start an at: `@`, the lead byte of `＠` and `﹫`, and `(`, `[`, `{`.
    private static let candidateLead: [Bool] = (0..<256).map { [0x40, 0xEF, 0x28, 0x5B, 0x7B].contains($0) }

    /// `(at)`, `[ AT ]` and the like, at `index`, over bytes.
    private static func bracketWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, first: UInt8, second: UInt8) -> Bool {
        let close: UInt8 = bytes[index] == UInt8(ascii: "(") ? UInt8(ascii: ")") : bytes[index] + 2  // [ ] and { } are two apart
        var position = index + 1
        while position < bytes.count, bytes[position] == 0x20 { position += 1 }
        guard position + 1 < bytes.count, bytes[position] | 0x20 == first, bytes[position + 1] | 0x20 == second else { return false }
        position += 2
        while position < bytes.count, bytes[position] == 0x20 { position += 1 }
        return position < bytes.count && bytes[position] == close
    }

    // MARK: - Scanner

    /// One address shape: where its local run and its domain lie, in scalars.
    struct Match {
        var local: Range<Int>
        var domain: Range<Int>
    }

    /// Calls `found` for each address shape, left to right, without overlaps, until it returns
    /// false. Masked shapes are passed over but not reported.
    static func scan(_ text: [Unicode.Scalar], _ found: (Match) -> Bool) {
        var index = 0
        var floor = 0  // where the previous shape ended: no local run reaches back past it
        while index < text.count {
            guard let anchor = at(text, index) else {
                index += 1
                continue
            }
            if let local = localRun(text, before: anchor.range.lowerBound, floor: floor, spaced: anchor.spaced),
                let domain = domain(text, from: anchor.range.upperBound, spaced: anchor.spaced)
            {
                if !isMasked(text[local]) && !found(Match(local: local, domain: domain)) { return }
                floor = domain.upperBound
                index = domain.upperBound
                continue
            }
            index = anchor.range.upperBound
        }
    }

    /// An at starting at `index`, and whether spaces may stand around it.
    private static func at(_ text: [Unicode.Scalar], _ index: Int) -> (range: Range<Int>, spaced: Bool)? {
        switch text[index].value {
        case 0x40, 0xFF20, 0xFE6B:
            return (index..<(index + 1), false)
        case 0x28, 0x5B, 0x7B:
            return bracketWord(text, at: index, "at").map { (index..<$0, true) }
        default:
            return nil
        }
    }

    /// The end of `(at)`, `[ DOT ]` and the like (`word` in any case inside brackets, with
    /// plain spaces allowed inside, as the byte-level check allows) starting at `index`.
    private static func bracketWord(_ text: [Unicode.Scalar], at index: Int, _ word: String) -> Int? {
        let close: Unicode.Scalar
        switch text[index] {
        case "(": close = ")"
        case "[": close = "]"
        case "{": close = "}"
        default: return nil
        }
        var position = index + 1
        while position < text.count, text[position] == " " { position += 1 }
        for letter in word.unicodeScalars {
            guard position < text.count, text[position] == letter || text[position].value == letter.value - 0x20 else { return nil }
            position += 1
        }
        while position < text.count, text[position] == " " { position += 1 }
        guard position < text.count, text[position] == close else { return nil }
        return position + 1
    }

    private static func skipSpaces(_ text: [Unicode.Scalar], from index: Int) -> Int {
        var position = index
        while position < text.count, TextNormalizer.isSpace(text[position]) { position += 1 }
        return position
    }

    private static func localRun(_ text: [Unicode.Scalar], before anchor: Int, floor: Int, spaced: Bool) -> Range<Int>? {
        var end = anchor
        if spaced {
            while end > floor, TextNormalizer.isSpace(text[end - 1]) { end -= 1 }
        }
        var start = end
        while start > floor, isLocal(text[start - 1]) { start -= 1 }
        while start < end, isTrimmedLead(text[start]) { start += 1 }
        return start < end ? start..<end : nil
    }

    private static func domain(_ text: [Unicode.Scalar], from anchorEnd: Int, spaced: Bool) -> Range<Int>? {
        let start = spaced ? skipSpaces(text, from: anchorEnd) : anchorEnd
        var position = start
        var end = start
        var labels = 0
        var lastLabelIsTLDLike = false
        while true {
            let labelStart = position
            var hasLetter = false
            var firstVisible: Unicode.Scalar?
            while position < text.count, isLabel(text[position]) {
                let scalar = text[position]
                if isLetter(scalar) { hasLetter = true }
                if firstVisible == nil, !scalar.properties.isDefaultIgnorableCodePoint { firstVisible = scalar }
                position += 1
            }
            guard position > labelStart, let leading = firstVisible else { break }
            labels += 1
            end = position
            lastLabelIsTLDLike = hasLetter && leading.properties.generalCategory != .decimalNumber
            guard let next = separator(text, position) else { break }
            position = next
        }
        return labels >= 2 && lastLabelIsTLDLike ? start..<end : nil
    }

    /// The end of a dot between labels at `index`: `.`, `．`, `。`, `｡`, or `(dot)`-like words
    /// with any spaces around them.
    private static func separator(_ text: [Unicode.Scalar], _ index: Int) -> Int? {
        guard index < text.count else { return nil }
        switch text[index].value {
        case 0x2E, 0xFF0E, 0x3002, 0xFF61:
            return index + 1
        default:
            let open = skipSpaces(text, from: index)
            guard open < text.count, let close = bracketWord(text, at: open, "dot") else { return nil }
            return skipSpaces(text, from: close)
        }
    }

    private static func isMasked(_ local: ArraySlice<Unicode.Scalar>) -> Bool {
        let characters = String(String.UnicodeScalarView(local))
        let rest = characters.dropFirst()
        return !rest.isEmpty && rest.allSatisfy { $0 == "*" }
    }

    private static func isLocal(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return value > 0x20 && value != 0x7F && !asciiDelimiter[Int(value)]
        }
        if TextNormalizer.isSpace(scalar) || (0x80...0x9F).contains(value) { return false }
        return !unicodeDelimiters.contains(scalar)
    }

    private static let asciiDelimiter: [Bool] = (0..<128).map { "@<>()[]{},;:\"/\\|".utf8.contains(UInt8($0)) }

    private static let unicodeDelimiters: Set<Unicode.Scalar> = [
        "\u{FF20}", "\u{FE6B}",  // ＠ ﹫
        "\u{201C}", "\u{201D}", "\u{201E}", "\u{AB}", "\u{BB}", "\u{2039}", "\u{203A}",  // “ ” „ « » ‹ ›
        "\u{3001}", "\u{3002}", "\u{FF0C}", "\u{FF1B}", "\u{FF1A}", "\u{FF08}", "\u{FF09}", "\u{FF1C}", "\u{FF1E}",  // 、。，；：（）＜＞
        "\u{300C}", "\u{300D}", "\u{300E}", "\u{300F}", "\u{3010}", "\u{3011}", "\u{300A}", "\u{300B}", "\u{3008}", "\u{3009}",  // 「」『』【】《》〈〉
    ]

    private static func isTrimmedLead(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "'", "`", ".", "\u{2018}", "\u{2019}": return true
        default: return scalar.value >= 0x80 && scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    private static func isLabel(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || value == 0x2D || value == 0x5F
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.isDefaultIgnorableCodePoint { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        return scalar.properties.isAlphabetic
    }
}
