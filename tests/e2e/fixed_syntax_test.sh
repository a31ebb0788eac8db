#!/bin/bash
# CTest fixtures:fixed-syntax: every `.fixed` fixture of a language with a command-line checker still
# parses — Python (compile(), as py_compile does, without writing a .pyc), PHP (`php -l`), JavaScript
# (`node --check`), Ruby (`ruby -c`), Bash (`bash -n`), Go (`gofmt -e`, when installed: it is not
# one of scripts/setup.sh's packages) and TypeScript/TSX (one `tsc --noEmit --noResolve` over all of
# them, failing on its syntax diagnostics, TS1xxx: the fixtures import modules that are not installed,
# so name and module errors are not theirs). C/C++ and Java have their own compile tests.
#   fixed_syntax_test.sh SOURCE_DIR
set -u
root=${1:?usage: fixed_syntax_test.sh SOURCE_DIR}
for tool in /usr/bin/python3 php node ruby bash tsc; do
  command -v "$tool" >/dev/null || { echo "fixed-syntax: $tool is missing (scripts/setup.sh installs it)"; exit 1; }
done
have_gofmt=0
command -v gofmt >/dev/null && have_gofmt=1
checked=0 failed=0 skipped=0
while IFS= read -r -d '' f; do
  case "$f" in
    *.py) cmd=(/usr/bin/python3 -c 'import sys; compile(open(sys.argv[1], "rb").read(), sys.argv[1], "exec")' "$f") ;;
    *.php) cmd=(php -l "$f") ;;
    *.js | *.cjs | *.mjs) cmd=(node --check "$f") ;;
    *.rb) cmd=(ruby -c "$f") ;;
    *.sh | *.bash) cmd=(bash -n "$f") ;;
    *.go)
      if [ "$have_gofmt" = 0 ]; then skipped=$((skipped + 1)); continue; fi
      cmd=(gofmt -e -l "$f") ;;
    *) continue ;;
  esac
  checked=$((checked + 1))
  if ! out=$("${cmd[@]}" 2>&1); then
    echo "FAIL ${f#"$root"/}:"
    echo "$out" | sed 's/^/  /'
    failed=$((failed + 1))
  fi
done < <(find "$root/fixtures" -name '*.fixed.*' -print0 | sort -z)
ts=()
while IFS= read -r -d '' f; do ts+=("$f"); done < <(find "$root/fixtures" \( -name '*.fixed.ts' -o -name '*.fixed.tsx' \) -print0 | sort -z)
if [ "${#ts[@]}" -gt 0 ]; then
  checked=$((checked + ${#ts[@]}))
  syntax=$(tsc --noEmit --noResolve --jsx preserve --target es2020 --lib es2020,dom "${ts[@]}" 2>&1 | grep -E 'error TS1[0-9]{3}:')
  if [ -n "$syntax" ]; then
    echo "FAIL TypeScript syntax:"
    echo "${syntax//"$root"\//}" | sed 's/^/  /'
    failed=$((failed + $(grep -c . <<<"$syntax")))
  fi
fi
echo "fixed-syntax: $checked checked, $failed failed, $skipped skipped (no gofmt)"
[ "$checked" -gt 0 ] && [ "$failed" = 0 ]
