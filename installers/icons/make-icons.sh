#!/usr/bin/env bash
# Renders tasklane.svg into the icon file each OS's installer needs, committed next to it:
#   tasklane.png (Linux, 256 px), tasklane.ico (Windows, 16–256 px), tasklane.icns (macOS, 16–1024 px).
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" tasklane.svg -o "$work/$size.png"
done
cp "$work/256.png" tasklane.png
/usr/bin/convert "$work"/{16,24,32,48,64,128,256}.png tasklane.ico
png2icns tasklane.icns "$work"/{16,32,48,128,256,512,1024}.png >/dev/null
ls -l tasklane.png tasklane.ico tasklane.icns
