#!/usr/bin/env bash
# Start-up benchmark (not a test): restart to first page with an external database, without and with a
# class-data sharing archive (AppCDS) of the app's own classes.
#
#   NIGHTLIGHT_DB_URL=jdbc:postgresql://127.0.0.1:5432/nl_bench NIGHTLIGHT_DB_USER=postgres bench/startup.sh [runs 3]
#
# A first start migrates the database (demo content when NIGHTLIGHT_DEMO=true and it is empty); `warm-up`
# records the class archive as the image does (target/nightlight.jsa); then each run starts
# `java -jar target/nightlight.jar` and times it until GET /en/ answers 200, once plainly and once with
# -XX:SharedArchiveFile. BENCH_AOT_JAVA=/path/to/jdk-25/bin/java also times that JDK plainly and with the AOT cache
# its warm-up writes (-XX:AOTCache, as the image starts). BENCH_SKIP_BUILD=1 reuses target/nightlight.jar. Stops
# what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${NIGHTLIGHT_DB_URL:-}" ]; then
  echo "set NIGHTLIGHT_DB_URL (and NIGHTLIGHT_DB_USER) to the database to start on" >&2
  exit 2
fi
RUNS=${1:-3}
PORT=${BENCH_PORT:-18183}
ARCHIVE=target/nightlight.jsa
export NIGHTLIGHT_PORT=$PORT NIGHTLIGHT_DEMO=${NIGHTLIGHT_DEMO:-true}
export NIGHTLIGHT_DEMO_PASSWORD=${NIGHTLIGHT_DEMO_PASSWORD:-bench-demo-password-1234}
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/nightlight.jar ]; then
  ./mvnw -q -DskipTests package
fi
LOG=$(mktemp)
APP=""
cleanup() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; fi
  rm -f "$LOG"
}
trap cleanup EXIT

# start [java options...]: milliseconds from launch to the first 200 of /en/ in $MS, the app left running in $APP
JAVA=java
start() {
  local began now
  began=$(date +%s%N)
  "$JAVA" "$@" -jar target/nightlight.jar >"$LOG" 2>&1 &
  APP=$!
  until curl -fso /dev/null "http://127.0.0.1:$PORT/en/"; do
    if ! kill -0 "$APP" 2>/dev/null; then echo "the app did not start:" >&2; cat "$LOG" >&2; exit 1; fi
    sleep 0.02
  done
  now=$(date +%s%N)
  MS=$(((now - began) / 1000000))
}
stop() {
  kill "$APP"
  wait "$APP" 2>/dev/null || true
  APP=""
}

start; stop
echo "first start (migrations, demo content if empty): $MS ms"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# what the image does (Dockerfile): `warm-up FILE` records a restart and a walk of the demo site, on JDK 25 and
# later an AOT cache (JEP 483, 515: classes loaded, linked and profiled), before that a class-data archive
warm_up() {
  rm -f "$2"
  "$1" -jar target/nightlight.jar warm-up "$2" >"$LOG" 2>&1 || { cat "$LOG" >&2; exit 1; }
  echo "$("$1" -version 2>&1 | head -1): $(grep '^warm-up:' "$LOG"), $(du -h "$2" | cut -f1)"
}
warm_up java "$ARCHIVE"
for run in $(seq 1 "$RUNS"); do
  start; stop; plain=$MS
  start -XX:SharedArchiveFile=$ARCHIVE; stop
  echo "run $run: restart to first page ${plain} ms; with the class archive ${MS} ms"
done
if [ -n "${BENCH_AOT_JAVA:-}" ]; then
  JAVA=$BENCH_AOT_JAVA
  warm_up "$JAVA" target/nightlight.aot
  for run in $(seq 1 "$RUNS"); do
    start; stop; plain=$MS
    start -XX:AOTCache=target/nightlight.aot; stop
    echo "run $run on that JDK: restart to first page ${plain} ms; with the AOT cache ${MS} ms"
  done
fi
