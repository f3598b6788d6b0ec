// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "debrief",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "debrief", targets: ["debrief"]),
        .library(name: "DebriefKit", targets: ["DebriefKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // HMAC and SHA-256 for the build cache, which a repository's author can write.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // Debian's cmark-gfm, found through pkg-config: the Markdown renderer.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // zlib, for one call: the search index's document files are stored deflated
        // (docs/architecture.md, "The C boundaries").
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Turns Templates/ into Swift source so the binary carries its theme.
        .executableTarget(name: "TemplateEmbedder"),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["TemplateEmbedder"],
            path: "Sources/EmbedTemplates"
        ),
        .target(
            name: "DebriefKit",
            dependencies: [
                "CCmarkGFM",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        .target(
            name: "DebriefCLI",
            dependencies: [
                "DebriefKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "debrief", dependencies: ["DebriefCLI"]),
        // Shared by both test targets: running the built binary, marked text, golden files.
        .target(name: "DebriefTestSupport", path: "Tests/DebriefTestSupport"),
        .testTarget(
            name: "DebriefKitTests",
            dependencies: ["DebriefKit", "DebriefTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "DebriefCLITests",
            dependencies: ["DebriefKit", "DebriefTestSupport"],
            exclude: ["Fixtures", "Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
