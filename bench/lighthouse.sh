#!/usr/bin/env bash
# Lighthouse on the public site (not a test): starts the app with the demo content on an embedded PostgreSQL
# in a temporary directory (as bench/run.sh does), runs Lighthouse (mobile, default simulated throttling,
# headless Chromium) on the home, a topic and a question page in every public language, prints the four
# category scores per page and the audits that did not pass, and exits non-zero when any score is below 100.
# Each page is requested once before it is measured, so the server time is the render cache's (see README).
# Scores vary from run to run on a busy machine: each page is measured LIGHTHOUSE_RUNS times (3) and the
# median run counts, as Lighthouse's documentation on variability advises.
# It stops everything it started.
#
#   bench/lighthouse.sh [languages, default: every public language]
#
# Needs Node 18.16+ and Chromium (CHROME_PATH, default /usr/bin/chromium); installs Lighthouse from
# bench/lighthouse/package-lock.json on first use. BENCH_SKIP_BUILD=1 reuses target/nightlight.jar;
# LIGHTHOUSE_REPORTS=dir keeps the JSON reports there.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${BENCH_PORT:-18183}
RUNS=${LIGHTHOUSE_RUNS:-3}
BASE="http://127.0.0.1:$PORT"
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

if [ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]; then
  (cd bench/lighthouse && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/nightlight.jar ]; then
  ./mvnw -q -DskipTests package
fi

WORK=$(mktemp -d)
REPORTS=${LIGHTHOUSE_REPORTS:-$WORK/reports}
mkdir -p "$REPORTS"
export NIGHTLIGHT_PORT=$PORT NIGHTLIGHT_DEMO=true NIGHTLIGHT_DATA_DIR="$WORK/data"
export NIGHTLIGHT_DEMO_PASSWORD=${NIGHTLIGHT_DEMO_PASSWORD:-bench-demo-password-1234}
java -Xms256m -Xmx512m -jar target/nightlight.jar >"$WORK/app.log" 2>&1 &
APP=$!
cleanup() {
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 240); do
  if curl -fs "$BASE/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$APP" 2>/dev/null; then echo "the app did not start:"; cat "$WORK/app.log"; exit 1; fi
  sleep 0.5
done
curl -fs "$BASE/health" >/dev/null || { echo "the app did not answer /health in 120 s"; tail -50 "$WORK/app.log"; exit 1; }

# the first topic of each home page and the first question of that topic, found by following links
first_link() { curl -fs "$BASE$1" | grep -o "href=\"$2[^\"#?]*\"" | sed 's/^href="//; s/"$//' | sed -n 1p; }
LANGS=${1:-$(curl -fs "$BASE/en/" | grep -o 'hreflang="[^"]*"' | sed 's/hreflang="//; s/"//' | grep -vx 'x-default' | awk '!seen[$0]++')}
: >"$WORK/pages"
for lang in $LANGS; do
  topic=$(first_link "/$lang/" "/$lang/[^/\"]*/")
  question=$(first_link "$topic" "$topic[^\"/]")
  [ -n "$topic" ] && [ -n "$question" ] || { echo "no topic or question page found for $lang"; exit 1; }
  printf '%s home %s\n%s topic %s\n%s question %s\n' "$lang" "/$lang/" "$lang" "$topic" "$lang" "$question" >>"$WORK/pages"
done

# one request each first, as a visitor after the first finds them: from the render cache
while read -r _ _ path; do curl -fs -o /dev/null "$BASE$path"; done <"$WORK/pages"

echo "Lighthouse $(bench/lighthouse/node_modules/.bin/lighthouse --version), $("$CHROME_PATH" --version 2>/dev/null | head -1)"
echo "mobile form factor, simulated throttling (Lighthouse's defaults), median of $RUNS runs; load average $(cut -d" " -f1-3 /proc/loadavg)"
printf '%5s %5s %5s %5s  %s\n' "perf" "a11y" "best" "seo" "page"
status=0
while read -r lang kind path; do
  reports=()
  for run in $(seq 1 "$RUNS"); do
    report="$REPORTS/$lang-$kind-$run.json"
    if bench/lighthouse/node_modules/.bin/lighthouse "$BASE$path" --quiet --output=json --output-path="$report" \
        --chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage" </dev/null >"$WORK/lighthouse.log" 2>&1; then
      reports+=("$report")
    else
      echo "$lang $kind $path: Lighthouse failed"; tail -20 "$WORK/lighthouse.log"; status=1
    fi
  done
  [ ${#reports[@]} -gt 0 ] || continue
  node bench/lighthouse/summary.mjs "$lang $kind $path" "${reports[@]}" </dev/null || status=1
done <"$WORK/pages"
exit $status
