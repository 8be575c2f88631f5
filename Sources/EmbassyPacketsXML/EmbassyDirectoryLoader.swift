import EmbassyPacketsCore
import Foundation

/// Reads the embassy directory: one XML file per country or territory in `Embassies/`.
public enum EmbassyDirectoryLoader {
    /// Loads every `*.xml` file of a folder, in name order, each validated against the
    /// folder's `embassy.rng`; then checks the records against each other.
    public static func load(folder: String) throws -> EmbassyDirectory {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        } catch {
            throw PipelineError(stage: .directory, message: "cannot read the embassy directory: no folder '\(folder)'", location: SourceLocation(file: folder))
        }
        let schemaPath = UserPath.join(folder, "embassy.rng")
        let schema = FileManager.default.fileExists(atPath: schemaPath) ? try XMLSchema(path: schemaPath, stage: .directory) : nil
        return try consistent(try records(folder: folder, names: names, schema: schema) { throw $0 })
    }

    /// The records of a folder's files, each loaded and held to the rules of one file (valid,
    /// named for its code, not a second record of a code). A file that breaks one goes to
    /// `problem`, which throws to stop (`load`) or keeps it to go on (`embassies --check`):
    /// the one loading path of both.
    public static func records(folder: String, names: [String], schema: XMLSchema?, problem: (PipelineError) throws -> Void) rethrows -> [Embassy] {
        var entries: [Embassy] = []
        var seen: [String: String] = [:]
        for name in names {
            let path = UserPath.join(folder, name)
            let entry: Embassy
            do {
                entry = try loadFile(path: path, schema: schema)
            } catch let error as PipelineError {
                try problem(error)
                continue
            } catch {
                try problem(PipelineError(stage: .directory, message: "\(error)", location: SourceLocation(file: path)))
                continue
            }
            if let other = seen[entry.countryCode] {
                try problem(PipelineError(stage: .directory, message: "\(entry.countryCode) is already described in \(other)", location: entry.location))
                continue
            }
            if name != "\(entry.countryCode).xml" {
                try problem(PipelineError(stage: .directory, message: "the file for \(entry.countryCode) must be named \(entry.countryCode).xml", location: entry.location))
                continue
            }
            seen[entry.countryCode] = path
            entries.append(entry)
        }
        return entries
    }

    /// The directory of loaded records, after the rules between records: every accredited
    /// country points at an embassy, and no region is in two consulates' districts.
    public static func consistent(_ entries: [Embassy]) throws -> EmbassyDirectory {
        let directory = EmbassyDirectory(entries: entries)
        for entry in entries {
            if entry.missionClass == .accredited {
                guard let target = entry.accreditedTo, directory[target]?.missionClass == .embassy else {
                    throw PipelineError(
                        stage: .directory,
                        message: "\(entry.countryCode) is accredited to \(entry.accreditedTo ?? "nothing"), which has no embassy record",
                        location: entry.location)
                }
            }
            var owner: [String: String] = [:]
            for consulate in entry.consulates {
                for code in consulate.district {
                    if let other = owner[code] {
                        throw PipelineError(stage: .directory, message: "\(code) is in the districts of both \(other) and \(consulate.name)", location: entry.location)
                    }
                    owner[code] = consulate.name
                }
            }
        }
        return directory
    }

    /// Loads one country file.
    public static func loadFile(path: String, schema: XMLSchema? = nil) throws -> Embassy {
        let root = try XMLTreeReader.read(path: path, schema: schema, stage: .directory)
        func fail(_ message: String, _ element: XMLElement) -> PipelineError {
            PipelineError(stage: .directory, message: message, location: SourceLocation(file: path, line: element.line))
        }
        guard root.name == "country" else { throw fail("the root element must be <country>, not <\(root.name)>", root) }
        guard let code = root.attributes["code"], code.count == 2, code.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw fail("<country> needs a code attribute: an ISO 3166-1 alpha-2 code such as \"US\"", root)
        }
        guard let classText = root.attributes["class"], let missionClass = MissionClass(rawValue: classText) else {
            throw fail("<country> needs a class attribute: \(MissionClass.allCases.map(\.rawValue).joined(separator: ", "))", root)
        }
        guard let name = root.element(named: "name")?.text, !name.isEmpty else { throw fail("<country> needs a <name>", root) }
        let paperText = root.element(named: "paper")?.text ?? "a4"
        guard let paper = Paper(rawValue: paperText) else { throw fail("<paper> must be a4 or letter, not '\(paperText)'", root) }

        var mission: Mission?
        if let element = root.element(named: "mission") {
            mission = try readMission(element, path: path)
        } else if missionClass == .embassy {
            throw fail("a country of class 'embassy' needs a <mission>", root)
        }
        let consulates = try root.elements(named: "consulate").map { try readMission($0, path: path) }
        let accreditedTo = root.element(named: "accredited-to")?.attributes["code"]
        if missionClass == .accredited && accreditedTo == nil {
            throw fail("a country of class 'accredited' needs <accredited-to code=\"..\"/>", root)
        }
        let sources = root.element(named: "sources")?.elements(named: "source").map {
            FactSource(about: $0.attributes["about"] ?? "", url: $0.attributes["url"] ?? "", checked: $0.attributes["checked"] ?? "", note: $0.text)
        } ?? []
        return Embassy(
            countryCode: code, missionClass: missionClass, countryName: name,
            officialName: root.element(named: "official-name")?.text,
            aliases: root.elements(named: "alias").map(\.text), paper: paper, mission: mission,
            accreditedTo: accreditedTo, consulates: consulates, sources: sources, location: SourceLocation(file: path))
    }

    /// A `<mission>` or `<consulate>`.
    static func readMission(_ element: XMLElement, path: String) throws -> Mission {
        func fail(_ message: String, _ element: XMLElement) -> PipelineError {
            PipelineError(stage: .directory, message: message, location: SourceLocation(file: path, line: element.line))
        }
        let names = element.elements(named: "name")
        guard let english = names.first(where: { $0.attributes["xml:lang"] == nil || $0.attributes["xml:lang"] == "en" })?.text, !english.isEmpty else {
            throw fail("<\(element.name)> needs an English <name>", element)
        }
        let chinese = names.first { ($0.attributes["xml:lang"] ?? "").hasPrefix("zh") }?.text
        guard let address = element.element(named: "address") else { throw fail("<\(element.name)> needs an <address>", element) }
        let lines = address.elements(named: "line").map(\.text).filter { !$0.isEmpty }
        guard !lines.isEmpty else { throw fail("<address> needs at least one <line>", address) }
        // The address is printed on letters, covers, envelopes and labels: never an at-sign.
        if let line = address.elements(named: "line").first(where: { AddressMask.holdsAnyAtSign($0.text) }) {
            throw fail("an address <line> holds an at-sign ('\(AddressMask.mask(line.text))'), which a postal address never carries: leave the mission's email out of <address>", line)
        }
        let district = element.element(named: "district")?.text.split(separator: " ").map(String.init) ?? []
        return Mission(
            kind: element.attributes["kind"] ?? "embassy", name: english, chineseName: chinese,
            addressLines: lines, addressVerified: address.attributes["verified"] != "false",
            city: element.element(named: "city")?.text ?? "", phone: element.element(named: "phone")?.text,
            website: element.element(named: "website")?.text, district: district)
    }
}
