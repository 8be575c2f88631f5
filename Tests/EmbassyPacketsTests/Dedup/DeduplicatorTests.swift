import EmbassyPacketsCore
import Testing

@Suite("Counting each signer once")
struct DeduplicatorTests {
    private func signature(_ line: Int, email: String, at time: Int64?) -> Signature {
        Signature(location: SourceLocation(file: "in.csv", line: line), order: line, submittedAt: time,
                  firstName: "A", lastName: "B", city: "C", region: "", countryCode: "FR", emailKey: EmailAddress.key(email))
    }

    @Test func theEarliestSubmissionCounts() {
        let rows = [
            signature(2, email: "a@example.org", at: 300),
            signature(3, email: " A@Example.org ", at: 100),
            signature(4, email: "b@example.org", at: 200),
            signature(5, email: "a@example.org", at: 200),
        ]
        let (kept, duplicates) = Deduplicator.deduplicate(rows)
        #expect(kept.map(\.location.line) == [3, 4])
        #expect(duplicates.map(\.signature.location.line) == [2, 5])
        #expect(duplicates.allSatisfy { $0.keptAt.line == 3 })
    }

    @Test func withoutTimestampsInputOrderDecides() {
        let rows = [signature(2, email: "a@example.org", at: nil), signature(3, email: "a@example.org", at: 10)]
        let (kept, duplicates) = Deduplicator.deduplicate(rows)
        #expect(kept.map(\.location.line) == [2])
        #expect(duplicates.first?.keptAt.line == 2)
    }

    @Test func equalTimestampsKeepTheFirstRow() {
        let rows = [signature(2, email: "a@example.org", at: 5), signature(3, email: "a@example.org", at: 5)]
        #expect(Deduplicator.deduplicate(rows).kept.map(\.location.line) == [2])
    }
}
