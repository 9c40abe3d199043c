import Foundation
import Domain
import Reports
import Store

/// The workbooks of certificates: the roster (证书名册), the national upload, and an
/// institution's subsidy claim (以证定补).
public struct CertificateReports: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Writes the roster of the certificates `filter` selects, under `title`; IDs masked unless
    /// asked for whole with a reason, which is then recorded. Streamed from the Store into the
    /// workbook: a city's roster never sits in memory.
    public func roster(actor: User, filter: CertificateFilter, title: String, disclosure: Disclosure = .masked,
                       to destination: ReportDestination) throws -> WrittenWorkbook {
        let shown = try disclosure.checked()
        let url = try destination()
        let roster = try CertificateRosterWorkbook.Writer(title: title, unmasked: shown.unmasked, to: url)
        var shownWhole: [Int64] = []
        do {
            try store.eachCertificate(filter, actor: actor) { line in
                if shown.unmasked { shownWhole.append(line.personId) }
                try roster.append(line)
            }
            try roster.finish()
            // The persons are known only once the roster is read; a disclosure that cannot be
            // recorded takes the workbook with it, so no whole IDs go out unrecorded.
            try shown.record(shownWhole, in: store, actor: actor)
        } catch {
            roster.abandon()
            throw error
        }
        return WrittenWorkbook(file: url, lines: roster.count)
    }

    /// Writes the national upload file: one row per valid certificate with whole IDs (bureau).
    /// The Store records it as a disclosure with the upload as its reason, and with `reason`
    /// when one is asked for (the web's form): a blank one is refused before anything is read.
    public func nationalUpload(actor: User, filter: CertificateFilter, reason: String? = nil,
                               to destination: ReportDestination) throws -> WrittenWorkbook {
        var checkedReason: String?
        if let reason { checkedReason = try Disclosure.whole(reason: reason).checked().reason }
        let uploaded = try store.nationalUpload(filter, reason: checkedReason, actor: actor)
        let url = try destination()
        try NationalUploadWorkbook.write(uploaded, to: url)
        return WrittenWorkbook(file: url, lines: uploaded.count)
    }

    /// Writes an institution's subsidy claim for the certificates issued in `period`, recording
    /// the claim when `record` is set so that they are not claimed again. Both sheets (claimed,
    /// left off) show IDs: masked unless asked for whole with a reason, which is then recorded.
    public func subsidyClaim(actor: User, institutionId: Int64, period: DateRange, record: Bool,
                             disclosure: Disclosure = .masked, to destination: ReportDestination) throws -> SubsidyClaimOutcome {
        let shown = try disclosure.checked()
        let claim = try store.subsidyClaim(institutionId: institutionId, period: period, record: record, actor: actor)
        try shown.record(claim.lines.map(\.certificate.personId) + claim.leftOff.map(\.certificate.personId), in: store, actor: actor)
        let url = try destination()
        try SubsidyClaimWorkbook.write(claim, unmasked: shown.unmasked, to: url)
        return SubsidyClaimOutcome(file: url, claimId: claim.id, certificates: claim.lines.count, total: claim.total,
                                   leftOff: claim.leftOff.count)
    }

    /// Writes the claim sheet of a claim recorded before, as it was recorded (the institution's
    /// own, or any for the bureau; another institution's is not found).
    public func recordedClaimSheet(actor: User, claimId: Int64, disclosure: Disclosure = .masked,
                                   to destination: ReportDestination) throws -> SubsidyClaimOutcome {
        let shown = try disclosure.checked()
        let claim = try store.recordedSubsidyClaim(id: claimId, actor: actor)
        try shown.record(claim.lines.map(\.certificate.personId) + claim.leftOff.map(\.certificate.personId), in: store, actor: actor)
        let url = try destination()
        try SubsidyClaimWorkbook.write(claim, unmasked: shown.unmasked, to: url)
        return SubsidyClaimOutcome(file: url, claimId: claim.id, certificates: claim.lines.count, total: claim.total,
                                   leftOff: claim.leftOff.count)
    }
}

/// A subsidy claim written (and perhaps recorded).
public struct SubsidyClaimOutcome: Sendable, Equatable {
    public let file: URL
    /// The recorded claim; nil for a preview.
    public let claimId: Int64?
    /// Certificates claimed for.
    public let certificates: Int
    public let total: Money
    /// Certificates of the period that cannot be claimed (claimed before, revoked …).
    public let leftOff: Int
}

extension UnclaimableCertificate {
    /// Why it is left off, in the claim sheet's own words: a page says what the sheet says.
    public var reasonWords: (chinese: String, english: String) { SubsidyClaimWorkbook.reason(self) }
}
