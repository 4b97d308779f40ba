#!/usr/bin/env bash
# Builds EdgeMap for 64-bit Windows on Debian 12, from Debian's packages only, and tests it under
# Wine. Not part of CI: the first run builds Qt for Windows (about an hour on 2 cores), later runs
# reuse it from the cache.
#
#   scripts/build-windows.sh            Qt (once), EdgeMap, tests under Wine, dist/ zip + installer
#   scripts/build-windows.sh qt         only the cached Qt for Windows
#   scripts/build-windows.sh app        EdgeMap and the packages (Qt must be cached)
#   scripts/build-windows.sh test       the tests under Wine (after app)
#
# Environment: EDGEMAP_CACHE (default ~/.cache/edgemap) holds the Qt sources and the Qt build;
# JOBS (default nproc). Outputs: build-win/ (the cross build), dist/EdgeMap-<v>-win64.zip and
# dist/EdgeMap-<v>-win64-setup.exe.
#
# What is not built: Qt SVG. Debian serves the qt6-svg .dsc but not its tarballs (404, seen
# 2026-12), and this project builds nothing taken from anywhere but Debian's packages. EdgeMap
# does not need it: its SVG export is its own writer (views/export/svgpaintengine), and its icons are
# PNG on Windows.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STAGE="${1:-all}"
JOBS="${JOBS:-$(nproc)}"
CACHE="${EDGEMAP_CACHE:-$HOME/.cache/edgemap}"
QT_VERSION=6.4.2
TRIPLE=x86_64-w64-mingw32
MINGW_GCC_DIR=/usr/lib/gcc/${TRIPLE}/12-posix

# The qtbase configuration. Changing it changes the cache key, so a new Qt is built beside the old.
QT_FEATURES=(
    -DFEATURE_pkg_config=OFF -DFEATURE_dbus=OFF -DFEATURE_sql=OFF
    # No OpenGL at all: FEATURE_opengl=OFF alone leaves dynamic GL on and qwindows fails to build.
    -DINPUT_opengl=no -DFEATURE_opengl=OFF -DFEATURE_opengl_dynamic=OFF -DFEATURE_dynamicgl=OFF
    -DFEATURE_vulkan=OFF -DFEATURE_zstd=OFF -DFEATURE_icu=OFF -DFEATURE_glib=OFF
    -DFEATURE_brotli=OFF -DFEATURE_gssapi=OFF -DFEATURE_libproxy=OFF
    # TLS through Windows' own Schannel (certificate store, no OpenSSL DLLs to ship).
    -DINPUT_openssl=no -DFEATURE_openssl=OFF -DFEATURE_schannel=ON
    # Bundled third-party libraries: Debian has no MinGW builds of them.
    -DFEATURE_system_zlib=OFF -DFEATURE_system_png=OFF -DFEATURE_system_jpeg=OFF
    -DFEATURE_system_freetype=OFF -DFEATURE_system_harfbuzz=OFF -DFEATURE_system_pcre2=OFF
    -DFEATURE_system_doubleconversion=OFF -DFEATURE_system_libb2=OFF
    # Debian's +dfsg source drops src/3rdparty/wintab, which tablet support includes.
    -DFEATURE_tabletevent=OFF -DFEATURE_androiddeployqt=OFF
    # Direct2D off makes Qt6PrintSupport fail to link (QWindowsFontEngineDirectWrite::createHFONT).
    -DFEATURE_direct2d=ON -DFEATURE_direct2d1_1=OFF
)
QT_KEY="$(printf '%s\n' "${QT_FEATURES[@]}" "$(cat "$ROOT/cmake/mingw-w64-x86_64.cmake")" \
    | sha256sum | cut -c1-10)"
QT_PREFIX="$CACHE/qt-${QT_VERSION}-mingw64-${QT_KEY}"

log() { printf '\n== build-windows: %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

install_packages() {
    local pkgs=(g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 wine wine64 nsis dpkg-dev
        cmake ninja-build qt6-base-dev qt6-base-dev-tools libboost-graph-dev nlohmann-json3-dev
        librsvg2-bin icoutils zip unzip xvfb xauth fonts-dejavu-core poppler-utils imagemagick)
    local missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}"
    fi
}

# Debian's qt6-base source, through a private sources list (the system one has no deb-src).
fetch_qt_sources() {
    local src="$CACHE/src"
    if [ -d "$src/qtbase-${QT_VERSION}" ]; then return; fi
    mkdir -p "$src/lists/partial"
    echo 'deb-src http://deb.debian.org/debian bookworm main' > "$src/sources.list"
    local apt=(-o "Dir::Etc::SourceList=$src/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$src/lists")
    log "fetching Debian's qt6-base ${QT_VERSION} source"
    (cd "$src" && apt-get "${apt[@]}" -qq update \
        && apt-get "${apt[@]}" source --download-only "qt6-base=${QT_VERSION}+dfsg-10")
    rm -rf "$src/qtbase-${QT_VERSION}.tmp"
    (cd "$src" && dpkg-source -x "qt6-base_${QT_VERSION}+dfsg-10.dsc" \
        "qtbase-${QT_VERSION}.tmp")
    mv "$src/qtbase-${QT_VERSION}.tmp" "$src/qtbase-${QT_VERSION}"
}

build_qt() {
    if [ -f "$QT_PREFIX/.complete" ]; then
        log "Qt ${QT_VERSION} for Windows is cached in $QT_PREFIX"
        return
    fi
    fetch_qt_sources
    # qt.toolchain.cmake, which Qt generates, includes the toolchain file by absolute path: keep
    # the copy it was built with inside the cache.
    mkdir -p "$QT_PREFIX"
    cp "$ROOT/cmake/mingw-w64-x86_64.cmake" "$QT_PREFIX/mingw-w64-x86_64.cmake"
    local build="$CACHE/build-qtbase-${QT_KEY}"
    log "building qtbase ${QT_VERSION} for ${TRIPLE} into $QT_PREFIX (about 1,250 steps)"
    local t0=$SECONDS
    cmake -S "$CACHE/src/qtbase-${QT_VERSION}" -B "$build" -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE="$QT_PREFIX/mingw-w64-x86_64.cmake" \
        -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
        -DCMAKE_INSTALL_PREFIX="$QT_PREFIX" \
        -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
        -DQT_BUILD_EXAMPLES=OFF -DQT_BUILD_TESTS=OFF -DQT_BUILD_BENCHMARKS=OFF \
        "${QT_FEATURES[@]}" > "$CACHE/qtbase-configure.log" 2>&1 \
        || { tail -40 "$CACHE/qtbase-configure.log"; exit 1; }
    cmake --build "$build" --parallel "$JOBS"
    cmake --install "$build" > /dev/null
    echo "qtbase ${QT_VERSION}: built in $((SECONDS - t0)) s" | tee "$QT_PREFIX/.complete"
    rm -rf "$build"
}

VERSION="$(sed -n 's/^project(EdgeMap VERSION \([0-9.]*\).*/\1/p' "$ROOT/CMakeLists.txt")"
BUILD="$ROOT/build-win"
STAGE_DIR="$BUILD/stage/EdgeMap-${VERSION}-win64"
DIST="$ROOT/dist"
# Windows paths of the host folders, as Wine maps them (drive Z: is the Unix root).
winpath() { printf 'Z:%s' "$(printf '%s' "$1" | tr '/' '\\')"; }

# Boost.Graph and nlohmann_json are header-only for EdgeMap and come from Debian's -dev packages.
# `-isystem /usr/include` would put glibc's headers in front of MinGW's: expose only the two
# libraries, through a folder of links that CMake searches as a find root.
host_headers() {
    local dir="$CACHE/host-headers"
    mkdir -p "$dir/include" "$dir/share/cmake/nlohmann_json"
    ln -sfn /usr/include/boost "$dir/include/boost"
    ln -sfn /usr/include/nlohmann "$dir/include/nlohmann"
    for f in /usr/share/cmake/nlohmann_json/*.cmake; do
        ln -sfn "$f" "$dir/share/cmake/nlohmann_json/$(basename "$f")"
    done
    echo "$dir"
}

build_app() {
    [ -f "$QT_PREFIX/.complete" ] || { echo "Qt for Windows is not built: run $0 qt" >&2; exit 1; }
    local headers
    headers="$(host_headers)"
    log "cross-building EdgeMap ${VERSION} into $BUILD"
    local t0=$SECONDS
    mkdir -p "$BUILD"
    cmake -S "$ROOT" -B "$BUILD" -G Ninja \
        -DCMAKE_TOOLCHAIN_FILE="$QT_PREFIX/lib/cmake/Qt6/qt.toolchain.cmake" \
        -DQT_HOST_PATH=/usr -DQT_HOST_PATH_CMAKE_DIR=/usr/lib/x86_64-linux-gnu/cmake \
        -DCMAKE_FIND_ROOT_PATH="$headers" \
        -DBoost_NO_BOOST_CMAKE=ON -DBoost_INCLUDE_DIR="$headers/include" \
        -DCMAKE_BUILD_TYPE=Release -DEDGEMAP_BUILD_BENCH=OFF -DEDGEMAP_BUILD_TESTS=ON \
        -DEDGEMAP_WINE_PATH="$(winpath "$QT_PREFIX/bin");$(winpath "$MINGW_GCC_DIR");$(winpath "/usr/${TRIPLE}/lib")" \
        -DEDGEMAP_WINE_PLUGIN_PATH="$(winpath "$QT_PREFIX/plugins")" \
        -DEDGEMAP_WINE_FONTDIR="$(winpath /usr/share/fonts/truetype/dejavu)" > "$BUILD/configure.log" 2>&1 \
        || { tail -40 "$BUILD/configure.log"; exit 1; }
    cmake --build "$BUILD" --parallel "$JOBS"
    echo "EdgeMap cross-build: $((SECONDS - t0)) s" | tee "$BUILD/build-time.txt"

    log "staging the portable folder"
    rm -rf "$BUILD/stage"
    cmake --install "$BUILD" --prefix "$STAGE_DIR" > "$BUILD/install.log"
    find "$STAGE_DIR" \( -name '*.exe' -o -name '*.com' -o -name '*.dll' \) \
        -exec "${TRIPLE}-strip" --strip-unneeded {} +

    mkdir -p "$DIST"
    local zip="$DIST/EdgeMap-${VERSION}-win64.zip"
    rm -f "$zip"
    (cd "$BUILD/stage" && zip -qr -9 "$zip" "EdgeMap-${VERSION}-win64")
    log "wrote $zip ($(du -k "$zip" | cut -f1) KiB)"

    # The installer installs exactly the staged files and its uninstaller removes exactly them.
    local files="$BUILD/installer-files.nsh" unfiles="$BUILD/installer-unfiles.nsh"
    : > "$files"
    : > "$unfiles"
    (cd "$STAGE_DIR" && find . -mindepth 1 -type d | sed 's|^\./||' | sort) | while read -r d; do
        printf 'CreateDirectory "$INSTDIR\\%s"\n' "${d//\//\\}" >> "$files"
    done
    (cd "$STAGE_DIR" && find . -type f | sed 's|^\./||' | sort) | while read -r f; do
        local win="${f//\//\\}"
        local dir
        dir="$(dirname "$f")"; [ "$dir" = . ] && dir=""
        printf 'SetOutPath "$INSTDIR\\%s"\nFile "%s"\n' "${dir//\//\\}" \
            "$STAGE_DIR/$f" >> "$files"
        printf 'Delete "$INSTDIR\\%s"\n' "$win" >> "$unfiles"
    done
    (cd "$STAGE_DIR" && find . -mindepth 1 -type d | sed 's|^\./||' | sort -r) | while read -r d; do
        printf 'RMDir "$INSTDIR\\%s"\n' "${d//\//\\}" >> "$unfiles"
    done
    sed -i 's|SetOutPath "\$INSTDIR\\"|SetOutPath "$INSTDIR"|' "$files"
    local setup="$DIST/EdgeMap-${VERSION}-win64-setup.exe"
    local ico=""
    [ -f "$ROOT/resources/icons/edgemap.ico" ] && ico="$ROOT/resources/icons/edgemap.ico"
    makensis -V2 -DVERSION="$VERSION" -DFILES="$files" -DUNFILES="$unfiles" -DOUTFILE="$setup" \
        -DICON="$ico" "$ROOT/resources/windows/edgemap.nsi"
    log "wrote $setup ($(du -k "$setup" | cut -f1) KiB)"
}

case "$STAGE" in
qt) install_packages; build_qt ;;
app) install_packages; build_app ;;
test) bash "$ROOT/scripts/test-windows.sh" ;;
all) install_packages; build_qt; build_app; bash "$ROOT/scripts/test-windows.sh" ;;
*) echo "usage: $0 [all|qt|app|test]" >&2; exit 2 ;;
esac
