import Foundation

/// The text of the files `debrief init` writes.
enum ScaffoldFiles {
    // MARK: - debrief.yml

    /// A `debrief.yml` that sets every key of `Config.knownKeys` to its value in `config`
    /// (or shows it commented out when it has no value), each with a comment.
    static func config(_ config: Config) -> String {
        func list(_ items: [String]) -> String { "[" + items.map(YAMLScalar.quoted).joined(separator: ", ") + "]" }
        let sections = config.requiredSections.map { "  - " + YAMLScalar.quoted($0) }.joined(separator: "\n")
        var headingsByTarget: [String: [String]] = [:]
        for alias in SectionNames.builtInAliases where alias.heading.count <= 24 {
            headingsByTarget[alias.section, default: []].append(alias.heading)
        }
        let targets = SectionNames.standard.filter { headingsByTarget[$0] != nil }
        // A few per section; docs/format.md has them all, with the templates they come from.
        let builtInAliases: String = targets.map { target -> String in
            let headings = headingsByTarget[target] ?? []
            return "#   " + headings.prefix(4).joined(separator: ", ") + (headings.count > 4 ? ", …" : "") + " → " + target
        }.joined(separator: "\n")
        return """
        # Settings of this knowledge repo, read by every debrief command.
        # Every key is optional. The values below are the defaults, written out so you can see
        # what there is to change; delete what you do not need.

        # The name of the knowledge base, shown on every page of the site and in its feed.
        title: \(YAMLScalar.quoted(config.title))

        # Prefix for the site's links, e.g. https://kb.example.com/ or a sub-path like /kb/.
        # Without it every link is relative, so the site also works opened from disk.
        # `debrief build --base-url` overrides it.
        # base_url: https://kb.example.com/

        # Where the site links each post-mortem's source file, e.g.
        # repo_url: https://github.com/OWNER/REPO/blob/main/

        # Folders, relative to this file: post-mortems, SOPs (runbooks), and where
        # `debrief build` writes the site.
        postmortems: \(YAMLScalar.quoted(config.postmortems))
        sops: \(YAMLScalar.quoted(config.sops))
        output: \(YAMLScalar.quoted(config.output))

        # The allowed severities, most severe first. `debrief new` uses the last one
        # unless you pass --severity.
        severities: \(list(config.severities))

        # Level-2 sections every post-mortem must have. In a draft a missing one is a
        # warning; in review and final it is an error.
        required_sections:
        \(sections)

        # Other headings accepted as a section's name, on top of the built-in ones (numbering
        # and punctuation are ignored: "1. Summary:" is Summary). Some of the built-in ones,
        # from the SRE book's, PagerDuty's, Atlassian's, Azure's and Limoncelli's templates:
        \(builtInAliases)
        # section_aliases:
        #   Background: Root Cause
        #   Next Steps: Preventive Actions

        # The heading level of sections. A required section at another level (### Impact)
        # is still read, with a warning; `any` accepts every level silently.
        section_level: \(config.sectionLevel.yamlValue)

        # Time zone of timeline times written without an offset, unless a post-mortem sets
        # its own `timezone`: an IANA name (Europe/Berlin) or an offset ("+02:00").
        timezone: \(YAMLScalar.quoted(config.timezone))

        # Keep raw HTML and javascript: links from the Markdown on the site, and publish
        # linked files of every type (HTML, SVG, scripts). Leave it off unless every author
        # is trusted.
        unsafe_html: \(config.unsafeHTML)

        # The largest post-mortem, SOP or template debrief reads, and the largest linked
        # file the site publishes (bytes, or with KiB, MiB or GiB).
        # max_file_size: 8 MiB
        # max_linked_file_size: 32 MiB

        # Front matter keys of your own, with their type (string, list, date, person), shown
        # on each post-mortem's page and in the API; `required_from` makes one required from
        # that status on.
        # fields:
        #   reviewers: {type: list, required_from: review}
        #   jira_epic: {type: string, label: Jira epic}

        # How long a post-mortem may take from `resolved` to its `approved` day, per severity:
        # business days (5bd) or calendar days (10d); `debrief audit --late` lists the late ones.
        # publish_within:
        #   SEV1: 5bd
        #   SEV2: 10d

        # How similar (0 to 1) a later incident must be to an earlier one to count as its
        # recurrence while one of the earlier one's actions is open (docs/recurrence.md).
        # recurrence_threshold: 0.12

        # The baseline of `debrief audit --fail-on-overdue`: overdue actions due before this
        # day are listed but do not fail it (for a history imported all at once).
        # gate_since: 2026-06-01

        # Ticket ids that become links on the site: a regular expression and the address,
        # with $1 for what its group captured.
        # tickets:
        #   - {pattern: "OPS-(\\\\d+)", url: "https://jira.example.com/browse/OPS-$1"}

        # For `debrief build --public`, the customer-facing site: sections every post-mortem
        # keeps off it, and what it shows besides the public text (all off by default; actions
        # none, summary or full).
        # internal_sections: [Lessons Learned]
        # public:
        #   owners: false
        #   reviewers: false
        #   actions: summary

        # The ids `debrief new` gives post-mortems: {year} is the incident's year, {seq:3} a
        # per-year number padded to 3 digits, one past the highest already in the repo.
        id_format: \(YAMLScalar.quoted(config.idFormat))

        """
    }

    // MARK: - .gitignore

    static func gitignore(_ line: String) -> String {
        "# The site debrief build writes.\n" + line + "\n"
    }

    // MARK: - Examples

    /// The example post-mortem and the SOP its preventive action names, fitted to a repo's
    /// configuration (folders, severities, required sections, id format).
    struct Examples {
        let config: Config
        let date: CalendarDate

        static let postmortemTitle = "Example: checkout errors after a configuration push"
        static let sopTitle = "Roll back a configuration change"

        var postmortemFile: String {
            config.postmortems + "/" + date.description + "-" + DocumentSlug.make(Self.postmortemTitle) + ".md"
        }

        var sopID: String { DocumentSlug.make(Self.sopTitle) }

        var sopFile: String { config.sops + "/" + sopID + ".md" }

        var id: String {
            let id = IDFormat(config.idFormat).id(year: date.year, seq: 1)
            return IDFormatRule.isValid(id) ? id : IDFormat(Config().idFormat).id(year: date.year, seq: 1)
        }

        /// The second severity when there are several, so the example is neither the worst
        /// nor the mildest kind of incident.
        var severity: String {
            config.severities.count > 1 ? config.severities[1] : config.severities.first ?? "SEV2"
        }

        /// The SOP file as a link from the post-mortem's folder.
        var sopLink: String {
            let from = (postmortemFile as NSString).deletingLastPathComponent.split(separator: "/")
            let to = sopFile.split(separator: "/")
            var common = 0
            while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
            return String(repeating: "../", count: from.count - common) + to[common...].joined(separator: "/")
        }

        private func day(_ offset: Int) -> String {
            CalendarDate(daysSinceEpoch: date.daysSinceEpoch + offset).description
        }

        var postmortem: String {
            let d = date.description
            var text = """
            ---
            id: \(id)
            title: \(YAMLScalar.quoted(Self.postmortemTitle))
            date: \(d)
            severity: \(YAMLScalar.quoted(severity))
            status: final
            services: [checkout]
            tags: [example, configuration]
            authors: [your-name]
            commander: your-name
            timezone: UTC
            started: \(d)T09:12:00Z
            detected: \(d)T09:16:00Z
            mitigated: \(d)T09:41:00Z
            resolved: \(d)T10:30:00Z
            ---

            # \(Self.postmortemTitle)

            > This is an example written by `debrief init` to show the format. Keep it until your
            > first real post-mortem (`debrief new "Title"`) is merged, then delete it together
            > with the example SOP.

            ## Summary

            A configuration push at 09:10 UTC set the payment provider's timeout for checkout to
            200 ms instead of 2,000 ms. For 29 minutes about a third of checkout attempts failed
            with "payment could not be completed". Rolling the configuration back ended the
            errors.

            ## Impact

            - 09:12–09:41 UTC: 34% of checkout attempts failed; about 410 orders were not placed.
            - Customers who retried after 09:41 succeeded; no payment was taken twice.
            - Support received 57 tickets.

            ## Timeline

            All times UTC.

            | Time  | Event |
            |-------|-------|
            | 09:10 | Configuration change `checkout-timeouts` pushed to production |
            | 09:12 | Checkout error rate rises from 0.2% to 34% |
            | 09:16 | `CheckoutErrorRate` alert pages the on-call engineer |
            | 09:24 | Incident declared; the configuration push is suspected |
            | 09:38 | Configuration rolled back with the [rollback SOP](\(sopLink)) |
            | 09:41 | Error rate back at baseline; mitigated |
            | 10:30 | Timeout value corrected and pushed again; resolved |

            ## Root Cause

            The timeout is written in milliseconds in one file and in seconds in another. The
            change copied `2` from the second into the first, where a unit conversion made it
            200 ms. Nothing validated the value's range, and the canary stage only runs for
            two minutes, too short to see the failures in its low traffic.

            ## Resolution

            The configuration was rolled back at 09:38 following the
            [rollback SOP](\(sopLink)), and the corrected value was pushed at 10:30
            after a 15-minute canary.

            ## Preventive Actions

            | ID   | Action | Owner | Due | Status | SOP | Ticket |
            |------|--------|-------|-----|--------|-----|--------|
            | PA-1 | Make "roll back first, investigate after" the first step for bad config pushes | @your-name | \(day(7)) | done | [\(Self.sopTitle)](\(sopLink)) | |
            | PA-2 | Validate timeout ranges in the configuration schema | @your-name | \(day(14)) | done | | |

            ## Lessons Learned

            - Rolling back quickly limited the damage; deciding to do it took longer than doing it.
            - Values with units need the unit in their name (`timeout_ms`).

            """
            let covered = Set(Config().requiredSections.map { $0.lowercased() })
            for section in config.requiredSections where !covered.contains(config.canonicalSection(section).lowercased()) {
                text += "\n## \(section)\n\nWhat belongs under \"\(section)\" for this incident.\n"
            }
            return text
        }

        var sop: String {
            """
            ---
            title: \(YAMLScalar.quoted(Self.sopTitle))
            owner: your-team
            last_reviewed: \(date.description)
            ---

            # \(Self.sopTitle)

            > This is an example written by `debrief init`. Replace it with one of your own
            > runbooks; post-mortems name SOPs in their preventive actions, and the site shows
            > each SOP with the actions and incidents that touched it.

            Use this when a configuration change is the likely cause of an incident. Roll back
            first and investigate after: a rollback is cheap, and it tells you quickly whether
            the change was the cause.

            ## Steps

            1. Find the last configuration change and who made it:

               ```sh
               git log -3 --format='%h %an %s' -- config/
               ```

            2. Revert it and push through the normal pipeline:

               ```sh
               git revert --no-edit <commit> && git push
               ```

            3. Watch the error rate for five minutes. If it does not drop, the change was not
               the cause: say so in the incident channel and keep looking.

            ## Escalation

            Ask the owner of the changed component; if nobody answers within 15 minutes, page
            the platform on-call.

            """
        }
    }

    // MARK: - GitHub Actions

    /// Where the workflow goes.
    static let workflowFile = ".github/workflows/debrief.yml"

    /// The workflow: check on every push and pull request (with code scanning, the overdue gate
    /// and the digest on pull requests), publish from the default branch. It runs debrief
    /// through the GitHub Action of debrief's own repository, at this version's tag.
    static func workflow(output: String) -> String {
        let action = DebriefProject.actionReference
        return #"""
        # Checks the knowledge repo on every push and pull request, and publishes the site to
        # GitHub Pages from the default branch. Written by `debrief init`; edit freely.
        #
        # One-time setup on GitHub: Settings → Pages → Build and deployment → Source: "GitHub
        # Actions". Nothing else: debrief is built by its action (cached) at the version below.
        name: debrief

        on:
          push:
          pull_request:
          workflow_dispatch:

        # Reading the repo is all most steps need; the jobs below ask for more where they must.
        permissions:
          contents: read

        # A newer push to the same branch makes an older run pointless.
        concurrency:
          group: debrief-${{ github.ref }}
          cancel-in-progress: true

        jobs:
          check:
            name: Check
            runs-on: ubuntu-24.04
            # The official Swift image brings the toolchain debrief is built with.
            container: swift:6.1-noble
            permissions:
              contents: read
              # Code scanning: the SARIF upload below.
              security-events: write
            steps:
              - uses: actions/checkout@v4
                with:
                  # The digest compares the pull request with its base branch.
                  fetch-depth: 0

              # Every finding becomes a code scanning alert on its line; exit 1 (findings) goes
              # on to the upload, and the next step fails the job on errors.
              - name: Check (SARIF)
                uses: \#(action)
                with:
                  command: check
                  args: --format sarif
                  output-file: debrief.sarif
                  allowed-exit-codes: "0 1"

              - name: Upload to code scanning
                if: always()
                uses: github/codeql-action/upload-sarif@v3
                with:
                  sarif_file: debrief.sarif
                  category: debrief

              # The action put debrief on the PATH for the steps below.
              - name: Check post-mortems and SOPs
                run: debrief check --format github

              # Each SOP lists the preventive actions that name it; fails when a list is out of
              # date. Run `debrief sync` locally and commit the result to fix it.
              - name: SOP action lists are up to date
                run: debrief sync --check

              # What the pull request does to the knowledge base, on the run's summary page.
              - name: Digest
                if: github.event_name == 'pull_request'
                uses: \#(action)
                with:
                  command: diff
                  args: origin/${{ github.base_ref }} --format markdown
                  step-summary: "true"

              # Fails when an open preventive action is past its due date.
              - name: No overdue preventive actions
                if: github.event_name == 'pull_request'
                run: debrief audit --fail-on-overdue --format github

          site:
            name: Build the site
            if: github.event_name != 'pull_request' && github.ref_name == github.event.repository.default_branch
            runs-on: ubuntu-24.04
            container: swift:6.1-noble
            steps:
              - uses: actions/checkout@v4
                with:
                  # The whole history: --git reads when each due date moved and each action closed.
                  fetch-depth: 0

              # The static site, into \#(output)/. Links are relative, so it works under the
              # repository's Pages path (https://OWNER.github.io/REPO/) as it is.
              - name: Build the site
                uses: \#(action)
                with:
                  command: build
                  args: --git

              - name: Upload the site
                uses: actions/upload-pages-artifact@v3
                with:
                  path: \#(output)

          deploy:
            name: Publish to GitHub Pages
            needs: site
            runs-on: ubuntu-24.04
            # deploy-pages proves who it is with an OIDC token and writes to Pages.
            permissions:
              pages: write
              id-token: write
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - name: Deploy
                id: deployment
                uses: actions/deploy-pages@v4

        """#
    }
}
