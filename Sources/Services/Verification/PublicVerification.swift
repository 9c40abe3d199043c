import Domain
import Store

/// The public verification page's use case (no account): a certificate number with the holder's
/// name, and optionally national ID, answered valid, revoked or no match, with what was certified
/// only when it matches.
public struct PublicVerification: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func lookup(number: String, name: String, nationalId: String) throws -> PublicVerificationAnswer {
        let id: NationalID?
        switch checkedInput(number: number, name: name, nationalId: nationalId) {
        case .failure(let rejection): return .unusable(rejection)
        case .success(let parsed): id = parsed
        }
        switch try store.verifyCertificatePublicly(number: number, name: name, nationalId: id) {
        case .valid(let line): return .valid(PublicCertificateFacts(line))
        case .revoked(let line): return .revoked(PublicCertificateFacts(line), on: line.revokedOn ?? "", reason: line.revocationReason ?? "")
        case .noMatch: return .noMatch
        case .malformed(let problem): return .unusable(problem.rule)
        }
    }

    /// The same lookup answered by another register (`CertificateRegister`, the province's): the
    /// input checked as for the city's own (a number this city would accept as one, the name, the
    /// ID), then `register` asked. Nothing here waits on the Store: an async caller runs the two
    /// Store steps, `checkedLookup` and `record`, on the Store's threads.
    public func checkedLookup(number: String, name: String, nationalId: String) throws -> Result<PublicLookupInput, Rejection> {
        let id: NationalID?
        switch checkedInput(number: number, name: name, nationalId: nationalId) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let parsed): id = parsed
        }
        switch try store.publicLookupNumber(number) {
        case .failure(let problem):
            try store.recordPublicLookup(outcome: "malformed", register: "province")
            return .failure(problem.rule)
        case .success(let formatted): return .success(PublicLookupInput(number: formatted, name: name.trimmingWhitespace(), nationalId: id))
        }
    }

    /// Records in this city's trail what the register answered (the outcome only).
    public func record(_ answer: PublicVerificationAnswer, register: String) throws {
        let outcome = switch answer {
        case .valid: "valid"
        case .revoked: "revoked"
        case .noMatch: "no-match"
        case .unusable: "malformed"
        }
        try store.recordPublicLookup(outcome: outcome, register: register)
    }

    /// The page's input as any register checks it: a number and a name given, a national ID
    /// (when given) that is one. The ID parsed, or why the input cannot be looked up.
    public func checkedInput(number: String, name: String, nationalId: String) -> Result<NationalID?, Rejection> {
        guard !number.trimmingWhitespace().isEmpty else {
            return .failure(Rejection("请填写证书编号", "give the certificate number"))
        }
        guard !name.trimmingWhitespace().isEmpty else {
            return .failure(Rejection("请填写持证人姓名", "give the holder's name"))
        }
        guard !nationalId.trimmingWhitespace().isEmpty else { return .success(nil) }
        do { return .success(try NationalID.parse(nationalId, today: store.today)) } catch {
            return .failure(Rejection("身份证号无效：\(error.chinese)", "the national ID is not valid: \(error.english)"))
        }
    }
}

/// A lookup's input once checked: the number as stored, the name trimmed, the ID parsed.
public struct PublicLookupInput: Sendable {
    public let number: String
    public let name: String
    public let nationalId: NationalID?
}

/// A register of certificates other than the city's own database that the public page can ask
/// instead: the province's, over every city (`skillcert serve --province-pg`, implemented by the
/// Province module). The web app knows only this protocol, so it does not depend on PostgreSQL;
/// the input is checked by `PublicVerification.checkedInput` first.
public protocol CertificateRegister: Sendable {
    /// Where the answers come from, for messages (`the province database`), without a password.
    var description: String { get }
    /// The answer for a number and a holder; no match for anything not found. Throws when the
    /// register cannot be reached.
    func verify(number: String, name: String, nationalId: NationalID?) async throws -> PublicVerificationAnswer
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
    /// The city that issued it, when the province answered (`4420 中山市 Zhongshan`); nil when
    /// the city's own database did.
    public let city: String?

    init(_ line: CertificateLine) {
        number = line.number
        certified = line.targetName + (line.subTrade.map { "（\($0)）" } ?? "")
        issuedOn = line.issuedOn
        body = line.bodyName
        city = nil
    }

    public init(number: String, certified: String, issuedOn: String, body: String, city: String?) {
        self.number = number
        self.certified = certified
        self.issuedOn = issuedOn
        self.body = body
        self.city = city
    }
}
