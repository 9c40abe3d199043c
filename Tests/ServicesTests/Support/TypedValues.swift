import Domain

/// A national ID the test knows to be valid, parsed as the Store takes it.
func nationalID(_ text: String) -> NationalID {
    try! NationalID.parse(text, today: CivilDate(year: 2026, month: 11, day: 21)!)
}

/// A mobile phone the test knows to be valid.
func mobile(_ text: String) -> MobilePhone { try! MobilePhone.parse(text) }
