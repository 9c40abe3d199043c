import Domain

/// Where a list's header row is and which column holds which field.
struct ListLayout {
    /// How many non-blank rows are searched for the header: enough for a title, a subtitle and a
    /// date line above it, few enough that a list without a header fails fast.
    static let rowsSearched = 10

    /// Cells that must name known fields for a row to be the header: one could be a title that
    /// happens to read `姓名`.
    static let minimumRecognised = 2

    let headerRow: Int
    let header: [String]
    let columns: [ListField: Int]
    let ignoredColumns: [String]

    /// Whether `row` looks like a header row.
    static func isHeaderCandidate(_ row: RawRow) -> Bool {
        var recognised = 0
        for cell in row.cells where !cell.isEmpty && HeaderMatcher.field(for: cell) != nil {
            recognised += 1
            if recognised >= minimumRecognised { return true }
        }
        return false
    }

    /// Reads the header row: the wanted fields' columns, everything else ignored. A field named by
    /// two columns is refused, since either could be the one the clerk filled in.
    init(headerRow row: RawRow, required: [ListField], optional: [ListField], file: String, sheet: String?) throws(IntakeError) {
        headerRow = row.number
        header = row.cells.map { $0.trimmingWhitespace() }
        let wanted = Set(required + optional)
        var columns: [ListField: Int] = [:]
        var ignored: [String] = []
        for (index, text) in header.enumerated() where !text.isEmpty {
            guard let field = HeaderMatcher.field(for: text), wanted.contains(field) else {
                ignored.append(text)
                continue
            }
            if let earlier = columns[field] {
                throw .duplicateColumn(file: file, sheet: sheet, row: row.number, field: field,
                                       first: ListColumn(index: earlier, header: header[earlier]),
                                       second: ListColumn(index: index, header: text))
            }
            columns[field] = index
        }
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw .missingColumns(file: file, sheet: sheet, row: row.number, missing: missing)
        }
        self.columns = columns
        ignoredColumns = ignored
    }

    /// The template writes a notes row under the header whose first cell starts with `【说明`; it
    /// is not a trainee.
    static func isNotesRow(_ row: RawRow) -> Bool {
        guard let first = row.cells.first(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
        return first.trimmingWhitespace().hasPrefix(ListField.notesMarker)
    }
}
