import ArgumentParser
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
        let handle: FileHandle
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil), let file = FileHandle(forWritingAtPath: out) else {
                Console.error("\(out): error: cannot write the file")
                throw ExitCode(1)
            }
            handle = file
        } else {
            handle = FileHandle.standardOutput
        }
        try SampleGenerator(count: count, seed: seed, format: format).write { chunk in
            try handle.write(contentsOf: Data(chunk.utf8))
        }
        if out != nil { try handle.close() }
    }
}
