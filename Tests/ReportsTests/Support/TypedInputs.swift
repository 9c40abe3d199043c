import Domain

/// A national ID a fixture writes out, typed as the Store takes it (fixtures name well-formed IDs).
func nationalID(_ text: String) -> NationalID {
    try! NationalID.parse(text, today: CivilDate(year: 9999, month: 12, day: 31)!)
}
