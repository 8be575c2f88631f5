import ArgumentParser
import EmbassyPacketsCore
import EmbassyPacketsPipeline

/// `embassy-packets contacts INPUT... --out FILE`: the coalition's own follow-up list.
struct Contacts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the signers whose consent answer allows contact, for the coalition's own follow-up.",
        discussion: """
            Reads the same exports as generate, counts each signer once, and writes FILE (CSV, \
            UTF-8) with the name, email address, country and consent answer of every signer whose \
            answer to "How may we use your email address?" allows contact. A signer is written only \
            when their latest answer allows it and no submission of theirs refused it; answers the \
            rules cannot read are listed on stderr and written only when --allow names them. \
            Never part of generate: the packets, manifest and reports carry no address and no answer. \
            FILE holds email addresses: keep it inside the coalition.
            """)

    @OptionGroup var intake: IntakeArguments

    @Option(name: .long, help: ArgumentHelp("The CSV file to write (never replaced without --force).", valueName: "FILE"))
    var out: String

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("An answer (exactly as the form offers it) that allows contact. Repeatable.", valueName: "ANSWER"))
    var allow: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("An answer that refuses contact. Repeatable.", valueName: "ANSWER"))
    var deny: [String] = []

    @Flag(name: .long, help: "Replace FILE if it exists.")
    var force = false

    func validate() throws {
        if intake.dedup == .name { throw ValidationError("contacts needs email addresses: --dedup name has none") }
    }

    func run() throws {
        let summary: EmbassyPacketsPipeline.Contacts.Summary
        do {
            summary = try EmbassyPacketsPipeline.Contacts.write(
                inputs: intake.inputs, intake: intake.intakeOptions, embassiesFolder: try intake.embassies, output: out, force: force,
                allow: Set(allow.map { $0.trimmingSpaces().lowercased() }), deny: Set(deny.map { $0.trimmingSpaces().lowercased() }))
        } catch {
            throw Console.fail(error)
        }
        intake.printNotices(summary.notices)
        if !intake.quiet {
            for answer in summary.answers {
                let label = answer.answer.isEmpty ? "(no answer)" : "'\(AddressMask.mask(answer.answer))'"
                Console.error("  \(answer.signers) signer\(answer.signers == 1 ? "" : "s") answered \(label): \(Self.describe(answer.choice))")
            }
            Console.error(
                "embassy-packets: \(summary.allows) of \(summary.signers) signers allow contact, written to \(out); \(summary.refuses) refused, \(summary.unanswered) gave no answer, \(summary.unclear) gave an answer the rules cannot read; \(summary.duplicates) duplicate and \(summary.rejected) rejected rows left out\(summary.withoutEmail > 0 ? ", and \(summary.withoutEmail) paper row\(summary.withoutEmail == 1 ? "" : "s") without an email" : "")")
        }
        if summary.unclear > 0 {
            Console.error("warning: \(summary.unclear) signer\(summary.unclear == 1 ? "" : "s") gave an answer that is neither a yes nor a no to the rules; name it with --allow ANSWER or --deny ANSWER [contacts.unclear-answer]")
        }
    }

    static func describe(_ choice: ConsentChoice) -> String {
        switch choice {
        case .allows: return "contact allowed, written"
        case .refuses: return "contact refused, left out"
        case .none: return "left out"
        case .unclear: return "unclear, left out (use --allow or --deny)"
        }
    }
}
