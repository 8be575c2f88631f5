/// The words a packet prints besides the letter — cover sheet, table headings, footers,
/// receipt, volume title sheets — in the letter's language: English, or Chinese when the
/// letter is Chinese. Other languages print the English words.
public struct PacketWords: Sendable, Hashable, Codable {
    /// The language the words are in ("en" or "zh-Hans").
    public var language: String

    /// The words for a letter language.
    public init(language: String) {
        self.language = language.lowercased().hasPrefix("zh") ? "zh-Hans" : "en"
    }

    public var isChinese: Bool { language == "zh-Hans" }

    private func number(_ value: Int) -> String { Formatting.number(value, language: language) }

    /// "page 3 of 12" / "第 3 页，共 12 页"; with the volume in front when there are several.
    public func pageLabel(page: Int, of count: Int, volume: (Int, Int)?) -> String {
        if isChinese {
            let pages = "第 \(page) 页，共 \(count) 页"
            return volume.map { "第 \($0.0) 册，共 \($0.1) 册 · \(pages)" } ?? pages
        }
        let pages = "page \(number(page)) of \(number(count))"
        return volume.map { "volume \($0.0) of \($0.1) · \(pages)" } ?? pages
    }

    /// A country's table heading: "Signatures from France" / "来自法国的签名".
    public func sectionHeading(countryCode: String, countryName: String) -> String {
        if isChinese { return "来自\(ChineseCountryNames.names[countryCode] ?? countryName)的签名" }
        return "Signatures from \(CountryNames.inSentence(countryName))"
    }

    /// Appended to a heading on the pages a table continues on.
    public var continued: String { isChinese ? "（续）" : " (continued)" }

    /// The heading of a page a row taller than a page runs onto.
    public func continuedRow(_ number: Int) -> String {
        isChinese ? "（续，第 \(number) 行续前页）" : " (continued, row \(self.number(number)) runs on)"
    }

    /// A column's title in the header row.
    public func columnTitle(_ column: TableColumn) -> String {
        guard isChinese else { return column.title }
        switch column {
        case .number: return "序号"
        case .name: return "姓名"
        case .city: return "城市"
        case .region: return "州或省"
        case .signed: return "签名日期"
        }
    }

    public var blankPage: String { isChinese ? "此页有意留白。" : "This page is left blank." }

    // MARK: The cover sheet

    public var coverKicker: String { isChinese ? "请愿书" : "Petition" }
    public var coverThrough: String { isChinese ? "经由" : "Delivered through" }
    public var signaturesLabel: String { isChinese ? "签名" : "Signatures" }
    public var countriesLabel: String { isChinese ? "国家和地区" : "Countries" }
    public var pagesLabel: String { isChinese ? "页数" : "Pages" }
    public var dateLabel: String { isChinese ? "递交日期" : "Delivery date" }
    public var packetLabel: String { isChinese ? "文件编号" : "Packet" }
    public var senderLabel: String { isChinese ? "发件人" : "From" }
    public var contentsLabel: String { isChinese ? "目录" : "Contents" }
    public var letterLabel: String { isChinese ? "信函" : "Letter" }
    public var receiptLabel: String { isChinese ? "递交回执（两份）" : "Delivery receipt (two copies)" }

    /// "12 pages in 1 volume" / "共 12 页，1 册".
    public func pagesAndVolumes(pages: Int, volumes: Int) -> String {
        if isChinese { return "共 \(pages) 页，\(volumes) 册" }
        return "\(number(pages)) \(pages == 1 ? "page" : "pages") in \(number(volumes)) \(volumes == 1 ? "volume" : "volumes")"
    }

    /// "page 3" or "pages 5–9" / "第 3 页", "第 5–9 页".
    public func pageRange(_ first: Int, _ last: Int) -> String {
        if isChinese { return first == last ? "第 \(first) 页" : "第 \(first)–\(last) 页" }
        return first == last ? "page \(number(first))" : "pages \(number(first))–\(number(last))"
    }

    // MARK: The letter

    /// "Enclosure: signatures of 201 people, pages 5–9" / "附件：201 人的签名，第 5–9 页".
    public func enclosure(signatures: Int, first: Int, last: Int) -> String {
        if isChinese { return "附件：\(signatures) 人的签名，\(pageRange(first, last))" }
        return "Enclosure: signatures of \(number(signatures)) \(signatures == 1 ? "person" : "people"), \(pageRange(first, last))"
    }

    // MARK: The receipt

    /// The lines filled in by hand.
    public var receiptFields: [String] {
        isChinese ? ["递交人", "接收人", "职务", "日期", "签名"] : ["Delivered by", "Received by", "Title", "Date", "Signature"]
    }

    public var stampLabel: String { isChinese ? "使馆印章" : "Mission’s stamp" }

    /// "Copy 1 of 2: the mission keeps this copy".
    public func receiptCopy(_ copy: Int) -> String {
        if isChinese { return copy == 1 ? "第 1 份，共 2 份：由使馆留存" : "第 2 份，共 2 份：签字盖章后交还递交人" }
        return copy == 1 ? "Copy 1 of 2: the mission keeps this copy" : "Copy 2 of 2: signed and stamped, returned to the deliverer"
    }

    /// The receipt's count of what was handed over.
    public func receiptPages(packet: String?, pages: Int, volumes: Int) -> String {
        let id = packet.map { isChinese ? "文件编号 \($0)：" : "Packet \($0): " } ?? ""
        if isChinese { return "\(id)本文件共 \(pages) 页，\(volumes) 册，含本回执两份。" }
        return "\(id)\(number(pages)) \(pages == 1 ? "page" : "pages") in \(number(volumes)) \(volumes == 1 ? "volume" : "volumes"), both copies of this receipt included."
    }

    // MARK: Volumes

    /// "Volume 2 of 3" / "第 2 册，共 3 册".
    public func volumeTitle(_ volume: Int, of count: Int) -> String {
        isChinese ? "第 \(volume) 册，共 \(count) 册" : "Volume \(number(volume)) of \(number(count))"
    }

    /// "Signatures from France, nos. 1,201–2,400" / "来自法国的签名，第 1201–2400 号".
    public func volumeHolds(heading: String, first: Int, last: Int) -> String {
        if isChinese { return first == last ? "\(heading)，第 \(first) 号" : "\(heading)，第 \(first)–\(last) 号" }
        return first == last ? "\(heading), no. \(number(first))" : "\(heading), nos. \(number(first))–\(number(last))"
    }
}
