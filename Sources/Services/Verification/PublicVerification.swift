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

    /// The public page's lookup from an async caller (the web app): answered by `register` when
    /// one is given (the province's, `skillcert serve --province-pg`), else by the city's own
    /// database. Another register is asked only once the city has checked the input as for its own
    /// (a number this city would accept as one, the name, the ID); each answer it gives, a
    /// malformed number included, is recorded in this city's trail with the register's kind and
    /// name. The Store's steps run on `threads`, never on the caller's. Throws
    /// `RegisterUnavailable`, with nothing recorded, when the register cannot be reached.
    public static func lookup(number: String, name: String, nationalId: String, register: (any CertificateRegister)?,
                              on threads: StoreThreads) async throws -> PublicVerificationAnswer {
        guard let register else {
            return try await threads.run { store, _ in
                try PublicVerification(store: store).lookup(number: number, name: name, nationalId: nationalId)
            }
        }
        let checked = try await threads.run { store, _ in
            try PublicVerification(store: store).checkedLookup(number: number, name: name, nationalId: nationalId, register: register)
        }
        let input: PublicLookupInput
        switch checked {
        case .failure(let rejection): return .unusable(rejection)
        case .success(let given): input = given
        }
        let answer: PublicVerificationAnswer
        do {
            answer = try await register.verify(number: input.number, name: input.name, nationalId: input.nationalId)
        } catch {
            throw RegisterUnavailable(register: register.description, underlying: "\(type(of: error)): \(error)")
        }
        try await threads.run { store, _ in try PublicVerification(store: store).record(answer, register: register) }
        return answer
    }

    /// The input checked for `register`: a malformed number is a lookup of its own, recorded.
    private func checkedLookup(number: String, name: String, nationalId: String,
                               register: any CertificateRegister) throws -> Result<PublicLookupInput, Rejection> {
        let id: NationalID?
        switch checkedInput(number: number, name: name, nationalId: nationalId) {
        case .failure(let rejection): return .failure(rejection)
        case .success(let parsed): id = parsed
        }
        switch try store.publicLookupNumber(number) {
        case .failure(let problem):
            try store.recordPublicLookup(outcome: "malformed", register: register.kind, named: register.description)
            return .failure(problem.rule)
        case .success(let formatted): return .success(PublicLookupInput(number: formatted, name: name.trimmingWhitespace(), nationalId: id))
        }
    }

    /// Records in this city's trail what `register` answered (the outcome only).
    private func record(_ answer: PublicVerificationAnswer, register: any CertificateRegister) throws {
        let outcome = switch answer {
        case .valid: "valid"
        case .revoked: "revoked"
        case .noMatch: "no-match"
        case .unusable: "malformed"
        }
        try store.recordPublicLookup(outcome: outcome, register: register.kind, named: register.description)
    }

    /// The page's input as any register checks it: a number and a name given, a national ID
    /// (when given) that is one. The ID parsed, or why the input cannot be looked up.
    private func checkedInput(number: String, name: String, nationalId: String) -> Result<NationalID?, Rejection> {
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
struct PublicLookupInput: Sendable {
    let number: String
    let name: String
    let nationalId: NationalID?
}

/// A register of certificates other than the city's own database that the public page can ask
/// instead: the province's, over every city (`skillcert serve --province-pg`, implemented by the
/// Province module). The web app knows only this protocol, so it does not depend on PostgreSQL;
/// `PublicVerification.lookup(…, register:, on:)` checks the input before asking it.
public protocol CertificateRegister: Sendable {
    /// What kind of register it is, as the city's trail records its answers (`province`).
    var kind: String { get }
    /// Which one: where the answers come from (the province database's address), without a
    /// password, for messages and for the city's trail.
    var description: String { get }
    /// The answer for a number and a holder; no match for anything not found. Throws when the
    /// register cannot be reached.
    func verify(number: String, name: String, nationalId: NationalID?) async throws -> PublicVerificationAnswer
}

/// The register `lookup` was to ask did not answer (its database down or refusing).
public struct RegisterUnavailable: Error {
    /// The register's name (`CertificateRegister.description`), for the server's log.
    public let register: String
    /// Why it did not answer (the error's type and description, as the register's client gave
    /// it), for the server's log; it carries the connection's failure, not what was typed.
    public let underlying: String
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
