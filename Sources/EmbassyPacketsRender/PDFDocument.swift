import CCairo
import Crypto
import EmbassyPacketsCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where Cairo's PDF bytes go: a file written with write(2), every error kept. (Cairo's own
/// file output lets a failed write pass unreported — a full disk gave truncated PDFs and
/// success — so the tool writes the bytes itself.)
final class PDFFile {
    let descriptor: Int32
    private(set) var failure: Int32 = 0
    private(set) var written = 0
    /// The SHA-256 of the bytes, taken as they are written: nobody reads the PDF back.
    private var hasher = SHA256()
    var sha256: String { hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw PipelineError(stage: .render, message: "cannot write the PDF: \(String(cString: strerror(errno)))", location: SourceLocation(file: path))
        }
    }

    /// Cairo hands its output over in pieces of a few bytes (2.1 million write calls for 23 MB):
    /// they are gathered here and written a mebibyte at a time.
    private var buffer: [UInt8] = []
    private static let chunk = 1 << 20

    /// Takes bytes for the file, or records why they cannot be written.
    func write(_ data: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard failure == 0 else { return false }
        written += length
        hasher.update(bufferPointer: UnsafeRawBufferPointer(start: data, count: length))
        buffer.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
        return buffer.count < Self.chunk || flush()
    }

    /// Writes what is gathered; false (and the error kept) when the system refuses.
    @discardableResult
    func flush() -> Bool {
        guard failure == 0 else { return false }
        let ok = buffer.withUnsafeBufferPointer { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return false
                }
                offset += count
            }
            return true
        }
        buffer.removeAll(keepingCapacity: true)
        return ok
    }

    /// Flushes and closes; the first error seen, or 0.
    func close() -> Int32 {
        flush()
        if failure == 0 && fsync(descriptor) != 0 && errno != EINVAL { failure = errno }
        if Glibc.close(descriptor) != 0 && failure == 0 { failure = errno }
        return failure
    }
}

/// A PDF file being written through Cairo: one surface and its drawing context.
final class PDFDocument {
    let surface: OpaquePointer
    let cairo: OpaquePointer
    let path: String
    let width: Double
    let height: Double
    private let file: PDFFile
    private var closed = false

    /// Creates the file at `path` with pages of the given size in points.
    init(path: String, width: Double, height: Double, metadata: PacketDocument.Metadata) throws {
        self.path = path
        self.width = width
        self.height = height
        file = try PDFFile(path: path)
        // A failed write is kept by PDFFile and reported by `finish` (or `checkWrites`), never
        // told to Cairo: Cairo 1.16 crashed (a null memcpy inside cairo_surface_finish) on a
        // full disk after its stream reported an error. Later bytes are dropped.
        let writer: cairo_write_func_t = { closure, data, length in
            let file = Unmanaged<PDFFile>.fromOpaque(closure!).takeUnretainedValue()
            _ = file.write(data!, Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        surface = cairo_pdf_surface_create_for_stream(writer, Unmanaged.passUnretained(file).toOpaque(), width, height)
        cairo = cairo_create(surface)
        try check("create the PDF")
        set(CAIRO_PDF_METADATA_TITLE, metadata.title)
        set(CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        set(CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        set(CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        // Cairo 1.16 stamps the current time unless told otherwise, and ignores
        // SOURCE_DATE_EPOCH: set the date so that every run writes the same bytes.
        let date = Self.isoDate(metadata.creationDate)
        set(CAIRO_PDF_METADATA_CREATE_DATE, date)
        set(CAIRO_PDF_METADATA_MOD_DATE, date)
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
        if !closed { _ = file.close() }
    }

    private func set(_ key: cairo_pdf_metadata_t, _ value: String) {
        cairo_pdf_surface_set_metadata(surface, key, value)
    }

    /// Adds a bookmark that opens `page` (1-based); returns its id for children.
    @discardableResult
    func addOutline(_ title: String, page: Int, parent: Int32 = 0) -> Int32 {
        Int32(cairo_pdf_surface_add_outline(surface, parent, title, "page=\(page)", cairo_pdf_outline_flags_t(rawValue: 0)))
    }

    /// Ends the current page and starts the next.
    func showPage() { cairo_show_page(cairo) }

    /// Throws when a write has already failed (a full disk), so that a long packet stops at
    /// once instead of being drawn to the end for nothing.
    func checkWrites() throws {
        guard file.failure != 0 else { return }
        throw PipelineError(
            stage: .render, message: "cannot write the PDF: \(String(cString: strerror(file.failure)))", location: SourceLocation(file: path))
    }

    /// The file's SHA-256 and size, once `finish` has written it.
    var fingerprint: (sha256: String, bytes: Int) { (file.sha256, file.written) }

    /// Writes everything out; write errors (a full disk) surface here.
    func finish() throws {
        cairo_surface_finish(surface)
        let failure = file.failure
        closed = true
        let closing = file.close()
        if failure != 0 || closing != 0 {
            throw PipelineError(
                stage: .render, message: "cannot write the PDF: \(String(cString: strerror(failure != 0 ? failure : closing)))",
                location: SourceLocation(file: path))
        }
        try check("write the PDF")
    }

    private func check(_ action: String) throws {
        let status = cairo_status(cairo) != CAIRO_STATUS_SUCCESS ? cairo_status(cairo) : cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PipelineError(
                stage: .render, message: "cannot \(action): \(String(cString: cairo_status_to_string(status)))",
                location: SourceLocation(file: path))
        }
    }

    /// `YYYY-MM-DDThh:mm:ss` in UTC, the form cairo_pdf_surface_set_metadata takes.
    static func isoDate(_ seconds: Int64) -> String {
        let day = LetterDate(secondsSince1970: seconds)
        let secondsOfDay = Int(seconds - day.secondsSince1970)
        let pad = { Formatting.zeroPadded($0) }
        return "\(day)T\(pad(secondsOfDay / 3600)):\(pad(secondsOfDay / 60 % 60)):\(pad(secondsOfDay % 60))Z"
    }
}

/// What the drawing code draws on: the Cairo context of the current page.
struct PageCanvas {
    let cairo: OpaquePointer
    /// How much of the structure is tagged (see `PacketDocument.Tagging`).
    var tagging: PacketDocument.Tagging = .cells

    /// Whether a structure element is written at this tagging.
    func tags(_ name: String) -> Bool {
        switch tagging {
        case .cells: return true
        case .rows: return name != "TD" && name != "TH"
        case .none: return false
        }
    }

    func setColor(_ gray: Double) { cairo_set_source_rgb(cairo, gray, gray, gray) }

    func fillRect(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        setColor(gray)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
    }

    func line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, gray: Double, dashed: Bool = false) {
        setColor(gray)
        cairo_set_line_width(cairo, width)
        if dashed {
            let pattern: [Double] = [2, 2]
            cairo_set_dash(cairo, pattern, 2, 0)
        }
        cairo_move_to(cairo, x1, y1)
        cairo_line_to(cairo, x2, y2)
        cairo_stroke(cairo)
        if dashed { cairo_set_dash(cairo, nil, 0, 0) }
    }

    /// Draws `body` inside a structure element of the tagged PDF ("P", "H1", "Table", "TR",
    /// "TD", ...). Cairo 1.16 writes the structure tree; every element opens and closes on
    /// one page.
    func tag(_ name: String, _ body: () -> Void) {
        guard tags(name) else { return body() }
        cairo_tag_begin(cairo, name, nil)
        body()
        cairo_tag_end(cairo, name)
    }

    func begin(_ name: String) { if tags(name) { cairo_tag_begin(cairo, name, nil) } }
    func end(_ name: String) { if tags(name) { cairo_tag_end(cairo, name) } }

    /// Draws `body` with everything outside the rectangle clipped away.
    func clipped(x: Double, y: Double, width: Double, height: Double, _ body: () -> Void) {
        cairo_save(cairo)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_clip(cairo)
        body()
        cairo_restore(cairo)
    }
}
