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

    /// What `write` made: the sheets as composed, the pages, the lines on each, and what the
    /// coordinator should know (one line each).
    public struct Written: Sendable {
        public var sheets: SignatureSheets
        public var pages: Int
        public var lines: Int
        public var warnings: [String]
    }

    /// Writes the sheets.
    @discardableResult
    public static func write(_ options: Options) throws -> Written {
        guard (1...maximumCount).contains(options.count) else {
            throw PipelineError(stage: .output, message: "--count must be from 1 to \(maximumCount), not \(options.count)")
        }
        guard options.first >= 1, options.first + options.count - 1 <= 999 else {
            throw PipelineError(stage: .output, message: "sheet numbers run from 1 to 999: --first \(options.first) with --count \(options.count) goes past 999")
        }
        let parent = UserPath.parent(options.output).isEmpty ? "." : UserPath.parent(options.output)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
            throw PipelineError(stage: .output, message: "the folder '\(parent)' does not exist: create it, or name a PDF in an existing folder with --out", location: SourceLocation(file: options.output))
        }
        let template = try TemplateLoader.load(path: options.templatePath)
        var country: (code: String, name: String)?
        var delivery = SignatureSheets.Delivery.eachCountry
        var warnings: [String] = []
        var paper = options.paper ?? .a4
        if let named = options.country {
            let directory = try EmbassyDirectoryLoader.load(folder: options.embassiesFolder)
            let resolver = CountryResolver(directory: directory)
            let code: String
            switch resolver.match(named) {
            case .exact(let found): code = found
            case .corrected(let found, _):
                throw PipelineError(stage: .directory, message: "--country '\(named)' names no country; did you mean \(resolver.name(of: found)) (--country \(found))?")
            case .ambiguous(let chosen, let others):
                let names = ([chosen] + others).map { "\(resolver.name(of: $0)) (\($0))" }.joined(separator: " or ")
                throw PipelineError(stage: .directory, message: "--country '\(named)' can mean \(names): give the code")
            case .candidates(let codes):
                let names = codes.map { "\(resolver.name(of: $0)) (\($0))" }.joined(separator: " or ")
                throw PipelineError(stage: .directory, message: "--country '\(named)' names no country; did you mean \(names)?")
            case .missing, .unknown:
                throw PipelineError(stage: .directory, message: "--country '\(named)' names no country: give its ISO 3166 code, e.g. --country FR")
            }
            let entry = directory[code]
            let name = CountryNames.uninverted(entry?.countryName ?? resolver.name(of: code))
            country = (code, name)
            if options.paper == nil, let entry { paper = entry.paper }
            switch entry?.missionClass {
            case .embassy?:
                delivery = .embassy(in: name, serving: name)
            case .accredited?:
                if let to = entry?.accreditedTo, let embassy = directory[to] {
                    delivery = .embassy(in: CountryNames.uninverted(embassy.countryName), serving: name)
                } else {
                    delivery = .none
                }
            default:
                delivery = .none
                warnings.append(
                    "\(name) (\(code)) has no PRC embassy to deliver through: the sheets do not name one, and their signatures are reported as unrouted unless you route them (generate --route \(code)=CC)")
            }
        }
        let sheets = SignatureSheets(
            template: template, count: options.count, first: options.first, country: country, delivery: delivery, paper: paper, date: options.date,
            creator: creator, creationDate: options.creationDate, lines: options.lines)
        try checkReplaceable(options.output)
        // Written beside the output and renamed over it: an interrupted run leaves no half a PDF.
        let partial = UserPath.join(parent, ".\(UserPath.name(options.output)).partial-\(getpid())")
        do {
            let drawn = try PacketRenderer().renderSheets(sheets, to: partial)
            guard rename(partial, options.output) == 0 else {
                throw PipelineError(stage: .output, message: "cannot write '\(options.output)': \(String(cString: strerror(errno)))", location: SourceLocation(file: options.output))
            }
            if let asked = options.lines, asked > drawn.lines {
                warnings.append("--lines \(asked): a sheet on \(paper == .a4 ? "A4" : "Letter") holds \(drawn.lines) lines, so each has \(drawn.lines)")
            }
            return Written(sheets: sheets, pages: drawn.pages, lines: drawn.lines, warnings: warnings)
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
