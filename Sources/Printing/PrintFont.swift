/// The faces printed documents use: Noto Sans and Noto Serif CJK (Debian's fonts-noto-cjk), which
/// hold the rare characters of names outside the Basic Multilingual Plane (𠈌) and are embedded
/// in every PDF (as subsets), so a print shop needs no fonts of its own.
public enum PrintFont: String, Sendable, Equatable {
    case sans = "Noto Sans CJK SC"
    case serif = "Noto Serif CJK SC"
}

/// How a line of text sits in its width.
public enum TextAlignment: Sendable, Equatable {
    case left, center, right
}
