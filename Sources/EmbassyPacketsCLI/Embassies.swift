import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import EmbassyPacketsXML
import Foundation

/// `embassy-packets embassies`: the directory, as a table, as JSON, or checked.
struct Embassies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List or check the embassy directory.",
        discussion: """
            Without options, prints one line per country: code, class, mission (or the country \
            whose embassy serves it), city. --json prints the directory as a JSON array. --check \
            validates every file against Embassies/embassy.rng, prints coverage of ISO 3166-1, \
            and lists records whose facts were last checked over a year ago; it exits 1 when a \
            file is invalid or a code is unclassified.
            """)

    @Option(name: .customLong("embassies"), help: ArgumentHelp("The embassy directory (default: $EMBASSY_PACKETS_DATA/Embassies, else the one installed with the tool).", valueName: "FOLDER"))
    var embassiesOption: String?

    /// The directory to read: --embassies, else the one found (see `DataFiles`).
    var embassies: String {
        get throws { try DataFiles.embassies(embassiesOption) }
    }

    @Flag(name: .long, help: "Print the directory as JSON.")
    var json = false

    @Flag(name: .long, help: "Validate every file and print coverage and stale records.")
    var check = false

    func validate() throws {
        if json && check { throw ValidationError("--json and --check do not go together") }
    }

    func run() throws {
        if check { return try runCheck() }
        let directory: EmbassyDirectory
        do {
            let folder = try embassies
            Console.error("embassy-packets: the directory in \(folder)")
            directory = try EmbassyDirectoryLoader.load(folder: folder)
        } catch {
            throw Console.fail(error)
        }
        let listing = DirectoryListing.listing(directory)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(listing), as: UTF8.self))
            return
        }
        for item in listing {
            let mission: String
            switch item.class {
            case "embassy": mission = (item.mission ?? "") + (item.addressVerified == false ? " (address unverified)" : "")
            case "accredited": mission = "served by the embassy in \(CountryNames.inSentence(directory[item.accreditedTo ?? ""]?.countryName ?? item.accreditedTo ?? "?"))"
            default: mission = "—"
            }
            let name = item.name.count > 26 ? String(item.name.prefix(25)) + "…" : item.name
            print([item.country, name.padding(toLength: 26, withPad: " ", startingAt: 0), item.class.padding(toLength: 12, withPad: " ", startingAt: 0), mission, item.city ?? ""]
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            for consulate in item.consulates {
                print("    consulate: \(consulate.name), \(consulate.city) — \(consulate.district.count) subdivisions")
            }
        }
    }

    private func runCheck() throws {
        let today = Generate.dates(option: nil, environment: ProcessInfo.processInfo.environment).0
        let folder: String
        do { folder = try embassies } catch { throw Console.fail(error) }
        Console.error("embassy-packets: checking the directory in \(folder)")
        let result = DirectoryCheck.run(folder: folder, today: today)
        for error in result.errors { Console.error(error.description) }
        let total = result.byClass.values.reduce(0, +)
        print("records: \(total)")
        for missionClass in MissionClass.allCases {
            print("  \(missionClass.rawValue): \(result.byClass[missionClass] ?? 0)")
        }
        print("ISO 3166-1 codes without a record: \(result.unclassified.isEmpty ? "none" : result.unclassified.joined(separator: " "))")
        print("embassies with a confirmed street address: \(result.verifiedEmbassies) of \(result.embassies)")
        print("consulates: \(result.consulates)")
        print("records not checked since \(LetterDate(secondsSince1970: today.secondsSince1970 - 365 * 86_400)): \(result.stale.isEmpty ? "none" : result.stale.map { "\($0.code) (\($0.checked))" }.joined(separator: " "))")
        if !result.passed { throw ExitCode(1) }
    }
}
