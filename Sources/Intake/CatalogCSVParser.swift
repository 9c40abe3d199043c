import CSV
import Domain
import Foundation

/// Turns the text of one catalog CSV file into a `CatalogTableText` whose line numbers are the
/// file's real line numbers, comment lines included, so that a clerk can go straight to the line.
///
/// CSVReader does the CSV work but does not count lines; the parser counts them itself: every
/// record takes one line plus one per line break inside a quoted field (such fields are refused
/// anyway, but counting them keeps the numbers of later lines right).
enum CatalogCSVParser {
    static func parse(_ text: String, file: String) throws(IntakeError) -> CatalogTableText {
        let lines = normalisingLineBreaks(text).split(separator: "\n", omittingEmptySubsequences: false)
        guard let headerIndex = lines.firstIndex(where: { !isCommentOrBlank($0) }) else {
            throw .malformedCSV(file: file, line: max(1, lines.count),
                                reason: Rejection("没有表头行（只有注释或空行）", "there is no header row (only comments or blank lines)"))
        }
        let headerLine = headerIndex + 1
        let body = lines[headerIndex...].joined(separator: "\n")
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true, trimFields: false)
        } catch {
            throw .malformedCSV(file: file, line: headerLine, reason: Rejection("无法读取表头行", "the header row cannot be read"))
        }
        let rawHeader = reader.headerRow ?? []
        guard !rawHeader.contains(where: containsLineBreak) else {
            throw .malformedCSV(file: file, line: headerLine,
                                reason: Rejection("表头行的字段中有换行（可能缺少右引号）", "a header field holds a line break (a closing quote may be missing)"))
        }
        let header = rawHeader.map { $0.trimmingWhitespace() }
        var table = CatalogTableText(file: file, header: header.filter { !$0.isEmpty }, headerLine: headerLine, rows: [])
        var nextLine = headerLine + 1
        while let fields = reader.next() {
            let line = nextLine
            nextLine += 1 + CSVRowSource.lineBreaks(in: fields)
            if isBlankOrComment(fields) { continue }
            table.readingProblems += problems(in: fields, header: header, file: file, line: line)
            var byColumn: [String: String] = [:]
            for (index, name) in header.enumerated() where !name.isEmpty && index < fields.count && byColumn[name] == nil {
                byColumn[name] = fields[index]
            }
            table.rows.append(CatalogRecord(line: line, fields: byColumn))
        }
        return table
    }

    /// What the builder cannot see once fields are keyed by column: line breaks, short rows, values
    /// without a column. Trailing empty fields are allowed, because Excel pads rows with commas.
    private static func problems(in fields: [String], header: [String], file: String, line: Int) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func columnName(_ index: Int) -> Field {
            .column(index < header.count && !header[index].isEmpty ? header[index] : "column \(index + 1)")
        }
        for (index, field) in fields.enumerated() {
            if containsLineBreak(field) {
                problems.append(FieldProblem(
                    file: file, line: line, field: columnName(index), value: field.replacingLineBreaks(),
                    rule: Rejection("字段中不能有换行（可能缺少右引号）", "a field cannot hold a line break (a closing quote may be missing)")))
            } else if (index >= header.count || header[index].isEmpty) && !field.trimmingWhitespace().isEmpty {
                problems.append(FieldProblem(
                    file: file, line: line, field: columnName(index), value: field.trimmingWhitespace(),
                    rule: Rejection("此值所在的列在表头中没有列名", "this value is in a column that has no name in the header row")))
            }
        }
        let named = header.indices.filter { !header[$0].isEmpty }
        if let lastNamed = named.last, fields.count <= lastNamed {
            problems.append(FieldProblem(
                file: file, line: line, field: header[fields.count...].first { !$0.isEmpty }.map(Field.column) ?? columnName(fields.count), value: "",
                rule: Rejection("此行在该列之前就结束了：只有 \(fields.count) 个字段，表头有 \(lastNamed + 1) 列",
                                "the row ends before this column: it has \(fields.count) fields, the header has \(lastNamed + 1) columns")))
        }
        return problems
    }

    /// CSVReader and the line counting must agree on what a line is: CRLF and a lone CR become LF.
    private static func normalisingLineBreaks(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousWasCR = true
                continue
            }
            if !(scalar == "\n" && previousWasCR) { scalars.append(scalar) }
            previousWasCR = false
        }
        return String(scalars)
    }

    /// A comment line starts with `#` (Excel may have quoted it); a line of nothing but commas is
    /// what Excel writes for an empty row.
    private static func isCommentOrBlank(_ line: Substring) -> Bool {
        let trimmed = line.trimmingWhitespace()
        return trimmed.hasPrefix("#") || trimmed.hasPrefix("\"#") || trimmed.allSatisfy { $0 == "," || $0.isWhitespace }
    }

    private static func isBlankOrComment(_ fields: [String]) -> Bool {
        fields.allSatisfy { $0.trimmingWhitespace().isEmpty } || (fields.first?.trimmingWhitespace().hasPrefix("#") ?? false)
    }

    private static func containsLineBreak(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
    }
}

private extension String {
    /// Shows a line break as ↵ so that a problem message stays on one line.
    func replacingLineBreaks() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? "↵" : $0 }))
    }
}
