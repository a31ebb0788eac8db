#!/usr/bin/env python3
"""Fill the real-code corpus cache: each repository of corpus.tsv at its listed commit.

The third-party files never enter this repository; this script copies them into a cache folder
(default tests/wild/.cache/, git-ignored) from a mirror folder or by cloning.

  tests/wild/fill.py --mirror /work/.mirror          # bare git dirs: <mirror>/<owner>+<name>/...
  tests/wild/fill.py --clone                         # git clone from github.com (network)
  tests/wild/fill.py --mirror DIR --cache /tmp/wild  # elsewhere

Mirror layout: for each repository, the first git directory found at most three levels below
<mirror>/<owner>+<name>/ (a bare directory holding HEAD and objects/, or a work tree's .git/),
e.g. <mirror>/<owner>+<name>/repo or <mirror>/<owner>+<name>/repo/.git. A plain
<mirror>/<owner>/<name>[.git] is also accepted.

Each repository becomes <cache>/<owner>+<name>/ holding the whole tree at the commit (git archive),
so that per-repository context is what a user scanning that repository would have. A stamp file
records the commit; an up-to-date repository is skipped. Exit code 1 if any repository or listed
file is missing (each is named), 0 otherwise.
"""

import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = ".authshift-wild-commit"


def read_tsv(path, fields):
    """Rows of a tab-separated file with `fields` fields each, as tuples. '#' lines are comments."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != fields:
                sys.exit(f"{path}:{n}: expected {fields} tab-separated fields, got {len(parts)}")
            rows.append(tuple(parts))
    return rows


def read_corpus(path):
    """Rows of corpus.tsv: (repo, commit, role, language, path)."""
    return read_tsv(path, 5)


def is_git_dir(d):
    return os.path.isfile(os.path.join(d, "HEAD")) and os.path.isdir(os.path.join(d, "objects"))


def find_git_dir(mirror, repo):
    owner, name = repo.split("/", 1)
    candidates = [os.path.join(mirror, f"{owner}+{name}"), os.path.join(mirror, owner, name),
                  os.path.join(mirror, owner, name + ".git")]
    for top in candidates:
        if not os.path.isdir(top):
            continue
        # Breadth-first, at most three levels: repo/, repo/.git, ...
        level = [top]
        for _ in range(4):
            nxt = []
            for d in level:
                if is_git_dir(d):
                    return d
                try:
                    nxt += [os.path.join(d, e) for e in sorted(os.listdir(d))
                            if os.path.isdir(os.path.join(d, e)) and e != "objects"]
                except OSError:
                    pass
            level = nxt
    return None


def git(git_dir, *args, capture=True):
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=False,
                          stdout=subprocess.PIPE if capture else None, stderr=subprocess.PIPE)


def clone(repo, dest):
    url = f"https://github.com/{repo}.git"
    r = subprocess.run(["git", "clone", "--bare", "--quiet", "--filter=blob:none", url, dest],
                       stderr=subprocess.PIPE)
    return r.returncode == 0


def extract(git_dir, commit, out):
    """Write the tree of `commit` under `out`. Returns an error string, or None.

    Blobs are read with one `git cat-file --batch`; a mirror may lack its largest blobs (jars,
    archives), which are left out and listed in the stamp file. Only regular files are written: a
    symlink or submodule in a third-party tree must not point the scan outside the cache.
    """
    r = git(git_dir, "ls-tree", "-r", "-z", "--full-tree", commit)
    if r.returncode != 0:
        return r.stderr.decode(errors="replace").strip()
    entries = []
    for rec in r.stdout.split(b"\0"):
        if not rec:
            continue
        meta, name = rec.split(b"\t", 1)
        mode, kind, oid = meta.split()
        if kind != b"blob" or mode not in (b"100644", b"100755"):
            continue
        path = name.decode("utf-8", errors="surrogateescape")
        if path.startswith("/") or ".." in path.split("/"):
            continue
        entries.append((oid, path))
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    proc = subprocess.Popen(["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    absent = []
    # One request at a time keeps the pipes from filling up; a few thousand small files is fast.
    for oid, path in entries:
        proc.stdin.write(oid + b"\n")
        proc.stdin.flush()
        header = proc.stdout.readline().split()
        if len(header) != 3:
            absent.append(path)
            continue
        data = proc.stdout.read(int(header[2]))
        proc.stdout.read(1)
        dest = os.path.join(out, path)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(data)
    proc.stdin.close()
    proc.wait()
    with open(os.path.join(out, STAMP), "w") as f:
        f.write(commit + "\n")
        for p in absent:
            f.write("absent " + p + "\n")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--mirror", help="folder of mirrored git directories (<owner>+<name>/...)")
    src.add_argument("--clone", action="store_true", help="clone each repository from github.com")
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache"), help="cache folder (default tests/wild/.cache)")
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus.tsv"))
    args = ap.parse_args()

    rows = read_corpus(args.corpus)
    by_repo = {}
    for repo, commit, _role, _lang, path in rows:
        by_repo.setdefault((repo, commit), []).append(path)
    os.makedirs(args.cache, exist_ok=True)
    clones = os.path.join(args.cache, ".clones")
    problems = 0
    filled = skipped = 0
    for (repo, commit), paths in sorted(by_repo.items()):
        out = os.path.join(args.cache, repo.replace("/", "+"))
        stamp = os.path.join(out, STAMP)
        if os.path.isfile(stamp) and open(stamp).readline().strip() == commit:
            skipped += 1
        else:
            if args.mirror:
                gd = find_git_dir(args.mirror, repo)
                if gd is None:
                    print(f"missing: {repo}: no git directory under {args.mirror}", file=sys.stderr)
                    problems += 1
                    continue
            else:
                gd = os.path.join(clones, repo.replace("/", "+") + ".git")
                if not is_git_dir(gd) and not clone(repo, gd):
                    print(f"missing: {repo}: clone failed", file=sys.stderr)
                    problems += 1
                    continue
            err = extract(gd, commit, out)
            if err:
                print(f"missing: {repo}@{commit[:12]}: {err}", file=sys.stderr)
                problems += 1
                continue
            filled += 1
        for p in paths:
            if not os.path.isfile(os.path.join(out, p)):
                print(f"missing: {repo}@{commit[:12]}: {p}", file=sys.stderr)
                problems += 1
    print(f"{filled} filled, {skipped} up to date, {problems} problems; cache {args.cache}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
