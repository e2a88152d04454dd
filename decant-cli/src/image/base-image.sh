#!/usr/bin/env bash
# Makes a container base image tar (the `docker save` layout) for decant's image where no registry can
# be reached: Debian bookworm (debootstrap, minbase) with Debian's openjdk-17-jre-headless, one layer.
# Needs root, debootstrap and a Debian package mirror. Then:
#   ./mvnw -Pimage -pl decant-cli -am package -Ddecant.image.base=tar://$(pwd)/base.tar
#
#   usage: decant-cli/src/image/base-image.sh OUT.tar [ROOTFS]
# ROOTFS: an existing debootstrapped folder to pack instead of making a new one.
set -euo pipefail
out=${1:?usage: base-image.sh OUT.tar [ROOTFS]}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs=${2:-}
if [ -z "$rootfs" ]; then
  rootfs=$work/rootfs
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$mirror" >&2
fi
java_home=$(cd "$rootfs" && ls -d usr/lib/jvm/java-17-openjdk-* | head -n 1)
[ -f "$rootfs/$java_home/release" ] || { echo "base-image: no JDK 17 in $rootfs" >&2; exit 1; }

# one layer: the root file system without package caches and lists
tar -C "$rootfs" --numeric-owner --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* \
    --exclude=./var/cache/apt/archives/*.deb --exclude=./var/lib/apt/lists/* -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/$java_home"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm"}]}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["decant-base:17"],"Layers":["layer.tar"]}]
JSON
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "base-image: $out ($(du -h "$out" | cut -f1), JAVA_HOME=/$java_home)" >&2
