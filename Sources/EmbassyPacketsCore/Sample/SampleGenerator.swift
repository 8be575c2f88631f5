/// Writes deterministic, realistic signature exports for trying the tool and for benchmarks:
/// names in many scripts, the country mix of an international petition, the Google Forms
/// layout, and the mess real exports have (a few duplicates, a few bad rows).
public struct SampleGenerator: Sendable {
    /// Output formats.
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    /// One country's share of the signers and what its signers write.
    struct Country {
        var typed: [String]
        var weight: Double
        var given: [String]
        var family: [String]
        var places: [(String, String)]
    }

    static let countries: [Country] = [
        Country(typed: ["United States", "USA", "United States"], weight: 28,
                given: ["James", "Mary", "José", "Aaliyah", "Wei", "Emily", "Michael", "Sarah", "David", "Grace", "Robert", "Linda", "Kevin", "Maya", "Jin-ho", "Fatima", "Olga", "Hana"],
                family: ["Smith", "Johnson", "Martínez", "Washington", "Chen", "O'Brien", "Nguyen", "Kim", "Goldberg", "Lee", "Miller", "García", "Park", "Cohen", "Patel", "Ivanova"],
                places: [("Los Angeles", "California"), ("New York", "New York"), ("Chicago", "Illinois"), ("Houston", "Texas"), ("Seattle", "Washington"),
                         ("Fort Lee", "New Jersey"), ("Atlanta", "Georgia"), ("Philadelphia", "Pennsylvania"), ("Annandale", "Virginia"), ("Boston", "Massachusetts")]),
        Country(typed: ["South Korea", "대한민국", "Korea, Republic of"], weight: 12,
                given: ["민준", "서연", "지호", "하은", "도윤", "나연", "예준", "수빈", "현우", "지민", "Ji-woo", "Seo-yeon"],
                family: ["김", "이", "박", "최", "정", "강", "윤", "한", "장", "임"],
                places: [("서울", "서울특별시"), ("부산", "부산광역시"), ("인천", "인천광역시"), ("수원", "경기도"), ("대구", "대구광역시"), ("Seoul", "Seoul")]),
        Country(typed: ["Canada"], weight: 6, given: ["Émile", "Olivia", "Liam", "Chloé", "Noah", "Amélie", "Ethan", "Zoé"],
                family: ["Tremblay", "Wilson", "Roy", "Gagnon", "Smith", "Côté", "Li", "Singh"],
                places: [("Toronto", "Ontario"), ("Montréal", "Québec"), ("Vancouver", "British Columbia"), ("Calgary", "Alberta")]),
        Country(typed: ["United Kingdom", "UK", "England"], weight: 6, given: ["Oliver", "Siobhan", "Rhys", "Fiona", "Hamish", "Amelia", "Priya"],
                family: ["Brown", "O'Neill", "Davies", "MacLeod", "Taylor", "Evans", "Khan"],
                places: [("London", "England"), ("Edinburgh", "Scotland"), ("Cardiff", "Wales"), ("Manchester", "England"), ("Belfast", "Northern Ireland")]),
        Country(typed: ["Japan", "日本"], weight: 6, given: ["太郎", "花子", "健", "直樹", "さくら", "由美", "翔太", "陽菜"],
                family: ["山田", "佐藤", "鈴木", "高橋", "伊藤", "渡辺", "中村", "小林"],
                places: [("東京", "東京都"), ("大阪", "大阪府"), ("横浜", "神奈川県"), ("福岡", "福岡県"), ("Kyoto", "Kyoto")]),
        Country(typed: ["Australia"], weight: 4, given: ["Jack", "Charlotte", "William", "Isla", "Lachlan"], family: ["Wilson", "Taylor", "Nguyen", "Smith", "Jones"],
                places: [("Sydney", "New South Wales"), ("Melbourne", "Victoria"), ("Brisbane", "Queensland"), ("Perth", "Western Australia")]),
        Country(typed: ["Germany", "Deutschland"], weight: 4, given: ["Jürgen", "Käthe", "Björn", "Lena", "Günter", "Sophie"],
                family: ["Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Fischer"],
                places: [("München", "Bayern"), ("Köln", "Nordrhein-Westfalen"), ("Berlin", "Berlin"), ("Hamburg", "Hamburg")]),
        Country(typed: ["France"], weight: 4, given: ["Amélie", "François", "Chloé", "Benoît", "Zoë", "Léa"], family: ["Dupont", "Lefèvre", "Moreau", "Girard", "Bœuf", "Fontaine"],
                places: [("Paris", "Île-de-France"), ("Lyon", "Auvergne-Rhône-Alpes"), ("Marseille", "Provence-Alpes-Côte d'Azur")]),
        Country(typed: ["Russia", "Россия"], weight: 3, given: ["Иван", "Анна", "Дмитрий", "Ольга", "Сергей", "Мария"], family: ["Петров", "Смирнов", "Иванов", "Кузнецов", "Волков"],
                places: [("Москва", "Москва"), ("Санкт-Петербург", "Санкт-Петербург"), ("Новосибирск", "Новосибирская область")]),
        Country(typed: ["Vietnam", "Viet Nam"], weight: 3, given: ["Thị Hương", "Văn Đức", "Quỳnh Anh", "Minh Tuấn"], family: ["Nguyễn", "Trần", "Lê", "Phạm"],
                places: [("Hà Nội", "Hà Nội"), ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"), ("Đà Nẵng", "Đà Nẵng")]),
        Country(typed: ["Egypt"], weight: 2, given: ["محمد", "فاطمة", "أحمد", "نور", "ياسمين"], family: ["علي", "حسن", "إبراهيم", "محمود"],
                places: [("القاهرة", "القاهرة"), ("الإسكندرية", "الإسكندرية"), ("Cairo", "Cairo")]),
        Country(typed: ["India"], weight: 3, given: ["अर्जुन", "प्रिया", "Rahul", "Ananya", "Vikram"], family: ["शर्मा", "पटेल", "Gupta", "Iyer", "Reddy"],
                places: [("नई दिल्ली", "दिल्ली"), ("Mumbai", "Maharashtra"), ("Bengaluru", "Karnataka"), ("Chennai", "Tamil Nadu")]),
        Country(typed: ["Brazil", "Brasil"], weight: 3, given: ["João", "Ana", "Luís", "Mariana"], family: ["Silva", "Conceição", "Araújo", "Santos"],
                places: [("São Paulo", "São Paulo"), ("Rio de Janeiro", "Rio de Janeiro"), ("Belo Horizonte", "Minas Gerais")]),
        Country(typed: ["Mexico", "México"], weight: 3, given: ["Guadalupe", "Andrés", "Sofía", "Diego"], family: ["Hernández", "Peña", "López", "Ramírez"],
                places: [("Ciudad de México", "CDMX"), ("Guadalajara", "Jalisco"), ("Monterrey", "Nuevo León")]),
        Country(typed: ["Philippines"], weight: 2, given: ["Maria", "Jose", "Liza", "Ramon"], family: ["Santos", "Reyes", "Cruz", "Bautista"],
                places: [("Manila", "Metro Manila"), ("Cebu City", "Cebu"), ("Davao City", "Davao del Sur")]),
        Country(typed: ["Israel"], weight: 1.5, given: ["דוד", "שרה", "יעל", "נועה", "Avi"], family: ["כהן", "לוי", "מזרחי", "פרידמן"],
                places: [("תל אביב", "מחוז תל אביב"), ("ירושלים", "מחוז ירושלים"), ("Haifa", "Haifa District")]),
        Country(typed: ["Thailand"], weight: 2, given: ["สมชาย", "สุดา", "อนันต์", "มาลี"], family: ["ใจดี", "ศรีสุข", "ชัยพร", "ทองดี"],
                places: [("กรุงเทพมหานคร", "กรุงเทพมหานคร"), ("เชียงใหม่", "เชียงใหม่")]),
        Country(typed: ["New Zealand"], weight: 1, given: ["Aroha", "Liam", "Ruby", "Tama"], family: ["Ngata", "Smith", "Williams", "Brown"],
                places: [("Auckland", "Auckland"), ("Wellington", "Wellington")]),
        Country(typed: ["South Africa"], weight: 1, given: ["Thandiwe", "Sipho", "Pieter", "Naledi"], family: ["Nkosi", "Dlamini", "van der Merwe", "Mokoena"],
                places: [("Johannesburg", "Gauteng"), ("Cape Town", "Western Cape"), ("Durban", "KwaZulu-Natal")]),
        Country(typed: ["Nigeria"], weight: 1.5, given: ["Chioma", "Emeka", "Aisha", "Tunde"], family: ["Okafor", "Adeyemi", "Bello", "Eze"],
                places: [("Lagos", "Lagos"), ("Abuja", "FCT"), ("Kano", "Kano")]),
        Country(typed: ["Greece"], weight: 1, given: ["Ελένη", "Γιώργος", "Μαρία", "Νίκος"], family: ["Παπαδοπούλου", "Παπαδόπουλος", "Οικονόμου", "Γεωργίου"],
                places: [("Αθήνα", "Αττική"), ("Θεσσαλονίκη", "Κεντρική Μακεδονία")]),
        Country(typed: ["Taiwan"], weight: 1, given: ["家豪", "淑芬", "志明", "怡君"], family: ["陳", "林", "黃", "張"],
                places: [("台北", "台北市"), ("高雄", "高雄市")]),
    ]

    public var count: Int
    public var seed: UInt64
    public var format: Format

    /// Creates a generator.
    public init(count: Int, seed: UInt64 = 1, format: Format = .csv) {
        self.count = count
        self.seed = seed
        self.format = format
    }

    static let header = ["Timestamp", "First Name", "Last Name", "City", "State or Province", "Country", "Email Address", "How may we use your email address?"]
    static let consents = ["Do not use it except to count me", "You may contact me about this petition", "You may contact me about future petitions"]

    /// Writes the sample, a chunk of bytes at a time (so that a million rows never sit in memory).
    public func write(_ sink: (String) throws -> Void) rethrows {
        var random = SplitMix64(seed: seed)
        let totalWeight = Self.countries.reduce(0) { $0 + $1.weight }
        var chunk = ""
        chunk.reserveCapacity(1 << 16)
        func flush(force: Bool = false) throws {
            if force || chunk.utf8.count >= 1 << 16 {
                try sink(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        switch format {
        case .csv: chunk += Self.header.joined(separator: ",") + "\r\n"
        case .json: chunk += "["
        }
        let start: Int64 = 1_489_586_400  // 2017-03-15T14:00:00Z
        for index in 0..<count {
            let time = start + Int64(index) * 13 + Int64(random.next() % 11)
            var fields: [String]
            let roll = random.next() % 1000
            if roll < 10 && index > 10 {
                // A second submission by an earlier signer: same email, later time.
                let earlier = Int(random.next() % UInt64(index))
                var copy = SplitMix64(seed: seed &+ UInt64(earlier))
                fields = row(index: earlier, random: &copy, totalWeight: totalWeight, time: time)
                fields[6] = " " + fields[6].uppercased() + " "
            } else {
                fields = row(index: index, random: &random, totalWeight: totalWeight, time: time)
                if roll >= 10 && roll < 13 { fields[3] = "" }  // no city
                if roll == 13 { fields[6] = "not-an-email" }
                if roll == 14 { fields[5] = "Atlantis" }
            }
            switch format {
            case .csv:
                chunk += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
            case .json:
                chunk += (index == 0 ? "\n  {" : ",\n  {")
                chunk += zip(Self.header, fields).map { "\(Self.jsonString($0)): \(Self.jsonString($1))" }.joined(separator: ", ") + "}"
            }
            try flush()
        }
        if format == .json { chunk += "\n]\n" }
        try flush(force: true)
    }

    /// A signer's row; the email comes from the index, the rest from the generator.
    private func row(index: Int, random: inout SplitMix64, totalWeight: Double, time: Int64) -> [String] {
        var pick = Double(random.next() % 1_000_000) / 1_000_000 * totalWeight
        var country = Self.countries[0]
        for candidate in Self.countries {
            if pick < candidate.weight {
                country = candidate
                break
            }
            pick -= candidate.weight
        }
        let given = country.given[Int(random.next() % UInt64(country.given.count))]
        let family = country.family[Int(random.next() % UInt64(country.family.count))]
        let place = country.places[Int(random.next() % UInt64(country.places.count))]
        let typed = country.typed[Int(random.next() % UInt64(country.typed.count))]
        let consent = Self.consents[Int(random.next() % 3)]
        let date = LetterDate(secondsSince1970: time)
        let seconds = Int(time - date.secondsSince1970)
        let hour = seconds / 3600, minute = seconds / 60 % 60, second = seconds % 60
        let pad = { Formatting.zeroPadded($0) }
        let stamp = "\(date.year)/\(pad(date.month))/\(pad(date.day)) \(hour % 12 == 0 ? 12 : hour % 12):\(pad(minute)):\(pad(second)) \(hour < 12 ? "AM" : "PM") GMT"
        return [stamp, given, family, place.0, place.1, typed, "signer\(index)@example.org", consent]
    }

    static func csvField(_ value: String) -> String {
        value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    static func jsonString(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// A small, fast, seedable random number generator (SplitMix64), the same on every machine, so
/// that a sample (or a failing random test case) can be made again from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
