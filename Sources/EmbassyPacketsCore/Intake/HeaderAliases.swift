/// The headers that name each column: the form's question titles in English and as a
/// translated copy of the form has them, the columns Google Forms adds in the account's
/// language (Timestamp, Email Address), and the columns other platforms write (Microsoft
/// Forms, Typeform, Action Network, generic exports). Sources are cited in
/// Tests/EmbassyPacketsTests/Fixtures/exports/README.md.
enum HeaderAliases {
    /// What one header means.
    struct Alias: Sendable {
        var column: Column
        /// Lower is better when several headers name the timestamp (a submission time wins
        /// over a start time).
        var rank: Int
        /// The date order of the locale that writes this header, for an ambiguous column.
        var dateOrder: DateOrder?
    }

    /// Timestamp headers, best first, with the date order their locale implies.
    static let timestamps: [(String, DateOrder?)] = [
        // Submission times first: Typeform's and Microsoft Forms' own.
        ("Submit Date (UTC)", .ymd), ("Completion time", .mdy), ("lastSubmittedTime", .ymd), ("Submitted At", nil), ("Submission Date", nil),
        ("Submitted", nil), ("Signed At", nil), ("Signed On", nil), ("Date Signed", nil), ("Signature Date", nil),
        // Google Forms' Timestamp column in the account's language.
        ("Timestamp", .mdy), ("Marca temporal", .dmy), ("Zeitstempel", .dmy), ("Horodateur", .dmy),
        ("Horodatage", .dmy), ("Carimbo de data/hora", .dmy), ("Indicação de data e hora", .dmy),
        ("Informazioni cronologiche", .dmy), ("Data/ora", .dmy), ("Tijdstempel", .dmy), ("Sygnatura czasowa", .dmy),
        ("Отметка времени", .dmy), ("Zaman damgası", .dmy), ("タイムスタンプ", .ymd), ("타임스탬프", .ymd),
        ("时间戳", .ymd), ("时间戳记", .ymd), ("時間戳記", .ymd), ("時間戳", .ymd), ("الطابع الزمني", .dmy),
        ("חותמת זמן", .dmy), ("Časová značka", .dmy), ("Tidsstämpel", .ymd), ("Tidsstempel", .dmy),
        ("Aikaleima", .dmy), ("Időbélyeg", .ymd), ("Χρονική σήμανση", .dmy), ("Позначка часу", .dmy),
        ("Dấu thời gian", .dmy), ("ประทับเวลา", .dmy), ("Stempel waktu", .dmy), ("Cap masa", .dmy),
        ("Marcă temporală", .dmy), ("Marca de temps", .dmy),
        // Generic names, then start times last.
        ("Time", nil), ("Date", nil), ("Created At", nil), ("Created", nil), ("created_date", nil), ("Date and Time", nil),
        ("DateTime", nil), ("createTime", .ymd), ("Last modified time", .mdy), ("Start time", .mdy), ("Start Date (UTC)", .ymd),
    ]

    /// Headers of every other column.
    static let others: [Column: [String]] = [
        .first: [
            "First Name", "First", "Given Name", "Given", "Given Names", "Forename", "Forenames", "FName", "Name First",
            "Signer First Name", "Your First Name", "first_name",
            "Vorname", "Prénom", "Prenom", "Nombre", "Nombres", "Primer nombre", "Nome", "Primeiro nome", "Nome próprio",
            "Voornaam", "Imię", "Имя", "Ad", "Adı", "Adınız", "名", "名前(名)", "名（名）", "이름", "名字", "الاسم الأول",
            "שם פרטי", "Jméno", "Förnamn", "Fornavn", "Etunimi", "Keresztnév", "Όνομα", "Ім'я", "Tên", "ชื่อ",
            "Nama depan", "Prenume", "Nom de pila",
        ],
        .last: [
            "Last Name", "Last", "Surname", "Family Name", "Family", "LName", "Name Last", "Signer Last Name",
            "Your Last Name", "last_name",
            "Nachname", "Familienname", "Nom", "Nom de famille", "Apellido", "Apellidos", "Sobrenome", "Apelido",
            "Apelidos", "Cognome", "Achternaam", "Nazwisko", "Фамилия", "Soyad", "Soyadı", "Soyadınız", "姓", "名前(姓)",
            "名字(姓)", "성", "姓氏", "اسم العائلة", "שם משפחה", "Příjmení", "Efternamn", "Etternavn", "Efternavn",
            "Sukunimi", "Vezetéknév", "Επώνυμο", "Прізвище", "Họ", "นามสกุล", "Nama belakang", "Cognom",
        ],
        .city: [
            "City", "Town", "City or Town", "Town/City", "City/Town", "Locality", "Your City", "Signer City",
            "can2_user_city", "user_city",
            "Stadt", "Ort", "Wohnort", "Ville", "Ciudad", "Localidad", "Cidade", "Città", "Stad", "Plaats", "Woonplaats",
            "Miasto", "Miejscowość", "Город", "Şehir", "Sehir", "市区町村", "都市", "市", "도시", "城市", "المدينة", "עיר",
            "Město", "Kaupunki", "Város", "Πόλη", "Місто", "Thành phố", "เมือง", "Kota", "Oraș", "Ciutat",
        ],
        .region: [
            "State or Province", "State/Province", "Province or State", "State", "Province", "Region",
            "State/Province/Region", "State/Region", "County", "Prefecture", "Territory", "State or Region",
            "can2_state_abbreviated", "can2_state", "state_abbreviated",
            "Bundesland", "Bundesland oder Provinz", "Staat oder Provinz", "Bundesland/Kanton", "Kanton",
            "État ou province", "Etat ou province", "Région", "Département", "Estado o provincia", "Provincia",
            "Región", "Comunidad autónoma", "Estado ou província", "Estado", "Distrito", "Stato o provincia",
            "Regione", "Staat of provincie", "Provincie", "Stan lub prowincja", "Województwo", "Штат или провинция",
            "Регион", "Область", "Eyalet veya il", "Eyalet", "İl", "都道府県", "州または県", "州・県", "주 또는 도",
            "시/도", "주/도", "州或省", "省份", "省", "州/省", "الولاية أو المقاطعة", "المقاطعة", "מדינה או מחוז", "מחוז",
            "Kraj nebo provincie", "Län", "Fylke", "Maakunta", "Megye", "Περιφέρεια", "Область або провінція",
            "Tỉnh", "จังหวัด", "Provinsi", "Județ",
        ],
        .country: [
            "Country", "Country Name", "Nation", "Country or Region", "Country/Region", "Country Code", "Your Country",
            "Signer Country", "can2_country", "country_code",
            "Land", "Pays", "País", "Pais", "Paese", "Nazione", "Kraj", "Страна", "Ülke", "Ulke", "国", "国名", "国・地域",
            "국가", "나라", "国家", "國家", "国家/地区", "國家/地區", "الدولة", "البلد", "מדינה", "ארץ", "Země", "Maa",
            "Ország", "Χώρα", "Країна", "Quốc gia", "ประเทศ", "Negara", "Țară", "Tara",
        ],
        .email: [
            "Email Address", "Email", "E-mail", "Mail", "Email Addr", "Your Email", "Your Email Address", "Signer Email",
            "email_address", "E-mail address", "respondentEmail",
            "E-Mail-Adresse", "E-Mail", "Adresse e-mail", "Adresse électronique", "Courriel", "Adresse courriel",
            "Dirección de correo electrónico", "Correo electrónico", "Correo", "Endereço de e-mail",
            "Endereço de email", "Indirizzo email", "Indirizzo e-mail", "E-mailadres", "Adres e-mail",
            "Adres email", "Адрес электронной почты", "Электронная почта", "E-posta adresi", "E-posta",
            "メールアドレス", "メール", "이메일 주소", "이메일", "电子邮件地址", "电子邮件", "電子郵件地址", "電子郵件",
            "邮箱", "電子メール", "عنوان البريد الإلكتروني", "البريد الإلكتروني", "כתובת אימייל", "כתובת דוא\"ל",
            "אימייל", "E-mailová adresa", "E-postadress", "E-postadresse", "Sähköpostiosoite", "E-mail-cím",
            "Διεύθυνση ηλεκτρονικού ταχυδρομείου", "Адреса електронної пошти", "Địa chỉ email", "ที่อยู่อีเมล",
            "Alamat email", "Adresă de e-mail", "Adreça electrònica",
        ],
        .consent: [
            "How may we use your email address?", "Consent", "Email Consent", "Opt In", "Email Opt In", "Opt-in",
            "can2_subscription_status", "Einwilligung", "Consentement", "Consentimiento", "Consentimento", "Consenso",
            "Toestemming", "Zgoda", "Согласие", "İzin", "同意", "동의",
        ],
        // The columns of a typed-in paper signature sheet (`embassy-packets sheets` prints the id).
        // The same in the languages the other columns' aliases cover, for a coordinator who
        // types the sheets into a spreadsheet in their own.
        .sheet: [
            "Sheet", "Sheet ID", "Sheet Id", "Paper Sheet", "Sheet Number", "Sheet No",
            "Blatt", "Blatt-Nr", "Bogen", "Feuille", "Hoja", "Foglio", "Folha", "Blad", "Arkusz", "Лист", "シート", "시트", "签名表", "簽名表",
        ],
        .line: [
            "Line", "Sheet Line", "Line Number", "Line No",
            "Zeile", "Ligne", "Línea", "Linea", "Riga", "Linha", "Regel", "Wiersz", "Строка", "行", "줄",
        ],
    ]

    /// Every header's alias, by `Column.key`.
    static let byKey: [String: Alias] = {
        var map: [String: Alias] = [:]
        for (rank, (header, order)) in timestamps.enumerated() where map[Column.key(header)] == nil {
            map[Column.key(header)] = Alias(column: .time, rank: rank, dateOrder: order)
        }
        for column in Column.allCases {
            // The form's own title first, then the likelier names: "Country" before "Country Code".
            for (rank, header) in (others[column] ?? []).enumerated() where map[Column.key(header)] == nil {
                map[Column.key(header)] = Alias(column: column, rank: rank, dateOrder: nil)
            }
        }
        return map
    }()

    /// The longest key of any header, in bytes.
    static let longestKey = byKey.keys.map(\.utf8.count).max() ?? 0

    /// The column a row's field would name if it were a header: `Column.matching` of the cleaned
    /// field, with a fast path for plain ASCII (which cleaning leaves as it is for the key) that
    /// builds the key without allocating and gives up once it is longer than any header's. It
    /// runs on every field of every row, looking for a header pasted mid-file.
    static func column(ofField field: String) -> Column? {
        guard field.utf8.allSatisfy({ $0 < 0x80 }) else { return Column.matching(header: TextNormalizer.clean(field)) }
        var key: [UInt8] = []
        key.reserveCapacity(longestKey)
        for byte in field.utf8 {
            switch byte {
            case 0x41...0x5A: key.append(byte | 0x20)
            case 0x61...0x7A, 0x30...0x39: key.append(byte)
            default: continue
            }
            if key.count > longestKey { return nil }
        }
        return key.isEmpty ? nil : byKey[String(decoding: key, as: UTF8.self)]?.column
    }

    /// The names of a column, for hints.
    static func names(of column: Column) -> [String] {
        column == .time ? timestamps.map(\.0) : others[column] ?? []
    }

    /// Keys of words that say "email" in the languages of the aliases.
    private static let emailWords = ["email", "mail", "correo", "courriel", "почт", "メール", "이메일", "邮件", "郵件",
                                     "邮箱", "البريد", "אימייל", "דואל", "eposta", "posta"]

    /// A question about the email address that is not the email column itself: "How may we use
    /// your email address?", "Wie dürfen wir Ihre E-Mail-Adresse verwenden?", ...
    static func looksLikeConsent(_ header: String) -> Bool {
        let key = Column.key(header)
        guard key.count >= 16, byKey[key]?.column != .email else { return false }
        let trimmed = header.trimmingSpaces()
        guard trimmed.hasSuffix("?") || trimmed.hasSuffix("？") || trimmed.hasSuffix("؟") || key.count >= 24 else { return false }
        return emailWords.contains { key.contains($0) }
    }

    /// How many leading headers are a platform's own metadata rather than the form's questions:
    /// Microsoft Forms' `ID, Start time, Completion time, Email, Name, Last modified time`, and
    /// Google Forms' `Timestamp, Email Address` when "Collect email addresses" is on.
    static func metadataPrefix(_ headers: [String]) -> Int {
        let keys = headers.map(Column.key)
        if keys.first == "id", keys.prefix(4).contains("starttime") || keys.prefix(4).contains("completiontime") {
            let microsoft: Set<String> = ["id", "starttime", "completiontime", "email", "name", "lastmodifiedtime", "totalpoints", "quizfeedback"]
            return keys.prefix { microsoft.contains($0) }.count
        }
        if keys.count > 2, byKey[keys[0]]?.column == .time, byKey[keys[1]]?.column == .email {
            return keys[2] == "score" || keys[2] == "totalscore" ? 3 : 2
        }
        return 0
    }

    /// Levenshtein distance over characters, for the closest-header hint (a handful of headers).
    static func editDistance(_ a: String, _ b: String) -> Int { editDistance(Array(a), Array(b)) }

    /// The edit distance between two texts as characters.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
