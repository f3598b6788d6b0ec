/// The pages `debrief serve` shows instead of the site: the errors that stop a build, a broken
/// build, and the wait for the first one. They carry the live-reload marker and load the
/// theme's script and stylesheet from the server (`/__debrief/assets/…`), so they reload
/// themselves once the repo builds again, under the same Content-Security-Policy as the site.
enum PreviewPages {
    /// A built-in theme asset served under `/__debrief/`, by its name there.
    static func asset(_ name: String) -> String? {
        guard name.hasPrefix("assets/"), !name.contains("..") else { return nil }
        return EmbeddedTemplates.files[name]
    }

    /// The diagnostics that stopped the build, errors first, as `file:line:col` lines.
    static func errors(_ errors: [Diagnostic], warnings: [Diagnostic], reload: LiveReload) -> String {
        let formatter = DiagnosticFormatter(format: .text)
        func list(_ diagnostics: [Diagnostic]) -> String {
            "<ol class=\"diagnostics\">\n"
                + diagnostics.sortedForOutput().map { "<li><pre>" + HTMLEscaping.escape(formatter.line($0)) + "</pre></li>\n" }.joined()
                + "</ol>\n"
        }
        let heading = Plural.count(errors.count, "error")
        var body = head("debrief check found \(heading)",
                        "The site is not rebuilt until they are fixed. Save the file and this page reloads by itself.")
        body += "<div class=\"prose\">\n" + list(errors)
        if !warnings.isEmpty {
            body += "<h2>\(Plural.count(warnings.count, "warning"))</h2>\n" + list(warnings)
        }
        body += "</div>\n"
        return page(title: heading, reload: reload, body: body)
    }

    /// A build that could not run at all.
    static func broken(_ reason: String, reload: LiveReload) -> String {
        page(title: "Build failed", reload: reload,
             body: head("The site could not be built", "Fix the problem and save any file of the repo; this page reloads by itself.")
                 + "<div class=\"prose\">\n<pre>" + HTMLEscaping.escape(reason) + "</pre>\n</div>\n")
    }

    /// Shown while the first build runs.
    static func building(reload: LiveReload) -> String {
        page(title: "Building", reload: reload, body: head("Building the site…", "This page reloads by itself when it is ready."))
    }

    // MARK: - Private

    private static func page(title: String, reload: LiveReload, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(ContentSecurityPolicy.meta)
        <meta name="color-scheme" content="light dark">
        \(reload.meta)
        <title>\(HTMLEscaping.escape(title)) · debrief serve</title>
        <link rel="icon" href="\(PreviewSite.internalPrefix)assets/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="\(PreviewSite.internalPrefix)assets/debrief.css">
        <script src="\(PreviewSite.internalPrefix)assets/debrief.js" defer></script>
        </head>
        <body>
        <main id="main" class="preview-status">
        \(body)</main>
        </body>
        </html>

        """
    }

    /// The theme's page heading with a lede under it.
    private static func head(_ title: String, _ lede: String) -> String {
        "<div class=\"page-head\">\n<h1>\(HTMLEscaping.escape(title))</h1>\n<p class=\"lede\">\(HTMLEscaping.escape(lede))</p>\n</div>\n"
    }
}
