import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `embassy-packets`: petition packets for PRC embassies, from signature exports.
public struct EmbassyPacketsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "embassy-packets",
        abstract: "Turns petition signature exports into one print-ready PDF packet per PRC embassy, with a manifest.",
        version: ToolInfo.versionLine,
        subcommands: [Generate.self, Validate.self, Contacts.self, Embassies.self, Verify.self, ManifestCommand.self, Sample.self, Sheets.self, EnvelopesCommand.self])

    public init() {}

    /// Runs the command line and exits: 0 on success, 1 on a failure or (under --strict) a data
    /// problem, 2 on a usage error.
    public static func runMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if let problem = FileLimit.raise() {
                Console.error("error: \(problem)")
                Foundation.exit(1)
            }
            try command.run()
            Foundation.exit(0)
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.raw(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Writes to standard error: every human-facing message of the tool goes there, so that
/// standard output stays free for machine-readable results.
enum Console {
    static func error(_ text: String) { raw(text + "\n") }

    /// Writes bytes to standard error with write(2). A closed stream (EPIPE, with SIGPIPE
    /// ignored) ends the run with exit status 1 instead of trapping as FileHandle does;
    /// what was written before stays written.
    static func raw(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { Foundation.exit(1) }
            offset += written
        }
    }

    /// Prints a pipeline failure and its diagnostics, then fails with exit status 1.
    static func fail(_ error: Error) -> ExitCode {
        if let error = error as? PipelineError {
            Console.error(error.description)
            for diagnostic in error.diagnostics.dropFirst() { Console.error(diagnostic.description) }
        } else if let code = error as? ExitCode {
            return code
        } else {
            Console.error(SystemError.pipelineError(error, stage: .output, doing: "cannot complete the run").description)
        }
        return ExitCode(1)
    }
}

/// The number of files the process may have open. Rendering keeps each font file open (a
/// packet in several scripts uses dozens) besides the inputs and outputs: the soft limit is
/// raised towards the hard one, and a limit too low to render is said up front, in the
/// system's words, instead of failing inside Cairo.
enum FileLimit {
    /// Fewer descriptors than this and rendering may fail.
    static let minimum: rlim_t = 64

    /// Raises the soft limit to the hard limit (at most 4096); returns the problem when the
    /// limit stays below `minimum`.
    static func raise() -> String? {
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return nil }
        let wanted = min(limit.rlim_max, 4096)
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        guard limit.rlim_cur < minimum else { return nil }
        return "the process may open only \(limit.rlim_cur) files (\(String(cString: strerror(EMFILE)))): embassy-packets needs \(minimum) or more; raise the limit (ulimit -n 1024)"
    }
}

