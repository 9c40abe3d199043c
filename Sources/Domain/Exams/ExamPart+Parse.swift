extension ExamPart {
    public var englishName: String {
        switch self {
        case .theory: "theory"
        case .practical: "practical"
        case .review: "review"
        }
    }

    /// What a room of this part is called on sheets: 理论考场, 操作技能考评组, 综合评审组.
    public var roomChineseName: String {
        switch self {
        case .theory: "理论考场"
        case .practical: "操作技能考评组"
        case .review: "综合评审组"
        }
    }

    /// `theory`, `practical`, `review`, or the Chinese 理论 / 实操 / 评审 forms.
    public static func parse(_ text: String) throws(Rejection) -> ExamPart {
        let key = text.trimmingWhitespace().lowercased()
        let aliases: [String: ExamPart] = [
            "理论": .theory, "理论知识": .theory,
            "实操": .practical, "操作": .practical, "操作技能": .practical,
            "评审": .review, "综合评审": .review,
        ]
        if let part = ExamPart(rawValue: key) ?? aliases[key] { return part }
        throw Rejection("科目应为 theory（理论知识）、practical（操作技能）或 review（综合评审）",
                        "a part is theory, practical or review")
    }
}
