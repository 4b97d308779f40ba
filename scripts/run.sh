#!/usr/bin/env bash
# Installs what is missing, builds EdgeMap (Release, in build/) and starts it on the built-in
# default topology with the bundled sample snapshot (edge01 with its Web Conferencing Edge
# stopped). Extra arguments go to edgemap (e.g. a topology file).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEDGEMAP_BUILD_TESTS=OFF -DEDGEMAP_BUILD_BENCH=OFF >/dev/null
cmake --build build --target edgemap

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "EdgeMap is built (build/app/edgemap), but there is no display to show its window on." >&2
    echo "Run it from a desktop session, or under a virtual display:" >&2
    echo "    xvfb-run -a scripts/run.sh" >&2
    echo "The command line works without a display: build/app/edgemap --help" >&2
    exit 2
fi
exec build/app/edgemap --snapshot resources/samples/edge01-netstat-anob.txt "$@"
