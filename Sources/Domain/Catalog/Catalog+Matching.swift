/// Finding catalog entries from what a user typed: a code or a name, either language.
extension Catalog {
    public func project(matching text: String) -> Project? {
        let key = text.trimmingWhitespace().lowercased()
        return projects.first { $0.code.lowercased() == key || $0.nameZh == key || $0.nameEn.lowercased() == key }
    }

    public func occupation(matching text: String) -> Occupation? {
        let key = text.trimmingWhitespace()
        return occupations.first { $0.code == key || $0.name == key }
    }

    public func specialAbility(matching text: String) -> SpecialAbility? {
        let key = text.trimmingWhitespace()
        return specialAbilities.first { $0.code.lowercased() == key.lowercased() || $0.name == key }
    }
}
