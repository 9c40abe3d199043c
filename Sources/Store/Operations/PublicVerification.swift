import GRDB
import Domain

/// What the public verification page answers: nothing about the holder beyond the match itself.
/// A number that no certificate has and a number held by someone else give the same answer.
public enum PublicVerificationOutcome: Sendable, Equatable {
    case valid(CertificateLine)
    case revoked(CertificateLine)
    case noMatch
    /// The number could not be any certificate's: what is wrong with it.
    case malformed(FieldProblem)

    /// What the audit trail keeps of a lookup: the outcome only.
    var auditName: String {
        switch self {
        case .valid: "valid"
        case .revoked: "revoked"
        case .noMatch: "no-match"
        case .malformed: "malformed"
        }
    }
}

extension Store {
    /// A certificate checked by a member of the public (no account): its number and the holder's
    /// name, and optionally national ID. Every lookup is recorded, its outcome only: no number,
    /// name, ID or address, so the trail holds no personal data of the person who looked or was
    /// looked up. The same work is done whether or not the number exists.
    public func verifyCertificatePublicly(number: String, name: String, nationalId: NationalID?) throws(StoreError) -> PublicVerificationOutcome {
        try write { db in
            let outcome = try publicOutcome(db, number: number, name: name.trimmingWhitespace(), nationalId: nationalId)
            try audit(db, actorLogin: "public", actorRole: "public", action: "cert.verify.public", entity: "certificates", key: "",
                      after: ["outcome": outcome.auditName])
            return outcome
        }
    }

    /// A lookup another register answers (the province's, over every city): the number checked
    /// as this city checks its own, given back in its stored form, or what is wrong with it.
    public func publicLookupNumber(_ number: String) throws(StoreError) -> Result<String, FieldProblem> {
        try read { db in
            do {
                return .success(try verifiableNumber(db, number).formatted)
            } catch StoreError.invalid(let problem) {
                return .failure(problem)
            }
        }
    }

    /// Records a lookup that another register answered in this city's trail, as its own lookups
    /// are: the outcome and the register only, by its kind (`province`) and its own name (where
    /// its answers come from, without a password).
    public func recordPublicLookup(outcome: String, register kind: String, named name: String) throws(StoreError) {
        try write { db in
            try audit(db, actorLogin: "public", actorRole: "public", action: "cert.verify.public", entity: "certificates", key: "",
                      after: ["outcome": outcome, "register": kind, "register_name": name])
        }
    }

    private func publicOutcome(_ db: Database, number: String, name: String, nationalId: NationalID?) throws -> PublicVerificationOutcome {
        let key: String
        do {
            key = try verifiableNumber(db, number).formatted
        } catch StoreError.invalid(let problem) {
            return .malformed(problem)
        }
        let line = try certificateLines(db, where: "c.number = ?", arguments: [key]).first
        // Compared even without a certificate, so that a missing number costs what a present one does.
        let nameMatches = name == (line?.name ?? "\u{0}")
        let idMatches = nationalId.map { $0.value == (line?.nationalId ?? "") } ?? true
        guard let line, !name.isEmpty, nameMatches, idMatches else { return .noMatch }
        return line.revokedOn == nil ? .valid(line) : .revoked(line)
    }
}
