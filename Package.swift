// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "SkillCert",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "skillcert", targets: ["skillcert"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // By the path of its own .pc file, which keeps glib's `-pthread` out (see the file).
        .systemLibrary(
            name: "CCairoPango",
            pkgConfig: Context.packageDirectory + "/Sources/CCairoPango/pangocairo.pc",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "Domain"),
        .target(
            name: "Store",
            dependencies: [
                "Domain", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "Spreadsheet",
            dependencies: ["CXlsxWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "Intake",
            dependencies: ["Domain", "Spreadsheet", .product(name: "CSV", package: "CSV.swift")]
        ),
        .target(name: "Reports", dependencies: ["Domain", "Store", "Spreadsheet"]),
        .target(name: "Printing", dependencies: ["Domain", "CCairoPango", "CQREncode"]),
        .target(name: "DemoYear", dependencies: ["Domain", "Store", "Services"]),
        .target(
            name: "Services",
            dependencies: [
                "Domain", "Store", "Intake", "Reports", "Printing",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "WebApp",
            dependencies: [
                "Domain", "Store", "Services",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        .target(
            name: "Province",
            dependencies: ["Domain", "Store", "Reports", "Services", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(
            name: "SkillCertCLI",
            dependencies: [
                "Domain", "Store", "Spreadsheet", "Intake", "Reports", "DemoYear", "Services", "WebApp", "Province",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "skillcert", dependencies: ["SkillCertCLI"]),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Domain"], exclude: ["Fixtures"]),
        .testTarget(
            name: "SpreadsheetTests",
            dependencies: ["Spreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "Domain", "Spreadsheet"]),
        .target(name: "PDFTestSupport", path: "Tests/PDFTestSupport"),
        .testTarget(name: "PrintingTests", dependencies: ["Printing", "Domain", "PDFTestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Store", "Spreadsheet", "Domain", "Intake"]),
        .testTarget(name: "DemoYearTests", dependencies: ["DemoYear", "Store", "Domain", "Intake", "Services"]),
        .testTarget(name: "ServicesTests", dependencies: ["Services", "Store", "Domain", "Intake", "Spreadsheet", "PDFTestSupport"]),
        .testTarget(
            name: "WebAppTests",
            dependencies: [
                "WebApp", "Store", "Domain", "Services", "Intake", "Spreadsheet", "PDFTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // Needs a PostgreSQL server: `make test` starts one (scripts/with-postgres.sh).
        .testTarget(
            name: "ProvinceTests",
            dependencies: [
                "Province", "Store", "Domain", "DemoYear", "Intake", "Services", "Reports", "Spreadsheet", "WebApp",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "SkillCertCLITests", dependencies: ["SkillCertCLI", "Spreadsheet", "Store", "Domain", "Services", "PDFTestSupport"]),
    ]
)

// The fuzzing harnesses of the readers (scripts/fuzz.sh READER MINUTES), declared only when
// SKILLCERT_FUZZ is set: they need libFuzzer's main (`--sanitize=fuzzer`), and `swift build` and
// `swift test` never see them.
if Context.environment["SKILLCERT_FUZZ"] != nil {
    let harness: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
    package.targets += [
        .target(name: "FuzzSupport", path: "fuzz/Support"),
        .executableTarget(name: "FuzzCSVReader", dependencies: ["Intake", "Domain", "FuzzSupport"],
                          path: "fuzz/CSVReader", swiftSettings: harness),
        .executableTarget(name: "FuzzXLSXReader", dependencies: ["Spreadsheet", "FuzzSupport"],
                          path: "fuzz/XLSXReader", swiftSettings: harness),
        .executableTarget(name: "FuzzScoreSheetReader", dependencies: ["Intake", "FuzzSupport"],
                          path: "fuzz/ScoreSheetReader", swiftSettings: harness),
    ]
}
