import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWAITED_TURNS, DISABLED_CALLS, METHOD_OF, PACKAGE_OF, PER_TURN, type ScenarioName } from './scenarios.js';
import { awaitAPromisePerTurn } from './workload.js';
import { SUBJECTS } from './subjects/index.js';
import { checkLines, readRolledSet } from './line-check.js';

const MiB = 2 ** 20;

/** What the process holds open: the handles that keep the event loop alive (a timer, a socket), by kind. */
function openHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** Descriptors with what they name (`socket:[…]`, a path), which also shows unreferenced ones (an unref'd listening socket, a file). */
function openDescriptors(): Set<string> {
  if (!existsSync('/proc/self/fd')) return new Set();
  return new Set(readdirSync('/proc/self/fd').map((fd) => {
    try {
      return `${fd} ${readlinkSync(`/proc/self/fd/${fd}`)}`;
    } catch {
      return fd;
    }
  }));
}

/** Sockets and files opened since `before`; io_uring and other anonymous descriptors of Node's own I/O are left out. */
function openedSince(handles: Map<string, number>, descriptors: Set<string>): string[] {
  const opened = [...openHandles()].flatMap(([kind, n]) => (n > (handles.get(kind) ?? 0) ? [`${kind} ×${n - (handles.get(kind) ?? 0)}`] : []));
  for (const entry of openDescriptors()) {
    const link = entry.slice(entry.indexOf(' ') + 1);
    if (!descriptors.has(entry) && (link.startsWith('socket:') || link.startsWith('/'))) opened.push(link.startsWith('/') ? `file ${link}` : 'socket');
  }
  return opened;
}

/**
 * What a command-line tool or a serverless function pays on every start: the time
 * and resident memory of `import()` of the package, what it leaves open, and the
 * time until a first line is in a file (configuration, appender, write, close).
 * Runs before anything else of the subject is loaded.
 */
async function importCost(subjectName: string, entry: (typeof SUBJECTS)[string]): Promise<object> {
  const specifier = PACKAGE_OF[subjectName];
  if (specifier === undefined) return { skipped: true };
  // stdout's handle is made on first use; this process prints its result through it anyway.
  void process.stdout;
  const handles = openHandles();
  const descriptors = openDescriptors();
  const rssBefore = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  await import(specifier);
  const imported = process.hrtime.bigint();
  const importRssMiB = (process.memoryUsage().rss - rssBefore) / MiB;
  const opened = openedSince(handles, descriptors);
  const subject = await entry.load();
  const firstLine = subject.pattern ?? subject.json;
  if (!firstLine) return { skipped: true };
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-'));
  try {
    const file = join(dir, 'out.log');
    const lineStart = process.hrtime.bigint();
    await firstLine.call(subject, file, 1);
    const lineNs = Number(process.hrtime.bigint() - lineStart);
    return {
      importMs: Number(imported - start) / 1e6,
      importRssMiB,
      opened,
      firstLineMs: lineNs / 1e6,
      rssMiB: (process.memoryUsage().rss - rssBefore) / MiB,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      problem: checkLines(readFileSync(file, 'utf8'), 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (h): the subject's request logger behind the demo's middleware; the file is checked line by line afterwards. */
async function httpCost(entry: (typeof SUBJECTS)[string], lines: number): Promise<object> {
  const subject = await entry.load();
  if (!subject.http) return { skipped: true };
  // Loaded here, not at the top: the import scenario measures a process that has loaded no part of logwarden.
  const { measureHttp } = await import('./http-scenario.js');
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-'));
  try {
    const file = join(dir, 'out.log');
    const logger = await subject.http(file);
    const { written, problem, ...measured } = await measureHttp(logger, lines);
    return {
      ...measured,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      problem: problem ?? (logger.discards ? null : checkLines(readFileSync(file, 'utf8'), written)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One measurement in a fresh process: `node child.js <subject> <scenario> <lines>`; prints one JSON line. */
async function main(): Promise<void> {
  const [subjectName = '', scenario = '', linesArg = '200000'] = process.argv.slice(2);
  const entry = SUBJECTS[subjectName];
  if (!entry) throw new Error(`unknown subject "${subjectName}"`);
  if (scenario === 'import') {
    console.log(JSON.stringify(await importCost(subjectName, entry)));
    return;
  }
  if (scenario === 'http') {
    console.log(JSON.stringify(await httpCost(entry, Number(linesArg))));
    return;
  }
  const subject = await entry.load();
  const method = METHOD_OF[scenario as Exclude<ScenarioName, 'import' | 'http'>];
  const run = method ? subject[method] : undefined;
  if (!run) {
    console.log(JSON.stringify({ skipped: true }));
    return;
  }
  const lines = Number(linesArg);
  if (AWAITED_TURNS.has(scenario as ScenarioName)) awaitAPromisePerTurn();
  const dir = mkdtempSync(join(tmpdir(), 'logwarden-bench-'));
  try {
    const devNull = scenario.endsWith('-devnull');
    const target = scenario === 'rolling' ? dir : devNull ? '/dev/null' : join(dir, 'out.log');
    const count = scenario === 'disabled' ? DISABLED_CALLS : lines;
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const measured = await (run as (target: string | number, count?: number, perTurn?: number) => Promise<number | void>).call(
      subject, scenario === 'disabled' ? count : target, count, PER_TURN[scenario as ScenarioName]);
    const elapsedNs = typeof measured === 'number' ? measured : Number(process.hrtime.bigint() - start);
    const cpu = process.cpuUsage(cpuStart);
    // A subject that times itself (the floor) leaves set-up out of its time; its CPU time would hold it.
    const cpuNsPerLine = typeof measured === 'number' ? undefined : (cpu.user + cpu.system) * 1000 / lines;
    let problem: string | null = null;
    if (scenario === 'rolling') problem = checkLines(readRolledSet(dir, 'out.log'), lines);
    else if (scenario !== 'disabled' && !devNull) problem = checkLines(readFileSync(target, 'utf8'), lines);
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    console.log(JSON.stringify(scenario === 'disabled'
      ? { nsPerCall: elapsedNs / count, peakRssMiB, problem }
      : { linesPerSec: lines / (elapsedNs / 1e9), cpuNsPerLine, peakRssMiB, problem }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  process.exitCode = 1;
});
