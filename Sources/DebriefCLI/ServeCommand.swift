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

    /// Checks the repo and, when it has no errors, builds the site into the given folder.
    static func builder(root: URL) -> PreviewSite.Builder {
        { output in
            let base = try RepositoryLoader(render: RenderSettings(options: .site, baseURL: nil)).load(root: root)
            let diagnostics = Validator.standard.validate(base)
            let errors = diagnostics.filter { $0.severity == .error }
            let warnings = diagnostics.filter { $0.severity != .error }
            guard errors.isEmpty else { return .failed(errors: errors, warnings: warnings) }
            try InterimSite.write(base, to: output)
            return .built(warnings: warnings)
        }
    }
}

/// A bare list of post-mortems until the site builder is in place.
enum InterimSite {
    static func write(_ base: KnowledgeBase, to output: URL) throws {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        try? FileManager.default.removeItem(at: output)
        try FileIO.makeDirectories(output.path + "/postmortems")
        var index = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(escape(base.config.title))</title></head><body><ul>\n"
        for pm in base.postmortems {
            index += "<li><a href=\"postmortems/\(pm.slug).html\">\(escape(pm.title))</a></li>\n"
            let page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(escape(pm.title))</title></head><body><h1>\(escape(pm.title))</h1>\n\(pm.bodyHTML ?? "")</body></html>\n"
            try FileIO.makeDirectories((output.path + "/postmortems/" + pm.slug as NSString).deletingLastPathComponent)
            try FileIO.write(Array(page.utf8), to: output.path + "/postmortems/" + pm.slug + ".html")
        }
        index += "</ul></body></html>\n"
        try FileIO.write(Array(index.utf8), to: output.path + "/index.html")
    }
}
