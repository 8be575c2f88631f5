import Crypto
import EmbassyPacketsCore
import Foundation

/// Reading and writing whole files, each failure in one line that names the file.
extension Generator {
    /// Writes bytes to a file, or fails with the file's name.
    static func writeFile(_ bytes: [UInt8], to path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw PipelineError(stage: .output, message: "cannot write '\(path)': it is a folder; name a file", location: SourceLocation(file: path))
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw PipelineError(stage: .output, message: "cannot write '\(path)': \(OutputFolder.reason(error))", location: SourceLocation(file: path))
        }
    }

    /// A file the tool writes as JSON (the manifest, the counts, the envelopes' record): pretty,
    /// keys sorted so that equal runs give equal bytes, slashes unescaped, a final newline.
    public static func jsonFile<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value)) + [0x0A]
    }

    /// Writes the manifest with sorted keys, so that equal runs give equal bytes.
    public static func writeManifest(_ manifest: Manifest, to path: String) throws {
        let data = Data(try jsonFile(manifest))
        if OutputFile.isSpecial(path) {
            // A device or FIFO is written to, never renamed over.
            let file = try OutputFile(path: path)
            try file.write([UInt8](data))
            try file.finish()
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PipelineError(stage: .output, message: "cannot write the manifest: \(SystemError.reason(error))", location: SourceLocation(file: path))
        }
    }

    /// The bytes of a file, or a one-line error naming it.
    public static func readFile(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw PipelineError(stage: .intake, message: "cannot read '\(path)': it is a folder; give the export files in it", location: SourceLocation(file: path))
        }
        // open(2) and read(2), so that a failure is said in the system's words (Permission
        // denied, No such file or directory, Too many open files, Input/output error).
        func failure(_ code: Int32) -> PipelineError {
            PipelineError(stage: .intake, message: "cannot read '\(path)': \(String(cString: strerror(code)))", location: SourceLocation(file: path))
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 { bytes.reserveCapacity(Int(info.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        // A file written to or replaced while it was read (a sync client saving a new export)
        // would give rows of two versions, or of the one the rest of the run does not see.
        var after = stat(), now = stat()
        if (info.st_mode & S_IFMT) == S_IFREG, fstat(descriptor, &after) == 0 {
            let changed = after.st_size != info.st_size || after.st_mtim.tv_sec != info.st_mtim.tv_sec
                || after.st_mtim.tv_nsec != info.st_mtim.tv_nsec || Int64(bytes.count) != Int64(after.st_size)
            let replaced = stat(path, &now) != 0 || now.st_ino != after.st_ino || now.st_dev != after.st_dev
            if changed || replaced {
                throw PipelineError(
                    stage: .intake,
                    message: "'\(path)' \(changed ? "changed" : "was replaced") while it was read; run again once it is saved (a sync client may still be writing it)",
                    location: SourceLocation(file: path))
            }
        }
        return bytes
    }

    /// Lowercase hex SHA-256.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
