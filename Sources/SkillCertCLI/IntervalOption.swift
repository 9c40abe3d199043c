import Domain

/// How often, as `serve --backup-every` takes it: a whole number of minutes, hours or days
/// (`30m`, `1h`, `1d`), from one minute to a year.
func parseInterval(_ text: String) throws(Rejection) -> Duration {
    let rule = Rejection("应为整数加单位 m（分钟）、h（小时）或 d（天），如 30m、1h、1d；至少 1m，至多 365d",
                         "must be a whole number with m (minutes), h (hours) or d (days), e.g. 30m, 1h, 1d; from 1m to 365d")
    guard let match = text.trimmingWhitespace().lowercased().wholeMatch(of: /([0-9]{1,6})([mhd])/), let number = Int(match.1) else { throw rule }
    let minutes = switch match.2 {
    case "m": number
    case "h": number * 60
    default: number * 24 * 60
    }
    guard (1...365 * 24 * 60).contains(minutes) else { throw rule }
    return .seconds(minutes * 60)
}
