#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
# Debian 12 as root (or with sudo). Idempotent: a second run does nothing but check.
set -euo pipefail
cd "$(dirname "$0")/.."

# --lean: only what the lean build (-DAUTHSHIFT_WITH_CLANG=OFF -DAUTHSHIFT_BUILD_TESTS=OFF) needs;
# scripts/install.sh uses it to build from source on a CI runner.
LEAN_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libre2-dev nlohmann-json3-dev libyaml-cpp-dev
  nodejs npm
)
APT_PACKAGES=(
  "${LEAN_PACKAGES[@]}"
  catch2
  clang-14 clang-tidy-14 llvm-14-dev libclang-14-dev libclang-cpp14-dev
  libclang-rt-14-dev  # libFuzzer and the sanitizer runtimes for clang-14 (make fuzz)
  libcurl4-openssl-dev
  php-cli php-curl ruby curl openjdk-17-jdk-headless  # tests/oauth_e2e runs the fixed PHP, Ruby, Bash (curl), Java programs
  golang-go node-typescript                          # ... Go (1.19) and TypeScript (tsc 4.8, then node) programs
  mono-mcs mono-runtime libmono-system-net-http4.0-cil  # ... and C# programs (Mono 6.8, HttpClient)
  python3 python3-yaml python3-jsonschema
  ripgrep hyperfine time pre-commit
  zsh fish                 # tests/e2e/completion_test.sh drives the generated completions
)
if [[ "${1:-}" == "--lean" ]]; then
  APT_PACKAGES=("${LEAN_PACKAGES[@]}")
fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # nodejs/npm may come from elsewhere (the image ships its own): a working command is enough.
  case "$p" in
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing apt packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: apt packages present"
fi

# Pinned grammar sources: reinstall only when the lockfile changed since the last install.
stamp=node_modules/.authshift-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "setup: npm grammar sources present"
else
  echo "setup: installing pinned npm grammar sources (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
