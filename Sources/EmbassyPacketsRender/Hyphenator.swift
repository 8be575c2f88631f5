import CHyphen
import Foundation

/// Marks where words may break with soft hyphens (U+00AD), from libhyphen's patterns for the
/// letter's language; Pango breaks there and draws the hyphen only when it does.
final class Hyphenator {
    private let dictionary: OpaquePointer

    /// The patterns for a BCP 47 language, when the system has them
    /// (`/usr/share/hyphen/hyph_en_US.dic` for "en").
    init?(language: String) {
        let base = language.split(separator: "-").first.map(String.init)?.lowercased() ?? ""
        let candidates: [String]
        switch base {
        case "en": candidates = ["hyph_en_US.dic", "hyph_en_GB.dic", "hyph_en.dic"]
        case "zh", "ja", "ko", "th": return nil  // no hyphenation in these scripts
        default: candidates = ["hyph_\(base).dic", "hyph_\(base)_\(base.uppercased()).dic"]
        }
        guard let path = candidates.map({ "/usr/share/hyphen/" + $0 }).first(where: { FileManager.default.fileExists(atPath: $0) }),
            let dictionary = hnj_hyphen_load(path)
        else { return nil }
        self.dictionary = OpaquePointer(dictionary)
    }

    deinit { hnj_hyphen_free(UnsafeMutablePointer(dictionary)) }

    /// The text with soft hyphens in words of seven letters or more (not in all-capital
    /// acronyms, and never next to a hyphen already there).
    func hyphenate(_ text: String) -> String {
        var out = ""
        var word = ""
        func flush() {
            out += word.count >= 7 && word.contains(where: \.isLowercase) ? hyphenated(word) : word
            word = ""
        }
        for character in text {
            if character.isASCII && character.isLetter {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    private func hyphenated(_ word: String) -> String {
        // libhyphen reads the word as a C string too: it must end in NUL (AddressSanitizer
        // caught strstr reading past an unterminated buffer).
        let lower = Array(word.lowercased().utf8).map { CChar(bitPattern: $0) } + [0]
        let length = lower.count - 1
        var hyphens = [CChar](repeating: 0, count: length + 5)
        var rep: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var pos: UnsafeMutablePointer<Int32>?
        var cut: UnsafeMutablePointer<Int32>?
        let status = hnj_hyphen_hyphenate3(
            UnsafeMutablePointer(dictionary), lower, Int32(length), &hyphens, nil, &rep, &pos, &cut, 2, 3, 2, 3)
        defer {
            if let rep {
                for index in 0..<length { free(rep[index]) }
                free(rep)
            }
            free(pos)
            free(cut)
        }
        guard status == 0 else { return word }
        var out = ""
        for (index, character) in word.enumerated() {
            out.append(character)
            // An odd value after a letter is a break point; never at the very end.
            if index < word.count - 1 && hyphens[index] & 1 == 1 { out.append("\u{AD}") }
        }
        return out
    }
}
