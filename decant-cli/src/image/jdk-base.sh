#!/usr/bin/env bash
# Makes a container base image tar (the `docker save` layout) in seconds from the JDK 17 this build runs
# on: its runtime files (links followed: Debian's point into /etc and /usr/share) and the shared
# libraries that ldd says they load, one layer, nothing else (no shell, no package manager). It is what
# `./mvnw -Prelease verify` builds decant's image on, so that CI builds and checks the image with no
# registry and no root. The published image's base stays a registry's JDK 17 (profile image).
#
#   usage: decant-cli/src/image/jdk-base.sh OUT.tar JAVA_HOME
#
# Where it cannot be made (not Linux, no ldd, not a JDK 17), it writes OUT.tar.skipped with the reason
# and exits 0: the build goes on without the image, and ContainerImageIT says why it was skipped (and
# fails instead with DECANT_REQUIRE_SERVICES=1, as CI sets).
set -euo pipefail
out=${1:?usage: jdk-base.sh OUT.tar JAVA_HOME}
java_home=${2:?usage: jdk-base.sh OUT.tar JAVA_HOME}
mkdir -p "$(dirname "$out")"
if [ -f "$out" ] && [ "$out" -nt "$0" ] && [ "$out" -nt "$java_home/release" ]; then
  echo "jdk-base: $out is up to date" >&2
  exit 0
fi
rm -f "$out" "$out.skipped"
skip() {
  echo "$*" > "$out.skipped"
  echo "jdk-base: no base image: $*" >&2
  exit 0
}

[ "$(uname -s)" = Linux ] || skip "the base is made from this machine's JDK and its shared libraries, which needs Linux (this is $(uname -s))"
for tool in ldd tar sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is missing; it is needed to make the base image from the JDK"
done
release=$java_home/release
if [ ! -f "$release" ] || ! grep -q '^JAVA_VERSION="17\.' "$release"; then
  skip "$java_home is not a JDK 17 ($(grep -s '^JAVA_VERSION=' "$release" || echo 'no release file')); build with a JDK 17"
fi
case $(uname -m) in
  x86_64) arch=amd64 ;;
  aarch64) arch=arm64 ;;
  *) skip "no container architecture is known for $(uname -m)" ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
jdk=usr/lib/jvm/java-17
mkdir -p "$root/$jdk" "$root/tmp" "$root/work"
chmod 1777 "$root/tmp"

# The runtime: not what only developing needs (jmods, headers, sources, javac's ct.sym, man pages), nor the
# libraries for a display, sound or smart cards, which would pull in X11, ALSA and PC/SC.
tar -C "$java_home" -h \
    --exclude=./jmods --exclude=./include --exclude=./man --exclude=./docs --exclude=./demo \
    --exclude=./lib/src.zip --exclude=./lib/ct.sym \
    --exclude=./lib/libawt_xawt.so --exclude=./lib/libatk-wrapper.so --exclude=./lib/libjawt.so \
    --exclude=./lib/libsplashscreen.so --exclude=./lib/libjsound.so --exclude=./lib/libj2pcsc.so \
    -cf - . | tar -C "$root/$jdk" -xf -
[ -x "$root/$jdk/bin/java" ] || skip "$java_home/bin/java is missing"

# Every shared library the runtime's programs and libraries need, at the path ldd found it, and the loader.
# libjvm.so is the JDK's own, loaded by the launcher from its lib/server: not found by ldd is expected.
libs=$work/libs
: > "$libs"
while IFS= read -r -d '' f; do
  head -c 4 "$f" | grep -q 'ELF' || continue
  ldd "$f" 2>/dev/null | while read -r line; do
    case $line in
      *"=> not found"*)
        name=${line%% *}
        [ "$name" = libjvm.so ] || echo "missing $name (needed by ${f#"$root"})"
        ;;
      *"=> /"*) p=${line#*=> }; echo "${p%% (*}" ;;
      /*) echo "${line%% (*}" ;;
    esac
  done >> "$libs"
done < <(find "$root/$jdk" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper -o -name jexec \) -print0)
if grep -q '^missing ' "$libs"; then
  skip "the JDK needs libraries this machine lacks: $(grep '^missing ' "$libs" | sort -u | head -n 3 | tr '\n' ' ')"
fi
sort -u "$libs" | grep -v "^$root" | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# One layer, reproducible: fixed owner, order and times.
tar -C "$root" --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<JSON
{"architecture":"$arch","os":"linux",
 "config":{"Env":["PATH=/$jdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/$jdk","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created_by":"decant-cli/src/image/jdk-base.sh: the JDK 17 runtime the build ran on, and its shared libraries"}]}
JSON
cat > "$work/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["decant-jdk-base:17"],"Layers":["layer.tar"]}]
JSON
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
echo "jdk-base: $out ($(du -h "$out" | cut -f1), JAVA_HOME=/$jdk)" >&2
