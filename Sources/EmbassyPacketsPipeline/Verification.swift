import EmbassyPacketsCore
import Foundation

/// `verify DIR`: every file the manifest names is there with its SHA-256 and page count, and
/// nothing else is in `packets/`.
public enum Verification {
    /// A JSON decoding failure in a sentence: which key is missing or of the wrong type.
    static func decodingReason(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String { keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "it has no '\(key.stringValue)'\(at.isEmpty ? "" : " in '\(at)'")"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "'\(path(context.codingPath))' has the wrong type"
        case DecodingError.dataCorrupted:
            return "it is not valid JSON"
        default:
            return "it cannot be read"
        }
    }

    /// What was checked.
    public struct Result: Sendable {
        /// One line per difference; empty when the folder is as its manifest says.
        public var problems: [String]
        public var filesChecked: Int
    }

    public static func run(folder: String) throws -> Result {
        let manifestPath = UserPath.join(folder, "manifest.json")
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(try Generator.readFile(manifestPath)))
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(stage: .output, message: "'\(manifestPath)' is not an embassy-packets manifest: \(Self.decodingReason(error))", location: SourceLocation(file: manifestPath))
        }
        var problems: [String] = []
        var checked = 0
        var expected: [(file: String, sha256: String, pages: Int?, bytes: Int?)] = manifest.packets.flatMap { packet in
            packet.volumes.isEmpty ? [(packet.file, packet.sha256, packet.pages, nil)] : packet.volumes.map { ($0.file, $0.sha256, $0.pages, $0.bytes) }
        }
        if let index = manifest.index { expected.append((index.file, index.sha256, index.pages, index.bytes)) }
        if let delivered = manifest.delivered { expected.append((delivered.file, delivered.sha256, nil, nil)) }
        for report in (manifest.reports ?? []) + (manifest.counts ?? []) { expected.append((report.file, report.sha256, nil, report.bytes)) }
        for packet in manifest.packets where !packet.volumes.isEmpty {
            let sum = packet.volumes.reduce(0) { $0 + $1.bytes }
            let pages = packet.volumes.reduce(0) { $0 + $1.pages }
            if sum != packet.bytes { problems.append("\(packet.file): its volumes hold \(sum) bytes, the packet says \(packet.bytes)") }
            if pages != packet.pages {
                problems.append("\(packet.file): its volumes hold \(pages) pages, the packet says \(packet.pages)")
            }
        }
        for item in expected {
            let path = UserPath.join(folder, item.file)
            guard FileManager.default.fileExists(atPath: path) else {
                problems.append("\(item.file): missing")
                continue
            }
            checked += 1
            let bytes = try Generator.readFile(path)
            let sha = Generator.sha256Hex(bytes)
            if sha != item.sha256 { problems.append("\(item.file): sha256 is \(sha), the manifest says \(item.sha256)") }
            if let size = item.bytes, size != bytes.count { problems.append("\(item.file): \(bytes.count) bytes, the manifest says \(size)") }
            if let pages = item.pages {
                let counted = pageCount(bytes)
                if counted != pages { problems.append("\(item.file): \(counted.map(String.init) ?? "no") pages, the manifest says \(pages)") }
            }
        }
        let named = Set(expected.map { UserPath.name($0.file) })
        let packets = UserPath.join(folder, "packets")
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: packets)) ?? []).sorted() where !named.contains(name) {
            problems.append("packets/\(name): not in the manifest")
        }
        problems.append(contentsOf: manifest.imbalances(complete: manifest.options?.shard == nil && manifest.options?.only == nil))
        problems.append(contentsOf: reportCounts(manifest, folder: folder))
        problems.append(contentsOf: publicCounts(manifest, folder: folder))
        return Result(problems: problems, filesChecked: checked)
    }

    /// `counts.json` read back and held to the manifest.
    static func publicCounts(_ manifest: Manifest, folder: String) -> [String] {
        guard manifest.counts?.contains(where: { $0.file == "counts.json" }) == true,
            let data = FileManager.default.contents(atPath: UserPath.join(folder, "counts.json"))
        else { return [] }
        guard let counts = try? JSONDecoder().decode(PublicCounts.self, from: data) else { return ["counts.json: not a counts file"] }
        return counts.disagreements(with: manifest, complete: manifest.options?.shard == nil && manifest.options?.only == nil).map { "counts.json: \($0)" }
    }

    /// The reports' rows counted again — duplicates; rejected rows by reason; unrouted signers
    /// by country — against the manifest's totals and breakdowns: a manifest whose figures
    /// disagree with the rows it lists is found even when every file's hash matches.
    static func reportCounts(_ manifest: Manifest, folder: String) -> [String] {
        var problems: [String] = []
        for record in manifest.reports ?? [] {
            let name = UserPath.name(record.file)
            let path = UserPath.join(folder, record.file)
            guard FileManager.default.fileExists(atPath: path), let bytes = try? Generator.readFile(path) else { continue }
            let (rows, counts) = countRows(bytes, by: name == "rejected.csv" ? "Reason" : name == "unrouted.csv" ? "Country" : nil)
            func compare(_ what: String, _ counted: Int, _ stated: Int) {
                if counted != stated { problems.append("\(record.file): \(counted) \(what), the manifest's totals say \(stated)") }
            }
            func compare(_ what: String, _ counted: [String: Int], _ stated: [String: Int]) {
                for key in Set(counted.keys).union(stated.keys).sorted() where counted[key, default: 0] != stated[key, default: 0] {
                    problems.append("\(record.file): \(counted[key, default: 0]) rows for \(what) \(key), the manifest says \(stated[key, default: 0])")
                }
            }
            switch name {
            case "duplicates.csv": compare("rows", rows, manifest.totals.duplicates)
            case "rejected.csv":
                compare("rows", rows, manifest.totals.rejected)
                compare("reason", counts, manifest.rejected)
            case "unrouted.csv":
                compare("rows", rows, manifest.totals.unrouted)
                compare("country", counts, manifest.unrouted)
            default: continue
            }
        }
        return problems
    }

    /// The rows of a report (a header line, then one line per row) and their counts by the
    /// values of one column.
    static func countRows(_ bytes: [UInt8], by column: String?) -> (rows: Int, counts: [String: Int]) {
        var rows = 0
        var counts: [String: Int] = [:]
        var index: Int?
        bytes.withUnsafeBufferPointer { buffer in
            CSVReader.read(buffer, separator: UInt8(ascii: ",")) { record in
                if record.line == 1 {
                    let header = record.fields.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
                    index = column.flatMap { header.firstIndex(of: $0) }
                    return
                }
                if record.fields.count == 1 && record.fields[0].isEmpty { return }
                rows += 1
                if let index, index < record.fields.count { counts[record.fields[index], default: 0] += 1 }
            }
        }
        return (rows, counts)
    }

    /// The page count a PDF's page tree gives (`/Type /Pages ... /Count N`; the root holds the
    /// largest count), without a PDF library.
    public static func pageCount(_ bytes: [UInt8]) -> Int? {
        let text = String(decoding: bytes, as: UTF8.self)
        var best: Int?
        var searchFrom = text.startIndex
        while let range = text.range(of: "/Type /Pages", range: searchFrom..<text.endIndex) {
            // The rest of this object (its /Kids list can be long).
            let end = text.range(of: "endobj", range: range.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
            let object = text[range.upperBound..<end]
            if let countRange = object.range(of: "/Count ") {
                let digits = object[countRange.upperBound...].prefix { $0.isNumber }
                if let count = Int(digits) { best = max(best ?? 0, count) }
            }
            searchFrom = range.upperBound
        }
        return best
    }
}

/// `manifest merge`: the manifests of the shards of one run, combined into one.
public enum ManifestMerge {
    /// Merges shard manifests. They must come from the same inputs, date, templates, directory
    /// and options, cover every shard once, and name every packet once. Returns the merged
    /// manifest and, when the shards recorded delivered signers, the merged list.
    public static func merge(_ paths: [String]) throws -> (manifest: Manifest, delivered: [UInt8]?) {
        guard !paths.isEmpty else { throw PipelineError(stage: .output, message: "manifest merge needs at least one manifest") }
        var manifests: [(String, Manifest)] = []
        for path in paths {
            do {
                manifests.append((path, try JSONDecoder().decode(Manifest.self, from: Data(try Generator.readFile(path)))))
            } catch let error as PipelineError {
                throw error
            } catch {
                throw PipelineError(stage: .output, message: "'\(path)' is not an embassy-packets manifest", location: SourceLocation(file: path))
            }
        }
        let (firstPath, first) = manifests[0]
        var merged = first
        func fail(_ path: String, _ message: String) -> PipelineError {
            PipelineError(stage: .output, message: message, location: SourceLocation(file: path))
        }
        var shards: [String] = []
        var seen: [String: String] = [:]
        var delivered = Set<String>()
        var anyDelivered = false
        merged.packets = []
        merged.numbering = [:]
        for (path, manifest) in manifests {
            guard manifest.inputs == first.inputs else { throw fail(path, "its inputs differ from \(firstPath)'s") }
            guard manifest.date == first.date else { throw fail(path, "its date differs from \(firstPath)'s") }
            guard manifest.templates == first.templates, manifest.directory == first.directory else {
                throw fail(path, "its templates or embassy directory differ from \(firstPath)'s")
            }
            guard manifest.totals == first.totals else { throw fail(path, "its totals differ from \(firstPath)'s: not a shard of the same run") }
            var options = manifest.options
            options?.shard = nil
            options?.only = nil
            var firstOptions = first.options
            firstOptions?.shard = nil
            firstOptions?.only = nil
            guard options == firstOptions else { throw fail(path, "its options differ from \(firstPath)'s") }
            if let shard = manifest.options?.shard { shards.append(shard) }
            for packet in manifest.packets {
                if let other = seen[packet.file] { throw fail(path, "\(packet.file) is also in \(other)") }
                seen[packet.file] = path
                merged.packets.append(packet)
            }
            for (stem, countries) in manifest.numbering { merged.numbering[stem] = countries }
            if let list = manifest.delivered {
                anyDelivered = true
                let listPath = UserPath.join(UserPath.parent(path), list.file)
                let bytes = try Generator.readFile(listPath)
                guard Generator.sha256Hex(bytes) == list.sha256 else { throw fail(listPath, "does not match its manifest's sha256") }
                delivered.formUnion(String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init))
            }
        }
        if !shards.isEmpty {
            let count = Int(shards[0].split(separator: "/").last ?? "") ?? 0
            let expected = (1...max(count, 1)).map { "\($0)/\(count)" }
            guard shards.sorted() == expected.sorted() else {
                throw PipelineError(stage: .output, message: "the shards given are \(shards.joined(separator: ", ")); a merge needs each of \(expected.joined(separator: ", ")) once")
            }
        }
        merged.packets.sort { $0.file < $1.file }
        merged.options?.shard = nil
        merged.options?.only = nil
        merged.index = nil
        var deliveredBytes: [UInt8]?
        if anyDelivered, let list = first.delivered {
            let bytes = Array(delivered.sorted().map { $0 + "\n" }.joined().utf8)
            deliveredBytes = bytes
            merged.delivered = Manifest.DeliveredList(file: "delivered.txt", sha256: Generator.sha256Hex(bytes), signers: delivered.count, keyId: list.keyId)
        }
        let imbalances = merged.imbalances(complete: true)
        guard imbalances.isEmpty else {
            throw PipelineError(stage: .output, message: "the merged manifest does not add up (is a shard missing?): " + imbalances.joined(separator: "; "))
        }
        return (merged, deliveredBytes)
    }
}
