@testable import EmbassyPacketsCore
import Foundation
import Testing

@Suite("Country matching in detail")
struct CountryMatchTests {
    let resolver = CountryResolver()

    // Every one of these is in the iso-codes catalogues (fr, es, ru, ja, ko, zh_CN, ar, he, pl,
    // tr, nl, pt, fr, de) and in no hand-written list.
    @Test(arguments: [
        ("Allemagne", "DE"), ("Alemania", "DE"), ("Германия", "DE"), ("ドイツ", "DE"), ("독일", "DE"), ("德国", "DE"),
        ("ألمانيا", "DE"), ("גרמניה", "DE"), ("Niemcy", "DE"), ("Almanya", "DE"), ("Duitsland", "DE"), ("Alemanha", "DE"),
        ("Corée du Sud", "KR"), ("Südkorea", "KR"), ("Coreia do Sul", "KR"), ("Royaume-Uni", "GB"), ("Reino Unido", "GB"),
        ("Vereinigte Staaten", "US"), ("Stati Uniti", "US"), ("Federación Rusa", "RU"), ("Chine", "CN"), ("Japon", "JP"),
        ("Suisse", "CH"), ("Österreich", "AT"), ("Magyarország", "HU"), ("Polska", "PL"), ("Sverige", "SE"), ("Ελλάδα", "GR"),
        ("Україна", "UA"), ("Việt Nam", "VN"), ("ประเทศไทย", "TH"), ("Ísland", "IS"), ("Éire", "IE"),
    ])
    func namesInOtherLanguagesResolve(text: String, code: String) {
        #expect(resolver.match(text) == .exact(code))
        let hand = CountryResolver.variants.values.joined().map(CountryResolver.fold) + NativeCountryNames.names.values.joined().map(CountryResolver.fold)
        if !hand.contains(CountryResolver.fold(text)) {
            #expect(TranslatedCountryNames.shared.codes(for: CountryResolver.fold(text)) == [code], "\(text) comes from the table")
        }
    }

    @Test(arguments: [
        ("Germnay", "DE"), ("Phillipines", "PH"), ("Untied States", "US"), ("Autralia", "AU"), ("Frnace", "FR"),
        ("Austira", "AT"), ("Cananda", "CA"), ("Deutchland", "DE"), ("Swizerland", "CH"), ("Untied Kingdom", "GB"),
        ("Sweeden", "SE"), ("Urugay", "UY"), ("Alemanai", "DE"), ("Germanija", "DE"),
    ])
    func misspellingsAreCorrected(text: String, code: String) {
        #expect(resolver.match(text) == .corrected(code, typed: text))
        #expect(resolver.resolve(text) == code)
    }

    @Test func aMisspellingTwoCountriesAreEquallyCloseToIsNotGuessed() {
        #expect(resolver.match("Iram") == .candidates(["IQ", "IR"]))
        #expect(resolver.match("Maldovia") == .candidates(["MD", "MV"]))
        #expect(resolver.resolve("Iram") == nil)
    }

    @Test func shortTextsAndFarTextsAreNotCorrected() {
        // Under four letters nothing is fuzzed; at 4 to 7 letters one edit, from 8 two.
        #expect(resolver.match("Frn") == .unknown(hints: []))
        guard case .unknown(let hints) = resolver.match("Gremnay") else {
            Issue.record("'Gremnay' is two edits from Germany: not corrected at 7 letters")
            return
        }
        #expect(hints.first == "Germany")
        #expect(resolver.match("Grmany") == .corrected("DE", typed: "Grmany"))
        if case .unknown(let far) = resolver.match("Grmnay") { #expect(far.first == "Germany") } else { Issue.record("'Grmnay' corrected") }
        #expect(resolver.match("Phlipines") == .corrected("PH", typed: "Phlipines"))
        #expect(resolver.match("Phlpinnes") == .unknown(hints: []))
        #expect(resolver.match("user12345@example.org") == .unknown(hints: []))
        #expect(resolver.match(String(repeating: "germany", count: 7)) == .unknown(hints: []))
    }

    @Test(arguments: [
        "N/A", "n/a", "na", "Na", "n.a.", "N.A.", "none", "None", "NONE", "-", "--", "?", "??", "unknown", "null", "nil",
        "nan", "x", "X", ".", "0", "000", "no", "No", "not applicable", "keine Angabe", "k.A.", "aucun", "ninguno", "nenhum",
        "なし", "无", "없음", "нет", "—", "…",
    ])
    func placeholdersAreMissing(text: String) {
        #expect(resolver.match(text) == .missing)
        #expect(resolver.resolve(text) == nil)
    }

    @Test func capitalCodesAreCodesEvenWhereLowerCaseIsAPlaceholder() {
        #expect(resolver.match("NA") == .exact("NA"))
        #expect(resolver.match("NO") == .exact("NO"))
        #expect(resolver.match("Namibia") == .exact("NA"))
        #expect(resolver.match("Norway") == .exact("NO"))
    }

    @Test func namesOfTwoCountriesAreAmbiguous() {
        #expect(resolver.match("Congo") == .ambiguous(chosen: "CG", others: ["CD"]))
        #expect(resolver.match("the Congo") == .ambiguous(chosen: "CG", others: ["CD"]))
        #expect(resolver.match("Korea") == .ambiguous(chosen: "KR", others: ["KP"]))
        #expect(resolver.match("Virgin Islands") == .ambiguous(chosen: "VG", others: ["VI"]))
        #expect(resolver.resolve("Congo") == "CG")
        // From the translations: "Kongo" is the Republic of the Congo in 26 languages and the
        // part before the comma of "Kongo, Die Demokratiese Republiek van die" (af).
        #expect(resolver.match("Kongo") == .ambiguous(chosen: "CG", others: ["CD"]))
        #expect(resolver.match("Corée") == .ambiguous(chosen: "KR", others: ["KP"]))
        // Latvian "Lietuva"/"Litwiya" and Russian "Гвиана": one spelling, two countries.
        #expect(resolver.match("Гвиана").code != nil)
        if case .ambiguous(let chosen, let others) = resolver.match("Гвиана") {
            #expect(Set([chosen] + others) == ["GF", "GY"])
        } else {
            Issue.record("Гвиана should be ambiguous")
        }
        // But the resolver's own English names always win over a translation.
        #expect(resolver.match("Mexico") == .exact("MX"))
        #expect(resolver.match("Samoa") == .exact("WS"))
    }

    @Test func everyKeyTheTranslationsGiveToTwoCountriesIsAmbiguous() {
        let translated = TranslatedCountryNames.shared
        var checked = 0
        for line in CountryNameTable.text.split(separator: "\n") {
            for field in line.split(separator: "\t").dropFirst() {
                let name = String(field[..<field.lastIndex(of: "|")!])
                let key = CountryResolver.fold(name)
                guard let codes = translated.codes(for: key), codes.count > 1 else { continue }
                // Texts the resolver's own table, its ambiguous list or the placeholders take first.
                guard case .ambiguous(let chosen, let others) = resolver.match(name) else { continue }
                if CountryResolver.ambiguousKeys[key] == nil {
                    #expect(chosen == codes[0] && others == Array(codes.dropFirst()), "\(name)")
                }
                checked += 1
            }
        }
        #expect(checked > 30)
    }

    @Test func shortTranslationsNeverTakeAnISOCode() {
        // Vietnamese "Mỹ" (US), "Bỉ" (BE), "Áo" (AT) fold to the codes of Malaysia, Burundi, Angola.
        #expect(resolver.match("MY") == .exact("MY"))
        #expect(resolver.match("my") == .exact("MY"))
        #expect(resolver.match("bi") == .exact("BI"))
        #expect(resolver.match("Ao") == .exact("AO"))
        #expect(resolver.match("Mỹ") == .exact("US"))
        #expect(resolver.match("Bỉ") == .exact("BE"))
        #expect(resolver.match("Áo") == .exact("AT"))
        // Full-width letters are still the code.
        #expect(resolver.match("ＵＳＡ") == .exact("US"))
    }

    @Test func flagsResolve() {
        #expect(resolver.match("🇩🇪") == .exact("DE"))
        #expect(resolver.match(" 🇯🇵 ") == .exact("JP"))
        #expect(resolver.match("🇪🇺") == .missing)
    }

    @Test func unknownTextsGetUpToThreeHints() {
        guard case .unknown(let hints) = resolver.match("Narnia") else {
            Issue.record("Narnia should be unknown")
            return
        }
        #expect(hints.count <= 3)
        #expect(resolver.match("Atlantis") == .unknown(hints: []))
    }

    @Test func theSameTextGivesTheSameMatchFromManyThreads() async {
        let texts = ["Germnay", "Allemagne", "n/a", "Congo", "Iram", "zzqx", "Côte d'Ivoire", "Gremnay", "中国"]
        let serial = CountryResolver()
        let expected = texts.map { serial.match($0) }
        let shared = CountryResolver()
        let results = await withTaskGroup(of: (Int, CountryMatch).self) { group in
            for round in 0 ..< 8 {
                for offset in texts.indices {
                    let index = (offset + round) % texts.count
                    group.addTask { (index, shared.match(texts[index])) }
                }
            }
            var all: [(Int, CountryMatch)] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8 * texts.count)
        for (index, match) in results { #expect(match == expected[index], "\(texts[index])") }
    }

    @Test func theASCIIShortcutFoldsAsFoundationDoes() {
        var ascii = (0x20 ..< 0x7F).map { String(UnicodeScalar(UInt8($0))) }
        ascii += ["Côte", "United States", "U.S.A.", "hello-World_42", "\tTab\n"]
        for text in ascii {
            let foundation = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            #expect(CountryResolver.caseFolded(text) == foundation, "\(text.debugDescription)")
            #expect(CountryResolver.fold(text) == CountryResolver.lettersAndDigits(foundation))
        }
    }

    // Not a benchmark in the suite: set EMBASSY_PACKETS_MEASURE=1 to print what unknown values
    // cost (`swift test -c release -Xswiftc -enable-testing --filter CountryMatchTests`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EMBASSY_PACKETS_MEASURE"] != nil))
    func measureUnknownValues() {
        func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        var start = now()
        let resolver = CountryResolver()
        let startup = now() - start
        start = now()
        _ = resolver.match("Allemagne")
        let table = now() - start
        start = now()
        _ = resolver.match("Germnay")
        let index = now() - start
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        let junk: [String] = (0 ..< 100_000).map { i in
            switch i % 3 {
            case 0: "user\(i)@example.org"
            case 1: String((0 ..< 4 + next(9)).map { _ in letters[next(26)] }) + "\(i)"
            default: String((0 ..< 4 + next(9)).map { _ in letters[next(26)] })
            }
        }
        start = now()
        var emails: [CountryMatch] = []
        for (i, text) in junk.enumerated() {
            let match = resolver.match(text)
            if i % 3 == 0 { emails.append(match) }
        }
        let total = now() - start
        print("CountryResolver: startup \(Int(startup * 1e6)) µs, first table lookup \(Int(table * 1e3)) ms, "
            + "first fuzzy lookup \(Int(index * 1e3)) ms, 100000 distinct junk values \(Int(total * 1e3)) ms")
        #expect(emails.allSatisfy { $0 == .unknown(hints: []) })
    }
}
