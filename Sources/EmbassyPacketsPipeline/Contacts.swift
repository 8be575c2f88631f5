import EmbassyPacketsCore
import EmbassyPacketsXML
import Foundation

/// `contacts`: the signers whose answer to "How may we use your email address?" allows the
/// coalition to contact them, for its own follow-up. Never part of `generate`: the packets,
/// the manifest and the reports carry neither the answer nor the address.
public enum Contacts {
    /// What a contacts run found.
    public struct Summary: Sendable {
        /// Signers counted once.
        public var signers = 0
        public var allows = 0
        public var refuses = 0
        public var unanswered = 0
        public var unclear = 0
        /// Rows that are not signatures (rejected), and duplicates folded into their signer.
        public var rejected = 0
        public var duplicates = 0
        /// Paper signers who gave no email: counted in the packets, never written here.
        public var withoutEmail = 0
        /// Each distinct answer, how it was read, and how many signers gave it.
        public var answers: [(answer: String, choice: ConsentChoice, signers: Int)] = []
        /// What intake decided on its own or warns about (encodings, date order, ...).
        public var notices: [Diagnostic] = []
        /// True when some row answered the consent question.
        public var consentColumn: Bool = false
    }

    /// Reads the inputs, counts each signer once and writes the CSV of those who allow contact
    /// to `output` (UTF-8 with a byte-order mark). A signer is written when their latest
    /// answer allows contact and no submission of theirs refused it.
    public static func write(
        inputs: [String], intake: IntakeOptions, embassiesFolder: String, output: String, force: Bool,
        allow: Set<String>, deny: Set<String>
    ) throws -> Summary {
        guard intake.dedup != .name else {
            throw PipelineError(stage: .intake, message: "contacts needs email addresses: --dedup name has none to write")
        }
        if FileManager.default.fileExists(atPath: output) && !force {
            throw PipelineError(
                stage: .output, message: "'\(output)' exists: contacts never replaces a file unless --force is given",
                location: SourceLocation(file: output))
        }
        let directory = try EmbassyDirectoryLoader.load(folder: embassiesFolder)
        var reader = SignatureReader(overrides: intake.columns, encoding: intake.encoding, dateOrder: intake.dateOrder)
        reader.latest = Int64(Date().timeIntervalSince1970) + 86_400
        reader.paper = intake.paper
        let (records, _, notices) = try InputReader.read(inputs, reader: reader)
        let validator = Validator(countries: CountryResolver(directory: directory), dedup: intake.dedup)
        var summary = Summary()
        summary.notices = notices
        struct Signer {
            var first: String, last: String, email: String, country: String, signed: Int64?
            var latest: (at: Int64?, order: Int, answer: String)
            var refused = false
        }
        var signers: [String: Signer] = [:]
        var order: [String] = []
        for record in records {
            if !record.consent.isEmpty { summary.consentColumn = true }
            let validated = validator.validate(record)
            if case .success(let signature) = validated, signature.paperWithoutEmail {
                summary.withoutEmail += 1
                continue
            }
            guard case .success(let signature) = validated,
                let email = EmailCanonicalizer.canonical(record.email.trimmingSpaces())
            else {
                summary.rejected += 1
                continue
            }
            let answer = TextNormalizer.clean(record.consent)
            let choice = ConsentChoice.classify(answer, allow: allow, deny: deny)
            if var signer = signers[signature.emailKey] {
                summary.duplicates += 1
                signer.refused = signer.refused || choice == .refuses
                if isLater((record.submittedAt, record.order), than: (signer.latest.at, signer.latest.order)) {
                    signer.latest = (record.submittedAt, record.order, answer)
                }
                if let at = signature.submittedAt, signer.signed.map({ at < $0 }) ?? true { signer.signed = at }
                signers[signature.emailKey] = signer
            } else {
                signers[signature.emailKey] = Signer(
                    first: signature.firstName, last: signature.lastName, email: email, country: signature.countryCode,
                    signed: signature.submittedAt, latest: (record.submittedAt, record.order, answer), refused: choice == .refuses)
                order.append(signature.emailKey)
            }
        }
        guard summary.consentColumn else {
            throw PipelineError(
                stage: .intake,
                message: "no row answers 'How may we use your email address?' (no such column, or every answer empty): name the column with --column consent=HEADER",
                location: SourceLocation(file: inputs[0]))
        }
        var csv = CSVWriter(header: ["First Name", "Last Name", "Email Address", "Country", "How may we use your email address?", "Signed (UTC)"])
        var answers: [String: (ConsentChoice, Int)] = [:]
        for key in order {
            let signer = signers[key]!
            var choice = ConsentChoice.classify(signer.latest.answer, allow: allow, deny: deny)
            if signer.refused { choice = .refuses }
            answers[signer.latest.answer, default: (choice, 0)].1 += 1
            summary.signers += 1
            switch choice {
            case .allows:
                summary.allows += 1
                csv.append([
                    signer.first, signer.last, signer.email, signer.country, signer.latest.answer,
                    signer.signed.map(Formatting.isoInstant) ?? "",
                ])
            case .refuses: summary.refuses += 1
            case .none: summary.unanswered += 1
            case .unclear: summary.unclear += 1
            }
        }
        summary.answers = answers.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.signers != $1.signers ? $0.signers > $1.signers : $0.answer < $1.answer }
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data(csv.text.utf8))
        try Generator.writeFile([UInt8](data), to: output)
        return summary
    }

    static func isLater(_ a: (Int64?, Int), than b: (Int64?, Int)) -> Bool {
        if let ta = a.0, let tb = b.0, ta != tb { return ta > tb }
        return a.1 > b.1
    }
}
