#!/usr/bin/env bash
# package_test.sh DEB [DEMO_DIR]
#
# Installs the Debian package DEB into a fresh Debian 12 (bookworm) root, the way a user would
# (`apt-get install ./authshift_*.deb`, which pulls the declared dependencies from the Debian
# mirror), and runs it there: `authshift version`, `authshift scan` of the demo and `authshift fix
# --dry-run` of it. Nothing of the build tree is visible inside the root, so a file the package
# forgets, or a dependency it fails to declare, fails the test.
#
# The minimal root made by debootstrap is cached as a tarball (and apt's downloads beside it), so
# only the first run needs minutes; every run unpacks a fresh copy. Needs root, debootstrap and the
# network to the Debian mirror.
#   AUTHSHIFT_PACKAGE_TEST_CACHE  cache folder (default /var/cache/authshift-package-test)
#   AUTHSHIFT_DEBIAN_MIRROR       mirror URL (default http://deb.debian.org/debian)
# Exit 0 when every check passes; prints "N passed, N failed".
set -euo pipefail

deb=$(readlink -f "${1:?usage: package_test.sh DEB [DEMO_DIR]}")
demo=$(readlink -f "${2:-$(dirname "$0")/../fixtures/demo}")
cache=${AUTHSHIFT_PACKAGE_TEST_CACHE:-/var/cache/authshift-package-test}
mirror=${AUTHSHIFT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm

[[ $(id -u) -eq 0 ]] || { echo "package_test: needs root (debootstrap, chroot)"; exit 2; }
command -v debootstrap >/dev/null || { echo "package_test: needs debootstrap (apt-get install debootstrap)"; exit 2; }
[[ -f "$deb" ]] || { echo "package_test: no such package: $deb"; exit 2; }

mkdir -p "$cache/archives/partial" "$cache/lists/partial"
base="$cache/$suite-minbase.tar"
if [[ ! -f "$base" ]]; then
  echo "package_test: creating the cached Debian $suite root (debootstrap --variant=minbase; once)"
  tmp=$(mktemp -d)
  debootstrap --variant=minbase "$suite" "$tmp" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log"; rm -rf "$tmp"; exit 2; }
  tar -C "$tmp" -cf "$base.tmp" . && mv "$base.tmp" "$base"
  rm -rf "$tmp"
fi

root=$(mktemp -d /tmp/authshift-root.XXXXXX)
mounts=()
cleanup() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
mount_bind() { mkdir -p "$2"; mount --bind "$1" "$2"; mounts+=("$2"); }
mount -t proc proc "$root/proc" && mounts+=("$root/proc")
mount_bind /dev "$root/dev"
mount_bind "$cache/archives" "$root/var/cache/apt/archives"
mount_bind "$cache/lists" "$root/var/lib/apt/lists"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
echo "deb $mirror $suite main" >"$root/etc/apt/sources.list"
mkdir -p "$root/work"
cp "$deb" "$root/work/"
cp -r "$demo" "$root/work/demo"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

passed=0
failed=0
check() {  # name command...: passes when the command exits 0
  local name=$1
  shift
  if "$@"; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    failed=$((failed + 1))
  fi
}

echo "package_test: apt-get install ./$(basename "$deb") in a fresh $suite root"
apt_opts=(-o APT::Sandbox::User=root -o Dpkg::Use-Pty=0)  # no _apt user needed, no pty in the chroot
in_root apt-get "${apt_opts[@]}" update -qq >/dev/null
apt_install() {  # quiet unless it fails
  in_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends \
    "/work/$(basename "$deb")" >"$root/work/apt.log" 2>&1 || { tail -20 "$root/work/apt.log"; return 1; }
}
check "apt-get install ./$(basename "$deb")" apt_install

version=$(in_root authshift version 2>&1 || true)
echo "  authshift version: $version"
check "authshift version names the version and a commit" \
  grep -Eq '^authshift [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)$' <<<"$version"
check "authshift --version" test "$(in_root authshift --version 2>&1)" = "$version"

# The demo has findings: scan exits 1 and reports as many as the same binary does outside.
sums() { in_root sh -c 'cd /work/demo && find . -type f | sort | xargs sha256sum'; }
before=$(sums)
set +e
scan=$(in_root sh -c 'cd /work/demo && authshift scan --no-color --format json .' 2>/dev/null)
scan_rc=$?
fix=$(in_root sh -c 'cd /work/demo && authshift fix --dry-run --no-color .' 2>/dev/null)
fix_rc=$?
set -e
count_findings() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' 2>/dev/null || echo 0; }
count=$(count_findings <<<"$scan")
echo "  authshift scan: exit $scan_rc, $count findings"
check "authshift scan of the demo finds Authtoken usage (exit 1)" test "$scan_rc" -eq 1 -a "$count" -gt 0
host=$(mktemp -d)
dpkg-deb -x "$deb" "$host"
host_json=$(cd "$demo" && "$host/usr/bin/authshift" scan --no-git --format json . 2>/dev/null || true)
host_count=$(count_findings <<<"$host_json")
rm -rf "$host"
check "as many findings as the packaged binary run on the host ($host_count)" test "$count" -eq "$host_count"
echo "  authshift fix --dry-run: exit $fix_rc, $(grep -c '^+++ ' <<<"$fix" || true) files changed"
check "authshift fix --dry-run prints a diff" grep -q '^+++ ' <<<"$fix"
check "authshift fix --dry-run leaves the files as they were" test "$(sums)" = "$before"

# What the package installs besides the binary.
for f in /usr/share/man/man1/authshift.1.gz /usr/share/bash-completion/completions/authshift \
  /usr/share/zsh/vendor-completions/_authshift /usr/share/fish/vendor_completions.d/authshift.fish \
  /usr/share/doc/authshift/README.md; do
  check "installs $f" test -s "$root$f"
done
check "the man page is authshift(1)" sh -c "zcat '$root/usr/share/man/man1/authshift.1.gz' | grep -q '^.TH AUTHSHIFT 1'"
check "every shared library resolves" sh -c "! chroot '$root' ldd /usr/bin/authshift | grep -q 'not found'"
check "the Clang plugin's shared libraries resolve" \
  sh -c "! chroot '$root' ldd /usr/lib/authshift/libauthshift_clang.so | grep -q 'not found'"
# The Clang plugin is loaded from lib/authshift beside the installed binary: a C file is lowered by
# Clang (`--verbose` names the path taken per file) and its Authtoken is found.
mkdir -p "$root/work/cfile"
cat >"$root/work/cfile/zoho.c" <<'EOF'
typedef void CURL; /* no headers in the root: the declarations libcurl's header would give */
enum { CURLOPT_URL = 10002 };
CURL *curl_easy_init(void);
int curl_easy_setopt(CURL *handle, int option, ...);
int curl_easy_perform(CURL *handle);
int main(void) {
  CURL *c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, "https://www.zohoapis.com/books/v3/invoices?authtoken=${TOKEN}");
  return curl_easy_perform(c);
}
EOF
cpath=$(in_root sh -c 'cd /work/cfile && authshift scan --no-git --cfamily clang --verbose . 2>&1 >/dev/null' || true)
echo "  $(grep -m1 '^C/C++ ' <<<"$cpath" || echo 'no C/C++ path line')"
check "the packaged Clang plugin lowers a C file" grep -q '^C/C++ zoho.c: clang$' <<<"$cpath"
check "help works without a terminal" sh -c "chroot '$root' authshift help scan >/dev/null"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
