#!/usr/bin/env python3
"""Deluge parse-fidelity benchmark: how much real public Deluge the Deluge parser reads cleanly.

    tests/bench/deluge_fidelity.py --mirror /work/.mirror            # fill the cache, parse, report
    tests/bench/deluge_fidelity.py --mirror M --list-errors          # + every failing file's first error
    tests/bench/deluge_fidelity.py --dir ~/my-deluge                 # score any folder instead

The corpus is tests/bench/deluge_corpus/repos.tsv (repository, commit). The files are never committed:
they are copied into a cache folder (default tests/bench/.cache/deluge-corpus/, git-ignored) from a
mirror folder holding one bare git directory per repository, as `<mirror>/<owner>+<name>/…` (the
git directory is found below that folder: any directory holding HEAD and objects/). Every .dg, .ds
and .deluge file is parsed, and every .txt file that authshift would scan as Deluge.

Prints the share of files that parse without a syntax error, the causes of the remaining errors by
construct (judged from the line of each file's first error), and the files listed as genuinely
invalid in tests/bench/deluge_corpus/invalid.tsv (with their reason). A failing file missing from
that list, or a listed file that now parses clean, is flagged. A benchmark, not a test: the exit
code is 0 unless the tools fail.
"""
import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
EXTENSIONS = (".dg", ".ds", ".deluge", ".txt")

# (cause, regex over the trimmed text of a file's first error line), first match wins.
CAUSES = [
    ("application export (.ds)", None),
    ("try/catch", re.compile(r"^(\}\s*)?(try|catch)\b", re.I)),
    ("bracketed task (sendmail, invokeapi, invokeurl, …)",
     re.compile(r"\b(sendmail|invokeapi|invokeurl|postUrl|getUrl)\b|^\w[\w ]*:\s*|^\]", re.I)),
    ("Creator form/client task", re.compile(
        r"^(show|hide|enable|disable|alert|cancel|openurl|insert|delete|input\.|clear|reload|"
        r"set|select|deselect|thisapp\.|invokefunction)\b|\bsort by\b|\brange from\b|:ui\.", re.I)),
    ("= as comparison", re.compile(r"\b(if|while)\s*\(.*[^=!<>]=[^=]")),
    ("numeric or date-time literal", re.compile(r"(^|[^\w.])\.\d|'\d")),
    ("keyword as name", re.compile(r"^(info|list|map|type|each|in|index)\b\s*[=.]", re.I)),
]


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def find_git_dir(folder):
    for base, dirs, _files in os.walk(folder):
        if "HEAD" in os.listdir(base) and "objects" in dirs:
            return base
        if base.count(os.sep) - folder.count(os.sep) >= 3:
            dirs[:] = []
    return None


def fill_cache(mirror, cache, repos):
    """Copies the Deluge-looking files of each repository at its commit into cache/<owner>+<name>/."""
    missing = []
    for row in repos:
        repo, commit = row[0], row[1]
        dest = os.path.join(cache, repo.replace("/", "+"))
        stamp = os.path.join(dest, ".authshift-commit")
        if os.path.exists(stamp) and open(stamp).read().strip() == commit:
            continue
        git_dir = find_git_dir(os.path.join(mirror, repo.replace("/", "+")))
        if git_dir is None:
            missing.append(repo)
            continue
        git = ["git", "--git-dir", git_dir]
        names = subprocess.run(git + ["ls-tree", "-r", "-z", "--name-only", commit],
                               check=True, capture_output=True).stdout.split(b"\0")
        wanted = [n.decode("utf-8", "replace") for n in names if n.lower().endswith(
            tuple(e.encode() for e in EXTENSIONS))]
        for name in wanted:
            blob = subprocess.run(git + ["cat-file", "blob", f"{commit}:{name}"],
                                  check=True, capture_output=True).stdout
            out = os.path.join(dest, name)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(out, "wb") as f:
                f.write(blob)
        os.makedirs(dest, exist_ok=True)
        with open(stamp, "w") as f:
            f.write(commit + "\n")
    return missing


def list_files(folder):
    out = []
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(EXTENSIONS):
                out.append(os.path.join(base, name))
    return out


def parse_all(parser, files):
    rows = []
    for i in range(0, len(files), 200):
        out = subprocess.run([parser] + files[i:i + 200], check=True, capture_output=True).stdout
        for line in out.decode("utf-8", "replace").splitlines():
            f = line.split("\t")
            rows.append({"path": f[0], "lang": f[1], "errors": int(f[2]), "line": f[3],
                         "column": f[4], "message": f[5], "text": f[6] if len(f) > 6 else ""})
    return rows


def cause_of(row):
    if row["path"].lower().endswith(".ds"):
        return CAUSES[0][0]
    for name, rx in CAUSES[1:]:
        if rx.search(row["text"]):
            return name
    return "other"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", help="folder of bare git directories, <owner>+<name>/…")
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache", "deluge-corpus"))
    ap.add_argument("--repos", default=os.path.join(HERE, "deluge_corpus", "repos.tsv"))
    ap.add_argument("--invalid", default=os.path.join(HERE, "deluge_corpus", "invalid.tsv"))
    ap.add_argument("--parser", default=os.path.join(ROOT, "build", "tests", "deluge_parse"))
    ap.add_argument("--dir", help="score this folder instead of the corpus (no invalid list)")
    ap.add_argument("--list-errors", action="store_true", help="print every failing file's first error")
    args = ap.parse_args()

    if not os.access(args.parser, os.X_OK):
        sys.exit(f"deluge_fidelity: no parser at {args.parser} (cmake --build build --target deluge_parse)")
    if args.dir:
        root = os.path.abspath(args.dir)
        invalid = {}
        must_error = set()
    else:
        repos = read_tsv(args.repos)
        if args.mirror:
            missing = fill_cache(args.mirror, args.cache, repos)
            for repo in missing:
                print(f"warning: {repo}: no git directory under {args.mirror}", file=sys.stderr)
        elif not os.path.isdir(args.cache):
            sys.exit("deluge_fidelity: empty cache; give --mirror DIR once to fill it")
        root = args.cache
        invalid_rows = read_tsv(args.invalid)
        invalid = {r[0] + "/" + r[1]: r[2] for r in invalid_rows}
        must_error = {r[0] + "/" + r[1] for r in invalid_rows if len(r) > 3 and r[3] == "must-error"}

    rows = [r for r in parse_all(args.parser, list_files(root)) if r["lang"] == "deluge"]
    for r in rows:
        rel = os.path.relpath(r["path"], root)
        head, _, rest = rel.partition(os.sep)
        r["key"] = head.replace("+", "/", 1) + "/" + rest if not args.dir else rel
    clean = [r for r in rows if r["errors"] == 0]
    failing = [r for r in rows if r["errors"] != 0]
    total = len(rows)
    share = 100.0 * len(clean) / total if total else 0.0
    print(f"Deluge files: {total}   parse clean: {len(clean)} ({share:.1f}%)   "
          f"with syntax errors: {len(failing)} ({sum(r['errors'] for r in failing)} errors)")
    by_ext = defaultdict(lambda: [0, 0])
    for r in rows:
        ext = os.path.splitext(r["path"])[1].lower()
        by_ext[ext][0] += 1
        by_ext[ext][1] += r["errors"] == 0
    print("by extension: " + ", ".join(f"{e} {c}/{n}" for e, (n, c) in sorted(by_ext.items())))

    expected = [r for r in failing if r["key"] in invalid]
    unexpected = [r for r in failing if r["key"] not in invalid]
    if unexpected:
        causes = defaultdict(lambda: [0, 0])
        for r in unexpected:
            causes[cause_of(r)][0] += 1
            causes[cause_of(r)][1] += r["errors"]
        print("\nErrors in files not listed as invalid, by the construct of each file's first error:")
        print(f"  {'cause':52} files errors")
        for name, (files, errors) in sorted(causes.items(), key=lambda kv: -kv[1][0]):
            print(f"  {name:52} {files:5} {errors:6}")
    if invalid:
        share_valid = 100.0 * len(clean) / (total - len(expected)) if total > len(expected) else 0.0
        print(f"\nGenuinely invalid (listed in {os.path.relpath(args.invalid, ROOT)}): {len(expected)}; "
              f"clean share of the rest: {share_valid:.1f}%")
        real = [r for r in rows if r["key"] not in must_error]
        real_clean = sum(1 for r in real if r["errors"] == 0)
        if real:
            print(f"Without the {len(rows) - len(real)} must-error test inputs (an IDE plugin's negative tests): "
                  f"{real_clean}/{len(real)} parse clean ({100.0 * real_clean / len(real):.1f}%)")
        for r in rows:
            if r["key"] in must_error and r["errors"] == 0:
                print(f"  must-error input parses clean: {r['key']}")
        for r in sorted(expected, key=lambda r: r["key"]):
            print(f"  {r['key']}:{r['line']}:{r['column']}: {invalid[r['key']]}")
        present = {r["key"] for r in rows}
        for key in sorted(invalid):
            if key not in present:
                print(f"  stale entry (no such Deluge file): {key}")
            elif key in {r['key'] for r in clean}:
                print(f"  stale entry (now parses clean): {key}")
    if unexpected:
        print(f"\nFailing files not listed as invalid: {len(unexpected)}")
        if args.list_errors:
            for r in sorted(unexpected, key=lambda r: r["key"]):
                print(f"  {r['key']}:{r['line']}:{r['column']}: {r['message']} [{cause_of(r)}] | {r['text']}")
        else:
            print("  (--list-errors prints each one's first error)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
