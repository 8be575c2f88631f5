@testable import EmbassyPacketsCore
import Testing

@Suite("Fuzzy country index")
struct CountryFuzzyIndexTests {
    static let names = ["germany", "austria", "australia", "philippines", "iran", "iraq", "chad", "niger", "nigeria", "unitedstates"]
    let index = CountryFuzzyIndex(names: names.map { (key: $0, codes: [$0.uppercased()]) })

    @Test func findsEveryKindOfEdit() {
        #expect(index.nearest("germany", within: 2) == ["GERMANY": 0])
        #expect(index.nearest("germnay", within: 1) == ["GERMANY": 1], "transposition")
        #expect(index.nearest("germeny", within: 1) == ["GERMANY": 1], "substitution")
        #expect(index.nearest("germaany", within: 1) == ["GERMANY": 1], "insertion")
        #expect(index.nearest("grmany", within: 1) == ["GERMANY": 1], "deletion")
        #expect(index.nearest("grmnay", within: 1) == [:])
        #expect(index.nearest("grmnay", within: 2) == ["GERMANY": 2])
        #expect(index.nearest("irak", within: 1) == ["IRAN": 1, "IRAQ": 1])
        #expect(index.nearest("untiedstaets", within: 2) == ["UNITEDSTATES": 2])
    }

    @Test func leavesShortAndLongTextsAlone() {
        #expect(index.nearest("ira", within: 2) == [:])
        #expect(index.nearest(String(repeating: "a", count: 41), within: 2) == [:])
        #expect(CountryFuzzyIndex(names: [(key: "usa", codes: ["US"])]).count == 0)
    }

    @Test func agreesWithComparingEveryName() {
        // Random edits of real names, checked against a plain distance over every name.
        let resolver = CountryResolver()
        let keys = Array(Set(resolver.codes.map { CountryResolver.fold(resolver.name(of: $0)) })).sorted()
        let index = CountryFuzzyIndex(names: keys.map { (key: $0, codes: [$0]) })
        let letters = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        for round in 0 ..< 400 {
            var text = Array(keys[next(keys.count)].unicodeScalars)
            for _ in 0 ..< 1 + next(3) where text.count > 1 {
                let at = next(text.count)
                switch next(4) {
                case 0: text.remove(at: at)
                case 1: text.insert(letters[next(26)], at: at)
                case 2: text[at] = letters[next(26)]
                default: if at + 1 < text.count { text.swapAt(at, at + 1) }
                }
            }
            let query = String(String.UnicodeScalarView(text))
            let radius = 1 + round % 2
            var expected: [String: Int] = [:]
            if (CountryFuzzyIndex.minimumLength ... CountryFuzzyIndex.maximumLength).contains(text.count) {
                for key in keys where (CountryFuzzyIndex.minimumLength ... CountryFuzzyIndex.maximumLength).contains(key.unicodeScalars.count) {
                    let distance = Self.osa(text, Array(key.unicodeScalars))
                    if distance <= radius { expected[key] = distance }
                }
            }
            #expect(index.nearest(query, within: radius) == expected, "\(query) within \(radius)")
        }
    }

    // Optimal string alignment distance, the plain way.
    static func osa(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0 ... a.count { d[i][0] = i }
        for j in 0 ... b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
