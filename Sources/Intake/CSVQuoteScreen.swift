import Domain

/// Looks at the quotes of a block of CSV bytes before CSVReader parses it, so that a quote typed by
/// hand never makes rows disappear.
///
/// CSVReader and the readers clerks check a file with disagree on one thing. When a quoted cell's
/// closing quote is followed by more text (`"重点"对象`), Excel and Python's csv module end the
/// quoted part there and keep the text (`重点对象`); CSVReader instead keeps the quote and goes on
/// reading the cell, through line breaks, until some later quote happens to end it, so every row in
/// between silently becomes part of one cell. The screen rewrites such a cell in the form CSVReader
/// reads the same way (`"重点对象"`, quotes after the closing one doubled), so the records are
/// those Excel shows.
///
/// Two shapes are refused instead, naming the line where the quote opened, because each means
/// that a quote is stray or missing and reading on would merge rows:
/// - a quoted cell still open at the end of the file;
/// - a quoted cell that runs over a line break and is then followed by text after its closing
///   quote (a properly closed cell may hold line breaks: Excel writes them for Alt+Enter).
/// A quote inside a cell that does not start with one (`重点"对象`) is an ordinary character, for
/// CSVReader as for Excel, and is left alone.
enum CSVQuoteScreen {
    enum Outcome: Equatable {
        /// CSVReader reads the bytes as Excel does.
        case unchanged
        /// The same records, written so that CSVReader reads them as Excel does.
        case rewritten([UInt8])
    }

    /// Where the refused quote opened, and why it is refused.
    struct Refusal: Error, Equatable {
        let line: Int
        let reason: Rejection
    }

    static let unclosedQuote = Rejection(
        "本行有一个单元格以英文引号（\"）开头，直到文件末尾都没有闭合，其后各行都会被读进这一个单元格；"
            + "请删除多余的引号或补上闭合的引号（带引号的单元格中的引号要写成两个：\"\"）",
        "a quote opens a cell on this line and is never closed before the end of the file, so every line after it "
            + "would be read into that one cell; delete the stray quote or close it (a quote inside a quoted cell is written twice: \"\")")

    static func closedAfterLineBreak(closedOn line: Int) -> Rejection {
        Rejection(
            "本行有一个单元格以英文引号（\"）开头，一直延续到第 \(line) 行才闭合，而闭合的引号后面还有文字："
                + "很可能有一个多余或缺少的引号，中间的行会被并入一个单元格；请删除多余的引号或补上闭合的引号",
            "a quote opens a cell on this line that runs on to line \(line), where text follows its closing quote: "
                + "a quote is most likely stray or missing, and the lines between would be read as one cell; "
                + "delete the stray quote or close it")
    }

    private enum State {
        case fieldStart, unquoted, quoted
        /// A quote inside a quoted cell: an escaped quote, the end of the cell, or the end of the quoted part.
        case quoteInQuoted
        /// Text after the closing quote of a quoted cell, up to the end of the cell.
        case afterClosingQuote
    }

    private static let quote: UInt8 = 0x22

    /// `bytes` start where a record starts, on line `firstLine`, and end after a line feed or at
    /// the end of the file (`atEnd`). Lines are counted as CSVRowSource counts them: CRLF and a
    /// lone CR once each.
    static func screen(_ bytes: ArraySlice<UInt8>, delimiter: UInt8, firstLine: Int, atEnd: Bool) throws(Refusal) -> Outcome {
        var state = State.fieldStart
        var line = firstLine
        var afterCR = false
        var openedOn = firstLine
        // Nil until a cell needs rewriting; from then on every byte (rewritten) goes into it.
        var output: [UInt8]?
        for index in bytes.indices {
            let byte = bytes[index]
            let lineBreak = byte == 0x0A || byte == 0x0D
            switch state {
            case .fieldStart:
                if byte == quote {
                    state = .quoted
                    openedOn = line
                } else if byte != delimiter && !lineBreak {
                    state = .unquoted
                }
                output?.append(byte)
            case .unquoted:
                if byte == delimiter || lineBreak { state = .fieldStart }
                output?.append(byte)
            case .quoted:
                // The quote is written when the next byte says what it was.
                if byte == quote { state = .quoteInQuoted } else { output?.append(byte) }
            case .quoteInQuoted:
                if byte == quote {
                    state = .quoted
                    output?.append(contentsOf: [quote, quote])
                } else if byte == delimiter || lineBreak {
                    state = .fieldStart
                    output?.append(contentsOf: [quote, byte])
                } else {
                    guard line == openedOn else {
                        throw Refusal(line: openedOn, reason: closedAfterLineBreak(closedOn: line))
                    }
                    // The closing quote is dropped and written again where the cell ends.
                    if output == nil {
                        output = Array(bytes[..<(index - 1)])
                        output!.reserveCapacity(bytes.count + 16)
                    }
                    state = .afterClosingQuote
                    output!.append(byte)
                }
            case .afterClosingQuote:
                if byte == quote {
                    output!.append(contentsOf: [quote, quote])
                } else if byte == delimiter || lineBreak {
                    state = .fieldStart
                    output!.append(contentsOf: [quote, byte])
                } else {
                    output!.append(byte)
                }
            }
            if byte == 0x0A {
                if !afterCR { line += 1 }
            } else if byte == 0x0D {
                line += 1
            }
            afterCR = byte == 0x0D
        }
        switch state {
        case .quoted:
            // Not at the end, the block was cut inside a quoted cell: CSVRowSource reads on.
            if atEnd { throw Refusal(line: openedOn, reason: unclosedQuote) }
        case .quoteInQuoted, .afterClosingQuote:
            output?.append(quote)
        case .fieldStart, .unquoted:
            break
        }
        return output.map(Outcome.rewritten) ?? .unchanged
    }
}
