#!/usr/bin/env bash
# Builds the root filesystem of Tasklane's container base image, offline, the way distroless
# images are made: no package manager, no shell, only what a JVM needs.
#
#   images/build-base.sh <output-dir> <comma-separated jlink modules>
#
# <output-dir>/rootfs receives
#   /opt/java                  a jlink'd Java runtime (the build's JDK 25, only the listed modules,
#                              with a CDS archive for faster start)
#   /lib/x86_64-linux-gnu, /lib64   glibc's loader and libraries, libgcc_s, from Debian's packages
#                              (apt-get download + dpkg-deb -x; no registry, no Docker engine)
#   /etc/passwd, /etc/group    root and the unprivileged user nonroot (65532), as in distroless
#   /etc/nsswitch.conf         files then DNS, so Java's name lookups behave as usual
#   /tmp                       the only writable place (the chart mounts an emptyDir there)
#   /usr/share/doc/…           the Debian copyright files, plus tasklane-base/packages.txt listing
#                              the exact package versions inside
# Jib then lays this directory under the application layers (pom.xml, profile `image`).
set -euo pipefail

out="${1:?output directory}"
modules="${2:?jlink modules}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
packages=(libc6 libgcc-s1)
arch="x86_64-linux-gnu"

rootfs="$out/rootfs"
stamp="$out/stamp"
key="$(printf '%s\n' "$modules" "$("$java_home/bin/java" -version 2>&1 | head -1)" "${packages[*]}" "$(sha256sum "$0" | cut -c1-64)")"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ] && [ -x "$rootfs/opt/java/bin/java" ]; then
  echo "image base up to date: $rootfs"
  exit 0
fi
rm -rf "$rootfs" "$out/debs" "$out/extract" "$out/packages.txt"
mkdir -p "$rootfs" "$out/debs" "$out/extract"

echo "== jlink ($modules) from $java_home"
"$java_home/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 --generate-cds-archive

echo "== Debian packages: ${packages[*]}"
# (apt warns that root downloads "unsandboxed" into a directory _apt cannot read: harmless here.)
download() { (cd "$out/debs" && apt-get download "${packages[@]}" 2>&1 >/dev/null | { grep -v '^W: Download is performed unsandboxed' || true; }); }
if ! download; then
  # A fresh machine has no package lists yet; root can fetch them.
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && download; else
    echo "apt-get download failed: run 'apt-get update' as root first" >&2; exit 1
  fi
fi
for deb in "$out"/debs/*.deb; do
  dpkg-deb -x "$deb" "$out/extract"
  dpkg-deb -f "$deb" Package Version Architecture | paste -sd ' ' >> "$out/packages.txt"
done

# Only the loader and the libraries the JVM links (ldd of java, libjvm, libjava, libnet, libnio)
# plus NSS "files" for user lookups and libgcc_s, which glibc loads to unwind exiting threads.
mkdir -p "$rootfs/lib/$arch" "$rootfs/lib64"
# bookworm ships them under /lib, trixie (merged /usr) under /usr/lib: take whichever exists.
libdir="$out/extract/lib/$arch"; [ -d "$libdir" ] || libdir="$out/extract/usr/lib/$arch"
for lib in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 \
           libresolv.so.2 libnss_files.so.2 libnss_dns.so.2 libgcc_s.so.1; do
  cp -L "$libdir/$lib" "$rootfs/lib/$arch/$lib"
done
# The ELF interpreter path baked into every binary.
cp -L "$libdir/ld-linux-x86-64.so.2" "$rootfs/lib64/ld-linux-x86-64.so.2"

mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/nonroot" "$rootfs/usr/share/doc/tasklane-base"
cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$rootfs/etc/hosts"
# Licences travel with the binaries (libgcc-s1's lives under gcc-N-base's name).
(cd "$out/extract" && find usr/share/doc -name copyright -type f) | while read -r copyright; do
  mkdir -p "$rootfs/$(dirname "$copyright")"
  cp "$out/extract/$copyright" "$rootfs/$copyright"
done
{ echo "# Debian packages in the Tasklane base image"; cat "$out/packages.txt";
  echo "# Java runtime"; cat "$rootfs/opt/java/release"; } > "$rootfs/usr/share/doc/tasklane-base/packages.txt"

rm -rf "$out/extract"
echo "$key" > "$stamp"
echo "image base ready: $rootfs ($(du -sh "$rootfs" | cut -f1))"
