import EmbassyPacketsCore
import EmbassyPacketsXML
import Testing

@Suite("Embassy directory")
struct EmbassyDirectoryTests {
    static let firstTwenty = ["US", "KR", "CA", "GB", "JP", "AU", "DE", "FR", "RU", "VN", "EG", "IN", "BR", "MX", "PH", "IL", "TH", "NZ", "ZA", "NG"]

    @Test func theTwentyBiggestCountriesHaveAnEmbassyWithAnAddress() throws {
        let directory = try EmbassyDirectoryLoader.load(folder: TestSupport.embassies)
        for code in Self.firstTwenty {
            let entry = try #require(directory[code], "no entry for \(code)")
            #expect(entry.missionClass == .embassy)
            let mission = try #require(entry.mission)
            #expect(mission.name.contains("Embassy of the People's Republic of China"), "\(code): \(mission.name)")
            #expect(mission.addressLines.count >= 2)
            #expect(!mission.city.isEmpty)
            #expect(!entry.sources.isEmpty, "\(code) cites no source")
        }
        #expect(directory["US"]?.mission?.addressLines.first == "3505 International Place, N.W.")
        #expect(directory["US"]?.paper == .letter)
        #expect(directory["FR"]?.paper == .a4)
    }

    @Test func theDirectoryNamesResolve() throws {
        let directory = try EmbassyDirectoryLoader.load(folder: TestSupport.embassies)
        let resolver = CountryResolver(directory: directory)
        for entry in directory.entries.values {
            #expect(resolver.resolve(entry.countryName) == entry.countryCode, "\(entry.countryName)")
            for alias in entry.aliases {
                #expect(resolver.resolve(alias) == entry.countryCode, "alias \(alias) of \(entry.countryCode)")
            }
        }
    }

    @Test func aBrokenRecordIsReportedWithItsFile() {
        let folder = TestSupport.temporaryFolder()
        _ = TestSupport.write("<?xml version=\"1.0\"?>\n<country code=\"usa\" class=\"embassy\"><name>X</name></country>\n", named: "US.xml", in: folder)
        #expect {
            try EmbassyDirectoryLoader.load(folder: folder)
        } throws: { error in
            let error = error as! PipelineError
            return error.location?.file.hasSuffix("US.xml") == true && error.location?.line == 2
        }
    }
}
