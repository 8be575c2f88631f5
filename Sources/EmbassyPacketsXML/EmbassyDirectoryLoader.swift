import EmbassyPacketsCore
import Foundation

/// Reads the embassy directory: one XML file per country or territory in `Embassies/`.
public enum EmbassyDirectoryLoader {
    /// Loads every `*.xml` file of a folder, in name order.
    public static func load(folder: String) throws -> EmbassyDirectory {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
        } catch {
            throw PipelineError(stage: .directory, message: "cannot read the embassy directory: no folder '\(folder)'", location: SourceLocation(file: folder))
        }
        var entries: [Embassy] = []
        var seen: [String: String] = [:]
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            let entry = try loadFile(path: path)
            if let other = seen[entry.countryCode] {
                throw PipelineError(stage: .directory, message: "\(entry.countryCode) is already described in \(other)", location: entry.location)
            }
            seen[entry.countryCode] = path
            entries.append(entry)
        }
        return EmbassyDirectory(entries: entries)
    }

    /// Loads one country file.
    public static func loadFile(path: String) throws -> Embassy {
        let root = try XMLTreeReader.read(path: path, stage: .directory)
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
            let names = element.elements(named: "name")
            guard let english = names.first(where: { $0.attributes["xml:lang"] == nil || $0.attributes["xml:lang"] == "en" })?.text, !english.isEmpty else {
                throw fail("<mission> needs an English <name>", element)
            }
            let chinese = names.first { ($0.attributes["xml:lang"] ?? "").hasPrefix("zh") }?.text
            guard let address = element.element(named: "address") else { throw fail("<mission> needs an <address>", element) }
            let lines = address.elements(named: "line").map(\.text).filter { !$0.isEmpty }
            guard !lines.isEmpty else { throw fail("<address> needs at least one <line>", address) }
            mission = Mission(
                kind: element.attributes["kind"] ?? "embassy", name: english, chineseName: chinese,
                addressLines: lines, addressVerified: address.attributes["verified"] != "false",
                city: element.element(named: "city")?.text ?? "", phone: element.element(named: "phone")?.text,
                website: element.element(named: "website")?.text)
        } else if missionClass == .embassy {
            throw fail("a country of class 'embassy' needs a <mission>", root)
        }
        let sources = root.element(named: "sources")?.elements(named: "source").map {
            FactSource(about: $0.attributes["about"] ?? "", url: $0.attributes["url"] ?? "", checked: $0.attributes["checked"] ?? "", note: $0.text)
        } ?? []
        return Embassy(
            countryCode: code, missionClass: missionClass, countryName: name,
            officialName: root.element(named: "official-name")?.text,
            aliases: root.elements(named: "alias").map(\.text), paper: paper, mission: mission,
            sources: sources, location: SourceLocation(file: path))
    }
}
