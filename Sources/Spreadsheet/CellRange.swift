/// A rectangle of cells, zero-based like every row and column index in this module's writer.
public struct CellRange: Hashable, Sendable {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// Relative A1 notation as Excel shows it, e.g. `A2:C5`.
    public var a1: String {
        "\(A1.cell(row: firstRow, column: firstColumn)):\(A1.cell(row: lastRow, column: lastColumn))"
    }

    /// One cell in relative A1 notation, e.g. `D12`, for formulas that point at a single cell
    /// (a rate over two counts written above it).
    public static func a1(row: Int, column: Int) -> String { A1.cell(row: row, column: column) }

    /// Absolute notation used inside formulas, e.g. `$A$2:$C$5`.
    var absolute: String {
        "\(A1.absoluteCell(row: firstRow, column: firstColumn)):\(A1.absoluteCell(row: lastRow, column: lastColumn))"
    }

    var isWithinSheet: Bool {
        A1.isValid(row: firstRow, column: firstColumn) && A1.isValid(row: lastRow, column: lastColumn)
            && firstRow <= lastRow && firstColumn <= lastColumn
    }
}

/// A range on a named sheet, for chart series and formulas that point across sheets.
public struct SheetRange: Hashable, Sendable {
    public var sheet: String
    public var range: CellRange

    public init(sheet: String, range: CellRange) {
        self.sheet = sheet
        self.range = range
    }

    public init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.init(sheet: sheet, range: CellRange(firstRow: firstRow, firstColumn: firstColumn,
                                                 lastRow: lastRow, lastColumn: lastColumn))
    }

    /// The reference as a formula, e.g. `=Sheet1!$A$2:$A$5` or `='培训 名册'!$B$2:$B$9`,
    /// usable in chart series and in formulas such as `SUM(…)` after dropping the `=`.
    public var formula: String {
        "=\(A1.quotedSheetName(sheet))!\(range.absolute)"
    }
}

/// A1 notation helpers. Excel's limits are 1,048,576 rows and 16,384 columns (XFD).
enum A1 {
    static let rowCount = 1_048_576
    static let columnCount = 16_384

    static func isValid(row: Int, column: Int) -> Bool {
        (0..<rowCount).contains(row) && (0..<columnCount).contains(column)
    }

    /// Column letters for a zero-based index: 0 → A, 25 → Z, 26 → AA.
    static func columnLetters(_ column: Int) -> String {
        var number = column + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// Zero-based index for column letters, nil when the text is not a column name.
    static func columnIndex(_ letters: Substring) -> Int? {
        guard !letters.isEmpty, letters.count <= 3 else { return nil }
        var index = 0
        for scalar in letters.unicodeScalars {
            let value = Int(scalar.value)
            switch value {
            case 65...90: index = index * 26 + (value - 64)
            case 97...122: index = index * 26 + (value - 96)
            default: return nil
            }
        }
        return index - 1
    }

    /// "B7" for valid indices; for indices Excel cannot address, a readable
    /// "row -1, column 3" so that the error message still shows what the caller asked for.
    static func cell(row: Int, column: Int) -> String {
        guard isValid(row: row, column: column) else { return "(row \(row), column \(column))" }
        return "\(columnLetters(column))\(row + 1)"
    }

    static func absoluteCell(row: Int, column: Int) -> String {
        "$\(columnLetters(column))$\(row + 1)"
    }

    /// Excel requires quotes around sheet names that are not plain identifiers (spaces,
    /// punctuation, non-ASCII such as Chinese, a leading digit, or names that read as a cell
    /// like "A1"); an apostrophe inside is doubled.
    static func quotedSheetName(_ name: String) -> String {
        if isPlainIdentifier(name) { return name }
        return "'\(name.replacingOccurrences(of: "'", with: "''"))'"
    }

    private static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        guard isLetter(first) || first == "_" else { return false }
        guard name.unicodeScalars.allSatisfy({ isLetter($0) || isDigit($0) || $0 == "_" || $0 == "." }) else {
            return false
        }
        // "AB12", "R1C1", "R" or "C" would be read as a cell reference rather than a sheet.
        let upper = name.uppercased()
        let letters = upper.prefix { $0.isLetter }
        let rest = upper.dropFirst(letters.count)
        if letters.count <= 3, !rest.isEmpty, rest.allSatisfy({ $0.isNumber }) { return false }
        if upper.first == "R" {
            let afterR = upper.dropFirst().drop { $0.isNumber }
            if afterR.isEmpty || (afterR.first == "C" && afterR.dropFirst().allSatisfy { $0.isNumber }) {
                return false
            }
        }
        if upper == "C" || (upper.first == "C" && upper.dropFirst().allSatisfy { $0.isNumber }) { return false }
        return true
    }
}
