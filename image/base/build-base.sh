#!/usr/bin/env bash
# Builds the base image of Homeostat's container image, without a daemon or a registry: a minimal root
# filesystem unpacked from Debian's packages (C library, /bin/sh, OpenBLAS, fontconfig and one font family for
# the report charts) plus a JRE 25 linked with jlink from the JDK that builds the project. Writes a
# `docker save`-style tarball (manifest.json, config, two uncompressed layers) that jib takes as
# `tar://` base. Same packages + same JDK -> byte-identical tarball (sorted entries, mtime 0, owner 0).
#
# Usage: build-base.sh OUT.tar [JAVA_HOME]
set -euo pipefail

out="$(realpath -m "$1")"
jdk="${2:-${JAVA_HOME:-}}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(dirname "$out")/base-work"
cache="${HOMEOSTAT_DEB_CACHE:-$HOME/.cache/homeostat/debs}"

# Debian packages of the root filesystem: what the JRE, OpenBLAS (Smile's linear algebra) and fontconfig
# (headless chart rendering) link against, and dash as /bin/sh (the suite Job's shell).
packages=(libc6 libgcc-s1 libstdc++6 zlib1g dash libopenblas0-pthread libgfortran5 libquadmath0
          libfontconfig1 fontconfig-config fonts-dejavu-core libfreetype6 libpng16-16 libbrotli1 libexpat1 libuuid1)
# Modules of the linked JRE: what `jdeps --print-module-deps` finds in the runtime class path, plus
# jdk.management (process metrics), java.security.jgss/sasl (Kafka's SASL), jdk.zipfs and jdk.crypto.ec (TLS).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs

if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jlink" ]; then
  for candidate in /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/jlink" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then jdk="$candidate"; fi
  done
fi
[ -x "$jdk/bin/jlink" ] || { echo "build-base: no JDK 25 with jlink found; pass its home as the second argument" >&2; exit 2; }
command -v apt-get >/dev/null || { echo "build-base: needs apt-get (Debian or Ubuntu) to fetch the packages; or swap in your own base (image/README.md)" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work/debs" "$work/rootfs" "$work/jre" "$cache"
# apt-get download writes into the current folder; reuse a cached .deb of the same name and version.
(
  cd "$work/debs"
  for p in "${packages[@]}"; do
    v="$(apt-cache policy "$p" | awk '/Candidate:/ { print $2 }')"
    if [ -z "$v" ] || [ "$v" = "(none)" ]; then echo "build-base: package $p has no candidate; run apt-get update" >&2; exit 2; fi
    f="$(ls "$cache"/"${p}"_*.deb 2>/dev/null | while read -r d; do [ "$(dpkg-deb -f "$d" Version)" = "$v" ] && echo "$d"; done | head -1 || true)"
    if [ -z "$f" ]; then apt-get download -qq "$p=$v" 2>/dev/null || apt-get download -qq "$p=$v"; cp ./*.deb "$cache"/ 2>/dev/null || true
    else cp "$f" .; fi
  done
)
root="$work/rootfs"
for d in "$work"/debs/*.deb; do dpkg-deb -x "$d" "$root"; done
# Documentation goes (the copyright files stay, for the licences); nothing reads it in a container.
find "$root/usr/share/doc" -type f ! -name copyright -delete
rm -rf "$root/usr/share/man" "$root/usr/share/lintian" "$root/usr/share/gdb" "$root/usr/share/menu" "$root/usr/share/doc-base"
# What the packages' maintainer scripts would do: OpenBLAS through update-alternatives, a user, /tmp.
lib="$root/usr/lib/x86_64-linux-gnu"
for so in libopenblas.so libopenblas.so.0 libblas.so.3 liblapack.so.3; do
  target="openblas-pthread/$so"; [ -e "$lib/$target" ] || target="openblas-pthread/libopenblas.so.0"
  ln -sfn "$target" "$lib/$so"
done
mkdir -p "$root/etc" "$root/tmp" "$root/usr/local/bin" "$root/usr/share/homeostat"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nhomeostat:x:10001:10001:homeostat:/tmp:/usr/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\nhomeostat:x:10001:\n' > "$root/etc/group"
for d in "$work"/debs/*.deb; do dpkg-deb -f "$d" Package Version | paste -sd' ' ; done | sort > "$root/usr/share/homeostat/base-packages.txt"

"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$work/jre/opt/java"

# Reproducible tar: sorted names, fixed times and owners, no atime/ctime in PAX headers.
reprotar() { # reprotar DIR OUT
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
      --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$1" -cf "$2" .
}
img="$work/image"
mkdir -p "$img"
reprotar "$root" "$img/debian.tar"
reprotar "$work/jre" "$img/jre.tar"
d1="sha256:$(sha256sum "$img/debian.tar" | cut -d' ' -f1)"
d2="sha256:$(sha256sum "$img/jre.tar" | cut -d' ' -f1)"
jdk_version="$("$jdk/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)"
cat > "$img/config.json" <<JSON
{"architecture":"amd64","os":"linux","config":{"User":"10001:10001","Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","HOME=/tmp"],"WorkingDir":"/","Labels":{"org.opencontainers.image.title":"homeostat-base","org.opencontainers.image.description":"Debian ${packages[*]} + jlinked JRE ${jdk_version}"}},"rootfs":{"type":"layers","diff_ids":["$d1","$d2"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"image/base/build-base.sh: Debian packages"},{"created":"1970-01-01T00:00:00Z","created_by":"image/base/build-base.sh: jlink ${jdk_version}"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["localhost/homeostat-base:latest"],"Layers":["debian.tar","jre.tar"]}]\n' > "$img/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$img" -cf "$out.tmp" manifest.json config.json debian.tar jre.tar
mv "$out.tmp" "$out"
rm -rf "$work"
echo "build-base: $out ($(du -h "$out" | cut -f1)), layers $d1 $d2"
