#!/usr/bin/env python3
"""CTest `wild:scorer`: fill.py and score.py on a synthetic mini-corpus (no network, no real corpus).

  selftest.py AUTHSHIFT_BINARY

Builds a throwaway git repository, mirrors it as a bare directory the way the fetch tool lays them
out (<mirror>/<owner>+<name>/repo), fills a cache from it with fill.py, writes labels, and checks
the figures score.py prints. The labels are chosen so that the figures do not depend on what the
scanner can find beyond one plain `authtoken=` URL to a Zoho host:
  - line 3 (Zoho URL with authtoken=, reported by every version)  labelled must      -> found
  - line 5 (`x = 1`, reported by no version)                       labelled must      -> missed
  - line 7 (Zoho URL with authtoken=, reported)                    labelled must-not  -> false
  - line 9 (a comment mentioning authtoken)                        not labelled       -> listed
  - line 1                                                         wrong hash         -> drift
so recall is 1/2 and precision 1/2.

Then `score.py --fixes` with two more must labels — client.py line 4 (the request call, a `sink`) and
legacy.py line 2 (a CRM v1 `crm/private` URL) — checks the fix counting: the fix runs on a temporary
copy (the cache stays as it was), a must line counts as fixed when the fix changed it (lines 3 and 4:
the parameter goes from the URL, the header goes on the call), the CRM v1 line is withheld and
counted as legacy, and a second fix changes nothing.
"""

import hashlib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

SOURCE = """import requests
# mini corpus
url = "https://www.zohoapis.com/crm/v2/Leads?authtoken=" + TOKEN
requests.get(url)
x = 1
print(x)
other = "https://www.zohoapis.com/books/v3/invoices?authtoken=" + TOKEN
requests.get(other)
# remember to drop the authtoken one day
"""

LEGACY = """import requests
requests.get("https://crm.zoho.com/crm/private/json/Leads/getRecords?authtoken=" + TOKEN)
"""


def h(text):
    return hashlib.sha1(text.strip().encode()).hexdigest()[:8]


def check(cond, what, output):
    if not cond:
        print(output)
        sys.exit(f"wild:scorer: FAILED: {what}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "work")
        os.makedirs(work)
        with open(os.path.join(work, "client.py"), "w") as f:
            f.write(SOURCE)
        with open(os.path.join(work, "legacy.py"), "w") as f:
            f.write(LEGACY)
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
        run = lambda *c, **k: subprocess.run(c, check=True, env=env, stdout=subprocess.PIPE, **k)
        run("git", "init", "-q", work)
        run("git", "-C", work, "add", ".")
        run("git", "-C", work, "commit", "-q", "-m", "mini")
        commit = run("git", "-C", work, "rev-parse", "HEAD").stdout.decode().strip()
        mirror = os.path.join(tmp, "mirror")
        run("git", "clone", "-q", "--bare", work, os.path.join(mirror, "acme+mini", "repo"))

        corpus = os.path.join(tmp, "corpus.tsv")
        with open(corpus, "w") as f:
            f.write(f"# test corpus\nacme/mini\t{commit}\tpositive\tpython\tclient.py\n")
        lines = SOURCE.split("\n")
        labels = os.path.join(tmp, "labels.tsv")
        with open(labels, "w") as f:
            f.write(f"acme/mini\tclient.py\t3\t{h(lines[2])}\tmust\turl-param\t\n")
            f.write(f"acme/mini\tclient.py\t5\t{h(lines[4])}\tmust\tsink\tnever reported\n")
            f.write(f"acme/mini\tclient.py\t7\t{h(lines[6])}\tmust-not\tnear-miss\t\n")
            f.write(f"acme/mini\tclient.py\t1\t00000000\tmay\tplumbing\tdrifted\n")
        cache = os.path.join(tmp, "cache")
        fill = subprocess.run([sys.executable, os.path.join(HERE, "fill.py"), "--mirror", mirror, "--cache", cache,
                               "--corpus", corpus], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = fill.stdout.decode()
        check(fill.returncode == 0 and "1 filled" in out, "fill.py filled the cache", out)
        again = subprocess.run([sys.executable, os.path.join(HERE, "fill.py"), "--mirror", mirror, "--cache", cache,
                                "--corpus", corpus], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        check("1 up to date" in again.stdout.decode(), "a second fill skips the repository", again.stdout.decode())
        score = subprocess.run([sys.executable, os.path.join(HERE, "score.py"), "--authshift", binary, "--cache", cache,
                                "--corpus", corpus, "--labels", labels, "--misses", "--extra"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = score.stdout.decode()
        check(score.returncode == 0, "score.py exits 0", out)
        check("recall 0.500  precision 0.500" in out, "recall 1/2, precision 1/2", out)
        check("acme/mini client.py:5 [sink] never reported" in out, "the missed line is listed", out)
        check("acme/mini client.py:7 (must-not)" in out, "the false finding is listed", out)
        check("1 labels drifted" in out and "acme/mini client.py:1" in out, "the drifted label is listed", out)
        check("have no label:\n  acme/mini client.py:9" in out, "the unlabelled line is listed", out)

        with open(labels, "a") as f:
            f.write(f"acme/mini\tclient.py\t4\t{h(lines[3])}\tmust\tsink\t\n")
            f.write(f"acme/mini\tlegacy.py\t2\t{h(LEGACY.split(chr(10))[1])}\tmust\turl-param\tCRM v1\n")
        cached = os.path.join(cache, "acme+mini", "client.py")
        with open(cached) as f:
            before = f.read()
        score = subprocess.run([sys.executable, os.path.join(HERE, "score.py"), "--authshift", binary, "--cache", cache,
                                "--corpus", corpus, "--labels", labels, "--fixes"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = score.stdout.decode()
        check(score.returncode == 0, "score.py --fixes exits 0", out)
        with open(cached) as f:
            check(f.read() == before, "the cache is not changed by --fixes", out)
        check("fixed 2 of 4 must lines (0.500); withheld 1, report-only 0" in out,
              "lines 3 and 4 fixed (changed), the CRM v1 line withheld", out)
        check(": 1 must lines; a token-swapping fix can reach at most 3 of 4 (0.750); "
              "fixed outside them 2 of 3 (0.667)" in out, "the legacy line is counted", out)
        check("re-fix changed 0 files" in out, "a second fix changes nothing", out)
        sink = [l for l in out.splitlines() if l.strip().startswith("sink ")]
        check(len(sink) == 1 and sink[0].split()[-4:] == ["1", "0", "0", "0"], "the sink line counts as fixed", out)
        print("wild:scorer: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
