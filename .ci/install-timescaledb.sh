#!/usr/bin/env bash
# Installs TimescaleDB for CI with the shared script (../shared/tools/install-timescaledb.sh), run on a copy of
# the vendored source with the patches beside this file applied (.ci/timescaledb-<version>-*.patch: see each
# file's header). Idempotent: a marker next to the library records that the patched build is installed.
# Usage: bash .ci/install-timescaledb.sh   (as root; 2-3 minutes on 2 cores the first time)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="$here/../../shared"
VERSION=2.23.1
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "install-timescaledb: no PostgreSQL server under /usr/lib/postgresql" >&2; exit 1; }
libdir=$("$pgbin/pg_config" --pkglibdir)
marker="$libdir/timescaledb-$VERSION.ci-patched"
if [ -f "$libdir/timescaledb-$VERSION.so" ] && [ -f "$marker" ]; then echo "install-timescaledb: patched $VERSION already installed"; exit 0; fi
command -v patch >/dev/null 2>&1 || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends patch >/dev/null; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tools" "$work/vendor"
cp "$shared/tools/install-timescaledb.sh" "$work/tools/"
tar xzf "$shared/vendor/timescaledb-$VERSION.tar.gz" -C "$work"
for p in "$here"/timescaledb-"$VERSION"-*.patch; do
  echo "install-timescaledb: applying $(basename "$p")"
  patch -d "$work/timescaledb-$VERSION" -p1 --forward --quiet < "$p"
done
tar czf "$work/vendor/timescaledb-$VERSION.tar.gz" -C "$work" "timescaledb-$VERSION"
# An unpatched build of the same version makes the shared script stop early: set it aside (renamed, so a running
# server keeps the copy it has loaded).
for f in "$libdir"/timescaledb*.so; do [ -f "$f" ] && mv -f "$f" "$f.unpatched"; done
bash "$work/tools/install-timescaledb.sh"
touch "$marker"
