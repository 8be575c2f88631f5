/// File paths as a coordinator types them, handled as plain text: Foundation's `NSString` path
/// methods trap on some ordinary paths (`.`, one-character names, `o/`), so no user path goes
/// through them. Every operation here is lexical and total: it never touches the disk.
public enum UserPath {
    /// The path without repeated and trailing slashes (`a//b/` → `a/b`; `/` stays `/`).
    public static func trimmed(_ path: String) -> String {
        var out = ""
        var previousSlash = false
        for character in path {
            if character == "/" {
                if previousSlash { continue }
                previousSlash = true
            } else {
                previousSlash = false
            }
            out.append(character)
        }
        while out.count > 1 && out.hasSuffix("/") { out.removeLast() }
        return out
    }

    /// `folder/name`; `name` alone when the folder is empty; `name` when it is absolute.
    public static func join(_ folder: String, _ name: String) -> String {
        if folder.isEmpty || name.hasPrefix("/") { return name }
        if name.isEmpty { return folder }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The folder part: `a/b` → `a`, `b` → "", `/b` → `/`, `/` → `/`.
    public static func parent(_ path: String) -> String {
        let path = trimmed(path)
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component: `a/b.csv` → `b.csv`, `o/` → `o`, `/` → `/`.
    public static func name(_ path: String) -> String {
        let path = trimmed(path)
        if path == "/" { return "/" }
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The extension of the last component, without its dot (`a.tar.gz` → `gz`); "" when none.
    public static func pathExtension(_ path: String) -> String {
        let last = name(path)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return String(last[last.index(after: dot)...])
    }

    /// The last component without its extension.
    public static func stem(_ path: String) -> String {
        let last = name(path)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }

    /// `.` and `..` resolved lexically against an absolute path (`/a/./b/../c` → `/a/c`).
    public static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// True when `ancestor` is `path` or a folder above it (both absolute and normalised).
    public static func contains(_ ancestor: String, _ path: String) -> Bool {
        ancestor == "/" || path == ancestor || path.hasPrefix(ancestor + "/")
    }
}
