import Testing
import GRDB
import Domain
@testable import Store

/// The training party of an apprenticeship (企业新型学徒制) is a training institution or a
/// technical school, never an evaluation body: whoever trains must not be whoever assesses.
@Suite struct ApprenticeTrainingPartyTests {
    static let refusalZh = "学徒培养的培训方须为培训机构或技工院校，中山市丙职业技能评价中心 是评价机构"
    static let refusalEn = "the training party of an apprenticeship must be a training institution or a technical school; 中山市丙职业技能评价中心 is an evaluation body"

    func count(_ w: ApprenticeshipWorld) throws -> Int {
        try w.store.rawRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM apprenticeships")! }
    }

    @Test func aSingleRegistrationWithAnEvaluationBodyIsRefusedNamingTheFieldAndTheBody() throws {
        let w = try ApprenticeshipWorld()
        #expect {
            try w.store.registerApprenticeship(ApprenticeshipWorld.plan(), enterpriseId: w.enterprise.id!, institutionId: w.world.body.id!,
                                               nationalId: chen.nationalId, actor: w.world.admin)
        } throws: { error in
            error as? StoreError == .invalid(FieldProblem(field: .institution, value: "中山市丙职业技能评价中心",
                                                          rule: Rejection(Self.refusalZh, Self.refusalEn)))
        }
        #expect(try count(w) == 0)
        // A technical school (技工院校) trains apprentices as a training institution does.
        let school = try w.store.addInstitution(NewInstitution(name: "中山市技师学院", kind: .school, district: "石岐街道"), actor: w.world.admin)
        let registered = try w.store.registerApprenticeship(ApprenticeshipWorld.plan(), enterpriseId: w.enterprise.id!, institutionId: school.id!,
                                                            nationalId: chen.nationalId, actor: w.world.admin)
        #expect(registered.institutionId == school.id)
    }

    @Test func anImportRowNamingAnEvaluationBodyIsRefusedOnItsInstitutionCell() throws {
        let w = try ApprenticeshipWorld()
        let summary = try w.store.importApprenticeships([ApprenticeImportTests.row(2, [.institution: "中山市丙职业技能评价中心"])],
                                                        fileName: "学徒.csv", actor: w.world.admin)
        #expect(!summary.committed)
        #expect(summary.refused.map(\.row) == [2])
        #expect(summary.refused.first?.issues.map(\.field) == [.institution])
        #expect(summary.refused.first?.issues.map(\.rule) == [Rejection(Self.refusalZh, Self.refusalEn)])
        #expect(try count(w) == 0)
    }

    @Test func anImportForAnEvaluationBodyIsRefusedBeforeAnyRowIsRead() throws {
        let w = try ApprenticeshipWorld()
        #expect {
            try w.store.importApprenticeships([ApprenticeImportTests.row(2)], fileName: "学徒.csv", institution: "中山市丙职业技能评价中心",
                                              actor: w.world.admin)
        } throws: { error in
            error as? StoreError == .invalid(FieldProblem(field: .institution, value: "中山市丙职业技能评价中心",
                                                          rule: Rejection(Self.refusalZh, Self.refusalEn)))
        }
        #expect(try count(w) == 0)
    }

    @Test func examinersOfABodyRecordedAsTrainingPartyBeforeTheRuleCannotMoveTheApprenticeshipOn() throws {
        let w = try ApprenticeshipWorld()
        let id = try w.register().id!
        _ = try w.store.fileApprenticeship(id: id, actor: w.world.admin)
        // As a database written before the rule would hold it: the evaluation body as training party.
        try w.store.rawWrite { db in
            try db.execute(sql: "UPDATE apprenticeships SET institution_id = ? WHERE id = ?", arguments: [w.world.body.id, id])
        }
        #expect(storeError { _ = try w.store.startApprenticeship(id: id, actor: w.world.examiner) }
                .contains("examiners do not handle apprenticeships"))
        #expect(try w.store.rawRead { db in try String.fetchOne(db, sql: "SELECT status FROM apprenticeships") } == "filed")
    }
}
