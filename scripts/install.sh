#!/usr/bin/env bash
# install.sh [--package URL|FILE] [--prefix DIR] [--source DIR]
#
# Puts `authshift` on a CI runner or a developer machine:
#   --package URL|FILE  a release asset: authshift_<version>_<arch>.deb (installed with apt-get, which
#                       pulls its declared dependencies) or authshift-<version>-Linux-<arch>.tar.gz
#                       (unpacked into --prefix). A URL is downloaded with curl or wget.
#   without --package,  or when the package cannot be had or installed: builds from the source tree
#                       (--source, default: this script's repository) with the lean build
#                       (-DAUTHSHIFT_WITH_CLANG=OFF, no LLVM, no tests) and
#                       installs it into --prefix.
#   --prefix DIR        where the .tar.gz or the source build goes (default: $HOME/.local); DIR/bin
#                       must be on PATH. A .deb always installs into /usr.
# Prints the installed binary's `authshift --version` last. Needs root or sudo for apt-get.
set -euo pipefail

package=""
prefix="${HOME:-/root}/.local"
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
while (($#)); do
  case "$1" in
    --package) package=${2:?--package needs a value}; shift 2 ;;
    --prefix) prefix=${2:?--prefix needs a value}; shift 2 ;;
    --source) source_dir=${2:?--source needs a value}; shift 2 ;;
    *) echo "install.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() {  # URL|FILE -> a local path on stdout
  case "$1" in
    http://* | https://*)
      local out="$work/${1##*/}"
      out="${out%%\?*}"
      if command -v curl >/dev/null; then
        curl -fsSL --retry 3 -o "$out" "$1"
      elif command -v wget >/dev/null; then
        wget -q -O "$out" "$1"
      else
        echo "install.sh: neither curl nor wget to download $1" >&2
        return 1
      fi
      echo "$out" ;;
    *) readlink -f "$1" ;;
  esac
}

install_package() {
  local file
  file=$(fetch "$1") || return 1
  case "$file" in
    *.deb)
      command -v apt-get >/dev/null || { echo "install.sh: a .deb needs apt-get" >&2; return 1; }
      $SUDO apt-get update -qq || true
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$file" ;;
    *.tar.gz | *.tgz)
      mkdir -p "$prefix"
      tar -xzf "$file" -C "$prefix" --strip-components=1 ;;
    *) echo "install.sh: expected a .deb or a .tar.gz, got $file" >&2; return 1 ;;
  esac
}

build_from_source() {
  echo "install.sh: building authshift from $source_dir (lean build, no LLVM)"
  bash "$source_dir/scripts/setup.sh" --lean
  local build="$source_dir/build-install"
  cmake -S "$source_dir" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DAUTHSHIFT_WITH_CLANG=OFF -DAUTHSHIFT_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j "$(nproc)"
  cmake --install "$build" --prefix "$prefix" --strip >/dev/null
}

if [[ -n "$package" ]]; then
  if ! install_package "$package"; then
    echo "install.sh: could not install $package; falling back to a source build" >&2
    build_from_source
  fi
else
  build_from_source
fi

if command -v authshift >/dev/null; then
  authshift --version
elif [[ -x "$prefix/bin/authshift" ]]; then
  "$prefix/bin/authshift" --version
  echo "install.sh: add $prefix/bin to PATH" >&2
else
  echo "install.sh: authshift was not installed" >&2
  exit 1
fi
