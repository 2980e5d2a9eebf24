// swift-tools-version:6.0
// Coverage-guided fuzz targets (libFuzzer), kept out of the product's package so that
// `swift build`, `swift test` and CI never see them. Sources/AccordCore is a symlink to the
// product's own sources: the targets fuzz exactly the code that ships. Build and run them
// with scripts/fuzz-coverage, which passes -sanitize=fuzzer,address to every Swift module.
import PackageDescription

let package = Package(
    name: "AccordFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(
            name: "AccordCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // arbitrary bytes → a session State and an event line, tape decoder vs JSONDecoder
        .executableTarget(name: "FuzzTape", dependencies: ["AccordCore", "CFuzzDriver"]),
        // arbitrary bytes → `kpi import`'s CSV reading
        .executableTarget(name: "FuzzCSV", dependencies: ["AccordCore", "CFuzzDriver", .product(name: "CSV", package: "CSV.swift")]),
        // arbitrary bytes → Shell.split, and quote-join-split round trips
        .executableTarget(name: "FuzzShell", dependencies: ["AccordCore", "CFuzzDriver"]),
        // what the tape decoder buys, measured (scripts/bench-decode; built without sanitizers)
        .executableTarget(name: "DecodeBench", dependencies: ["AccordCore"]),
    ],
    swiftLanguageModes: [.v5]
)
