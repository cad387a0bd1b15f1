// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hysite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hysite", targets: ["hysite"]),
        .library(name: "HysiteKit", targets: ["HysiteKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),  // tests only
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `hysite serve`: a small HTTP/WebSocket server on Swift concurrency and plain sockets (no SwiftNIO).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // Debian's libcmark-dev (cmark 0.30.2), used in its default safe mode.
        .systemLibrary(
            name: "CCmark",
            path: "Sources/CCmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // cmark with a per-thread arena for each document's allocations (Render/Markdown.swift).
        .target(name: "CCmarkArena", dependencies: ["CCmark"]),
        // The whole pipeline: Load → Parse → Assemble → Render → Write, one folder per stage.
        .target(
            name: "HysiteKit",
            dependencies: [
                "CCmark",
                "CCmarkArena",
                .product(name: "Yams", package: "Yams"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        // A thin command line over HysiteKit.
        .executableTarget(
            name: "hysite",
            dependencies: [
                "HysiteKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Developer tool: time per stage and per page kind (`swift run -c release hysite-profile DIR`).
        .executableTarget(name: "hysite-profile", dependencies: ["HysiteKit"]),
        // libFuzzer target over the page parser and the Markdown step (Fuzz/README.md, scripts/fuzz.sh).
        // A plain build makes a replayer (`hysite-fuzz FILE|DIR ...`); with `-sanitize=fuzzer -DHYSITE_FUZZ`
        // it hands its callback to libFuzzer's LLVMFuzzerRunDriver, declared in CFuzzDriver.
        .target(name: "CFuzzDriver"),
        .executableTarget(
            name: "hysite-fuzz",
            dependencies: ["HysiteKit", "CFuzzDriver"]
        ),
        // swift-mustache is the tests' oracle only: the site renders with HysiteKit's compiled templates, and
        // CompiledRendererTests checks every page against swift-mustache's rendering of the same templates.
        .testTarget(
            name: "HysiteKitTests",
            dependencies: ["HysiteKit", .product(name: "Mustache", package: "swift-mustache")],
            exclude: ["Fixtures"]
        ),
    ]
)
