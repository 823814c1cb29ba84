#!/usr/bin/env bash
# Alternating A/B of pages not in the cache (not a test): starts each jar in turn on the same database, renders
# the given pages with a parameter value never asked before (bench/paths.lua, BUST=1) for a warm-up and then a
# measured run, and prints pages/s with the CPU each page cost the JVM and PostgreSQL (from /proc: run it where
# both are local and nothing else is busy). Give jars twice or more, alternating, and compare pairs.
#
#   NIGHTLIGHT_DB_URL=jdbc:postgresql://127.0.0.1:5432/nl_bench NIGHTLIGHT_DB_USER=postgres \
#     bench/misses-ab.sh PATHS_FILE old.jar new.jar old.jar new.jar
#
# PATHS_FILE: one path per line (e.g. question pages: /lang/topic/question, percent-encoded). AB_WARMUP (80) and
# AB_SECONDS (20) are the seconds of each phase (rendering takes the JIT 1-2 minutes to settle on 2 busy cores);
# AB_CONNECTIONS (8); AB_JAVA (java) and AB_JAVA_OPTS add a JDK or flags. Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
PATHS_FILE=$1
shift
PORT=${AB_PORT:-18191}
WARMUP=${AB_WARMUP:-80}
SECONDS_MEASURED=${AB_SECONDS:-20}
CONNECTIONS=${AB_CONNECTIONS:-8}
: "${NIGHTLIGHT_DB_URL:?set NIGHTLIGHT_DB_URL (and NIGHTLIGHT_DB_USER) to the database to render from}"
APP=""
WORK=$(mktemp -d)
trap '[ -n "$APP" ] && kill "$APP" 2>/dev/null; rm -rf "$WORK"' EXIT

ticks() { # CPU ticks (user + system) of the given processes
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
load() { PATHS="$PATHS_FILE" BUST=1 wrk -t2 -c"$CONNECTIONS" -d"$1s" -s bench/paths.lua "http://127.0.0.1:$PORT"; }

for jar in "$@"; do
  NIGHTLIGHT_PORT=$PORT NIGHTLIGHT_DEMO=false NIGHTLIGHT_DATA_DIR="$WORK/data" \
    ${AB_JAVA:-java} -Xms256m -Xmx2g ${AB_JAVA_OPTS:-} -jar "$jar" >"$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
  load "$WARMUP" >/dev/null
  postgres=$(pgrep -u postgres postgres | tr "\n" " " || true)
  jvm0=$(ticks "$APP"); pg0=$(ticks $postgres)
  load "$SECONDS_MEASURED" >"$WORK/out"
  jvm1=$(ticks "$APP"); pg1=$(ticks $postgres)
  awk -v jar="$(basename "$jar")" -v jvm=$((jvm1 - jvm0)) -v pg=$((pg1 - pg0)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
    END { printf "%-24s %8.1f pages/s   JVM %.2f ms/page   PostgreSQL %.2f ms/page\n", jar, rps,
          jvm * 1000 / hz / n, pg * 1000 / hz / n }' "$WORK/out"
  kill "$APP"; wait "$APP" 2>/dev/null || true; APP=""
done
