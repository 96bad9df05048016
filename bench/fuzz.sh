#!/usr/bin/env bash
# Builds the libFuzzer targets (bench/fuzz/) with clang, ASan and UBSan in build-fuzz/ and runs
# each for SECONDS (default 10) on a copy of its seed corpus (bench/fuzz/corpus/<target>/; new
# inputs stay in the copy, the repository's corpus is not touched). Prints executions, coverage
# and any crash per target; exits non-zero when a target crashed. A target that takes more than
# 1 GB in all or 512 MB in one allocation counts as crashed: a small input must not be able to
# take the memory (the limits of README "Security").
#   bench/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A failed build shows its last lines; a good one stays quiet.
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DVANGNET_FUZZ=ON >"$work/configure.log" 2>&1 || { tail -40 "$work/configure.log"; exit 1; }
fi
targets=(registry_csv xlsx fhir_bundle patient_list playbook_yaml norms_yaml plan_json request_body id_token)
# Only the fuzz targets and what they link: the tests, benchmarks and the binary are built by
# the main build already (a clean CI machine would otherwise compile the whole tree twice).
cmake --build build-fuzz --parallel "$(nproc)" --target "${targets[@]/%/_fuzz}" >"$work/build.log" 2>&1 || { tail -60 "$work/build.log"; exit 1; }
status=0
for target in "${targets[@]}"; do
  mkdir -p "$work/$target" "$work/$target-crash"
  cp -r "bench/fuzz/corpus/$target/." "$work/$target/" 2>/dev/null || true
  log="$work/$target.log"
  if ! ./build-fuzz/bench/fuzz/"${target}_fuzz" "$work/$target" -max_total_time="$seconds" \
      -max_len=65536 -rss_limit_mb=1024 -malloc_limit_mb=512 \
      -artifact_prefix="$work/$target-crash/" -print_final_stats=1 >"$log" 2>&1; then
    status=1
    echo "== $target: CRASH"; tail -40 "$log"
    cp "$work/$target-crash/"* . 2>/dev/null || true
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
  echo "$target: $runs executions in ${seconds}s, coverage $cov edges"
done
exit $status
