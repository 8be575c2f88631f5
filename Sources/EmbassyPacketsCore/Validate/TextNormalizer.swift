import Foundation

/// Cleans a value the way a careful clerk would, without changing how it is written.
public enum TextNormalizer {
    /// Unicode NFC; control characters (and bidi overrides) removed; runs of white space
    /// collapsed to one space; trimmed.
    public static func clean(_ raw: String) -> String {
        if raw.isEmpty { return raw }
        // Fast path: plain printable ASCII with single inner spaces needs no work.
        var plain = true
        var previousSpace = true
        for byte in raw.utf8 {
            if byte >= 0x80 || byte < 0x20 || byte == 0x7F { plain = false; break }
            let isSpace = byte == 0x20
            if isSpace && previousSpace { plain = false; break }
            previousSpace = isSpace
        }
        if plain && !previousSpace { return raw }

        // NFC through Foundation is costly: only strings holding a scalar it may change need it.
        let composed = raw.unicodeScalars.contains { NFCQuickCheck.mayChange($0.value) } ? raw.precomposedStringWithCanonicalMapping : raw
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in composed.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !scalars.isEmpty
                continue
            }
            if isRemoved(scalar) { continue }
            if pendingSpace {
                scalars.append(" ")
                pendingSpace = false
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0 and C1 controls
        case _ where isBidiControl(scalar): return true
        case 0xFEFF, 0xFFFE, 0xFFFF: return true  // stray BOMs and noncharacters
        default: return false
        }
    }

    /// Bidi embeddings, overrides and isolates: they reorder what is shown.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// True when the text holds at least one letter or digit (a part that is only
    /// punctuation, such as "-" or ".", counts as empty).
    public static func hasSubstance(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}

extension String {
    /// The string without leading and trailing ASCII and Unicode white space.
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !TextNormalizer.isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !TextNormalizer.isSpace($0) })!
        return String(scalars[start...end])
    }
}
