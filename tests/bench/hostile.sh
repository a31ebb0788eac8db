#!/usr/bin/env bash
# Hostile inputs (issue: bounded cost on hostile input): each reproducer at three sizes, each
# double the last, with wall time and peak RSS, so the slope shows (linear: time and memory double
# with the size; quadratic: they quadruple). Inputs are generated into a temp dir, never committed.
#   tests/bench/hostile.sh [--authshift BIN] [--scale K] [CASE...]
# CASE: long-line many-hits plus-chain-go plus-chain-cs per-byte rules (default: all).
# Each run is stopped after HOSTILE_TIMEOUT seconds (default 120; exit 124) and limited to
# HOSTILE_MEM_GB of address space (default 6).
# --scale K multiplies every size by K (e.g. 0.25 for a quick look; 1 = the issue's sizes at the
# middle step). Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=build/authshift
scale=1
cases=()
while [ $# -gt 0 ]; do
  case "$1" in
    --authshift) bin=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    *) cases+=("$1"); shift ;;
  esac
done
[ ${#cases[@]} -gt 0 ] || cases=(long-line many-hits plus-chain-go plus-chain-cs per-byte rules)
[ -x "$bin" ] || { echo "no binary at $bin (build first, or --authshift BIN)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }
limit_s=${HOSTILE_TIMEOUT:-120}
limit_gb=${HOSTILE_MEM_GB:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# gen CASE N DIR: writes the input for CASE at size N into DIR; prints the scan arguments.
gen() {
  python3 - "$@" <<'PY'
import os, sys
case, n, d = sys.argv[1], int(float(sys.argv[2])), sys.argv[3]
tok = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
def w(name, text):
    with open(os.path.join(d, name), "w") as f: f.write(text)
if case == "long-line":      # n MB of one line
    unit = 'fetch("https://crm.zoho.com/crm/private/json/Leads/getRecords?authtoken="+t+"&scope=crmapi");var a=1;'
    w("big.js", unit * (n * 1_000_000 // len(unit)))
    print("scan --no-git --max-file-size 1G --format json " + d + "/big.js")
elif case == "many-hits":    # n hits on the second line
    head = 'axios.get("https://books.zoho.com/api/v3/invoices", { params: { authtoken: this.token, organization_id: org } });\n'
    w("a.ts", head + 'const authToken = "' + ("&authtoken=" + tok) * n + '";\n')
    print("scan --no-git --format json " + d + "/a.ts")
elif case == "plus-chain-go": # n terms
    w("m.go", 'package main\nimport "net/http"\nfunc f(x, tok string) {\n\turl := "https://analytics.zoho.com/api?authtoken=" + '
      + "x+" * n + 'tok\n\thttp.Get(url)\n}\n')
    print("scan --no-git --format json " + d + "/m.go")
elif case == "plus-chain-cs": # n nested a+(
    w("A.cs", 'class A { void F(string a, string tok) { var u = "https://books.zoho.com/api/v3/x?authtoken=" + '
      + "a+(" * n + "tok" + ")" * n + '; new System.Net.Http.HttpClient().GetAsync(u); } }\n')
    print("scan --no-git --format json " + d + "/A.cs")
elif case == "per-byte":     # n MB of Python request lines
    line = 'requests.get("https://books.zoho.com/api/v3/invoices?authtoken=' + tok + '&organization_id=1")\n'
    w("r.py", "import requests\n" + line * (n * 1_000_000 // len(line)))
    print("scan --no-git --max-file-size 1G --format json " + d + "/r.py")
elif case == "rules":        # n rule files
    rd = os.path.join(d, "rules"); os.mkdir(rd)
    for i in range(n):
        w(os.path.join("rules", "r%06d.yaml" % i),
          'severity: warning\nmessage: "m"\nhelp: "h"\nforms: [F1]\nprecision: low\nfix: none\n'
          'languages: [any]\nkeywords: [zz%06d]\nmatch:\n  kind: text\n  regex: \'zz%06d=[0-9]+\'\n'
          'examples:\n  bad: [\'zz%06d=1\']\n  good: [\'zz%06d=x\']\n' % (i, i, i, i))
    os.mkdir(os.path.join(d, "empty"))
    print("scan --no-git --no-default-rules --rules " + rd + " " + os.path.join(d, "empty"))
PY
}

# Base sizes (the issue's reproducer sizes sit at the last step): doubled twice.
declare -A base=([long-line]=12 [many-hits]=800 [plus-chain-go]=12500 [plus-chain-cs]=2500 [per-byte]=2 [rules]=25000)
declare -A unit=([long-line]=MB [many-hits]=hits [plus-chain-go]=terms [plus-chain-cs]=levels [per-byte]=MB [rules]=rules)
printf '%-14s %12s %9s %11s %9s %s\n' case size seconds "peak RSS" findings exit
for c in "${cases[@]}"; do
  for mult in 1 2 4; do
    n=$(python3 -c "print(max(1, int(${base[$c]} * $scale * $mult)))")
    d="$work/$c-$n"; mkdir -p "$d"
    args=$(gen "$c" "$n" "$d")
    set +e
    # shellcheck disable=SC2086
    (ulimit -v "$((limit_gb * 1024 * 1024))"
     /usr/bin/time -f '%e %M' -o "$work/time" timeout "$limit_s" "$bin" $args > "$work/out" 2> "$work/err")
    rc=$?
    set -e
    read -r secs kb < <(tail -1 "$work/time") || true
    [ "$rc" = 124 ] && secs=">$limit_s"
    findings=$(grep -c '"rule_id"' "$work/out" || true)
    printf '%-14s %12s %9s %8s MB %9s %s\n' "$c" "$n ${unit[$c]}" "$secs" "$((kb / 1024))" "$findings" "$rc"
    rm -rf "$d"
  done
done
