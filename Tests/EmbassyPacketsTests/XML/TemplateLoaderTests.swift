import EmbassyPacketsCore
import EmbassyPacketsXML
import Testing

@Suite("Letter templates")
struct TemplateLoaderTests {
    @Test func theDefaultTemplateLoads() throws {
        let template = try TemplateLoader.load(path: TestSupport.template)
        #expect(template.title == "Petition to Xi Jinping to Stop Repatriating North Korean Refugees")
        #expect(template.language == "en")
        #expect(template.blocks.first?.kind == .recipient)
        #expect(template.blocks.filter { $0.kind == .paragraph }.count == 7)
    }

    private func load(_ body: String) throws -> LetterTemplate {
        let folder = TestSupport.temporaryFolder()
        let path = TestSupport.write("<?xml version=\"1.0\"?>\n<letter xml:lang=\"en\">\n<title>T</title>\n\(body)\n</letter>\n", named: "t.xml", in: folder)
        return try TemplateLoader.load(path: path)
    }

    @Test func anUnknownFieldStopsWithItsLine() {
        #expect {
            try load("<p>ok</p>\n<p>Dear <field name=\"mision.name\"/></p>")
        } throws: { error in
            let error = error as! PipelineError
            return error.location?.line == 5 && error.message.contains("unknown field 'mision.name'") && error.stage == .template
        }
    }

    @Test func anUnknownElementStopsWithItsLine() {
        #expect {
            try load("<p>ok</p>\n<paragraph>no</paragraph>")
        } throws: { error in
            (error as! PipelineError).location?.line == 5
        }
    }

    @Test func malformedXMLReportsLineAndColumn() {
        #expect {
            try load("<p>ok</b>")
        } throws: { error in
            let error = error as! PipelineError
            return error.location?.line == 4 && error.location?.column != nil
        }
    }

    @Test func aDoctypeIsRefused() {
        let folder = TestSupport.temporaryFolder()
        let secret = TestSupport.write("top secret", named: "secret.txt", in: folder)
        let text = """
            <?xml version="1.0"?>
            <!DOCTYPE letter [<!ENTITY x SYSTEM "file://\(secret)">]>
            <letter><title>T</title><p>&x;</p></letter>
            """
        let path = TestSupport.write(text, named: "evil.xml", in: folder)
        #expect {
            try TemplateLoader.load(path: path)
        } throws: { error in
            (error as! PipelineError).message.contains("DOCTYPE")
        }
    }

    @Test func fieldsAndPluralsAreFilled() throws {
        let template = try load("<statement>Signed by <field name=\"signatures\"/> <plural count=\"signatures\" one=\"person\" other=\"people\"/> from <field name=\"countries\"/>.</statement>")
        let plan = PacketPlan(
            embassy: RouterTests.embassy("US", "United States"), mission: RouterTests.embassy("US", "United States").mission!,
            sections: [CountrySection(countryCode: "US", countryName: "United States", signatures: [])])
        let date = LetterDate(year: 2026, month: 11, day: 29)!
        #expect(LetterFiller(template: template).fill(for: plan, date: date).plainText == "Signed by 0 people from the United States.")
        var one = plan
        one.sections[0].signatures = [Signature(location: SourceLocation(file: "f"), order: 0, submittedAt: nil, firstName: "A", lastName: "B", city: "C", region: "", countryCode: "US", emailKey: "k")]
        #expect(LetterFiller(template: template).fill(for: one, date: date).plainText == "Signed by 1 person from the United States.")
    }
}
