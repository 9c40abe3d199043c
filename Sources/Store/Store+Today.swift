import Domain

extension Store {
    /// The bureau's date on the store's clock: what an interface checks a list's rows on, so
    /// that the web app and the records agree on "today" (a test's fixed clock included).
    public var today: CivilDate { clock.today }
}
