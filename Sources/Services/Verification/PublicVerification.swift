import Domain
import Store

/// The public verification page's use case (no account): a certificate number with the holder's
/// name, and optionally national ID, answered valid, revoked or no match, with what was certified
/// only when it matches.
public struct PublicVerification: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func lookup(number: String, name: String, nationalId: String) throws -> PublicVerificationAnswer {
        guard !number.trimmingWhitespace().isEmpty else {
            return .unusable(Rejection("请填写证书编号", "give the certificate number"))
        }
        guard !name.trimmingWhitespace().isEmpty else {
            return .unusable(Rejection("请填写持证人姓名", "give the holder's name"))
        }
        var id: NationalID?
        if !nationalId.trimmingWhitespace().isEmpty {
            do { id = try NationalID.parse(nationalId, today: store.today) } catch {
                return .unusable(Rejection("身份证号无效：\(error.chinese)", "the national ID is not valid: \(error.english)"))
            }
        }
        switch try store.verifyCertificatePublicly(number: number, name: name, nationalId: id) {
        case .valid(let line): return .valid(PublicCertificateFacts(line))
        case .revoked(let line): return .revoked(PublicCertificateFacts(line), on: line.revokedOn ?? "", reason: line.revocationReason ?? "")
        case .noMatch: return .noMatch
        case .malformed(let problem): return .unusable(problem.rule)
        }
    }
}

/// What the public page says.
public enum PublicVerificationAnswer: Sendable, Equatable {
    case valid(PublicCertificateFacts)
    case revoked(PublicCertificateFacts, on: String, reason: String)
    /// No certificate with this number and this holder; whether the number exists is not said.
    case noMatch
    /// The input cannot be looked up (a malformed number, a blank name, an ID that is no ID).
    case unusable(Rejection)
}

/// What was certified, shown only to someone who knew the number and the holder's name: nothing
/// else about the holder.
public struct PublicCertificateFacts: Sendable, Equatable {
    public let number: String
    /// `中式烹调师 五级/初级工`.
    public let certified: String
    public let issuedOn: String
    public let body: String

    init(_ line: CertificateLine) {
        number = line.number
        certified = line.targetName + (line.subTrade.map { "（\($0)）" } ?? "")
        issuedOn = line.issuedOn
        body = line.bodyName
    }
}
