// TEMPORARY: replaced by the email branch.
public enum EmailCanonicalizer { public static func canonical(_ raw: String) -> String? { let t = raw.trimmingSpaces(); return t.isEmpty ? nil : t } }
public enum EmailShape {
    public static func contains(_ text: String) -> Bool { text.utf8.contains(UInt8(ascii: "@")) && text.contains(".") }
    public static func scrub(_ text: String) -> String { contains(text) ? "***" : text }
}
