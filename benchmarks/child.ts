import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DISABLED_CALLS, METHOD_OF, type ScenarioName } from './scenarios.js';
import { SUBJECTS } from './subjects/index.js';
import { checkLines, readRolledSet } from './line-check.js';

/** One measurement in a fresh process: `node child.js <subject> <scenario> <lines>`; prints one JSON line. */
async function main(): Promise<void> {
  const [subjectName = '', scenario = '', linesArg = '200000'] = process.argv.slice(2);
  const entry = SUBJECTS[subjectName];
  if (!entry) throw new Error(`unknown subject "${subjectName}"`);
  const subject = await entry.load();
  const method = METHOD_OF[scenario as ScenarioName];
  const run = method ? subject[method] : undefined;
  if (!run) {
    console.log(JSON.stringify({ skipped: true }));
    return;
  }
  const lines = Number(linesArg);
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-'));
  try {
    const devNull = scenario.endsWith('-devnull');
    const target = scenario === 'rolling' ? dir : devNull ? '/dev/null' : join(dir, 'out.log');
    const count = scenario === 'disabled' ? DISABLED_CALLS : lines;
    const start = process.hrtime.bigint();
    const measured = await (run as (target: string | number, count?: number) => Promise<number | void>).call(
      subject, scenario === 'disabled' ? count : target, count);
    const elapsedNs = typeof measured === 'number' ? measured : Number(process.hrtime.bigint() - start);
    let problem: string | null = null;
    if (scenario === 'rolling') problem = checkLines(readRolledSet(dir, 'out.log'), lines);
    else if (scenario !== 'disabled' && !devNull) problem = checkLines(readFileSync(target, 'utf8'), lines);
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify(scenario === 'disabled'
      ? { nsPerCall: elapsedNs / count, peakRssMiB, problem }
      : { linesPerSec: lines / (elapsedNs / 1e9), peakRssMiB, problem }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  process.exitCode = 1;
});
