#!/usr/bin/env python3
"""Writes a `git fast-import` stream of a knowledge repo's history to standard output.

usage: git_history.py REPO COMMITS

REPO is a repo made by generate.py. The first commit adds every file as it is; each of the
other COMMITS - 1 commits edits one post-mortem: it moves one action's due date later (most
often), or sets it done, or reopens it, with a trailer (Closes:, Refs:) naming the action in
about a third of the messages. Committer dates rise one hour per commit from 2016-01-01 UTC.
Deterministic for a given REPO and COMMITS. Used by git.sh.
"""
import datetime
import os
import random
import re
import sys

ROW = re.compile(r"^\| (PA-\d+) \| (.*?) \| (@\S+) \| (\d{4}-\d{2}-\d{2}) \| ([a-z-]+) \|", re.M)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: git_history.py REPO COMMITS")
    root, commits = sys.argv[1], int(sys.argv[2])
    rng = random.Random(20261201)
    files = {}
    for folder, _, names in os.walk(root):
        if "/.git" in folder or folder.endswith(".git"):
            continue
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), root)
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                files[path] = f.read()
    postmortems = sorted(p for p in files if p.startswith("postmortems/"))
    out = sys.stdout.buffer
    start = int(datetime.datetime(2016, 1, 1, tzinfo=datetime.timezone.utc).timestamp())

    def data(text):
        raw = text.encode("utf-8")
        out.write(b"data %d\n" % len(raw))
        out.write(raw)
        out.write(b"\n")

    def commit(number, message, changed):
        stamp = start + number * 3600
        out.write(b"commit refs/heads/main\n")
        out.write(b"mark :%d\n" % (number + 1))
        out.write(b"committer Bench <bench@example.com> %d +0000\n" % stamp)
        data(message)
        if number > 0:
            out.write(b"from :%d\n" % number)
        for path in changed:
            out.write(b"M 100644 inline %s\n" % path.encode("utf-8"))
            data(files[path])

    commit(0, "Import the knowledge base\n", sorted(files))
    for number in range(1, commits):
        path = rng.choice(postmortems)
        text = files[path]
        rows = list(ROW.finditer(text))
        pid = re.search(r"^id: (\S+)$", text, re.M).group(1)
        if not rows:
            continue
        row = rng.choice(rows)
        action_id, due, status = row.group(1), row.group(4), row.group(5)
        roll = rng.random()
        trailer = ""
        if roll < 0.7:
            moved = datetime.date.fromisoformat(due) + datetime.timedelta(days=rng.randint(3, 45))
            new = row.group(0).replace(f"| {due} |", f"| {moved.isoformat()} |")
            message = f"Move {pid}/{action_id} to {moved.isoformat()}\n"
            if rng.random() < 0.3:
                trailer = f"\nRefs: {pid}/{action_id}\n"
        elif status in ("done", "wont-do"):
            new = row.group(0)[: -len(f" {status} |")] + " open |"
            message = f"Reopen {pid}/{action_id}\n"
        else:
            new = row.group(0)[: -len(f" {status} |")] + " done |"
            message = f"Finish {pid}/{action_id}\n"
            trailer = f"\nCloses: {pid}/{action_id}\n"
        files[path] = text[: row.start()] + new + text[row.end():]
        commit(number, message + trailer, [path])
    out.write(b"done\n")


if __name__ == "__main__":
    main()
