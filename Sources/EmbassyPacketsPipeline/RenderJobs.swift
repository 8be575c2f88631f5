import EmbassyPacketsCore
import Foundation

/// The packets a rendering worker is given: composed in the parent, which read every input
/// once, and written to a file in the staging folder. A worker renders what it finds there and
/// never opens an input, the template or the directory, so what it prints is what the
/// manifest counts, even when an export is replaced while the run goes on.
///
/// The file: the magic `EPJOBS1\n`, the number of jobs, then per job its file stem, the
/// document as JSON (without its signatures), and each section's signatures as length-prefixed
/// fields — never the email key, which stays in the parent.
enum RenderJobs {
    struct Job {
        var stem: String
        var document: PacketDocument
    }

    static let magic = Array("EPJOBS1\n".utf8)

    /// The bytes of a worker's jobs.
    static func encode(_ jobs: [Job]) throws -> [UInt8] {
        var out = magic
        func number(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func text(_ value: String) {
            let bytes = Array(value.utf8)
            number(UInt64(bytes.count))
            out.append(contentsOf: bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        number(UInt64(jobs.count))
        for job in jobs {
            text(job.stem)
            let header = try encoder.encode(job.document)
            number(UInt64(header.count))
            out.append(contentsOf: header)
            for section in job.document.sections {
                number(UInt64(section.signatures.count))
                for signature in section.signatures {
                    text(signature.firstName)
                    text(signature.lastName)
                    text(signature.city)
                    text(signature.region)
                    text(signature.countryCode)
                    text(signature.location.file)
                    number(UInt64(signature.location.line))
                    number(signature.submittedAt.map { UInt64(bitPattern: $0) &+ 1 } ?? 0)
                }
            }
        }
        return out
    }

    /// The jobs in a file written by `encode`.
    static func decode(_ bytes: [UInt8], file: String) throws -> [Job] {
        var at = 0
        func fail() -> PipelineError {
            PipelineError(stage: .render, message: "the render jobs file is damaged at byte \(at)", location: SourceLocation(file: file))
        }
        func number() throws -> UInt64 {
            guard at + 8 <= bytes.count else { throw fail() }
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(bytes[at + index]) << (8 * UInt64(index)) }
            at += 8
            return value
        }
        func count() throws -> Int {
            let value = try number()
            guard value <= UInt64(bytes.count) else { throw fail() }
            return Int(value)
        }
        func text() throws -> String {
            let length = try count()
            guard at + length <= bytes.count else { throw fail() }
            defer { at += length }
            return String(decoding: bytes[at..<(at + length)], as: UTF8.self)
        }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { throw fail() }
        at = magic.count
        let decoder = JSONDecoder()
        var jobs: [Job] = []
        for _ in 0..<(try count()) {
            let stem = try text()
            let length = try count()
            guard at + length <= bytes.count else { throw fail() }
            var document = try decoder.decode(PacketDocument.self, from: Data(bytes[at..<(at + length)]))
            at += length
            for section in document.sections.indices {
                let rows = try count()
                var signatures: [Signature] = []
                signatures.reserveCapacity(rows)
                for order in 0..<rows {
                    let first = try text(), last = try text(), city = try text(), region = try text(), country = try text()
                    let location = SourceLocation(file: try text(), line: Int(try number()))
                    let stamp = try number()
                    signatures.append(Signature(
                        location: location, order: order, submittedAt: stamp == 0 ? nil : Int64(bitPattern: stamp &- 1),
                        firstName: first, lastName: last, city: city, region: region, countryCode: country, emailKey: ""))
                }
                document.sections[section].signatures = signatures
            }
            jobs.append(Job(stem: stem, document: document))
        }
        guard at == bytes.count else { throw fail() }
        return jobs
    }
}
