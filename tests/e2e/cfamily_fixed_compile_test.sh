#!/usr/bin/env bash
# Every C/C++ `.fixed` fixture is code a compiler accepts: `gcc -fsyntax-only` for `*.fixed.c`,
# `g++ -std=c++17 -fsyntax-only` for `*.fixed.cc/.cpp/.cxx`, against the stub headers in
# fixtures/stubs (libcurl, Qt Network, cpr). The fixer's own re-parse check runs Clang; this runs
# the other compiler on what the fixtures promise, so a rewrite Clang tolerates but GCC rejects
# (or a `.fixed` file edited by hand) is caught.
# Usage: cfamily_fixed_compile_test.sh SOURCE_DIR   (CC / CXX override gcc / g++)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 SOURCE_DIR" >&2
  exit 2
fi
src=$(realpath -- "$1")
cc=${CC:-gcc}
cxx=${CXX:-g++}
stubs=(-I "$src/fixtures/stubs" -I "$src/fixtures/stubs/QtNetwork")

for tool in "$cc" "$cxx"; do
  command -v "$tool" >/dev/null || { echo "cfamily_fixed_compile_test: $tool not found" >&2; exit 1; }
done

cd "$src"
mapfile -t c_files < <(find fixtures/rules -name '*.fixed.c' -type f | sort)
mapfile -t cxx_files < <(find fixtures/rules \( -name '*.fixed.cc' -o -name '*.fixed.cpp' -o -name '*.fixed.cxx' \) \
                           -type f | sort)
# A glob that finds nothing must not pass quietly.
if [[ ${#c_files[@]} -eq 0 || ${#cxx_files[@]} -eq 0 ]]; then
  echo "cfamily_fixed_compile_test: expected C and C++ .fixed fixtures under fixtures/rules" \
       "(found ${#c_files[@]} C, ${#cxx_files[@]} C++)" >&2
  exit 1
fi

failed=0
check() {
  local out
  if out=$("$@" 2>&1); then
    echo "ok   ${*: -1}"
  else
    echo "FAIL ${*: -1}"
    printf '%s\n' "$out" | sed 's/^/     /'
    failed=$((failed + 1))
  fi
}
for f in "${c_files[@]}"; do check "$cc" -fsyntax-only "${stubs[@]}" "$f"; done
for f in "${cxx_files[@]}"; do check "$cxx" -std=c++17 -fsyntax-only "${stubs[@]}" "$f"; done

total=$(( ${#c_files[@]} + ${#cxx_files[@]} ))
echo "$((total - failed)) of $total C/C++ .fixed fixtures compile"
[[ $failed -eq 0 ]]
