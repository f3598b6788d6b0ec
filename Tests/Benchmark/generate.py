#!/usr/bin/env python3
"""Generates a knowledge repo for the build benchmark.

    Tests/Benchmark/generate.py N DIR

Writes DIR/debrief.yml, N post-mortems of about 6 KB each under DIR/postmortems/ (front
matter, a timeline table, an actions table with SOP links, code blocks, lists) and 40 SOPs
under DIR/sops/. The content is pseudo-random with a fixed seed, so the same N always gives
the same bytes. Every document passes `debrief check` without errors.
"""
import os
import random
import sys

SERVICES = ["checkout", "payments", "orders", "search", "auth", "api-gateway", "inventory", "shipping",
            "notifications", "billing", "catalog", "recommendations", "profile", "cart", "fraud", "ledger",
            "reporting", "media", "cdn", "dns", "queue", "scheduler", "identity", "pricing", "reviews",
            "loyalty", "tax", "returns", "warehouse", "analytics"]
TAGS = ["capacity", "config-change", "deploy", "database", "network", "certificate", "cache", "dependency",
        "rate-limiting", "autoscaling", "dns", "timeout", "memory", "disk", "replication", "migration",
        "feature-flag", "third-party", "latency", "data-loss", "security", "monitoring", "alerting",
        "rollback", "kubernetes", "postgresql", "redis", "kafka", "load-balancer", "tls", "cron", "batch",
        "backup-restore", "connection-pool", "queue-backlog", "retry-storm", "thundering-herd", "oom",
        "gc-pause", "clock-skew", "quota", "partner", "mobile", "email", "payments-provider", "cdn-purge",
        "schema-change", "index", "hot-partition", "noisy-neighbour"]
PEOPLE = ["dana", "marco", "lena", "priya", "tomas", "amara", "jonas", "sofia", "omar", "yuki", "ines",
          "kwame", "mei", "felix", "nora", "ravi", "zoe", "hugo", "lars", "ada", "ivan", "maya", "theo",
          "ruth", "sam", "ola", "kai", "lea", "noah", "eva", "finn", "mira", "paul", "rosa", "tariq",
          "vera", "wen", "xavi", "yara", "zane"]
SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"]
WORDS = ("the service returned errors while the pool was exhausted and requests queued behind a slow "
         "dependency so the retry budget ran out before the alert fired and the on-call engineer had to "
         "find the change that raised the limit without a review of the capacity it consumed in the "
         "primary database which then refused new connections until the deploy was rolled back and the "
         "cache was warmed again from the replica").split()
SOPS = ["database-restore", "load-balancer-failover", "cache-flush", "certificate-rotation", "dns-failover",
        "kafka-rebalance", "redis-failover", "rollback-deploy", "scale-out", "rotate-secrets",
        "drain-node", "restore-backup", "feature-flag-kill", "cdn-purge", "queue-drain", "pause-batch",
        "replica-rebuild", "incident-comms", "status-page", "partner-escalation", "rate-limit-raise",
        "disk-cleanup", "memory-leak-triage", "gc-tuning", "clock-sync", "index-rebuild",
        "schema-rollback", "hot-partition-split", "tls-renewal", "oncall-handover", "vendor-failover",
        "mobile-kill-switch", "email-throttle", "cron-pause", "quota-raise", "cluster-upgrade",
        "node-pool-rotate", "secret-leak-response", "data-repair", "capacity-review"]


def sentence(rng, low=12, high=24):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng, sentences=3):
    return " ".join(sentence(rng) for _ in range(sentences))


def postmortem(rng, number, year, month, day):
    pid = f"INC-{year}-{number:05d}"
    severity = rng.choices(SEVERITIES, weights=[1, 3, 5, 3])[0]
    status = rng.choices(["final", "review", "draft"], weights=[8, 1, 1])[0]
    services = rng.sample(SERVICES, rng.randint(1, 3))
    tags = rng.sample(TAGS, rng.randint(2, 4))
    authors = rng.sample(PEOPLE, 2)
    start_h, start_m = rng.randint(0, 19), rng.randint(0, 59)
    detect = rng.randint(2, 30)
    mitigate = detect + rng.randint(10, 120)
    resolve = mitigate + rng.randint(10, 180)

    def clock(offset):
        total = start_h * 60 + start_m + offset
        return total // 60, total % 60

    def stamp(offset):
        h, m = clock(offset)
        d = day + h // 24
        return f"{year}-{month:02d}-{d:02d}T{h % 24:02d}:{m:02d}:00+00:00"

    out = ["---", f"id: {pid}", f"title: {sentence(rng, 5, 9).rstrip('.')}", f"date: {year}-{month:02d}-{day:02d}",
           f"severity: {severity}", f"status: {status}", f"services: [{', '.join(services)}]",
           f"tags: [{', '.join(tags)}]", f"authors: [{', '.join(authors)}]", f"commander: {rng.choice(PEOPLE)}",
           f"started: {stamp(0)}", f"detected: {stamp(detect)}", f"mitigated: {stamp(mitigate)}",
           f"resolved: {stamp(resolve)}", "---", "", f"# Incident {pid}", "", "## Summary", "", paragraph(rng, 3), "",
           "## Impact", ""]
    for _ in range(4):
        out.append(f"- {sentence(rng, 8, 16)}")
    out += ["", "## Timeline", "", "All times UTC.", "", "| Time | Event |", "|------|-------|"]
    offsets = sorted({0, detect, mitigate, resolve} | {rng.randint(0, resolve) for _ in range(10)})
    for offset in offsets:
        h, m = clock(offset)
        if h >= 24:
            stamp_text = f"{year}-{month:02d}-{day + h // 24:02d} {h % 24:02d}:{m:02d}"
        else:
            stamp_text = f"{h:02d}:{m:02d}"
        out.append(f"| {stamp_text} | {sentence(rng, 6, 14)} `{rng.choice(SERVICES)}-api` ~~noisy~~ see https://status.example.com |")
    out += ["", "## Root Cause", "", paragraph(rng, 2), "", "1. **" + sentence(rng, 4, 6) + "** " + sentence(rng),
            "2. **" + sentence(rng, 4, 6) + "** " + sentence(rng), "3. " + sentence(rng), "",
            "```text", *[f"2026-01-01 00:00:{i:02d} UTC [{rng.randint(1000, 9999)}] FATAL:  {sentence(rng, 5, 9)}" for i in range(6)],
            "```", "", "## Resolution", "", paragraph(rng, 2), "", "```sh",
            f"kubectl -n {services[0]} rollout undo deployment/{services[0]}-api",
            f"kubectl -n {services[0]} scale deployment/{services[0]}-api --replicas={rng.randint(4, 40)}", "```", "",
            "## Preventive Actions", "", "| ID | Action | Owner | Due | Status | SOP | Ticket |",
            "|----|--------|-------|-----|--------|-----|--------|"]
    for index in range(1, rng.randint(4, 7) + 1):
        sop = rng.choice(SOPS)
        sop_cell = rng.choice([f"[{sop}](../../sops/{sop}.md)", sop, ""])
        due_month = month + rng.randint(1, 4)
        due_year = year + (due_month - 1) // 12
        due_month = (due_month - 1) % 12 + 1
        action_status = rng.choices(["done", "open", "in-progress", "wont-do"], weights=[12, 2, 1, 1])[0]
        out.append(f"| PA-{index} | {sentence(rng, 6, 12).rstrip('.')} | @{rng.choice(PEOPLE)} | "
                   f"{due_year}-{due_month:02d}-{rng.randint(1, 28):02d} | {action_status} | {sop_cell} | OPS-{rng.randint(1000, 99999)} |")
    out += ["", "## Lessons Learned", ""]
    for _ in range(3):
        out.append(f"- **{sentence(rng, 2, 4).rstrip('.')}.** {sentence(rng)}")
    out += ["", paragraph(rng, 2), ""]
    return pid, "\n".join(out)


def sop_text(rng, name):
    title = name.replace("-", " ").capitalize()
    out = ["---", f"title: {title}", f"owner: {rng.choice(PEOPLE)}", "last_reviewed: 2025-06-01", "---", "",
           f"# {title}", "", paragraph(rng, 2), "", "## Steps", ""]
    for step in range(1, 7):
        out += [f"{step}. {sentence(rng, 6, 12)}", "", "   ```sh", f"   run-step --name {name} --step {step}", "   ```", ""]
    out += ["## Verification", "", paragraph(rng, 2), ""]
    return "\n".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate.py N DIR")
    count, root = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20260314)
    os.makedirs(os.path.join(root, "sops"), exist_ok=True)
    with open(os.path.join(root, "debrief.yml"), "w") as f:
        f.write("title: Benchmark Knowledge Base\nrepo_url: https://git.example.com/incidents/blob/main/\n")
    for name in SOPS:
        with open(os.path.join(root, "sops", name + ".md"), "w") as f:
            f.write(sop_text(rng, name))
    for number in range(1, count + 1):
        year = 2016 + (number * 10) // max(count, 1)
        month = rng.randint(1, 12)
        day = rng.randint(1, 27)
        pid, text = postmortem(rng, number, year, month, day)
        folder = os.path.join(root, "postmortems", str(year))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{year}-{month:02d}-{day:02d}-{pid.lower()}.md"), "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
