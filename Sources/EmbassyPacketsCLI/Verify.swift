import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

/// `embassy-packets verify DIR`
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an output folder against its manifest.",
        discussion: """
            Checks that every file DIR/manifest.json names exists with its sha256 and page count, \
            that nothing else is in DIR/packets, and that the manifest's figures add up. Exits 1 \
            and lists every difference when anything differs.
            """)

    @Argument(help: ArgumentHelp("The output folder of a generate run.", valueName: "DIR"))
    var folder: String

    func run() throws {
        let result: Verification.Result
        do {
            result = try Verification.run(folder: folder)
        } catch {
            throw Console.fail(error)
        }
        for problem in result.problems { Console.error("\(folder): \(problem)") }
        guard result.problems.isEmpty else {
            Console.error("embassy-packets: verify: \(result.problems.count) differences in \(folder)")
            throw ExitCode(1)
        }
        Console.error("embassy-packets: verify: \(result.filesChecked) files match \(folder)/manifest.json")
    }
}

/// `embassy-packets manifest ...`
struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest", abstract: "Work with manifests.", subcommands: [Merge.self])

    /// `embassy-packets manifest merge A B ...`
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the manifests of a sharded run (generate --shard K/N) into one.",
            discussion: """
                The manifests must come from the same inputs, date, templates, directory and \
                options, and cover every shard once. The merged manifest goes to stdout, or to \
                --out FILE (with the merged delivered.txt beside it when the shards kept one).
                """)

        @Argument(help: ArgumentHelp("The shards' manifest.json files.", valueName: "MANIFEST"))
        var manifests: [String]

        @Option(name: .long, help: ArgumentHelp("Write the merged manifest here instead of stdout.", valueName: "FILE"))
        var out: String?

        func run() throws {
            do {
                let (manifest, delivered) = try ManifestMerge.merge(manifests)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let text = String(decoding: try encoder.encode(manifest), as: UTF8.self) + "\n"
                if let out {
                    try Generator.writeManifest(manifest, to: out)
                    if let delivered {
                        try Data(delivered).write(to: URL(fileURLWithPath: UserPath.join(UserPath.parent(out), "delivered.txt")))
                    }
                } else {
                    print(text, terminator: "")
                }
            } catch let error as ExitCode {
                throw error
            } catch {
                throw Console.fail(error)
            }
        }
    }
}
