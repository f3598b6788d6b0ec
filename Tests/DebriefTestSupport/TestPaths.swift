import Foundation

/// Where the package, its fixtures, the shared conformance data and the built binary are.
/// Everything is found from this file's own path, so tests run from any working directory.
public enum TestPaths {
    /// The package root (the folder holding `Package.swift`).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // DebriefTestSupport
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()

    /// `Tests/<target>/Fixtures`.
    public static func fixtures(_ target: String) -> URL {
        packageRoot.appendingPathComponent("Tests/\(target)/Fixtures")
    }

    /// The example knowledge repo, `docs/example`.
    public static var exampleRepo: URL { packageRoot.appendingPathComponent("docs/example") }

    /// `<root>/../shared/conformance`: the GFM spec examples. CI lays a copy of `shared/` beside
    /// the clone; elsewhere the folder may be absent and the tests that need it skip.
    public static var conformance: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }

    /// The folder the build products are in: on Linux the test runner is itself a product, so
    /// it is `Bundle.main`'s folder; on macOS the `.xctest` bundle's parent.
    public static var productsDirectory: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        return Bundle.main.bundleURL
    }

    /// The built `debrief` executable: beside the test runner, else `.build/debug/debrief`.
    public static var debriefBinary: URL {
        let beside = productsDirectory.appendingPathComponent("debrief")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/debrief")
    }

    /// An executable on `PATH`, or nil.
    public static func onPath(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
