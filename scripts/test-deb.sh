#!/usr/bin/env bash
# Builds EdgeMap (Release) and its .deb, installs the .deb into a clean Debian 12 root made with
# debootstrap, and runs it there: `edgemap --version`, `edgemap check` on the installed sample
# against the installed default topology, and the window on a virtual display (screenshot).
# Prints a PASS/FAIL line per step and exits 1 if any failed. Needs root (debootstrap, chroot).
#
#   EDGEMAP_BUILD_DIR   build directory (default build-deb)
#   EDGEMAP_CACHE       where the pristine root is kept as a tarball (default ~/.cache/edgemap)
#   EDGEMAP_DEBIAN_MIRROR   (default http://deb.debian.org/debian)
#   EDGEMAP_TEST_DEB_GUI=0  skips the window check
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build=${EDGEMAP_BUILD_DIR:-build-deb}
cache=${EDGEMAP_CACHE:-$HOME/.cache/edgemap}
mirror=${EDGEMAP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
arch=$(dpkg --print-architecture)
pristine="$cache/debian12-minbase-$arch.tar"

if [ "$(id -u)" -ne 0 ]; then
    echo "test-deb: needs root (debootstrap and chroot); try: sudo $0" >&2
    exit 2
fi
scripts/setup-deps.sh
extra=()
for p in debootstrap dpkg-dev fakeroot imagemagick x11-utils; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || extra+=("$p")
done
if [ ${#extra[@]} -gt 0 ]; then
    echo "test-deb: installing ${extra[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${extra[@]}"
fi

results=()
failed=0
step() { # step NAME STATUS DETAIL
    results+=("$(printf '%-4s  %-28s %s' "$2" "$1" "$3")")
    [ "$2" = PASS ] || failed=1
}
seconds() { echo $(( $(date +%s) - $1 )); }

echo "== build and package ($build)"
t=$(date +%s)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DEDGEMAP_BUILD_TESTS=OFF \
    -DEDGEMAP_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j "$(nproc)"
rm -f "$build"/edgemap_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/edgemap_*.deb)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
step "build + cpack" PASS "$(basename "$deb") in $(seconds "$t") s"
dpkg-deb -f "$deb" Package Version Installed-Size Depends Recommends Section

echo "== clean Debian 12 root"
t=$(date +%s)
if [ ! -f "$pristine" ]; then
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/debootstrap.XXXXXX")
    debootstrap --variant=minbase --arch="$arch" bookworm "$tmp/root" "$mirror"
    tar -C "$tmp/root" --numeric-owner -cf "$pristine.part" .
    mv "$pristine.part" "$pristine"
    rm -rf "$tmp"
    step "debootstrap (minbase)" PASS "$(seconds "$t") s, cached in $pristine"
else
    step "debootstrap (minbase)" PASS "cached: $pristine"
fi

root=$(mktemp -d /tmp/edgemap-debroot.XXXXXX)
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    local busy=0
    for m in "$root/tmp/.X11-unix" "$root/proc"; do
        if mountpoint -q "$m"; then umount "$m" || umount -l "$m" || busy=1; fi
    done
    # Never delete through a mount that is still there.
    if [ "$busy" = 0 ]; then rm -rf "$root"; else echo "test-deb: left $root (busy mount)" >&2; fi
}
trap cleanup EXIT
tar -C "$root" -xf "$pristine"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "== apt-get install ./$(basename "$deb") in the clean root"
t=$(date +%s)
if in_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive in_root apt-get install -y -q \
        --no-install-recommends "/tmp/$(basename "$deb")" >"$build/test-deb-install.log" 2>&1; then
    step "apt-get install" PASS "$(seconds "$t") s, $(grep -Eo '[0-9]+ newly installed' \
        "$build/test-deb-install.log" | head -1)"
else
    tail -20 "$build/test-deb-install.log"
    step "apt-get install" FAIL "see $build/test-deb-install.log"
fi

out=$(in_root edgemap --version 2>&1) && rc=0 || rc=$?
if [ "$rc" = 0 ] && [ "$out" = "edgemap $version" ]; then
    step "edgemap --version" PASS "$out"
else
    step "edgemap --version" FAIL "exit $rc: $out"
fi

# The sample has the Web Conferencing Edge stopped: two listeners missing, so exit 1.
examples=/usr/share/edgemap/examples
out=$(in_root edgemap check "$examples/default.edgemap.json" "$examples/edge01-netstat-anob.txt" \
    2>&1) && rc=0 || rc=$?
summary=$(printf '%s\n' "$out" | grep -m1 'expected listeners' || true)
if [ "$rc" = 1 ] && [ "$summary" = "14 expected listeners: 12 OK, 2 with problems, 16 unexpected" ] \
    && printf '%s\n' "$out" | grep -q '^MISSING *TCP 8057 '; then
    step "edgemap check (sample)" PASS "exit 1, $summary"
else
    printf '%s\n' "$out" | head -20
    step "edgemap check (sample)" FAIL "exit $rc, '$summary'"
fi

missing=""
for f in /usr/share/applications/io.github.edgemap.EdgeMap.desktop \
    /usr/share/metainfo/io.github.edgemap.EdgeMap.metainfo.xml \
    /usr/share/mime/packages/io.github.edgemap.EdgeMap.xml \
    /usr/share/icons/hicolor/scalable/apps/io.github.edgemap.EdgeMap.svg \
    /usr/share/icons/hicolor/16x16/apps/io.github.edgemap.EdgeMap.png \
    /usr/share/icons/hicolor/256x256/apps/io.github.edgemap.EdgeMap.png; do
    [ -f "$root$f" ] || missing="$missing $f"
done
if [ -z "$missing" ] && appstreamcli validate-tree --no-net --no-color "$root" \
        >"$build/test-deb-validate-tree.log" 2>&1; then
    step "desktop files installed" PASS "appstreamcli validate-tree passes"
else
    cat "$build/test-deb-validate-tree.log" 2>/dev/null || true
    step "desktop files installed" FAIL "missing:${missing:- none}"
fi

# The window: Xvfb on this machine, its socket shared into the root, so that only the package's
# own dependencies (the xcb platform plugin in libqt6gui6) are tested, not anything added here.
if [ "${EDGEMAP_TEST_DEB_GUI:-1}" = 1 ]; then
    display=:$(( 90 + RANDOM % 100 ))
    Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 2
    mkdir -p "$root/tmp/.X11-unix"
    mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
    mkdir -m 700 "$root/tmp/runtime"
    shot="$build/test-deb-window.png"
    chroot "$root" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$display" \
        XDG_RUNTIME_DIR=/tmp/runtime edgemap >"$build/test-deb-gui.log" 2>&1 &
    gui_pid=$!
    sleep 8
    if kill -0 "$gui_pid" 2>/dev/null; then
        import -display "$display" -window root "$shot"
        # The main window's WM_CLASS (the .desktop file's StartupWMClass) and its icon.
        window=$(xwininfo -display "$display" -root -tree | grep -m1 '("edgemap" "EdgeMap")' \
            | awk '{print $1}' || true)
        icons=""
        [ -n "$window" ] && icons=$(xprop -display "$display" -id "$window" _NET_WM_ICON \
            | grep -o 'Icon ([0-9]* x [0-9]*)' | tr '\n' ' ' || true)
        kill "$gui_pid"; wait "$gui_pid" 2>/dev/null || true
        if [ -n "$window" ] && [ -n "$icons" ]; then
            step "window under Xvfb" PASS "running after 8 s, WM_CLASS EdgeMap, screenshot $shot"
            step "window icon" PASS "_NET_WM_ICON: $icons"
        else
            step "window under Xvfb" FAIL "no window with WM_CLASS EdgeMap and an icon ($window)"
        fi
    else
        wait "$gui_pid" && rc=0 || rc=$?
        cat "$build/test-deb-gui.log"
        step "window under Xvfb" FAIL "exited with $rc"
    fi
fi

echo
echo "== test-deb summary ($(basename "$deb"), Debian 12 minbase)"
printf '%s\n' "${results[@]}"
if [ "$failed" = 0 ]; then echo "PASS"; else echo "FAIL"; fi
exit "$failed"
