#!/usr/bin/env bash
# completion_test.sh MANUAL_DIR: drives the generated completion scripts through the real bash,
# zsh and fish, and checks what each offers for a few command lines.
set -uo pipefail
dir=$(cd "$1" && pwd)
fail=0
check() {  # name expected actual
  if [[ "$2" == "$3" ]]; then
    echo "ok   $1"
  else
    printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$(echo $2)" "$(echo $3)"
    fail=1
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/subdir"
touch "$work/file.py"
cd "$work"

# --- bash: COMP_WORDS as bash would split the line; the last word is the one completed.
bash_complete() {
  bash --norc -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _authshift
                  printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$dir/authshift.bash" "$@"
}
check "bash: command names" "scan" "$(bash_complete authshift sc)"
check "bash: global options" "--help" "$(bash_complete authshift --he)"
check "bash: --format values" "$(printf '%s\n' codeclimate diff gitlab-sast json junit plan plan-json sarif text)" \
  "$(bash_complete authshift scan --format '')"
check "bash: --opt=value" "error" "$(bash_complete authshift scan --fail-on = er)"
check "bash: fix-only option" "--dry-run" "$(bash_complete authshift fix --dry)"
check "bash: scan has no --dry-run" "" "$(bash_complete authshift scan --dry)"
check "bash: -p takes a directory" "subdir" "$(bash_complete authshift scan -p s)"
check "bash: --output takes a file" "file.py" "$(bash_complete authshift scan --output fi)"
check "bash: paths" "file.py" "$(bash_complete authshift scan fi)"
check "bash: help COMMAND" "install-hook" "$(bash_complete authshift help ins)"
check "bash: completion SHELL" "zsh" "$(bash_complete authshift completion z)"

# --- zsh: the file is valid and compinit registers it for authshift.
if command -v zsh >/dev/null; then
  zsh -n "$dir/_authshift" && zsh_ok=yes || zsh_ok=no
  check "zsh: syntax" "yes" "$zsh_ok"
  check "zsh: compinit registers _authshift" "_authshift" \
    "$(HOME=$work zsh -f -c "fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -D; print -r -- \${_comps[authshift]}")"
else
  echo "FAIL zsh is not installed (scripts/setup.sh installs it)"
  fail=1
fi

# --- fish: `complete -C` runs the real completion machinery.
if command -v fish >/dev/null; then
  fish_complete() { HOME=$work fish --no-config -c "source $dir/authshift.fish; complete -C'$1'" | cut -f1 | sort; }
  check "fish: command names" "scan" "$(fish_complete 'authshift sc')"
  check "fish: --format values" "$(printf '%s\n' codeclimate diff gitlab-sast json junit plan plan-json sarif text)" \
    "$(fish_complete 'authshift scan --format ')"
  check "fish: fix-only option" "--dry-run" "$(fish_complete 'authshift fix --dry')"
  check "fish: scan has no --dry-run" "" "$(fish_complete 'authshift scan --dry')"
  check "fish: paths" "file.py" "$(fish_complete 'authshift scan fi')"
  check "fish: help COMMAND" "install-hook" "$(fish_complete 'authshift help ins')"
else
  echo "FAIL fish is not installed (scripts/setup.sh installs it)"
  fail=1
fi
exit $fail
