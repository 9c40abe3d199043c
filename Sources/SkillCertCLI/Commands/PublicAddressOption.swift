import ArgumentParser
import Services

/// `--public-url`: where the public reaches the verification pages, which printed QR codes point
/// to. Defaults to the address `skillcert serve` listens on by default.
struct PublicAddressOption: ParsableArguments {
    @Option(name: .customLong("public-url"),
            help: "The verification pages' public address that QR codes point to (default: http://127.0.0.1:8080).")
    var publicURL: String?

    func publicAddress() throws -> PublicAddress {
        try publicURL.map { try PublicAddress($0) } ?? .local
    }
}
