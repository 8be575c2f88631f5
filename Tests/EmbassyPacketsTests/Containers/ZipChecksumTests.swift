import EmbassyPacketsCore
@testable import EmbassyPacketsPipeline
import Testing

/// A member whose bytes do not match its CRC-32 is refused, stored or deflated: a damaged
/// download must never be read as different signers.
@Suite("Zip checksums")
struct ZipChecksumTests {
    @Test func aStoredMemberWithABadByteIsRefused() throws {
        let csv = "First Name,Last Name,City,Country,Email Address\nOla,Nord,Oslo,Norway,ola@example.no\n"
        var archive = ZipBuilder.zip([("a.csv", csv)])
        // The intact archive reads.
        guard case .members(let members) = try ExportContainer.open(archive, path: "in.zip") else {
            Issue.record("not read as members")
            return
        }
        #expect(members.first?.bytes == Array(csv.utf8))
        // Flip the "O" of "Oslo" inside the stored data.
        let needle = Array("Oslo".utf8)
        let at = try #require(archive.indices.first { archive[$0...].starts(with: needle) })
        archive[at] = UInt8(ascii: "X")
        #expect(throws: PipelineError.self) { try ExportContainer.open(archive, path: "in.zip") }
    }
}
