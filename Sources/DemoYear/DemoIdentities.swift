import Domain
import Store

/// Made-up people and enterprises that pass every check real ones must: national IDs with the
/// GB 11643 check character, credit codes with the GB 32100 one, Chinese names (a few with
/// characters outside the Basic Multilingual Plane, such as 𠈌), mobile numbers. No ID is given
/// twice.
struct DemoIdentities {
    private var random: DemoRandom
    private var usedIds: Set<UInt64> = []
    private var usedCodes: Set<String> = []
    /// The day ages are counted on; every birth date lies before it.
    let today: CivilDate

    init(seed: UInt64, today: CivilDate) {
        random = DemoRandom(seed: seed)
        self.today = today
    }

    /// A person aged `ages`, with a phone most of the time; `rare` gives the name a rare character.
    mutating func person(ages: ClosedRange<Int> = 18...55, rare: Bool = false) -> (id: NationalID, name: String, phone: String?) {
        let id = nationalID(ages: ages)
        let name = self.name(female: id.sex == .female, rare: rare)
        return (id, name, random.chance(0.9) ? phone() : nil)
    }

    mutating func newPerson(ages: ClosedRange<Int> = 18...55) -> NewPerson {
        let (id, name, phone) = person(ages: ages)
        // The demo makes only well-formed phones: parsing them is what a user's would go through.
        return NewPerson(nationalId: id, name: name, phone: phone.flatMap { try? MobilePhone.parse($0) })
    }

    mutating func nationalID(ages: ClosedRange<Int>) -> NationalID {
        while true {
            let area = random.chance(0.6) ? "442000" : random.pick(DemoIdentities.otherAreas)
            let birth = today.adding(days: -random.between(ages.lowerBound * 365 + 1, ages.upperBound * 365 + 300))
            let sequence = random.between(1, 999)
            let body = area + String(format4(birth.year)) + two(birth.month) + two(birth.day) + three(sequence)
            guard usedIds.insert(UInt64(body)!).inserted else { continue }
            let digits = body.utf8.map { Int($0) - 48 }
            let sum = zip(digits, DemoIdentities.idWeights).reduce(0) { $0 + $1.0 * $1.1 }
            let check = Array("10X98765432")[sum % 11]
            // Domain checks what it would check for any clerk's list.
            return try! NationalID.parse(body + String(check), today: today)
        }
    }

    mutating func name(female: Bool, rare: Bool = false) -> String {
        let surname = random.chance(0.02) ? random.pick(DemoIdentities.compoundSurnames) : random.pick(DemoIdentities.surnames)
        let pool = female ? DemoIdentities.femaleGiven : DemoIdentities.maleGiven
        // About one name in two hundred carries a rare character, some outside the BMP.
        var given = rare ? random.pick(Array(DemoIdentities.rare.prefix(4)))
            : random.chance(0.005) ? random.pick(DemoIdentities.rare) : random.pick(pool)
        if random.chance(0.75) { given += random.pick(pool) }
        return surname + given
    }

    mutating func phone() -> String {
        random.pick(DemoIdentities.phonePrefixes) + String(random.between(10_000_000, 99_999_999))
    }

    /// A unified social credit code of a company registered in 中山市 (442000), with its check
    /// character computed the way Domain checks it.
    mutating func creditCode() -> CreditCodeParse {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        while true {
            var body = "91442000"
            for _ in 0..<9 { body.append(alphabet[random.below(alphabet.count)]) }
            guard usedCodes.insert(body).inserted else { continue }
            let check = try! CreditCode.parse(body + "0").code.expectedCheckCharacter
            let parsed = try! CreditCode.parse(body + String(check))
            precondition(parsed.warnings.isEmpty)
            return parsed
        }
    }

    mutating func pick<T>(_ items: [T]) -> T { random.pick(items) }

    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private func three(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
    private func format4(_ n: Int) -> String { String(n) }

    static let idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// Where 中山's migrant workers come from: eastern and northern Guangdong, Guangxi, Hunan,
    /// Jiangxi, Sichuan, Guizhou, Henan.
    static let otherAreas = ["445281", "445221", "440582", "441881", "440883", "441302", "450881", "430524", "360731",
                             "510922", "522401", "411522", "440785", "441481"]
    static let surnames = Array("陈李黄张梁林刘吴何罗郑谢冯杨周叶曾邓苏卢蔡许彭钟郭余潘赖方徐朱胡萧严杜麦温孙古容甘关欧").map(String.init)
    static let compoundSurnames = ["欧阳", "司徒", "上官", "诸葛"]
    static let maleGiven = Array("伟强军明辉华杰俊文斌志豪建国平勇浩宇锦荣鸿海峰涛超永贤耀德家宏振东坚彬嘉").map(String.init)
    static let femaleGiven = Array("丽娟芳敏静燕霞婷玲秀凤红梅莉慧颖琳晓雪欣雅倩洁佩嘉诗咏惠珊美兰").map(String.init)
    /// Characters clerks meet in real lists that many systems lose: CJK Extension B and later
    /// (outside the BMP; the first four) and Extension A.
    static let rare = ["𠈌", "𡒄", "𬱖", "𬌗", "䶮", "㛃", "堃", "喆"]
    static let phonePrefixes = ["13", "13", "15", "18", "17", "19"].flatMap { head in (0...9).map { head + String($0) } }
        .filter { !["170", "171", "190", "192", "193", "194", "195", "196", "197"].contains($0) }
}
