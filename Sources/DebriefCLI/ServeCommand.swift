import ArgumentParser
import DebriefKit
import Foundation

/// `debrief serve`: build the site into a temporary folder, serve it, rebuild on every change.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site: build it, serve it on loopback, rebuild and reload pages on every change.",
        discussion: """
        The site is built into a temporary folder, removed again on Ctrl-C (SIGINT) or SIGTERM. \
        Post-mortems, SOPs, debrief.yml and templates/ are watched; open pages reload after each rebuild. \
        While check finds errors, pages show them instead of the site. Exit 2 when the port is in use.
        """
    )

    @OptionGroup var rootOptions: RootOptions

    @Option(help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "N"))
    var port: Int = 8000

    @Option(help: ArgumentHelp("The address to listen on: an IPv4 or IPv6 address, or localhost.", valueName: "ADDRESS"))
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, not \(port)") }
        guard ListenAddress(host: host, port: UInt16(port)) != nil else {
            throw ValidationError("--host '\(host)' is not an IPv4 or IPv6 address (or localhost)")
        }
    }

    func run() throws {
        let root = try rootOptions.resolve()
        guard let address = ListenAddress(host: host, port: UInt16(port)) else { throw ValidationError("invalid --host") }
        if !address.isLoopback {
            Console.standard.error("debrief: warning: --host \(host) is not a loopback address: the preview is reachable from the network "
                + "and serves this repository's unreviewed content to anyone who can connect; use --host 127.0.0.1 to keep it on this machine")
        }
        let workspace = try Self.makeWorkspace()
        let site = PreviewSite(workspace: workspace, builder: Self.builder(root: root))
        let session = try PreviewSession(root: root, address: address, site: site, console: .standard)
        session.start()
    }

    /// A fresh private folder for the builds.
    static func makeWorkspace() throws -> URL {
        var template = Array((NSTemporaryDirectory() + "/debrief-serve-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw EnvironmentError("cannot create a temporary folder in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: String(cString: made)).standardizedFileURL
    }

    /// Builds the site into the given folder with live reload on, unless `check` finds errors.
    /// Links stay relative, or root-relative when `debrief.yml` sets `base_url`, so they lead
    /// to this server and not to the published site.
    static func builder(root: URL) -> PreviewSite.Builder {
        { output in
            let config = try RepositoryLoader.loadConfig(root: root).0
            let options = BuildOptions(root: root, output: output, baseURL: config.baseURL == nil ? nil : "/",
                                       liveReloadURL: PreviewSite.versionPath)
            let report = try SiteBuilder(options: options).build()
            let errors = report.diagnostics.filter { $0.severity == .error }
            let warnings = report.diagnostics.filter { $0.severity != .error }
            return report.built ? .built(warnings: warnings) : .failed(errors: errors, warnings: warnings)
        }
    }
}
