/// Rows typed in from paper signature sheets (`embassy-packets sheets` prints them): a file
/// with a `Sheet` column, or every file under `--source paper`. Each such row's origin becomes
/// `SHEET-ID:LINE`, the sheet and the numbered line a coordinator can find on paper, in every
/// report and warning; it may have no email (the validator then counts it once by name, city
/// and country).
extension SignatureReader {
    /// The longest sheet id taken.
    static let maximumSheetID = 40

    /// True for a sheet id as `sheets` prints it, or as a coordinator names one: letters,
    /// digits, `-`, `_` and `.` (nothing that could hold an address or move a path).
    static func isSheetID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maximumSheetID
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
            && text.first != "."
    }

    /// Gives paper rows their sheet origin. `all` is `--source paper`: a file without a `Sheet`
    /// column is one sheet, named by the file's name.
    func placeOnSheets(_ records: inout [SignatureRecord], headers: [String], path: String, notices: inout [Diagnostic]) {
        let map = ColumnMap(headers: headers, overrides: overrides)
        let all = paper
        guard all || map.isPaper else { return }
        let fileSheet = UserPath.stem(path)
        var lines: [String: Int] = [:]
        var unnumbered = 0
        for index in records.indices where records[index].decodingProblem == nil {
            if records[index].sheet.isEmpty && !map.isPaper { records[index].sheet = fileSheet }
            let sheet = records[index].sheet
            guard Self.isSheetID(sheet) else {
                records[index].decodingProblem = sheet.isEmpty
                    ? "the Sheet field is empty: type the sheet id printed at the top of the paper sheet"
                    : "the Sheet field does not hold a sheet id (letters, digits, '-', '_' and '.', at most \(Self.maximumSheetID)): type the id printed at the top of the paper sheet"
                records[index].problemID = DiagnosticID.signatureInvalidSheet
                // A value that is not an id is not kept as the row's origin.
                records[index].sheet = ""
                continue
            }
            let typed = Int(records[index].sheetLine).flatMap { (1...9_999).contains($0) ? $0 : nil }
            let line: Int
            if let typed {
                line = typed
                lines[sheet] = max(lines[sheet] ?? 0, typed)
            } else {
                // No number typed: the rows of the sheet are numbered in the order they were typed.
                line = (lines[sheet] ?? 0) + 1
                lines[sheet] = line
                unnumbered += 1
            }
            records[index].location = SourceLocation(file: sheet, line: line)
        }
        if unnumbered > 0 {
            notices.append(Diagnostic(
                .note, id: DiagnosticID.intakePaperLines,
                message: "\(unnumbered) row\(unnumbered == 1 ? "" : "s") of paper sheets \(unnumbered == 1 ? "has" : "have") no line number (a Line column): numbered in the order typed, after the sheet's last numbered line",
                location: SourceLocation(file: path)))
        }
    }
}
