#!/usr/bin/env bash
# The one set-up script behind README's two commands:
#   scripts/dev.sh start   install what is missing, build, start vangnet on the embedded SQLite default
#   scripts/dev.sh test    install what is missing, build, run every test (C++, browser, and a
#                          short fuzz run of each parser)
# A second run installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# C++ toolchain and libraries (Debian 12 packages), Node.js for the web UI.
APT_BUILD=(g++ cmake ninja-build pkg-config libsqlite3-dev nlohmann-json3-dev libsodium-dev
           libcpp-httplib-dev libyaml-cpp-dev libgtest-dev libcurl4-openssl-dev liblemon-dev
           libglpk-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core libarchive-dev liboath-dev
           libcjose-dev libjansson-dev libssl-dev libpq-dev libbrotli-dev zlib1g-dev
           libexpat1-dev libxlsxwriter-dev coinor-libcbc-dev)
# Only the tests need a browser, poppler's pdftotext/pdftoppm to read the printouts back,
# oathtool to compute second-factor codes independently of vangnet's own TOTP code, clang with
# its libFuzzer runtime for the parsers' fuzz targets (bench/fuzz.sh), and a PostgreSQL server
# for the same store, service and API tests on PostgreSQL, with pg_auto_failover for the
# failover test (a primary, a synchronous standby and the monitor that promotes it), and
# openpyxl, a spreadsheet library nobody here wrote, to make the Excel files the import reads;
# curl for the failover test's health checks (a bare Debian has none), procps to freeze.
APT_TEST=(chromium poppler-utils oathtool clang libclang-rt-14-dev postgresql-15 postgresql-common
          postgresql-15-auto-failover pg-auto-failover-cli python3-openpyxl curl procps)

sudo_if_needed() { if [ "$(id -u)" -ne 0 ]; then sudo "$@"; else "$@"; fi; }

apt_updated=0
install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "vangnet: installing ${missing[*]}" >&2
  if [ "$apt_updated" -eq 0 ]; then sudo_if_needed apt-get update -qq; apt_updated=1; fi
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# The machine's node when it is new enough (Vite 6 runs on 18 and later), else Debian's.
install_node() {
  local major=0
  if command -v node >/dev/null 2>&1; then major=$(node -p 'process.versions.node.split(".")[0]'); fi
  if [ "$major" -lt 18 ] || ! command -v npm >/dev/null 2>&1; then install_packages nodejs npm; fi
}

# build [target]: configure once, then build incrementally (the whole tree when no target).
build() {
  if [ ! -f build/build.ninja ]; then
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build build --parallel "$(nproc)" ${1:+--target "$1"}
}

# The web UI into web/dist: npm ci when the lock file changed, vite when a source did.
build_web() {
  install_node
  if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/package-lock.json web/vite.config.ts -newer web/dist/index.html -print -quit)" ]; then
    (cd web && npm run --silent build)
  fi
}

cmd="${1:-}"
case "$cmd" in
  start)
    shift
    install_packages "${APT_BUILD[@]}"
    build vangnet
    build_web
    db="${VANGNET_DB:-var/vangnet.db}"
    ./build/vangnet migrate --db "$db" >/dev/null
    ./build/vangnet demo --db "$db"
    exec ./build/vangnet serve --db "$db" "$@"
    ;;
  test)
    install_packages "${APT_BUILD[@]}" "${APT_TEST[@]}"
    build
    build_web
    # Inside a throwaway PostgreSQL cluster (pg_virtualenv makes it for this run and removes it
    # after), so the tests labelled "postgres" run the store, service and API tests on it.
    # No fsync in the throwaway cluster: it is removed after the run anyway.
    pg_virtualenv -v 15 -o fsync=off -o full_page_writes=off -o synchronous_commit=off \
      ctest --test-dir build --output-on-failure --parallel "$(nproc)"
    (cd web && VANGNET_BINARY="$PWD/../build/vangnet" node --test --test-concurrency=1 tests/)
    # Dates for machines must not depend on the machine's zone, locale or ICU data: the date
    # helpers once more under another zone and the C locale (the browser suite passes that way
    # too: README "Testing on another zone").
    (cd web && TZ=America/New_York LANG=C.UTF-8 LC_ALL=C.UTF-8 node --test tests/amsterdam_time.test.mjs)
    # A primary killed, then one frozen (SIGSTOP), under writes through two servers: no
    # acknowledged write lost; frozen, every request answered within 1 s.
    scripts/failover-test.sh build/vangnet kill
    scripts/failover-test.sh build/vangnet freeze
    # Every parser that takes outside input, fuzzed a few seconds each on its seed corpus.
    bench/fuzz.sh 3
    ;;
  slow-clients)
    # Too heavy for every run: 500 slow connections against a demo server, and the times of a
    # normal user's requests meanwhile (bench/slow_clients.py; README "Security").
    install_packages "${APT_BUILD[@]}"
    build vangnet
    work=$(mktemp -d)
    trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
    ./build/vangnet demo --db "$work/demo.db" >/dev/null
    ./build/vangnet serve --db "$work/demo.db" --listen 127.0.0.1:18090 >"$work/serve.log" 2>&1 &
    server=$!
    python3 bench/slow_clients.py --port 18090 --slow "${2:-500}"
    ;;
  *)
    echo "usage: scripts/dev.sh start|test|slow-clients [N]" >&2
    exit 64
    ;;
esac
