#!/usr/bin/env bash
# Installs exactly the Debian 12 (bookworm) packages EdgeMap needs to build, test and run.
# Idempotent: does nothing when every package is already present. Uses sudo when not root.
set -euo pipefail

PACKAGES=(
    build-essential
    cmake
    ninja-build
    pkg-config
    clang-format
    qt6-base-dev        # QtCore, QtGui, QtWidgets and QtNetwork (libqt6network6, the probes)
    qt6-base-dev-tools
    qt6-svg-dev
    libgl-dev
    libboost-graph-dev
    nlohmann-json3-dev
    xvfb
    xauth
    fonts-dejavu-core
    poppler-utils
    desktop-file-utils
    appstream
    librsvg2-bin
    openssl             # tests: the probe tests make their TLS certificates with it
    dnsmasq-base        # tests: the DNS probe tests run it as a resolver on loopback (no service)
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "setup-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "setup-deps: need root or sudo to install: ${missing[*]}" >&2
        exit 2
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
