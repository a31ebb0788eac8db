#!/usr/bin/env bash
# Runs the libFuzzer targets of a fuzz build, one after the other.
#   fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     (default: every target)
# Seed corpora are generated from fixtures/ and rules/ into BUILD_DIR/fuzz-seeds/<target> on every
# run (nothing is committed); what a target discovers accumulates in BUILD_DIR/fuzz-corpus/<target>,
# crashes go to BUILD_DIR/fuzz-artifacts/, one log per target to BUILD_DIR/fuzz-logs/<target>.log.
# Prints one line per target (runs, coverage, result); exits 1 if any target found something.
# FUZZ_SEED_LIMIT=N: at most N seeds per target (see below).
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(deluge lowering sections rule_loader config baseline diff scan_fix)

# Language index of a file for the targets that take a language byte (fuzz/fuzz_util.h order).
ts_index() {
  case "$1" in
    *.py) echo 0 ;; *.js) echo 1 ;; *.ts) echo 2 ;; *.tsx) echo 3 ;; *.php) echo 4 ;; *.java) echo 5 ;;
    *.cs) echo 6 ;; *.rb) echo 7 ;; *.go) echo 8 ;; *.sh) echo 9 ;; *.yml|*.yaml) echo 10 ;; *.json) echo 11 ;;
    *) echo "" ;;
  esac
}
scan_index() {
  case "$1" in
    *.dg|*.deluge) echo 12 ;; *.ini|*.properties|*.config) echo 13 ;; *.toml) echo 14 ;; *.txt) echo 15 ;;
    *.md) echo 16 ;; *) ts_index "$1" ;;
  esac
}
# Writes byte $1 (0-255) followed by file $2 to file $3.
prefixed() { { printf "\\$(printf '%03o' "$1")"; cat "$2"; } > "$3"; }

fixtures() { find fixtures/rules fixtures/demo -type f ! -name 'README*' | sort; }

seed() {
  local t=$1 dir=$2 n=0 f i
  rm -rf "$dir" && mkdir -p "$dir"
  case "$t" in
    deluge) fixtures | grep -E '\.(dg|deluge|txt)$' | while read -r f; do cp "$f" "$dir/$((n++))"; done ;;
    lowering) fixtures | while read -r f; do i=$(ts_index "$f"); [ -n "$i" ] && prefixed "$i" "$f" "$dir/$((n++))"; done ;;
    sections)
      fixtures | grep -E '\.(ini|properties|config|env)$' | while read -r f; do prefixed 0 "$f" "$dir/i$((n++))"; done
      fixtures | grep -E '\.toml$' | while read -r f; do prefixed 1 "$f" "$dir/t$((n++))"; done ;;
    rule_loader) for f in rules/*.yaml; do cp "$f" "$dir/$(basename "$f")"; done ;;
    config)
      find fixtures -name '.authshift.y*ml' | while read -r f; do cp "$f" "$dir/$((n++))"; done
      printf 'version: 1\ninclude: ["src/**", "functions/**/*.dg"]\nexclude: ["**/vendor/**", "legacy/[a-c]*.php"]\ndisable: [zoho-authtoken-config]\nseverity: {zoho-authtoken-revocation: error}\nlanguages: {deluge: ["*.txt"], php: ["*.inc"]}\nfail-on: error\n' > "$dir/readme" ;;
    baseline)
      printf '# authshift baseline v1: fingerprint, rule, path (only the fingerprint is read)\n0123456789abcdef\tauthtoken-url-param\tsrc/a.py\nfedcba9876543210\tzoho-authtoken-header\tb c/d.go\n' > "$dir/0" ;;
    diff)
      fixtures | grep '\.fixed' | while read -r f; do
        orig=${f/.fixed/}
        [ -f "$orig" ] || continue
        size=$(stat -c %s "$orig")
        { printf "\\$(printf '%03o' $(( (size | 1) & 255 )))\\$(printf '%03o' $(( (size >> 8) & 255 )))"; cat "$orig" "$f"; } > "$dir/s$((n++))"
        { printf '\000\000'; cat "$orig"; } > "$dir/e$((n++))"
      done ;;
    scan_fix) fixtures | while read -r f; do i=$(scan_index "$f"); [ -n "$i" ] && prefixed "$i" "$f" "$dir/$((n++))"; done ;;
    *) echo "unknown target $t" >&2; return 1 ;;
  esac
}

status=0
mkdir -p "$build/fuzz-logs" "$build/fuzz-artifacts"
for t in "${targets[@]}"; do
  bin="$build/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz_$t: not built ($bin)" >&2; status=1; continue; }
  seed "$t" "$build/fuzz-seeds/$t"
  # FUZZ_SEED_LIMIT=N keeps every k-th seed so that at most N remain (the CI smoke: libFuzzer runs
  # every seed once before the clock starts).
  if [ -n "${FUZZ_SEED_LIMIT:-}" ]; then
    total=$(ls "$build/fuzz-seeds/$t" | wc -l)
    if [ "$total" -gt "$FUZZ_SEED_LIMIT" ]; then
      step=$(( (total + FUZZ_SEED_LIMIT - 1) / FUZZ_SEED_LIMIT ))
      ls "$build/fuzz-seeds/$t" | awk -v s="$step" 'NR % s != 1' | while read -r f; do rm -f "$build/fuzz-seeds/$t/$f"; done
    fi
  fi
  mkdir -p "$build/fuzz-corpus/$t"
  log="$build/fuzz-logs/$t.log"
  start=$(date +%s)
  "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=8192 -print_final_stats=1 \
    -dict=fuzz/zoho.dict -artifact_prefix="$build/fuzz-artifacts/$t-" \
    "$build/fuzz-corpus/$t" "$build/fuzz-seeds/$t" > "$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  if [ $rc -eq 0 ]; then result=ok; else result="FOUND (exit $rc, see $log)"; status=1; fi
  echo "fuzz_$t: $(( $(date +%s) - start ))s, ${runs:-0} runs, ${cov:-cov: ?}, $result"
done
exit $status
