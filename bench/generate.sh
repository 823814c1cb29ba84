#!/usr/bin/env bash
# Builds the benchmark catalogue through the real workflow (see bench/README.md):
#
#   bench/generate.sh [topics 100] [questions per topic 100] [languages 8] [threads 2]
#
# into the database of NIGHTLIGHT_DB_URL / NIGHTLIGHT_DB_USER / NIGHTLIGHT_DB_PASSWORD
# (NIGHTLIGHT_DB_MIGRATION_USER / _PASSWORD as for the app); migrates it first like the app does.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NIGHTLIGHT_DB_URL:-}" ]; then
  echo "set NIGHTLIGHT_DB_URL (and NIGHTLIGHT_DB_USER) to the database to fill" >&2
  exit 2
fi
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test >/dev/null
export NIGHTLIGHT_DEMO=${NIGHTLIGHT_DEMO:-false}
exec java -Xmx1g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  org.nightlight.bench.CatalogueGenerator "$@"
