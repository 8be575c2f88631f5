@testable import EmbassyPacketsPipeline
import EmbassyPacketsCore
import Foundation
import Testing

/// How packets are shared between the parent and the rendering workers.
@Suite("Sharing the rendering")
struct WorkSharingTests {
    static func plan(_ code: String, signatures: Int) -> PacketPlan {
        let mission = Mission(kind: "embassy", name: "Embassy in \(code)", chineseName: nil, addressLines: ["1 Main St"], addressVerified: true,
                              city: "X", phone: nil, website: nil)
        let embassy = Embassy(countryCode: code, missionClass: .embassy, countryName: code, officialName: nil, aliases: [], paper: .a4,
                              mission: mission, sources: [], location: SourceLocation(file: "\(code).xml"))
        let signers = (0..<signatures).map {
            Signature(location: SourceLocation(file: "f", line: $0 + 2), order: $0, submittedAt: nil, firstName: "A", lastName: "B",
                      city: "C", region: "", countryCode: code, emailKey: "k\($0)")
        }
        return PacketPlan(embassy: embassy, mission: mission, sections: [CountrySection(countryCode: code, countryName: code, signatures: signers)])
    }

    @Test func everyPacketIsInOneShareTheLargestFirstAndTheParentsIsLighter() {
        let sizes = [("US", 900), ("KR", 400), ("GB", 300), ("DE", 250), ("FR", 200), ("NZ", 40), ("IL", 30), ("PH", 20)]
        let plans = sizes.map { Self.plan($0.0, signatures: $0.1) }
        let shares = RenderWorkers.split(plans, count: 2)
        #expect(shares.flatMap { $0 }.sorted() == Array(plans.indices))
        for share in shares {
            let counts = share.map { plans[$0].signatureCount }
            #expect(counts == counts.sorted(by: >), "a share is rendered largest first: \(counts)")
        }
        let loads = shares.map { $0.reduce(0) { $0 + plans[$1].signatureCount } }
        // The parent (share 0) composes and records as well: it is given less to render.
        #expect(loads[0] < loads[1], "\(loads)")
        #expect(RenderWorkers.split(plans, count: 1) == [Array(shares.flatMap { $0 }.sorted { plans[$0].signatureCount > plans[$1].signatureCount })])
    }

    @Test func aPacketIsClaimedByOneProcessOnly() throws {
        let folder = TestSupport.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(RenderWorkers.claim(folder: folder, stem: "US-1"))
        #expect(!RenderWorkers.claim(folder: folder, stem: "US-1"))
        #expect(RenderWorkers.claim(folder: folder, stem: "US-2"))
        #expect(FileManager.default.fileExists(atPath: RenderWorkers.claimPath(folder: folder, stem: "US-1")))
    }
}
