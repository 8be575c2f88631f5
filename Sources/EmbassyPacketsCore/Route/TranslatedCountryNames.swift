/// The iso-codes translations of country names (`CountryNameTable`), parsed into folded keys.
///
/// Parsed once, the first time a text misses `CountryResolver`'s own table: `shared` is a
/// lazily initialised static.
struct TranslatedCountryNames: Sendable {
    /// The parsed table.
    static let shared = TranslatedCountryNames(table: CountryNameTable.text)

    // Every country's claims on every folded key.
    private let claims: [String: [Claim]]
    /// The keys worth fuzzing: spellings at least `fuzzyLanguages` languages share, with
    /// the country each most often means.
    let common: [(key: String, code: String)]
    /// How many distinct spellings the table holds.
    let spellingCount: Int

    /// A spelling at least this many languages share joins the fuzzy index.
    static let fuzzyLanguages = 2

    // One country's claim on a key: how many languages spell it so (the most of any of its
    // spellings that fold to the key), and whether a whole name does rather than only the
    // part before a comma ("Kongo" of "Kongo, Demokratische Republik").
    private struct Claim {
        var code: String
        var languages: Int
        var whole: Bool
    }

    /// Parses `CC<TAB>name|languages<TAB>...` lines.
    init(table: String) {
        var claims: [String: [Claim]] = [:]
        var spellings = 0
        // One Foundation call on the whole table instead of one per name: folding costs
        // microseconds a call. Folding keeps tabs, newlines and digits, and can only add a
        // "|" (from a full-width one) inside a name, before the count's.
        let folded = CountryResolver.caseFolded(table)
        func claim(_ key: String, _ code: String, _ languages: Int, whole: Bool) {
            // A key of one letter ("Ý", Vietnamese for Italy) is too easily typed for
            // something else.
            guard key.unicodeScalars.count >= 2 else { return }
            // Nearly every key has one claim: a short array beats a dictionary.
            var list = claims.removeValue(forKey: key) ?? []
            if let index = list.firstIndex(where: { $0.code == code }) {
                list[index].languages = max(list[index].languages, languages)
                list[index].whole = list[index].whole || whole
            } else {
                list.append(Claim(code: code, languages: languages, whole: whole))
            }
            claims[key] = list
        }
        // Scanned scalar by scalar: splitting Strings costs grapheme breaking.
        var field: [Unicode.Scalar] = []
        var code = ""
        var isCode = true
        func endField() {
            defer { field.removeAll(keepingCapacity: true) }
            if isCode {
                code = String(String.UnicodeScalarView(field)).uppercased()
                isCode = false
                return
            }
            guard let bar = field.lastIndex(of: "|"), bar + 1 < field.count else { return }
            var languages = 0
            for digit in field[(bar + 1)...] {
                guard ("0"..."9").contains(digit) else { return }
                languages = languages * 10 + Int(digit.value - 0x30)
            }
            let name = Array(field[..<bar])
            spellings += 1
            for key in CountryResolver.keys(folded: name) { claim(key, code, languages, whole: true) }
            // "Corée, République de" and "Corée, République populaire démocratique de"
            // make "Corée" alone a name of both.
            if let comma = name.firstIndex(of: ",") {
                claim(CountryResolver.lettersAndDigits(name[..<comma]), code, languages, whole: false)
            }
        }
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "\t":
                endField()
            case "\n":
                endField()
                isCode = true
            default:
                field.append(scalar)
            }
        }
        endField()
        var common: [(key: String, code: String)] = []
        for (key, list) in claims {
            let best = list.count == 1 ? list[0] : Self.ranked(list)[0]
            if best.languages >= Self.fuzzyLanguages { common.append((key, best.code)) }
        }
        self.claims = claims
        self.common = common
        self.spellingCount = spellings
    }

    /// The countries a folded key names, the one it most often means first; nil if none.
    func codes(for key: String) -> [String]? {
        guard let list = claims[key] else { return nil }
        return list.count == 1 ? [list[0].code] : Self.ranked(list).map(\.code)
    }

    /// How many languages use the likeliest spelling behind a folded key; 0 if none.
    func languages(for key: String) -> Int {
        guard let list = claims[key] else { return 0 }
        return (list.count == 1 ? list[0] : Self.ranked(list)[0]).languages
    }

    /// How many folded keys the table gives.
    var keyCount: Int { claims.count }

    // A whole name before the part of one before a comma, then the spelling more languages
    // use, then the usual meaning of the hand-listed ambiguous names, then the code.
    private static func ranked(_ list: [Claim]) -> [Claim] {
        list.sorted { a, b in
            if a.whole != b.whole { return a.whole }
            if a.languages != b.languages { return a.languages > b.languages }
            let aPreferred = CountryResolver.preferredInTies.contains(a.code), bPreferred = CountryResolver.preferredInTies.contains(b.code)
            if aPreferred != bPreferred { return aPreferred }
            return a.code < b.code
        }
    }
}

