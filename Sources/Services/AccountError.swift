import Domain

/// Why a password or a sign-in was refused. No message ever repeats a password.
public enum AccountError: BilingualError, Equatable {
    case passwordTooShort(minimum: Int)
    /// bcrypt reads only the first 72 bytes: a longer password would be silently cut.
    case passwordTooLong(maximumBytes: Int)
    case passwordIsLogin
    case passwordsDiffer
    case passwordUnchanged
    case wrongCurrentPassword

    public var chinese: String {
        switch self {
        case .passwordTooShort(let minimum): "密码至少需要 \(minimum) 个字符"
        case .passwordTooLong(let maximum): "密码最长 \(maximum) 字节（一个汉字占 3 字节）"
        case .passwordIsLogin: "密码不能与登录名相同"
        case .passwordsDiffer: "两次输入的新密码不一致"
        case .passwordUnchanged: "新密码不能与原密码相同"
        case .wrongCurrentPassword: "原密码不正确"
        }
    }

    public var english: String {
        switch self {
        case .passwordTooShort(let minimum): "a password has at least \(minimum) characters"
        case .passwordTooLong(let maximum): "a password has at most \(maximum) bytes (a Chinese character takes 3)"
        case .passwordIsLogin: "the password must not be the login"
        case .passwordsDiffer: "the two new passwords differ"
        case .passwordUnchanged: "the new password must differ from the current one"
        case .wrongCurrentPassword: "the current password is wrong"
        }
    }
}
