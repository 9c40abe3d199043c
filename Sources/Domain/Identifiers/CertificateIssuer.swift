/// Who issues a certificate: the evaluation body's kind and code, its province and the site
/// sequence the provincial bureau assigned. These are the first 13 characters of every
/// certificate number the body issues (`S0000` `44` `000123`).
public struct CertificateIssuer: Hashable, Sendable {
    public let bodyKind: EvaluationBodyKind
    /// 0-9999; 0 means the body is filed with the province, not the ministry.
    public let bodyCode: Int
    /// Two digits of a known province, `44` for Guangdong.
    public let provinceCode: String
    /// 0-999999, assigned by the provincial bureau.
    public let siteSequence: Int

    public init(bodyKind: EvaluationBodyKind, bodyCode: Int, provinceCode: String, siteSequence: Int) throws(Rejection) {
        guard (0...9999).contains(bodyCode) else {
            throw Rejection("证书编号的机构代码应为 0000-9999，实际为 \(bodyCode)", "the body code must be 0000-9999, found \(bodyCode)")
        }
        guard provinceCode.count == 2, Province(code: provinceCode) != nil else {
            throw Rejection(
                "证书编号的省份代码“\(provinceCode)”不是已知的省级行政区划代码",
                "the province code \"\(provinceCode)\" is not a known province-level code")
        }
        guard (0...999_999).contains(siteSequence) else {
            throw Rejection(
                "证书编号的站点序号应为 000000-999999，实际为 \(siteSequence)",
                "the site sequence number must be 000000-999999, found \(siteSequence)")
        }
        self.bodyKind = bodyKind
        self.bodyCode = bodyCode
        self.provinceCode = provinceCode
        self.siteSequence = siteSequence
    }

    /// The 13 characters every certificate number of this issuer starts with.
    public var prefix: String {
        "\(bodyKind.rawValue)\(bodyCode.zeroPadded(4))\(provinceCode)\(siteSequence.zeroPadded(6))"
    }
}

extension CertificateIssuer {
    /// Reads the parts as a user gives them: kind `Y` or `S`, a 4-digit body code, a 2-digit
    /// province code, a 6-digit site sequence. The first part that is wrong is refused, naming
    /// its field.
    public static func parse(bodyKind: String, bodyCode: String, provinceCode: String, siteSequence: String) throws(FieldProblem)
        -> CertificateIssuer {
        guard let kind = EvaluationBodyKind(rawValue: bodyKind.trimmingWhitespace().uppercased()) else {
            throw FieldProblem(field: .bodyKind, value: bodyKind, rule: Rejection(
                "应为 Y（用人单位）或 S（社会培训评价组织）", "must be Y (employer) or S (social training and evaluation organisation)"))
        }
        func digits(_ field: Field, _ text: String, count: Int) throws(FieldProblem) -> String {
            let trimmed = text.trimmingWhitespace()
            guard trimmed.count == count, trimmed.allSatisfy(\.isASCIIDigit) else {
                throw FieldProblem(field: field, value: text, rule: Rejection("应为 \(count) 位数字", "must be \(count) digits"))
            }
            return trimmed
        }
        let code = Int(try digits(.bodyCode, bodyCode, count: 4))!
        let site = Int(try digits(.siteSequence, siteSequence, count: 6))!
        let province = try digits(.provinceCode, provinceCode, count: 2)
        do {
            // With the digit counts checked, only the province code can still be refused.
            return try CertificateIssuer(bodyKind: kind, bodyCode: code, provinceCode: province, siteSequence: site)
        } catch {
            throw FieldProblem(field: .provinceCode, value: provinceCode, rule: error)
        }
    }
}
