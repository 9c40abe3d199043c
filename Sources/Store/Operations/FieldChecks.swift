import Domain

extension Store {
    /// Runs two checks of different fields and reports every field they refused: one as
    /// `.invalid`, both as `.invalidFields`, so that a form can show each refusal beside its
    /// field at once instead of one per attempt. Any other error stops at once.
    static func bothChecked<First, Second>(_ first: () throws -> First, _ second: () throws -> Second) throws -> (First, Second) {
        var problems: [FieldProblem] = []
        var firstValue: First?
        var secondValue: Second?
        do { firstValue = try first() } catch StoreError.invalid(let problem) { problems.append(problem) }
        do { secondValue = try second() } catch StoreError.invalid(let problem) { problems.append(problem) }
        if problems.count == 1 { throw StoreError.invalid(problems[0]) }
        if problems.count > 1 { throw StoreError.invalidFields(problems) }
        guard let firstValue, let secondValue else { throw StoreError.invalidFields(problems) }
        return (firstValue, secondValue)
    }
}
