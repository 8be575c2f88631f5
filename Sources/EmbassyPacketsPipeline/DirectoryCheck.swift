import EmbassyPacketsCore
import EmbassyPacketsXML
import Foundation

/// `embassies --check`: every file validated on its own (all problems, not just the first),
/// coverage of ISO 3166-1, and records whose facts were last checked over a year ago.
public struct DirectoryCheck: Sendable {
    /// Problems with their `file:line`.
    public var errors: [Diagnostic]
    /// ISO 3166-1 codes with no record.
    public var unclassified: [String]
    /// Records by class.
    public var byClass: [MissionClass: Int]
    /// Embassies whose street address a source confirmed, and all embassies.
    public var verifiedEmbassies: Int
    public var embassies: Int
    /// Consulates in the directory.
    public var consulates: Int
    /// Records whose newest `checked` date is more than a year before `today`, with that date.
    public var stale: [(code: String, checked: String)]

    /// True when every file is valid and every code classified.
    public var passed: Bool { errors.isEmpty && unclassified.isEmpty }

    /// Checks a directory folder.
    public static func run(folder: String, today: LetterDate) -> DirectoryCheck {
        var errors: [Diagnostic] = []
        var entries: [Embassy] = []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
        if names.isEmpty {
            errors.append(Diagnostic(.error, id: DiagnosticID.directoryEmpty, message: "no country files", location: SourceLocation(file: folder)))
        }
        var schema: XMLSchema?
        do {
            schema = try XMLSchema(path: UserPath.join(folder, "embassy.rng"), stage: .directory)
        } catch let error as PipelineError {
            errors.append(contentsOf: error.diagnostics.isEmpty ? [Diagnostic(.error, id: DiagnosticID.directorySchema, message: error.message, location: error.location)] : error.diagnostics)
        } catch {}
        // The loader's own path, its every problem kept instead of the first thrown.
        entries = EmbassyDirectoryLoader.records(folder: folder, names: names, schema: schema) { error in
            errors.append(contentsOf: error.diagnostics.isEmpty ? [Diagnostic(.error, id: DiagnosticID.directoryRecord, message: error.message, location: error.location)] : error.diagnostics)
        }
        // Cross-record rules (accreditation targets, district overlaps), as the loader checks them.
        if errors.isEmpty {
            do { _ = try EmbassyDirectoryLoader.consistent(entries) } catch let error as PipelineError {
                errors.append(Diagnostic(.error, id: DiagnosticID.directoryConsistency, message: error.message, location: error.location))
            } catch {}
        }
        let codes = Set(entries.map(\.countryCode))
        let unclassified = CountryResolver().codes.filter { !codes.contains($0) }
        var byClass: [MissionClass: Int] = [:]
        for entry in entries { byClass[entry.missionClass, default: 0] += 1 }
        let embassies = entries.filter { $0.missionClass == .embassy }
        let cutoff = LetterDate(secondsSince1970: today.secondsSince1970 - 365 * 86_400).description
        let stale = entries.compactMap { entry -> (String, String)? in
            let newest = entry.sources.map(\.checked).max() ?? ""
            return newest < cutoff ? (entry.countryCode, newest.isEmpty ? "never" : newest) : nil
        }
        return DirectoryCheck(
            errors: errors, unclassified: unclassified, byClass: byClass,
            verifiedEmbassies: embassies.filter { $0.mission?.addressVerified == true }.count, embassies: embassies.count,
            consulates: entries.reduce(0) { $0 + $1.consulates.count }, stale: stale)
    }
}

/// The directory as JSON for scripts (`embassies --json`).
public struct DirectoryListing: Codable, Sendable {
    /// A mission's published facts.
    public struct MissionRecord: Codable, Sendable {
        public var kind: String
        public var name: String
        public var chineseName: String?
        public var city: String
        public var address: [String]
        public var addressVerified: Bool
        public var phone: String?
        public var website: String?
        public var district: [String]
    }

    public var country: String
    public var name: String
    public var `class`: String
    public var paper: String
    public var accreditedTo: String?
    /// The embassy's English name (absent unless class is embassy).
    public var mission: String?
    public var city: String?
    public var address: [String]?
    public var addressVerified: Bool?
    public var embassy: MissionRecord?
    public var consulates: [MissionRecord]
    public var sources: [Source]

    /// Where a fact came from.
    public struct Source: Codable, Sendable {
        public var about: String
        public var url: String
        public var checked: String
    }

    /// The listing for every entry, by country code.
    public static func listing(_ directory: EmbassyDirectory) -> [DirectoryListing] {
        directory.entries.values.sorted { $0.countryCode < $1.countryCode }.map { entry in
            func record(_ mission: Mission) -> MissionRecord {
                MissionRecord(
                    kind: mission.kind, name: mission.name, chineseName: mission.chineseName, city: mission.city,
                    address: mission.addressLines, addressVerified: mission.addressVerified, phone: mission.phone,
                    website: mission.website, district: mission.district)
            }
            return DirectoryListing(
                country: entry.countryCode, name: entry.countryName, class: entry.missionClass.rawValue, paper: entry.paper.rawValue,
                accreditedTo: entry.accreditedTo, mission: entry.mission?.name, city: entry.mission?.city,
                address: entry.mission?.addressLines, addressVerified: entry.mission?.addressVerified,
                embassy: entry.mission.map(record), consulates: entry.consulates.map(record),
                sources: entry.sources.map { Source(about: $0.about, url: $0.url, checked: $0.checked) })
        }
    }
}
