import ArgumentParser
import EmbassyPacketsPipeline
import EmbassyPacketsCore
import Foundation

extension SampleGenerator.Format: ExpressibleByArgument {}

/// `embassy-packets sample --count N`
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic, made-up signatures for trying the tool and for benchmarks.",
        discussion: """
            The same seed always gives the same file: names in many scripts, the country mix of \
            an international petition, Google Forms' columns and timestamps, and about 1% \
            resubmissions and 0.5% bad rows, as real exports have. Every email is at example.org.
            """)

    @Option(name: .long, help: "How many rows.")
    var count: Int

    @Option(name: .long, help: "The seed: the same seed gives the same rows.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "csv (Google Forms) or json (an array of objects).")
    var format: SampleGenerator.Format = .csv

    @Option(name: .long, help: ArgumentHelp("Write to FILE instead of stdout.", valueName: "FILE"))
    var out: String?

    func validate() throws {
        if count < 0 { throw ValidationError("--count cannot be negative") }
    }

    func run() throws {
        do {
            if let out {
                let file = try OutputFile(path: out)
                try SampleGenerator(count: count, seed: seed, format: format).write { chunk in try file.write(Array(chunk.utf8)) }
                try file.finish()
            } else {
                let file = try OutputFile(path: "/dev/stdout")
                try SampleGenerator(count: count, seed: seed, format: format).write { chunk in try file.write(Array(chunk.utf8)) }
            }
        } catch {
            throw Console.fail(error)
        }
    }
}
