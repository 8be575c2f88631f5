import EmbassyPacketsCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Foundation's file errors as one line in the operating system's own words: the path they
/// name and `strerror`'s reason (`Permission denied`, `No space left on device`, `Is a
/// directory`, `File name too long`), never an `NSCocoaErrorDomain` dump.
public enum SystemError {
    /// The path an error names (its `NSFilePath`), if any.
    public static func path(of error: Error) -> String? {
        (error as NSError).userInfo[NSFilePathErrorKey] as? String
    }

    /// The reason an error gives, in the system's words where it carries an errno.
    public static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch (nsError.domain, nsError.code) {
        case (NSCocoaErrorDomain, NSFileNoSuchFileError), (NSCocoaErrorDomain, NSFileReadNoSuchFileError): return String(cString: strerror(ENOENT))
        case (NSCocoaErrorDomain, NSFileReadNoPermissionError), (NSCocoaErrorDomain, NSFileWriteNoPermissionError): return String(cString: strerror(EACCES))
        case (NSCocoaErrorDomain, NSFileWriteOutOfSpaceError): return String(cString: strerror(ENOSPC))
        case (NSCocoaErrorDomain, NSFileWriteInvalidFileNameError), (NSCocoaErrorDomain, NSFileReadInvalidFileNameError): return "invalid file name"
        case (NSCocoaErrorDomain, NSFileWriteFileExistsError): return String(cString: strerror(EEXIST))
        default:
            let text = nsError.localizedDescription
            return text.contains("NSCocoaErrorDomain") || text.contains("Error Domain") ? "the operation failed (error \(nsError.code))" : text
        }
    }

    /// An error as a pipeline failure at `stage`, located at the path it names (or `fallback`).
    public static func pipelineError(_ error: Error, stage: PipelineError.Stage, doing action: String, fallback: String? = nil) -> PipelineError {
        if let error = error as? PipelineError { return error }
        let path = path(of: error) ?? fallback
        return PipelineError(stage: stage, message: "\(action): \(reason(error))", location: path.map { SourceLocation(file: $0) })
    }
}
