// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Accord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
    ],
    dependencies: [
        // Command-line surface: --help, --version, subcommands, shell completion scripts.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 for the event hash chain and the letters' content digests; Ed25519 for the seals.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // CSV reading for `kpi import`: quoted cells with commas and line breaks, CRLF.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // Mustache templates for the responsibility letter's wording (built-in per language, or a company's own).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The room's HTTP server (`serve`): participants' pages, votes from devices, the live room page.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird's logging API: the server inside the REPL logs nothing to the terminal.
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
    ],
    targets: [
        // libedit through pkg-config, plus a C shim for its variadic functions.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Three Linux scheduler calls Swift's Glibc module leaves out: opening a session asks for
        // its helper thread on the other CPU (SharedTasks).
        .target(name: "CSched"),
        // libqrencode through pkg-config: the QR code (key fingerprint and digest) on HTML letters.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // Pure domain: state, events, fold, rules, letters, exporters. No terminal or file I/O.
        .target(
            name: "AccordCore",
            dependencies: [
                "CQREncode",
                "CSched",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The session file on disk: journal, atomic replace, lock, recovery.
        // Fault injection (`ACCORD_FAULT`, see `Fault` in FileIO.swift) exists in debug builds
        // only: never in a release binary.
        .target(name: "AccordStore", dependencies: ["AccordCore"],
                swiftSettings: [.swiftLanguageMode(.v6), .define("ACCORD_FAULT_INJECTION", .when(configuration: .debug))]),
        // The command loop, the line editor, rendering to a terminal.
        .target(name: "AccordREPL", dependencies: ["AccordCore", "AccordStore", "CEditLine"], swiftSettings: [.swiftLanguageMode(.v6)]),
        // The room's HTTP server (`serve`): participants' pages, votes from devices, the room page.
        // Its own target so that AccordCore stays pure; nothing in it runs before `serve start`.
        .target(
            name: "AccordServe",
            dependencies: [
                "AccordCore", "AccordStore", "AccordREPL",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "accord",
            dependencies: [
                "AccordCore", "AccordStore", "AccordREPL", "AccordServe", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Benchmarks, outside the product: generated sessions (also the fuzz tests' generator)
        // and `accord-bench`, which times the core in-process (scripts/bench-audit).
        .target(name: "AccordBench", dependencies: ["AccordCore"], swiftSettings: [.swiftLanguageMode(.v6)]),
        .executableTarget(
            name: "accord-bench",
            dependencies: [
                "AccordBench", "AccordCore", "AccordStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(name: "AccordCoreTests", dependencies: ["AccordCore"]),
        .testTarget(name: "AccordStoreTests", dependencies: ["AccordCore", "AccordStore"]),
        .testTarget(name: "AccordREPLTests", dependencies: ["AccordCore", "AccordREPL"]),
        .testTarget(name: "AccordServeTests", dependencies: [
            "AccordCore", "AccordStore", "AccordREPL", "AccordServe",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "AccordEndToEndTests", dependencies: ["AccordCore", "AccordBench"]),
    ],
    swiftLanguageModes: [.v5]
)
