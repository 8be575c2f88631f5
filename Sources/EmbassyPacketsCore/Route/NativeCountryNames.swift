/// Countries' names in their own languages that iso-codes' translations (`CountryNameTable`)
/// lack: informal or older names ("Persia", "남한"), romanisations ("Zhongguo", "Rossiya"),
/// traditional-character and fully vowelled spellings. Everything iso-codes already gives,
/// and everything `CountryResolver.variants` lists, was removed from here.
enum NativeCountryNames {
    /// The names, by alpha-2 code.
    static let names: [String: [String]] = [
        "AL": ["Shqipëria"], "BY": ["Белоруссия"], "CN": ["Zhongguo"], "GR": ["Ελλάς"], "IN": ["Hindustan"],
        "IR": ["Persia"], "JP": ["日本国"], "KH": ["Kampuchea"], "KP": ["조선", "朝鮮"], "KR": ["남한", "韓國", "大韓民国"],
        "MN": ["Монгол Улс"], "SY": ["سورية"], "MO": ["Macau SAR"], "TH": ["Prathet Thai"], "TW": ["中华民国"],
    ]
}
