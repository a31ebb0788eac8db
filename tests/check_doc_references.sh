#!/usr/bin/env bash
# Fails when a tracked file refers to documents outside the repository (the team's design, domain,
# style and build notes, or anything under a `shared/` folder beside it), or names a docs/ page that
# does not exist. The repository's own reference material is docs/; cite it instead.
# Usage: check_doc_references.sh [REPO_ROOT]   (default: the folder above this script)
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"
self="tests/check_doc_references.sh"

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -d '' files < <(git ls-files -z --cached --others --exclude-standard)
else
  mapfile -d '' files < <(find . -path ./build -prune -o -path ./node_modules -prune -o -path ./.git -prune \
                              -o -type f -print0 | sed -z 's|^\./||')
fi

checked=()
for f in "${files[@]}"; do
  [[ "$f" == "$self" || ! -f "$f" ]] && continue
  checked+=("$f")
done

status=0
# The outside documents, by name, and any path into a shared/ folder.
pattern='DESIGN\.md|ZOHO\.md|STYLE\.md|BUILD-NOTES|(^|[^A-Za-z0-9_])shared/'
if hits=$(printf '%s\0' "${checked[@]}" | xargs -0 grep -nIE "$pattern" --); then
  echo "references to documents outside the repository (cite docs/ instead):"
  echo "$hits"
  status=1
fi

# Every docs/<page>.md that the sources, the rules or the documentation name must exist (fixtures
# and tests hold made-up paths).
cited=()
for f in "${checked[@]}"; do
  case "$f" in scanner/* | rewriters/* | rules/* | docs/* | README.md) cited+=("$f") ;; esac
done
while IFS= read -r ref; do
  page="${ref#*:}"
  if [[ ! -f "$page" ]]; then
    echo "${ref%%:*}: names $page, which does not exist"
    status=1
  fi
done < <(printf '%s\0' "${cited[@]}" | xargs -0 grep -oIE 'docs/[A-Za-z0-9_-]+\.md' -- | sort -u)

if [[ $status -eq 0 ]]; then
  echo "doc references: ${#checked[@]} files checked, none points outside the repository"
fi
exit $status
