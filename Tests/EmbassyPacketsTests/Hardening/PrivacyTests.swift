import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
import Testing

/// Thousands of distinct emails go in; no byte the tool writes holds one — PDFs decompressed
/// with qpdf, the manifest, the index, the delivered list, the reports (where emails appear
/// only masked), stdout and stderr.
@Suite("Privacy")
struct PrivacyTests {
    @Test func noEmailLeavesTheTool() throws {
        let scratch = TestSupport.temporaryFolder()
        let input = scratch + "/sample.csv"
        #expect(try TestSupport.run(TestSupport.executable, ["sample", "--count", "4000", "--seed", "11", "--out", input]).status == 0)
        // Some emails in odd shapes too.
        var text = try String(contentsOfFile: input, encoding: .utf8)
        for index in 0..<200 {
            text += "2017/03/20 1:00:00 PM GMT,Élodie,Martin,Lyon,,France,Elodie.Martin+\(index)@Mail.Example.FR,\r\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        let emails = Set(text.split(separator: "\r\n").dropFirst().compactMap { line -> String? in
            line.split(separator: ",").first { $0.contains("@") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }).filter { $0 != "not-an-email" }
        #expect(emails.count > 4000)

        var environment = ProcessInfo.processInfo.environment
        environment["EMBASSY_PACKETS_KEY"] = "privacy test key of enough bytes"
        let out = scratch + "/out"
        let run = try TestSupport.run(
            TestSupport.executable, ["generate", input, "--out", out, "--date", "2026-11-29", "--json", "--route", "TW=US"],
            environment: environment, currentDirectory: TestSupport.root)
        #expect(run.status == 0, "\(run.stderr)")
        let written = [("stdout", run.stdout), ("stderr", run.stderr)] + (try TestSupport.outputTexts(out)).map { ($0.name, $0.text) }
        #expect(written.contains { $0.0 == "delivered.txt" } && written.contains { $0.0 == "index.pdf" } && written.contains { $0.0 == "reports/rejected.csv" })
        #expect(written.count > 20)
        // Every run of text around an @ in the output, against every email that went in.
        let pattern = try NSRegularExpression(pattern: #"[^\s"'<>(),;\[\]{}]+@[^\s"'<>(),;\[\]{}]+"#)
        for (name, content) in written {
            let lowered = content.lowercased()
            var found = Set<String>()
            for match in pattern.matches(in: lowered, range: NSRange(lowered.startIndex..., in: lowered)) {
                found.insert(String(lowered[Range(match.range, in: lowered)!]))
            }
            let leaked = found.filter { token in emails.contains(token) || emails.contains { token.contains($0) } && !token.contains("***") }
            #expect(leaked.isEmpty, "\(name) holds email addresses: \(leaked.prefix(3))")
        }
        // The reports point at rows with the email masked.
        let rejected = written.first { $0.0 == "reports/rejected.csv" }!.1
        #expect(rejected.contains("***@example.org"))
    }
}
