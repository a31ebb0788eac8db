#!/usr/bin/env bash
# Every Java `.fixed` fixture whose imports are the JDK's or Spring's (RestTemplate, HttpEntity, …)
# compiles with javac against the Spring stubs in fixtures/stubs/java, which carry Spring's real
# overloads: a rewrite to exchange(url, HttpMethod.GET, new HttpEntity<>(headers), T.class) that the
# fixer's tree-sitter re-parse accepts but javac rejects (overload, generics, a missing import, a
# duplicate local) fails here. Files importing other libraries (OkHttp, Apache, Jersey) are listed
# as skipped.
# Usage: java_fixed_compile_test.sh SOURCE_DIR   (JAVAC overrides javac)
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 SOURCE_DIR" >&2
  exit 2
fi
src=$(realpath -- "$1")
javac=${JAVAC:-javac}
command -v "$javac" >/dev/null || { echo "java_fixed_compile_test: $javac not found" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
mapfile -t stubs < <(find fixtures/stubs/java -name '*.java' -type f | sort)
"$javac" -nowarn -d "$tmp/stubs" "${stubs[@]}"

mapfile -t files < <(find fixtures/rules -name '*.fixed.java' -type f | sort)
failed=0
checked=0
spring=0
for f in "${files[@]}"; do
  # Only java.*, javax.net/crypto (JDK) and the stubbed Spring packages.
  if grep -E '^import ' "$f" | grep -vqE '^import (static )?(java\.|javax\.(net|crypto)\.|org\.springframework\.(http|util|web\.client|web\.util|stereotype)\.)'; then
    echo "skip $f (imports a library without stubs)"
    continue
  fi
  grep -q '^import org\.springframework\.' "$f" && spring=$((spring + 1))
  # One class per file: the file name need not match a public class, so compile a copy.
  out="$tmp/out/$checked"
  mkdir -p "$out/src"
  cls=$(sed -nE 's/^public (final |abstract )*(class|interface|enum|record) ([A-Za-z0-9_]+).*/\3/p' "$f" | head -1)
  cp "$f" "$out/src/${cls:-Fixture}.java"
  if msg=$("$javac" -nowarn -proc:none -cp "$tmp/stubs" -d "$out" "$out/src/${cls:-Fixture}.java" 2>&1); then
    echo "ok   $f"
  else
    echo "FAIL $f"
    echo "$msg" | sed 's/^/     /'
    failed=1
  fi
  checked=$((checked + 1))
done
# A glob that finds nothing must not pass quietly.
if [[ $checked -eq 0 || $spring -lt 3 ]]; then
  echo "java_fixed_compile_test: expected JDK and Spring .fixed.java fixtures (checked $checked, Spring $spring)" >&2
  exit 1
fi
exit $failed
