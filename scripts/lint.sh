#!/usr/bin/env bash
# The project's lint (docs/lint.md): `make lint` and `make lint-all` call this.
#
#   scripts/lint.sh [--all | --base REV] [--build DIR] [--jobs N]
#
# 1. No source file in scanner/ or rewriters/ is over 900 lines (always every file: it is cheap),
#    except those scripts/lint-exceptions.txt names while their split is in flight.
# 2. No file refers to documents outside the repository (tests/check_doc_references.sh).
# 3. clang-tidy (.clang-tidy at the top: strict, every warning an error, functions <= 120 lines) on
#    the first-party .cc files of scanner/ and rewriters/, with the flags of DIR/compile_commands.json
#    (default build/): with --all every one of them; otherwise those changed since REV (committed
#    or not: `git diff REV`, plus untracked files), where a changed header stands for the .cc file
#    of the same name. REV defaults to $LINT_BASE, else the merge-base of HEAD with origin/main,
#    else with main. Headers are checked through the .cc files that include them.
# Exit status 0 when everything passes, 1 when something is flagged, 2 on a usage or setup error.
set -euo pipefail
cd "$(dirname "$0")/.."

all=0
base="${LINT_BASE:-}"
build="build"
jobs="$(nproc)"
while (($#)); do
  case "$1" in
    --all) all=1 ;;
    --base) base="$2"; shift ;;
    --build) build="$2"; shift ;;
    --jobs) jobs="$2"; shift ;;
    *) echo "lint: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

status=0
readonly kMaxLines=900

# --- 1. file length -----------------------------------------------------------------------------
# scripts/lint-exceptions.txt names the files allowed over the limit while their split is in flight.
declare -A excepted=()
while read -r path why; do
  [[ -z "$path" || "$path" == \#* ]] && continue
  excepted["$path"]="$why"
done <scripts/lint-exceptions.txt
while IFS= read -r -d '' f; do
  n=$(wc -l <"$f")
  if ((n > kMaxLines)) && [[ -n "${excepted[$f]:-}" ]]; then
    echo "lint: note: $f has $n lines, allowed for now: ${excepted[$f]}"
  elif ((n > kMaxLines)); then
    echo "$f: $n lines (the limit for scanner/ and rewriters/ is $kMaxLines): split it"
    status=1
  elif [[ -n "${excepted[$f]:-}" ]]; then
    echo "lint: note: $f is within the limit now: delete its line from scripts/lint-exceptions.txt"
  fi
done < <(find scanner rewriters -type f \( -name '*.cc' -o -name '*.h' \) -print0 | sort -z)

# --- 2. references outside the repository -------------------------------------------------------
bash tests/check_doc_references.sh . >/dev/null || { bash tests/check_doc_references.sh . || true; status=1; }

# --- 3. clang-tidy ------------------------------------------------------------------------------
tidy="$(command -v clang-tidy-14 || command -v clang-tidy || true)"
if [[ -z "$tidy" ]]; then
  echo "lint: clang-tidy (14) not found; scripts/setup.sh installs it" >&2
  exit 2
fi
if [[ ! -f "$build/compile_commands.json" ]]; then
  echo "lint: $build/compile_commands.json missing: configure the build first (make configure)" >&2
  exit 2
fi

# Every first-party .cc file the build compiles.
mapfile -t known < <(python3 - "$build/compile_commands.json" "$PWD" <<'PY'
import json, os, sys
root = sys.argv[2]
for entry in json.load(open(sys.argv[1])):
    path = os.path.relpath(os.path.join(entry["directory"], entry["file"]), root)
    if path.endswith(".cc") and path.split("/")[0] in ("scanner", "rewriters"):
        print(path)
PY
)

if ((all)); then
  files=("${known[@]}")
  what="all ${#files[@]} files"
else
  if [[ -z "$base" ]]; then
    base="$(git merge-base HEAD origin/main 2>/dev/null || git merge-base HEAD main 2>/dev/null || true)"
  fi
  if [[ -z "$base" ]] || ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
    echo "lint: no base to compare with (set LINT_BASE=REV or use --all)" >&2
    exit 2
  fi
  mapfile -t changed < <({ git diff --name-only "$base" -- scanner rewriters
                           git ls-files --others --exclude-standard -- scanner rewriters; } | sort -u)
  declare -A want=()
  for f in "${changed[@]}"; do
    case "$f" in *.cc) want["$f"]=1 ;; *.h) want["${f%.h}.cc"]=1 ;; esac
  done
  files=()
  for f in "${known[@]}"; do [[ -n "${want[$f]:-}" ]] && files+=("$f"); done
  what="${#files[@]} files changed since $(git rev-parse --short "$base")"
fi

if ((${#files[@]})); then
  start=$SECONDS
  log="$(mktemp)"
  errlog="$(mktemp)"
  trap 'rm -f "$log" "$errlog"' EXIT
  # One clang-tidy per file, N at a time. Its diagnostics (stdout) are shown whole; of stderr only
  # what is not the "N warnings generated" count of suppressed system-header warnings.
  if ! printf '%s\0' "${files[@]}" |
      xargs -0 -P "$jobs" -n 1 "$tidy" -p "$build" --quiet \
        --extra-arg=-Wno-unknown-warning-option >"$log" 2>"$errlog"; then
    status=1
  fi
  cat "$log"
  grep -vE '^[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$' "$errlog" || true
  echo "lint: clang-tidy on $what in $((SECONDS - start)) s"
else
  echo "lint: clang-tidy: nothing to check ($what)"
fi

if ((status == 0)); then echo "lint: passed"; else echo "lint: FAILED"; fi
exit $status
