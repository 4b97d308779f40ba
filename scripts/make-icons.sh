#!/usr/bin/env bash
# Renders the application icon (resources/icons/edgemap.svg, and edgemap-small.svg: the same
# drawing on the 16 px grid for 16 and 24 px) to the PNG sizes the Linux install and the window
# icon use, and to edgemap.ico for the Windows executable. The outputs are committed; run this
# after editing either SVG. Installs librsvg2-bin (rsvg-convert) and icoutils (icotool) if missing.
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"

need=()
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
command -v icotool >/dev/null 2>&1 || need+=(icoutils)
if [ ${#need[@]} -gt 0 ]; then
    echo "make-icons: installing ${need[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { echo "make-icons: need root or sudo" >&2; exit 2; }
        SUDO="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

sizes=(16 24 32 48 64 128 256)
for size in "${sizes[@]}"; do
    source=edgemap.svg
    [ "$size" -le 24 ] && source=edgemap-small.svg
    rsvg-convert --width "$size" --height "$size" --output "edgemap-$size.png" "$source"
done

# 256 px is stored as PNG inside the .ico (--raw), as Windows expects; the rest as bitmaps.
icotool --create --output edgemap.ico \
    edgemap-16.png edgemap-24.png edgemap-32.png edgemap-48.png edgemap-64.png edgemap-128.png \
    --raw=edgemap-256.png
echo "make-icons: wrote edgemap-{$(IFS=,; echo "${sizes[*]}")}.png and edgemap.ico"
