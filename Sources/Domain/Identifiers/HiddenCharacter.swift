/// A character in a typed or pasted value that nobody can see, or that only a wrong decoding
/// leaves behind.
///
/// Invisible characters come with text copied from web pages, chat messages and PDFs: a zero-width
/// space (U+200B) or joiner (U+200D), a byte-order mark (U+FEFF) in the middle of a cell, a soft
/// hyphen (U+00AD), the direction controls (U+202A-202E, U+2066-2069). A name holding one looks
/// like the name without it but is another string, so the same person would be recorded twice and
/// a search would miss them; an ID holding one looks right and reads as 19 characters. They are
/// refused with their code and position, so that the clerk can find what cannot be seen.
///
/// Private-use characters (U+E000-F8FF and planes 15-16) and the replacement character U+FFFD
/// are not typed by anyone: they are what a file read in the wrong encoding decodes to, and are
/// refused as such.
public struct HiddenCharacter: Hashable, Sendable {
    public let scalar: Unicode.Scalar
    /// 1-based, counted in Unicode scalars over the value as checked (without the spaces around
    /// it, which every field ignores): an invisible character is one, as is every visible
    /// character of a name, even where it joins its neighbour into one glyph.
    public let position: Int

    /// `U+200B`.
    public var code: String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The first such character of `text`, nil when there is none (almost always: the walk stops
    /// at nothing for ASCII and CJK ideographs).
    public static func first(in text: String) -> HiddenCharacter? {
        var position = 0
        for scalar in text.unicodeScalars {
            position += 1
            if isHidden(scalar) || isLeftByWrongDecoding(scalar) {
                return HiddenCharacter(scalar: scalar, position: position)
            }
        }
        return nil
    }

    /// Refuses `text` when it holds a hidden character. `chineseSubject` and `englishSubject` name
    /// the value (`姓名`, `name`).
    public static func screen(_ text: String, chineseSubject: String, englishSubject: String) throws(Rejection) {
        if let hidden = first(in: text) {
            throw hidden.rejection(chineseSubject: chineseSubject, englishSubject: englishSubject)
        }
    }

    public func rejection(chineseSubject: String, englishSubject: String) -> Rejection {
        let place = "\(chineseSubject)第 \(position) 个字符"
        let englishPlace = "character \(position) of the \(englishSubject)"
        if Self.isLeftByWrongDecoding(scalar) {
            return Rejection(
                "\(place)是 \(code)（\(name.chinese)），不是可以录入的文字：很可能是文件以错误的编码保存或读取（乱码）；"
                    + "请核对原始名单，在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后重新导入",
                "\(englishPlace) is \(code) (\(name.english)), which nobody types: the file was most likely saved or read "
                    + "in the wrong encoding (garbled text); check the original list, save it from Excel as "
                    + "“CSV UTF-8 (Comma delimited)” or .xlsx and import it again")
        }
        let hint = scalar.value == 0x0A || scalar.value == 0x0D
            ? ("常见于单元格内换行", "often a line break inside the cell")
            : ("常随从网页或聊天软件复制的文字带入", "it comes with text copied from web pages and chat messages")
        return Rejection(
            "\(place)是看不见的字符 \(code)（\(name.chinese)，\(hint.0)），请删除后重新输入",
            "\(englishPlace) is the invisible character \(code) (\(name.english): \(hint.1)); delete it and type the value again")
    }

    /// A short name in both languages.
    public var name: (chinese: String, english: String) {
        switch scalar.value {
        case 0x09: ("制表符", "tab")
        case 0x0A: ("换行符", "line feed")
        case 0x0D: ("回车符", "carriage return")
        case 0x00AD: ("软连字符", "soft hyphen")
        case 0x034F: ("组合用字形连接符", "combining grapheme joiner")
        case 0x061C: ("阿拉伯字母标记", "Arabic letter mark")
        case 0x115F, 0x1160, 0x3164, 0xFFA0: ("韩文填充符", "Hangul filler")
        case 0x180E: ("蒙古文元音分隔符", "Mongolian vowel separator")
        case 0x200B: ("零宽空格", "zero width space")
        case 0x200C: ("零宽不连字", "zero width non-joiner")
        case 0x200D: ("零宽连字", "zero width joiner")
        case 0x200E: ("从左到右标记", "left-to-right mark")
        case 0x200F: ("从右到左标记", "right-to-left mark")
        case 0x2028: ("行分隔符", "line separator")
        case 0x2029: ("段分隔符", "paragraph separator")
        case 0x202A: ("从左到右嵌入", "left-to-right embedding")
        case 0x202B: ("从右到左嵌入", "right-to-left embedding")
        case 0x202C: ("方向格式结束", "pop directional formatting")
        case 0x202D: ("从左到右覆盖", "left-to-right override")
        case 0x202E: ("从右到左覆盖", "right-to-left override")
        case 0x2060: ("零宽不换行符", "word joiner")
        case 0x2066: ("从左到右隔离", "left-to-right isolate")
        case 0x2067: ("从右到左隔离", "right-to-left isolate")
        case 0x2068: ("首个强方向隔离", "first strong isolate")
        case 0x2069: ("方向隔离结束", "pop directional isolate")
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF: ("异体字选择符", "variation selector")
        case 0xFEFF: ("字节顺序标记/零宽不换行空格", "byte order mark / zero width no-break space")
        case 0xFFFD: ("替换字符 �", "replacement character �")
        case 0xE000...0xF8FF, 0xF0000...0x10FFFF: ("私用区字符", "private-use character")
        default:
            switch scalar.properties.generalCategory {
            case .control: ("控制字符", "control character")
            case .format: ("格式控制字符", "format character")
            default: ("不可见字符", "invisible character")
            }
        }
    }

    /// Controls (Cc), format characters (Cf: zero-width and direction controls, soft hyphen, BOM),
    /// line and paragraph separators, and whatever Unicode says a renderer shows as nothing
    /// (Default_Ignorable_Code_Point: fillers, variation selectors).
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x3FFFF:
            return false  // printable ASCII and CJK ideographs, nearly every scalar of a list
        case 0...0x1F, 0x7F...0x9F:
            return true
        default:
            let properties = scalar.properties
            switch properties.generalCategory {
            case .format, .control, .lineSeparator, .paragraphSeparator: return true
            default: return properties.isDefaultIgnorableCodePoint
            }
        }
    }

    static func isLeftByWrongDecoding(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xE000...0xF8FF, 0xF0000...0x10FFFF, 0xFFFD: true
        default: false
        }
    }
}
