/// Reads the typed fields of one catalog row and collects a located problem for every field that
/// does not pass, so that a row with three mistakes reports three problems, not the first.
///
/// Callers build the model value only when `isClean`: parse functions return nil both for an
/// allowed empty field and for a rejected one, and the collected problems tell the two apart.
struct CatalogRowReader {
    let file: CatalogFile
    let record: CatalogRecord
    private(set) var problems: [FieldProblem] = []

    init(file: CatalogFile, record: CatalogRecord) {
        self.file = file
        self.record = record
    }

    var line: Int { record.line }
    var isClean: Bool { problems.isEmpty }

    /// The trimmed text of a column; empty when the row has no such field.
    func text(_ column: String) -> String {
        assert(file.columns.contains(column), "\(column) is not a column of \(file.fileName)")
        return (record.fields[column] ?? "").trimmingWhitespace()
    }

    mutating func report(_ column: String, value: String, _ rule: Rejection) {
        problems.append(FieldProblem(file: file.fileName, line: record.line, field: .column(column), value: value, rule: rule))
    }

    /// The text of a column that must not be empty.
    mutating func required(_ column: String) -> String? {
        let value = text(column)
        guard !value.isEmpty else {
            report(column, value: value, CatalogRule.empty())
            return nil
        }
        return value
    }

    /// A single value; an empty field is a problem unless `optional`.
    mutating func value<T>(_ column: String, optional: Bool = false, _ parse: (String) throws(Rejection) -> T) -> T? {
        let raw = text(column)
        if raw.isEmpty {
            if !optional { report(column, value: raw, CatalogRule.empty()) }
            return nil
        }
        do {
            return try parse(raw)
        } catch {
            report(column, value: raw, error)
            return nil
        }
    }

    /// A `|`-separated list. Each bad item is reported with the item itself as the value, so the
    /// clerk sees `6` rather than the whole `5|4|6`. Returns nil when any item is bad.
    mutating func list<T: Hashable>(_ column: String, optional: Bool = false, _ parse: (String) throws(Rejection) -> T) -> [T]? {
        let raw = text(column)
        if raw.isEmpty {
            if !optional { report(column, value: raw, CatalogRule.empty()) }
            return optional ? [] : nil
        }
        var items: [T] = []
        var clean = true
        for piece in raw.split(separator: CatalogFile.listSeparator, omittingEmptySubsequences: false) {
            let itemText = piece.trimmingWhitespace()
            guard !itemText.isEmpty else {
                report(column, value: raw, CatalogRule.emptyListItem())
                clean = false
                continue
            }
            do {
                let item = try parse(itemText)
                if items.contains(item) {
                    report(column, value: itemText, CatalogRule.listItemTwice())
                    clean = false
                } else {
                    items.append(item)
                }
            } catch {
                report(column, value: itemText, error)
                clean = false
            }
        }
        return clean ? items : nil
    }

    /// Records `key` as seen on this line, or reports it as a duplicate of the earlier line.
    /// Returns false for a duplicate.
    @discardableResult
    mutating func claim<Key: Hashable>(_ key: Key, in seen: inout [Key: Int], column: String, value: String) -> Bool {
        if let earlier = seen[key] {
            report(column, value: value, CatalogRule.duplicate(ofLine: earlier))
            return false
        }
        seen[key] = record.line
        return true
    }
}
