import EmbassyPacketsCore

/// Reads every input once, in the order given: plain files, zip archives of exports (each
/// member in turn, its rows located as `archive.zip/member.csv:LINE`) and spreadsheets
/// (a workbook's first sheet, located by its row numbers).
public enum InputReader {
    /// The records of all inputs, numbered on across files; each input's manifest record; and
    /// the notices intake made.
    public static func read(_ inputs: [String], reader: SignatureReader) throws -> (records: [SignatureRecord], inputs: [Manifest.Input], notices: [Diagnostic]) {
        var records: [SignatureRecord] = []
        var manifestInputs: [Manifest.Input] = []
        var notices: [Diagnostic] = []
        var seen: [String: String] = [:]
        var fileSheets: [String: String] = [:]
        for path in inputs {
            let bytes = try Generator.readFile(path)
            let sha256 = Generator.sha256Hex(bytes)
            if let earlier = seen[sha256] {
                // Every row would count as its own duplicate: half the rows, and no warning as loud.
                throw PipelineError(
                    stage: .intake,
                    message: "the same export is given twice: '\(path)' holds exactly the bytes of '\(earlier)'; give it once",
                    location: SourceLocation(file: path))
            }
            seen[sha256] = path
            let lower = path.lowercased()
            if [".zip", ".xlsx", ".xlsm"].contains(where: { lower.hasSuffix($0) }) && !ExportContainer.isZip(bytes) {
                throw PipelineError(
                    stage: .intake,
                    message: "the file is named like a zip archive or workbook but is not one (a damaged or unfinished download?): download it again, or export the responses as CSV",
                    location: SourceLocation(file: path))
            }
            var results: [IntakeResult] = []
            var members: [String]?
            if ExportContainer.isZip(bytes) {
                switch try ExportContainer.open(bytes, path: path) {
                case .workbook(let table):
                    members = [table.name]
                    results.append(try reader.read(rows: table.rows, path: path, firstOrder: records.count))
                    records += results.last!.records
                case .members(let files):
                    members = files.map(\.name)
                    for file in files {
                        results.append(try reader.read(bytes: file.bytes, path: "\(path)/\(file.name)", firstOrder: records.count))
                        records += results.last!.records
                    }
                }
            } else {
                let result = try reader.read(bytes: bytes, path: path, firstOrder: records.count)
                if records.isEmpty { records = result.records } else { records += result.records }
                results.append(result)
            }
            for result in results {
                guard let sheet = result.fileSheet, !sheet.isEmpty else { continue }
                // Two files would be one sheet, their lines mixed: refuse, with the fix.
                if let other = fileSheets[sheet] {
                    throw PipelineError(
                        stage: .intake,
                        message: "--source paper: '\(other)' and '\(path)' would both be sheet '\(sheet)' (a file without a Sheet column is one sheet, named by the file): rename one, or add a Sheet column with the ids printed on the sheets",
                        location: SourceLocation(file: path))
                }
                fileSheets[sheet] = path
            }
            let encodings = results.map(\.encodingName)
            let encoding = Set(encodings).count <= 1 ? encodings.first ?? "utf-8" : encodings.joined(separator: ",")
            manifestInputs.append(Manifest.Input(
                // A file named after an address is masked like any other echo of one.
                path: AddressMask.mask(path), sha256: sha256, rows: results.reduce(0) { $0 + $1.records.count },
                encoding: encoding, members: members))
            notices += results.flatMap(\.notices)
        }
        return (records, manifestInputs, notices)
    }
}
