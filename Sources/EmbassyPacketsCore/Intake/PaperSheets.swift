/// Rows typed in from paper signature sheets (`embassy-packets sheets` prints them): a file
/// with a `Sheet` column, or every file under `--source paper`. Each such row's origin becomes
/// `SHEET-ID:LINE`, the sheet and the numbered line a coordinator can find on paper, in every
/// report and warning; it may have no email (the validator then counts it once by name, city
/// and country).
extension SignatureReader {
    /// The longest sheet id taken.
    static let maximumSheetID = 40
    /// The highest line number a sheet can have.
    static let maximumSheetLine = 9_999

    /// True for a sheet id as `sheets` prints it, or as a coordinator names one: letters,
    /// digits, `-`, `_` and `.` (nothing that could hold an address or move a path).
    static func isSheetID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maximumSheetID
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
            && text.first != "."
    }

    /// The sheet id a file without a `Sheet` column stands for under `--source paper`: its
    /// name without the extension, every character an id cannot hold made a `-`
    /// ("my sheets (1).csv" → `my-sheets-1`).
    static func sheetID(ofFile path: String) -> String {
        var id = ""
        for scalar in UserPath.stem(path).unicodeScalars {
            let ok = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || scalar == "_" || scalar == "." || scalar == "-")
            if ok {
                id.unicodeScalars.append(scalar)
            } else if !id.isEmpty && id.last != "-" {
                id.append("-")
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        while id.hasPrefix(".") || id.hasPrefix("-") { id.removeFirst() }
        return String(id.prefix(maximumSheetID)).uppercased()
    }

    /// Gives paper rows their sheet origin. Under `--source paper` (`paper`), a file without a
    /// `Sheet` column is one sheet, named by the file; returns that id, or nil.
    @discardableResult
    func placeOnSheets(_ records: inout [SignatureRecord], headers: [String], path: String, notices: inout [Diagnostic]) -> String? {
        let map = ColumnMap(headers: headers, overrides: overrides)
        guard paper || map.isPaper else { return nil }
        let fileSheet = map.isPaper ? nil : Self.sheetID(ofFile: path)
        if fileSheet == "" {
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.intakePaperLines,
                message: "--source paper: the file's name gives no sheet id and it has no Sheet column: its rows are rejected; add a Sheet column with the ids printed on the sheets",
                location: SourceLocation(file: path)))
        }
        // First the lines as typed: a row without a number goes after its sheet's last
        // numbered line, wherever in the file that line is.
        var typedLines: [Int?] = Array(repeating: nil, count: records.count)
        var last: [String: Int] = [:]
        for index in records.indices where records[index].decodingProblem == nil {
            if let fileSheet { records[index].sheet = fileSheet }
            // Ids are printed in capitals; a typist's "fr-261201-001" is the same sheet.
            let sheet = records[index].sheet.uppercased()
            records[index].sheet = sheet
            if sheet.isEmpty && !paper {
                // A Sheet column with no id in this row: an online row in the same sheet of the
                // spreadsheet is read as one, and needs its email; a paper row without an email
                // is told to give its sheet.
                if records[index].email.trimmingSpaces().isEmpty {
                    records[index].decodingProblem = "the Sheet field is empty and so is the Email Address: a row typed in from paper needs the sheet id printed at the top of its sheet"
                    records[index].problemID = DiagnosticID.signatureInvalidSheet
                }
                continue
            }
            guard Self.isSheetID(sheet) else {
                records[index].decodingProblem = sheet.isEmpty
                    ? "the Sheet field is empty: type the sheet id printed at the top of the paper sheet"
                    : "the Sheet field does not hold a sheet id (letters, digits, '-', '_' and '.', at most \(Self.maximumSheetID)): type the id printed at the top of the paper sheet"
                records[index].problemID = DiagnosticID.signatureInvalidSheet
                // A value that is not an id is not kept as the row's origin.
                records[index].sheet = ""
                continue
            }
            let typed = records[index].sheetLine
            if let line = Int(typed), (1...Self.maximumSheetLine).contains(line) {
                typedLines[index] = line
                last[sheet] = max(last[sheet] ?? 0, line)
            }
        }
        var unnumbered: [SourceLocation] = []
        var origins: [SourceLocation: [SourceLocation]] = [:]
        for index in records.indices where records[index].decodingProblem == nil && records[index].isPaper {
            let sheet = records[index].sheet
            let line: Int
            if let typed = typedLines[index] {
                line = typed
            } else {
                line = (last[sheet] ?? 0) + 1
                last[sheet] = line
                unnumbered.append(records[index].location)
            }
            let origin = SourceLocation(file: sheet, line: line)
            origins[origin, default: []].append(records[index].location)
            records[index].location = origin
        }
        if !unnumbered.isEmpty {
            let count = unnumbered.count
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.intakePaperLines,
                message: "\(count) row\(count == 1 ? "" : "s") of paper sheets \(count == 1 ? "has" : "have") no line number from 1 to \(Self.maximumSheetLine) in the Line column (\(Self.lines(unnumbered.map(\.line)))): numbered after \(count == 1 ? "its" : "their") sheet's last numbered line",
                location: SourceLocation(file: path)))
        }
        let twice = origins.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        if !twice.isEmpty {
            let shown = twice.prefix(5).map { "\($0.key) (\(Self.lines($0.value.map(\.line))))" }.joined(separator: ", ")
            notices.append(Diagnostic(
                .warning, id: DiagnosticID.intakePaperLines,
                message: "\(twice.count) sheet line\(twice.count == 1 ? " is" : "s are") typed more than once: \(shown)\(twice.count > 5 ? ", ..." : ""); check the Sheet and Line of those rows against the paper",
                location: SourceLocation(file: path)))
        }
        return fileSheet
    }
}
