/// A problem found in the input, as a value: the CLI prints it, tests inspect it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    /// A stable identifier such as `signature.invalid-email`.
    public var id: String
    /// A sentence for people. Never holds an email address in the clear.
    public var message: String
    public var location: SourceLocation?
    /// Related places, e.g. the row a duplicate was counted against.
    public var notes: [Note]

    /// A pointer to a related place.
    public struct Note: Sendable, Hashable {
        public var message: String
        public var location: SourceLocation?

        /// Creates a note.
        public init(message: String, location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, id: String, message: String, location: SourceLocation? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.id = id
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `file:line: severity: message [id]`, then one line per note.
    public var description: String {
        var text = ""
        if let location { text += "\(AddressMask.mask(location.description)): " }
        // Whatever a signer typed where, no address leaves in the clear.
        text += "\(severity.rawValue): \(AddressMask.mask(message)) [\(id)]"
        for note in notes {
            text += "\n"
            if let location = note.location { text += "\(AddressMask.mask(location.description)): " }
            text += "note: \(AddressMask.mask(note.message))"
        }
        return text
    }
}

/// An unrecoverable problem, with the stage that failed.
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    /// The pipeline stage.
    public enum Stage: String, Sendable {
        case intake, validation, directory, template, compose, render, output
    }

    public var stage: Stage
    public var message: String
    public var location: SourceLocation?
    /// Further problems (every schema violation, say) behind the first.
    public var diagnostics: [Diagnostic]

    /// Creates an error.
    public init(stage: Stage, message: String, location: SourceLocation? = nil, diagnostics: [Diagnostic] = []) {
        self.stage = stage
        self.message = message
        self.location = location
        self.diagnostics = diagnostics
    }

    /// One line: `file:line: error: message`.
    public var description: String {
        if let location { return "\(AddressMask.mask(location.description)): error: \(AddressMask.mask(message))" }
        return "error: \(AddressMask.mask(message))"
    }
}

/// Hides an email address in anything people read: `j***@example.org`.
public enum EmailMask {
    /// Keeps the first character of the local part and the domain.
    public static func mask(_ email: String) -> String {
        let trimmed = email.trimmingSpaces()
        guard let at = trimmed.lastIndex(of: "@"), at != trimmed.startIndex else { return "***" }
        let first = trimmed[trimmed.startIndex]
        return "\(first)***\(trimmed[at...])"
    }
}
