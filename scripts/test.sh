#!/usr/bin/env bash
# Installs what is missing, checks formatting, builds with warnings as errors, runs every test
# offscreen, then builds and runs the tests again under AddressSanitizer + UBSan.
# EDGEMAP_SKIP_SANITIZERS=1 skips the second pass (for a quick local run); then each fuzz target
# runs for 30 s (scripts/fuzz.sh), EDGEMAP_SKIP_FUZZ=1 skips that.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
jobs=$(nproc)
export QT_QPA_PLATFORM=offscreen

echo "== clang-format"
mapfile -t sources < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find app model views tests -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror "${sources[@]}"

echo "== portability (platform-only code stays in platform files)"
scripts/check-portability.sh

echo "== build (warnings are errors)"
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEDGEMAP_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build build-test -j "$jobs"

echo "== tests"
(cd build-test && ctest --output-on-failure -j "$jobs")

if [ "${EDGEMAP_SKIP_SANITIZERS:-0}" != "1" ]; then
    echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DEDGEMAP_SANITIZE=ON \
        -DEDGEMAP_WARNINGS_AS_ERRORS=ON -DEDGEMAP_BUILD_BENCH=OFF >/dev/null
    cmake --build build-asan -j "$jobs"
    # Leak checking is off: Qt's platform plugins and fontconfig keep process-lifetime caches
    # that LeakSanitizer reports as leaks. Memory errors and undefined behaviour still fail.
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    (cd build-asan && ctest --output-on-failure -j "$jobs")
fi

if [ "${EDGEMAP_SKIP_FUZZ:-0}" != "1" ]; then
    echo "== fuzz targets, 30 s each"
    EDGEMAP_DEPS_READY=1 scripts/fuzz.sh 30
fi
