extension Catalog {
    /// The value of a setting as a whole number (months, days, percent, years).
    ///
    /// Settings are kept as text in `Catalog` (so that the database stores what the file said);
    /// this accessor is how rules read them.
    public func integerSetting(_ key: CatalogSettingKey) -> Int {
        guard let setting = settings.first(where: { $0.key == key.rawValue }),
              let value = try? key.parse(setting.value) else { return (try? key.parse(key.fallbackText)) ?? 0 }
        return value
    }

    /// How special-ability certificates are numbered.
    public var specialAbilityNumberPattern: SpecialAbilityNumberPattern {
        let key = CatalogSettingKey.specialAbilityNumberPattern
        let text = settings.first { $0.key == key.rawValue }?.value ?? key.fallbackText
        return (try? SpecialAbilityNumberPattern.parse(text)) ?? (try! SpecialAbilityNumberPattern.parse(key.fallbackText))
    }
}
