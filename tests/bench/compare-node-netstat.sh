#!/usr/bin/env bash
# `edgemap check` next to node-netstat's win32 parser on the same rows of a busy-Edge capture
# (scripts/make-busy-capture.py), whole process each, with bench_snapshot's other figures.
# Needs node and npm (Debian: nodejs, npm); installs node-netstat into a temporary directory.
# Usage: tests/bench/compare-node-netstat.sh BUILD_DIR [ROWS] [ENCODING]
#   ENCODING: utf-16le (default, Windows PowerShell 5.1), oem (cmd) or utf-8
set -euo pipefail
build=${1:?usage: compare-node-netstat.sh BUILD_DIR [ROWS] [ENCODING]}
rows=${2:-300000}
encoding=${3:-utf-16le}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm install --silent --no-audit --no-fund node-netstat@1.9.0 >/dev/null)
python3 "$here/../../scripts/make-busy-capture.py" "$work/capture.txt" --rows "$rows" \
    --encoding "$encoding" --rows-out "$work/rows.txt"
"$build/tests/bench/bench_snapshot" "$work/capture.txt" --rows-plain "$work/rows.txt" \
    --node-netstat "$work"
