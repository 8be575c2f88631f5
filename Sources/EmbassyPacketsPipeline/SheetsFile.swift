import EmbassyPacketsCore
import EmbassyPacketsRender
import EmbassyPacketsXML
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `embassy-packets sheets`: blank paper signature sheets, one PDF.
public enum SheetsFile {
    /// What `sheets` is asked to make.
    public struct Options: Sendable {
        public var count: Int
        public var first: Int
        /// ISO 3166-1 alpha-2 (or a name), for sheets of one country's events.
        public var country: String?
        public var output: String
        public var paper: Paper?
        public var lines: Int?
        public var templatePath: String
        public var embassiesFolder: String
        public var date: LetterDate
        public var creationDate: Int64

        /// Creates options.
        public init(
            count: Int, first: Int = 1, country: String? = nil, output: String, paper: Paper? = nil, lines: Int? = nil, templatePath: String,
            embassiesFolder: String, date: LetterDate, creationDate: Int64
        ) {
            self.count = count
            self.first = first
            self.country = country
            self.output = output
            self.paper = paper
            self.lines = lines
            self.templatePath = templatePath
            self.embassiesFolder = embassiesFolder
            self.date = date
            self.creationDate = creationDate
        }
    }

    /// The most sheets one run prints.
    public static let maximumCount = 999
    /// What every sheets PDF says it was made by; a file that does not is the coordinator's.
    static let creator = "\(ToolInfo.name) sheets"

    /// Writes the sheets; returns them as composed (their ids) and the pages written.
    @discardableResult
    public static func write(_ options: Options) throws -> (sheets: SignatureSheets, pages: Int) {
        guard (1...maximumCount).contains(options.count) else {
            throw PipelineError(stage: .output, message: "--count must be from 1 to \(maximumCount), not \(options.count)")
        }
        guard options.first >= 1, options.first + options.count - 1 <= 999 else {
            throw PipelineError(stage: .output, message: "sheet numbers run from 1 to 999: --first \(options.first) with --count \(options.count) goes past 999")
        }
        let template = try TemplateLoader.load(path: options.templatePath)
        var country: (code: String, name: String)?
        var paper = options.paper ?? .a4
        if let named = options.country {
            let directory = try EmbassyDirectoryLoader.load(folder: options.embassiesFolder)
            let resolver = CountryResolver(directory: directory)
            guard case .exact(let code) = resolver.match(named) else {
                throw PipelineError(stage: .directory, message: "--country '\(named)' names no country exactly: give its ISO 3166 code, e.g. --country FR")
            }
            country = (code, resolver.name(of: code))
            if options.paper == nil, let entry = directory[code] { paper = entry.paper }
        }
        let sheets = SignatureSheets(
            template: template, count: options.count, first: options.first, country: country, paper: paper, date: options.date,
            creator: creator, creationDate: options.creationDate, lines: options.lines)
        try checkReplaceable(options.output)
        // Written beside the output and renamed over it: an interrupted run leaves no half a PDF.
        let partial = UserPath.join(UserPath.parent(options.output).isEmpty ? "." : UserPath.parent(options.output), ".\(UserPath.name(options.output)).partial-\(getpid())")
        do {
            let pages = try PacketRenderer().renderSheets(sheets, to: partial)
            guard rename(partial, options.output) == 0 else {
                throw PipelineError(stage: .output, message: "cannot write '\(options.output)': \(String(cString: strerror(errno)))", location: SourceLocation(file: options.output))
            }
            return (sheets, pages)
        } catch {
            unlink(partial)
            throw error
        }
    }

    /// Refuses to replace a file that an earlier `sheets` run did not write.
    static func checkReplaceable(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        let location = SourceLocation(file: path)
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw PipelineError(stage: .output, message: "'\(path)' is not a regular file: name the PDF to write with --out", location: location)
        }
        let bytes = (try? Generator.readFile(path)) ?? []
        let mark = Array("/Creator (\(creator)".utf8)
        let ours = bytes.starts(with: Array("%PDF-".utf8)) && bytes.withUnsafeBufferPointer { buffer in
            buffer.count >= mark.count && (0...(buffer.count - mark.count)).contains { start in
                buffer[start] == mark[0] && zip(buffer[start..<(start + mark.count)], mark).allSatisfy { $0 == $1 }
            }
        }
        guard ours else {
            throw PipelineError(
                stage: .output, message: "'\(path)' exists and was not written by embassy-packets sheets: move it away or name another file with --out",
                location: location)
        }
    }
}
