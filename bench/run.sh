#!/usr/bin/env bash
# Benchmark of the public site on loopback (not a test): starts the app with the demo content (or the
# catalogue bench/generate.sh put in the database), finds every public page in every language by following
# links, starts nginx serving the same bytes (identity, and precompressed .gz with gzip_static on), then runs
# a bounded load with wrk (or, where wrk is not installed, bench/LoadLoop.java) against both and prints
# requests/s, latency percentiles and the ratios app/nginx. It stops everything it started.
#
#   bench/run.sh [seconds per scenario, default 10]
#
# Database: the one in NIGHTLIGHT_DB_URL / NIGHTLIGHT_DB_USER / NIGHTLIGHT_DB_PASSWORD if set (an empty
# database gets the demo content), else the embedded PostgreSQL in a temporary directory.
# BENCH_THREADS (2) and BENCH_CONNECTIONS (16) shape the load; BENCH_SKIP_BUILD=1 reuses target/nightlight.jar;
# BENCH_MAX_PAGES (5000) caps the pages taken (a random sample of a large catalogue); BENCH_NGINX=0 skips nginx;
# BENCH_HEAP (512m) is the app's -Xmx, whose quarter bounds the page cache; BENCH_FLOOR=0 skips the bare Jetty
# run (bench/JettyFloor.java: the app's Jetty answering one fixed page, the ceiling of any handler);
# BENCH_WARMUP_MAX (240) bounds the seconds of rendering before the runs. The app's log is kept in
# target/bench-app.log.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-10}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
PORT=${BENCH_PORT:-18181}
NGINX_PORT=${BENCH_NGINX_PORT:-18182}
FLOOR_PORT=${BENCH_FLOOR_PORT:-18184}
BASE="http://127.0.0.1:$PORT"
NGINX_BASE="http://127.0.0.1:$NGINX_PORT"
MAX_PAGES=${BENCH_MAX_PAGES:-5000}
HEAP=${BENCH_HEAP:-512m}   # the page cache keeps at most a quarter of it

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/nightlight.jar ]; then
  ./mvnw -q -DskipTests package
fi

WORK=$(mktemp -d)
export NIGHTLIGHT_PORT=$PORT NIGHTLIGHT_DEMO=true NIGHTLIGHT_DATA_DIR="$WORK/data"
export NIGHTLIGHT_DEMO_PASSWORD=${NIGHTLIGHT_DEMO_PASSWORD:-bench-demo-password-1234}
java -Xms256m -Xmx"$HEAP" -jar target/nightlight.jar >"$WORK/app.log" 2>&1 &
APP=$!
NGINX=""
FLOOR=""
cleanup() {
  if [ -n "$FLOOR" ]; then kill "$FLOOR" 2>/dev/null || true; fi
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  if [ -n "$NGINX" ]; then
    kill "$NGINX" 2>/dev/null || true
    wait "$NGINX" 2>/dev/null || true
  fi
  cp "$WORK/app.log" target/bench-app.log 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 240); do
  if curl -fs "$BASE/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$APP" 2>/dev/null; then echo "the app did not start:"; cat "$WORK/app.log"; exit 1; fi
  sleep 0.5
done
curl -fs "$BASE/health" >/dev/null || { echo "the app did not answer /health in 120 s"; tail -50 "$WORK/app.log"; exit 1; }

# Every home, topic and question page in every public language, found by following links.
links() { curl -fs "$BASE$1" | grep -o "href=\"$2[^\"#?]*\"" | sed 's/^href="//; s/"$//' | sort -u; }
: >"$WORK/pages"
for lang in $(curl -fs "$BASE/en/" | grep -o 'hreflang="[^"]*"' | sed 's/hreflang="//; s/"//' | grep -vx 'x-default' | sort -u); do
  echo "/$lang/" >>"$WORK/pages"
  for topic in $(links "/$lang/" "/$lang/[^/\"]*/"); do
    echo "$topic" >>"$WORK/pages"
    links "$topic" "$topic[^\"/]" >>"$WORK/pages"
  done
done
sort -u -o "$WORK/pages" "$WORK/pages"
if [ "$(wc -l <"$WORK/pages")" -gt "$MAX_PAGES" ]; then
  shuf -n "$MAX_PAGES" --random-source=<(yes) "$WORK/pages" >"$WORK/sample" && mv "$WORK/sample" "$WORK/pages"
fi
# Searches: plain words, a phrase, a misspelling (corrected), accents, Arabic, nothing found.
cat >"$WORK/searches" <<'PATHS'
/en/search?q=sleep
/en/search?q=when+does+it+stop
/en/search?q=%22sleep+myoclonus%22
/en/search?q=myoclonis
/en/search?q=seizure+OR+epilepsy
/en/search?q=zebra
/fr/search?q=bebe
/es/search?q=sue%C3%B1o
/ar/search?q=%D8%A7%D9%84%D8%B1%D8%B6%D8%B9
/ar/search?q=%D8%A7%D9%84%D8%B5%D8%B1%D8%B9
PATHS

QUESTION=$(grep -m1 -E '^/en/[^/]+/[^/]+$' "$WORK/pages")
echo "pages: $(wc -l <"$WORK/pages") (home, topics and questions in every language); searches: $(wc -l <"$WORK/searches")"
echo "question page $QUESTION: $(curl -fs "$BASE$QUESTION" | wc -c) bytes of HTML," \
  "$(curl -fs -H 'Accept-Encoding: gzip' "$BASE$QUESTION" | wc -c) gzipped"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), load generator, app and PostgreSQL share them"
echo "load: $THREADS threads, $CONNECTIONS connections, ${DURATION}s per scenario, each after a 3 s warm-up (and a JIT warm-up first: 10 s cached, then rendering until its rate settles; every page asked once gzip and once zstd)"
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo

# The page cache as /metrics tells it: printed after every scenario, so a cache that lost its pages shows when
metric() { awk -v name="$1" 'index($0, name) == 1 { printf "%.0f", $NF; exit }' "$WORK/metrics"; }
cache_state() {
  curl -fs "$BASE/metrics" >"$WORK/metrics" || true
  echo "$(metric 'nightlight_page_cache_requests_total{result="hit"}') hits," \
    "$(metric 'nightlight_page_cache_requests_total{result="miss"}') misses; holds $(metric 'cache_size{cache="pages"}')" \
    "pages, $(metric nightlight_page_cache_bytes) of $(metric nightlight_page_cache_max_bytes) bytes;" \
    "evicted $(metric 'cache_evictions_total{cache="pages"}'), emptied $(metric nightlight_page_cache_dropped_all_total)" \
    "times; renders refused (content changed meanwhile) $(metric nightlight_page_cache_refused_total)"
}

run() { # name, paths file, bust (0/1), extra header or "", base URL (default the app)
  local name=$1 paths=$2 bust=$3 header=$4 base=${5:-$BASE}
  if command -v wrk >/dev/null; then
    local args=(-t"${RUN_THREADS:-$THREADS}" -c"${RUN_CONNECTIONS:-$CONNECTIONS}" -s bench/paths.lua --latency)
    [ -n "$header" ] && args+=(-H "$header")
    PATHS=$paths BUST=$bust wrk "${args[@]}" -d3s "$base" >/dev/null
    local notifier=""
    if [ -n "${NOTIFY_AFTER_1S:-}" ]; then (sleep 1; notify "$NOTIFY_AFTER_1S") & notifier=$!; fi
    PATHS=$paths BUST=$bust wrk "${args[@]}" -d"${DURATION}s" "$base" >"$WORK/out"
    [ -n "$notifier" ] && wait "$notifier"
    awk -v name="$name" '
      /Requests\/sec/ { rps = $2 }
      /^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 } /^p95 / { p95 = $2 }
      /Non-2xx/ { errors = $NF }
      /requests in/ { total = $1 }
      END { printf "%-44s %10s req/s   p50 %8s   p90 %8s   p95 %8s   p99 %8s   (%s requests%s)\n", name, rps, p50, p90, p95, p99, total, errors ? ", non-2xx " errors : "" }
    ' "$WORK/out" | tee -a "$WORK/results"
    if [ "$base" = "$BASE" ]; then echo "    page cache: $(cache_state)"; fi
  else
    [ "$bust" = 1 ] && { echo "$name: needs wrk"; return; }
    java bench/LoadLoop.java "$base" "$paths" 3 "$CONNECTIONS" ${header:+gzip} >/dev/null
    echo "$name:"; java bench/LoadLoop.java "$base" "$paths" "$DURATION" "$CONNECTIONS" ${header:+gzip}
  fi
}

# What a commit that changes content sends every instance (V3's triggers): the storm scenarios send it as a
# publication would, to measure the seconds after one. Needs psql and the database of NIGHTLIGHT_DB_URL.
psql_url() { local url=${NIGHTLIGHT_DB_URL#jdbc:}; echo "${url%%\?*}"; }
notify() {
  PGPASSWORD=${NIGHTLIGHT_DB_PASSWORD:-} psql "$(psql_url)" -U "${NIGHTLIGHT_DB_USER:-postgres}" -qAtc \
    "select pg_notify('nightlight_content', '$1')" >/dev/null
}
# A question page of the sample, as "item language" (the item a publication would change)
sample_item() {
  local path slug
  path=$(grep -m1 -E '^/en/[^/]+/[^/]+$' "$WORK/pages") || return 1
  slug=${path##*/}
  PGPASSWORD=${NIGHTLIGHT_DB_PASSWORD:-} psql "$(psql_url)" -U "${NIGHTLIGHT_DB_USER:-postgres}" -qAtc \
    "select item_id || ' en' from live_texts where language_code = 'en' and slug = '$slug' limit 1"
}

# nginx serving the same bytes: each page's identity body as a file, with a .gz made once beside it
start_nginx() {
  local www="$WORK/www" path file
  mkdir -p "$www"
  while read -r path; do
    file="$www$(printf '%b' "${path//%/\\x}")"
    case "$file" in */) file="${file}index.html" ;; esac
    mkdir -p "$(dirname "$file")"
    curl -fs "$BASE$path" -o "$file"
    gzip -9 -k -f "$file"
  done <"$WORK/pages"
  chmod -R a+rX "$WORK"
  cat >"$WORK/nginx.conf" <<CONF
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  charset utf-8;
  gzip_static on;
  gzip_vary on;
  etag on;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi;
  uwsgi_temp_path $WORK/nginx-uwsgi;
  scgi_temp_path $WORK/nginx-scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $www;
    index index.html;
    add_header Cache-Control "public, max-age=300";
  }
}
CONF
  nginx -c "$WORK/nginx.conf" -g 'daemon off;' 2>>"$WORK/nginx-error.log" &
  NGINX=$!
  for _ in $(seq 1 50); do curl -fs "$NGINX_BASE$(head -1 "$WORK/pages")" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "nginx did not start:"; cat "$WORK/nginx-error.log"; exit 1
}
if [ "${BENCH_NGINX:-1}" = 1 ]; then
  if ! command -v nginx >/dev/null; then
    echo "nginx is not installed (apt-get install -y nginx); the comparison is skipped"
  else
    start_nginx
    echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') serves the same $(wc -l <"$WORK/pages") pages on $NGINX_BASE" \
      "(identity and gzip -9 files, gzip_static on)"
  fi
fi

# JIT warm-up on everything before the first measurement; each page also asked once gzip and once zstd, as
# nginx's .gz files are made before its runs (the app makes a variant the first time a client asks for it).
# Rendering takes the JIT 1-2 minutes to settle on 2 busy cores (the compilers share them with the load): pages
# and searches are rendered in 5 s windows until three windows in a row are no faster than the best before them
# by 3 % (at least 60 s, at most BENCH_WARMUP_MAX, 240 s), so the runs measure a server that has been up a while.
cat "$WORK/pages" "$WORK/searches" >"$WORK/all"
if command -v wrk >/dev/null; then
  PATHS="$WORK/all" BUST=0 wrk -t"$THREADS" -c"$CONNECTIONS" -s bench/paths.lua -d10s "$BASE" >/dev/null
  best=0; flat=0; rates=""
  for window in $(seq 1 $((${BENCH_WARMUP_MAX:-240} / 5))); do
    rate=$(PATHS="$WORK/all" BUST=1 wrk -t"$THREADS" -c"$CONNECTIONS" -s bench/paths.lua -d5s "$BASE" |
      awk '/Requests\/sec/ { printf "%.0f", $2 }')
    rates="$rates $rate"
    if awk -v r="$rate" -v b="$best" 'BEGIN { exit !(r > b * 1.03) }'; then flat=0; else flat=$((flat + 1)); fi
    best=$(awk -v r="$rate" -v b="$best" 'BEGIN { print (r > b ? r : b) }')
    if [ "$window" -ge 12 ] && [ "$flat" -ge 3 ]; then break; fi
  done
  echo "render warm-up, pages and searches rendered per second in 5 s windows:$rates"
  for coding in gzip zstd; do
    sed "s|^|$BASE|" "$WORK/all" | xargs -n 500 curl -s -H "Accept-Encoding: $coding" >/dev/null || true
  done
fi

run "pages, from the render cache" "$WORK/pages" 0 ""
[ -n "$NGINX" ] && run "pages, nginx" "$WORK/pages" 0 "" "$NGINX_BASE"
run "pages, from the render cache, gzip" "$WORK/pages" 0 "Accept-Encoding: gzip"
[ -n "$NGINX" ] && run "pages, nginx, gzip (precompressed)" "$WORK/pages" 0 "Accept-Encoding: gzip" "$NGINX_BASE"
run "pages, from the render cache, zstd" "$WORK/pages" 0 "Accept-Encoding: zstd"
# The ceiling of any Jetty handler here: the app's Jetty answering every request with one page's bytes
if [ "${BENCH_FLOOR:-1}" = 1 ] && command -v wrk >/dev/null; then
  curl -fs "$BASE$QUESTION" -o "$WORK/floor.html"
  java -cp target/nightlight.jar bench/JettyFloor.java "$FLOOR_PORT" "$WORK/floor.html" >"$WORK/floor.log" 2>&1 &
  FLOOR=$!
  for _ in $(seq 1 100); do curl -fso /dev/null "http://127.0.0.1:$FLOOR_PORT/" && break; sleep 0.1; done
  # the same addresses as the other runs (Jetty parses and decodes each), every one answered with the same bytes
  PATHS="$WORK/pages" BUST=0 wrk -t"$THREADS" -c"$CONNECTIONS" -s bench/paths.lua -d5s "http://127.0.0.1:$FLOOR_PORT" >/dev/null
  run "bare Jetty, one fixed page (the ceiling)" "$WORK/pages" 0 "" "http://127.0.0.1:$FLOOR_PORT"
  kill "$FLOOR"; wait "$FLOOR" 2>/dev/null || true; FLOOR=""
fi
run "pages, rendered every time (cache bypassed)" "$WORK/pages" 1 ""
# question pages alone (most of a catalogue's pages; a topic page, 50 answers, costs several of them)
grep -E '^/[^/]+/[^/]+/[^/]+$' "$WORK/pages" >"$WORK/questions" || true
[ -s "$WORK/questions" ] && run "question pages, rendered every time" "$WORK/questions" 1 ""
run "pages, rendered every time, browser encodings" "$WORK/pages" 1 "Accept-Encoding: gzip, deflate, br, zstd"
run "search, from the render cache" "$WORK/searches" 0 ""
run "search, run every time (cache bypassed)" "$WORK/searches" 1 ""
# what one reader waits for, nothing queued ahead (issue 13's search target is its p95)
RUN_THREADS=1 RUN_CONNECTIONS=1 run "pages, rendered every time, one at a time" "$WORK/pages" 1 ""
RUN_THREADS=1 RUN_CONNECTIONS=1 run "search, run every time, one at a time" "$WORK/searches" 1 ""
# Storms: the same cached load, gzip, while a publication (its question, topic and home pages, the sitemap and
# searches drop out) and then a renamed language (every page rendered again in the background, the old copy
# serving meanwhile) reach the app 1 s into the run
if [ -n "${NIGHTLIGHT_DB_URL:-}" ] && command -v psql >/dev/null && item=$(sample_item) && [ -n "$item" ]; then
  NOTIFY_AFTER_1S="publications $item" run "pages, gzip, a publication 1 s in" "$WORK/pages" 0 "Accept-Encoding: gzip"
  NOTIFY_AFTER_1S="languages" run "pages, gzip, a language renamed 1 s in" "$WORK/pages" 0 "Accept-Encoding: gzip"
else
  echo "storm scenarios skipped: they need NIGHTLIGHT_DB_URL, psql and an English question page in the sample"
fi
rps() { grep -m1 -F "$1 " "$WORK/results" | awk '{for (i = 1; i <= NF; i++) if ($(i+1) == "req/s") print $i}'; }
ratio() { awk -v a="$(rps "$1")" -v b="$(rps "$2")" -v name="$3" 'BEGIN { if (b > 0) printf "%-44s %.2f\n", name, a / b }'; }
echo
if [ -n "$NGINX" ] && command -v wrk >/dev/null; then
  ratio "pages, from the render cache" "pages, nginx" "ratio app/nginx, identity"
  ratio "pages, from the render cache, gzip" "pages, nginx, gzip (precompressed)" "ratio app/nginx, gzip"
  grep -q "bare Jetty" "$WORK/results" && ratio "bare Jetty, one fixed page (the ceiling)" "pages, nginx" \
    "ratio bare Jetty/nginx, identity"
fi
if grep -q "a publication 1 s in" "$WORK/results" 2>/dev/null; then
  ratio "pages, gzip, a publication 1 s in" "pages, from the render cache, gzip" "ratio after a publication/cached, gzip"
  ratio "pages, gzip, a language renamed 1 s in" "pages, from the render cache, gzip" \
    "ratio after a renamed language/cached, gzip"
fi
echo
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
echo "app memory after the runs: $(ps -o rss= -p "$APP" | awk '{printf "%.0f MiB RSS", $1/1024}')"
# a cache that lost its pages mid-run shows here (and in target/bench-app.log, kept after the run)
echo "page cache over the whole run: $(cache_state)"
