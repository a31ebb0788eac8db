#!/usr/bin/env bash
# Every C/C++ `.fixed` fixture is code a compiler accepts: `gcc -fsyntax-only` for `*.fixed.c`,
# `g++ -std=c++17 -fsyntax-only` for `*.fixed.cc/.cpp/.cxx`, against the stub headers in
# fixtures/stubs (libcurl, Qt Network, cpr). The fixer's own re-parse check runs Clang; this runs
# the other compiler on what the fixtures promise, so a rewrite Clang tolerates but GCC rejects
# (or a `.fixed` file edited by hand) is caught.
# A .fixed whose input compiles warning-free under -Wall -Wextra -Werror is held to that too.
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
# A fix must not add a warning: where the input compiles warning-free under -Wall -Wextra -Werror
# (unused parameters included: a rewritten generation marks the e-mail and password `(void)`), its
# .fixed must too; the others are checked without warnings.
strict=(-Wall -Wextra -Werror)
nstrict=0
compile() {  # compile TOOL [FLAGS…] FILE
  local tool=$1 fixed=${*: -1}
  shift
  local input=${fixed/.fixed./.}
  if [[ -f $input ]] && "$tool" "${@:1:$#-1}" "${strict[@]}" -fsyntax-only "${stubs[@]}" "$input" >/dev/null 2>&1; then
    nstrict=$((nstrict + 1))
    check "$tool" "${@:1:$#-1}" "${strict[@]}" -fsyntax-only "${stubs[@]}" "$fixed"
  else
    check "$tool" "${@:1:$#-1}" -fsyntax-only "${stubs[@]}" "$fixed"
  fi
}
for f in "${c_files[@]}"; do compile "$cc" "$f"; done
for f in "${cxx_files[@]}"; do compile "$cxx" -std=c++17 "$f"; done

total=$(( ${#c_files[@]} + ${#cxx_files[@]} ))
echo "$((total - failed)) of $total C/C++ .fixed fixtures compile ($nstrict under ${strict[*]}: their inputs do)"
[[ $failed -eq 0 ]]
