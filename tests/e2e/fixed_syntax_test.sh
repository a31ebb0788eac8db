#!/bin/bash
# CTest fixtures:fixed-syntax: every `.fixed` fixture of a language with a command-line checker still
# parses — Python (compile(), as py_compile does, without writing a .pyc), PHP (`php -l`), JavaScript
# (`node --check`), Ruby (`ruby -c`), Bash (`bash -n`) and Go (`gofmt -e`, when installed: it is not
# one of scripts/setup.sh's packages). C/C++ and Java have their own compile tests.
#   fixed_syntax_test.sh SOURCE_DIR
set -u
root=${1:?usage: fixed_syntax_test.sh SOURCE_DIR}
for tool in /usr/bin/python3 php node ruby bash; do
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
echo "fixed-syntax: $checked checked, $failed failed, $skipped skipped (no gofmt)"
[ "$checked" -gt 0 ] && [ "$failed" = 0 ]
