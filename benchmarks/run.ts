import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readBenchSettings, type BenchSettings } from './bench-settings.js';
import { SCENARIOS, type ScenarioName } from './scenarios.js';
import { SUBJECTS } from './subjects/index.js';

/**
 * `npm run bench`: every (scenario, subject) pair in a fresh child process,
 * interleaved over several rounds so that drift of the shared machine hits all
 * subjects alike; prints medians, min/max, peak RSS and logwarden's ratio to each
 * peer measured in the same run, then the targets. Each line scenario also gets the
 * process's CPU time per line (every thread, user + system), which moves less than
 * wall time when other work shares the machine.
 * Environment: BENCH_ROUNDS (5), BENCH_LINES (200000), BENCH_SCENARIOS, BENCH_SUBJECTS
 * (comma lists of the names in scenarios.ts and subjects/index.ts).
 */
interface Measurement {
  linesPerSec?: number;
  nsPerCall?: number;
  importMs?: number;
  importRssMiB?: number;
  opened?: string[];
  firstLineMs?: number;
  rssMiB?: number;
  requestsPerSec?: number;
  p50Ms?: number;
  p99Ms?: number;
  cpuMicrosPerRequest?: number;
  cpuNsPerLine?: number;
  peakRssMiB: number;
  problem?: string | null;
  error?: string;
  skipped?: boolean;
}

let settings: BenchSettings;
try {
  settings = readBenchSettings(process.env, { scenarios: Object.keys(SCENARIOS), subjects: Object.keys(SUBJECTS) });
} catch (cause) {
  console.error(`npm run bench: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(2);
}
const { rounds, lines, subjects } = settings;
const scenarios = settings.scenarios as ScenarioName[];
const child = fileURLToPath(new URL('./child.js', import.meta.url));

const results = new Map<string, Measurement[]>();
const problems: string[] = [];
const key = (scenario: string, subject: string) => `${scenario}\u0000${subject}`;

function measure(subject: string, scenario: ScenarioName): Measurement | null {
  const run = spawnSync(process.execPath, [child, subject, scenario, String(lines)], { encoding: 'utf8', timeout: 10 * 60_000 });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  let result: Measurement;
  try {
    result = JSON.parse(last) as Measurement;
  } catch {
    problems.push(`${subject} ${scenario}: no result (exit ${run.status}, signal ${run.signal}): ${run.stderr.slice(0, 400)}`);
    return null;
  }
  if (result.skipped) return null;
  if (result.error) problems.push(`${subject} ${scenario}: ${result.error}`);
  else if (result.problem) problems.push(`${subject} ${scenario}: ${result.problem}`);
  return result;
}

const started = Date.now();
for (let round = 1; round <= rounds; round++) {
  for (const scenario of scenarios) {
    for (const subject of subjects) {
      const result = measure(subject, scenario);
      if (!result || result.error) continue;
      const list = results.get(key(scenario, subject)) ?? [];
      list.push(result);
      results.set(key(scenario, subject), list);
    }
  }
  process.stderr.write(`round ${round}/${rounds} done after ${Math.round((Date.now() - started) / 1000)} s\n`);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const value = (m: Measurement) => m.linesPerSec ?? m.nsPerCall ?? m.importMs ?? m.cpuMicrosPerRequest ?? NaN;
const fmt = (n: number, ns: boolean) => (ns ? n.toFixed(2) : Math.round(n).toLocaleString('en-US'));

function medianOf(scenario: string, subject: string): number | undefined {
  const list = results.get(key(scenario, subject));
  return list && list.length ? median(list.map(value)) : undefined;
}
function rssOf(scenario: string, subject: string): number | undefined {
  const list = results.get(key(scenario, subject));
  return list && list.length ? median(list.map((m) => m.peakRssMiB)) : undefined;
}

const out: string[] = [];
out.push(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
out.push(`${rounds} rounds, ${lines.toLocaleString('en-US')} lines per run, each run a fresh process ending with the file flushed and closed.`);
function medianField(scenario: string, subject: string, field: (m: Measurement) => number | undefined): number | undefined {
  const values = (results.get(key(scenario, subject)) ?? []).map(field).filter((v): v is number => v !== undefined);
  return values.length ? median(values) : undefined;
}

for (const scenario of scenarios) {
  if (scenario === 'import') {
    out.push('', `### ${SCENARIOS[scenario]}`, '');
    out.push('| subject | import ms (median) | min | max | RSS added by import, MiB | first line ms | RSS added after first line, MiB | opened by import |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const subject of subjects) {
      const list = results.get(key(scenario, subject));
      if (!list || list.length === 0) continue;
      const times = list.map((m) => m.importMs!);
      const opened = [...new Set(list.flatMap((m) => m.opened ?? []))].join(', ') || 'nothing';
      out.push(`| ${SUBJECTS[subject]!.name} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} | ${Math.max(...times).toFixed(1)} | ${medianField(scenario, subject, (m) => m.importRssMiB)!.toFixed(1)} | ${medianField(scenario, subject, (m) => m.firstLineMs)!.toFixed(1)} | ${medianField(scenario, subject, (m) => m.rssMiB)!.toFixed(1)} | ${opened} |`);
    }
    continue;
  }
  if (scenario === 'http') {
    out.push('', `### ${SCENARIOS[scenario]}`, '');
    out.push('Logging cost per request: the subject\'s server CPU time per request minus the NullAppender\'s (same middleware, same line handed to a NullAppender).', '');
    out.push('| subject | requests/s (median) | p50 ms | p99 ms | server CPU µs/request (median) | min | max | logging cost µs/request | peak RSS MiB |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const baseline = medianOf(scenario, 'null');
    for (const subject of subjects) {
      const list = results.get(key(scenario, subject));
      if (!list || list.length === 0) continue;
      const cpu = list.map(value);
      const med = median(cpu);
      const cost = baseline === undefined || subject === 'null' ? '—' : (med - baseline).toFixed(1);
      out.push(`| ${SUBJECTS[subject]!.name} | ${fmt(medianField(scenario, subject, (m) => m.requestsPerSec)!, false)} | ${medianField(scenario, subject, (m) => m.p50Ms)!.toFixed(2)} | ${medianField(scenario, subject, (m) => m.p99Ms)!.toFixed(2)} | ${med.toFixed(1)} | ${Math.min(...cpu).toFixed(1)} | ${Math.max(...cpu).toFixed(1)} | ${cost} | ${rssOf(scenario, subject)!.toFixed(1)} |`);
    }
    continue;
  }
  const ns = scenario === 'disabled';
  out.push('', `### ${SCENARIOS[scenario]}`, '');
  out.push(`| subject | median ${ns ? 'ns/call' : 'lines/s'} | min | max | CPU ns/line | peak RSS MiB | logwarden ${ns ? 'speed-up' : '×'} | logwarden × by CPU |`);
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
  const ours = medianOf(scenario, 'logwarden');
  const cpuOf = (subject: string) => medianField(scenario, subject, (m) => m.cpuNsPerLine);
  const oursCpu = cpuOf('logwarden');
  for (const subject of subjects) {
    const list = results.get(key(scenario, subject));
    if (!list || list.length === 0) continue;
    const values = list.map(value);
    const med = median(values);
    const ratio = ours === undefined ? '' : (ns ? med / ours : ours / med).toFixed(2);
    const cpu = cpuOf(subject);
    const cpuRatio = cpu === undefined || oursCpu === undefined || subject === 'logwarden' ? '—' : (cpu / oursCpu).toFixed(2);
    out.push(`| ${SUBJECTS[subject]!.name} | ${fmt(med, ns)} | ${fmt(Math.min(...values), ns)} | ${fmt(Math.max(...values), ns)} | ${cpu === undefined ? '—' : Math.round(cpu)} | ${rssOf(scenario, subject)!.toFixed(1)} | ${subject === 'logwarden' ? '—' : ratio} | ${cpuRatio} |`);
  }
}

const targets: Array<[string, number | undefined, number, string]> = [];
const a = medianOf('pattern', 'logwarden');
const ratio = (x: number | undefined, y: number | undefined) => (x === undefined || y === undefined ? undefined : x / y);
targets.push(['(a) ≥ 3× pino', ratio(a, medianOf('pattern', 'pino')), 3, '≥']);
targets.push(['(a) ≥ 30× log4js', ratio(a, medianOf('pattern', 'log4js')), 30, '≥']);
targets.push(['(a) within 3× of the I/O floor (floor ÷ logwarden)', ratio(medianOf('pattern', 'floor'), a), 3, '≤']);
targets.push(['(b) ≥ 1.5× pino', ratio(medianOf('json', 'logwarden'), medianOf('json', 'pino')), 1.5, '≥']);
const a10 = medianOf('pattern-turn10', 'logwarden');
targets.push(['(a10) ≥ 3× pino', ratio(a10, medianOf('pattern-turn10', 'pino')), 3, '≥']);
targets.push(['(a10) within 3× of the I/O floor (floor ÷ logwarden)', ratio(medianOf('pattern-turn10', 'floor'), a10), 3, '≤']);
targets.push(['(b10) ≥ 1.5× pino', ratio(medianOf('json-turn10', 'logwarden'), medianOf('json-turn10', 'pino')), 1.5, '≥']);
targets.push(['(k10) ECS ≥ 1.5× pino\'s JSON', ratio(medianOf('ecs-turn10', 'logwarden'), medianOf('ecs-turn10', 'pino')), 1.5, '≥']);
targets.push(['(g) import time ≤ 1.5× pino\'s (ratio)', ratio(medianOf('import', 'logwarden'), medianOf('import', 'pino')), 1.5, '≤']);
const importRss = (subject: string) => medianField('import', subject, (m) => m.importRssMiB);
const importRssOurs = importRss('logwarden');
const importRssPino = importRss('pino');
targets.push(['(g) RSS added by import ≤ pino\'s + 10 MiB (difference, MiB)', importRssOurs === undefined || importRssPino === undefined ? undefined : importRssOurs - importRssPino, 10, '≤']);
const importRuns = results.get(key('import', 'logwarden'));
targets.push(['(g) nothing opened by import (runs that opened something)', importRuns?.length ? importRuns.filter((m) => (m.opened ?? []).length > 0).length : undefined, 0, '≤']);
const httpBaseline = medianOf('http', 'null');
const httpCost = (subject: string) => {
  const cpu = medianOf('http', subject);
  return cpu === undefined || httpBaseline === undefined ? undefined : cpu - httpBaseline;
};
const httpOurs = httpCost('logwarden');
const httpPino = httpCost('pino');
targets.push(['(h) file appender\'s cost per request ≤ pino\'s (µs of server CPU over the NullAppender, logwarden − pino)',
  httpOurs === undefined || httpPino === undefined ? undefined : httpOurs - httpPino, 0, '≤']);
targets.push(['(c) no slower than pino (pino ns ÷ logwarden ns)', ratio(medianOf('disabled', 'pino'), medianOf('disabled', 'logwarden')), 1, '≥']);
targets.push(['(e) rotation costs ≤ 15% ((a) ÷ (e) time ratio)', ratio(a, medianOf('rolling', 'logwarden')), 1.15, '≤']);
targets.push(['(f) async MDC costs ≤ 25% ((a) ÷ (f) time ratio)', ratio(a, medianOf('mdc', 'logwarden')), 1.25, '≤']);
targets.push(['(j) trace correlation costs ≤ 20% ((j0) ÷ (j) time ratio)', ratio(medianOf('trace-off-turn10', 'logwarden'), medianOf('trace-turn10', 'logwarden')), 1.2, '≤']);
targets.push(['(jp) trace correlation costs ≤ 20% ((j0p) ÷ (jp) time ratio)', ratio(medianOf('pattern-trace-off-turn10', 'logwarden'), medianOf('pattern-trace-turn10', 'logwarden')), 1.2, '≤']);
const rssOurs = rssOf('pattern', 'logwarden');
const rssPino = rssOf('pattern', 'pino');
targets.push(['(a) peak RSS ≤ pino + 10 MiB (difference, MiB)', rssOurs === undefined || rssPino === undefined ? undefined : rssOurs - rssPino, 10, '≤']);

out.push('', '### Targets', '', '| target | measured | met |', '| --- | --- | --- |');
for (const [name, measured, bound, op] of targets) {
  if (measured === undefined) continue;
  const met = op === '≥' ? measured >= bound : measured <= bound;
  out.push(`| ${name} | ${measured.toFixed(2)} | ${met ? 'yes' : 'NO'} |`);
}
if (problems.length) out.push('', '### Problems (runs whose output was wrong or that failed)', '', ...problems.map((p) => `- ${p}`));
out.push('', `Total time: ${Math.round((Date.now() - started) / 1000)} s`);
console.log(out.join('\n'));
