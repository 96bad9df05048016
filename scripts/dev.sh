#!/usr/bin/env bash
# The one set-up script behind README's two commands:
#   scripts/dev.sh start   install what is missing, build, start vangnet on the embedded SQLite default
#   scripts/dev.sh test    install what is missing, build, run every test
# A second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(g++ cmake ninja-build pkg-config libsqlite3-dev nlohmann-json3-dev libsodium-dev
              libgtest-dev)

install_missing_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "vangnet: installing ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# build [target]: configure once, then build incrementally (the whole tree when no target).
build() {
  if [ ! -f build/build.ninja ]; then
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build build --parallel "$(nproc)" ${1:+--target "$1"}
}

cmd="${1:-}"
case "$cmd" in
  start)
    shift
    install_missing_packages
    build vangnet
    mkdir -p var
    db="${VANGNET_DB:-var/vangnet.db}"
    ./build/vangnet migrate --db "$db"
    exec ./build/vangnet demo --db "$db" "$@"
    ;;
  test)
    install_missing_packages
    build
    ctest --test-dir build --output-on-failure --parallel "$(nproc)"
    ;;
  *)
    echo "usage: scripts/dev.sh start|test" >&2
    exit 64
    ;;
esac
