#!/usr/bin/env python3
"""Writes the container fixtures: exports that come in zip archives, and zips that are not exports.

Run from this folder: python3 make.py  (standard library only: zipfile, zlib, struct).

  microsoft-forms.xlsx      Microsoft Forms' "Open in Excel" download: six responses, the parts
                            written as Excel writes them (shared strings with a rich-text run and
                            a phonetic run, one inline string, a date serial per timestamp with a
                            custom and a built-in date format, a missing cell, a missing row).
  expected.json             every cell of microsoft-forms.xlsx as the reader must give it, worked
                            out here with Python's datetime, not by the code under test.
  Petition to Xi Jinping (Responses).csv.zip
                            Google Forms' "Download responses (.csv)": one CSV, deflated and
                            streamed (sizes in a data descriptor after the data).
  Signatures (macOS).zip    Finder's "Compress" of a folder with two CSVs: __MACOSX/ AppleDouble
                            entries, a .DS_Store, folder entries, a UTF-8 name without the UTF-8 flag.
  encrypted.zip             a CSV encrypted with traditional PKWARE encryption (password "petition").
  bomb-ratio.zip            32 MiB of zeros deflated to about 32 KiB (expands about 1,000 times).
  bomb-declared.zip         a small CSV whose headers claim it decompresses to 4 GiB.
  understated.zip           a CSV whose headers claim 100 bytes but which inflates to more.
  damaged-member.zip        a CSV whose deflated bytes were overwritten (checksum and stream broken).
"""
import datetime, io, json, struct, zipfile, zlib

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
EPOCH = datetime.datetime(1899, 12, 30)

HEADER = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
          "First Name", "Last Name", "City", "State or Province", "Country", "Email Address"]

def t(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")

# Spreadsheet row, then the cells; None is a cell Microsoft Forms leaves out (no <c> element).
# Strings are ("s", text) shared, ("rich", [runs]) shared rich text, ("phonetic", text, reading),
# ("inline", text) an inline string; datetimes are serials; ints are numbers.
RESPONSES = [
    (2, [1, t("2024-01-15 09:30:12"), t("2024-01-15 09:31:45"), "anonymous", None, t("2024-01-15 09:31:45"),
         "민준", "김", "서울", "서울특별시", "대한민국", "minjun@example.kr"]),
    (3, [2, t("2024-01-15 23:59:59"), t("2024-01-16 00:00:01"), "anonymous", None, t("2024-01-16 00:00:01"),
         "محمد", "علي", "القاهرة", "القاهرة", "Egypt", "mohamed@example.eg"]),
    (4, [3, t("2024-02-29 12:00:00"), t("2024-02-29 12:03:07"), "ann.lee@example.co.uk", "Ann Lee", t("2024-03-01 08:15:30"),
         "Ann", "Lee", "Brighton & Hove", "East Sussex", "United Kingdom", "ann.lee@example.co.uk"]),
    (5, [4, t("2024-03-10 01:02:03"), t("2024-03-10 01:04:59"), "anonymous", None, t("2024-03-10 01:04:59"),
         "太郎", ("phonetic", "山田", "ヤマダ"), "東京", None, "日本", "taro@example.jp"]),
    (6, [5, t("2024-03-31 18:45:00"), t("2024-03-31 18:47:30"), "anonymous", None, t("2024-03-31 18:47:30"),
         "João", "Silva", ("rich", ["São ", "Paulo"]), "SP", "Brasil", "joao@example.com.br"]),
    # Row 7 was cleared in Excel: a missing row keeps the next one's number.
    (8, [6, t("2024-04-01 07:00:09"), t("2024-04-01 07:01:10"), "anonymous", None, t("2024-04-01 07:01:10"),
         "Emily", "O'Brien <Jr.>", "Boston", "MA", "United States", ("inline", "emily@example.com")]),
]

def col(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name

def serial(moment):
    delta = moment - EPOCH
    return delta.days + delta.seconds / 86400

def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def t_element(text):
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<t{space}>{esc(text)}</t>"

def workbook_parts(header, responses):
    shared, index = [], {}
    def share(key, xml):
        if key not in index:
            index[key] = len(shared)
            shared.append(xml)
        return index[key]
    refs = 0
    rows_xml = []
    expected = []

    def cell_xml(ref, value, style_for_dates):
        nonlocal refs
        if isinstance(value, datetime.datetime):
            return f'<c r="{ref}" s="{style_for_dates}"><v>{format(serial(value), ".17g")}</v></c>', value.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>', str(value)
        if isinstance(value, tuple) and value[0] == "inline":
            return f'<c r="{ref}" t="inlineStr"><is>{t_element(value[1])}</is></c>', value[1]
        if isinstance(value, tuple) and value[0] == "rich":
            runs = value[1]
            xml = f"<si><r>{t_element(runs[0])}</r>" + "".join(
                f'<r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr>{t_element(run)}</r>'
                for run in runs[1:]) + "</si>"
            key, text = ("rich",) + tuple(runs), "".join(runs)
        elif isinstance(value, tuple) and value[0] == "phonetic":
            text = value[1]
            xml = f'<si>{t_element(text)}<rPh sb="0" eb="{len(text)}"><t>{esc(value[2])}</t></rPh><phoneticPr fontId="1"/></si>'
            key = value
        else:
            text, xml, key = value, f"<si>{t_element(value)}</si>", value
        refs += 1
        return f'<c r="{ref}" t="s"><v>{share(key, xml)}</v></c>', text

    cells = []
    for column, name in enumerate(header):
        xml, text = cell_xml(f"{col(column)}1", name, 0)
        cells.append(xml.replace('t="s"', 's="3" t="s"'))
    rows_xml.append(f'<row r="1" spans="1:{len(header)}" x14ac:dyDescent="0.25">{"".join(cells)}</row>')
    expected.append({"line": 1, "fields": list(header)})
    for number, values in responses:
        cells, fields = [], []
        for column, value in enumerate(values):
            if value is None:
                fields.append("")
                continue
            # Start time has the custom m/d/yy h:mm:ss (style 1), the others built-in 22 (style 2).
            xml, text = cell_xml(f"{col(column)}{number}", value, 1 if column == 1 else 2)
            cells.append(xml)
            fields.append(text)
        rows_xml.append(f'<row r="{number}" spans="1:{len(header)}" x14ac:dyDescent="0.25">{"".join(cells)}</row>')
        expected.append({"line": number, "fields": fields})

    last = f"{col(len(header) - 1)}{responses[-1][0]}"
    sheet = (DECL +
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
        'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
        'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
        'xr:uid="{00000000-0001-0000-0000-000000000000}">'
        f'<dimension ref="A1:{last}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
        '<cols><col min="1" max="1" width="5.7109375" customWidth="1"/><col min="2" max="3" width="18.7109375" customWidth="1"/></cols>'
        f'<sheetData>{"".join(rows_xml)}</sheetData>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    strings = (DECL + f'<sst xmlns="{MAIN}" count="{refs}" uniqueCount="{len(shared)}">' + "".join(shared) + "</sst>")
    return sheet, strings, expected

CONTENT_TYPES = (DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
ROOT_RELS = (DECL + f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (DECL +
    f'<workbook xmlns="{MAIN}" xmlns:r="{REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
    'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
    'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">'
    '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
    '<workbookPr defaultThemeVersion="166925"/>'
    '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews>'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>')
WORKBOOK_RELS = (DECL + f'<Relationships xmlns="{PKG_REL}">'
    f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
STYLES = (DECL +
    f'<styleSheet xmlns="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
    'xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yy\\ h:mm:ss"/></numFmts>'
    '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
    '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>'
    '</styleSheet>')

FIXED_TIME = (2024, 4, 2, 10, 0, 0)

def add(archive, name, data, compress=zipfile.ZIP_DEFLATED, unix=False, raw_name=None):
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.compress_type = compress
    if unix:
        info.create_system = 3
        info.external_attr = ((0o40755 if name.endswith("/") else 0o100644) << 16) | (0x10 if name.endswith("/") else 0)
    if raw_name is not None:
        # macOS writes UTF-8 names without the UTF-8 flag, which zipfile sets for any non-ASCII
        # name: write an ASCII stand-in of the same length, and put the real bytes in afterwards.
        real = raw_name.encode("utf-8")
        stand_in = "".join(c if ord(c) < 128 else "" for c in raw_name)
        stand_in = stand_in[:-4] + "#" * (len(real) - len(stand_in)) + stand_in[-4:]
        info.filename = stand_in
        RENAMES.append((stand_in.encode("ascii"), real))
    archive.writestr(info, data if isinstance(data, bytes) else data.encode("utf-8"))

RENAMES = []

def put_raw_names(path):
    data = open(path, "rb").read()
    for stand_in, real in RENAMES:
        assert len(stand_in) == len(real) and data.count(stand_in) == 2
        data = data.replace(stand_in, real)
    open(path, "wb").write(data)
    RENAMES.clear()

def xlsx():
    sheet, strings, expected = workbook_parts(HEADER, RESPONSES)
    with zipfile.ZipFile("microsoft-forms.xlsx", "w") as archive:
        for name, data in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/worksheets/sheet1.xml", sheet),
                           ("xl/sharedStrings.xml", strings), ("xl/styles.xml", STYLES)]:
            add(archive, name, data)
    with open("expected.json", "w", encoding="utf-8") as out:
        rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in expected)
        out.write('{"name": "microsoft-forms.xlsx", "sheet": "Sheet1", "rows": [\n' + rows + "\n]}\n")

GOOGLE_HEADER = ["Timestamp", "First Name", "Last Name", "City", "State or Province", "Country", "Email Address"]
GOOGLE_ROWS = [
    ["2024/01/15 9:30:12 AM GMT-5", "민준", "김", "서울", "서울특별시", "대한민국", "minjun@example.kr"],
    ["2024/01/15 11:02:40 PM GMT-5", "محمد", "علي", "القاهرة", "القاهرة", "Egypt", "mohamed@example.eg"],
    ["2024/01/16 8:15:00 AM GMT-5", "Ann", "Lee", "Brighton & Hove", "East Sussex", "United Kingdom", "ann.lee@example.co.uk"],
]

def csv_text(header, rows):
    # Google Forms quotes every field and ends lines with CRLF.
    quote = lambda field: '"' + field.replace('"', '""') + '"'
    return "".join(",".join(quote(field) for field in row) + "\r\n" for row in [header] + rows)

class Unseekable(io.RawIOBase):
    """A file zipfile cannot seek back in, so it streams as a server does: sizes and checksum
    follow the data in a data descriptor (general-purpose bit 3), as Java's and Go's zip writers do."""
    def __init__(self, out):
        self.out = out
    def writable(self):
        return True
    def seekable(self):
        return False
    def write(self, data):
        return self.out.write(data)

def google():
    with open("Petition to Xi Jinping (Responses).csv.zip", "wb") as out:
        with zipfile.ZipFile(Unseekable(out), "w") as archive:
            add(archive, "Petition to Xi Jinping (Responses).csv", csv_text(GOOGLE_HEADER, GOOGLE_ROWS))

APPLEDOUBLE = (b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02\x00\x00\x00\x09\x00\x00\x00\x32\x00\x00\x00\x20"
               b"\x00\x00\x00\x02\x00\x00\x00\x52\x00\x00\x00\x00" + b"\x00" * 32)

def macos():
    with zipfile.ZipFile("Signatures (macOS).zip", "w") as archive:
        add(archive, "Signatures/", b"", zipfile.ZIP_STORED, unix=True)
        add(archive, "Signatures/서명.csv", csv_text(GOOGLE_HEADER, GOOGLE_ROWS[:2]), unix=True, raw_name="Signatures/서명.csv")
        add(archive, "__MACOSX/", b"", zipfile.ZIP_STORED, unix=True)
        add(archive, "__MACOSX/Signatures/", b"", zipfile.ZIP_STORED, unix=True)
        add(archive, "__MACOSX/Signatures/._서명.csv", APPLEDOUBLE, unix=True, raw_name="__MACOSX/Signatures/._서명.csv")
        add(archive, "Signatures/.DS_Store", b"\x00\x00\x00\x01Bud1" + b"\x00" * 60, unix=True)
        add(archive, "Signatures/paper-forms.csv", csv_text(GOOGLE_HEADER, GOOGLE_ROWS[2:]), unix=True)
        add(archive, "__MACOSX/Signatures/._paper-forms.csv", APPLEDOUBLE, unix=True)
    put_raw_names("Signatures (macOS).zip")

# Traditional PKWARE encryption (APPNOTE 6.1), which zipfile reads but cannot write.
CRC_TABLE = [0] * 256
for n in range(256):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    CRC_TABLE[n] = c

def encrypt(data, password, check_byte):
    keys = [0x12345678, 0x23456789, 0x34567890]
    def update(byte):
        keys[0] = (keys[0] >> 8) ^ CRC_TABLE[(keys[0] ^ byte) & 0xFF]
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = (keys[2] >> 8) ^ CRC_TABLE[(keys[2] ^ (keys[1] >> 24)) & 0xFF]
    for byte in password:
        update(byte)
    out = bytearray()
    header = bytes(range(11)) + bytes([check_byte])
    for byte in header + data:
        temp = (keys[2] | 2) & 0xFFFF
        out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
        update(byte)
    return bytes(out)

def encrypted():
    plain = csv_text(GOOGLE_HEADER, GOOGLE_ROWS).encode("utf-8")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = compressor.compress(plain) + compressor.flush()
    crc = zlib.crc32(plain)
    body = encrypt(deflated, b"petition", crc >> 24)
    name = b"responses.csv"
    dos_time, dos_date = (10 << 11), ((2024 - 1980) << 9) | (4 << 5) | 2
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 1, 8, dos_time, dos_date, crc, len(body), len(plain), len(name), 0) + name
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 1, 8, dos_time, dos_date, crc, len(body), len(plain),
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(body), 0)
    with open("encrypted.zip", "wb") as out:
        out.write(local + body + central + end)
    with zipfile.ZipFile("encrypted.zip") as check:
        assert check.read("responses.csv", pwd=b"petition") == plain

def patch_sizes(path, uncompressed):
    """Rewrites the uncompressed size in every local and central header of a one-member zip."""
    data = bytearray(open(path, "rb").read())
    local = data.find(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, uncompressed)
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, uncompressed)
    open(path, "wb").write(bytes(data))

def bombs():
    with zipfile.ZipFile("bomb-ratio.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        info = zipfile.ZipInfo("responses.csv", FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b"\x00" * (32 << 20))
    text = csv_text(GOOGLE_HEADER, GOOGLE_ROWS * 20)
    for path, declared in [("bomb-declared.zip", 0xFFFF_FFF0), ("understated.zip", 100)]:
        with zipfile.ZipFile(path, "w") as archive:
            add(archive, "responses.csv", text)
        patch_sizes(path, declared)
    with zipfile.ZipFile("damaged-member.zip", "w") as archive:
        add(archive, "responses.csv", text)
    data = bytearray(open("damaged-member.zip", "rb").read())
    start = 30 + len("responses.csv")
    for offset in range(start + 20, start + 40):
        data[offset] ^= 0x5A
    open("damaged-member.zip", "wb").write(bytes(data))

if __name__ == "__main__":
    xlsx()
    google()
    macos()
    encrypted()
    bombs()
