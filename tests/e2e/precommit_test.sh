#!/usr/bin/env bash
# The shipped .pre-commit-hooks.yaml under the real pre-commit (Debian's package, /usr/bin/pre-commit),
# in throwaway git repositories, offline:
#   A. a `repo: local` config whose hooks are the shipped ones with `entry` pointing at the binary:
#      `pre-commit install`, then real `git commit`s — an Authtoken is refused and the finding shown,
#      a clean commit passes, the fix hook rewrites a Deluge file (the attempt fails because files
#      changed) and after `git add` the next attempt passes;
#   B. the shipped file consumed as a remote hook repository (cloned from a file:// URL), with
#      `authshift` found on PATH, exactly as users get it.
# Usage: precommit_test.sh AUTHSHIFT_BINARY DIR_WITH_PRE_COMMIT_HOOKS_YAML
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 AUTHSHIFT_BINARY DIR_WITH_PRE_COMMIT_HOOKS_YAML" >&2
  exit 2
fi
binary=$(realpath -- "$1")
hooks_yaml=$(realpath -- "$2")/.pre-commit-hooks.yaml
pre_commit=/usr/bin/pre-commit

if [[ ! -x $pre_commit ]]; then
  echo "precommit_test: $pre_commit not found: install Debian's pre-commit package" \
       "(scripts/setup.sh does: apt-get install pre-commit)" >&2
  exit 1
fi
[[ -x $binary ]] || { echo "precommit_test: $binary is not executable" >&2; exit 1; }
[[ -f $hooks_yaml ]] || { echo "precommit_test: $hooks_yaml not found" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/authshift-precommit-XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT

# Nothing leaks in or out: pre-commit's cache, git's user/system configuration, a caller's GIT_*.
export HOME=$tmp/home XDG_CACHE_HOME=$tmp/cache PRE_COMMIT_HOME=$tmp/pre-commit-home
export GIT_CONFIG_GLOBAL=$tmp/gitconfig GIT_CONFIG_NOSYSTEM=1
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_COMMON_DIR PRE_COMMIT_COLOR
export NO_COLOR=1
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$PRE_COMMIT_HOME"
cat >"$GIT_CONFIG_GLOBAL" <<'EOF'
[user]
	name = authshift test
	email = test@example.invalid
[init]
	defaultBranch = main
EOF

passed=0
failed=0
check() {  # check NAME COMMAND... : the command must succeed
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name" >&2
    if [[ -n ${out-} ]]; then printf '%s\n' "--- output:" "$out" "---" >&2; fi
  fi
}
contains() { [[ $1 == *"$2"* ]]; }
lacks() { [[ $1 != *"$2"* ]]; }
not() { ! "$@"; }
# run CMD... : sets $out (stdout+stderr) and $rc without tripping `set -e`
run() {
  if out=$("$@" 2>&1); then rc=0; else rc=$?; fi
}

bad_ruby='headers = {"Authorization": "Zoho-authtoken " + token}'
clean_ruby='headers = {"Authorization": "Zoho-oauthtoken " + token}'
bad_deluge='resp = getUrl("https://books.zoho.com/api/v3/invoices?organization_id=" + orgId + "&authtoken=" + authtoken);'

# ---- A: repo: local ------------------------------------------------------------------------------
repo=$tmp/repo
mkdir -p "$repo"
cd "$repo"
git init -q .
{
  echo "repos:"
  echo "  - repo: local"
  echo "    hooks:"
  # The shipped hooks verbatim (comments dropped), re-indented, entry -> the binary under test.
  sed -e '/^#/d' -e "s|^\\(  entry: \\)authshift\\b|\\1${binary}|" -e 's/^/      /' "$hooks_yaml"
} >.pre-commit-config.yaml
run grep -c "entry: ${binary} " .pre-commit-config.yaml
check "both shipped hooks found and pointed at the binary" test "$out" = 2
out=$(cat .pre-commit-config.yaml)
check "the local config lists both hook ids" \
  grep -q -e '- id: authshift$' -e '- id: authshift-fix$' .pre-commit-config.yaml

run "$pre_commit" install
check "pre-commit install" test "$rc" = 0
git add .pre-commit-config.yaml
run git commit -q -m "pre-commit config"
check "committing the config passes the hooks" test "$rc" = 0

# An Authtoken: the commit is refused and the finding is shown.
printf '%s\n' "$bad_ruby" >client.rb
git add client.rb
run git commit -q -m "bad"
check "a commit with an Authtoken is refused" test "$rc" != 0
check "the finding is shown (path:line)" contains "$out" "client.rb:1:"
check "the finding is shown (rule id)" contains "$out" "authtoken-header]"  # zoho-authtoken-header, or the Ruby IR rule
check "the scan hook is reported as failed" contains "$out" "authshift (Zoho Authtoken usage)"
check "nothing was committed" test "$(git rev-list --count HEAD)" = 1

# Fixed by hand: the commit passes.
printf '%s\n' "$clean_ruby" >client.rb
git add client.rb
run git commit -q -m "clean"
check "a clean commit passes" test "$rc" = 0
check "the clean commit exists" test "$(git rev-list --count HEAD)" = 2

# The fix hook alone: it exits 0 (--fail-on none) yet fails the run because it changed a file.
printf '%s\n' "$bad_deluge" >alone.dg
git add alone.dg
run "$pre_commit" run authshift-fix --files alone.dg
check "the fix hook fails the run when it changes files" test "$rc" != 0
check "pre-commit says files were modified" contains "$out" "files were modified by this hook"
check "the fix hook itself exited 0" lacks "$out" "exit code:"
check "the fix hook rewrote alone.dg" grep -q 'connection: "zohobooks"' alone.dg
run "$pre_commit" run authshift-fix --files alone.dg
check "a second fix run changes nothing and passes" test "$rc" = 0
git rm -q -f alone.dg

# A Deluge call with an Authtoken, through git commit: the first attempt fails (finding + rewrite),
# the rewritten file is staged, the next attempt passes.
printf '%s\n' "$bad_deluge" >invoices.dg
git add invoices.dg
run git commit -q -m "deluge"
check "the first attempt with a fixable Deluge call fails" test "$rc" != 0
check "the fix hook reports modified files" contains "$out" "files were modified by this hook"
check "invoices.dg was rewritten to invokeurl" grep -q 'invokeurl' invoices.dg
check "invoices.dg uses the zohobooks connection" grep -q 'connection: "zohobooks"' invoices.dg
check "the authtoken parameter is gone" not grep -q "authtoken=" invoices.dg
check "nothing was committed yet" test "$(git rev-list --count HEAD)" = 2
git add invoices.dg
run git commit -q -m "deluge, fixed"
check "after git add the next attempt passes" test "$rc" = 0
check "the fixed file is committed" test "$(git rev-list --count HEAD)" = 3

# ---- B: the shipped file as a hook repository, authshift on PATH -----------------------------------
hooks_repo=$tmp/hooks-repo
mkdir -p "$hooks_repo" "$tmp/bin"
cp -- "$hooks_yaml" "$hooks_repo/.pre-commit-hooks.yaml"
git -C "$hooks_repo" init -q .
git -C "$hooks_repo" add .pre-commit-hooks.yaml
git -C "$hooks_repo" commit -q -m hooks
rev=$(git -C "$hooks_repo" rev-parse HEAD)
ln -s -- "$binary" "$tmp/bin/authshift"

consumer=$tmp/consumer
mkdir -p "$consumer"
cd "$consumer"
git init -q .
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: file://$hooks_repo
    rev: $rev
    hooks:
      - id: authshift
EOF
printf '%s\n' "$bad_ruby" >api.rb
printf 'nothing to see\n' >README.txt
git add .
run env PATH="$tmp/bin:$PATH" "$pre_commit" run --files api.rb README.txt
check "the shipped hook (cloned) refuses an Authtoken" test "$rc" != 0
check "the shipped hook shows the finding" contains "$out" "api.rb:1:"
run env PATH="$tmp/bin:$PATH" "$pre_commit" run --files README.txt
check "the shipped hook passes a clean file" test "$rc" = 0

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
