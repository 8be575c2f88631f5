import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// The acceptance test for intake: one cast of 12 signers and one resubmission, exported in the
/// shapes real platforms write (Google Forms and Sheets in many languages, Microsoft Forms,
/// Typeform, Action Network, Excel; see Fixtures/exports/README.md for the source of each shape).
/// Each file must be read with no flags: every signer accepted with the right name, country and
/// signing instant, the resubmission counted once against the original, nothing rejected.
@Suite("Real exports")
struct RealExportTests {
    /// What `Fixtures/exports/make.py` wrote into `expected.json`.
    struct Expected: Decodable {
        var fixtures: [String: Fixture]

        struct Fixture: Decodable {
            var layout: String
            var signers: [Signer]
            var duplicate: Duplicate
        }

        struct Signer: Decodable {
            var line: Int
            var firstName: String
            var lastName: String
            var countryCode: String
            var submittedAt: Int64?
            var submittedAtISO: String?
        }

        struct Duplicate: Decodable {
            var line: Int
            var keptAt: Int
            var submittedAt: Int64?
            var submittedAtISO: String?
        }
    }

    static let folder = TestSupport.path("Tests/EmbassyPacketsTests/Fixtures/exports")

    static let expected: Expected = {
        let url = URL(fileURLWithPath: folder + "/expected.json")
        return try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }()

    static let files: [String] = expected.fixtures.keys.sorted()

    @Test("Every signer is read as written, counted once, at the instant they signed", arguments: files)
    func readsTheExportAsWritten(file: String) throws {
        let fixture = try #require(Self.expected.fixtures[file])
        let run = try Generator.prepare(
            inputs: [Self.folder + "/" + file], intake: IntakeOptions(), embassiesFolder: TestSupport.embassies, templatePath: nil)
        let sorted = run.sorted

        #expect(
            sorted.rejected.isEmpty,
            "\(file): \(sorted.rejected.count) rejected: \(sorted.rejected.map { "line \($0.location.line) [\($0.reason.id)]" })")

        let accepted = sorted.plans.flatMap { $0.sections.flatMap(\.signatures) } + sorted.unrouted.map(\.signature)
        #expect(
            accepted.count == fixture.signers.count,
            "\(file): \(accepted.count) signers accepted, expected \(fixture.signers.count)")
        let byLine = Dictionary(accepted.map { ($0.location.line, $0) }, uniquingKeysWith: { first, _ in first })

        for signer in fixture.signers {
            guard let signature = byLine[signer.line] else {
                Issue.record("\(file):\(signer.line): \(signer.firstName) \(signer.lastName) was not accepted")
                continue
            }
            #expect(signature.firstName == signer.firstName, "\(file):\(signer.line): first name")
            #expect(signature.lastName == signer.lastName, "\(file):\(signer.line): last name")
            #expect(signature.countryCode == signer.countryCode, "\(file):\(signer.line): country")
            #expect(
                signature.submittedAt == signer.submittedAt,
                "\(file):\(signer.line): signed at \(Self.iso(signature.submittedAt)), expected \(signer.submittedAtISO ?? "none")")
        }

        #expect(
            sorted.duplicates.count == 1,
            "\(file): \(sorted.duplicates.count) duplicates at lines \(sorted.duplicates.map(\.signature.location.line)), expected 1")
        if let duplicate = sorted.duplicates.first {
            #expect(
                duplicate.signature.location.line == fixture.duplicate.line && duplicate.keptAt.line == fixture.duplicate.keptAt,
                "\(file): line \(duplicate.signature.location.line) counted against line \(duplicate.keptAt.line), expected line \(fixture.duplicate.line) against line \(fixture.duplicate.keptAt)")
            #expect(
                duplicate.signature.submittedAt == fixture.duplicate.submittedAt,
                "\(file):\(duplicate.signature.location.line): resubmitted at \(Self.iso(duplicate.signature.submittedAt)), expected \(fixture.duplicate.submittedAtISO ?? "none")")
        }
    }

    /// An instant as ISO 8601, for messages.
    static func iso(_ seconds: Int64?) -> String {
        guard let seconds else { return "none" }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
