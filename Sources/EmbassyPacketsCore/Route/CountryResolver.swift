import Foundation

/// Resolves what a signer typed in the Country field to an ISO 3166-1 alpha-2 code.
///
/// Every country resolves from its alpha-2 and alpha-3 codes, its English short, official
/// and common names, common variants, and the names the embassy directory adds (this
/// resolver's own table, which always wins); then from its names in every language Debian's
/// iso-codes translates (`CountryNameTable`, parsed the first time the own table misses);
/// then, for a misspelling, from the one country within a small edit distance
/// (`CountryFuzzyIndex`). Matching ignores case, accents, width and punctuation and
/// understands the "Korea, Republic of" word order. `match(_:)` tells which of these it was.
/// (`@unchecked Sendable`: the cache and the fuzzy index, built lazily, are guarded by their locks.)
public final class CountryResolver: @unchecked Sendable {
    private var byKey: [String: String] = [:]
    private var names: [String: String] = [:]
    // Keys of codes and abbreviations ("us", "deu", "uae"), which only plain text can mean:
    // Vietnamese "Mỹ" folds to "my" but means the United States, not Malaysia.
    private var plainKeys: Set<String> = []
    // Results by raw text: the same few hundred spellings repeat across a million rows.
    // Guarded by `lock`; emptied when it reaches `cacheLimit`, so that a file of distinct
    // junk cannot grow it without bound.
    private var cache: [String: CountryMatch] = [:]
    private let lock = NSLock()
    // Built the first time a text matches no name exactly. Guarded by `fuzzyLock`.
    private var fuzzy: [CountryFuzzyIndex]?
    private let fuzzyLock = NSLock()

    /// How many distinct texts the cache holds before it is emptied.
    static let cacheLimit = 200_000

    /// Variants people type that the ISO list does not carry (mostly English; a few other
    /// common spellings iso-codes lacks, such as "Corea del Sur" and "EEUU").
    static let variants: [String: [String]] = [
        "US": ["USA", "U.S.", "U.S.A.", "America", "United States of America", "the United States", "The US", "Estados Unidos", "États-Unis", "EEUU", "EE.UU."],
        "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "United Kingdom of Great Britain", "GBR", "Inglaterra"],
        "KR": ["South Korea", "Republic of Korea", "Korea South", "S. Korea", "ROK", "Corea del Sur", "דרום קוריאה", "대한민국", "한국", "南韓", "韩国", "韓国"],
        "KP": ["North Korea", "DPRK", "Korea North", "Corea del Norte", "צפון קוריאה", "조선민주주의인민공화국", "북한", "朝鲜"],
        "RU": ["Russia", "Россия", "Российская Федерация", "Rusia"],
        "VN": ["Vietnam", "Viet Nam", "Việt Nam"],
        "TR": ["Turkey", "Türkiye", "Turkiye"],
        "CZ": ["Czech Republic", "Czechia", "Česko", "Česká republika"],
        "CI": ["Ivory Coast", "Cote d'Ivoire"],
        "MM": ["Burma", "Myanmar"],
        "NL": ["Holland", "The Netherlands", "Nederland"],
        "DE": ["Deutschland", "Germany"],
        "JP": ["日本", "Nippon", "Nihon"],
        "CN": ["中国", "China", "PRC", "Mainland China", "People's Republic of China"],
        "TW": ["Taiwan", "台灣", "台湾", "Republic of China", "Chinese Taipei", "R.O.C."],
        "HK": ["Hong Kong", "香港", "Hong Kong SAR", "Hong Kong SAR China"],
        "MO": ["Macau", "Macao", "澳門", "澳门", "Macao SAR"],
        "MX": ["México", "Mexico"],
        "BR": ["Brasil"],
        "ES": ["España"],
        "IT": ["Italia"],
        "FR": ["France"],
        "AT": ["Österreich"],
        "CH": ["Schweiz", "Suisse", "Svizzera"],
        "PL": ["Polska"],
        "SE": ["Sverige"],
        "NO": ["Norge"],
        "DK": ["Danmark"],
        "FI": ["Suomi"],
        "GR": ["Ελλάδα", "Hellas"],
        "UA": ["Україна", "Ukraine"],
        "IL": ["ישראל"],
        "EG": ["مصر"],
        "SA": ["السعودية", "KSA"],
        "AE": ["UAE", "الإمارات"],
        "TH": ["ประเทศไทย", "ไทย", "Thailand"],
        "IN": ["भारत", "Bharat"],
        "PH": ["Pilipinas", "The Philippines"],
        "ID": ["Indonesia"],
        "IR": ["Iran", "ایران"],
        "SY": ["Syria"],
        "LA": ["Laos"],
        "BO": ["Bolivia"],
        "VE": ["Venezuela"],
        "TZ": ["Tanzania"],
        "MD": ["Moldova"],
        "BN": ["Brunei"],
        "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo (Kinshasa)"],
        "CG": ["Congo-Brazzaville", "Republic of Congo", "Republic of the Congo", "Congo (Brazzaville)"],
        "CV": ["Cape Verde"],
        "SZ": ["Swaziland"],
        "MK": ["Macedonia"],
        "VA": ["Vatican", "Vatican City", "Holy See"],
        "PS": ["Palestine"],
        "FM": ["Micronesia"],
        "ZA": ["RSA"],
        "NZ": ["Aotearoa"],
    ]

    /// Short names people recognise, where the ISO short name is a formal one.
    static let displayNames: [String: String] = [
        "RU": "Russia", "TW": "Taiwan", "KR": "South Korea", "KP": "North Korea", "VN": "Vietnam",
        "IR": "Iran", "SY": "Syria", "LA": "Laos", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
        "MD": "Moldova", "BN": "Brunei", "FM": "Micronesia", "VA": "Vatican City", "PS": "Palestine",
        "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo", "MK": "North Macedonia",
        "TR": "Türkiye", "CZ": "Czechia", "GB": "United Kingdom", "US": "United States",
    ]

    /// Names that mean more than one country, with the one each most often means.
    static let ambiguousNames: [(names: [String], chosen: String, others: [String])] = [
        (["Congo"], "CG", ["CD"]),
        (["Korea"], "KR", ["KP"]),
        (["Virgin Islands"], "VG", ["VI"]),
        (["Saint Martin", "St Martin"], "MF", ["SX"]),
    ]

    /// `ambiguousNames` by folded name.
    static let ambiguousKeys: [String: (chosen: String, others: [String])] = {
        var keys: [String: (chosen: String, others: [String])] = [:]
        for (names, chosen, others) in ambiguousNames {
            for name in names { keys[fold(name)] = (chosen, others) }
        }
        return keys
    }()

    /// The countries an ambiguous translation means when as many languages use it for each.
    static let preferredInTies: Set<String> = Set(ambiguousNames.map(\.chosen))

    /// Creates a resolver from the ISO list and the directory's own names.
    public init(directory: EmbassyDirectory? = nil) {
        for (alpha2, alpha3, name, official, common) in ISO3166.countries {
            names[alpha2] = Self.displayNames[alpha2] ?? (common.isEmpty ? name : common)
            for text in [alpha2, alpha3, name, official, common] where !text.isEmpty {
                register(text, as: alpha2)
            }
        }
        for (code, list) in Self.variants {
            for text in list { register(text, as: code) }
        }
        for (alpha2, _, name, official, common) in ISO3166.countries {
            for text in [name, official, common] where !text.isEmpty { registerShortForms(text, as: alpha2) }
        }
        for (code, list) in Self.variants {
            for text in list { registerShortForms(text, as: code) }
        }
        for (code, list) in NativeCountryNames.names {
            for text in list { register(text, as: code) }
        }
        if let directory {
            for entry in directory.entries.values {
                names[entry.countryCode] = entry.countryName
                for text in [entry.countryName, entry.officialName ?? ""] + entry.aliases where !text.isEmpty {
                    register(text, as: entry.countryCode)
                }
            }
        }
    }

    private func register(_ text: String, as code: String) {
        let abbreviation = text.count == 2 || text.count == 3
        for key in Self.keys(text) where byKey[key] == nil || abbreviation {
            byKey[key] = code
            if abbreviation && Self.isPlain(text) { plainKeys.insert(key) } else { plainKeys.remove(key) }
        }
    }

    // ASCII, or its full-width form ("ＵＳＡ").
    private static func isPlain(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isASCII || (0xFF01...0xFF5E).contains($0.value) || TextNormalizer.isSpace($0) }
    }

    // "Saint Kitts and Nevis" is also typed "St Kitts & Nevis" (the fold drops the "&").
    private func registerShortForms(_ text: String, as code: String) {
        var forms: [String] = []
        let withoutAnd = text.replacingOccurrences(of: " and ", with: " ")
        if withoutAnd != text { forms.append(withoutAnd) }
        for form in [text] + forms where form.hasPrefix("Saint ") { forms.append("St " + form.dropFirst(6)) }
        for form in forms {
            for key in Self.keys(form) where byKey[key] == nil { byKey[key] = code }
        }
    }

    /// The English name to print for a code.
    public func name(of code: String) -> String { names[code] ?? code }

    /// Every code the resolver knows.
    public var codes: [String] { names.keys.sorted() }

    /// The alpha-2 code for what a signer typed (exact, the usual meaning of an ambiguous
    /// name, or a corrected misspelling), or nil.
    public func resolve(_ text: String) -> String? { match(text).code }

    /// What a signer typed, in detail.
    public func match(_ text: String) -> CountryMatch {
        lock.lock()
        if let cached = cache[text] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let result = compute(text)
        lock.lock()
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[text] = result
        lock.unlock()
        return result
    }

    /// The known names closest to an unknown one, as a hint, nearest first.
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        hints(nearby(Self.keys(text.trimmingSpaces())), limit: limit)
    }

    private func compute(_ text: String) -> CountryMatch {
        let trimmed = text.trimmingSpaces()
        if let code = flagCode(trimmed) { return .exact(code) }
        // A code typed in capitals is that code, even where the same letters in lower case
        // are a placeholder: bare "NA" is Namibia and "NO" Norway (codes are written in
        // capitals, and every ISO code resolves to itself), while "na", "Na", "N/A", "n.a.",
        // "no" and "No" are missing.
        if (2...3).contains(trimmed.utf8.count), trimmed.utf8.allSatisfy({ (0x41...0x5A).contains($0) }),
           let code = byKey[Self.fold(trimmed)]
        {
            return .exact(code)
        }
        let keys = Self.keys(trimmed)
        guard let typed = keys.first, !CountryPlaceholders.contains(folded: typed) else { return .missing }
        for key in keys {
            if let (chosen, others) = Self.ambiguousKeys[key] { return .ambiguous(chosen: chosen, others: others) }
        }
        let plain = Self.isPlain(trimmed)
        for key in keys {
            if let code = byKey[key], plain || !plainKeys.contains(key) { return .exact(code) }
        }
        let translated = TranslatedCountryNames.shared
        for key in keys {
            if let codes = translated.codes(for: key), let chosen = codes.first {
                // A spelling one or two languages use, typed in plain letters, may be a slip for
                // a common name: "Nigera" is Latvian "Nigēra" (Niger), one letter from Nigeria.
                if plain && codes.count == 1 && translated.languages(for: key) <= 2 {
                    let close = nearby(keys).filter { $0.value <= 1 && $0.key != chosen }
                    if close.count == 1, let other = close.first?.key {
                        return .ambiguous(chosen: other, others: [chosen])
                    }
                }
                return codes.count == 1 ? .exact(chosen) : .ambiguous(chosen: chosen, others: Array(codes.dropFirst()))
            }
        }
        let nearest = nearby(keys)
        let radius = Self.correctionRadius(typed.unicodeScalars.count)
        if let best = nearest.values.min(), best <= radius {
            let codes = nearest.filter { $0.value == best }.map(\.key).sorted()
            return codes.count == 1 ? .corrected(codes[0], typed: trimmed) : .candidates(codes)
        }
        return .unknown(hints: hints(nearest, limit: 3))
    }

    /// How far a misspelling of a folded text this long may be from a name to be corrected:
    /// 0 under 4 letters, 1 up to 7, 2 from 8, 0 over `CountryFuzzyIndex.maximumLength`.
    static func correctionRadius(_ length: Int) -> Int {
        switch length {
        case ..<CountryFuzzyIndex.minimumLength: 0
        case ..<8: 1
        case ...CountryFuzzyIndex.maximumLength: 2
        default: 0
        }
    }

    // Countries within the index's largest radius of any of the keys, with their distance.
    private func nearby(_ keys: [String]) -> [String: Int] {
        var nearest: [String: Int] = [:]
        for index in fuzzyIndexes() {
            for key in keys {
                for (code, distance) in index.nearest(key, within: CountryFuzzyIndex.maximumRadius) where nearest[code].map({ distance < $0 }) ?? true {
                    nearest[code] = distance
                }
            }
        }
        return nearest
    }

    private func hints(_ nearest: [String: Int], limit: Int) -> [String] {
        nearest.map { (distance: $0.value, name: name(of: $0.key)) }
            .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
            .prefix(limit).map(\.name)
    }

    // The names every resolver knows, indexed once for all: the translations most languages
    // share, then (winning) a directory-less resolver's own names, then the ambiguous ones,
    // which stand for all their countries.
    private static let sharedFuzzy: (index: CountryFuzzyIndex, byKey: [String: String]) = {
        let plain = CountryResolver()
        var entries: [String: [String]] = [:]
        for (key, code) in TranslatedCountryNames.shared.common { entries[key] = [code] }
        for (key, code) in plain.byKey { entries[key] = [code] }
        for (key, meaning) in ambiguousKeys { entries[key] = [meaning.chosen] + meaning.others }
        return (CountryFuzzyIndex(names: entries.sorted { $0.key < $1.key }.map { (key: $0.key, codes: $0.value) }), plain.byKey)
    }()

    // The shared index, and one of the names this resolver's directory adds, if any.
    private func fuzzyIndexes() -> [CountryFuzzyIndex] {
        fuzzyLock.lock()
        defer { fuzzyLock.unlock() }
        if let fuzzy { return fuzzy }
        let shared = Self.sharedFuzzy
        let added = byKey.filter { shared.byKey[$0.key] != $0.value }.sorted { $0.key < $1.key }
        let indexes = added.isEmpty ? [shared.index] : [shared.index, CountryFuzzyIndex(names: added.map { (key: $0.key, codes: [$0.value]) })]
        fuzzy = indexes
        return indexes
    }

    // A flag emoji: two regional indicator symbols.
    private func flagCode(_ text: String) -> String? {
        guard let first = text.unicodeScalars.first, (0x1F1E6...0x1F1FF).contains(first.value) else { return nil }
        let letters = text.unicodeScalars.map(\.value)
        guard letters.count == 2, letters.allSatisfy({ (0x1F1E6...0x1F1FF).contains($0) }) else { return nil }
        let code = String(decoding: letters.map { UInt8($0 - 0x1F1E6 + 0x41) }, as: UTF8.self)
        return names[code] == nil ? nil : code
    }

    /// Lookup keys for a text: folded as written, and with "X, Republic of" turned round.
    static func keys(_ text: String) -> [String] { keys(folded: Array(caseFolded(text).unicodeScalars)) }

    /// `keys` of a text already through `caseFolded`, as scalars.
    static func keys(folded text: [Unicode.Scalar]) -> [String] {
        var keys = [lettersAndDigits(text[...])]
        // "The Netherlands", "the Democratic Republic of the Congo".
        if let rest = afterThe(text[...]) { keys.append(lettersAndDigits(rest)) }
        if let comma = text.lastIndex(of: ",") {
            let head = text[..<comma], tail = text[(comma + 1)...]
            keys.append(lettersAndDigits(tail) + lettersAndDigits(head))
            if let rest = afterThe(tail) { keys.append(lettersAndDigits(rest) + lettersAndDigits(head)) }
        }
        return keys
    }

    // What follows a leading "the " (after any spaces), if the text starts so.
    private static func afterThe(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar>? {
        guard let start = text.firstIndex(where: { !TextNormalizer.isSpace($0) }), text.endIndex - start > 4,
              text[start] == "t", text[start + 1] == "h", text[start + 2] == "e", TextNormalizer.isSpace(text[start + 3])
        else { return nil }
        return text[(start + 4)...]
    }

    /// Lowercased, accents removed, letters and digits only ("Côte d'Ivoire" → "cotedivoire").
    static func fold(_ text: String) -> String { lettersAndDigits(caseFolded(text)) }

    /// Case, accents and width folded, everything else kept ("Côte d'Ivoire" → "cote d'ivoire").
    static func caseFolded(_ text: String) -> String {
        // Plain ASCII, most of what is typed, needs no Foundation (which costs microseconds).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The letters and digits of a text.
    static func lettersAndDigits(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.filter { isLetterOrDigit(Unicode.Scalar($0)) }, as: UTF8.self)
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter(isLetterOrDigit)))
    }

    /// The letters and digits of a text, as scalars.
    static func lettersAndDigits(_ text: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text where isLetterOrDigit(scalar) { view.append(scalar) }
        return String(view)
    }

    /// Whether a scalar is kept in a key: a letter or a digit of any script.
    @inline(__always) static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case ..<0x80: false
        default: scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}
