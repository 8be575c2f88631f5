#!/usr/bin/env python3
"""Writes the real-export corpus: ONE cast of 12 signers plus ONE resubmission, exported in the
shapes real platforms write (see README.md for the source of each shape), and expected.json.

Run from anywhere: python3 make.py   (Python 3 standard library only; output is byte-for-byte
deterministic: fixed zip timestamps, no randomness).

The resubmission is signer 2 (Anna Müller) again: same address with other case and spacing,
submitted a month LATER from a slightly different city. In day-first files the original reads
03/02 (3 February) and the resubmission 02/03 (2 March); in month-first files the other way
round, so a reader that swaps day and month keeps the wrong row.

Times in files that carry no zone (Google Sheets, Excel, Microsoft Forms) are written as the UTC
wall clock: the expected instant is that wall clock read as UTC (see README, "Time zones").
"""
import calendar, csv, io, json, os, time, zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ZIP_TIME = (2024, 3, 4, 12, 0, 0)

# ---------------------------------------------------------------------------------------------
# The cast. Latin is what a signer would type on a Western keyboard, used only where the file's
# encoding (windows-1252, MacRoman) cannot hold the native spelling.

SIGNERS = [
    # when (UTC)            first        last          city        region                  country  email                     latin (first, last, city, region)
    ("2024-02-01 08:15:42", "José",      "García",     "Madrid",   "Comunidad de Madrid",  "ES", "jose.garcia@example.es",   None),
    ("2024-02-03 21:09:25", "Anna",      "Müller",     "Berlin",   "Berlin",               "DE", "anna.mueller@example.de",  None),
    ("2024-02-05 13:02:11", "François",  "Lefèvre",    "Lyon",     "Auvergne-Rhône-Alpes", "FR", "f.lefevre@example.fr",     None),
    ("2024-02-07 10:47:03", "Łukasz",    "Wiśniewski", "Kraków",   "Małopolskie",          "PL", "lukasz.w@example.pl",      ("Lukasz", "Wisniewski", "Krakow", "Malopolskie")),
    ("2024-02-09 06:30:59", "Thị Hương", "Nguyễn",     "Hà Nội",   "",                     "VN", "huong.nguyen@example.vn",  ("Thi Huong", "Nguyen", "Ha Noi", "")),
    ("2024-02-11 23:05:17", "민준",      "김",         "서울",     "",                     "KR", "minjun.kim@example.kr",    ("Min-jun", "Kim", "Seoul", "")),
    ("2024-02-14 12:00:00", "太郎",      "山田",       "東京",     "東京都",               "JP", "taro.yamada@example.jp",   ("Taro", "Yamada", "Tokyo", "Tokyo")),
    ("2024-02-16 17:45:30", "怡君",      "林",         "臺北",     "",                     "TW", "yichun.lin@example.tw",    ("Yi-chun", "Lin", "Taipei", "")),
    ("2024-02-19 09:12:48", "Иван",      "Петров",     "Москва",   "",                     "RU", "ivan.petrov@example.ru",   ("Ivan", "Petrov", "Moscow", "")),
    ("2024-02-22 14:33:05", "محمد",      "علي",        "القاهرة",  "",                     "EG", "mohamed.ali@example.eg",   ("Mohamed", "Ali", "Cairo", "")),
    ("2024-02-25 20:20:20", "נועה",      "כהן",        "תל אביב",  "",                     "IL", "noa.cohen@example.il",     ("Noa", "Cohen", "Tel Aviv", "")),
    ("2024-02-28 11:11:11", "Emily",     "O'Brien",    "Toronto",  "Ontario",              "CA", "emily.obrien@example.ca",  None),
]
# The same person as SIGNERS[1], later, with the address retyped and another part of the city.
RESUBMISSION = ("2024-03-02 09:41:07", "Anna", "Müller", "Berlin-Mitte", "Berlin", "DE", " Anna.Mueller@Example.DE ", None)
ORIGINAL_INDEX = 1

# How the signers wrote their country. English by default; the Russian and Japanese signers type
# their own country's name in Unicode files; the German and Korean signers' countries are typed in
# the language of a translated form (a translated copy of the form is filled in that language).
COUNTRY_EN = {"ES": "Spain", "DE": "Germany", "FR": "France", "PL": "Poland", "VN": "Vietnam", "KR": "South Korea",
              "JP": "Japan", "TW": "Taiwan", "RU": "Russia", "EG": "Egypt", "IL": "Israel", "CA": "Canada"}
COUNTRY_NATIVE = {"RU": "Россия", "JP": "日本"}
COUNTRY_LOCAL = {  # locale -> (Germany, South Korea)
    "de": ("Deutschland", "Südkorea"), "fr": ("Allemagne", "Corée du Sud"), "es": ("Alemania", "Corea del Sur"),
    "pt": ("Alemanha", "Coreia do Sul"), "it": ("Germania", "Corea del Sud"), "nl": ("Duitsland", "Zuid-Korea"),
    "pl": ("Niemcy", "Korea Południowa"), "ru": ("Германия", "Южная Корея"), "tr": ("Almanya", "Güney Kore"),
    "ja": ("ドイツ", "韓国"), "ko": ("독일", "대한민국"), "zh-CN": ("德国", "韩国"), "zh-TW": ("德國", "南韓"),
    "ar": ("ألمانيا", "كوريا الجنوبية"), "he": ("גרמניה", "דרום קוריאה"),
}


def country_text(code, locale=None, latin=False):
    if locale and code in ("DE", "KR"):
        return COUNTRY_LOCAL[locale][0 if code == "DE" else 1]
    if not latin and code in COUNTRY_NATIVE:
        return COUNTRY_NATIVE[code]
    return COUNTRY_EN[code]


def rows():
    """The 13 submissions in the order the platform lists them (oldest first)."""
    return SIGNERS + [RESUBMISSION]


def utc_seconds(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%d %H:%M:%S"))


def fields(row, latin=False):
    when, first, last, city, region, code, email, latin_names = row
    if latin and latin_names:
        first, last, city, region = latin_names
    return when, first, last, city, region, code, email


# ---------------------------------------------------------------------------------------------
# Timestamp writers: each takes a UTC struct_time (already shifted to the wall clock to show).

def two(n):
    return "%02d" % n


def h12(t):
    h = t.tm_hour % 12
    return 12 if h == 0 else h


def fmt_dmy_dot(t):          # de, ru, pl, tr: 03.02.2024 21:09:25
    return "%s.%s.%d %s:%s:%s" % (two(t.tm_mday), two(t.tm_mon), t.tm_year, two(t.tm_hour), two(t.tm_min), two(t.tm_sec))


def fmt_dmy_slash(t):        # fr, pt-BR, nl(-BE), ar: 03/02/2024 21:09:25
    return "%s/%s/%d %s:%s:%s" % (two(t.tm_mday), two(t.tm_mon), t.tm_year, two(t.tm_hour), two(t.tm_min), two(t.tm_sec))


def fmt_es(t):               # es: 3/02/2024 21:09:25 (day unpadded, month padded, hour unpadded)
    return "%d/%s/%d %d:%s:%s" % (t.tm_mday, two(t.tm_mon), t.tm_year, t.tm_hour, two(t.tm_min), two(t.tm_sec))


def fmt_it(t):               # it: 03/02/2024 21.09.25 (dots in the time)
    return "%s/%s/%d %s.%s.%s" % (two(t.tm_mday), two(t.tm_mon), t.tm_year, two(t.tm_hour), two(t.tm_min), two(t.tm_sec))


def fmt_he(t):               # he: 3.2.2024 21:09:25
    return "%d.%d.%d %d:%s:%s" % (t.tm_mday, t.tm_mon, t.tm_year, t.tm_hour, two(t.tm_min), two(t.tm_sec))


def fmt_us(t):               # en-US Sheets: 2/3/2024 21:09:25
    return "%d/%d/%d %d:%s:%s" % (t.tm_mon, t.tm_mday, t.tm_year, t.tm_hour, two(t.tm_min), two(t.tm_sec))


def fmt_ja(t):               # ja: 2024/02/03 21:09:25
    return "%d/%s/%s %s:%s:%s" % (t.tm_year, two(t.tm_mon), two(t.tm_mday), two(t.tm_hour), two(t.tm_min), two(t.tm_sec))


def fmt_zh_cn(t):            # zh-CN: 2024/2/3 21:09:25
    return "%d/%d/%d %d:%s:%s" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, two(t.tm_min), two(t.tm_sec))


def fmt_zh_tw(t):            # zh-TW: 2024/2/3 下午 9:09:25
    mer = "上午" if t.tm_hour < 12 else "下午"
    return "%d/%d/%d %s %d:%s:%s" % (t.tm_year, t.tm_mon, t.tm_mday, mer, h12(t), two(t.tm_min), two(t.tm_sec))


def fmt_ko(t):               # ko: 2024. 2. 3 오후 9:09:25
    mer = "오전" if t.tm_hour < 12 else "오후"
    return "%d. %d. %d %s %d:%s:%s" % (t.tm_year, t.tm_mon, t.tm_mday, mer, h12(t), two(t.tm_min), two(t.tm_sec))


def fmt_forms(t, offset_hours):  # Responses tab: 2024/02/03 4:09:25 PM GMT-5
    mer = "AM" if t.tm_hour < 12 else "PM"
    sign = "-" if offset_hours < 0 else "+"
    return "%d/%s/%s %d:%s:%s %s GMT%s%d" % (t.tm_year, two(t.tm_mon), two(t.tm_mday), h12(t), two(t.tm_min), two(t.tm_sec),
                                          mer, sign, abs(offset_hours))


def fmt_msforms(t):          # Microsoft Forms, as Excel saves it to CSV: 2/3/24 21:09:25
    return "%d/%d/%s %d:%s:%s" % (t.tm_mon, t.tm_mday, two(t.tm_year % 100), t.tm_hour, two(t.tm_min), two(t.tm_sec))


def fmt_excel_us(t):         # Excel (en-US) re-saving a sheet it parsed: 2/3/2024 21:09 (seconds dropped)
    return "%d/%d/%d %d:%s" % (t.tm_mon, t.tm_mday, t.tm_year, t.tm_hour, two(t.tm_min))


def fmt_excel_de(t):         # Excel (de-DE): 03.02.2024 21:09 (seconds dropped)
    return "%s.%s.%d %s:%s" % (two(t.tm_mday), two(t.tm_mon), t.tm_year, two(t.tm_hour), two(t.tm_min))


def fmt_iso_utc(t):          # Typeform: 2024-02-03 21:09:25
    return time.strftime("%Y-%m-%d %H:%M:%S", t)


# ---------------------------------------------------------------------------------------------
# Google Sheets downloads from accounts in other languages: the localized Timestamp and Email
# address columns Google adds, then the form's questions as a translated copy of the form has them.

SHEETS = {
    # locale: (timestamp header, email header, [first, last, city, region, country, consent question], consent answer, date writer)
    "de": ("Zeitstempel", "E-Mail-Adresse",
           ["Vorname", "Nachname", "Stadt", "Bundesland", "Land", "Wie dürfen wir Ihre E-Mail-Adresse verwenden?"],
           "Nur zum Zählen", fmt_dmy_dot),
    "fr": ("Horodateur", "Adresse e-mail",
           ["Prénom", "Nom", "Ville", "État ou province", "Pays", "Comment pouvons-nous utiliser votre adresse e-mail ?"],
           "Uniquement pour le comptage", fmt_dmy_slash),
    "es": ("Marca temporal", "Dirección de correo electrónico",
           ["Nombre", "Apellido", "Ciudad", "Estado o provincia", "País", "¿Cómo podemos usar su dirección de correo electrónico?"],
           "Solo para contar", fmt_es),
    "pt": ("Carimbo de data/hora", "Endereço de e-mail",
           ["Nome", "Sobrenome", "Cidade", "Estado ou província", "País", "Como podemos usar seu endereço de e-mail?"],
           "Apenas para contagem", fmt_dmy_slash),
    "it": ("Informazioni cronologiche", "Indirizzo email",
           ["Nome", "Cognome", "Città", "Stato o provincia", "Paese", "Come possiamo usare il tuo indirizzo email?"],
           "Solo per il conteggio", fmt_it),
    "nl": ("Tijdstempel", "E-mailadres",
           ["Voornaam", "Achternaam", "Stad", "Staat of provincie", "Land", "Hoe mogen we uw e-mailadres gebruiken?"],
           "Alleen om te tellen", fmt_dmy_slash),
    "pl": ("Sygnatura czasowa", "Adres e-mail",
           ["Imię", "Nazwisko", "Miasto", "Stan lub województwo", "Kraj", "Jak możemy wykorzystać Twój adres e-mail?"],
           "Tylko do liczenia", fmt_dmy_dot),
    "ru": ("Отметка времени", "Адрес электронной почты",
           ["Имя", "Фамилия", "Город", "Штат или область", "Страна", "Как мы можем использовать ваш адрес электронной почты?"],
           "Только для подсчёта", fmt_dmy_dot),
    "tr": ("Zaman damgası", "E-posta adresi",
           ["Ad", "Soyadı", "Şehir", "Eyalet veya il", "Ülke", "E-posta adresinizi nasıl kullanabiliriz?"],
           "Yalnızca saymak için", fmt_dmy_dot),
    "ja": ("タイムスタンプ", "メールアドレス",
           ["名", "姓", "市区町村", "州・都道府県", "国", "メールアドレスをどのように使用してよいですか？"],
           "集計のみ", fmt_ja),
    "ko": ("타임스탬프", "이메일 주소",
           ["이름", "성", "도시", "주/도", "국가", "이메일 주소를 어떻게 사용해도 될까요?"],
           "집계용으로만", fmt_ko),
    "zh-CN": ("时间戳记", "电子邮件地址",
              ["名", "姓", "城市", "州/省", "国家/地区", "我们可以如何使用您的电子邮件地址？"],
              "仅用于计数", fmt_zh_cn),
    "zh-TW": ("時間戳記", "電子郵件地址",
              ["名字", "姓氏", "城市", "州/省", "國家/地區", "我們可以如何使用您的電子郵件地址？"],
              "僅用於計數", fmt_zh_tw),
    "ar": ("الطابع الزمني", "عنوان البريد الإلكتروني",
           ["الاسم الأول", "اسم العائلة", "المدينة", "الولاية أو المقاطعة", "البلد", "كيف يمكننا استخدام عنوان بريدك الإلكتروني؟"],
           "للعدّ فقط", fmt_dmy_slash),
    "he": ("חותמת זמן", "כתובת אימייל",
           ["שם פרטי", "שם משפחה", "עיר", "מחוז", "מדינה", "איך נוכל להשתמש בכתובת האימייל שלך?"],
           "לספירה בלבד", fmt_he),
}

EN_QUESTIONS = ["First Name", "Last Name", "City", "State or Province", "Country", "How may we use your email address?"]
EN_CONSENT = "Count me only"


def csv_text(table, delimiter=",", line_end="\r\n", quote_all=False):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=line_end,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(table)
    return out.getvalue()


FIXTURES = {}   # name -> {"layout", "bytes" or None (written by its builder), "times": "exact"|"minute"|"none", "latin": bool}


def add(name, layout, data, times="exact", latin=False):
    FIXTURES[name] = {"layout": layout, "times": times, "latin": latin}
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def wall(row, offset_hours=0):
    return time.gmtime(utc_seconds(row[0]) + offset_hours * 3600)


def google_responses_zip():
    # Responses tab → Download responses (.csv): a zip holding one CSV named after the form.
    offset = -5   # the form owner is in New York; February and 2 March are before DST (GMT-5)
    header = ["Timestamp", "Email Address"] + EN_QUESTIONS
    table = [header]
    for row in rows():
        when, first, last, city, region, code, email = fields(row)
        table.append([fmt_forms(wall(row, offset), offset), email, first, last, city, region, country_text(code), EN_CONSENT])
    data = csv_text(table, quote_all=True).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("Petition.csv", ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        z.writestr(info, data)
    add("Petition.csv.zip", "Google Forms, Responses tab, Download responses (.csv) (English)", buffer.getvalue())


def google_sheets_en():
    header = ["Timestamp", "Email address"] + EN_QUESTIONS
    table = [header]
    for row in rows():
        when, first, last, city, region, code, email = fields(row)
        table.append([fmt_us(wall(row)), email, first, last, city, region, country_text(code), EN_CONSENT])
    add("sheets-en-US.csv", "Google Sheets, File → Download → CSV (English, United States)", csv_text(table).encode("utf-8"))


def google_sheets(locale):
    ts, mail, questions, consent, writer = SHEETS[locale]
    table = [[ts, mail] + questions]
    for row in rows():
        when, first, last, city, region, code, email = fields(row)
        table.append([writer(wall(row)), email, first, last, city, region, country_text(code, locale), consent])
    add("sheets-%s.csv" % locale, "Google Sheets, File → Download → CSV (account language %s)" % locale,
        csv_text(table).encode("utf-8"))


MS_HEADER = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
             "First Name", "Last Name", "City", "State or Province", "Country", "Email Address",
             "How may we use your email address?"]


def microsoft_forms_csv():
    # The Excel download of a form anyone can answer, opened in Excel (en-US) and saved as
    # "CSV UTF-8 (Comma delimited)": BOM, CRLF, dates as Excel shows them.
    table = [MS_HEADER]
    for number, row in enumerate(rows(), start=1):
        when, first, last, city, region, code, email = fields(row)
        done = utc_seconds(when)
        table.append([str(number), fmt_msforms(time.gmtime(done - 137)), fmt_msforms(time.gmtime(done)), "anonymous", "", "",
                      first, last, city, region, country_text(code), email, EN_CONSENT])
    add("microsoft-forms.csv", "Microsoft Forms, Open in Excel / Download a copy, saved as CSV UTF-8",
        b"\xef\xbb\xbf" + csv_text(table).encode("utf-8"))


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def microsoft_forms_xlsx():
    strings, string_index = [], {}

    def sst(value):
        if value not in string_index:
            string_index[value] = len(strings)
            strings.append(value)
        return string_index[value]

    def serial(seconds):
        # Excel's 1900 date system: days since 1899-12-30, the time as the fraction of a day.
        return repr(seconds / 86400 + 25569)

    sheet_rows = []
    cells = ['<c r="%s1" t="s"><v>%d</v></c>' % (column_letter(i), sst(h)) for i, h in enumerate(MS_HEADER)]
    sheet_rows.append('<row r="1">%s</row>' % "".join(cells))
    for number, row in enumerate(rows(), start=1):
        r = number + 1
        when, first, last, city, region, code, email = fields(row)
        done = utc_seconds(when)
        values = [("n", str(number)), ("d", serial(done - 137)), ("d", serial(done)), ("s", "anonymous"), None, None,
                  ("s", first), ("s", last), ("s", city), ("s", region) if region else None, ("s", country_text(code)),
                  ("s", email), ("s", EN_CONSENT)]
        cells = []
        for i, value in enumerate(values):
            if value is None:
                continue
            ref = "%s%d" % (column_letter(i), r)
            kind, text = value
            if kind == "s":
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sst(text)))
            elif kind == "d":
                cells.append('<c r="%s" s="1"><v>%s</v></c>' % (ref, text))
            else:
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, text))
        sheet_rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    last_ref = "%s%d" % (column_letter(len(MS_HEADER) - 1), len(rows()) + 1)

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook %s %s><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>' % (ns, rel_ns),
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>',
        "xl/styles.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet %s><numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yy h:mm:ss"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '</styleSheet>' % ns,
        "xl/worksheets/sheet1.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet %s %s><dimension ref="A1:%s"/><sheetData>%s</sheetData></worksheet>' % (ns, rel_ns, last_ref, "".join(sheet_rows)),
        "xl/sharedStrings.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst %s count="%d" uniqueCount="%d">%s</sst>' % (
                ns, len(strings), len(strings),
                "".join('<si><t%s>%s</t></si>' % (' xml:space="preserve"' if s != s.strip() else "", escape(s)) for s in strings)),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name].encode("utf-8"))
    add("microsoft-forms.xlsx", "Microsoft Forms, Excel workbook (.xlsx) download", buffer.getvalue())


def token(seed, length, alphabet):
    # A fixed pseudo-random token (linear congruential), so the file is the same on every run.
    state, out = seed * 2654435761 % 2 ** 32, ""
    for _ in range(length):
        state = (state * 1103515245 + 12345) % 2 ** 31
        out += alphabet[state % len(alphabet)]
    return out


def typeform():
    header = ["#"] + EN_QUESTIONS[:5] + ["Email Address", EN_QUESTIONS[5]] + [
        "Response Type", "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]
    table = [header]
    for number, row in enumerate(rows(), start=1):
        when, first, last, city, region, code, email = fields(row)
        done = utc_seconds(when)
        table.append([token(number, 32, "abcdefghijklmnopqrstuvwxyz0123456789"), first, last, city, region, country_text(code),
                      email, EN_CONSENT, "completed", fmt_iso_utc(time.gmtime(done - 95)), "", fmt_iso_utc(time.gmtime(done)),
                      token(number + 100, 10, "0123456789abcdef"), ""])
    add("typeform.csv", "Typeform, Results → Download all responses (.csv)", csv_text(table, line_end="\n").encode("utf-8"))


def action_network():
    header = ["uuid", "first_name", "last_name", "email", "zip_code", "can2_user_address", "can2_user_city",
              "can2_state_abbreviated", "country", "can2_phone", "can2_user_tags", "can2_subscription_status", "can2_sms_status"]
    table = [header]
    for number, row in enumerate(rows(), start=1):
        when, first, last, city, region, code, email = fields(row)
        uuid = "%s-%s-%s-%s-%s" % (token(number, 8, "0123456789abcdef"), token(number + 1, 4, "0123456789abcdef"),
                                   token(number + 2, 4, "0123456789abcdef"), token(number + 3, 4, "0123456789abcdef"),
                                   token(number + 4, 12, "0123456789abcdef"))
        state = "ON" if code == "CA" else ""
        table.append([uuid, first, last, email, "", "", city, state, code, "", "petition-2024", "subscribed", ""])
    add("action-network.csv", "Action Network, report download (activists)", csv_text(table, line_end="\n").encode("utf-8"),
        times="none")


def excel_table(timestamp_header, email_header, questions, writer, locale=None, consent=EN_CONSENT):
    table = [[timestamp_header, email_header] + questions]
    for row in rows():
        when, first, last, city, region, code, email = fields(row, latin=True)
        table.append([writer(wall(row)), email, first, last, city, region, country_text(code, locale, latin=True), consent])
    return table


def excel_windows_1252():
    # The en-US sheet opened in Excel on Western Windows and saved as "CSV (Comma delimited)".
    table = excel_table("Timestamp", "Email address", EN_QUESTIONS, fmt_excel_us)
    add("excel-windows-1252.csv", "Excel (en-US, Windows) Save As CSV (Comma delimited): windows-1252, no BOM",
        csv_text(table).encode("cp1252"), times="minute", latin=True)


def excel_german():
    ts, mail, questions, consent, _ = SHEETS["de"]
    table = excel_table(ts, mail, questions, fmt_excel_de, locale="de", consent=consent)
    add("excel-de-semicolon.csv", "Excel (de-DE, Windows) Save As CSV (Trennzeichen-getrennt): ';', windows-1252",
        csv_text(table, delimiter=";").encode("cp1252"), times="minute", latin=True)


def excel_mac():
    # Excel for Mac's "CSV (Macintosh)": MacRoman, classic Mac line ends (CR).
    table = excel_table("Timestamp", "Email address", EN_QUESTIONS, fmt_excel_us)
    add("excel-mac.csv", "Excel for Mac Save As CSV (Macintosh): MacRoman, CR line ends",
        csv_text(table, line_end="\r").encode("mac_roman"), times="minute", latin=True)


# ---------------------------------------------------------------------------------------------

def expected():
    out = {"_about": "Ground truth for RealExportTests: every signer accepted, exactly one duplicate, nothing rejected. "
                     "submittedAt is seconds since 1970 (UTC); null where the export has no time column. "
                     "Lines are 1-based (the header is line 1); in the .xlsx they are sheet rows; in the .zip, lines "
                     "of the CSV inside.",
           "fixtures": {}}
    for name, info in sorted(FIXTURES.items()):
        signers = []
        for index, row in enumerate(rows()):
            when, first, last, city, region, code, email = fields(row, latin=info["latin"])
            seconds = utc_seconds(when)
            if info["times"] == "minute":
                seconds -= seconds % 60
            entry = {"line": index + 2, "firstName": first, "lastName": last, "countryCode": code,
                     "submittedAt": None if info["times"] == "none" else seconds,
                     "submittedAtISO": None if info["times"] == "none" else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))}
            signers.append(entry)
        duplicate = signers.pop()
        out["fixtures"][name] = {
            "layout": info["layout"],
            "signers": signers,
            "duplicate": {"line": duplicate["line"], "keptAt": ORIGINAL_INDEX + 2,
                          "submittedAt": duplicate["submittedAt"], "submittedAtISO": duplicate["submittedAtISO"]},
        }
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    google_responses_zip()
    google_sheets_en()
    for locale in SHEETS:
        google_sheets(locale)
    microsoft_forms_csv()
    microsoft_forms_xlsx()
    typeform()
    action_network()
    excel_windows_1252()
    excel_german()
    excel_mac()
    expected()
    print("wrote %d fixtures and expected.json" % len(FIXTURES))


if __name__ == "__main__":
    main()
