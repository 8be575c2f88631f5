import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation

/// `embassy-packets`: petition packets for PRC embassies, from signature exports.
public struct EmbassyPacketsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "embassy-packets",
        abstract: "Turns petition signature exports into one print-ready PDF packet per PRC embassy, with a manifest.",
        version: ToolInfo.version,
        subcommands: [Generate.self, Validate.self, Embassies.self])

    public init() {}
}

/// Writes to standard error: every human-facing message of the tool goes there, so that
/// standard output stays free for machine-readable results.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints a pipeline failure and its diagnostics, then fails with exit status 1.
    static func fail(_ error: Error) -> ExitCode {
        if let error = error as? PipelineError {
            Console.error(error.description)
            for diagnostic in error.diagnostics.dropFirst() { Console.error(diagnostic.description) }
        } else {
            Console.error("error: \(error)")
        }
        return ExitCode(1)
    }
}
