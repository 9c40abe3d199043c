import Testing
import Domain
@testable import Store

@Suite struct PersonTests {
    @Test func registeringTwiceKeepsOneRowAndLinksBothInstitutions() throws {
        let world = try World()
        let first = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        let second = try world.store.registerPerson(newPerson(), actor: world.clerkB)
        #expect(first.created)
        #expect(!second.created)
        #expect(first.person.id == second.person.id)
        #expect(try world.store.persons(actor: world.admin).count == 1)
        #expect(try world.store.persons(actor: world.clerkA).count == 1)
        #expect(try world.store.persons(actor: world.clerkB).count == 1)
        let actions = try world.store.auditEvents(actor: world.admin, entity: "persons").map(\.action)
        #expect(actions == ["person.link", "person.link", "person.create"])
    }

    @Test func theSameIDUnderAnotherNameIsRefusedWithoutRevealingTheWholeID() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        #expect {
            try world.store.registerPerson(newPerson(name: "陈小文"), actor: world.clerkB)
        } throws: { error in
            guard case StoreError.conflict(let chinese, let english) = error else { return false }
            return chinese.contains("440524********0014") && !chinese.contains("440524188001010014")
                && english.contains("registered under another name")
        }
        // Nothing happened for 乙: no link, so the person stays invisible to it.
        #expect(try world.store.persons(actor: world.clerkB).isEmpty)
    }

    @Test func aDifferentPhoneIsReportedNotOverwritten() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(phone: "13800138000"), actor: world.clerkA)
        let again = try world.store.registerPerson(newPerson(phone: "13900139000"), actor: world.clerkA)
        #expect(again.phoneOnRecordDiffers)
        #expect(try world.store.person(nationalId: nationalID("440524188001010014"), actor: world.admin).phone == "13800138000")
    }

    @Test func rareCharactersOutsideTheBasicPlaneAreStoredExactly() throws {
        let world = try World()
        let name = "王𠈌"
        _ = try world.store.registerPerson(newPerson("11010519491231002X", name: name), actor: world.admin)
        let stored = try world.store.person(nationalId: nationalID("11010519491231002X"), actor: world.admin)
        #expect(stored.name == name)
        #expect(stored.name.unicodeScalars.map(\.value) == [0x738B, 0x2020C])
    }

    @Test func anEmptyNameIsRefused() throws {
        let world = try World()
        #expect {
            try world.store.registerPerson(newPerson(name: "  "), actor: world.admin)
        } throws: { error in
            guard case StoreError.invalid(let problem) = error else { return false }
            return problem.field == .name && problem.english.contains("a name is required")
        }
    }

    /// 陈大文 with a zero-width joiner would be a second person who looks exactly like the first.
    @Test func aNameWithAHiddenCharacterIsRefusedNamingIt() throws {
        let world = try World()
        for (name, code) in [("陈\u{200D}大文", "U+200D"), ("陈大文\u{202E}", "U+202E"), ("\u{FEFF}陈大文", "U+FEFF")] {
            #expect {
                try world.store.registerPerson(newPerson(name: name), actor: world.admin)
            } throws: { error in
                guard case StoreError.invalid(let problem) = error else { return false }
                return problem.field == .name && problem.english.contains("is the invisible character \(code)")
            }
        }
        _ = try world.store.registerPerson(newPerson(), actor: world.admin)
        #expect(throws: StoreError.self) {
            try world.store.updatePerson(nationalId: nationalID("440524188001010014"), name: "陈大\u{200B}文", phone: nil, reason: "更正",
                                         actor: world.admin)
        }
        #expect(try world.store.persons(actor: world.admin).map(\.name) == ["陈大文"])
    }

    @Test func aBulkLoadRefusesANameWithAHiddenCharacterEvenInARunOfNewPersons() throws {
        let world = try World()
        let summary = try world.store.importPersons(source: "往年记录", actor: world.admin) { session in
            let outcomes = try session.add([newPerson("11010519491231002X", name: "王𠈌"), newPerson(name: "陈\u{200B}大文")])
            guard case .rejected(let rule) = outcomes[1] else { Issue.record("not rejected: \(outcomes)"); return }
            #expect(rule.english.contains("U+200B (zero width space"))
        }
        #expect(!summary.committed && summary.rejected == 1)
        #expect(try world.store.persons(actor: world.admin).isEmpty)
    }

    @Test func examinersNeitherRegisterNorSeePersons() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        #expect(throws: StoreError.self) { try world.store.registerPerson(newPerson("11010519491231002X", name: "张三"), actor: world.examiner) }
        #expect(try world.store.persons(actor: world.examiner).isEmpty)
    }

    @Test func onlyTheBureauCorrectsANameAndTheReasonIsKept() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        #expect(throws: StoreError.self) {
            try world.store.updatePerson(nationalId: nationalID("440524188001010014"), name: "陈大闻", reason: "typo", actor: world.clerkA)
        }
        let corrected = try world.store.updatePerson(nationalId: nationalID("440524188001010014"), name: "陈大闻", reason: "身份证核对", actor: world.admin)
        #expect(corrected.name == "陈大闻")
        let event = try #require(try world.store.auditEvents(actor: world.admin, entity: "persons").first)
        #expect(event.action == "person.update")
        #expect(event.reason == "身份证核对")
        #expect(event.before?.contains("陈大文") == true)
        #expect(event.after?.contains("陈大闻") == true)
    }

    @Test func anInstitutionCannotTouchAPersonItNeverRegistered() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        #expect(throws: StoreError.notFound(kind: "人员", key: "440524********0014")) {
            try world.store.updatePerson(nationalId: nationalID("440524188001010014"), phone: mobile("13700137000"), reason: "x", actor: world.clerkB)
        }
    }

    @Test func aDisclosureIsAnAuditEventWithItsPurpose() throws {
        let world = try World()
        let person = try world.store.registerPerson(newPerson(), actor: world.clerkA).person
        try world.store.recordDisclosure(of: [person.id!], purpose: "roster for the exam room", actor: world.clerkA)
        let event = try #require(try world.store.auditEvents(actor: world.admin).first)
        #expect(event.action == "person.disclose")
        #expect(event.actorLogin == "clerk.a")
        #expect(event.reason == "roster for the exam room")
    }
}
