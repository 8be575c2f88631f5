/// Every diagnostic id the tool uses, in one namespace: the stable names (`signature.duplicate`)
/// that messages end with, reports list and coordinators' scripts match. A stage names the id
/// from here, never as a string of its own.
public enum DiagnosticID {
    public static let dedupByName = "dedup.by-name"
    public static let directoryConsistency = "directory.consistency"
    public static let directoryEmpty = "directory.empty"
    public static let directoryIncompleteAddress = "directory.incomplete-address"
    public static let directoryRecord = "directory.record"
    public static let directorySchema = "directory.schema"
    public static let directoryUnverifiedAddress = "directory.unverified-address"
    public static let envelopesCheckBeforePosting = "envelopes.check-before-posting"
    public static let envelopesDirectoryChanged = "envelopes.directory-changed"
    public static let envelopesNoSender = "envelopes.no-sender"
    public static let envelopesSenderChanged = "envelopes.sender-changed"
    public static let intakeAmbiguousDateOrder = "intake.ambiguous-date-order"
    public static let intakeDamagedText = "intake.damaged-text"
    public static let intakeDateOrderIgnored = "intake.date-order-ignored"
    public static let intakeEmailColumn = "intake.email-column"
    public static let intakeEncodingDetected = "intake.encoding-detected"
    public static let intakeFutureTimestamp = "intake.future-timestamp"
    public static let intakeHeaderChanges = "intake.header-changes"
    public static let intakeJsonLines = "intake.json-lines"
    public static let intakeMostlyUndelivered = "intake.mostly-undelivered"
    public static let intakePaperLines = "intake.paper-lines"
    public static let intakeSeveralColumns = "intake.several-columns"
    public static let intakeUnknownColumnOverride = "intake.unknown-column-override"
    public static let intakeUnreadableTimestamp = "intake.unreadable-timestamp"
    public static let renderJobsCapped = "render.jobs-capped"
    public static let renderSplitRow = "render.split-row"
    public static let renderUnknownGlyphs = "render.unknown-glyphs"
    public static let routeAccredited = "route.accredited"
    public static let routeNoDirectoryEntry = "route.no-directory-entry"
    public static let routeNoMission = "route.no-mission"
    public static let routeNoRelations = "route.no-relations"
    public static let routeOverridesEmbassy = "route.overrides-embassy"
    public static let routeSpecial = "route.special"
    public static let signatureCountryGuessed = "signature.country-guessed"
    public static let signatureDuplicate = "signature.duplicate"
    public static let signatureEmailInField = "signature.email-in-field"
    public static let signatureFieldTooLong = "signature.field-too-long"
    public static let signatureHeaderRow = "signature.header-row"
    public static let signatureInvalidEmail = "signature.invalid-email"
    public static let signatureInvalidSheet = "signature.invalid-sheet"
    public static let signatureMissingCity = "signature.missing-city"
    public static let signatureMissingCountry = "signature.missing-country"
    public static let signatureMissingEmail = "signature.missing-email"
    public static let signatureMissingName = "signature.missing-name"
    public static let signatureNameTooLong = "signature.name-too-long"
    public static let signatureUnclosedQuote = "signature.unclosed-quote"
    public static let signatureUnknownCountry = "signature.unknown-country"
    public static let signatureUnreadable = "signature.unreadable"
    public static let signatureWrongFieldCount = "signature.wrong-field-count"

    /// All of them, for checks and documentation.
    public static let all: [String] = [
        dedupByName,
        directoryConsistency,
        directoryEmpty,
        directoryIncompleteAddress,
        directoryRecord,
        directorySchema,
        directoryUnverifiedAddress,
        envelopesCheckBeforePosting,
        envelopesDirectoryChanged,
        envelopesNoSender,
        envelopesSenderChanged,
        intakeAmbiguousDateOrder,
        intakeDamagedText,
        intakeDateOrderIgnored,
        intakeEmailColumn,
        intakeEncodingDetected,
        intakeFutureTimestamp,
        intakeHeaderChanges,
        intakeJsonLines,
        intakeMostlyUndelivered,
        intakePaperLines,
        intakeSeveralColumns,
        intakeUnknownColumnOverride,
        intakeUnreadableTimestamp,
        renderJobsCapped,
        renderSplitRow,
        renderUnknownGlyphs,
        routeAccredited,
        routeNoDirectoryEntry,
        routeNoMission,
        routeNoRelations,
        routeOverridesEmbassy,
        routeSpecial,
        signatureCountryGuessed,
        signatureDuplicate,
        signatureEmailInField,
        signatureFieldTooLong,
        signatureHeaderRow,
        signatureInvalidEmail,
        signatureInvalidSheet,
        signatureMissingCity,
        signatureMissingCountry,
        signatureMissingEmail,
        signatureMissingName,
        signatureNameTooLong,
        signatureUnclosedQuote,
        signatureUnknownCountry,
        signatureUnreadable,
        signatureWrongFieldCount,
    ]
}
