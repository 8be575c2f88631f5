/// The last line of defence for what people read: anything that could be an address, even one
/// `EmailShape` does not take for one (`john@localhost`, `x@[192.168.0.1]`, `"q"@example.org`,
/// `reg@@example.org`, `pct%40example.org`), is masked wherever raw values are echoed.
public enum AddressMask {
    /// The at-signs people and encoders write: `@`, fullwidth `＠`, small `﹫`, `%40`, `&#64;`, `&commat;`.
    static let atSigns = ["@", "＠", "﹫", "%40", "&#64;", "&#x40;", "&commat;"]

    /// True when `text` holds an at-sign character anywhere ("Coalition @ London"), or what
    /// `containsAtSign` finds: for what goes in the post, where none belongs at all.
    public static func holdsAnyAtSign(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "@" || $0 == "\u{FF20}" || $0 == "\u{FE6B}" } || containsAtSign(text)
    }

    /// True when the text holds an at-sign of any kind, or an "at ... dot" spelled out
    /// (`john at example dot org`): no name, city, region or country does.
    public static func containsAtSign(_ text: String) -> Bool {
        // Fast path, one pass over the bytes: no '@', '%', '&', no fullwidth or small at-sign
        // lead byte, and none of " at ", "(at)", "[at]". It runs on every printed field of every row.
        if !mayHoldAtSign(text) { return false }
        let lower = text.lowercased()
        if atSigns.contains(where: { sign in joins(lower, around: sign) }) { return true }
        if lower.contains("(at)") || lower.contains("[at]") { return true }
        return lower.contains(" at ") && (lower.contains(" dot ") || lower.contains("(dot)"))
    }

    /// False when the text cannot hold an at-sign of any kind (see `containsAtSign`).
    static func mayHoldAtSign(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                if byte == 0x40 || byte == 0x25 || byte == 0x26 || byte == 0xEF { return true }
                if (byte == 0x20 || byte == 0x28 || byte == 0x5B) && index + 3 < count && bytes[index + 1] == 0x61 && bytes[index + 2] == 0x74 {
                    let close = bytes[index + 3]
                    if (byte == 0x20 && close == 0x20) || (byte == 0x28 && close == 0x29) || (byte == 0x5B && close == 0x5D) { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// True when some occurrence of `sign` has text on both sides (white space between allowed):
    /// `roe @ example.org` joins, a handle such as `@Lee` does not.
    static func joins(_ text: String, around sign: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: sign, range: searchStart..<text.endIndex) {
            let head = text[..<range.lowerBound], tail = text[range.upperBound...]
            let touching = head.unicodeScalars.last.map { !TextNormalizer.isSpace($0) } ?? false
                && tail.unicodeScalars.first.map { !TextNormalizer.isSpace($0) } ?? false
            // With white space around it, the sign joins only when a dotted domain follows.
            let hasBefore = head.unicodeScalars.contains { !TextNormalizer.isSpace($0) }
            let nextWord = tail.unicodeScalars.drop { TextNormalizer.isSpace($0) }.prefix { !TextNormalizer.isSpace($0) }
            let dottedAfter = nextWord.count > 2 && nextWord.dropLast().dropFirst().contains { $0 == "." || $0 == "．" || $0 == "。" }
            if touching || (hasBefore && dottedAfter) { return true }
            searchStart = range.upperBound
        }
        return false
    }

    /// The text with every address `EmailShape` finds masked, then every remaining
    /// white-space-separated word that holds an at-sign masked the same way (`j***@localhost`).
    public static func mask(_ text: String) -> String {
        // Reversed text (a bidi override) shows its local part last: hide the whole word.
        let bidi = text.unicodeScalars.contains(where: TextNormalizer.isBidiControl)
        let scrubbed = EmailShape.scrub(text)
        guard containsAtSign(scrubbed) else { return scrubbed }
        var words: [String] = []
        let pieces = scrubbed.split(omittingEmptySubsequences: false) { $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" || $0 == "\u{3000}" }
        for (index, piece) in pieces.enumerated() {
            let word = piece
            let lower = word.lowercased()
            // "john at example dot org": the word before "at" is the local part.
            if index + 3 < pieces.count, pieces[index + 1].lowercased() == "at", pieces[index + 3].lowercased() == "dot" || pieces[index + 2].lowercased().contains("(dot)") {
                words.append((word.first.map(String.init) ?? "") + "***")
                continue
            }
            // "aa15 @example.org": the word before a leading at-sign is the local part.
            if index + 1 < pieces.count, atSigns.contains(where: { pieces[index + 1].lowercased().hasPrefix($0) }), !lower.contains("***") {
                words.append((word.first.map(String.init) ?? "") + "***")
                continue
            }
            if bidi && atSigns.contains(where: { lower.contains($0) }) {
                words.append("***")
                continue
            }
            words.append(String(word))
        }
        var masked: [String] = []
        for word in words {
            let lower = word.lowercased()
            guard let sign = atSigns.first(where: { lower.contains($0) }), !word.contains("***") else {
                masked.append(word)
                continue
            }
            let at = lower.range(of: sign)!
            let offset = lower.distance(from: lower.startIndex, to: at.lowerBound)
            let start = word.index(word.startIndex, offsetBy: offset)
            let first = word.first.map(String.init) ?? ""
            masked.append((offset == 0 ? "" : first) + "***" + String(word[start...]))
        }
        return masked.joined(separator: " ")
    }
}
