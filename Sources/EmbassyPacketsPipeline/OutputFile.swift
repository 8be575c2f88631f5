import EmbassyPacketsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file the tool writes on the coordinator's behalf (`sample --out`, `manifest merge --out`):
/// a regular file is replaced atomically; a device, a FIFO or a terminal is opened and written
/// to, never renamed over; a write that fails (a full device: `No space left on device`) is
/// an error naming the file.
public final class OutputFile {
    private let descriptor: Int32
    /// The path, for messages.
    public let path: String

    /// Opens `path` for writing, creating or truncating a regular file.
    public init(path: String) throws {
        self.path = path
        var info = stat()
        let special = stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw PipelineError(stage: .output, message: "cannot write '\(path)': it is a folder; name a file", location: SourceLocation(file: path))
        }
        let flags = special ? O_WRONLY : O_WRONLY | O_CREAT | O_TRUNC
        descriptor = open(path, flags | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw PipelineError(stage: .output, message: "cannot write '\(path)': \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Writes all of `bytes`, or throws with the system's reason.
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 {
                throw PipelineError(stage: .output, message: "cannot write '\(path)': \(String(cString: strerror(written < 0 ? errno : ENOSPC)))", location: SourceLocation(file: path))
            }
            offset += written
        }
    }

    /// Flushes to the device; a regular file's late write errors (a full disk) appear here.
    public func finish() throws {
        if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS {
            throw PipelineError(stage: .output, message: "cannot write '\(path)': \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
    }

    /// True when `path` names something that is not a regular file (a device, a FIFO).
    public static func isSpecial(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG && (info.st_mode & S_IFMT) != S_IFDIR
    }
}
