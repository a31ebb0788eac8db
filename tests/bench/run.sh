#!/usr/bin/env bash
# authshift benchmark: authshift scan vs ripgrep (the cost of reading the bytes) vs ast-grep 0.51.1
# (the structural peer) on a synthetic repository generated from a seed, or on any directory.
# Prints figures, ratios and the performance targets with PASS/MISS; never fails on a target.
# See tests/bench/README.md.
#
#   tests/bench/run.sh [--size small|medium|large] [--seed N] [--dir PATH] [--runs N] [--growth]
#                      [--growth-sizes "small medium large"] [--no-astgrep] [--no-checks]
#                      [--authshift BIN] [--cache DIR] [--plain]
# --plain: with --dir, walk it as plain directories (no git, no .authshift.yml, no ignore files), as
# for the synthetic repository: for a tree that is not a repository of its own.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3

BIG_TIMEOUT=${BIG_TIMEOUT:-60}
SIZE=large SEED=1 DIR="" RUNS="" GROWTH=0 PLAIN_DIR=0 GROWTH_SIZES="small medium large" ASTGREP=1 CHECKS=1
AUTHSHIFT="${AUTHSHIFT:-}"
CACHE="${AUTHSHIFT_BENCH_CACHE:-$HERE/.cache}"
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while (($#)); do
  case "$1" in
    --size) SIZE="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --growth) GROWTH=1; shift ;;
    --growth-sizes) GROWTH=1; GROWTH_SIZES="$2"; shift 2 ;;
    --no-astgrep) ASTGREP=0; shift ;;
    --no-checks) CHECKS=0; shift ;;
    --authshift) AUTHSHIFT="$2"; shift 2 ;;
    --cache) CACHE="$2"; shift 2 ;;
    --plain) PLAIN_DIR=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage 2 >&2 ;;
  esac
done
case "$SIZE" in small|medium|large) ;; *) echo "run.sh: --size small|medium|large" >&2; exit 2 ;; esac
mkdir -p "$CACHE"
CACHE="$(cd "$CACHE" && pwd)"
OUT="$CACHE/results"
rm -rf "$OUT"; mkdir -p "$OUT"

# ---------------------------------------------------------------------------------------------- tools
if [[ -z $AUTHSHIFT ]]; then
  for b in "$ROOT/build-bench/authshift" "$ROOT/build/authshift"; do
    [[ -x $b ]] && { AUTHSHIFT="$b"; break; }
  done
fi
[[ -n $AUTHSHIFT && -x $AUTHSHIFT ]] || {
  echo "run.sh: no authshift binary; build one (README: cmake --build build-bench --target authshift) or pass --authshift" >&2
  exit 2
}
AUTHSHIFT="$(cd "$(dirname "$AUTHSHIFT")" && pwd)/$(basename "$AUTHSHIFT")"
for t in rg hyperfine taskset; do
  command -v "$t" >/dev/null || { echo "run.sh: '$t' is missing (scripts/setup.sh installs it)" >&2; exit 2; }
done
TIME=/usr/bin/time
"$TIME" -v true >/dev/null 2>&1 || { echo "run.sh: GNU time missing: apt-get install time (scripts/setup.sh)" >&2; exit 2; }
AG=""
if ((ASTGREP)); then
  AG="$CACHE/astgrep/node_modules/@ast-grep/cli-linux-x64-gnu/ast-grep"
  if [[ ! -x $AG ]] || [[ "$("$AG" --version 2>/dev/null)" != "ast-grep 0.51.1" ]]; then
    echo "== installing ast-grep 0.51.1 into $CACHE/astgrep (npm)"
    npm install --ignore-scripts --no-audit --no-fund --prefix "$CACHE/astgrep" @ast-grep/cli@0.51.1 >&2
  fi
  # Every rule file as one multi-document rule file (ast-grep scan -r takes one file).
  AG_RULES="$CACHE/astgrep-rules.yml"
  for f in "$HERE"/astgrep-rules/*.yml; do echo "---"; cat "$f"; done >"$AG_RULES"
fi
NCPU=$(nproc)

# The prefilter's literals, read from the rules the binary embeds (`authshift rules --explain ID`,
# "keywords:" lines), so ripgrep looks for exactly what authshift's RE2::Set looks for.
KEYWORDS=()
while read -r id _; do
  [[ $id == ID || -z $id ]] && continue
  kw=$("$AUTHSHIFT" rules --explain "$id" | sed -n 's/^ *keywords: *//p')
  IFS=',' read -ra parts <<<"$kw"
  for p in "${parts[@]}"; do p="${p# }"; p="${p% }"; [[ -n $p ]] && KEYWORDS+=("$p"); done
done < <("$AUTHSHIFT" rules)
mapfile -t KEYWORDS < <(printf '%s\n' "${KEYWORDS[@]}" | sort -u)
((${#KEYWORDS[@]})) || { echo "run.sh: no keywords from 'authshift rules --explain'" >&2; exit 2; }
RG_KW=(); for k in "${KEYWORDS[@]}"; do RG_KW+=(-e "$k"); done

# The directories authshift's plain walk (no git) never enters (scanner/core/walk.cc), for rg and
# ast-grep on the synthetic repository.
EXCLUDES=(.git .hg .svn node_modules vendor third_party bower_components .venv venv __pycache__ build
          dist target out .tox .mypy_cache .gradle .idea)

# ------------------------------------------------------------------------------------------- helpers
hms() { $PY -c "import sys; s=float(sys.argv[1]); print(f'{s*1000:.0f} ms' if s < 10 else f'{s:.1f} s')" "$1"; }

# cmd_authshift|cmd_rg|cmd_ag REPO JOBS SYNTHETIC -> prints the argv, one word a line
cmd_authshift() {
  local a=("$AUTHSHIFT" scan --format json --fail-on none --jobs "$2")
  (($3)) && a+=(--no-git --no-config)
  printf '%s\n' "${a[@]}" "$1"
}
cmd_rg() {
  local a=(rg -i -F -j "$2" --hidden --max-filesize 2M -g '!.git/')
  if (($3)); then a+=(--no-ignore); for d in "${EXCLUDES[@]}"; do a+=(-g "!$d/"); done; fi
  printf '%s\n' "${a[@]}" "${RG_KW[@]}" "$1"
}
cmd_ag() {
  local a=("$AG" scan -j "$2" -r "$AG_RULES" --json=stream --no-ignore hidden --globs '!.git')
  if (($3)); then a+=(--no-ignore vcs --no-ignore parent); for d in "${EXCLUDES[@]}"; do a+=(--globs "!$d"); done; fi
  printf '%s\n' "${a[@]}" "$1"
}
quote() { local s="" w; for w in "$@"; do s+="$(printf '%q' "$w") "; done; echo "${s% }"; }

# measure NAME CORES RUNS argv... : hyperfine (wall, user, sys) + GNU time -v (peak RSS)
# Writes $OUT/NAME.hf.json and $OUT/NAME.time; one core = taskset -c 0 plus the tool's jobs flag.
measure() {
  local name=$1 cores=$2 runs=$3; shift 3
  local argv=("$@")
  ((cores == 1)) && argv=(taskset -c 0 "${argv[@]}")
  local cmd; cmd=$(quote "${argv[@]}")
  hyperfine -N -i --style none --warmup 1 --runs "$runs" --export-json "$OUT/$name.hf.json" "$cmd" >/dev/null 2>"$OUT/$name.hf.err" || {
    echo "run.sh: hyperfine failed for $name:" >&2; cat "$OUT/$name.hf.err" >&2; exit 1; }
  "$TIME" -v "${argv[@]}" >/dev/null 2>"$OUT/$name.time" || true
}
# figures NAME -> "wall_mean wall_sd user sys rss_kb" (hyperfine's figures, or GNU time's single run
# when hyperfine was skipped)
figures() {
  $PY - "$OUT/$1.hf.json" "$OUT/$1.time" <<'EOF'
import json, os, re, sys
t = open(sys.argv[2], errors="replace").read()
def num(pat):
    m = re.search(pat, t)
    return m.group(1) if m else "0"
rss = int(num(r"Maximum resident set size \(kbytes\): (\d+)"))
if os.path.exists(sys.argv[1]):
    r = json.load(open(sys.argv[1]))["results"][0]
    print(r["mean"], r["stddev"] or 0.0, r["user"], r["system"], rss)
else:
    el = num(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)").split(":")
    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(el)))
    print(wall, 0.0, float(num(r"User time \(seconds\): ([\d.]+)")), float(num(r"System time \(seconds\): ([\d.]+)")), rss)
EOF
}

# ---------------------------------------------------------------------------------------- repository
gen() {  # gen PRESET -> path of the generated tree (cached by its manifest)
  local dst="$CACHE/repo-$1-s$SEED"
  echo "== repository: preset $1, seed $SEED -> $dst" >&2
  $PY "$HERE/gen_repo.py" repo --size "$1" --seed "$SEED" --out "$dst" >"$OUT/gen-$1.json"
  echo "$dst"
}
repo_facts() {  # repo_facts DIR -> "files MB"
  $PY - "$1" <<'EOF'
import os, sys
n = b = 0
for d, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        try:
            st = os.lstat(os.path.join(d, f))
        except OSError:
            continue
        n += 1; b += st.st_size
print(n, f"{b / 1e6:.0f}")
EOF
}

if [[ -n $DIR ]]; then
  [[ -d $DIR ]] || { echo "run.sh: --dir $DIR is not a directory" >&2; exit 2; }
  REPO="$(cd "$DIR" && pwd)"; SYN=0; PLAIN=$PLAIN_DIR; LABEL="directory $REPO"
else
  REPO=$(gen "$SIZE"); SYN=1; PLAIN=1; LABEL="synthetic preset '$SIZE', seed $SEED"
fi
read -r NFILES MB < <(repo_facts "$REPO")
default_runs() { case "$1" in small) echo 10 ;; medium) echo 5 ;; *) echo 3 ;; esac; }
if [[ -z $RUNS ]]; then
  if ((SYN)); then RUNS=$(default_runs "$SIZE"); else RUNS=3; fi
fi

echo
echo "authshift benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
echo "  load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min; anything else running skews the figures)"
echo "  machine:   $NCPU cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo) RAM, $(uname -r)"
echo "  authshift: $AUTHSHIFT ($("$AUTHSHIFT" version 2>/dev/null | head -1))"
echo "  ripgrep:   $(rg --version | head -1)   hyperfine: $(hyperfine --version)"
((ASTGREP)) && echo "  ast-grep:  $("$AG" --version)"
echo "  repo:      $LABEL: $NFILES files, $MB MB"
echo "  keywords:  ${KEYWORDS[*]} (rg -i -F, from 'authshift rules --explain')"
echo "  method:    warm page cache (hyperfine --warmup 1), $RUNS runs each, outputs to /dev/null;"
echo "             peak RSS from one extra run under GNU time -v"
echo

# ---------------------------------------------------------------------- sanity: what each tool finds
echo "== one run each (exit codes, results)" >&2
set +e
mapfile -t A < <(cmd_authshift "$REPO" "$NCPU" "$PLAIN"); "${A[@]}" >"$OUT/authshift.json" 2>"$OUT/authshift.err"; rc_a=$?
mapfile -t R < <(cmd_rg "$REPO" "$NCPU" "$PLAIN"); "${R[@]}" >"$OUT/rg.out" 2>"$OUT/rg.err"; rc_r=$?
rc_g=0; if ((ASTGREP)); then mapfile -t G < <(cmd_ag "$REPO" "$NCPU" "$PLAIN"); "${G[@]}" >"$OUT/ag.out" 2>"$OUT/ag.err"; rc_g=$?; fi
set -e
((rc_a <= 1)) || { echo "run.sh: authshift exited $rc_a:" >&2; head -20 "$OUT/authshift.err" >&2; exit 1; }
((rc_r <= 1)) || { echo "run.sh: rg exited $rc_r:" >&2; head -20 "$OUT/rg.err" >&2; exit 1; }
((rc_g <= 1)) || { echo "run.sh: ast-grep exited $rc_g:" >&2; head -20 "$OUT/ag.err" >&2; exit 1; }
A_RESULTS=$($PY - "$OUT/authshift.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1])); s = d["stats"]; f = d["findings"]
sev = s.get("findings_by_severity", {})
files = len({x["path"] for x in f})
print(f'{len(f)} findings in {files} files ({sev.get("error",0)} errors, {sev.get("warning",0)} warnings, '
      f'{sev.get("note",0)} notes); scanned {s["files_scanned"]} files, {s["bytes_scanned"]/1e6:.0f} MB, '
      f'{s["files_matched"]} passed the prefilter, {s["files_skipped"]} skipped')
EOF
)
R_RESULTS="$(wc -l <"$OUT/rg.out") matching lines in $(cut -d: -f1 "$OUT/rg.out" | sort -u | wc -l) files"
if ((ASTGREP)); then
  G_RESULTS="$(wc -l <"$OUT/ag.out") matches in $($PY -c '
import json,sys
print(len({json.loads(l)["file"] for l in open(sys.argv[1]) if l.strip()}))' "$OUT/ag.out") files"
fi
RECALL=""
if ((SYN)); then
  RECALL=$($PY - "$REPO" "$REPO.manifest.json" "$OUT/authshift.json" "$OUT/rg.out" "$( ((ASTGREP)) && echo "$OUT/ag.out")" <<'EOF'
import json, os, sys
root, man, aj, rgo, ago = sys.argv[1:6]
planted = json.load(open(man))["summary"]["planted_files"]
rel = lambda p: os.path.relpath(p, root) if os.path.isabs(p) else p
a = {rel(f["path"]) for f in json.load(open(aj))["findings"]}
r = {rel(l.split(":", 1)[0]) for l in open(rgo) if l.strip()}
AG_EXT = (".py", ".js", ".mjs", ".ts", ".tsx", ".php", ".java", ".go", ".rb")
def line(name, found, universe):
    hit = [p for p in universe if p in found]
    return f"  {name:<10} {len(hit)}/{len(universe)} planted files reported, {len(found - set(planted))} other files"
print("recall against the generator's manifest:")
print(line("authshift:", a, list(planted)))
print(line("rg:", r, list(planted)))
if ago and os.path.exists(ago):
    g = {rel(json.loads(l)["file"]) for l in open(ago) if l.strip()}
    print(line("ast-grep:", g, [p for p in planted if p.endswith(AG_EXT)]) + " (planted in its 8 languages)")
missed = sorted(f"{os.path.basename(p)} ({','.join(planted[p])})" for p in planted if p not in a)
if missed:
    print("  authshift missed: " + "; ".join(missed[:12]) + (" …" if len(missed) > 12 else ""))
EOF
)
fi
echo "results on this repository:"
echo "  authshift: $A_RESULTS"
echo "  rg:        $R_RESULTS (every keyword hit, e.g. Zoho-oauthtoken and comments too)"
((ASTGREP)) && echo "  ast-grep:  $G_RESULTS (string literals of 8 languages only)"
[[ -n $RECALL ]] && echo "$RECALL"
echo

# -------------------------------------------------------------------------------------- main table
MAX_RSS_KB=0
note_rss() { (($1 > MAX_RSS_KB)) && MAX_RSS_KB=$1; return 0; }
row() {  # row LABEL NAME
  local m sd u s rss
  read -r m sd u s rss < <(figures "$2")
  printf '  %-22s %10s ± %-8s %10s %10s %10s %9.0f MB\n' "$1" "$(hms "$m")" "$(hms "$sd")" "$(hms "$u")" \
    "$(hms "$s")" "$(hms "$($PY -c "print($u+$s)")")" "$($PY -c "print($rss/1024)")"
}
echo "== timing the main comparison ($NCPU cores)" >&2
mapfile -t A < <(cmd_authshift "$REPO" "$NCPU" "$PLAIN"); measure main-authshift "$NCPU" "$RUNS" "${A[@]}"
mapfile -t R < <(cmd_rg "$REPO" "$NCPU" "$PLAIN"); measure main-rg "$NCPU" "$RUNS" "${R[@]}"
if ((ASTGREP)); then mapfile -t G < <(cmd_ag "$REPO" "$NCPU" "$PLAIN"); measure main-ag "$NCPU" "$RUNS" "${G[@]}"; fi

echo "main comparison: $NFILES files, $MB MB, $NCPU cores, warm cache"
printf '  %-22s %21s %10s %10s %10s %12s\n' "tool" "wall (mean ± sd)" "user" "sys" "CPU" "peak RSS"
row "authshift scan (json)" main-authshift
row "rg -i (keywords)" main-rg
((ASTGREP)) && row "ast-grep scan" main-ag
read -r a_wall _ a_u a_s a_rss < <(figures main-authshift); note_rss "$a_rss"
read -r r_wall _ r_u r_s _ < <(figures main-rg)
RATIO_RG=$($PY -c "print(f'{$a_wall/$r_wall:.2f}')")
echo "  authshift/ripgrep:  wall ${RATIO_RG}x, CPU $($PY -c "print(f'{($a_u+$a_s)/($r_u+$r_s):.2f}')")x"
if ((ASTGREP)); then
  read -r g_wall _ g_u g_s _ < <(figures main-ag)
  RATIO_AG=$($PY -c "print(f'{$a_wall/$g_wall:.3f}')")
  echo "  authshift/ast-grep: wall ${RATIO_AG}x (ast-grep takes $($PY -c "print(f'{$g_wall/$a_wall:.1f}')")x as long), CPU $($PY -c "print(f'{($a_u+$a_s)/($g_u+$g_s):.3f}')")x"
fi
echo "  authshift throughput: $($PY -c "print(f'{$MB/$a_wall:.0f}')") MB/s wall, $($PY -c "print(f'{$a_wall*1e9/($MB*1e6):.1f}')") ns/byte"
echo

# ------------------------------------------------------------------------------- growth and cores
LINEAR=""
if ((GROWTH)); then
  echo "growth: cost over repository sizes, 1 and 2 cores (1 core = taskset -c 0 + --jobs 1 / -j 1)"
  printf '  %-7s %7s %7s %5s %11s %11s %11s %9s %8s %10s %9s\n' size files MB cores authshift rg ast-grep \
    "as/rg" "as/ag" "as ns/B" "as RSS"
  declare -A WALL=() BYTES=()
  for sz in $GROWTH_SIZES; do
    g=$(gen "$sz"); read -r gf gmb < <(repo_facts "$g")
    gruns=${RUNS_GROWTH:-$(default_runs "$sz")}
    for c in 1 2; do
      ((c > NCPU)) && continue
      echo "== growth $sz, $c core(s)" >&2
      mapfile -t A < <(cmd_authshift "$g" "$c" 1); measure "g-$sz-$c-a" "$c" "$gruns" "${A[@]}"
      mapfile -t R < <(cmd_rg "$g" "$c" 1); measure "g-$sz-$c-r" "$c" "$gruns" "${R[@]}"
      read -r aw _ _ _ arss < <(figures "g-$sz-$c-a"); note_rss "$arss"
      read -r rw _ _ _ _ < <(figures "g-$sz-$c-r")
      agw="-" asag="-"
      if ((ASTGREP)); then
        mapfile -t G < <(cmd_ag "$g" "$c" 1); measure "g-$sz-$c-g" "$c" "$(( gruns > 2 ? 2 : gruns ))" "${G[@]}"
        read -r gw _ _ _ _ < <(figures "g-$sz-$c-g"); agw=$(hms "$gw"); asag=$($PY -c "print(f'{$aw/$gw:.3f}')")
      fi
      nsb=$($PY -c "print(f'{$aw*1e9/($gmb*1e6):.2f}')"); WALL[$sz-$c]=$aw; BYTES[$sz]=$($PY -c "print($gmb*1e6)")
      printf '  %-7s %7s %7s %5s %11s %11s %11s %9s %8s %10s %6.0f MB\n' "$sz" "$gf" "$gmb" "$c" "$(hms "$aw")" \
        "$(hms "$rw")" "$agw" "$($PY -c "print(f'{$aw/$rw:.2f}')")" "$asag" "$nsb" "$($PY -c "print($arss/1024)")"
    done
  done
  # Linear in bytes: t = fixed + bytes * slope. The marginal cost per byte between the two largest
  # sizes must stay within 1.25x of the one between the two smallest (2 cores; needs 3 sizes).
  set -- $GROWTH_SIZES
  if (($# >= 3)); then
    c=$(( NCPU >= 2 ? 2 : 1 ))
    LINEAR=$($PY - "${WALL[$1-$c]}" "${BYTES[$1]}" "${WALL[$2-$c]}" "${BYTES[$2]}" "${WALL[$3-$c]}" "${BYTES[$3]}" <<'EOF'
import sys
t1, b1, t2, b2, t3, b3 = map(float, sys.argv[1:7])
s1, s2 = (t2 - t1) / (b2 - b1), (t3 - t2) / (b3 - b2)
print(f"{s2 / s1:.2f} {s1 * 1e9:.2f} {s2 * 1e9:.2f} {(t1 - s1 * b1) * 1e3:.0f}")
EOF
)
    read -r LINEAR s1 s2 fixed <<<"$LINEAR"
    echo "  marginal cost ($c cores): $s1 ns/byte $1→$2, $s2 ns/byte $2→$3 (${LINEAR}x); fixed cost ≈ $fixed ms"
  else
    echo "  (linearity needs three sizes)"
  fi
  echo
fi

# ------------------------------------------------------------------------ 50 MB file, 1,000 fixes
BIG_MAX=""; BIG_NOTE=""; FIX_WALL=""
if ((CHECKS)); then
  echo "single 50 MB files (--max-file-size 64M; 3 Authtokens each, so the file is also parsed;"
  echo "  3 runs when a probe takes < 5 s, else the probe's figures; probe timeout ${BIG_TIMEOUT} s: BIG_TIMEOUT=)"
  printf '  %-26s %10s %10s %12s %12s\n' file authshift "peak RSS" "rg -i" findings
  for lang in js py dg; do
    f="$CACHE/big50/big.$lang"
    $PY "$HERE/gen_repo.py" bigfile --lang "$lang" --mb 50 --seed "$SEED" --out "$f" >/dev/null
    big=("$AUTHSHIFT" scan --format json --fail-on none --no-git --no-config --max-file-size 64M "$f")
    # A probe under a timeout first: a pathological file must not stall the whole benchmark.
    set +e; "$TIME" -v timeout "$BIG_TIMEOUT" "${big[@]}" >"$OUT/big-$lang.json" 2>"$OUT/big-$lang.time"; prc=$?; set -e
    if ((prc == 124)); then
      read -r _ _ _ _ brss < <(figures "big-$lang"); note_rss "$brss"
      printf '  %-26s %10s %9.0f MB   (timed out; RSS when killed)\n' "big.$lang" "> ${BIG_TIMEOUT} s" "$($PY -c "print($brss/1024)")"
      BIG_MAX=$($PY -c "print(max(${BIG_MAX:-0}, $BIG_TIMEOUT))"); BIG_NOTE="timeout"
      continue
    fi
    read -r pw _ _ _ _ < <(figures "big-$lang")
    if $PY -c "import sys; sys.exit(0 if $pw < 5 else 1)"; then
      measure "big-$lang" "$NCPU" 3 "${big[@]}"
    fi
    measure "big-$lang-rg" "$NCPU" 3 rg -i -F "${RG_KW[@]}" "$f"
    read -r bw _ _ _ brss < <(figures "big-$lang"); note_rss "$brss"
    read -r brw _ _ _ _ < <(figures "big-$lang-rg")
    nf=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$OUT/big-$lang.json")
    printf '  %-26s %10s %9.0f MB %12s %12s\n' "big.$lang ($(( $(stat -c %s "$f") / 1000000 )) MB)" "$(hms "$bw")" \
      "$($PY -c "print($brss/1024)")" "$(hms "$brw")" "$nf"
    BIG_MAX=$($PY -c "print(max(${BIG_MAX:-0}, $bw))")
  done
  echo

  FIXSRC="$CACHE/fix-src"; FIXW="$CACHE/fix-work"
  $PY "$HERE/gen_repo.py" fix --files 100 --per-file 10 --seed "$SEED" --out "$FIXSRC" >/dev/null
  rm -rf "$FIXW"; cp -r "$FIXSRC" "$FIXW"
  before=$("$AUTHSHIFT" scan --format json --fail-on none --no-git --no-config "$FIXW" |
           $PY -c 'import json,sys; f=json.load(sys.stdin)["findings"]; print(len(f), sum(1 for x in f if x.get("fixable")))')
  read -r nfind nfixable <<<"$before"
  hyperfine -i --style none --warmup 1 --runs 5 --prepare "rm -rf '$FIXW' && cp -r '$FIXSRC' '$FIXW'" \
    --export-json "$OUT/fix.hf.json" "'$AUTHSHIFT' fix --deluge-connection zbooks --no-git --no-config '$FIXW'" >/dev/null 2>"$OUT/fix.hf.err" || {
      cat "$OUT/fix.hf.err" >&2; exit 1; }
  rm -rf "$FIXW"; cp -r "$FIXSRC" "$FIXW"
  "$TIME" -v "$AUTHSHIFT" fix --deluge-connection zbooks --no-git --no-config "$FIXW" >"$OUT/fix.out" 2>"$OUT/fix.time" || true
  read -r fw _ _ _ frss < <(figures fix); note_rss "$frss"
  after=$("$AUTHSHIFT" scan --format json --fail-on none --no-git --no-config "$FIXW" |
          $PY -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
  changed=$( (diff -rq "$FIXSRC" "$FIXW" || true) | wc -l)
  echo "fix: 100 Deluge files x 10 getUrl calls with &authtoken= (copied afresh before each run)"
  echo "  findings before: $nfind ($nfixable fixable); authshift fix: $(hms "$fw") wall, $($PY -c "print(f'{$frss/1024:.0f}')") MB peak RSS;"
  echo "  files changed: $changed; findings after: $after"
  FIX_WALL=$fw
  echo
fi

# ------------------------------------------------------------------------------------------ targets
pm() { if [[ -z $2 ]]; then echo "n/a "; elif $PY -c "import sys; sys.exit(0 if $1 else 1)"; then echo "PASS"; else echo "MISS"; fi; }
echo "targets (printed, not asserted)"
printf '  %-4s  %-58s %s\n' "$(pm "$RATIO_RG <= 1.5" "$RATIO_RG")" "wall <= 1.5x ripgrep, warm cache" "${RATIO_RG}x ($MB MB, $NFILES files)"
if ((ASTGREP)); then
  printf '  %-4s  %-58s %s\n' "$(pm "$RATIO_AG <= 0.1" "$RATIO_AG")" ">= 10x faster than ast-grep" "$($PY -c "print(f'{1/$RATIO_AG:.1f}')")x faster"
else
  printf '  %-4s  %-58s %s\n' "n/a " ">= 10x faster than ast-grep" "(--no-astgrep)"
fi
RSS_MB=$($PY -c "print(f'{$MAX_RSS_KB/1024:.0f}')")
printf '  %-4s  %-58s %s\n' "$(pm "$RSS_MB < 200" "$RSS_MB")" "peak RSS < 200 MB (every authshift run above)" "max ${RSS_MB} MB"
if [[ -n $LINEAR ]]; then lin="${LINEAR}x"; else lin="(run with --growth, three sizes)"; fi
printf '  %-4s  %-58s %s\n' "$(pm "$LINEAR <= 1.25" "$LINEAR")" "cost linear in bytes (marginal ns/byte large/small <= 1.25x)" "$lin"
if [[ -z $BIG_MAX ]]; then big="(--no-checks)"; elif [[ -n $BIG_NOTE ]]; then big="> ${BIG_TIMEOUT} s (timed out)"; else big=$(hms "$BIG_MAX"); fi
printf '  %-4s  %-58s %s\n' "$(pm "$BIG_MAX < 1.0" "$BIG_MAX")" "a 50 MB single file in < 1 s (slowest of js, py, dg)" "$big"
if [[ -n $FIX_WALL ]]; then fx=$(hms "$FIX_WALL"); else fx="(--no-checks)"; fi
printf '  %-4s  %-58s %s\n' "$(pm "$FIX_WALL < 2.0" "$FIX_WALL")" "fixing 1,000 findings in < 2 s" "$fx"
echo
echo "raw results: $OUT"
