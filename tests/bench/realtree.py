#!/usr/bin/env python3
"""The real-tree benchmark: authshift against ripgrep and ast-grep on large public repositories.

The repositories of realtree.tsv, each at its pinned commit, are copied into a cache (from a mirror
folder, or by cloning), and the project's own Zoho fixtures are sprinkled into them: about thirty
files of every language, and per repository one libcurl C file and one cpr C++ file (their headers
are not installed, as in most trees). tests/bench/run.sh then times the three tools on the tree in
one run (wall, CPU, peak RSS; warm cache), and one more `authshift scan --profile` prints where
authshift's CPU time goes, per stage and per language.

  tests/bench/realtree.py --mirror /path/to/mirrors         # <mirror>/<owner>+<name>/... git dirs
  tests/bench/realtree.py --clone                           # git clone from github.com (network)
  tests/bench/realtree.py --mirror DIR --variant no-cfamily # without the C/C++ files
  tests/bench/realtree.py --mirror DIR --variant no-zoho    # the repositories alone
  tests/bench/realtree.py --mirror DIR --fill-only          # materialise, print the tree's path

Options: --cache DIR (default tests/bench/.cache), --runs N (default 3), --no-astgrep,
--authshift BIN, --cfamily MODE (passed to the profile run). Third-party files stay in the cache,
never in the repository. Prints figures; never fails on a target (see tests/bench/README.md).
"""

import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "wild"))
import fill  # noqa: E402  (tests/wild/fill.py: read_tsv, find_git_dir, extract, clone, STAMP)

VARIANTS = ("full", "no-cfamily", "no-zoho")
# Languages sprinkled besides C/C++, by file name ending, and how many fixtures of each.
SPRINKLE = [(".dg", 6), (".py", 4), (".js", 4), (".php", 4), (".java", 3), (".sh", 3), (".env", 2),
            (".postman_collection.json", 2), (".rb", 2), (".go", 2), (".cs", 2)]


def fixtures(ending):
    """Positive fixture files (no near misses, no expected-fix files) whose name ends with `ending`,
    in a stable order."""
    out = []
    base = os.path.join(ROOT, "fixtures", "rules")
    for rule in sorted(os.listdir(base)):
        d = os.path.join(base, rule)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if (os.path.isfile(p) and name.endswith(ending) and "nearmiss" not in name and ".fixed" not in name
                    and not name.startswith("README")):
                out.append(p)
    return out


def cfamily_fixtures():
    """(libcurl C files, cpr C++ files) among the fixtures."""
    c = [p for p in fixtures(".c") if "curl" in open(p, errors="replace").read()]
    cpp = [p for p in fixtures(".cpp") + fixtures(".cc") if "cpr::" in open(p, errors="replace").read()]
    return c, cpp


def materialise(repos, mirror, use_clone, cache):
    """Each repository's tree at its commit under <cache>/realtree/repos/<owner>+<name>."""
    out = os.path.join(cache, "realtree", "repos")
    os.makedirs(out, exist_ok=True)
    dirs = []
    for repo, commit in repos:
        dest = os.path.join(out, repo.replace("/", "+"))
        stamp = os.path.join(dest, fill.STAMP)
        if os.path.exists(stamp) and open(stamp).readline().strip() == commit:
            dirs.append(dest)
            continue
        git_dir = fill.find_git_dir(mirror, repo) if mirror else None
        if git_dir is None and use_clone:
            git_dir = os.path.join(cache, "realtree", "clones", repo.replace("/", "+") + ".git")
            if not os.path.isdir(git_dir) and not fill.clone(repo, git_dir):
                sys.exit(f"realtree: cannot clone {repo}")
        if git_dir is None:
            sys.exit(f"realtree: {repo} is not in the mirror folder {mirror} (use --clone, or fetch it)")
        print(f"== {repo} @ {commit[:12]}", file=sys.stderr)
        err = fill.extract(git_dir, commit, dest)
        if err:
            sys.exit(f"realtree: {repo}: {err}")
        dirs.append(dest)
    return dirs


def build_tree(repo_dirs, cache, variant):
    """The benchmark tree of `variant`: the repositories hard-linked, plus the sprinkled files."""
    tree = os.path.join(cache, "realtree", "tree-" + variant)
    if os.path.exists(tree):
        shutil.rmtree(tree)
    os.makedirs(tree)
    for d in repo_dirs:
        subprocess.run(["cp", "-al", d, os.path.join(tree, os.path.basename(d))], check=True)
        os.remove(os.path.join(tree, os.path.basename(d), fill.STAMP))
    if variant == "no-zoho":
        return tree, 0
    targets = [os.path.join(tree, os.path.basename(d)) for d in repo_dirs]
    placed = 0

    def place(src, k):
        nonlocal placed
        # Into a directory some levels down, as real files sit, named after the fixture.
        target = targets[k % len(targets)]
        sub = os.path.join(target, "integrations", "zoho")
        os.makedirs(sub, exist_ok=True)
        dest = os.path.join(sub, f"{placed:02d}-{os.path.basename(src)}")
        shutil.copyfile(src, dest)
        placed += 1

    k = 0
    for ending, count in SPRINKLE:
        for src in fixtures(ending)[:count]:
            place(src, k)
            k += 1
    if variant == "full":
        c, cpp = cfamily_fixtures()
        for i in range(len(targets)):
            if c:
                place(c[i % len(c)], i)
            if cpp:
                place(cpp[i % len(cpp)], i)
    return tree, placed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--mirror", help="folder of mirrored git directories (<owner>+<name>/...)")
    src.add_argument("--clone", action="store_true", help="clone each repository from github.com")
    ap.add_argument("--cache", default=os.path.join(HERE, ".cache"))
    ap.add_argument("--repos", default=os.path.join(HERE, "realtree.tsv"))
    ap.add_argument("--variant", choices=VARIANTS, default="full")
    ap.add_argument("--runs", default="3")
    ap.add_argument("--no-astgrep", action="store_true")
    ap.add_argument("--authshift", default="")
    ap.add_argument("--cfamily", default="auto", choices=("auto", "clang", "tree-sitter"))
    ap.add_argument("--fill-only", action="store_true")
    args = ap.parse_args()

    cache = os.path.abspath(args.cache)
    repo_dirs = materialise(fill.read_tsv(args.repos, 2), args.mirror, args.clone, cache)
    tree, placed = build_tree(repo_dirs, cache, args.variant)
    print(f"tree: {tree} ({len(repo_dirs)} repositories, {placed} Zoho files sprinkled in, variant {args.variant})")
    if args.fill_only:
        return 0
    binary = args.authshift
    if not binary:
        for b in (os.path.join(ROOT, "build-bench", "authshift"), os.path.join(ROOT, "build", "authshift")):
            if os.access(b, os.X_OK):
                binary = b
                break
    if not binary:
        sys.exit("realtree: no authshift binary; build one or pass --authshift")
    cmd = ["bash", os.path.join(HERE, "run.sh"), "--dir", tree, "--plain", "--runs", args.runs,
           "--authshift", binary, "--cache", cache, "--no-checks"]
    if args.no_astgrep:
        cmd.append("--no-astgrep")
    sys.stdout.flush()
    rc = subprocess.run(cmd).returncode
    if rc != 0:
        return rc
    print("\nauthshift's CPU time by stage (one more run, --profile):", flush=True)
    prof = subprocess.run([binary, "scan", "--profile", "--cfamily", args.cfamily, "--no-git", "--no-config",
                           "--format", "json", "--fail-on", "none", tree],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    print(prof.stderr, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
