#!/usr/bin/env bash
# sectorsim set-up: install what is missing (Debian 12, as root), build, then
# run the main job or the whole test suite.
#
#   ./setup.sh run     install + build + run the nationwide Japan baseline scenario,
#                      print its national summary and write the report out/report/,
#                      then the Japan incident catalogue: annual risk and the
#                      regulation options ranked across it (out/japan-risk.h5 and
#                      the report out/risk-report/)
#   ./setup.sh test    install + build + ctest (the full suite); warnings are errors
#   ./setup.sh sanitize  install + build with ASan and UBSan in build-asan/, warnings as
#                      errors, + the unit and e2e tests there (leaks and UB fail them)
#   ./setup.sh build   install + build only
#
# CI (.ci/run) runs `test`, then `sanitize`.  `test` and `sanitize` configure
# with -DSSIM_WERROR=ON whatever the environment, so a build directory
# configured without it is reconfigured (and rebuilt); `run` and `build` keep
# what the build directory has (a fresh one: warnings stay warnings).
# Idempotent: packages already installed and an up-to-date build are skipped.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake pkg-config git valgrind clang-format
  libhdf5-dev hdf5-tools libgsl-dev libigraph-dev librandom123-dev libyaml-dev
  openmpi-bin libopenmpi-dev
  python3 python3-numpy python3-h5py python3-xarray python3-h5netcdf python3-netcdf4
  python3-networkx
  python3-matplotlib python3-pandas chromium fonts-dejavu-core
)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

# build DIR [CMAKE OPTIONS...]: configure DIR (options given replace cached ones) and build.
build() {
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}

main_job() {
  mkdir -p out
  build/bin/sectorsim run scenarios/japan/baseline.yaml -o out/japan-baseline.h5
  build/bin/sectorsim report out/japan-baseline.h5 -o out/report
  echo "report: out/report/index.html" >&2
  build/bin/sectorsim risk scenarios/japan/catalogue.yaml -o out/japan-risk.h5
  build/bin/sectorsim report out/japan-risk.h5 -o out/risk-report
  echo "risk report: out/risk-report/index.html" >&2
}

run_tests() {
  ctest --test-dir build --output-on-failure -j "$(nproc)"
}

# The unit and e2e tests under ASan (leak checking on) and UBSan (the first
# report stops the program).  Tests that cannot run there are skipped by
# tests/*.cmake when SSIM_SANITIZE is on (valgrind), each with its reason.
run_sanitized_tests() {
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest --test-dir build-asan -L 'unit|e2e' --output-on-failure -j "$(nproc)"
}

case "${1:-run}" in
  run) install_missing; build build; main_job ;;
  test) install_missing; build build -DSSIM_WERROR=ON; run_tests ;;
  sanitize) install_missing; build build-asan -DSSIM_SANITIZE=ON -DSSIM_WERROR=ON; run_sanitized_tests ;;
  build) install_missing; build build ;;
  *) echo "usage: ./setup.sh [run|test|sanitize|build]" >&2; exit 2 ;;
esac
