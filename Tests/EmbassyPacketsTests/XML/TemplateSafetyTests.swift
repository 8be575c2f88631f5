import EmbassyPacketsCore
import EmbassyPacketsPipeline
import EmbassyPacketsXML
import Foundation
import Testing

/// Template errors stop a run with their place; hostile templates are refused; nothing a
/// signer, the directory or a template holds is ever read as markup.
@Suite("Template errors and safety")
struct TemplateSafetyTests {
    /// Writes a template beside a copy of the schema and loads it.
    private func load(_ text: String) throws -> LetterTemplate {
        let folder = TestSupport.temporaryFolder()
        try FileManager.default.copyItem(atPath: TestSupport.path("Templates/letter.rng"), toPath: folder + "/letter.rng")
        return try TemplateLoader.load(path: TestSupport.write(text, named: "t.xml", in: folder))
    }

    private func failure(_ text: String) -> PipelineError? {
        do {
            _ = try load(text)
            return nil
        } catch {
            return error as? PipelineError
        }
    }

    static let head = "<?xml version=\"1.0\"?>\n<letter xml:lang=\"en\">\n<title>T</title>\n"

    @Test func anUnknownFieldIsReportedAtItsLineAndColumn() throws {
        let error = try #require(failure(Self.head + "<p>Dear <field name=\"mision.name\"/>,</p>\n</letter>\n"))
        #expect(error.location == SourceLocation(file: error.location!.file, line: 4, column: 22))
        #expect(error.message.hasPrefix("unknown field 'mision.name'; the fields are mission.name, "))
        #expect(error.description.hasSuffix("t.xml:4:22: error: \(error.message)"))
    }

    @Test func aMisspeltElementIsReportedAtItsLineAndColumn() throws {
        let error = try #require(failure(Self.head + "<p>ok</p>\n  <paragraf>no</paragraf>\n</letter>\n"))
        #expect(error.location?.line == 5)
        #expect(error.location?.column == 3)
        #expect(error.message == "unknown element <paragraf> in <letter>")
    }

    @Test func malformedXMLIsReportedWithLineAndColumn() throws {
        let error = try #require(failure(Self.head + "<p>ok</b>\n</letter>\n"))
        #expect(error.location?.line == 4)
        #expect(error.location?.column != nil)
        #expect(error.stage == .template)
    }

    @Test func otherSchemaViolationsAreCaughtByTheSchema() throws {
        // <title> must come first, and a plural needs all three attributes.
        let misplaced = try #require(failure("<?xml version=\"1.0\"?>\n<letter>\n<p>x</p>\n<title>T</title>\n</letter>\n"))
        #expect(misplaced.location?.line != nil && misplaced.location!.line >= 2)
        #expect(misplaced.stage == .template)
        let plural = try #require(failure(Self.head + "<p><plural count=\"signatures\" one=\"person\"/></p>\n</letter>\n"))
        #expect(plural.location?.line == 4)
        #expect(plural.message.contains("<plural>"))
    }

    @Test func theShippedTemplatesMatchTheSchema() throws {
        let english = try TemplateLoader.load(path: TestSupport.template)
        let chinese = try TemplateLoader.load(path: TestSupport.path("Templates/letter.zh-Hans.xml"))
        #expect(english.translationOf == nil && english.receipt != nil)
        #expect(chinese.translationOf == "letter.xml" && chinese.language == "zh-Hans")
        #expect(chinese.blocks.first?.kind == .note)
        #expect(chinese.blocks.filter { $0.kind == .paragraph }.count == english.blocks.filter { $0.kind == .paragraph }.count)
    }

    @Test func externalEntitiesAreRefusedAndNothingIsRead() throws {
        let folder = TestSupport.temporaryFolder()
        let secret = TestSupport.write("TOP-SECRET-\(UUID().uuidString)", named: "secret.txt", in: folder)
        let secretText = try String(contentsOfFile: secret, encoding: .utf8)
        for text in [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE letter [<!ENTITY x SYSTEM \"file://\(secret)\">]>\n<letter><title>&x;</title><p>&x;</p></letter>\n",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE letter SYSTEM \"file://\(secret)\">\n<letter><title>T</title><p>x</p></letter>\n",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE letter [<!ENTITY % p SYSTEM \"file://\(secret)\"> %p;]>\n<letter><title>T</title><p>x</p></letter>\n",
        ] {
            let error = try #require(failure(text))
            #expect(error.message.contains("DOCTYPE") || error.message.lowercased().contains("entity"), "\(error.message)")
            #expect(!error.description.contains(secretText))
            #expect(!error.diagnostics.contains { $0.description.contains(secretText) })
        }
    }

    @Test func anEntityBombIsRefused() throws {
        var declarations = "<!ENTITY a0 \"lol\">"
        for level in 1...12 {
            declarations += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
        }
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE letter [\(declarations)]>\n<letter><title>&a12;</title><p>&a12;</p></letter>\n"
        // Entities are never expanded, so the bomb cannot go off; timings are not a test's business.
        let error = try #require(failure(text))
        #expect(error.stage == .template)
    }

    @Test func nothingIsEverReadAsMarkup() throws {
        // A template's escaped text, a directory's names and a signer's name all print as written.
        let template = try load(Self.head + "<p>Dear &lt;b&gt;reader&lt;/b&gt; of <field name=\"mission.name\"/>.</p>\n</letter>\n")
        let mission = Mission(kind: "embassy", name: "Embassy <i>&amp;</i> Co", chineseName: nil, addressLines: ["1 <Main> St"], addressVerified: true,
                              city: "X", phone: nil, website: nil)
        let embassy = Embassy(countryCode: "FR", missionClass: .embassy, countryName: "France", officialName: nil, aliases: [], paper: .a4,
                              mission: mission, sources: [], location: SourceLocation(file: "FR.xml"))
        let signer = Signature(location: SourceLocation(file: "f"), order: 0, submittedAt: nil, firstName: "<b>&amp;</b>", lastName: "<span foreground=\"red\">x</span>",
                               city: "C", region: "", countryCode: "FR", emailKey: "k")
        let plan = PacketPlan(embassy: embassy, mission: mission, sections: [CountrySection(countryCode: "FR", countryName: "France", signatures: [signer])])
        let letter = LetterFiller(template: template).fill(for: plan, date: LetterDate(year: 2026, month: 1, day: 1)!)
        #expect(letter.plainText == "Dear <b>reader</b> of Embassy <i>&amp;</i> Co.")
        let folder = TestSupport.temporaryFolder()
        _ = try EmbassyPacketsRenderProbe.render(plan.document(letters: [letter], creator: "t", creationDate: 0), folder: folder)
        let text = TestSupport.squeezed(try TestSupport.pdfText(folder + "/FR.pdf"))
        #expect(text.contains(TestSupport.squeezed("Dear <b>reader</b> of Embassy <i>&amp;</i> Co.")))
        #expect(text.contains(TestSupport.squeezed("<b>&amp;</b> <span foreground=\"red\">x</span>")))
        #expect(text.contains(TestSupport.squeezed("Embassy <i>&amp;</i> Co page 1 of")))  // the footer
    }
}
