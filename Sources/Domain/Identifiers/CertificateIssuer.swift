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
