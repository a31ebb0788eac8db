#!/usr/bin/env bash
# Every Go `.fixed` fixture that imports only the standard library passes `go vet` (type checking
# included): an unused local or import that the fix left behind (`declared and not used`), or a
# rewrite gofmt accepts but the compiler rejects, fails here. Each file is vetted alone as a
# `package main` of its own, with a `main` added when it has none; files importing other modules
# are listed as skipped, and so are files whose input fails as well (an API newer than the installed
# Go). Go missing: skipped (77), as the Go end-to-end tests are.
# Usage: go_fixed_compile_test.sh SOURCE_DIR   (GO overrides go)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 SOURCE_DIR" >&2
  exit 2
fi
src=$(realpath -- "$1")
go=${GO:-go}
command -v "$go" >/dev/null || { echo "go_fixed_compile_test: $go not found (scripts/setup.sh installs golang-go)"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCACHE="$tmp/cache" GOPATH="$tmp/gopath" GOFLAGS=-mod=mod GO111MODULE=off GOTOOLCHAIN=local
cd "$src"
mapfile -t files < <(find fixtures/rules -name '*.fixed.go' -type f | sort)
failed=0
checked=0
for f in "${files[@]}"; do
  # The import paths: one `import "x"` line, or the lines of an `import ( … )` block.
  imports=$(sed -n -e 's/^import[[:space:]]\+\([[:alnum:]_.]\+[[:space:]]\+\)\?"\([^"]*\)".*/\2/p' \
                   -e '/^import (/,/^)/s/^[[:space:]]*\([[:alnum:]_.]\+[[:space:]]\+\)\?"\([^"]*\)".*/\2/p' "$f")
  # A standard-library path has no dot in its first element.
  if grep -q '^[^/]*\.' <<<"$imports"; then
    echo "skip $f (imports a module outside the standard library)"
    continue
  fi
  dir="$tmp/pkg/$checked"
  mkdir -p "$dir"
  sed -E 's/^package [[:alnum:]_]+/package main/' "$f" >"$dir/fixed.go"
  grep -qE '^func main\(\)' "$dir/fixed.go" || printf 'package main\n\nfunc main() {}\n' >"$dir/main.go"
  if msg=$(cd "$dir" && "$go" vet ./*.go 2>&1); then
    echo "ok   $f"
  elif sed -E 's/^package [[:alnum:]_]+/package main/' "${f/.fixed.go/.go}" >"$dir/fixed.go" &&
       ! (cd "$dir" && "$go" vet ./*.go >/dev/null 2>&1); then
    # The input fails too (an API newer than this Go): not the fix's doing.
    echo "skip $f (its input does not vet under $("$go" env GOVERSION) either)"
    continue
  else
    echo "FAIL $f"
    echo "$msg" | sed 's/^/     /'
    failed=1
  fi
  checked=$((checked + 1))
done
# A glob that finds nothing must not pass quietly.
if [[ $checked -lt 5 ]]; then
  echo "go_fixed_compile_test: expected Go .fixed fixtures that import only the standard library (checked $checked)" >&2
  exit 1
fi
echo "$checked Go .fixed fixtures vetted"
exit $failed
