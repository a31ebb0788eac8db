#!/usr/bin/env python3
"""Score authshift on the labelled real-code corpus (a benchmark that prints figures; never a gate).

  tests/wild/fill.py --mirror DIR        # once: fill the cache (see fill.py)
  tests/wild/score.py                    # recall and precision, per form and per language
  tests/wild/score.py --fixes            # also: fixed / withheld / report-only per form
  tests/wild/score.py --misses --extra   # list missed lines and findings on unlabelled/must-not lines

Each repository is scanned on its own (`authshift scan --format json --no-git --no-config
--fail-on none <cache>/<owner>+<name>`), as a user would scan it, so per-repository context is that
repository's. Scored files: every path of corpus.tsv and every path with a label.

Labels (labels.tsv, tab-separated): repo, path, line, hash, label, form, note. `hash` is the first 8
hex digits of the SHA-1 of the line's text with surrounding whitespace removed; a label whose line
no longer has that hash is reported as drift and not scored. Labels: `must` (a migration must touch
the line), `may` (touching it is reasonable: a declaration, a comment; neutral for both figures),
`must-not` (not Authtoken usage). Every line of a scored file containing `authtoken` (any case) must
be labelled; an unlabelled one is listed as such.

A finding counts on its start line (and the lines of its related locations, when the JSON report
carries them). Recall = must lines with a finding / must lines. Precision = must lines with a
finding / (must lines with a finding + must-not or unlabelled lines with a finding); `may` lines
are left out of both.
"""

import argparse
import collections
import difflib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LABELS = ("must", "may", "must-not")


def line_hash(text):
    return hashlib.sha1(text.strip().encode("utf-8", errors="surrogateescape")).hexdigest()[:8]


def read_tsv(path, fields):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < fields:
                sys.exit(f"{path}:{n}: expected at least {fields} tab-separated fields")
            rows.append((n, parts))
    return rows


def file_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    text = data.decode("utf-8", errors="surrogateescape")
    return [l.rstrip("\r") for l in text.split("\n")]


def run(cmd):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)


def scan_repo(authshift, repo_dir, extra):
    r = run([authshift, "scan", "--format", "json", "--no-git", "--no-config", "--fail-on", "none", "--jobs", "1",
             *extra, repo_dir])
    if r.returncode != 0:
        sys.exit(f"authshift failed on {repo_dir} (exit {r.returncode}): {r.stderr.decode(errors='replace')}")
    return json.loads(r.stdout)


FIX_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<status>fixed|withheld): \[(?P<rule>[^\]]+)\] "
                      r"(?P<reason>.*)$")
LEGACY = "legacy API"


def changed_lines(old, new):
    """Line numbers (1-based) of `old` that the edit old -> new replaced or deleted."""
    out = set()
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            out.update(range(i1 + 1, i2 + 1))
    return out


def fix_repo(authshift, repo_dir, paths, extra):
    """Run `authshift fix` on a temporary copy of the repository (never on the cache).

    Returns (changed, statuses, refix): changed = {(path, line)} of the scored files' original lines
    that the fix replaced or deleted (a per-file diff of old against new); statuses = {(path, line):
    [(status, rule, reason)]} from the fix summary on stderr; refix = the files a second run changed
    (a fix must be a no-op the second time)."""
    with tempfile.TemporaryDirectory(prefix="authshift-wild-") as tmp:
        work = os.path.join(tmp, "repo")
        shutil.copytree(repo_dir, work, symlinks=True)
        cmd = [authshift, "fix", "--no-git", "--no-config", "--fail-on", "none", "--jobs", "1", *extra, work]
        r = run(cmd)
        statuses = collections.defaultdict(list)
        # The summary goes to stdout when files are written (to stderr with --dry-run).
        for line in (r.stdout + b"\n" + r.stderr).decode(errors="replace").splitlines():
            m = FIX_LINE.match(line)
            if m:
                path = os.path.relpath(m["path"], work) if os.path.isabs(m["path"]) else m["path"]
                statuses[(path, int(m["line"]))].append((m["status"], m["rule"], m["reason"]))
        changed = set()
        for path in paths:
            old = file_lines(os.path.join(repo_dir, path))
            new_path = os.path.join(work, path)
            new = file_lines(new_path) if os.path.isfile(new_path) else []
            changed.update((path, n) for n in changed_lines(old, new))
        before = snapshot(work)
        run(cmd)
        after = snapshot(work)
        refix = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    return changed, statuses, refix


def snapshot(root):
    out = {}
    for d, _dirs, files in os.walk(root):
        for name in files:
            fp = os.path.join(d, name)
            if not os.path.islink(fp):
                with open(fp, "rb") as f:
                    out[os.path.relpath(fp, root)] = hashlib.sha1(f.read()).hexdigest()
    return out


def pct(a, b):
    return f"{a / b:.3f}" if b else "  -  "


def table(title, rows, head):
    print(f"\n{title}")
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    print("  " + fmt.format(*head))
    for r in rows:
        print("  " + fmt.format(*r))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--authshift", default=None, help="binary (default build/authshift)")
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache"))
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus.tsv"))
    ap.add_argument("--labels", default=os.path.join(HERE, "labels.tsv"))
    ap.add_argument("--fixes", action="store_true", help="also run fix on a temporary copy: fixed (the fix changed or deleted the line) / withheld / report-only")
    ap.add_argument("--misses", action="store_true", help="list the must lines without a finding")
    ap.add_argument("--extra", action="store_true", help="list findings on must-not and unlabelled lines")
    ap.add_argument("--unfixed", action="store_true", help="with --fixes: list every must line the fix did not change, with why (withheld reason, report-only, missed; legacy marked)")
    ap.add_argument("--repo", action="append", default=[], help="only these repositories (owner/name)")
    ap.add_argument("args", nargs="*", help="extra authshift arguments (after --)")
    a = ap.parse_args()
    authshift = a.authshift or os.path.join(ROOT, "build", "authshift")

    corpus = {}  # repo -> (role, {path: language})
    for _, (repo, _commit, role, lang, path) in read_tsv(a.corpus, 5):
        corpus.setdefault(repo, (role, {}))[1][path] = lang
    labels = {}  # (repo, path, line) -> (label, form, note)
    drift = []
    for n, parts in read_tsv(a.labels, 6):
        repo, path, line, h, label, form = parts[:6]
        note = parts[6] if len(parts) > 6 else ""
        if label not in LABELS:
            sys.exit(f"{a.labels}:{n}: unknown label {label!r}")
        if repo not in corpus:
            sys.exit(f"{a.labels}:{n}: repository {repo} is not in the corpus")
        fp = os.path.join(a.cache, repo.replace("/", "+"), path)
        if not os.path.isfile(fp):
            sys.exit(f"{fp}: missing; run tests/wild/fill.py first")
        lines = file_lines(fp)
        ln = int(line)
        if ln > len(lines) or line_hash(lines[ln - 1]) != h:
            drift.append(f"{repo} {path}:{line}")
            continue
        labels[(repo, path, ln)] = (label, form, note)
        corpus[repo][1].setdefault(path, corpus[repo][1].get(path) or "other")

    repos = [r for r in sorted(corpus) if not a.repo or r in a.repo]
    found = collections.defaultdict(set)        # (repo, path, line) -> rule ids
    outside = collections.Counter()             # repo -> findings in files not scored
    fixed, withheld, legacy = set(), set(), set()   # (repo, path, line)
    why = collections.defaultdict(list)           # (repo, path, line) -> withheld reasons
    request_of_fixed = {}   # (repo, path, line) -> the line of a fixed finding this line is a related place of
    refixed = []
    unlabelled = []
    for repo in repos:
        role, paths = corpus[repo]
        repo_dir = os.path.join(a.cache, repo.replace("/", "+"))
        report = scan_repo(authshift, repo_dir, a.args)
        spots_of = []   # (finding's start, rule, every line it counts on)
        for f in report["findings"]:
            if f.get("suppressed"):
                continue
            spots = [(f["path"], f["start"]["line"])]
            spots += [(r["path"], r["start"]["line"]) for r in f.get("related", [])]
            spots_of.append((spots[0], f["rule_id"], spots))
            for path, line in spots:
                if path in paths:
                    found[(repo, path, line)].add(f["rule_id"])
                else:
                    outside[repo] += 1
        if a.fixes:
            changed, statuses, refix = fix_repo(authshift, repo_dir, paths, a.args)
            fixed.update((repo, p, n) for p, n in changed)
            refixed += [f"{repo} {p}" for p in refix]
            for start, rule, spots in spots_of:
                said = [st for st in statuses.get(start, []) if st[1] == rule]
                for p, n in spots:
                    if any(st[0] == "withheld" for st in said):
                        withheld.add((repo, p, n))
                        why[(repo, p, n)] += [f"[{st[1]}] {st[2]}" for st in said if st[0] == "withheld"]
                    if any(LEGACY in st[2] for st in said):
                        legacy.add((repo, p, n))
                    if any(st[0] == "fixed" for st in said):
                        request_of_fixed[(repo, p, n)] = start[1]
        for path in paths:
            for i, text in enumerate(file_lines(os.path.join(repo_dir, path)), 1):
                if "authtoken" in text.lower() and (repo, path, i) not in labels:
                    unlabelled.append(f"{repo} {path}:{i}")

    # Tallies per form and per language: must, must found, may found, false-positive lines.
    def tally():
        return {"must": 0, "hit": 0, "may": 0, "fp": 0, "fixed": 0, "withheld": 0, "report": 0, "legacy": 0,
                "legacy-fixed": 0, "elsewhere": 0}
    by_form = collections.defaultdict(tally)
    by_lang = collections.defaultdict(tally)
    total = tally()
    misses, extras, unfixed = [], [], []
    scored_keys = set(labels) | set(found)
    for key in sorted(scored_keys):
        repo, path, line = key
        if repo not in repos:
            continue
        lang = corpus[repo][1].get(path, "other")
        label, form, note = labels.get(key, ("unlabelled", "unlabelled", ""))
        hit = key in found
        for t in (by_form[form], by_lang[lang], total):
            if label == "must":
                t["must"] += 1
                t["hit"] += 1 if hit else 0
                # Fixed: the fix changed or deleted the line (found or not: a sink line counts too).
                # Withheld: unchanged, and a finding counting on it was withheld. Report-only: the
                # rest of the found lines.
                if key in fixed:
                    t["fixed"] += 1
                elif key in withheld:
                    t["withheld"] += 1
                elif hit:
                    t["report"] += 1
                # Not changed, but its finding (or the finding it is a place of) was fixed on other lines.
                if key not in fixed and key in request_of_fixed:
                    t["elsewhere"] += 1
                if key in legacy:
                    t["legacy"] += 1
                    t["legacy-fixed"] += 1 if key in fixed else 0
            elif label == "may":
                t["may"] += 1 if hit else 0
            elif hit:
                t["fp"] += 1
        if label == "must" and not hit:
            misses.append(f"{repo} {path}:{line} [{form}] {note}")
        if label == "must" and a.fixes and key not in fixed:
            state = "withheld: " + "; ".join(dict.fromkeys(why[key])) if key in withheld else (
                "report-only" if hit else "missed")
            if state == "report-only" and key in request_of_fixed:
                state += (f" (a place of the finding on line {request_of_fixed[key]}, which was fixed: the "
                          "change went to other lines)" if request_of_fixed[key] != line else
                          " (its finding was fixed: the change went to other lines; not counted as fixed)")
            unfixed.append(f"{repo} {path}:{line} [{form}]{' legacy' if key in legacy else ''} {state}")
        if label in ("must-not", "unlabelled") and hit:
            extras.append(f"{repo} {path}:{line} ({label}) {','.join(sorted(found[key]))}")

    def row(name, t):
        r = [name, t["must"], t["hit"], pct(t["hit"], t["must"]), t["hit"] + t["fp"], t["fp"],
             pct(t["hit"], t["hit"] + t["fp"]), t["may"]]
        if a.fixes:
            r += [t["fixed"], t["withheld"], t["report"], t["legacy"]]
        return r
    head = ["", "must", "found", "recall", "reported", "false", "precision", "may-hit"]
    if a.fixes:
        head += ["fixed", "withheld", "report-only", "legacy"]
    print(f"authshift {authshift}: {len(repos)} repositories, {len(labels)} labelled lines "
          f"({sum(1 for v in labels.values() if v[0] == 'must')} must)")
    table("per form", [row(k, by_form[k]) for k in sorted(by_form)], head)
    table("per language", [row(k, by_lang[k]) for k in sorted(by_lang)], head)
    table("total", [row("all", total)], head)
    print(f"\nrecall {pct(total['hit'], total['must'])}  precision {pct(total['hit'], total['hit'] + total['fp'])}"
          f"  (findings outside the scored files: {sum(outside.values())} in {len(outside)} repositories)")
    if a.fixes:
        m, lg = total["must"], total["legacy"]
        print(f"fixed {total['fixed']} of {m} must lines ({pct(total['fixed'], m)}); "
              f"withheld {total['withheld']}, report-only {total['report']}")
        print(f"legacy API (CRM v1, Creator v1, Invoice v2, Zoho Docs; withheld as a manual migration): {lg} must lines; "
              f"a token-swapping fix can reach at most {m - lg} of {m} ({pct(m - lg, m)}); "
              f"fixed outside them {total['fixed'] - total['legacy-fixed']} of {m - lg} "
              f"({pct(total['fixed'] - total['legacy-fixed'], m - lg)})")
        e = total["elsewhere"]
        print(f"not changed, but their finding was fixed on other lines (the header added to another line of "
              f"the same request, a parameter's key whose location changed): {e} must lines; counting them, "
              f"{total['fixed'] + e} of {m} ({pct(total['fixed'] + e, m)}), outside legacy "
              f"{total['fixed'] - total['legacy-fixed'] + e} of {m - lg} ({pct(total['fixed'] - total['legacy-fixed'] + e, m - lg)})")
        print(f"re-fix changed {len(refixed)} files" + "".join(f"\n  {r}" for r in refixed))
    if a.unfixed and a.fixes:
        print(f"\n{len(unfixed)} must lines the fix did not change:")
        for u in unfixed:
            print("  " + u)
    if drift:
        print(f"\n{len(drift)} labels drifted (line text changed; not scored):")
        for d in drift:
            print("  " + d)
    if unlabelled:
        print(f"\n{len(unlabelled)} lines with 'authtoken' have no label:")
        for u in unlabelled:
            print("  " + u)
    if a.misses and misses:
        print(f"\nmissed ({len(misses)}):")
        for m in misses:
            print("  " + m)
    if a.extra and extras:
        print(f"\nfindings on must-not or unlabelled lines ({len(extras)}):")
        for e in extras:
            print("  " + e)
    if a.extra and outside:
        print("\nfindings outside the scored files: " + ", ".join(f"{r} {n}" for r, n in sorted(outside.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
