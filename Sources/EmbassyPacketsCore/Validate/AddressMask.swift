/// The last line of defence for what people read: anything that could be an address, even one
/// `EmailShape` does not take for one (`john@localhost`, `x@[192.168.0.1]`, `"q"@example.org`,
/// `reg@@example.org`, `pct%40example.org`), is masked wherever raw values are echoed.
public enum AddressMask {
    /// The at-signs people and encoders write: `@`, fullwidth `＠`, small `﹫`, `%40`, `&#64;`, `&commat;`.
    static let atSigns = ["@", "＠", "﹫", "%40", "&#64;", "&#x40;", "&commat;"]

    /// True when the text holds an at-sign of any kind, or an "at ... dot" spelled out
    /// (`john at example dot org`): no name, city, region or country does.
    public static func containsAtSign(_ text: String) -> Bool {
        let bytes = text.utf8
        // Fast path: no '@', '%', '&', no fullwidth or small at-sign lead bytes, no " at ".
        if !bytes.contains(where: { $0 == 0x40 || $0 == 0x25 || $0 == 0x26 || $0 == 0xEF }) && !text.contains(" at ") && !text.contains("(at)") && !text.contains("[at]") {
            return false
        }
        let lower = text.lowercased()
        if atSigns.contains(where: { lower.contains($0) }) { return true }
        if lower.contains("(at)") || lower.contains("[at]") { return true }
        return lower.contains(" at ") && (lower.contains(" dot ") || lower.contains("(dot)"))
    }

    /// The text with every address `EmailShape` finds masked, then every remaining
    /// white-space-separated word that holds an at-sign masked the same way (`j***@localhost`).
    public static func mask(_ text: String) -> String {
        let scrubbed = EmailShape.scrub(text)
        guard containsAtSign(scrubbed) else { return scrubbed }
        var words: [String] = []
        for word in scrubbed.split(separator: " ", omittingEmptySubsequences: false) {
            let lower = word.lowercased()
            guard let sign = atSigns.first(where: { lower.contains($0) }), !word.contains("***") else {
                words.append(String(word))
                continue
            }
            let at = lower.range(of: sign)!
            let offset = lower.distance(from: lower.startIndex, to: at.lowerBound)
            let start = word.index(word.startIndex, offsetBy: offset)
            let first = word.first.map(String.init) ?? ""
            words.append((offset == 0 ? "" : first) + "***" + String(word[start...]))
        }
        return words.joined(separator: " ")
    }
}
