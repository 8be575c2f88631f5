import EmbassyPacketsCore
import Testing

@Suite("Email-shaped text")
struct EmailShapeTests {
    @Test(arguments: [
        "jane@example.org",
        "Jane Doe <jane@example.org>",
        "write to jane@example.org.",
        "jane.doe+tag@mail.example.co.uk",
        "o'brien@example.ie",
        "a@b.c",
        "jane@example.org2",
        "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ",
        "jane\u{FE6B}example.org",
        "jane@example\u{3002}org",
        "jane@example\u{FF61}org",
        "用户@例子.中国",
        "josé@bücher.de",
        "josé@xn--bcher-kva.de",
        "ja\u{200B}ne@exa\u{200B}mple.org",
        "jane@exam\u{AD}ple.org",
        "jane (at) example.org",
        "jane(at)example(dot)org",
        "jane [at] example [dot] org",
        "JANE {AT} EXAMPLE.ORG",
        "jane ( at ) example.org",
        "mailto:jane@example.org",
        "Paris\u{A0}jane@example.org",
        "张三jane@example.org",
    ])
    func findsAddresses(text: String) {
        #expect(EmailShape.contains(text))
        #expect(EmailShape.scrub(text) != text)
    }

    @Test(arguments: [
        "", "Ana Maria", "Ana @ home", "@handle", "follow @jane_doe", "foo@bar", "foo@bar.", "Ana@home", "user@localhost",
        "2@3.50", "Meet@5.30pm", "Smith (at) home", "José (at work)", "[at] home", "x (at) y", "C@fé de Flore",
        "Jean-Luc @ St. Denis", "A.B. Smith", "St. John's", "O'Brien", "AT&T", "Rue de l'Église 3.5", "Smith (née Jones)",
        "j***@example.org", "***@example.org", "see j***@example.org and k***@example.net", "Ana at example.org",
        "株式会社＠東京", "100% @ 5.5",
    ])
    func leavesRealNamesAndCitiesAlone(text: String) {
        #expect(!EmailShape.contains(text))
        #expect(EmailShape.scrub(text) == text)
    }

    @Test(arguments: [
        ("Contact: jane@example.org.", "Contact: j***@example.org."),
        ("Jane Doe <jane@example.org>", "Jane Doe <j***@example.org>"),
        ("'jane@example.org'", "'j***@example.org'"),
        ("a@b.com, c@d.org", "a***@b.com, c***@d.org"),
        ("jane (at) example (dot) org", "j***@example (dot) org"),
        ("Write to jane [AT] example.org today", "Write to j***@example.org today"),
        ("ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ", "ｊ***@ｅｘａｍｐｌｅ．ｏｒｇ"),
        ("josé@bücher.de", "j***@bücher.de"),
        ("Éloïse@example.org", "É***@example.org"),
        ("mailto:jane@example.org?subject=x", "mailto:j***@example.org?subject=x"),
        ("Ana @ home, ana@home.pt", "Ana @ home, a***@home.pt"),
        ("Lisboa jane@example.org Porto", "Lisboa j***@example.org Porto"),
    ])
    func scrubMasksEachAddressAndNothingElse(text: String, scrubbed: String) {
        #expect(EmailShape.scrub(text) == scrubbed)
    }

    @Test(arguments: ["jane@example.org", "Jane.Doe@Example.org", "josé@bücher.de", "x@example.co.uk"])
    func scrubWritesTheSameMaskAsEmailMask(address: String) {
        #expect(EmailShape.scrub(address) == EmailMask.mask(address))
    }

    /// Generated texts: words (some with a lone @), and addresses with a unique numbered local
    /// part, in every at and dot form, wrapped in punctuation. Nothing of a local part but its
    /// first character may survive, every domain must, and scrubbing twice changes nothing.
    @Test func scrubLeavesNoAddressUnmasked() {
        let words = ["Ana", "Maria", "São Paulo", "Zürich", "北京", "Ana @ home", "@handle", "foo@bar", "St. John's", "Smith (at) home", "O'Brien", "Łódź", "東京都"]
        let domains = ["example.org", "mail.example.co.uk", "bücher.de", "xn--bcher-kva.de", "例子.中国", "ｅｘａｍｐｌｅ．ｏｒｇ", "example。org", "example.org"]
        let anchors = ["@", "＠", "\u{FE6B}", " (at) ", "[at]", " [AT] ", "{at}"]
        let prefixes = ["", "<", "(", "\"", "mailto:", "«", "'", "Name <", "\u{201C}", "\u{200B}"]
        let suffixes = ["", ".", ",", ")", ">", "\"", "»", ";", "\u{3002}", "\u{201D}", "!"]
        let separators = [" ", ", ", "; ", " / ", "\n", "\u{A0}", "\t", "、"]
        let localStems = ["jane", "josé", "o'brien", "j.doe+x", "用户", "ｊａｎｅ", "a_b-c"]
        var random = SplitMix64(seed: 2024)
        func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }

        for round in 0..<3000 {
            var pieces: [String] = []
            var locals: [String] = []
            var usedDomains: [String] = []
            for _ in 0..<(Int(random.next() % 6) + 1) {
                if random.next() % 2 == 0 {
                    pieces.append(pick(words))
                    continue
                }
                let local = pick(localStems) + "\(round)n\(locals.count)x"
                let anchor = pick(anchors)
                var domain = pick(domains)
                if anchor.hasPrefix(" ") && random.next() % 2 == 0 { domain = domain.replacingOccurrences(".", " (dot) ") }
                locals.append(local)
                usedDomains.append(domain)
                pieces.append(pick(prefixes) + local + anchor + domain + pick(suffixes))
            }
            var text = ""
            for piece in pieces { text += (text.isEmpty ? "" : pick(separators)) + piece }

            let scrubbed = EmailShape.scrub(text)
            #expect(EmailShape.contains(text) == !locals.isEmpty, "\(text)")
            #expect(!EmailShape.contains(scrubbed), "\(text) → \(scrubbed)")
            #expect(EmailShape.scrub(scrubbed) == scrubbed, "\(text)")
            for local in locals {
                #expect(!scrubbed.contains(local.dropFirst()), "\(local) in \(scrubbed)")
                #expect(!scrubbed.contains("\(round)n"), "\(scrubbed)")
            }
            for domain in usedDomains { #expect(scrubbed.contains(domain), "\(domain) in \(scrubbed)") }
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
