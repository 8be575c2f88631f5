import EmbassyPacketsCore
import Testing

@Suite("Email canonicalisation")
struct EmailCanonicalizerTests {
    @Test(arguments: [
        "jane@example.org",
        "Jane Doe <jane@example.org>",
        "\"Jane Doe\" <jane@example.org>",
        "<jane@example.org>",
        "Jane Doe <jane@example.org>,",
        "jane@example.org (Jane Doe)",
        "mailto:jane@example.org",
        "MAILTO:jane@example.org",
        "MailTo://jane@example.org",
        "<mailto:jane@example.org>",
        "mailto:jane@example.org?subject=Petition",
        "mailto:jane%40example.org",
        "\"jane@example.org\"",
        "'jane@example.org'",
        "\u{201C}jane@example.org\u{201D}",
        "\u{2018}jane@example.org\u{2019}",
        "\u{AB}jane@example.org\u{BB}",
        "\u{AB} jane@example.org \u{BB}",
        "\u{201E}jane@example.org\u{201C}",
        "\"jane@example.org",
        "jane@example.org\"",
        "jane@example.org.",
        "jane@example.org,",
        "jane@example.org;",
        "jane@example.org:",
        "(jane@example.org)",
        "jane@example.org).",
        "jane@example.org!",
        "jane@example.org?",
        "jane@example.org}",
        "[jane@example.org]",
        ".jane@example.org",
        ": jane@example.org;",
        "jane@example.org\u{3002}",
        "ja\u{200B}ne@example.org",
        "jane@exa\u{200C}mple.org",
        "jane\u{200D}@example.org",
        "jane@example\u{2060}.org",
        "\u{FEFF}jane@example.org",
        "ja\u{AD}ne@exam\u{AD}ple.org",
        "jane@example.org\u{180E}",
        "jane@example.o\u{FE0F}rg",
        "\u{200E}jane@example.org\u{200F}",
        "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ",
        "jane＠example.org",
        "jane\u{FE6B}example.org",
        "jane@example\u{3002}org",
        "jane@example\u{FF0E}org",
        "jane@example\u{FF61}org",
        "  jane@example.org  ",
        "\u{A0}jane@example.org\u{A0}",
        "\u{3000}jane@example.org\u{2009}",
        "\tjane@example.org\r\n",
        "jane@EXAMPLE.ORG",
        "jane@Example.Org",
        "jane@ＥＸＡＭＰＬＥ.org",
    ])
    func pastedFormsBecomeOneAddress(raw: String) {
        #expect(EmailCanonicalizer.canonical(raw) == "jane@example.org")
        #expect(EmailAddress.isValid(raw))
        #expect(EmailAddress.key(raw) == "jane@example.org")
    }

    @Test(arguments: [
        ("josé@bücher.de", "josé@xn--bcher-kva.de"),
        ("josé@xn--bcher-kva.de", "josé@xn--bcher-kva.de"),
        ("josé@XN--BCHER-KVA.DE", "josé@xn--bcher-kva.de"),
        ("josé@BÜCHER.de", "josé@xn--bcher-kva.de"),
        ("jose\u{301}@bu\u{308}cher.de", "josé@xn--bcher-kva.de"),  // decomposed: NFC local part, NFKC domain
        ("josé@ｂüｃｈｅｒ.de", "josé@xn--bcher-kva.de"),
        ("用户@例子.中国", "用户@xn--fsqu00a.xn--fiqs8s"),
        ("用户@例子。中国", "用户@xn--fsqu00a.xn--fiqs8s"),
        ("ivan@пример.рф", "ivan@xn--e1afmkfd.xn--p1ai"),
        ("ivan@ПРИМЕР.РФ", "ivan@xn--e1afmkfd.xn--p1ai"),
        ("Jane.Doe@Example.org", "Jane.Doe@example.org"),  // the local part keeps its case
        ("Ｊａｎｅ@example.org", "Jane@example.org"),
    ])
    func canonicalForms(raw: String, canonical: String) {
        #expect(EmailCanonicalizer.canonical(raw) == canonical)
    }

    @Test func unicodeAndPunycodeDomainsAreOneKey() {
        let keys = Set(["josé@bücher.de", "josé@xn--bcher-kva.de", "JOSÉ@XN--BCHER-KVA.DE", "Jose\u{301} <jose\u{301}@Bücher.de>"].map { EmailAddress.key($0) })
        #expect(keys == ["josé@xn--bcher-kva.de"])
    }

    @Test(arguments: ["", "   ", "no-at-sign", "\"\"", "<>", "mailto:", "@example.org", "jane@", "\u{200B}", "Jane Doe"])
    func nothingAddressLikeIsNil(raw: String) {
        #expect(EmailCanonicalizer.canonical(raw) == nil)
        #expect(!EmailAddress.isValid(raw))
    }

    @Test(arguments: ["two@@example.org", "a b@example.org", "jane@exa!mple.org", "jane@example.org'x", "a@localhost", "a@example..org", "a@-example.org", "Jane Doe jane@example.org", "jane@example.org jane@example.org"])
    func invalidAddressesStayInvalid(raw: String) {
        #expect(!EmailAddress.isValid(raw))
    }

    @Test func canonicalisingIsIdempotent() {
        let samples = [
            "Jane Doe <Jane.Doe+tag@GMail.com>", "josé@bücher.de", "用户@例子.中国", "\"jane\"@example.org", "'jane@example.org",
            "o'brien@example.ie", "a b@example.org", "two@@example.org", "x@xn--999.org", "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ", "jane@example.org⒈",
        ]
        for sample in samples {
            guard let once = EmailCanonicalizer.canonical(sample) else {
                Issue.record("\(sample) did not canonicalise")
                continue
            }
            #expect(EmailCanonicalizer.canonical(once) == once, "\(sample)")
        }
    }

    @Test func layersOfWrappingComeOffOneByOne() {
        #expect(EmailCanonicalizer.canonical("Jane: \"Jane Doe\" <mailto:'(jane@example.org)'>;") == "jane@example.org")
        #expect(EmailCanonicalizer.canonical("«“<(jane@example.org)>”».") == "jane@example.org")
    }

    @Test func hostileValuesStayCheap() {
        // Peeling stops after a bounded number of layers, a label too long for DNS is never
        // Punycoded, and a value over the limit is not looked at: all stay invalid rather than
        // costing quadratic time.
        let nested = String(repeating: "\"'", count: 200) + "jane@example.org" + String(repeating: "'\"", count: 200)
        #expect(nested.utf8.count <= EmailCanonicalizer.maximumInputBytes)
        #expect(EmailCanonicalizer.canonical(nested) != nil)
        #expect(!EmailAddress.isValid(nested))
        let shallow = String(repeating: "\"'", count: 10) + "jane@example.org" + String(repeating: "'\"", count: 10)
        #expect(EmailCanonicalizer.canonical(shallow) == "jane@example.org")
        let brackets = String(repeating: "\"<", count: 200) + "jane@example.org" + String(repeating: ">\"", count: 200)
        #expect(EmailCanonicalizer.canonical(brackets) == "jane@example.org")  // the innermost <…> at once
        // Runs of one punctuation mark come off in one go, however long.
        #expect(EmailCanonicalizer.canonical(String(repeating: "(", count: 300) + "jane@example.org" + String(repeating: ").", count: 300)) == "jane@example.org")
        let wide = "a@" + String(repeating: "é", count: 400) + ".fr"
        #expect(!EmailAddress.isValid(wide))
        #expect(EmailCanonicalizer.canonical(wide)?.hasPrefix("a@xn--") == false)
        let huge = String(repeating: " ", count: EmailCanonicalizer.maximumInputBytes) + "<jane@example.org>"
        #expect(EmailCanonicalizer.canonical(huge) == nil)
    }

    @Test func theFastPathAgreesWithTheFullRoute() {
        // A leading space sends an address down the full route; the answer must not change.
        let localBytes = Array("abcXYZ019.!#$%&'*+-/=?^_`{|}~".utf8)
        let hostBytes = Array("abcdeXYZ09-_".utf8)
        var random = SplitMix64(seed: 7)
        func run(_ alphabet: [UInt8], _ length: Int) -> String {
            String(decoding: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }, as: UTF8.self)
        }
        for _ in 0..<3000 {
            let address = run(localBytes, Int(random.next() % 12) + 1) + "@" + run(hostBytes, Int(random.next() % 8) + 1) + "." + run(hostBytes, Int(random.next() % 4) + 1)
            #expect(EmailCanonicalizer.canonical(address) == EmailCanonicalizer.canonical(" " + address), "\(address)")
        }
    }

    @Test func aLoneLeadingApostropheIsPartOfTheAddress() {
        // `'` is a legal local-part character; only a pair of them is taken for quotes.
        #expect(EmailCanonicalizer.canonical("'jane@example.org") == "'jane@example.org")
        #expect(EmailCanonicalizer.canonical("o'brien@example.ie") == "o'brien@example.ie")
    }

    @Test func gmailModeWorksOnTheCanonicalForm() {
        let forms = [
            "Jane.Doe+petition@gmail.com", "<JaneDoe@GMAIL.COM>", "mailto:j.a.n.e.d.o.e@googlemail.com", "ｊａｎｅ．ｄｏｅ＠ｇｍａｉｌ．ｃｏｍ",
            "jane\u{200B}doe+x@gmail\u{3002}com",
        ]
        #expect(Set(forms.map { EmailAddress.key($0, mode: .gmail) }) == ["janedoe@gmail.com"])
        #expect(EmailAddress.key("Jane.Doe+petition@gmail.com", mode: .exact) == "jane.doe+petition@gmail.com")
        #expect(EmailAddress.key("jane.doe+x@example.org", mode: .gmail) == "jane.doe+x@example.org")
    }

    @Test func keyingACanonicalAddressSkipsNothingThatMatters() {
        let raws = ["Jane Doe <Jane.Doe+x@GMail.com>", "josé@BÜCHER.de", "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ", "mailto:Ana@Example.ORG", "用户@例子.中国"]
        for raw in raws {
            let canonical = EmailCanonicalizer.canonical(raw)!
            for mode in DedupMode.allCases {
                #expect(EmailAddress.key(canonical: canonical, mode: mode) == EmailAddress.key(raw, mode: mode), "\(raw)")
            }
        }
        #expect(EmailAddress.key(canonical: "Jane.Doe+x@gmail.com", mode: .gmail) == "janedoe@gmail.com")
    }

    @Test func isValidCanonicalChecksTheAddressAsItIs() {
        #expect(EmailAddress.isValidCanonical("jane@example.org"))
        #expect(EmailAddress.isValidCanonical("josé@xn--bcher-kva.de"))
        #expect(!EmailAddress.isValidCanonical("Jane <jane@example.org>"))
        #expect(!EmailAddress.isValidCanonical("jane@xn--999.org"))  // not Punycode
        #expect(!EmailAddress.isValidCanonical("jane@" + String(repeating: "a", count: 64) + ".org"))
        #expect(EmailAddress.isValidCanonical("jane@" + String(repeating: "a", count: 63) + ".org"))
        #expect(!EmailAddress.isValidCanonical("jane@" + Array(repeating: String(repeating: "a", count: 60), count: 5).joined(separator: ".") + ".org"))
    }

    @Test func aLongUnicodeLabelIsJudgedByItsPunycodeLength() {
        // 21 different CJK characters: 63 bytes of UTF-8, but 64 characters of Punycode.
        let label = "我们都是地球上的居民应该互相尊重和理解彼此"
        #expect(label.utf8.count == 63)
        #expect(!EmailAddress.isValid("a@\(label).cn"))
        // Repetition compresses well: 21 characters of 中文中文… fit.
        #expect(EmailAddress.isValid("a@" + String(repeating: "中文", count: 10) + "中.cn"))
    }
}
