#!/usr/bin/env bash
# Compares EdgeMap's netstat parser with node-netstat's win32 parser on the same rows.
# Needs node and npm (Debian: nodejs, npm); installs node-netstat into a temporary directory.
# Usage: tests/bench/compare-node-netstat.sh BUILD_DIR [ROWS]
set -euo pipefail
build=${1:?usage: compare-node-netstat.sh BUILD_DIR [ROWS]}
rows=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund node-netstat@1.9.0 >/dev/null)
"$build/tests/bench/bench_snapshot" "$rows" --rows-out "$work/rows.txt"
node "$(dirname "$0")/node-netstat-compare.js" "$work" "$work/rows.txt"
