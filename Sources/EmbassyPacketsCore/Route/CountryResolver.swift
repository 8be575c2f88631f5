import Foundation

/// Resolves what a signer typed in the Country field to an ISO 3166-1 alpha-2 code.
///
/// Every country resolves from its alpha-2 and alpha-3 codes, its English short, official
/// and common names, common variants, a few names in its own languages, and the names the
/// embassy directory adds. Matching ignores case, accents and punctuation and understands
/// the "Korea, Republic of" word order.
public final class CountryResolver: @unchecked Sendable {
    private var byKey: [String: String] = [:]
    private var names: [String: String] = [:]
    // Resolution results by raw text: the same few hundred spellings repeat across a
    // million rows. Guarded by `lock`.
    private var cache: [String: String?] = [:]
    private let lock = NSLock()

    /// Variants people type that the ISO list does not carry.
    static let variants: [String: [String]] = [
        "US": ["USA", "U.S.", "U.S.A.", "America", "United States of America", "the United States", "The US", "Estados Unidos", "États-Unis"],
        "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "United Kingdom of Great Britain", "GBR"],
        "KR": ["South Korea", "Republic of Korea", "Korea", "Korea South", "S. Korea", "ROK", "대한민국", "한국", "南韓", "韩国", "韓国"],
        "KP": ["North Korea", "DPRK", "Korea North", "조선민주주의인민공화국", "북한", "朝鲜"],
        "RU": ["Russia", "Россия", "Российская Федерация"],
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
        for key in Self.keys(text) where byKey[key] == nil || text.count == 2 || text.count == 3 {
            byKey[key] = code
        }
    }

    /// The English name to print for a code.
    public func name(of code: String) -> String { names[code] ?? code }

    /// Every code the resolver knows.
    public var codes: [String] { names.keys.sorted() }

    /// The alpha-2 code for what a signer typed, or nil.
    public func resolve(_ text: String) -> String? {
        lock.lock()
        if let cached = cache[text] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        var result: String?
        for key in Self.keys(text) {
            if let code = byKey[key] {
                result = code
                break
            }
        }
        lock.lock()
        cache[text] = result
        lock.unlock()
        return result
    }

    /// The known names closest to an unknown one, as a hint.
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        guard let key = Self.keys(text).first, !key.isEmpty else { return [] }
        let scored = names.map { code, name -> (Int, String) in
            (Self.distance(key, Self.fold(name)), name)
        }
        return scored.filter { $0.0 <= max(2, key.count / 3) }.sorted { $0 < $1 }.prefix(limit).map(\.1)
    }

    /// Lookup keys for a text: folded as written, and with "X, Republic of" turned round.
    static func keys(_ text: String) -> [String] {
        var forms = [text]
        if let comma = text.lastIndex(of: ",") {
            let head = text[..<comma], tail = text[text.index(after: comma)...]
            forms.append(String(tail) + " " + String(head))
        }
        var keys: [String] = []
        for form in forms {
            let trimmed = form.trimmingSpaces()
            keys.append(fold(trimmed))
            // "The Netherlands", "the Democratic Republic of the Congo".
            if trimmed.lowercased().hasPrefix("the ") { keys.append(fold(String(trimmed.dropFirst(4)))) }
        }
        return keys
    }

    /// Lowercased, accents removed, letters and digits only ("Côte d'Ivoire" → "cotedivoire").
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }

    /// Levenshtein distance, for hints.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
