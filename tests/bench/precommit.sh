#!/usr/bin/env bash
# Pre-commit latency: a throwaway git repository with 20 staged files of typical size (a few KB,
# mixed languages, 2 of them with an Authtoken), measured with hyperfine:
#   1. authshift scan --staged                  (what the native hook runs)
#   2. the native hook (.git/hooks/pre-commit from `authshift install-hook`), run as git would
#   3. authshift scan -- <the 20 files>         (what the pre-commit framework's hook runs)
# each on the files with the two Authtokens and on a clean variant (the usual commit). Prints the
# means and whether they meet the target (< 100 ms); printed, never asserted. See tests/bench/README.md.
#
#   tests/bench/precommit.sh [--authshift BIN] [--runs N] [--keep]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3
AUTHSHIFT="${AUTHSHIFT:-}" RUNS=20 KEEP=0 TARGET_MS=100
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while (($#)); do
  case "$1" in
    --authshift) AUTHSHIFT="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "precommit.sh: unknown argument '$1'" >&2; usage 2 >&2 ;;
  esac
done
if [[ -z $AUTHSHIFT ]]; then
  for b in "$ROOT/build-bench/authshift" "$ROOT/build-rel/authshift" "$ROOT/build/authshift"; do
    [[ -x $b ]] && { AUTHSHIFT="$b"; break; }
  done
fi
[[ -n $AUTHSHIFT && -x $AUTHSHIFT ]] || { echo "precommit.sh: no authshift binary; pass --authshift BIN" >&2; exit 2; }
AUTHSHIFT="$(cd "$(dirname "$AUTHSHIFT")" && pwd)/$(basename "$AUTHSHIFT")"
command -v hyperfine >/dev/null || { echo "precommit.sh: hyperfine is missing (scripts/setup.sh installs it)" >&2; exit 2; }
STAGED=1
[[ $("$AUTHSHIFT" help scan) == *--staged* ]] || STAGED=0

WORK="$(mktemp -d "${TMPDIR:-/tmp}/authshift-precommit-XXXXXX")"
[[ $KEEP == 1 ]] || trap 'rm -rf "$WORK"' EXIT
# git without the user's or the system's configuration (no global hooksPath, no fsmonitor).
export GIT_CONFIG_GLOBAL="$WORK/gitconfig" GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
printf '[user]\n\tname = bench\n\temail = bench@example.invalid\n[init]\n\tdefaultBranch = main\n' >"$GIT_CONFIG_GLOBAL"

# 20 files, 2-8 KB, deterministic: each language's typical lines repeated to size; file 4 (JS)
# and file 13 (Deluge) carry an Authtoken in the "hits" variant.
make_repo() {  # make_repo DIR hits|clean
  local dir="$1" variant="$2"
  mkdir -p "$dir"
  git -C "$dir" init -q .
  git -C "$dir" commit -q --allow-empty -m base
  "$PY" - "$dir" "$variant" <<'EOF'
import os, sys
root, variant = sys.argv[1], sys.argv[2]
langs = [
    ("py", "def handler_{i}(event, context):\n    items = [x * {i} for x in event.get('items', [])]\n    return {{'status': 200, 'count': len(items)}}\n\n"),
    ("js", "export function render{i}(props) {{\n  const rows = props.items.map((x) => x.id + {i});\n  return rows.join(',');\n}}\n\n"),
    ("ts", "export interface Item{i} {{ id: number; name: string }}\nexport const total{i} = (xs: Item{i}[]): number => xs.reduce((a, x) => a + x.id, 0);\n\n"),
    ("php", "<?php\nfunction load_{i}($db) {{\n    return $db->query('SELECT * FROM t{i} WHERE id > ' . intval($_GET['id']));\n}}\n"),
    ("rb", "class Worker{i}\n  def perform(ids)\n    ids.each {{ |id| Rails.logger.info(\"job {i} #{{id}}\") }}\n  end\nend\n\n"),
    ("go", "func Sum{i}(xs []int) int {{\n\ttotal := 0\n\tfor _, x := range xs {{\n\t\ttotal += x * {i}\n\t}}\n\treturn total\n}}\n\n"),
    ("java", "public int compute{i}(List<Integer> xs) {{\n    return xs.stream().mapToInt(x -> x * {i}).sum();\n}}\n\n"),
    ("cs", "public static int Compute{i}(IEnumerable<int> xs) => xs.Select(x => x * {i}).Sum();\n\n"),
    ("sh", "step_{i}() {{\n  echo \"step {i}\" >&2\n  find . -name '*.log' -mtime +{i} -delete\n}}\n\n"),
    ("yml", "job_{i}:\n  stage: test\n  script:\n    - make test-{i}\n  artifacts:\n    paths: [out/{i}]\n"),
    ("md", "## Section {i}\n\nSome prose about step {i} of the deployment, with `code` and a [link](https://example.com/{i}).\n\n"),
    ("dg", "rec_{i} = Map();\nrec_{i}.put(\"Name\", \"Item {i}\");\nlist_{i} = List();\nlist_{i}.add(rec_{i});\ninfo list_{i};\n\n"),
]
sizes = [2400, 3100, 4200, 5600, 2900, 7800, 3600, 2500, 6100, 4400, 3300, 2700, 5200, 3900, 2600, 4800, 3400, 7200, 2800, 4100]
hits = {
    4: ("js", "const res = await fetch('https://books.zoho.com/api/v3/invoices?authtoken=' + process.env.ZOHO_TOKEN);\n"),
    13: ("dg", "resp = getUrl(\"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + \"&authtoken=\" + token);\n"),
}
for n, size in enumerate(sizes):
    ext, unit = langs[n % len(langs)]
    if n in hits:
        ext = hits[n][0]
        unit = dict(langs)[ext]
    parts, i = [], 0
    while sum(map(len, parts)) < size:
        parts.append(unit.format(i=i))
        i += 1
    if n in hits and variant == "hits":
        parts.insert(len(parts) // 2, hits[n][1])
    d = os.path.join(root, "src", f"mod{n % 5}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"file{n:02d}.{ext}"), "w") as f:
        f.write("".join(parts))
EOF
  git -C "$dir" add -A
}

mean_ms() { "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f" % (r["mean"]*1000, r["stddev"]*1000))' "$1"; }

echo "authshift pre-commit latency ($(date -u +%Y-%m-%dT%H:%MZ))"
echo "binary:  $AUTHSHIFT ($("$AUTHSHIFT" version))"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
[[ $STAGED == 1 ]] || echo "note: this binary has no 'scan --staged'; only the file-argument scan is measured"
echo
printf '%-44s %14s  %s\n' "what (20 staged files)" "mean ± sd" "target < ${TARGET_MS} ms"
for variant in hits clean; do
  repo="$WORK/$variant"
  make_repo "$repo" "$variant"
  mapfile -d '' files < <(git -C "$repo" diff --cached --name-only -z)
  bytes=$(cd "$repo" && cat -- "${files[@]}" | wc -c)
  ((${#files[@]} == 20)) || { echo "precommit.sh: expected 20 staged files, got ${#files[@]}" >&2; exit 1; }
  declare -a names=() cmds=()
  if [[ $STAGED == 1 ]]; then
    "$AUTHSHIFT" install-hook --path "$repo" --binary "$AUTHSHIFT" >/dev/null
    names+=("scan --staged [$variant]" "native hook [$variant]")
    cmds+=("$AUTHSHIFT scan --staged --quiet --fail-on none" "$repo/.git/hooks/pre-commit")
  fi
  names+=("scan -- <20 files> [$variant]")
  cmds+=("$AUTHSHIFT scan --quiet --fail-on none -- ${files[*]}")
  for k in "${!cmds[@]}"; do
    json="$WORK/result-$variant-$k.json"
    # -i: the hook exits 1 on the "hits" variant (it refuses the commit); that is the work measured.
    (cd "$repo" && GIT_INDEX_FILE=.git/index hyperfine -N -i -w 3 -r "$RUNS" --export-json "$json" "${cmds[$k]}" >/dev/null 2>&1) || {
      echo "precommit.sh: hyperfine failed on: ${cmds[$k]}" >&2; exit 1; }
    read -r mean sd < <(mean_ms "$json")
    verdict=$("$PY" -c "import sys; print('PASS' if float(sys.argv[1]) < $TARGET_MS else 'MISS')" "$mean")
    printf '%-44s %6s ± %-5s  %s\n' "${names[$k]}" "$mean" "$sd" "$verdict"
  done
  if [[ $variant == hits ]]; then
    flag=(); [[ $STAGED == 1 ]] && flag=(--staged)
    findings=$(cd "$repo" && "$AUTHSHIFT" scan --quiet --fail-on none "${flag[@]}" -- "${files[@]}" | wc -l)
    echo "  ($bytes bytes; $findings findings in the hits variant)"
  else
    echo "  ($bytes bytes)"
  fi
done
echo
echo "The target is printed, never asserted (exit 0 whatever it says)."
