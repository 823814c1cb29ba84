// Prints a page's four Lighthouse category scores and every scored audit that did not pass, from the median of
// its runs (Lighthouse's own choice: the run nearest the median first contentful paint and interactive time),
// with the range of performance scores over the runs; exits 1 when a category of that run scores below 100.
//   node summary.mjs <label> <report.json>...
import { readFileSync } from 'node:fs';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';

const [label, ...files] = process.argv.slice(2);
const runs = files.map((file) => JSON.parse(readFileSync(file, 'utf8')));
const report = runs.length > 1 ? computeMedianRun(runs) : runs[0];
const order = ['performance', 'accessibility', 'best-practices', 'seo'];
const score = (lhr, id) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100));
const scores = order.map((id) => score(report, id));
const performances = runs.map((lhr) => score(lhr, 'performance'));
const range = runs.length > 1 ? `  (performance over ${runs.length} runs: ${performances.join(', ')})` : '';
console.log(`${scores.map((s) => String(s ?? 'n/a').padStart(5)).join(' ')}  ${decodeURI(label)}${range}`);
if (report.runtimeError) console.log(`    runtime error: ${report.runtimeError.code} ${report.runtimeError.message}`);
for (const warning of report.runWarnings ?? []) console.log(`    warning: ${warning.replace(/\s+/g, ' ').slice(0, 200)}`);

// audits that count towards a category and did not pass (informative and not-applicable ones skipped)
const counted = new Set(order.flatMap((id) => (report.categories[id]?.auditRefs ?? [])
  .filter((ref) => ref.weight > 0).map((ref) => ref.id)));
for (const audit of Object.values(report.audits)) {
  const failing = audit.score !== null && audit.score < 1
    && ['binary', 'numeric', 'metricSavings'].includes(audit.scoreDisplayMode);
  if (failing && counted.has(audit.id)) {
    const items = (audit.details?.items ?? []).slice(0, 5).map((item) =>
      item.node?.snippet ?? item.url ?? item.source?.url ?? item.description ?? JSON.stringify(item).slice(0, 160));
    console.log(`    ${audit.id} (${Math.round(audit.score * 100)}): ${audit.title}${audit.displayValue ? ' — ' + audit.displayValue : ''}`);
    for (const item of items) console.log(`        ${String(item).replace(/\s+/g, ' ').slice(0, 200)}`);
  }
}
process.exit(scores.every((s) => s === 100) ? 0 : 1);
