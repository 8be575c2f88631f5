import EmbassyPacketsCore
import EmbassyPacketsPipeline
import EmbassyPacketsXML
import Foundation
import Testing

@Suite("Directory coverage and schema")
struct DirectoryCoverageTests {
    @Test func everyISOCodeIsClassifiedAndEveryFileIsValid() {
        let check = DirectoryCheck.run(folder: TestSupport.embassies, today: LetterDate(year: 2026, month: 11, day: 29)!)
        #expect(check.errors.isEmpty, "\(check.errors.map(\.description))")
        #expect(check.unclassified.isEmpty, "unclassified: \(check.unclassified)")
        #expect(check.byClass.values.reduce(0, +) == 249)
        #expect(check.byClass[.special] == 4)
        #expect(check.passed)
    }

    @Test func theClassesAreRight() throws {
        let directory = try EmbassyDirectoryLoader.load(folder: TestSupport.embassies)
        for code in ["CN", "TW", "HK", "MO"] { #expect(directory[code]?.missionClass == .special, "\(code)") }
        // The states that recognise the Republic of China (as of the sources in their files).
        for code in ["PY", "GT", "BZ", "HT", "KN", "LC", "VC", "MH", "PW", "TV", "SZ", "VA"] {
            #expect(directory[code]?.missionClass == .noRelations, "\(code)")
        }
        #expect(directory["MC"]?.accreditedTo == "FR")
        #expect(directory["LI"]?.accreditedTo == "CH")
        #expect(directory["AD"]?.accreditedTo == "ES")
        // Every accredited country points at an embassy; every embassy has a mission and a city.
        for entry in directory.entries.values {
            switch entry.missionClass {
            case .accredited: #expect(directory[entry.accreditedTo ?? ""]?.missionClass == .embassy, "\(entry.countryCode)")
            case .embassy: #expect(entry.mission?.city.isEmpty == false, "\(entry.countryCode)")
            default: #expect(entry.mission == nil, "\(entry.countryCode)")
            }
            #expect(!entry.sources.isEmpty, "\(entry.countryCode) cites no source")
        }
        // The Paris embassy moved in 2017 to rue Monsieur.
        #expect(directory["FR"]?.mission?.addressLines.first?.contains("rue Monsieur") == true)
    }

    @Test func aSchemaViolationIsReportedAtItsLine() throws {
        let folder = TestSupport.temporaryFolder()
        try FileManager.default.copyItem(atPath: TestSupport.embassies + "/embassy.rng", toPath: folder + "/embassy.rng")
        _ = TestSupport.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <country code="FR" class="embassy">
              <name>France</name>
              <paper>a3</paper>
            </country>
            """, named: "FR.xml", in: folder)
        #expect {
            try EmbassyDirectoryLoader.load(folder: folder)
        } throws: { error in
            let error = error as! PipelineError
            return error.location?.file.hasSuffix("FR.xml") == true && error.location?.line == 4
        }
        let check = DirectoryCheck.run(folder: folder, today: LetterDate(year: 2026, month: 11, day: 29)!)
        #expect(!check.passed)
        #expect(check.errors.contains { $0.location?.line == 4 })
        #expect(check.unclassified.count == 249)
    }

    /// `embassies --check` and the loader share one loading path: a renamed FR.xml, which
    /// `validate` and `generate` refuse, fails the check too (it used to pass).
    @Test func theCheckRefusesWhatTheLoaderRefuses() throws {
        let folder = TestSupport.temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: TestSupport.embassies) {
            try FileManager.default.copyItem(atPath: TestSupport.embassies + "/" + name, toPath: folder + "/" + (name == "FR.xml" ? "Fr-old.xml" : name))
        }
        #expect(throws: PipelineError.self) { try EmbassyDirectoryLoader.load(folder: folder) }
        let check = DirectoryCheck.run(folder: folder, today: LetterDate(year: 2026, month: 11, day: 29)!)
        #expect(!check.passed)
        #expect(check.errors.contains { $0.message.contains("the file for FR must be named FR.xml") && $0.location?.file.hasSuffix("Fr-old.xml") == true })
    }

    @Test func staleRecordsAreListed() {
        let check = DirectoryCheck.run(folder: TestSupport.embassies, today: LetterDate(year: 2028, month: 1, day: 1)!)
        #expect(check.stale.count == 249)
        let now = DirectoryCheck.run(folder: TestSupport.embassies, today: LetterDate(year: 2026, month: 11, day: 29)!)
        #expect(now.stale.isEmpty)
    }
}
