#!/usr/bin/env bash
# Builds the benchmark catalogue through the real workflow (see bench/README.md):
#
#   bench/generate.sh [topics 100] [questions per topic 100] [languages 8] [threads 8]
#
# into the database of NIGHTLIGHT_DB_URL / NIGHTLIGHT_DB_USER / NIGHTLIGHT_DB_PASSWORD
# (NIGHTLIGHT_DB_MIGRATION_USER / _PASSWORD as for the app); migrates it first like the app does.
# Its own connections commit without waiting for the flush (synchronous_commit off: a crash may lose the last
# moments of the generation, nothing else); BENCH_SYNCHRONOUS_COMMIT=on waits as the app does.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NIGHTLIGHT_DB_URL:-}" ]; then
  echo "set NIGHTLIGHT_DB_URL (and NIGHTLIGHT_DB_USER) to the database to fill" >&2
  exit 2
fi
if [ "${BENCH_SYNCHRONOUS_COMMIT:-off}" = off ] && [[ "$NIGHTLIGHT_DB_URL" != *options=* ]]; then
  case "$NIGHTLIGHT_DB_URL" in
    *\?*) NIGHTLIGHT_DB_URL="$NIGHTLIGHT_DB_URL&options=-c%20synchronous_commit%3Doff" ;;
    *) NIGHTLIGHT_DB_URL="$NIGHTLIGHT_DB_URL?options=-c%20synchronous_commit%3Doff" ;;
  esac
  export NIGHTLIGHT_DB_URL
fi
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
export NIGHTLIGHT_DEMO=${NIGHTLIGHT_DEMO:-false}
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.nightlight.bench.CatalogueGenerator "$@"
