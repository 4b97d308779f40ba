#!/usr/bin/env bash
# Tests the Windows build under Wine (after `scripts/build-windows.sh app`):
#   1. the Qt Test executables cross-built in build-win/, run by ctest through Wine;
#   2. the command line of the portable folder against the Linux build, on the bundled sample:
#      --version, check (exit code and JSON), ports, export (PDF text);
#   3. the installer: silent install, files, Start Menu shortcut, Apps registration, the installed
#      program runs, silent uninstall removes it all;
#   4. the window under Xvfb with Qt's `windows` platform, at 1366x768 and 1920x1080.
# EDGEMAP_SKIP_CTEST=1 skips step 1 (about 10 minutes).
# Prints a summary; exits non-zero when a step fails. Results in build-win/wine-results/.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CACHE="${EDGEMAP_CACHE:-$HOME/.cache/edgemap}"
VERSION="$(sed -n 's/^project(EdgeMap VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")"
BUILD="$ROOT/build-win"
STAGE_DIR="$BUILD/stage/EdgeMap-${VERSION}-win64"
SETUP="$ROOT/dist/EdgeMap-${VERSION}-win64-setup.exe"
OUT="$BUILD/wine-results"
LINUX_BUILD="${EDGEMAP_LINUX_BUILD:-$ROOT/build}"
rm -rf "$OUT"
mkdir -p "$OUT"

export WINEPREFIX="$CACHE/wineprefix"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko install prompts
if [ ! -f "$WINEPREFIX/system.reg" ]; then
    wineboot --init > /dev/null 2>&1
fi
wineserver -w

failures=()
pass() { printf 'PASS  %s\n' "$*" | tee -a "$OUT/summary.txt"; }
fail() { printf 'FAIL  %s\n' "$*" | tee -a "$OUT/summary.txt"; failures+=("$*"); }

SAMPLE_TOPOLOGY="$ROOT/resources/topologies/default.edgemap.json"
SAMPLE_SNAPSHOT="$ROOT/resources/samples/edge01-netstat-anob.txt"
WIN_EXE="$STAGE_DIR/edgemap.com"

# --- 1. Qt Test executables -------------------------------------------------------------------
if [ "${EDGEMAP_SKIP_CTEST:-0}" = 1 ]; then
    echo "== ctest under Wine: skipped (EDGEMAP_SKIP_CTEST=1)"
else
echo "== ctest under Wine (this takes a while)"
ctest --test-dir "$BUILD" --timeout 600 --output-on-failure > "$OUT/ctest.txt" 2>&1
grep -E '^ *[0-9]+/[0-9]+ Test' "$OUT/ctest.txt" | sed 's/^ *//' > "$OUT/ctest-lines.txt"
passed=$(grep -c ' Passed ' "$OUT/ctest-lines.txt" || true)
total=$(wc -l < "$OUT/ctest-lines.txt")
grep -v ' Passed ' "$OUT/ctest-lines.txt" > "$OUT/ctest-failed.txt" || true
if [ "$passed" -eq "$total" ] && [ "$total" -gt 0 ]; then
    pass "ctest under Wine: $passed/$total test executables"
else
    fail "ctest under Wine: $passed/$total passed; failed: $(awk '{print $4}' "$OUT/ctest-failed.txt" | tr '\n' ' ')"
fi
fi

# --- 2. The command line, Windows against Linux --------------------------------------------------
echo "== command line: Wine against Linux"
if [ ! -x "$LINUX_BUILD/app/edgemap" ]; then
    cmake -S "$ROOT" -B "$LINUX_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
    cmake --build "$LINUX_BUILD" --target edgemap > /dev/null
fi
LINUX_EXE="$LINUX_BUILD/app/edgemap"
run_both() { # name, then the arguments (files given as Unix paths; Wine maps them to Z:)
    local name="$1"; shift
    (cd "$OUT" && wine "$WIN_EXE" "$@" > "$OUT/$name.win.out" 2> "$OUT/$name.win.err"; echo $? > "$OUT/$name.win.rc")
    (cd "$OUT" && QT_QPA_PLATFORM=offscreen "$LINUX_EXE" "$@" > "$OUT/$name.linux.out" 2> "$OUT/$name.linux.err"; echo $? > "$OUT/$name.linux.rc")
}
same() { # name, description
    local name="$1" what="$2"
    if ! cmp -s "$OUT/$name.win.rc" "$OUT/$name.linux.rc"; then
        fail "$what: exit code $(cat "$OUT/$name.win.rc") under Wine, $(cat "$OUT/$name.linux.rc") on Linux"
    elif ! cmp -s "$OUT/$name.win.out" "$OUT/$name.linux.out"; then
        diff "$OUT/$name.linux.out" "$OUT/$name.win.out" > "$OUT/$name.diff"
        fail "$what: output differs (exit $(cat "$OUT/$name.win.rc"); $OUT/$name.diff)"
    else
        pass "$what: same output and exit code $(cat "$OUT/$name.win.rc") ($(wc -c < "$OUT/$name.win.out") bytes)"
    fi
}
run_both version --version
same version "edgemap --version"
run_both check check "$SAMPLE_TOPOLOGY" "$SAMPLE_SNAPSHOT" --format json
# The JSON names the snapshot file as given and its file time: the same file, the same text.
same check "edgemap check (JSON) on the bundled sample"
run_both checktext check "$SAMPLE_TOPOLOGY" "$SAMPLE_SNAPSHOT"
same checktext "edgemap check (text) on the bundled sample"
run_both ports ports "$SAMPLE_TOPOLOGY" --format csv
same ports "edgemap ports (CSV)"
run_both firewall ports "$SAMPLE_TOPOLOGY" --firewall both --format md
same firewall "edgemap ports --firewall both (Markdown)"
(cd "$OUT" && wine "$WIN_EXE" export "$SAMPLE_TOPOLOGY" --snapshot "$SAMPLE_SNAPSHOT" \
    --title "EdgeMap sample" -o "$OUT/diagram-win.pdf" > "$OUT/export.win.out" 2>&1; echo $? > "$OUT/export.win.rc")
(cd "$OUT" && QT_QPA_PLATFORM=offscreen "$LINUX_EXE" export "$SAMPLE_TOPOLOGY" --snapshot "$SAMPLE_SNAPSHOT" \
    --title "EdgeMap sample" -o "$OUT/diagram-linux.pdf" > "$OUT/export.linux.out" 2>&1; echo $? > "$OUT/export.linux.rc")
if [ -s "$OUT/diagram-win.pdf" ] && [ "$(cat "$OUT/export.win.rc")" = 0 ]; then
    # Words, not layout: the fonts differ (Wine has no Segoe UI), so lines may break elsewhere.
    # -raw: in drawing order, which both builds share; pdftotext's layout guess splits a word
    # where another face's glyphs sit a little apart ("A/ V").
    pdftotext -raw "$OUT/diagram-win.pdf" - | tr -s ' \n' '\n\n' | sort > "$OUT/diagram-win.words"
    pdftotext -raw "$OUT/diagram-linux.pdf" - | tr -s ' \n' '\n\n' | sort > "$OUT/diagram-linux.words"
    # The title block gives the time of the export: drop clock times before comparing.
    grep -vE '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$|^[0-9]{4}-[0-9]{2}-[0-9]{2}' "$OUT/diagram-win.words" > "$OUT/w"
    grep -vE '^[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$|^[0-9]{4}-[0-9]{2}-[0-9]{2}' "$OUT/diagram-linux.words" > "$OUT/l"
    # Labels too long for their box are elided where the font's metrics say so, and Wine has
    # other fonts than Debian (issue 15 removes the elision): compare the whole words, count
    # the elided ones.
    elided_w=$(grep -c '…' "$OUT/w"); elided_l=$(grep -c '…' "$OUT/l")
    grep -v '…' "$OUT/w" > "$OUT/w.full"; grep -v '…' "$OUT/l" > "$OUT/l.full"
    if cmp -s "$OUT/w.full" "$OUT/l.full"; then
        pass "edgemap export -o x.pdf: same words as on Linux ($(wc -l < "$OUT/w.full") whole words, $(pdfinfo "$OUT/diagram-win.pdf" | awk '/^Pages/{print $2}') page(s); elided labels: $elided_w under Wine, $elided_l on Linux)"
    else
        diff "$OUT/l.full" "$OUT/w.full" > "$OUT/export.diff"
        fail "edgemap export -o x.pdf: the PDF text differs from Linux ($OUT/export.diff)"
    fi
else
    fail "edgemap export -o x.pdf under Wine: exit $(cat "$OUT/export.win.rc"), $(cat "$OUT/export.win.out")"
fi

# --- 3. The installer ------------------------------------------------------------------------
echo "== installer: silent install and uninstall"
USERNAME_WIN="$(wine cmd /c echo %USERNAME% 2>/dev/null | tr -d '\r')"
APPDIR="$WINEPREFIX/drive_c/users/$USERNAME_WIN/AppData/Local/Programs/EdgeMap"
rm -rf "$APPDIR"
wine "$SETUP" /S; wineserver -w
if [ -f "$APPDIR/edgemap.exe" ] && [ -f "$APPDIR/edgemap.com" ] && [ -f "$APPDIR/uninstall.exe" ]; then
    pass "setup /S installed $(find "$APPDIR" -type f | wc -l) files into %LOCALAPPDATA%\\Programs\\EdgeMap"
else
    fail "setup /S: no edgemap.exe/.com/uninstall.exe in $APPDIR"
fi
REG_KEY='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\EdgeMap'
if wine reg query "$REG_KEY" /v DisplayVersion 2>/dev/null | grep -q "$VERSION"; then
    pass "registered under Apps (HKCU uninstall key, DisplayVersion $VERSION)"
else
    fail "no uninstall registration at $REG_KEY"
fi
if find "$WINEPREFIX/drive_c/users/$USERNAME_WIN" -name 'EdgeMap.lnk' | grep -q 'Start Menu'; then
    pass "Start Menu shortcut"
else
    fail "no Start Menu shortcut"
fi
if wine reg query 'HKCU\Software\Classes\.json\OpenWithProgids' /v EdgeMap.Topology > /dev/null 2>&1; then
    pass ".json offers Open with EdgeMap (OpenWithProgids)"
else
    fail "no OpenWithProgids entry for .json"
fi
installed_version="$(wine "$APPDIR/edgemap.com" --version 2>/dev/null | tr -d '\r')"
if printf '%s' "$installed_version" | grep -q "$VERSION"; then
    pass "the installed edgemap.com runs: $installed_version"
else
    fail "the installed edgemap.com --version printed '$installed_version'"
fi
(cd "$OUT" && wine "$APPDIR/edgemap.com" check "$(wine winepath -w "$APPDIR/samples/default.edgemap.json" 2>/dev/null | tr -d '\r')" \
    "$(wine winepath -w "$APPDIR/samples/edge01-netstat-anob.txt" 2>/dev/null | tr -d '\r')" > "$OUT/installed-check.out" 2>&1)
installed_rc=$?
if [ "$installed_rc" = "$(cat "$OUT/checktext.linux.rc")" ] && [ -f "$APPDIR/edgemap.com" ]; then
    pass "the installed edgemap.com check on its bundled samples (C:\\ paths): exit $installed_rc"
else
    fail "the installed edgemap.com check: exit $installed_rc ($(head -3 "$OUT/installed-check.out"))"
fi
wine "$APPDIR/uninstall.exe" /S "_?=$(wine winepath -w "$APPDIR" 2>/dev/null | tr -d '\r')"; wineserver -w
rm -f "$APPDIR/uninstall.exe"; rmdir "$APPDIR" 2>/dev/null  # _?= leaves the uninstaller itself
if [ -n "$installed_version" ] && [ ! -e "$APPDIR" ] && ! wine reg query "$REG_KEY" > /dev/null 2>&1 \
    && ! find "$WINEPREFIX/drive_c/users/$USERNAME_WIN" -name 'EdgeMap.lnk' | grep -q .; then
    pass "uninstall /S removed the files, the shortcut and the registration"
else
    fail "uninstall /S left: $(ls "$APPDIR" 2>/dev/null | tr '\n' ' ') $(wine reg query "$REG_KEY" > /dev/null 2>&1 && echo registration)"
fi

# --- 4. The window, drawn by Qt's windows platform under Xvfb -------------------------------------
echo "== screenshot under Xvfb"
for size in 1366x768 1920x1080; do
    Xvfb :57 -screen 0 "${size}x24" -nolisten tcp > /dev/null 2>&1 &
    xvfb=$!
    sleep 2
    (cd "$OUT" && DISPLAY=:57 wine "$STAGE_DIR/edgemap.exe" "$SAMPLE_TOPOLOGY" --snapshot "$SAMPLE_SNAPSHOT" > "$OUT/gui-$size.log" 2>&1 &)
    sleep "${EDGEMAP_SCREENSHOT_WAIT:-25}"
    DISPLAY=:57 import -window root "$OUT/window-$size.png" 2> /dev/null
    wineserver -k
    kill "$xvfb" 2> /dev/null; wait "$xvfb" 2> /dev/null
    if [ -s "$OUT/window-$size.png" ] && [ "$(convert "$OUT/window-$size.png" -format '%k' info:)" -gt 50 ]; then
        pass "window at $size under Wine: $OUT/window-$size.png"
    else
        fail "window at $size under Wine: no picture (see $OUT/gui-$size.log)"
    fi
done

echo
cat "$OUT/summary.txt"
if [ ${#failures[@]} -gt 0 ]; then
    echo "${#failures[@]} step(s) failed"
    exit 1
fi
